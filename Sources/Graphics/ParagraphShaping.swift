import Foundation
import CPangoCairo

/// A paragraph shaped once, unbroken: the advance of every cluster and Pango's break opportunities,
/// by UTF-8 byte. Line breaking measures any candidate line from these in constant time and shapes
/// only the lines it chooses (`TextShaper.shapeLine`), so breaking stays linear in the paragraph.
public struct ParagraphMetrics {
    /// Where a position (before a byte) stands for line breaking.
    public struct Position: OptionSet {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        /// A grapheme boundary: a base and its marks are never split.
        public static let grapheme = Position(rawValue: 1)
        /// Pango (libthai for Thai, UAX #14 otherwise) allows a line break here.
        public static let lineBreak = Position(rawValue: 2)
        /// A line must break here (after a hard line break).
        public static let mandatory = Position(rawValue: 4)
        /// The character before is white space.
        public static let afterWhite = Position(rawValue: 8)
        /// A glyph cluster with a drawn glyph starts here (where a character starts too,
        /// justification may add or take space: `Justifier.gaps`).
        public static let glyphCluster = Position(rawValue: 16)
    }

    /// The paragraph's UTF-8 bytes.
    public let utf8: [UInt8]
    /// `advance[b]`: the advance of the clusters that start before byte `b` (bytes + 1 entries).
    public let advance: [Double]
    /// What each position allows (bytes + 1 entries; positions inside a character are empty).
    public let positions: [Position]
    /// The shaper's `preparedTexts` once this paragraph was in its layout.
    let preparation: Int

    /// Natural width of the text `bytes` set on one line, trailing white space excluded.
    public func width(_ bytes: Range<Int>) -> Double {
        var end = bytes.upperBound
        while end > bytes.lowerBound, Self.isTrailingWhite(utf8[end - 1]) { end -= 1 }
        return advance[end] - advance[bytes.lowerBound]
    }

    public static func isTrailingWhite(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }
}

extension TextShaper {
    /// Shapes `text` (`ranges` must cover it) once, without wrapping, and reports its metrics.
    public func measure(text: String, ranges: [StyledRange]) -> ParagraphMetrics {
        let scale = Double(thaireport_pango_scale())
        shapedTexts += 1
        prepare(text: text, ranges: ranges)
        let utf8 = Array(text.utf8)
        var cluster = [Double](repeating: 0, count: utf8.count + 1)
        var positions = [ParagraphMetrics.Position](repeating: [], count: utf8.count + 1)
        let empty = thaireport_glyph_empty(), unknown = thaireport_glyph_unknown_flag()
        measuredLines.removeAll(keepingCapacity: true)
        var lines = pango_layout_get_lines_readonly(layout)
        while let lineNode = lines {
            let line = lineNode.pointee.data.assumingMemoryBound(to: PangoLayoutLine.self)
            let measured = MeasuredLine(line)
            measuredLines.append(measured)
            for item in measured.items {
                let itemStart = Int(item.pointee.item.pointee.offset)
                let glyphs = item.pointee.glyphs!
                for g in 0..<Int(glyphs.pointee.num_glyphs) {
                    let byte = itemStart + Int(glyphs.pointee.log_clusters[g])
                    if byte < utf8.count {
                        let glyph = glyphs.pointee.glyphs[g]
                        cluster[byte] += Double(glyph.geometry.width) / scale
                        // A glyph a cut line keeps (`extract` drops empty and unknown ones).
                        if glyph.glyph != empty, glyph.glyph & unknown == 0 { positions[byte].insert(.glyphCluster) }
                    }
                }
            }
            lines = lineNode.pointee.next
        }
        var advance = [Double](repeating: 0, count: utf8.count + 1)
        var sum = 0.0
        for byte in 0..<utf8.count {
            advance[byte] = sum
            sum += cluster[byte]
        }
        advance[utf8.count] = sum
        var count: Int32 = 0
        if let attributes = pango_layout_get_log_attrs_readonly(layout, &count) {
            var byte = 0
            var index = 0
            var scalars = text.unicodeScalars.makeIterator()
            while index < Int(count) {
                var position: ParagraphMetrics.Position = []
                if attributes[index].is_cursor_position != 0 || byte == utf8.count { position.insert(.grapheme) }
                if attributes[index].is_line_break != 0 { position.insert(.lineBreak) }
                if attributes[index].is_mandatory_break != 0 { position.insert(.mandatory) }
                if index > 0, attributes[index - 1].is_white != 0 { position.insert(.afterWhite) }
                if byte <= utf8.count { positions[byte].formUnion(position) }
                guard let scalar = scalars.next() else { break }
                byte += UTF8.width(scalar)
                index += 1
            }
        }
        return ParagraphMetrics(utf8: utf8, advance: advance, positions: positions, preparation: preparedTexts)
    }

