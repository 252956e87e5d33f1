import Foundation
import Graphics
import ReportModel
import ThaiText

/// A line of text ready to place: glyph runs positioned from the line's left edge (alignment and
/// justification applied), and the line box it occupies.
struct SetLine {
    var runs: [GlyphRun]
    /// Width of the inked content after alignment/justification, measured from x = 0.
    var width: Double
    var height: Double
    /// Baseline distance from the top of the line box.
    var baseline: Double
    var color: Color
    /// Underlined x ranges, and the underline's offset below the baseline and thickness.
    var underlines: [Range<Double>]
    var underlineOffset: Double
    var underlineThickness: Double

    var text: String { runs.map(\.text).joined() }
}

/// Sets paragraphs into lines: builds Pango's attributed text from spans and styles, breaks it with
/// `TextShaper`, and aligns each line (Thai-distributed justification for `justify`).
final class TextSetter {
    let shaper: TextShaper
    private let scales: [String: Double]
    private let rules: LineBreakRules
    /// Lines already set, kept across the passes of a document with a contents page (`SetLineCache`).
    var lineCache: SetLineCache?

    init(shaper: TextShaper, document: Document, dictionary: ThaiDictionary = .empty) {
        self.shaper = shaper
        scales = Dictionary(document.fonts.map { ($0.name, $0.scale) }, uniquingKeysWith: { a, _ in a })
        rules = LineBreakRules(dictionary: document.words.isEmpty ? dictionary : dictionary.adding(document.words),
                               keepTogether: document.keepTogether)
    }

    /// The font a style asks for, at its drawn size; a span may give its own size and family.
    func font(_ style: TextStyle, bold: Bool = false, italic: Bool = false, size: Double? = nil, family: String? = nil) -> FontRequest {
        let family = family ?? style.font
        return FontRequest(family: family, bold: style.bold || bold, italic: style.italic || italic,
                           size: (size ?? style.size) * (scales[family] ?? 1))
    }

    /// Sets `spans` in `style` into lines no wider than `width` (`set` answers from `lineCache` first).
    func setLines(_ spans: [Span], style: TextStyle, width: Double, align: HorizontalAlignment? = nil, firstIndent: Double? = nil) -> [SetLine] {
        var text = ""
        var ranges: [StyledRange] = []
        var underlined: [Range<Int>] = []
        var marked: [Range<Int>] = []
        /// Spans set larger than the style, with the line height each needs.
        var tall: [(bytes: Range<Int>, lineHeight: Double)] = []
        for span in spans {
            let start = text.utf8.count
            text += span.text
            let range = start..<text.utf8.count
            guard !range.isEmpty else { continue }
            ranges.append(StyledRange(bytes: range, font: font(style, bold: span.bold, italic: span.italic, size: span.size, family: span.font)))
            if let size = span.size, size > style.size { tall.append((range, size * StyleSheet.singleLineHeight * style.lineSpacing)) }
            if span.keepTogether { marked.append(range) }
            if span.underline || style.underline { underlined.append(range) }
        }
        if text.isEmpty {
            // An empty paragraph still takes one line.
            text = " "
            ranges = [StyledRange(bytes: 0..<1, font: font(style))]
        }
        let indent = firstIndent ?? style.firstLineIndent
        let alignment = align ?? style.align
        // Line breaking weighs gaps, and measures how far a line may shrink, in em of this size.
        let paragraphSize = ranges.map(\.font.size).max() ?? 12
        let shaped = breakLines(text, ranges: ranges, marked: marked, width: width, firstIndent: indent,
                                size: paragraphSize, justified: alignment == .justify)
        // A line is as tall as the largest span on it needs; lines and spans are both in text order.
        var firstTall = 0
        return shaped.enumerated().map { index, line in
            let lineIndent = index == 0 ? indent : 0
            var lineHeight = style.lineHeight
            while firstTall < tall.count, tall[firstTall].bytes.upperBound <= line.bytes.lowerBound { firstTall += 1 }
            var next = firstTall
            while next < tall.count, tall[next].bytes.lowerBound < line.bytes.upperBound {
                lineHeight = max(lineHeight, tall[next].lineHeight)
                next += 1
            }
            return finish(line, width: width - lineIndent, indent: lineIndent, alignment: alignment,
                          lineHeight: lineHeight, style: style, underlined: underlined, paragraphSize: paragraphSize)
        }
    }

    /// Sets a plain text in a style (one line per hard line break, wrapped to `width`).
    func set(plain text: String, style: TextStyle, width: Double, align: HorizontalAlignment? = nil) -> [SetLine] {
        set([Span(text)], style: style, width: width, align: align, firstIndent: 0)
    }

