import Foundation
import CPangoCairo

/// Gives every word of a finished Cairo PDF an `/ActualText` span holding its exact text, so PDF
/// readers that rebuild text from glyph positions (PDFium, poppler) give back the source text even
/// where Thai marks are drawn offset from their letter.
///
/// Cairo has no API for marked content, so `PDFCanvas` draws a marker around each word: two
/// zero-advance glyphs as one cluster whose text is `U+F8FF` + the word (start) or `U+F8FE`
/// (end). Cairo writes such a cluster as an `/ActualText` span. This pass rewrites each page's content
/// stream: a start marker becomes the opening of the word's span, an end marker its close, the marker
/// glyphs are removed (they have no advance, so nothing moves), and spans Cairo opened inside a word
/// are dropped (the word's span already says what it reads). Glyphs keep their own ToUnicode entries,
/// which readers that ignore `/ActualText` (pdfminer) use. The file is rewritten in full with a new
/// cross-reference table.
enum PDFWordSpans {
    static let wordStart: Unicode.Scalar = "\u{F8FF}"
    static let wordEnd: Unicode.Scalar = "\u{F8FE}"

    private static let spanOpen = Array("/Span << /ActualText <feff".utf8)
    private static let startMarker = Array("/Span << /ActualText <fefff8ff".utf8)
    private static let endMarker = Array("/Span << /ActualText <fefff8fe> >> BDC\n".utf8)
    private static let spanClose = Array("> >> BDC\n".utf8)
    private static let emc = Array("EMC\n".utf8)
    private static let contents = PDFPattern(#"/Contents\s+(\d+)\s+0\s+R"#)

    /// Rewrites the PDF at `path` in place (through a temporary file beside it).
    static func apply(toFile path: String) throws {
        let data = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let document = try CairoPDF(data: data, path: path)
        var contentObjects = Set<Int>()
        for object in document.objects where object.inUse {
            for number in Self.contents.integers(in: object.dictionary) { contentObjects.insert(number) }
        }
        let fonts = document.fonts()
        let codeWidths = fonts.mapValues(\.codeWidth)
        var meanings = GlyphMeanings()
        var replaced: [Int: [UInt8]] = [:]  // object number → new stream data, compressed
        for object in document.objects where object.inUse && contentObjects.contains(object.number) {
            guard let stream = try document.stream(of: object),
                  let rewritten = rewrite(stream, codeWidths: codeWidths, meanings: &meanings),
                  rewritten != stream else { continue }
            replaced[object.number] = try Zlib.deflate(rewritten)
        }
        var corrections: [Int: (entries: [UInt32: String], width: Int)] = [:]
        for (glyph, text) in meanings.corrections {
            guard let font = fonts[glyph.font], let map = font.toUnicode else { continue }
            corrections[map, default: ([:], font.codeWidth)].entries[glyph.code] = text
        }
        for object in document.objects where object.inUse {
            guard let correction = corrections[object.number], let cmap = try document.stream(of: object) else { continue }
            replaced[object.number] = try Zlib.deflate(ToUnicodeCMap.correcting(cmap, entries: correction.entries, width: correction.width))
        }

        // Written straight to a file beside the original, which it replaces once complete.
        let temporary = path + ".spans"
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
              let file = FileHandle(forWritingAtPath: temporary) else {
            throw GraphicsError("cannot write \(temporary) to add word spans")
        }
        var output = BufferedOutput(file: file)
        do {
            try output.write(data[0..<(document.objects.filter(\.inUse).map(\.offset).min() ?? 0)])
            var offsets: [Int: Int] = [:]
            for object in document.objects where object.inUse {
                offsets[object.number] = output.count
                guard let compressed = replaced[object.number] else {
                    try output.write(document.bytes(of: object))
                    continue
                }
                try output.write(Array("\(object.number) 0 obj\n<< /Length \(compressed.count)\n   /Filter /FlateDecode\n>>\nstream\n".utf8)[...])
                try output.write(compressed[...])
                try output.write(Array("\nendstream\nendobj\n".utf8)[...])
            }
            let xref = output.count
            var table = "xref\n0 \(document.objects.count + 1)\n0000000000 65535 f \n"
            for object in document.objects {
                if let offset = offsets[object.number] {
                    table += String(format: "%010d 00000 n \n", offset)
                } else {
                    table += "0000000000 00000 f \n"
                }
            }
            table += "trailer\n\(document.trailer)\nstartxref\n\(xref)\n%%EOF\n"
            try output.write(Array(table.utf8)[...])
            try output.flush()
            try file.close()
        } catch {
            try? file.close()
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            try? FileManager.default.removeItem(atPath: temporary)
            throw GraphicsError("cannot replace \(path) after adding word spans")
        }
    }

    /// The content stream with word markers turned into spans; nil when it has none. Records in
    /// `meanings` which glyphs Cairo wrapped in spans of their own (and for what text) and which it
    /// showed plainly; `codeWidths` gives each font's code length in bytes.
    static func rewrite(_ content: [UInt8], codeWidths: [String: Int], meanings: inout GlyphMeanings) -> [UInt8]? {
        guard content.range(of: startMarker) != nil else { return nil }
        var result: [UInt8] = []
        result.reserveCapacity(content.count)
        var index = 0
        var inWord = false
        var font = ""
        var innerSpan: (text: String, glyphs: [FontGlyph])?
        while index < content.count {
            if content[index...].starts(with: startMarker), let close = content[index...].range(of: spanClose),
               let end = content[close.upperBound...].range(of: emc) {
                // Start marker: open the word's span with the text after U+F8FF.
                result += spanOpen
                result += content[(index + startMarker.count)..<close.lowerBound]
                result += spanClose
                result += withoutTextShowing(content[close.upperBound..<end.lowerBound])
                index = end.upperBound
                inWord = true
            } else if content[index...].starts(with: endMarker), let end = content[(index + endMarker.count)...].range(of: emc) {
                result += withoutTextShowing(content[(index + endMarker.count)..<end.lowerBound])
                result += emc
                index = end.upperBound
                inWord = false
            } else if inWord, innerSpan == nil, content[index...].starts(with: spanOpen),
                      let close = content[index...].range(of: spanClose) {
                // A span Cairo opened inside the word (a glyph whose ToUnicode entry reads otherwise): drop it.
                innerSpan = (String(decoding: content[(index + spanOpen.count)..<close.lowerBound], as: UTF8.self), [])
                index = close.upperBound
            } else if let span = innerSpan, content[index...].starts(with: emc) {
                if span.glyphs.count == 1 { meanings.recordSpanned(span.glyphs[0], text: span.text) }
                innerSpan = nil
                index += emc.count
            } else {
                let lineEnd = content[index...].firstIndex(of: 0x0A).map { $0 + 1 } ?? content.count
                let line = content[index..<(lineEnd - (content[lineEnd - 1] == 0x0A ? 1 : 0))]
                if line.last == UInt8(ascii: "f"), line.dropLast().last == UInt8(ascii: "T"), line.first == UInt8(ascii: "/"),
                   let name = line.dropFirst().split(separator: 0x20).first {
                    font = String(decoding: name, as: UTF8.self)
                } else if let strings = TextShowing.strings(in: line), let width = codeWidths[font] {
                    let glyphs = strings.flatMap { TextShowing.codes($0, width: width) }.map { FontGlyph(font: font, code: $0) }
                    if innerSpan != nil {
                        innerSpan?.glyphs += glyphs
                    } else {
                        glyphs.forEach { meanings.recordPlain($0) }
                    }
                }
                result += content[index..<lineEnd]
                index = lineEnd
            }
        }
        return result
    }

    /// The operators of a marker's body without its glyphs: a `Tj` goes, a `TJ` keeps only its
    /// numbers (Cairo moves the text position with them). Marker glyphs have no advance, so the text
    /// state after the marker is what Cairo expects.
    private static func withoutTextShowing(_ body: ArraySlice<UInt8>) -> [UInt8] {
        var kept: [UInt8] = []
        for line in body.split(separator: 0x0A, omittingEmptySubsequences: true) {
            if line.last == UInt8(ascii: "j"), line.dropLast().last == UInt8(ascii: "T") { continue }
            if line.last == UInt8(ascii: "J"), line.dropLast().last == UInt8(ascii: "T") {
                var numbers: [UInt8] = []
                var inString = false
                for byte in line.dropLast(2) {
                    switch byte {
                    case UInt8(ascii: "<"): inString = true; numbers.append(0x20)
                    case UInt8(ascii: ">"): inString = false
                    case UInt8(ascii: "["), UInt8(ascii: "]"): break
                    default: if !inString { numbers.append(byte) }
                    }
                }
                let moves = numbers.split(separator: 0x20).map { String(decoding: $0, as: UTF8.self) }
                if !moves.isEmpty { kept += Array("[\(moves.joined(separator: " "))]TJ\n".utf8) }
                continue
            }
            kept += line
            kept.append(0x0A)
        }
        return kept
    }
}

/// Bytes written to a file through a 1 MB buffer, counting how many were written (the offsets of a
/// cross-reference table).
private struct BufferedOutput {
    let file: FileHandle
    private(set) var count = 0
    private var buffer: [UInt8] = []

