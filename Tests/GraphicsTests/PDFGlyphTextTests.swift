import XCTest
@testable import Graphics

/// The rewrite of Cairo's content streams and ToUnicode maps: word markers become spans, and a
/// glyph Cairo wrapped in a span of its own gets that span's text as its ToUnicode entry when the
/// document never shows it for anything else.
final class PDFGlyphTextTests: XCTestCase {

    /// A word "office" as Cairo writes it around our markers: the fi ligature (code 0001 of the
    /// Type0 font f-1-1) sits in Cairo's own span because the font's cmap maps it to U+FB01.
    private let office = """
    BT
    /Span << /ActualText <fefff8ff006f006600660069006300650020> >> BDC
    /f-0-1 1 Tf
    <00010001>Tj
    EMC
    /f-1-0 1 Tf
    (of)Tj
    /Span << /ActualText <feff00660069> >> BDC
    /f-1-1 1 Tf
    <0001>Tj
    EMC
    /f-1-0 1 Tf
    [(c)12(e\\040)]TJ
    /Span << /ActualText <fefff8fe> >> BDC
    /f-0-1 1 Tf
    [<00010001>-250]TJ
    EMC
    ET

    """

    private let widths = ["f-0-1": 2, "f-1-0": 1, "f-1-1": 2]

    func testMarkersBecomeTheWordsSpanAndInnerSpansAreDropped() throws {
        var meanings = GlyphMeanings()
        let rewritten = try XCTUnwrap(PDFWordSpans.rewrite(Array(office.utf8), codeWidths: widths, meanings: &meanings))
        XCTAssertEqual(String(decoding: rewritten, as: UTF8.self), """
        BT
        /Span << /ActualText <feff006f006600660069006300650020> >> BDC
        /f-0-1 1 Tf
        /f-1-0 1 Tf
        (of)Tj
        /f-1-1 1 Tf
        <0001>Tj
        /f-1-0 1 Tf
        [(c)12(e\\040)]TJ
        /f-0-1 1 Tf
        [-250]TJ
        EMC
        ET

        """)
        XCTAssertEqual(meanings.corrections, [FontGlyph(font: "f-1-1", code: 1): "00660069"])
        XCTAssertTrue(meanings.plain.contains(FontGlyph(font: "f-1-0", code: UInt32(UInt8(ascii: " ")))), "escaped octal read")
    }

    /// A glyph also shown plainly (a literal ﬁ typed in the text) keeps its entry; so does one drawn
    /// for two different texts.
    func testAGlyphWithAnotherMeaningKeepsItsEntry() throws {
        var meanings = GlyphMeanings()
        let literal = office + "BT\n/f-1-1 1 Tf\n<0001>Tj\nET\n"
        _ = PDFWordSpans.rewrite(Array(literal.utf8), codeWidths: widths, meanings: &meanings)
        XCTAssertEqual(meanings.corrections, [:])

        var twoTexts = GlyphMeanings()
        twoTexts.recordSpanned(FontGlyph(font: "f-1-1", code: 1), text: "00660069")
        twoTexts.recordSpanned(FontGlyph(font: "f-1-1", code: 1), text: "00460049")
        XCTAssertEqual(twoTexts.corrections, [:])
    }

    func testToUnicodeEntriesAreReplacedOrAdded() {
        let cmap = "1 begincodespacerange\n<0000> <ffff>\nendcodespacerange\n2 beginbfchar\n<0001> <fb01>\n<0002> <0e29>\nendbfchar\nendcmap\nend\n"
        let corrected = String(decoding: ToUnicodeCMap.correcting(Array(cmap.utf8), entries: [1: "00660069", 7: "0066006c"], width: 2), as: UTF8.self)
        XCTAssertEqual(corrected, "1 begincodespacerange\n<0000> <ffff>\nendcodespacerange\n2 beginbfchar\n<0001> <00660069>\n<0002> <0e29>\nendbfchar\n1 beginbfchar\n<0007> <0066006c>\nendbfchar\nendcmap\nend\n")
    }

    func testStringsOfTextShowingOperators() {
        XCTAssertEqual(TextShowing.strings(in: ArraySlice(Array("[<00030004>16<0005>]TJ".utf8))), [[0, 3, 0, 4], [0, 5]])
        XCTAssertEqual(TextShowing.strings(in: ArraySlice(Array(#"(a\(b\)\\c\101)Tj"#.utf8))), [Array("a(b)\\cA".utf8)])
        XCTAssertNil(TextShowing.strings(in: ArraySlice(Array("10 0 0 -10 155.9 85.8 Tm".utf8))))
        XCTAssertEqual(TextShowing.codes([0, 3, 0, 4], width: 2), [3, 4])
    }
}
