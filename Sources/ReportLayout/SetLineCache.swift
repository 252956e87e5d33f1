import Foundation
import ReportModel

/// The lines paragraphs were set into, kept while a document with a contents page is laid out
/// again and again until its page numbers settle: a paragraph is shaped once per text, style and
/// width, however many passes there are. Holds at most `glyphBudget` glyphs (each glyph run counting
/// as `runWeight` more), so a long document keeps the lines of its first pages and sets the rest
/// anew in each pass instead of growing.
final class SetLineCache {
    /// Everything the lines of a paragraph depend on.
    struct Request: Hashable {
        var spans: [Span]
        var style: TextStyle
        var width: Double
        var align: HorizontalAlignment?
        var firstIndent: Double?
    }

    /// Glyphs kept at most (the engine keeps 1,000,000: about 300 pages of dense text).
    let glyphBudget: Int
    /// What a glyph run costs beyond its glyphs, in glyphs: its text, clusters and words take about
    /// as much memory as two glyphs (measured: 1,000,000 glyphs in runs of one glyph, as text that
    /// changes script at every letter sets, took 300 MB against 110 MB in Thai runs).
    static let runWeight = 2
    private var lines: [Request: [SetLine]] = [:]
    private var glyphs = 0

    init(glyphBudget: Int) { self.glyphBudget = glyphBudget }

    /// The lines for `request`: kept ones, or those `set` gives (kept while the budget allows).
    func lines(for request: Request, set: () -> [SetLine]) -> [SetLine] {
        if let known = lines[request] { return known }
        let made = set()
        let size = made.reduce(0) { total, line in line.runs.reduce(total) { $0 + $1.glyphs.count + Self.runWeight } }
        if glyphs + size <= glyphBudget {
            lines[request] = made
            glyphs += size
        }
        return made
    }
}

extension TextSetter {
    /// Sets `spans` in `style` into lines no wider than `width` (`setLines`), answered from
    /// `lineCache` when one is kept.
    func set(_ spans: [Span], style: TextStyle, width: Double, align: HorizontalAlignment? = nil, firstIndent: Double? = nil) -> [SetLine] {
        guard let lineCache else { return setLines(spans, style: style, width: width, align: align, firstIndent: firstIndent) }
        let request = SetLineCache.Request(spans: spans, style: style, width: width, align: align, firstIndent: firstIndent)
        return lineCache.lines(for: request) { setLines(spans, style: style, width: width, align: align, firstIndent: firstIndent) }
    }
}
