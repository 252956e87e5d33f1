import Foundation
@testable import Graphics
import LayoutTestSupport
import ReportModel
@testable import ReportLayout
import XCTest

/// A document with a contents page is laid out until its page numbers settle; each paragraph is
/// still shaped once, its lines cut from that shaping, and the pages are those of laying it out
/// without keeping lines.
final class LineCacheTests: XCTestCase {
    /// Forty distinct paragraphs under four headings, with or without a contents page.
    private func description(contents: Bool) -> String {
        var yaml = "blocks:\n"
        if contents { yaml += "  - toc: {title: สารบัญ}\n  - page-break\n" }
        for part in 1...4 {
            yaml += "  - heading: ส่วนที่ \(part)\n"
            for paragraph in 1...10 {
                yaml += "  - \"ย่อหน้าที่ \(part)-\(paragraph) " + String(repeating: "การบริหารงบประมาณขององค์การ ", count: 8 + paragraph) + "\"\n"
            }
        }
        return yaml
    }

    private func layOut(_ yaml: String, budget: Int? = nil) throws -> (pages: [PageFrame], shaped: Int, prepared: Int) {
        let engine = LayoutHarness.engine(try LayoutHarness.document(yaml))
        if let budget { engine.lineCacheGlyphBudget = budget }
        var pages: [PageFrame] = []
        try engine.layout { pages.append($0) }
        return (pages, engine.blocks.text.shaper.shapedTexts, engine.blocks.text.shaper.preparedTexts)
    }

    func testEveryLineOfAParagraphIsCutFromItsOneShaping() throws {
        let plain = try layOut(description(contents: false))
        XCTAssertGreaterThan(plain.pages.count, 1)
        XCTAssertEqual(plain.prepared, plain.shaped, "lines shaped alone: \(plain.prepared - plain.shaped)")
    }

    func testEachParagraphIsShapedOnceWhateverThePasses() throws {
        let plain = try layOut(description(contents: false))
        let withContents = try layOut(description(contents: true))
        XCTAssertGreaterThanOrEqual(plain.shaped, 44, "forty paragraphs and four headings")
        XCTAssertGreaterThan(withContents.pages.count, plain.pages.count, "the contents page is there")
        // Three passes at least (empty contents, numbers found, numbers confirmed); only the contents
        // page's own lines (title, four entries with their numbers and leaders, per pass) are new.
        XCTAssertLessThanOrEqual(withContents.shaped, plain.shaped + 40,
                                 "paragraphs shaped again in later passes: \(withContents.shaped) against \(plain.shaped)")
        let uncached = try layOut(description(contents: true), budget: 0)
        XCTAssertGreaterThan(uncached.shaped, 2 * plain.shaped, "without kept lines every pass shapes again")
    }

    func testEachRunCountsAgainstTheBudgetBesideItsGlyphs() {
        // A line of ten runs of one glyph each, as text that changes script at every letter sets.
        let runs = (0..<10).map { index in
            GlyphRun(font: FontID(index: 0), glyphs: [PositionedGlyph(id: 1, x: Double(index), y: 0, advance: 1, clusterByte: index)],
                     text: "ก", textStart: index, clusters: [GlyphCluster(bytes: 0..<3, glyphs: 0..<1)], words: [0..<3],
                     rightToLeft: false, size: 16)
        }
        let line = SetLine(runs: runs, width: 10, height: 20, baseline: 15, color: Color(red: 0, green: 0, blue: 0),
                           underlines: [], underlineOffset: 0, underlineThickness: 0)
        let request = SetLineCache.Request(spans: [ReportModel.Span("ก")], style: TextStyle(font: "Sarabun", size: 16), width: 100, align: nil, firstIndent: nil)
        let cost = 10 + 10 * SetLineCache.runWeight
        for (budget, kept) in [(cost - 1, false), (cost, true)] {
            let cache = SetLineCache(glyphBudget: budget)
            var sets = 0
            for _ in 0..<2 { _ = cache.lines(for: request) { sets += 1; return [line] } }
            XCTAssertEqual(sets, kept ? 1 : 2, "budget \(budget)")
        }
    }

    func testKeptLinesGiveTheSamePagesAsSettingAgain() throws {
        let kept = try layOut(description(contents: true))
        let setAgain = try layOut(description(contents: true), budget: 0)
        XCTAssertEqual(kept.pages, setAgain.pages)
    }
}
