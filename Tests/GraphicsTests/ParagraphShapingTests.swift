import Foundation
@testable import Graphics
import XCTest

/// A line of a measured paragraph is read from the measuring layout (the whole paragraph, one of its
/// hard lines, or part of one cut where a cluster starts); it must be the line shaping it alone
/// gives, glyph for glyph, but for kerning across its ends, which line breaking measured.
final class ParagraphShapingTests: XCTestCase {
    private static let fontFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fonts/Sarabun/Sarabun-Regular.ttf").path

    private func ranges(_ text: String) -> [StyledRange] {
        [StyledRange(bytes: 0..<text.utf8.count, font: FontRequest(family: "Sarabun", size: 16))]
    }

    /// `line` of `text` shaped after `measure` (read from its layout where it can be), and shaped
    /// with the layout holding another text first (always shaped alone).
    private func bothWays(_ text: String, line: Range<Int>) throws -> (read: ShapedLine, shaped: ShapedLine, prepared: Int) {
        let shaper = TextShaper(library: try FontLibrary(files: [Self.fontFile]))
        let metrics = shaper.measure(text: text, ranges: ranges(text))
        let before = shaper.preparedTexts
        let read = shaper.shapeLine(line, of: metrics, ranges: ranges(text), wordEnds: [], endsParagraph: true)
        let prepared = shaper.preparedTexts - before
        _ = shaper.measure(text: "อื่น", ranges: ranges("อื่น"))
        let shaped = shaper.shapeLine(line, of: metrics, ranges: ranges(text), wordEnds: [], endsParagraph: true)
        return (read, shaped, prepared)
    }

    /// `read` has the glyphs, width and height of `shaped`.
    private func assertSame(_ read: ShapedLine, _ shaped: ShapedLine, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(read.runs, shaped.runs, file: file, line: line)
        XCTAssertEqual(read.width, shaped.width, accuracy: 1e-9, file: file, line: line)
        XCTAssertEqual(read.ascent, shaped.ascent, accuracy: 1e-9, file: file, line: line)
        XCTAssertEqual(read.descent, shaped.descent, accuracy: 1e-9, file: file, line: line)
    }

    func testAWholeParagraphIsReadFromTheMeasuringLayout() throws {
        let text = "การประเมินคุณธรรม AV และความโปร่งใส ๒๕๖๗"
        let (read, shaped, prepared) = try bothWays(text, line: 0..<text.utf8.count)
        XCTAssertEqual(prepared, 0, "not shaped again")
        assertSame(read, shaped)
    }

    func testAWholeHardLineIsReadFromTheMeasuringLayout() throws {
        let text = "บรรทัดแรก\nบรรทัดที่สอง Wave\nสาม"
        let second = "บรรทัดแรก\n".utf8.count..<"บรรทัดแรก\nบรรทัดที่สอง Wave".utf8.count
        let (read, shaped, prepared) = try bothWays(text, line: second)
        XCTAssertEqual(prepared, 0, "not shaped again")
        assertSame(read, shaped)
        XCTAssertEqual(read.runs.first?.textStart, second.lowerBound)
        XCTAssertEqual(read.runs.map(\.text).joined(), "บรรทัดที่สอง Wave")
    }

    func testPartOfALineIsCutFromTheMeasuringLayoutAsShapingItAloneGivesIt() throws {
        let text = "บรรทัดแรก บรรทัดที่สอง การประเมินคุณธรรม"
        for line in [0..<"บรรทัดแรก ".utf8.count,
                     "บรรทัดแรก ".utf8.count..<"บรรทัดแรก บรรทัดที่สอง การประเมิน".utf8.count,
                     "บรรทัดแรก บรรทัดที่สอง การประเมิน".utf8.count..<text.utf8.count] {
            let (read, shaped, prepared) = try bothWays(text, line: line)
            XCTAssertEqual(prepared, 0, "not shaped again")
            assertSame(read, shaped)
            XCTAssertEqual(read.bytes, line)
            XCTAssertEqual(read.runs.first?.textStart, line.lowerBound)
            XCTAssertEqual(read.runs.first?.glyphs.first?.x, 0)
        }
    }

    func testACutBetweenItemsKeepsEachItemsRunAndHeight() throws {
        let text = "ข้อมูล E-Service และ Wave ๒๕๖๗"
        let line = "ข้อมูล ".utf8.count..<"ข้อมูล E-Service และ ".utf8.count
        let (read, shaped, prepared) = try bothWays(text, line: line)
        XCTAssertEqual(prepared, 0)
        XCTAssertEqual(read.runs.map(\.text).joined(), "E-Service และ ")
        XCTAssertEqual(read.runs.map(\.glyphs), shaped.runs.map(\.glyphs))
        XCTAssertEqual(read.width, shaped.width, accuracy: 1e-9)
        XCTAssertEqual(read.ascent, shaped.ascent, accuracy: 1e-9)
    }

    func testALineCutFromTheParagraphIsAsWideAsLineBreakingMeasuredIt() throws {
        // Sarabun kerns A and V: cut between them, the A keeps the advance the paragraph gave it.
        let text = "AVAVAV"
        let shaper = TextShaper(library: try FontLibrary(files: [Self.fontFile]))
        let metrics = shaper.measure(text: text, ranges: ranges(text))
        let line = shaper.shapeLine(0..<3, of: metrics, ranges: ranges(text), wordEnds: [], endsParagraph: false)
        XCTAssertEqual(line.width, metrics.width(0..<3), accuracy: 1e-9)
        XCTAssertEqual(line.runs.map(\.text), ["AVA"])
        let alone = shaper.width(of: "AVA", font: FontRequest(family: "Sarabun", size: 16))
        XCTAssertGreaterThan(alone - line.width, 0.1, "shaped alone, the last A is not kerned against a V")
    }

    func testALineIsShapedAloneWhereNoClusterStartsAtItsEnd() throws {
        let text = "น้ำใจ"
        let shaper = TextShaper(library: try FontLibrary(files: [Self.fontFile]))
        let metrics = shaper.measure(text: text, ranges: ranges(text))
        let measured = try XCTUnwrap(shaper.measuredLines.first)
        XCTAssertTrue(measured.sliceable(before: "น้ำ".utf8.count))
        XCTAssertTrue(measured.sliceable(before: "น".utf8.count), "้ำ is a cluster of its own")
        XCTAssertFalse(measured.sliceable(before: "น้".utf8.count), "inside ้ำ's cluster")
        let before = shaper.preparedTexts
        let line = shaper.shapeLine(0..<"น้".utf8.count, of: metrics, ranges: ranges(text), wordEnds: [], endsParagraph: false)
        XCTAssertEqual(shaper.preparedTexts - before, 1, "shaped alone")
        XCTAssertEqual(line.runs.map(\.text), ["น้"])
    }
}