    init(file: FileHandle) {
        self.file = file
        buffer.reserveCapacity(1 << 20)
    }

    mutating func write(_ bytes: ArraySlice<UInt8>) throws {
        buffer += bytes
        count += bytes.count
        if buffer.count >= 1 << 20 { try flush() }
    }

    mutating func flush() throws {
        try file.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}

/// The objects of a PDF as Cairo writes it: one cross-reference table, objects in order.
private struct CairoPDF {
    struct Object {
        var number: Int
        var offset: Int
        var inUse: Bool
        /// The object's text up to its stream data (the dictionary), as Latin-1.
        var dictionary: String
        var end: Int
    }

    let data: [UInt8]
    let path: String
    var objects: [Object] = []
    var trailer: String

    init(data: [UInt8], path: String) throws {
        self.data = data
        self.path = path
        let tail = String(decoding: data.suffix(1024), as: UTF8.self)
        guard let startxref = tail.range(of: "startxref", options: .backwards),
              let xref = Int(tail[startxref.upperBound...].split(whereSeparator: \.isNewline).first?.trimmingCharacters(in: .whitespaces) ?? ""),
              xref < data.count else { throw GraphicsError("\(path) has no cross-reference table to update") }
        let table = String(decoding: data[xref...], as: UTF8.self)
        let lines = table.split(separator: "\n", omittingEmptySubsequences: true).map { $0.trimmingCharacters(in: .whitespaces) }
        guard lines.count > 2, lines[0] == "xref", let header = lines[1].split(separator: " ").last, let count = Int(header),
              lines[1].hasPrefix("0 "), lines.count > count + 2,
              let trailerStart = table.range(of: "trailer"), let trailerEnd = table.range(of: "startxref") else {
            throw GraphicsError("\(path) has a cross-reference table this tool cannot read")
        }
        trailer = String(table[trailerStart.upperBound..<trailerEnd.lowerBound]).trimmingCharacters(in: .whitespacesAndNewlines)
        var entries: [Object] = []
        for number in 1..<count {
            let fields = lines[number + 2].split(separator: " ")
            guard fields.count == 3, let offset = Int(fields[0]) else { throw GraphicsError("\(path): damaged cross-reference entry") }
            entries.append(Object(number: number, offset: offset, inUse: fields[2] == "n", dictionary: "", end: 0))
        }
        let starts = entries.filter(\.inUse).map(\.offset).sorted() + [xref]
        for i in entries.indices where entries[i].inUse {
            let start = entries[i].offset
            guard let next = starts.first(where: { $0 > start }) else { continue }
            entries[i].end = next
            let head = data[start..<min(next, start + 4096)]
            let streamAt = head.range(of: Array("stream".utf8))?.lowerBound ?? head.endIndex
            entries[i].dictionary = String(decoding: data[start..<streamAt], as: UTF8.self)
        }
        objects = entries
    }

