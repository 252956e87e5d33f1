import Foundation
import CPangoCairo

/// An error raised by the graphics layer: a font or image that cannot be used, or a PDF that cannot be written.
public struct GraphicsError: Error, CustomStringConvertible, Equatable {
    public let message: String
    /// The system's `errno` when a file could not be written.
    public let code: Int32?
    /// The file the error is about, when it is about one file (a font that cannot be used).
    public let path: String?
    public init(_ message: String, code: Int32? = nil, path: String? = nil) {
        self.message = message
        self.code = code
        self.path = path
    }
    public var description: String { message }
}

/// The fonts a document may use, loaded from known files only through a private fontconfig
/// configuration, so output never depends on the fonts a machine has installed.
///
/// Owns the `FcConfig`, the Pango font map and the Pango context; frees them in `deinit`.
public final class FontLibrary {
    let config: OpaquePointer
    let fontMap: OpaquePointer
    let context: OpaquePointer
    /// Every font shaping has chosen, in the order first chosen: a `FontID` is an index here.
    private var shapedFonts: [ShapedFont] = []
    private var idsByFont: [UnsafeMutablePointer<PangoFont>: FontID] = [:]
    /// Layout (which chooses fonts) and drawing (which reads them) may run on two threads.
    private let shapedFontsLock = NSLock()
    /// Read and written by layout only.
    private var saraAmGlyphs: [Int: SaraAmGlyph?] = [:]

    /// Loads `files` (TrueType/OpenType) into an empty private configuration.
    /// Throws for a file that is missing or that fontconfig cannot read as a font.
    public init(files: [String]) throws {
        guard let config = FcConfigCreate() else { throw GraphicsError("fontconfig could not create a configuration") }
        self.config = config
        // Made the process's current configuration before Pango's font map exists: Pango's
        // fontconfig start-up (`FcInit`) then finds a configuration and does not read the system's
        // files and font caches, which this library never uses.
        FcConfigSetCurrent(config)
        guard let map = pango_cairo_font_map_new() else {
            FcConfigDestroy(config)
            throw GraphicsError("Pango could not create a font map")
        }
        fontMap = OpaquePointer(map)
        pango_fc_font_map_set_config(thaireport_as_fc_font_map(map), config)
        pango_cairo_font_map_set_resolution(OpaquePointer(map), 72)
        context = pango_font_map_create_context(map)
        pango_context_set_language(context, pango_language_from_string("th"))
        pango_context_set_round_glyph_positions(context, 0)
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        pango_cairo_context_set_font_options(context, options)
        cairo_font_options_destroy(options)
        for file in files { try add(file: file) }
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(context))
        g_object_unref(UnsafeMutableRawPointer(fontMap))
        FcConfigDestroy(config)
    }

    /// The identifier of a font Pango chose; the library keeps the font for its lifetime.
    func id(for font: UnsafeMutablePointer<PangoFont>) -> FontID {
        shapedFontsLock.lock()
        defer { shapedFontsLock.unlock() }
        if let id = idsByFont[font] { return id }
        let id = FontID(index: shapedFonts.count)
        shapedFonts.append(ShapedFont(retaining: font))
        idsByFont[font] = id
        return id
    }

    /// The font an identifier stands for.
    func font(_ id: FontID) -> ShapedFont {
        shapedFontsLock.lock()
        defer { shapedFontsLock.unlock() }
        return shapedFonts[id.index]
    }

    /// The family names a font file holds, once it passes `FontFileCheck`; throws a
    /// `FontFileProblem` saying why the file cannot be used otherwise.
    public static func checkedFamilyNames(inFile path: String) throws -> [String] {
        try FontFileCheck.check(path)
        guard let names = familyNames(inFile: path), !names.isEmpty else {
            throw FontFileProblem(reason: "is not a font that can be used", hint: "give TrueType (.ttf) or OpenType (.otf) files")
        }
        return names
    }

    /// The glyphs that draw shaping's nikhahit + sara aa as one (`SaraAmGlyph`);
    /// checked once per font.
    func saraAmGlyph(_ id: FontID) -> SaraAmGlyph? {
        if let known = saraAmGlyphs[id.index] { return known }
        let glyph = SaraAmGlyph(font: font(id))
        saraAmGlyphs[id.index] = .some(glyph)
        return glyph
    }

    /// Family names found in one font file, or nil when the file is not a font fontconfig can read.
    public static func familyNames(inFile path: String) -> [String]? {
        var count: Int32 = 0
        guard let pattern = FcFreeTypeQuery(path, 0, nil, &count) else { return nil }
        defer { FcPatternDestroy(pattern) }
        var names: [String] = []
        var index: Int32 = 0
        var value: UnsafeMutablePointer<FcChar8>?
        while FcPatternGetString(pattern, FC_FAMILY, index, &value) == FcResultMatch, let value {
            names.append(String(cString: value))
            index += 1
        }
        return names
    }

    /// Adds one font file. Fontconfig reads the file once, here; a file it finds no font in adds
    /// nothing to the application fonts and is refused.
    private func add(file: String) throws {
        guard FileManager.default.isReadableFile(atPath: file) else {
            throw GraphicsError("font file \(file) does not exist or cannot be read", path: file)
        }
        let before = applicationFontCount
        guard FcConfigAppFontAddFile(config, file) != 0, applicationFontCount > before else {
            throw GraphicsError("\(file) is not a font file that can be used (expected TrueType or OpenType)", path: file)
        }
        // A new file invalidates the font map's cached font sets.
        pango_fc_font_map_config_changed(thaireport_as_fc_font_map(UnsafeMutablePointer(fontMap)))
    }

    /// Fonts added from files so far (faces, not files).
    private var applicationFontCount: Int32 {
        FcConfigGetFonts(config, FcSetApplication)?.pointee.nfont ?? 0
    }
}