    /// Breaks `text` into lines: shapes it once, finds the break level of every position
    /// (`LineBreakRules`), chooses the line ends (`LineBreaker`: first fit, or total fit in a
    /// `justified` paragraph) and shapes each chosen line. Linear in the paragraph's length.
    private func breakLines(_ text: String, ranges: [StyledRange], marked: [Range<Int>], width: Double,
                            firstIndent: Double, size: Double, justified: Bool) -> [ShapedLine] {
        let metrics = shaper.measure(text: text, ranges: ranges)
        let levels = rules.levels(in: text, metrics: metrics, marked: marked, justified: justified)
        let breaker = LineBreaker(metrics: metrics, levels: levels, width: width, firstIndent: firstIndent, size: size)
        let wordEnds = breaker.wordEnds()
        var start = 0
        return breaker.lineEnds(justified: justified).map { end in
            defer { start = end }
            // A hard line break ends the line before it, as in Pango's lines.
            var content = end
            while content > start, [0x0A, 0x0D].contains(metrics.utf8[content - 1]) { content -= 1 }
            return shaper.shapeLine(start..<content, of: metrics, ranges: ranges, wordEnds: wordEnds,
                                    endsParagraph: end == metrics.utf8.count || content < end)
        }
    }

    private func finish(_ line: ShapedLine, width: Double, indent: Double, alignment: HorizontalAlignment,
                        lineHeight: Double, style: TextStyle, underlined: [Range<Int>], paragraphSize: Double) -> SetLine {
        var runs = line.runs
        var offset = indent
        var inkWidth = line.width
        switch alignment {
        case .left: break
        case .center: offset += max(0, (width - line.width) / 2)
        case .right: offset += max(0, width - line.width)
        case .justify:
            // Line breaking chose a line wider than its room (the last one too) where its gaps shrink
            // to fit; a piece that fits nowhere shrinks as far as they allow.
            if (!line.endsParagraph && line.width < width) || line.width > width + 0.01 {
                inkWidth = line.width + Justifier.distribute(slack: width - line.width, over: &runs, paragraphSize: paragraphSize)
            }
        }
        if offset != 0 {
            for r in runs.indices {
                for g in runs[r].glyphs.indices { runs[r].glyphs[g].x += offset }
            }
        }
        let contentHeight = line.ascent + line.descent
        let baseline = (lineHeight - contentHeight) / 2 + line.ascent
        var segments: [Range<Double>] = []
        if !underlined.isEmpty {
            for run in runs {
                for glyph in run.glyphs where underlined.contains(where: { $0.contains(glyph.clusterByte) }) {
                    let range = glyph.x..<(glyph.x + glyph.advance)
                    if let last = segments.last, abs(last.upperBound - range.lowerBound) < 0.5 {
                        segments[segments.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
                    } else {
                        segments.append(range)
                    }
                }
            }
        }
        let drawnSize = font(style).size
        return SetLine(runs: runs, width: offset + inkWidth, height: lineHeight, baseline: baseline, color: style.color,
                       underlines: segments, underlineOffset: drawnSize * 0.12, underlineThickness: max(0.4, drawnSize * 0.05))
    }
}

/// Thai-distributed justification: the line's slack is spread over the gaps between grapheme
/// clusters and the spaces, so a line with few spaces is not torn open at one gap. Glyphs of one
/// grapheme cluster (a base and its marks) always move together. A gap between clusters grows by at
/// most `clusterLimit` em, so it does not read as a word space; the rest goes to the spaces. In a
/// line whose spaces would then grow by more than `looseSpaceLimit` em (or that has no spaces), the
/// cluster gaps grow up to `looseClusterLimit` em first. A line a little wider than its room
/// shrinks instead: its spaces by up to `spaceShrinkLimit` em, its cluster gaps by up to
/// `clusterShrinkLimit`. Line breaking weighs these growths and shrinks when it chooses a justified
/// paragraph's breaks (`LineBreaker`).
enum Justifier {
    /// Share of the slack a space takes, against 1 for a gap between two clusters (3: a space grows
    /// three times as much as a gap between letters, up to `clusterLimit`; 4 left the spaces of
    /// 5% of the lines of a 16 cm column over 0.2 em).
    static let spaceWeight = 3.0
    /// Largest growth of a gap between two clusters, in em of the drawn font.
    static let clusterLimit = 0.06
    /// Largest growth of a gap between two clusters in a line too loose to set well: below the
    /// 0.1 em at which readers that rebuild words from glyph positions (pdfminer) see a word space.
    static let looseClusterLimit = 0.09
    /// Largest growth of a space, in em, before a line counts as too loose to set well: past it the
    /// gaps between clusters take up to `looseClusterLimit` before the spaces grow further, so the
    /// line's largest gap stays as small as copy-back allows (at 1 em, lines of a 16 cm column still
    /// had spaces of 1 em while their letters had room).
    static let looseSpaceLimit = 0.5
    /// Most a space may lose, in em, on a line set a little tighter to fit (a third of Sarabun's
    /// 0.243 em space, as TeX lets a space shrink by a third).
    static let spaceShrinkLimit = 0.08
    /// Most a gap between two clusters may lose, in em, on a line set tighter to fit: marks stay on
    /// their base, and letters do not touch (Sarabun's side bearings are wider).
    static let clusterShrinkLimit = 0.02

    /// How much a line with these gaps can shrink, in points.
    static func shrinkCapacity(spaceGaps: Int, clusterGaps: Int, size: Double) -> Double {
        (Double(spaceGaps) * spaceShrinkLimit / 2 + Double(clusterGaps) * clusterShrinkLimit) * size
    }