    func bytes(of object: Object) -> ArraySlice<UInt8> { data[object.offset..<object.end] }

    /// The decompressed data of a Flate stream object; nil for other objects.
    func stream(of object: Object) throws -> [UInt8]? {
        guard object.dictionary.contains("/FlateDecode"), !object.dictionary.contains("/DecodeParms") else { return nil }
        let body = bytes(of: object)
        guard let open = body.range(of: Array("stream".utf8)) else { return nil }
        var start = open.upperBound
        if start < body.endIndex, body[start] == 0x0D { start += 1 }
        if start < body.endIndex, body[start] == 0x0A { start += 1 }
        let length: Int
        if let direct = Self.directLength.integers(in: object.dictionary).first {
            length = direct
        } else if let reference = Self.lengthReference.integers(in: object.dictionary).first,
                  let lengthObject = objects.first(where: { $0.number == reference && $0.inUse }),
                  let value = Self.integerObject.integers(in: String(decoding: bytes(of: lengthObject), as: UTF8.self)).first {
            length = value
        } else {
            return nil
        }
        guard start + length <= body.endIndex else { throw GraphicsError("\(path): a stream is longer than its object") }
        return try Zlib.inflate(body[start..<(start + length)])
    }

    /// The fonts the pages name, by resource name: how many bytes a code takes (2 for Cairo's
    /// `Type0` fonts, 1 for its simple ones) and the object holding the font's ToUnicode map.
    func fonts() -> [String: (codeWidth: Int, toUnicode: Int?)] {
        let byNumber = Dictionary(objects.filter(\.inUse).map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        var result: [String: (codeWidth: Int, toUnicode: Int?)] = [:]
        for object in objects where object.inUse {
            for block in Self.fontResources.matches(in: object.dictionary) {
                for entry in Self.fontEntry.matches(in: block[0]) {
                    guard let number = Int(entry[1]), let font = byNumber[number] else { continue }
                    result[entry[0]] = (font.dictionary.contains("/Type0") ? 2 : 1, Self.toUnicode.integers(in: font.dictionary).first)
                }
            }
        }
        return result
    }

    private static let directLength = PDFPattern(#"/Length\s+(\d+)\s*[/>]"#)
    private static let lengthReference = PDFPattern(#"/Length\s+(\d+)\s+0\s+R"#)
    private static let integerObject = PDFPattern(#"obj\s*(\d+)\s*endobj"#)
    private static let fontResources = PDFPattern(#"/Font\s*<<([^>]*)>>"#)
    private static let fontEntry = PDFPattern(#"/([^\s/]+)\s+(\d+)\s+0\s+R"#)
    private static let toUnicode = PDFPattern(#"/ToUnicode\s+(\d+)\s+0\s+R"#)
}

/// Flate compression through zlib.
enum Zlib {
    static func inflate(_ input: ArraySlice<UInt8>) throws -> [UInt8] {
        var stream = z_stream()
        guard thaireport_inflate_init(&stream) == Z_OK else { throw GraphicsError("zlib could not start inflating") }
        defer { inflateEnd(&stream) }
        return try run(&stream, input: Array(input)) { CPangoCairo.inflate($0, Z_NO_FLUSH) }
    }

    static func deflate(_ input: [UInt8]) throws -> [UInt8] {
        var stream = z_stream()
        guard thaireport_deflate_init(&stream, Z_DEFAULT_COMPRESSION) == Z_OK else { throw GraphicsError("zlib could not start deflating") }
        defer { deflateEnd(&stream) }
        return try run(&stream, input: input) { CPangoCairo.deflate($0, Z_FINISH) }
    }

    private static func run(_ stream: inout z_stream, input: [UInt8], step: (UnsafeMutablePointer<z_stream>) -> Int32) throws -> [UInt8] {
        var input = input
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        return try input.withUnsafeMutableBufferPointer { source in
            stream.next_in = source.baseAddress
            stream.avail_in = uInt(source.count)
            while true {
                let status: Int32 = chunk.withUnsafeMutableBufferPointer { buffer in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(buffer.count)
                    return step(&stream)
                }
                output += chunk[0..<(chunk.count - Int(stream.avail_out))]
                switch status {
                case Z_STREAM_END: return output
                case Z_OK: continue
                case Z_BUF_ERROR where stream.avail_in == 0: return output
                default: throw GraphicsError("a compressed PDF stream is damaged (zlib status \(status))")
                }
            }
        }
    }
}