    /// Shapes the bytes `line` of a paragraph as one line. Byte offsets in the result (runs, glyph
    /// clusters, `bytes`) are the paragraph's; `wordEnds` are the paragraph's ends of the text
    /// layer's words, in increasing order. A line asked for while the layout still holds the paragraph
    /// is read from the measuring layout instead of being shaped again, so a paragraph is shaped once:
    /// its glyphs are cut where the line starts and ends, which `MeasuredLine.sliceable` allows at
    /// every cluster start of left-to-right text. The glyphs keep what shaping the whole paragraph
    /// gave them (a kerning pair across the line end included, as line breaking measured it).
    public func shapeLine(_ line: Range<Int>, of metrics: ParagraphMetrics, ranges: [StyledRange], wordEnds: [Int],
                          endsParagraph: Bool) -> ShapedLine {
        let scale = Double(thaireport_pango_scale())
        // The word ends inside the line: a binary search for the first, so a paragraph's lines take
        // its word ends once in all, not once each.
        var low = 0, high = wordEnds.count
        while low < high {
            let middle = (low + high) / 2
            if wordEnds[middle] <= line.lowerBound { low = middle + 1 } else { high = middle }
        }
        let inside = Array(wordEnds[low...].prefix { $0 < line.upperBound })
        if metrics.preparation == preparedTexts, let measured = measuredLine(containing: line),
           measured.sliceable(before: line.lowerBound), measured.sliceable(before: line.upperBound) {
            let sizeOf = { (byte: Int) -> Double in
                ranges.last(where: { $0.bytes.contains(byte) })?.font.size ?? ranges.first?.font.size ?? 12
            }
            let whole = measured.bytes == line
            var shaped = extract(line: measured.line, items: whole ? measured.items[...] : measured.items(holding: line),
                                 window: whole ? nil : line, utf8: metrics.utf8, breaks: inside, scale: scale, sizeOf: sizeOf)
            shaped.bytes = line
            shaped.endsParagraph = endsParagraph
            return shaped
        }
        let bytes = Array(metrics.utf8[line])
        let local = ranges.compactMap { range -> StyledRange? in
            let clipped = range.bytes.clamped(to: line)
            guard !clipped.isEmpty else { return nil }
            return StyledRange(bytes: (clipped.lowerBound - line.lowerBound)..<(clipped.upperBound - line.lowerBound), font: range.font)
        }
        let text = String(decoding: bytes, as: UTF8.self)
        prepare(text: text, ranges: local.isEmpty ? ranges.prefix(1).map { StyledRange(bytes: 0..<bytes.count, font: $0.font) } : local)
        let breaks = inside.map { $0 - line.lowerBound }
        let sizeOf = { (byte: Int) -> Double in
            local.last(where: { $0.bytes.contains(byte) })?.font.size ?? ranges.first?.font.size ?? 12
        }
        guard let first = pango_layout_get_line_readonly(layout, 0) else {
            return ShapedLine(runs: [], width: 0, ascent: 0, descent: 0, bytes: line, endsParagraph: endsParagraph)
        }
        var shaped = extract(line: first, items: Self.items(of: first)[...], utf8: bytes, breaks: breaks, scale: scale, sizeOf: sizeOf)
        let offset = line.lowerBound
        for r in shaped.runs.indices {
            shaped.runs[r].textStart += offset
            for g in shaped.runs[r].glyphs.indices { shaped.runs[r].glyphs[g].clusterByte += offset }
        }
        shaped.bytes = line
        shaped.endsParagraph = endsParagraph
        return shaped
    }

    /// The measuring layout's line (a hard line of the paragraph) that holds all of `bytes`, if one
    /// does (binary search).
    private func measuredLine(containing bytes: Range<Int>) -> MeasuredLine? {
        var low = 0, high = measuredLines.count
        while low < high {  // the first line starting after `bytes` does
            let middle = (low + high) / 2
            if measuredLines[middle].bytes.lowerBound <= bytes.lowerBound { low = middle + 1 } else { high = middle }
        }
        guard low > 0, measuredLines[low - 1].bytes.upperBound >= bytes.upperBound else { return nil }
        return measuredLines[low - 1]
    }

    /// Puts `text` in the layout with its fonts, unwrapped, with no hyphen added at breaks.
    func prepare(text: String, ranges: [StyledRange]) {
        preparedTexts += 1
        pango_layout_set_text(layout, text, -1)
        pango_layout_set_width(layout, -1)
        pango_layout_set_indent(layout, 0)
        let attributes = pango_attr_list_new()
        pango_attr_list_insert(attributes, pango_attr_insert_hyphens_new(0))
        for range in ranges {
            let description = range.font.makeDescription()
            let fontAttribute = pango_attr_font_desc_new(description)!
            fontAttribute.pointee.start_index = guint(range.bytes.lowerBound)
            fontAttribute.pointee.end_index = guint(range.bytes.upperBound)
            pango_attr_list_insert(attributes, fontAttribute)
            pango_font_description_free(description)
        }
        for piece in ThaiRunPieces.pieces(in: text) where piece.index % 2 == 1 {
            // Every other piece of a long Thai run in another tag of the same language: Pango
            // starts an item there, so libthai breaks each piece alone.
            let language = pango_attr_language_new(ThaiRunPieces.alternateLanguage)!
            language.pointee.start_index = guint(piece.bytes.lowerBound)
            language.pointee.end_index = guint(piece.bytes.upperBound)
            pango_attr_list_insert(attributes, language)
        }
        pango_layout_set_attributes(layout, attributes)
        pango_attr_list_unref(attributes)
    }
}
