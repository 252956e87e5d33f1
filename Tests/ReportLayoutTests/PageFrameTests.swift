import Foundation
import LayoutTestSupport
import ReportLayout
import XCTest

/// Pages are plain data: whole pages compare and survive encoding, so layouts can be checked page
/// against page.
final class PageFrameTests: XCTestCase {
    private func pages(_ yaml: String) throws -> [PageFrame] { try LayoutHarness.pages(yaml) }

    private let paragraph = "การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ **ตัวหนา** official flow"

    func testPagesCompareAndSurviveEncoding() throws {
        let first = try pages("blocks:\n  - heading: หัวข้อ\n  - \"\(paragraph)\"\n  - table:\n      columns: [1fr, 2fr]\n      rows: [[ก, ข]]\n")
        XCTAssertEqual(first, try pages("blocks:\n  - heading: หัวข้อ\n  - \"\(paragraph)\"\n  - table:\n      columns: [1fr, 2fr]\n      rows: [[ก, ข]]\n"))
        let decoded = try JSONDecoder().decode([PageFrame].self, from: JSONEncoder().encode(first))
        XCTAssertEqual(decoded, first)
        XCTAssertTrue(first[0].items.contains { if case .line = $0 { return true } else { return false } }, "table rules are lines")
    }

    /// A spacer at the top of a page is dropped: the page is the same as one without it.
    func testSpacerAtTheTopOfAPageLeavesThePageAsItWas() throws {
        let spaced = try pages("blocks:\n  - ก\n  - page-break\n  - spacer: 3cm\n  - \"\(paragraph)\"\n")
        let plain = try pages("blocks:\n  - ก\n  - page-break\n  - \"\(paragraph)\"\n")
        XCTAssertEqual(spaced.count, 2)
        XCTAssertEqual(spaced, plain)
        XCTAssertNotEqual(try pages("blocks:\n  - ก\n  - spacer: 3cm\n  - \"\(paragraph)\"\n")[0], plain[0])
    }
}