/// A font chosen for a run of text: family, weight, slant and the size it is drawn at (points).
public struct FontRequest: Hashable {
    public var family: String
    public var bold: Bool
    public var italic: Bool
    public var size: Double

    public init(family: String, bold: Bool = false, italic: Bool = false, size: Double) {
        self.family = family
        self.bold = bold
        self.italic = italic
        self.size = size
    }

    /// A new Pango font description; the caller frees it.
    func makeDescription() -> OpaquePointer {
        let description = pango_font_description_new()!
        pango_font_description_set_family(description, family)
        pango_font_description_set_weight(description, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        pango_font_description_set_style(description, italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL)
        pango_font_description_set_absolute_size(description, size * Double(thaireport_pango_scale()))
        return description
    }
}

/// A font shaping chose, as plain data: an index into the `FontLibrary` that shaped the text.
public struct FontID: Hashable, Codable {
    public let index: Int
    public init(index: Int) { self.index = index }
}

/// A font Pango chose for shaped text; keeps the Pango font alive so its glyphs can be drawn later.
public final class ShapedFont {
    let font: UnsafeMutablePointer<PangoFont>

    init(retaining font: UnsafeMutablePointer<PangoFont>) {
        self.font = font
        g_object_ref(UnsafeMutableRawPointer(font))
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(font)) }

    /// The glyph the font's cmap gives a character, if any.
    func nominalGlyph(for scalar: Unicode.Scalar) -> UInt32? {
        var glyph: hb_codepoint_t = 0
        guard let hbFont = pango_font_get_hb_font(font), hb_font_get_nominal_glyph(hbFont, scalar.value, &glyph) != 0 else { return nil }
        return glyph
    }

    /// The glyph's name in the font (its `post` or CFF name), if it has one.
    func glyphName(_ glyph: UInt32) -> String? {
        guard let hbFont = pango_font_get_hb_font(font) else { return nil }
        var buffer = [CChar](repeating: 0, count: 64)
        guard hb_font_get_glyph_name(hbFont, glyph, &buffer, UInt32(buffer.count)) != 0 else { return nil }
        return String(cString: buffer)
    }

    /// The `name` table's ID of the PostScript name (OpenType). HarfBuzz 10 declares its constant as an
    /// enum case and HarfBuzz 6 as an integer, so the number is written here.
    private static let postScriptNameID: hb_ot_name_id_t = 6

    /// The font's PostScript name (name ID 6), which PDF writers give its embedded subsets.
    var postScriptName: String? {
        guard let hbFont = pango_font_get_hb_font(font) else { return nil }
        var buffer = [CChar](repeating: 0, count: 128)
        var length = UInt32(buffer.count)
        guard hb_ot_name_get_utf8(hb_font_get_face(hbFont), Self.postScriptNameID, nil, &length, &buffer) > 0 else { return nil }
        return String(cString: buffer)
    }

    /// The glyph with this name in the font, if any.
    func glyph(named name: String) -> UInt32? {
        guard let hbFont = pango_font_get_hb_font(font) else { return nil }
        var glyph: hb_codepoint_t = 0
        guard hb_font_get_glyph_from_name(hbFont, name, Int32(name.utf8.count), &glyph) != 0 else { return nil }
        return glyph
    }

    /// The Cairo scaled font that draws this font's glyphs; owned by the Pango font.
    var scaledFont: OpaquePointer? {
        pango_cairo_font_get_scaled_font(OpaquePointer(font))
    }

}

extension ShapedFont {
    /// Whether `glyph` is what the font's cmap gives `scalar`: its ToUnicode entry then reads back as
    /// that character without being taught (see `TextLayer`).
    func isNominal(_ glyph: UInt32, for scalar: Unicode.Scalar) -> Bool {
        nominalGlyph(for: scalar) == glyph
    }
}
