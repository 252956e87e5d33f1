import XCTest
@testable import ReportModel

/// Inline markup read over bytes: plain text stays one span, markers and escapes as documented.
final class InlineMarkupTests: XCTestCase {
    func testTextWithoutMarkersIsOneSpanWithTheBaseProperties() {
        let spans = InlineMarkup.parse("การบริหารงบประมาณ 5 บาท", base: Span("", bold: true, underline: true))
        XCTAssertEqual(spans, [Span("การบริหารงบประมาณ 5 บาท", bold: true, underline: true)])
        XCTAssertEqual(InlineMarkup.parse(""), [])
    }

    func testMarkersAroundThaiText() {
        XCTAssertEqual(InlineMarkup.parse("ผล**การ**ดำเนิน*งาน*"),
                       [Span("ผล"), Span("การ", bold: true), Span("ดำเนิน"), Span("งาน", italic: true)])
        XCTAssertEqual(InlineMarkup.parse("__ขีด__เส้น"), [Span("ขีด", underline: true), Span("เส้น")])
    }

    func testUnclosedMarkersAndEscapesStayText() {
        XCTAssertEqual(InlineMarkup.parse("ราคา 5*3 บาท"), [Span("ราคา 5*3 บาท")])
        XCTAssertEqual(InlineMarkup.parse("a_b \\*ไม่เอียง\\* \\\\ c"), [Span("a_b *ไม่เอียง* \\ c")])
        XCTAssertEqual(InlineMarkup.parse("**หนา*"), [Span("*"), Span("หนา", italic: true)])
    }
}