    /// How much each gap between clusters and each gap beside a space grows to take `slack`, and
    /// whether the line is too loose to set well (its spaces grow by more than `looseSpaceLimit` em,
    /// or, without spaces, its cluster gaps cannot take the slack within `clusterLimit` em).
    /// A negative `slack` (a line set tighter) is taken from every gap in proportion to its limit.
    static func shares(slack: Double, spaceGaps: Int, clusterGaps: Int, size: Double) -> (cluster: Double, space: Double, tooLoose: Bool) {
        if slack < 0 {
            let capacity = shrinkCapacity(spaceGaps: spaceGaps, clusterGaps: clusterGaps, size: size)
            let ratio = capacity > 0 ? min(1, -slack / capacity) : 0
            return (-ratio * clusterShrinkLimit * size, -ratio * spaceShrinkLimit / 2 * size, false)
        }
        let spaceGaps = Double(spaceGaps), clusterGaps = Double(clusterGaps)
        // Each space is two gaps (before and after it), each taking half a space's weight.
        var clusterShare = min(slack / max(1, clusterGaps + spaceGaps * spaceWeight / 2), clusterLimit * size)
        var spaceShare = spaceGaps > 0 ? (slack - clusterShare * clusterGaps) / spaceGaps : 0
        let tooLoose = spaceGaps > 0 ? 2 * spaceShare > looseSpaceLimit * size + 0.01 : clusterShare * clusterGaps < slack - 0.01
        if tooLoose, clusterGaps > 0 {
            // Clusters take what spaces beyond `looseSpaceLimit` would, up to `looseClusterLimit`;
            // spaces take the rest. A line without spaces that is still short stays short.
            let spaceLimitShare = spaceGaps > 0 ? looseSpaceLimit * size / 2 : 0
            clusterShare = min((slack - spaceLimitShare * spaceGaps) / clusterGaps, looseClusterLimit * size)
            spaceShare = spaceGaps > 0 ? (slack - clusterShare * clusterGaps) / spaceGaps : 0
        }
        return (clusterShare, spaceShare, tooLoose)
    }

    /// A place where justification may add space: before the glyph `glyph` of run `run`.
    struct Gap { var run: Int; var glyph: Int; var isSpace: Bool }

    /// The gaps of a line: before each grapheme cluster except the first, up to the last one that
    /// is not a space.
    static func gaps(in runs: [GlyphRun]) -> [Gap] {
        var gaps: [Gap] = []
        var previousCluster = -1
        var previousWasSpace = false
        var lastContentGap = -1
        for r in runs.indices {
            let bytes = Array(runs[r].text.utf8)
            // Pango's clusters are single characters where the font allows; gaps go only where a
            // grapheme cluster (a base with its marks) begins, so marks never leave their base.
            var graphemeStarts = Set<Int>()
            var byte = runs[r].textStart
            for character in runs[r].text {
                graphemeStarts.insert(byte)
                byte += character.utf8.count
            }
            for g in runs[r].glyphs.indices {
                let cluster = runs[r].glyphs[g].clusterByte
                guard cluster != previousCluster, graphemeStarts.contains(cluster) else { continue }
                let local = cluster - runs[r].textStart
                let isSpace = local >= 0 && local < bytes.count && bytes[local] == 0x20
                if previousCluster >= 0 {
                    gaps.append(Gap(run: r, glyph: g, isSpace: isSpace || previousWasSpace))
                    if !isSpace { lastContentGap = gaps.count - 1 }
                }
                previousCluster = cluster
                previousWasSpace = isSpace
            }
        }
        guard lastContentGap >= 0 else { return [] }
        gaps.removeSubrange((lastContentGap + 1)...)
        return gaps
    }

    /// Moves the glyphs of a line to spread `slack` over its gaps (`shares`); returns how much
    /// wider the line got (negative: narrower). Growth is measured in em of the line's largest
    /// size, so a gap between clusters stays below what pdfminer reads as a space; shrink in em of
    /// `paragraphSize`, as line breaking measured it when it chose the line.
    static func distribute(slack: Double, over runs: inout [GlyphRun], paragraphSize: Double) -> Double {
        let gaps = self.gaps(in: runs)
        guard !gaps.isEmpty else { return 0 }
        let spaceGaps = gaps.filter(\.isSpace).count
        let size = slack < 0 ? paragraphSize : runs.map(\.size).max() ?? 12
        let (clusterShare, spaceShare, _) = shares(slack: slack, spaceGaps: spaceGaps, clusterGaps: gaps.count - spaceGaps, size: size)
        var shift = 0.0
        var gapIndex = 0
        for r in runs.indices {
            for g in runs[r].glyphs.indices {
                while gapIndex < gaps.count, gaps[gapIndex].run == r, gaps[gapIndex].glyph == g {
                    shift += gaps[gapIndex].isSpace ? spaceShare : clusterShare
                    gapIndex += 1
                }
                runs[r].glyphs[g].x += shift
            }
        }
        return shift
    }
}
