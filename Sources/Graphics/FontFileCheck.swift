import Foundation
import CPangoCairo

/// Why a font file cannot be used: `reason` completes a sentence that starts with the file's name;
/// `hint` says how to fix it.
public struct FontFileProblem: Error, Equatable {
    public let reason: String
    public let hint: String
}

/// Checks a font file before it is used, so that a damaged one is refused at the place that names it
/// instead of drawing blank text: web fonts (WOFF, WOFF2) are refused; the table directory must lie
/// inside the file (a truncated file fails here); FreeType must read every glyph, and the glyphs of
/// common Thai and Latin letters the font maps must have outlines.
enum FontFileCheck {
    private static let fetchAgain = "copy the font file again from where it came from, or give another TrueType (.ttf) or OpenType (.otf) file"

    /// Letters every text font that has them draws with ink: a damaged glyph table leaves them empty.
    private static let inkedLetters = "กขคงจฉชซดตถทนบปผพฟมยรลวสหอฮะาเแโ๐๑๒๓AaBbEeHhMmOoRrSsXx0123456789"

    static func check(_ path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { return }
        let head = [UInt8]((try? handle.read(upToCount: 12)) ?? Data())
        let size = (try? handle.seekToEnd()).map(Int.init) ?? 0
        if head.starts(with: Array("wOFF".utf8)) || head.starts(with: Array("wOF2".utf8)) {
            let kind = head[3] == UInt8(ascii: "2") ? "WOFF2" : "WOFF"
            throw FontFileProblem(reason: "is a \(kind) web font, which a PDF cannot embed",
                                  hint: "give the TrueType (.ttf) or OpenType (.otf) file it was made from; fonttools converts one: `fonttools ttLib.woff2 decompress FILE`")
        }
        if !head.starts(with: Array("ttcf".utf8)), head.count == 12 {
            try checkTableDirectory(handle, tables: Int(head[4]) << 8 | Int(head[5]), fileSize: size)
        }
        try handle.close()
        try checkGlyphs(path)
    }

    /// Every table of the directory must lie inside the file.
    private static func checkTableDirectory(_ handle: FileHandle, tables: Int, fileSize: Int) throws {
        try handle.seek(toOffset: 12)
        let records = [UInt8]((try? handle.read(upToCount: 16 * tables)) ?? Data())
        guard records.count == 16 * tables else {
            throw FontFileProblem(reason: "is truncated: it ends inside its table directory", hint: fetchAgain)
        }
        for index in 0..<tables {
            let record = records[(16 * index)..<(16 * index + 16)]
            func number(_ at: Int) -> Int { record[record.startIndex + at..<record.startIndex + at + 4].reduce(0) { $0 << 8 | Int($1) } }
            let tag = String(decoding: record.prefix(4).filter { (0x21...0x7E).contains($0) }, as: UTF8.self)
            if number(8) + number(12) > fileSize {
                throw FontFileProblem(reason: "is truncated or damaged: its `\(tag)` table runs past the end of the file",
                                      hint: fetchAgain)
            }
        }
    }

    /// FreeType reads every glyph; the common letters the font maps have outlines.
    private static func checkGlyphs(_ path: String) throws {
        var library: FT_Library?
        guard FT_Init_FreeType(&library) == 0, let library else { return }
        defer { FT_Done_FreeType(library) }
        var face: FT_Face?
        guard FT_New_Face(library, path, 0, &face) == 0, let face else {
            throw FontFileProblem(reason: "is not a font that can be used", hint: "give TrueType (.ttf) or OpenType (.otf) files")
        }
        defer { FT_Done_Face(face) }
        let flags = Int32(FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP)
        for glyph in 0..<UInt32(face.pointee.num_glyphs) where FT_Load_Glyph(face, glyph, flags) != 0 {
            throw FontFileProblem(reason: "is damaged: FreeType cannot read its glyph \(glyph)", hint: fetchAgain)
        }
        guard FT_Select_Charmap(face, FT_ENCODING_UNICODE) == 0 else {
            throw FontFileProblem(reason: "has no Unicode character map, so no text can be set in it", hint: fetchAgain)
        }
        for letter in inkedLetters.unicodeScalars {
            let glyph = FT_Get_Char_Index(face, FT_ULong(letter.value))
            guard glyph != 0, FT_Load_Glyph(face, glyph, flags) == 0 else { continue }
            let slot = face.pointee.glyph.pointee
            if slot.format == FT_GLYPH_FORMAT_OUTLINE, slot.outline.n_points == 0 {
                throw FontFileProblem(reason: "is damaged: its glyph for `\(Character(letter))` is empty, so text would print blank",
                                      hint: fetchAgain)
            }
        }
    }
}
