import Foundation
@testable import Graphics
import XCTest

/// A line that is a whole line of the measuring layout (the paragraph, or one of its hard lines) is
/// read from that layout; it must be the line shaping it alone gives, glyph for glyph.
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

    func testAWholeParagraphIsReadFromTheMeasuringLayout() throws {
        let text = "การประเมินคุณธรรม AV และความโปร่งใส ๒๕๖๗"
        let (read, shaped, prepared) = try bothWays(text, line: 0..<text.utf8.count)
        XCTAssertEqual(prepared, 0, "not shaped again")
        XCTAssertEqual(read.runs, shaped.runs)
        XCTAssertEqual(read.width, shaped.width, accuracy: 1e-9)
        XCTAssertEqual(read.ascent, shaped.ascent, accuracy: 1e-9)
        XCTAssertEqual(read.descent, shaped.descent, accuracy: 1e-9)
    }

    func testAWholeHardLineIsReadFromTheMeasuringLayout() throws {
        let text = "บรรทัดแรก\nบรรทัดที่สอง Wave\nสาม"
        let second = "บรรทัดแรก\n".utf8.count..<"บรรทัดแรก\nบรรทัดที่สอง Wave".utf8.count
        let (read, shaped, prepared) = try bothWays(text, line: second)
        XCTAssertEqual(prepared, 0, "not shaped again")
        XCTAssertEqual(read.runs, shaped.runs)
        XCTAssertEqual(read.runs.first?.textStart, second.lowerBound)
        XCTAssertEqual(read.runs.map(\.text).joined(), "บรรทัดที่สอง Wave")
        XCTAssertEqual(read.width, shaped.width, accuracy: 1e-9)
    }

    func testPartOfALineIsShapedAlone() throws {
        let text = "บรรทัดแรก บรรทัดที่สอง"
        let (read, shaped, prepared) = try bothWays(text, line: 0..<"บรรทัดแรก ".utf8.count)
        XCTAssertEqual(prepared, 1)
        XCTAssertEqual(read.runs, shaped.runs)
        XCTAssertEqual(read.runs.map(\.text).joined(), "บรรทัดแรก ")
    }
}
