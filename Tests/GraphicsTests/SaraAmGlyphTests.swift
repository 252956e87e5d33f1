import Foundation
@testable import Graphics
import XCTest

/// Shaping splits ำ into nikhahit + sara aa; where the nikhahit sits exactly where the font's own ำ
/// glyph has it, the pair becomes that one glyph, at the same place, in a cluster of its own.
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

    func testSaraAmWithAMovedNikhahitKeepsShapingsGlyphs() throws {
        // Over ก the font moves the nikhahit 10 units left; over น with a tone mark it is a ligature.
        for text in ["กำ", "น้ำ"] {
            let (run, font) = try run(text)
            XCTAssertFalse(run.glyphs.contains { $0.id == font.nominalGlyph(for: "\u{0E33}") }, text)
            XCTAssertTrue(run.glyphs.contains { $0.id == font.nominalGlyph(for: "\u{0E32}") }, text)
        }
    }

    func testTheBundledFontsOwnSaraAmIsCheckedToBeExactlyNikhahitAndSaraAa() throws {
        XCTAssertNotNil(SaraAmGlyph(font: try run("นำ").font))
    }
}
