@testable import Graphics
import XCTest

/// The finisher gives the glyphs left untaught their text in the font's ToUnicode CMap: its U+FFFD
/// entries in the order of their codes, and only when there are as many as glyphs left.
final class LateGlyphTextTests: XCTestCase {
    private let cmap = """
        3 beginbfchar
        <0001> <0e02>
        <0005> <fffd>
        <0003> <fffd>
        endbfchar
        """

    func testUnknownEntriesGetTheTextsInTheOrderOfTheirCodes() {
        XCTAssertEqual(QPDFDocument.cmap(cmap, giving: ["\u{0E49}", "\u{0E49}\u{0E33}"]), """
            3 beginbfchar
            <0001> <0e02>
            <0005> <0e490e33>
            <0003> <0e49>
            endbfchar
            """)
    }

    func testAnotherNumberOfUnknownEntriesChangesNothing() {
        XCTAssertNil(QPDFDocument.cmap(cmap, giving: ["\u{0E49}"]))
        XCTAssertNil(QPDFDocument.cmap(cmap, giving: ["a", "b", "c"]))
    }
}
