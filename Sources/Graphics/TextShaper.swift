import Foundation
import CPangoCairo

/// A stretch of a paragraph's text (UTF-8 byte range) with the font it is set in.
public struct StyledRange {
    public var bytes: Range<Int>
    public var font: FontRequest

    public init(bytes: Range<Int>, font: FontRequest) {
        self.bytes = bytes
        self.font = font
    }
}

/// One glyph of a shaped line, positioned relative to the line's origin (x from the line start,
/// y from the baseline, both in points).
public struct PositionedGlyph: Equatable, Codable {
    public var id: UInt32
    public var x: Double
    public var y: Double
    public var advance: Double
    /// Byte offset in the paragraph text of the cluster this glyph belongs to.
    public var clusterByte: Int
}

/// A grapheme-level unit of a run: the text bytes (relative to the run's `text`) and the glyphs
/// (indices into the run's `glyphs`) that shaping made of them.
public struct GlyphCluster: Equatable, Codable {
    public var bytes: Range<Int>
    public var glyphs: Range<Int>
    public init(bytes: Range<Int>, glyphs: Range<Int>) {
        self.bytes = bytes
        self.glyphs = glyphs
    }
}

/// A run of glyphs in one font and one direction, with the text they stand for, how glyphs map to
/// text (clusters) and the words layout placed, so the PDF's text can be extracted back exactly.
public struct GlyphRun: Equatable, Codable {
    /// The font, in the `FontLibrary` of the shaper that made the run.
    public var font: FontID
    /// Glyphs in visual order (left to right on the page).
    public var glyphs: [PositionedGlyph]
    /// The UTF-8 text the run covers.
    public var text: String
    /// Byte offset of `text` in the paragraph.
    public var textStart: Int
    /// Clusters in visual order; their byte ranges cover `text`.
    public var clusters: [GlyphCluster]
    /// The units line breaking placed (a word with the spaces after it, a name kept together), as
    /// byte ranges of `text` in logical order; together they cover `text`.
    public var words: [Range<Int>]
    /// True for right-to-left text (Hebrew, Arabic script): glyphs run against the text's order.
    public var rightToLeft: Bool
    public var size: Double
}

/// A line of a paragraph as Pango broke and shaped it: its runs, with glyph x positions measured
/// from the start of the line, and its natural width.
public struct ShapedLine {
    public var runs: [GlyphRun]
    /// Width of the line's ink-bearing content, trailing spaces excluded.
    public var width: Double
    public var ascent: Double
    public var descent: Double
    /// Byte range of the paragraph text on this line.
    public var bytes: Range<Int>
    /// True when the line ends the paragraph (or ends at a hard line break).
    public var endsParagraph: Bool
}

/// Breaks and shapes paragraphs with Pango (HarfBuzz shaping, libthai line breaking).
/// Layout uses it to measure; nothing here draws.
public final class TextShaper {
    public let library: FontLibrary
    let layout: OpaquePointer
    /// Characters no loaded font could draw, met so far (they are left out of the output).
    public private(set) var missingCharacters = Set<Unicode.Scalar>()
    /// How many texts `shape` or `measure` has shaped whole (tests check that layout reuses its lines).
    public internal(set) var shapedTexts = 0
    /// How many texts have been put in `layout` (`prepare`): a paragraph's metrics remember theirs, so
    /// `shapeLine` knows whether `layout` still holds the paragraph `measure` shaped. Beyond
    /// `shapedTexts`, these are lines shaped alone.
    public internal(set) var preparedTexts = 0
    /// The lines of the paragraph `measure` shaped last (one per hard line), in order.
    var measuredLines: [MeasuredLine] = []
    /// `width(of:font:)`'s answers so far.
    private var labelWidths: [LabelKey: Double] = [:]

    /// A text and the font it is measured in.
    private struct LabelKey: Hashable {
        var text: String
        var font: FontRequest
    }

