import Foundation
import XCTest

/// Font files that cannot print: web fonts, truncated files and damaged glyph tables are refused at
/// the place that names them instead of printing blank text or another font.
final class HostileFontTests: HostileTestCase {
    private static let sarabun = RenderTests.root.appendingPathComponent("Fonts/Sarabun/Sarabun-Regular.ttf")
    private static let fetchAgain = "copy the font file again from where it came from, or give another TrueType (.ttf) or OpenType (.otf) file"

    private func description(_ file: String) -> String {
        "fonts:\n  - family: Sarabun\n    files: [\(file)]\nfont: Sarabun\nblocks: [ข้อความทดสอบ]\n"
    }

    /// The byte range of a table of an sfnt font.
    private func table(_ tag: String, in font: [UInt8]) -> Range<Int> {
        let count = Int(font[4]) << 8 | Int(font[5])
        for index in 0..<count {
            let record = 12 + 16 * index
            func number(_ at: Int) -> Int { font[(record + at)..<(record + at + 4)].reduce(0) { $0 << 8 | Int($1) } }
            if font[record..<(record + 4)].elementsEqual(tag.utf8) { return number(8)..<(number(8) + number(12)) }
        }
        fatalError("no \(tag) table")
    }

    func testWebFontsAreRefused() throws {
        var woff2 = Data("wOF2".utf8)
        woff2.append(Data(count: 64))
        try assertRefused(description("f.woff2"), files: ["f.woff2": woff2], """
        r.yaml:3:13: error: the font file `f.woff2` is a WOFF2 web font, which a PDF cannot embed (give the TrueType (.ttf) or OpenType (.otf) file it was made from; fonttools converts one: `fonttools ttLib.woff2 decompress FILE`)
        1 error in the description; nothing was written

        """)
    }

    func testTruncatedFontIsRefused() throws {
        let font = try Data(contentsOf: Self.sarabun)
        try assertRefused(description("f.ttf"), files: ["f.ttf": font.prefix(font.count * 2 / 3)], """
        r.yaml:3:13: error: the font file `f.ttf` is truncated or damaged: its `DSIG` table runs past the end of the file (\(Self.fetchAgain))
        1 error in the description; nothing was written

        """)
    }

    func testEmptiedGlyphTableIsRefused() throws {
        var font = [UInt8](try Data(contentsOf: Self.sarabun))
        let glyphs = table("glyf", in: font)
        font.replaceSubrange(glyphs, with: repeatElement(0, count: glyphs.count))
        try assertRefused(description("f.ttf"), files: ["f.ttf": Data(font)], """
        r.yaml:3:13: error: the font file `f.ttf` is damaged: its glyph for `ก` is empty, so text would print blank (\(Self.fetchAgain))
        1 error in the description; nothing was written

        """)
    }
}
