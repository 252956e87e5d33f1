import Foundation

/// A glyph of a PDF font: the font's resource name (`f-1-1`) and the code a content stream shows it by.
struct FontGlyph: Hashable {
    var font: String
    var code: UInt32
}

/// What the glyphs of a document stand for, gathered while its content streams are rewritten.
///
/// Cairo gives a glyph the ToUnicode entry of the font's own `cmap` when it has one, whatever the
/// text it was drawn for: the "fi" ligature of `official` reads as U+FB01 (ﬁ). Cairo then wraps the
/// glyph in an `/ActualText` span saying "fi", which PDFium and poppler honour but readers that only
/// use ToUnicode (pdfminer) do not. A glyph shown only inside such spans, always for the same text,
/// can carry that text in its ToUnicode entry instead; `corrections` lists those glyphs.
struct GlyphMeanings {
    /// The texts (UTF-16BE, as hex digits) each glyph was drawn for inside Cairo's own spans.
    private(set) var spanned: [FontGlyph: Set<String>] = [:]
    /// Glyphs shown outside such spans: they read as their ToUnicode entry says, which must stay.
    private(set) var plain: Set<FontGlyph> = []

    mutating func recordSpanned(_ glyph: FontGlyph, text: String) { spanned[glyph, default: []].insert(text) }
    mutating func recordPlain(_ glyph: FontGlyph) { plain.insert(glyph) }

    /// The ToUnicode entries to rewrite: glyph → UTF-16BE hex of the one text it always stands for.
    var corrections: [FontGlyph: String] {
        var result: [FontGlyph: String] = [:]
        for (glyph, texts) in spanned where texts.count == 1 && !plain.contains(glyph) { result[glyph] = texts.first }
        return result
    }
}

/// The glyph codes shown by one content-stream line, when it is a `Tj` or `TJ` operator.
enum TextShowing {
    /// The bytes of every string operand of a `Tj`/`TJ` line; nil for other operators.
    static func strings(in line: ArraySlice<UInt8>) -> [[UInt8]]? {
        guard line.count >= 2, line.last == UInt8(ascii: "j") || line.last == UInt8(ascii: "J"),
              line.dropLast().last == UInt8(ascii: "T") else { return nil }
        var result: [[UInt8]] = []
        var index = line.startIndex
        let end = line.endIndex - 2
        while index < end {
            switch line[index] {
            case UInt8(ascii: "<"):
                var digits: [UInt8] = []
                index += 1
                while index < end, line[index] != UInt8(ascii: ">") {
                    if let value = hexValue(line[index]) { digits.append(value) }
                    index += 1
                }
                if digits.count % 2 == 1 { digits.append(0) }
                result.append(stride(from: 0, to: digits.count, by: 2).map { digits[$0] << 4 | digits[$0 + 1] })
            case UInt8(ascii: "("):
                var bytes: [UInt8] = []
                var depth = 1
                index += 1
                while index < end {
                    let byte = line[index]
                    if byte == UInt8(ascii: "\\"), index + 1 < end {
                        index += 1
                        let escaped = line[index]
                        if let octal = octalValue(escaped) {
                            var value = UInt32(octal)
                            var digits = 1
                            while digits < 3, index + 1 < end, let next = octalValue(line[index + 1]) {
                                value = value * 8 + UInt32(next)
                                index += 1
                                digits += 1
                            }
                            bytes.append(UInt8(truncatingIfNeeded: value))
                        } else {
                            let escapes: [UInt8: UInt8] = [UInt8(ascii: "n"): 0x0A, UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09,
                                                           UInt8(ascii: "b"): 0x08, UInt8(ascii: "f"): 0x0C]
                            bytes.append(escapes[escaped] ?? escaped)
                        }
                    } else if byte == UInt8(ascii: "(") {
                        depth += 1
                        bytes.append(byte)
                    } else if byte == UInt8(ascii: ")") {
                        depth -= 1
                        if depth == 0 { break }
                        bytes.append(byte)
                    } else {
                        bytes.append(byte)
                    }
                    index += 1
                }
                result.append(bytes)
            default:
                break
            }
            index += 1
        }
        return result
    }

    /// The codes in `bytes` for a font whose codes are `width` bytes long.
    static func codes(_ bytes: [UInt8], width: Int) -> [UInt32] {
        stride(from: 0, to: bytes.count - width + 1, by: width).map { start in
            bytes[start..<(start + width)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    private static func octalValue(_ byte: UInt8) -> UInt8? {
        (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(byte) ? byte - UInt8(ascii: "0") : nil
    }
}

/// A ToUnicode CMap as Cairo writes it (`bfchar` entries), with some entries given new text.
enum ToUnicodeCMap {
    /// `cmap` with the entry of each code in `entries` (code → UTF-16BE hex) replaced, or added when
    /// the map has none; codes are written with `width` bytes.
    static func correcting(_ cmap: [UInt8], entries: [UInt32: String], width: Int) -> [UInt8] {
        var remaining = entries
        var lines: [String] = []
        for line in String(decoding: cmap, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
            let fields = line.split(separator: " ")
            if fields.count == 2, fields[0].hasPrefix("<"), fields[0].hasSuffix(">"), fields[1].hasPrefix("<"),
               let code = UInt32(fields[0].dropFirst().dropLast(), radix: 16), let text = remaining.removeValue(forKey: code) {
                lines.append("\(fields[0]) <\(text)>")
            } else {
                lines.append(String(line))
            }
        }
        if !remaining.isEmpty, let end = lines.firstIndex(of: "endcmap") {
            let added = remaining.sorted { $0.key < $1.key }.map { "<\(hex($0.key, width: width))> <\($0.value)>" }
            lines.insert(contentsOf: ["\(added.count) beginbfchar"] + added + ["endbfchar"], at: end)
        }
        return Array(lines.joined(separator: "\n").utf8)
    }

    private static func hex(_ code: UInt32, width: Int) -> String {
        let digits = String(code, radix: 16)
        return String(repeating: "0", count: max(0, width * 2 - digits.count)) + digits
    }
}
