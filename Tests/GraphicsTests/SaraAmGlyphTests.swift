import Foundation
@testable import Graphics
import XCTest

/// Shaping splits ำ into nikhahit + sara aa; where one glyph of the font draws the pair at shaping's
/// offset (its own ำ, or a composite added by scripts/prepare-fonts.py), the pair becomes that glyph,
/// at the sara aa's place, in a cluster of its own holding the text it stands for.
final class SaraAmGlyphTests: XCTestCase {
    private static let fontFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fonts/Sarabun/Sarabun-Regular.ttf").path

    private func run(_ text: String) throws -> (run: GlyphRun, font: ShapedFont) {
        let library = try FontLibrary(files: [Self.fontFile])
        let shaper = TextShaper(library: library)
        let line = try XCTUnwrap(shaper.shape(text: text, ranges: [StyledRange(bytes: 0..<text.utf8.count,
                                                                                font: FontRequest(family: "Sarabun", size: 16))],
                                              width: 1000).first)
        let run = try XCTUnwrap(line.runs.first)
        return (run, library.font(run.font))
    }

    func testSaraAmWithoutOffsetIsTheFontsOwnGlyphWhereSaraAaWas() throws {
        let (run, font) = try run("นำ")
        let saraAm = try XCTUnwrap(font.nominalGlyph(for: "\u{0E33}"))
        XCTAssertEqual(run.glyphs.map(\.id), [try XCTUnwrap(font.nominalGlyph(for: "น")), saraAm])
        XCTAssertEqual(run.glyphs[1].x, run.glyphs[0].advance, accuracy: 1e-9, "drawn where the sara aa was")
        XCTAssertEqual(run.clusters, [GlyphCluster(bytes: 0..<3, glyphs: 0..<1), GlyphCluster(bytes: 3..<6, glyphs: 1..<2)])
    }

    func testSaraAmWithAMovedNikhahitIsTheCompositeForThatOffsetInAClusterOfItsOwn() throws {
        // Over ก Sarabun moves the nikhahit 10 units left: scripts/prepare-fonts.py added that pair.
        let (run, font) = try run("กำ")
        XCTAssertEqual(run.glyphs.map { font.glyphName($0.id) }, ["uni0E01", "am.uni0E4D.m10.0"])
        XCTAssertEqual(run.glyphs[1].x, run.glyphs[0].advance, accuracy: 1e-9, "drawn where the sara aa was")
        XCTAssertEqual(run.clusters, [GlyphCluster(bytes: 0..<3, glyphs: 0..<1), GlyphCluster(bytes: 3..<6, glyphs: 1..<2)])
    }

    func testANikhahitLigatureWithAToneMarkTakesTheToneMarksText() throws {
        // น้ำ is one cluster of three glyphs from shaping: น, the nikhahit + mai tho ligature, sara aa.
        let (run, font) = try run("น้ำ")
        XCTAssertEqual(run.glyphs.map { font.glyphName($0.id) }, ["uni0E19", "am.uni0E4D0E49.0.0"])
        XCTAssertEqual(run.clusters, [GlyphCluster(bytes: 0..<3, glyphs: 0..<1), GlyphCluster(bytes: 3..<9, glyphs: 1..<2)])
    }

    func testAPairNoGlyphDrawsStaysAsShapingMadeIt() throws {
        // A vowel above the letter and then ำ is not Thai spelling; the font has no glyph for the pair.
        let (run, font) = try run("กิำ")
        XCTAssertTrue(run.glyphs.contains { $0.id == font.nominalGlyph(for: "\u{0E32}") })
    }

    func testToneMarksAreReadFromALigaturesName() {
        XCTAssertEqual(SaraAmGlyph.tonesInLigature(named: "uni0E4D"), [])
        XCTAssertEqual(SaraAmGlyph.tonesInLigature(named: "uni0E4D.narrow"), [])
        XCTAssertEqual(SaraAmGlyph.tonesInLigature(named: "uni0E4D0E49.narrow"), ["\u{0E49}"])
        XCTAssertNil(SaraAmGlyph.tonesInLigature(named: "uni0E32"))
        XCTAssertNil(SaraAmGlyph.tonesInLigature(named: "uni0E4D0E32"))
        XCTAssertNil(SaraAmGlyph.tonesInLigature(named: "nikhahit"))
    }

    func testTheFontsOwnSaraAmIsUsedOnlyWhereItIsExactlyTheUnmovedPair() throws {
        let font = try run("นำ").font
        let glyph = { (scalar: Unicode.Scalar) in PositionedGlyph(id: font.nominalGlyph(for: scalar)!, x: 0, y: 0, advance: 0, clusterByte: 0) }
        let saraAm = try XCTUnwrap(SaraAmGlyph(font: font))
        XCTAssertEqual(saraAm.replacement(for: glyph("\u{0E4D}"), over: glyph("\u{0E32}")),
                       SaraAmGlyph.Replacement(glyph: try XCTUnwrap(font.nominalGlyph(for: "\u{0E33}")), text: Array("\u{0E33}".utf8)))
        var moved = glyph("\u{0E4D}")
        moved.x = 3 / 16  // 3 font units at 16 pt: no glyph of the font draws that pair
        XCTAssertNil(saraAm.replacement(for: moved, over: glyph("\u{0E32}")))
    }
}