    public init(library: FontLibrary) {
        self.library = library
        layout = pango_layout_new(library.context)
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT)
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(layout)) }

    /// Breaks `text` into lines no wider than `width` points (the first line `firstIndent` narrower)
    /// with Pango's own line breaking, and shapes them. `ranges` must cover the text.
    public func shape(text: String, ranges: [StyledRange], width: Double, firstIndent: Double = 0) -> [ShapedLine] {
        let scale = Double(thaireport_pango_scale())
        shapedTexts += 1
        prepare(text: text, ranges: ranges)
        pango_layout_set_width(layout, Int32(max(1, width * scale)))
        pango_layout_set_indent(layout, Int32(firstIndent * scale))
        let utf8 = Array(text.utf8)
        let breaks = lineBreakOffsets(in: text)
        let sizeOf = { (byte: Int) -> Double in
            ranges.last(where: { $0.bytes.contains(byte) })?.font.size ?? ranges.first?.font.size ?? 12
        }
        var lines: [ShapedLine] = []
        var node = pango_layout_get_lines_readonly(layout)
        while let current = node {
            let line = current.pointee.data.assumingMemoryBound(to: PangoLayoutLine.self)
            lines.append(extract(line: line, items: Self.items(of: line)[...], utf8: utf8, breaks: breaks, scale: scale, sizeOf: sizeOf))
            node = current.pointee.next
        }
        return lines
    }

    /// Byte offsets where the current layout allows a line break after white space, in increasing
    /// order, the text's start and end excluded: the ends of the text layer's words. Breaks between Thai words without a space are left out,
    /// since readers would put a space where one word's `/ActualText` span meets the next.
    private func lineBreakOffsets(in text: String) -> [Int] {
        var count: Int32 = 0
        guard let attributes = pango_layout_get_log_attrs_readonly(layout, &count) else { return [] }
        var offsets: [Int] = []
        var byte = 0
        for (index, scalar) in text.unicodeScalars.enumerated() {
            if index > 0, index < Int(count), attributes[index].is_line_break != 0,
               attributes[index - 1].is_white != 0 || attributes[index].is_mandatory_break != 0 {
                offsets.append(byte)
            }
            byte += UTF8.width(scalar)
        }
        return offsets
    }

    /// The glyph runs of a Pango line, or of the bytes `window` of it (cut where
    /// `MeasuredLine.sliceable` allows), with x measured from the first glyph taken. `items` are the
    /// line's glyph items, or those of them that hold the window. Byte offsets are those of `utf8`,
    /// the layout's text.
    func extract(line: UnsafeMutablePointer<PangoLayoutLine>, items: ArraySlice<UnsafeMutablePointer<PangoGlyphItem>>,
                 window: Range<Int>? = nil, utf8: [UInt8], breaks: [Int], scale: Double, sizeOf: (Int) -> Double) -> ShapedLine {
        let lineStart = Int(line.pointee.start_index)
        let start = window?.lowerBound ?? lineStart
        let end = window?.upperBound ?? lineStart + Int(line.pointee.length)
        var runs: [GlyphRun] = []
        var x = 0.0
        var ascent = 0.0, descent = 0.0
        let empty = thaireport_glyph_empty()
        for item in items {
            let pangoItem = item.pointee.item!
            let glyphString = item.pointee.glyphs!
            let itemStart = Int(pangoItem.pointee.offset)
            let takenStart = max(itemStart, start), takenEnd = min(itemStart + Int(pangoItem.pointee.length), end)
            guard takenStart < takenEnd else { continue }
            let taken = takenStart..<takenEnd
            let count = Int(glyphString.pointee.num_glyphs)
            let rightToLeft = pangoItem.pointee.analysis.level % 2 == 1
            // Left to right, clusters grow with the glyph index: a line cut from a long item looks
            // only at its own glyphs, so cutting a paragraph's lines stays linear in the paragraph.
            let candidates: Range<Int> = rightToLeft ? 0..<count
                : Self.firstGlyph(in: glyphString, itemStart: itemStart, atOrAfter: takenStart)..<Self.firstGlyph(
                    in: glyphString, itemStart: itemStart, atOrAfter: takenEnd)
            var glyphs: [PositionedGlyph] = []
            glyphs.reserveCapacity(candidates.count)
            // Visual order: each cluster's first byte (relative to `taken`) and its glyph range.
            var starts: [(byte: Int, glyphs: Range<Int>)] = []
            var firstTaken = count, lastTaken = 0
            for g in candidates {
                let info = glyphString.pointee.glyphs[g]
                let clusterByte = itemStart + Int(glyphString.pointee.log_clusters[g])
                guard taken.contains(clusterByte) else { continue }
                (firstTaken, lastTaken) = (min(firstTaken, g), g + 1)
                let cluster = clusterByte - taken.lowerBound
                if starts.last?.byte != cluster { starts.append((cluster, glyphs.count..<glyphs.count)) }
                let advance = Double(info.geometry.width) / scale
                let unknown = info.glyph & thaireport_glyph_unknown_flag() != 0
                if unknown, let scalar = Unicode.Scalar(info.glyph & ~thaireport_glyph_unknown_flag()),
                   !scalar.properties.isWhitespace, scalar.properties.generalCategory != .control, scalar.properties.generalCategory != .format {
                    missingCharacters.insert(scalar)
                }
                if info.glyph != empty, !unknown {
                    glyphs.append(PositionedGlyph(
                        id: info.glyph,
                        x: x + Double(info.geometry.x_offset) / scale,
                        y: Double(info.geometry.y_offset) / scale,
                        advance: advance,
                        clusterByte: clusterByte))
                    starts[starts.count - 1].glyphs = starts[starts.count - 1].glyphs.lowerBound..<glyphs.count
                }
                x += advance
            }
            if window != nil, firstTaken < lastTaken {
                // A cut line's height is that of the runs it keeps, as Pango measures a line's runs.
                var logical = PangoRectangle()
                pango_glyph_string_extents_range(glyphString, Int32(firstTaken), Int32(lastTaken), pangoItem.pointee.analysis.font,
                                                 nil, &logical)
                ascent = max(ascent, Double(-logical.y) / scale)
                descent = max(descent, Double(logical.height + logical.y) / scale)
            }
            var clusters = Self.clusters(starts, itemLength: taken.count)
            let textBytes = utf8[taken.lowerBound..<min(utf8.count, taken.upperBound)]
            let font = pangoItem.pointee.analysis.font.map { library.id(for: $0) }
            if let font, !rightToLeft, let saraAm = library.saraAmGlyph(font) {
                saraAm.compose(&glyphs, &clusters, text: textBytes)
            }
            if let font, !clusters.isEmpty {
                runs.append(GlyphRun(font: font, glyphs: glyphs,
                                     text: String(decoding: textBytes, as: UTF8.self),
                                     textStart: taken.lowerBound, clusters: clusters,
                                     words: Self.words(in: taken.lowerBound..<(taken.lowerBound + textBytes.count), breaks: breaks),
                                     rightToLeft: rightToLeft, size: sizeOf(taken.lowerBound)))
            }
        }
        var width = x
        if window == nil {
            var logical = PangoRectangle()
            pango_layout_line_get_extents(line, nil, &logical)
            width = Double(logical.width) / scale
            ascent = Double(-logical.y) / scale
            descent = Double(logical.height + logical.y) / scale
        }
        // Trailing white space does not count towards the width used for alignment.
        var trailing = end
        while trailing > start, utf8[trailing - 1] == 0x20 || utf8[trailing - 1] == 0x0A || utf8[trailing - 1] == 0x09 {
            trailing -= 1
        }
        if trailing < end, let lastRun = runs.last {
            let trailingAdvance = lastRun.glyphs.filter { $0.clusterByte >= trailing }.reduce(0) { $0 + $1.advance }
            width -= trailingAdvance
        }
        let endsParagraph = end >= utf8.count || utf8[end] == 0x0A || utf8[end] == 0x0D
        return ShapedLine(runs: runs, width: max(0, width), ascent: ascent, descent: descent,
                          bytes: start..<end, endsParagraph: endsParagraph)
    }

    /// The glyph items of a Pango line, in order.
    static func items(of line: UnsafeMutablePointer<PangoLayoutLine>) -> [UnsafeMutablePointer<PangoGlyphItem>] {
        var items: [UnsafeMutablePointer<PangoGlyphItem>] = []
        var node = line.pointee.runs
        while let current = node {
            items.append(current.pointee.data.assumingMemoryBound(to: PangoGlyphItem.self))
            node = current.pointee.next
        }
        return items
    }

    /// The first glyph of a left-to-right item whose cluster starts at or after `byte` (binary search;
    /// the glyph count when none does).
    static func firstGlyph(in glyphs: UnsafeMutablePointer<PangoGlyphString>, itemStart: Int, atOrAfter byte: Int) -> Int {
        var low = 0, high = Int(glyphs.pointee.num_glyphs)
        while low < high {
            let middle = (low + high) / 2
            if itemStart + Int(glyphs.pointee.log_clusters[middle]) < byte { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Clusters from their first bytes in visual order: each runs to the next larger first byte (or
    /// the item's end), whichever the direction.
    static func clusters(_ starts: [(byte: Int, glyphs: Range<Int>)], itemLength: Int) -> [GlyphCluster] {
        if zip(starts, starts.dropFirst()).allSatisfy({ $0.byte < $1.byte }) {
            // Left to right, each cluster once (the usual case): each runs to the next one's start.
            return starts.indices.map { index in
                let end = index + 1 < starts.count ? starts[index + 1].byte : itemLength
                return GlyphCluster(bytes: starts[index].byte..<max(starts[index].byte, end), glyphs: starts[index].glyphs)
            }.filter { !$0.bytes.isEmpty || !$0.glyphs.isEmpty }
        }
        let sorted = Array(Set(starts.map(\.byte))).sorted()
        var end: [Int: Int] = [:]
        for (index, byte) in sorted.enumerated() { end[byte] = index + 1 < sorted.count ? sorted[index + 1] : itemLength }
        return starts.map { GlyphCluster(bytes: $0.byte..<max($0.byte, end[$0.byte] ?? itemLength), glyphs: $0.glyphs) }
            .filter { !$0.bytes.isEmpty || !$0.glyphs.isEmpty }
    }

    /// The run's share of the paragraph's units between line breaks, relative to the run's start.
    static func words(in run: Range<Int>, breaks: [Int]) -> [Range<Int>] {
        var first = 0, last = breaks.count
        while first < last {  // the first break after the run's start
            let middle = (first + last) / 2
            if breaks[middle] <= run.lowerBound { first = middle + 1 } else { last = middle }
        }
        var words: [Range<Int>] = []
        var start = run.lowerBound
        var index = first
        while index < breaks.count, breaks[index] < run.upperBound {
            words.append((start - run.lowerBound)..<(breaks[index] - run.lowerBound))
            start = breaks[index]
            index += 1
        }
        if start < run.upperBound { words.append((start - run.lowerBound)..<(run.upperBound - run.lowerBound)) }
        return words
    }

    /// Natural width of one line of `text` in `font` (no wrapping). Each text and font is shaped once
    /// per shaper: labels (list markers, page numbers, signature lines) are asked for again for every
    /// item and every pass of the contents page.
    public func width(of text: String, font: FontRequest) -> Double {
        let key = LabelKey(text: text, font: font)
        if let known = labelWidths[key] { return known }
        let lines = shape(text: text, ranges: [StyledRange(bytes: 0..<text.utf8.count, font: font)], width: 1e6)
        let width = lines.map(\.width).max() ?? 0
        labelWidths[key] = width
        return width
    }
}

/// A hard line of the paragraph `measure` shaped last, with its glyph items in order, so that a line
/// cut from it finds its items and glyphs by binary search.
struct MeasuredLine {
    let bytes: Range<Int>
    let line: UnsafeMutablePointer<PangoLayoutLine>
    let items: [UnsafeMutablePointer<PangoGlyphItem>]

    init(_ line: UnsafeMutablePointer<PangoLayoutLine>) {
        let start = Int(line.pointee.start_index)
        bytes = start..<(start + Int(line.pointee.length))
        self.line = line
        items = TextShaper.items(of: line)
    }

    /// The items that hold some of `window`.
    func items(holding window: Range<Int>) -> ArraySlice<UnsafeMutablePointer<PangoGlyphItem>> {
        var low = 0, high = items.count
        while low < high {  // the first item ending after the window's start
            let middle = (low + high) / 2
            if Self.end(of: items[middle]) <= window.lowerBound { low = middle + 1 } else { high = middle }
        }
        var end = low
        while end < items.count, Self.start(of: items[end]) < window.upperBound { end += 1 }
        return items[low..<end]
    }

    /// Whether the line can be cut before byte `byte` with its glyphs as they are: at its ends,
    /// between its items, or in a left-to-right item where a cluster starts (a base and its marks, a
    /// ligature, ำ's two glyphs stay on one side). Elsewhere the line is shaped again instead.
    func sliceable(before byte: Int) -> Bool {
        guard byte > bytes.lowerBound, byte < bytes.upperBound else { return true }
        guard let item = items(holding: byte..<(byte + 1)).first else { return false }
        let itemStart = Self.start(of: item)
        if byte == itemStart { return true }
        guard item.pointee.item.pointee.analysis.level % 2 == 0 else { return false }
        let glyphs = item.pointee.glyphs!
        let first = TextShaper.firstGlyph(in: glyphs, itemStart: itemStart, atOrAfter: byte)
        return first < Int(glyphs.pointee.num_glyphs) && itemStart + Int(glyphs.pointee.log_clusters[first]) == byte
    }

    private static func start(of item: UnsafeMutablePointer<PangoGlyphItem>) -> Int { Int(item.pointee.item.pointee.offset) }
    private static func end(of item: UnsafeMutablePointer<PangoGlyphItem>) -> Int {
        Int(item.pointee.item.pointee.offset) + Int(item.pointee.item.pointee.length)
    }
}
