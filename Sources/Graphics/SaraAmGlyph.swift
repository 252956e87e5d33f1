import CPangoCairo

/// One glyph for what shaping draws as nikhahit + sara aa, so that ำ (SARA AM) needs neither an
/// outline nor a span in the PDF.
///
/// HarfBuzz's Thai shaper always splits ำ into nikhahit + sara aa, so that tone marks can sit above the
/// nikhahit, and moves the nikhahit (or its ligature with a tone mark, `uni0E4D0E49`) by the letter's
/// anchor. Drawn as two glyphs, the pair reads back as ํ + า, so the sara aa had to be drawn as an
/// outline (see `PDFCanvas.draw(run:)`), which made outlines the largest part of Cairo's page work.
/// Where one glyph of the font draws exactly the pair at shaping's offset, the pair becomes that glyph,
/// at the sara aa's place, in a cluster of its own holding the text it stands for:
/// - the font's own ำ where the nikhahit is not moved: it reads back as ำ through the cmap;
/// - otherwise the composite `scripts/prepare-fonts.py` adds for that offset, named
///   `am.<nikhahit glyph>.<dx>.<dy>` (font units, `m` for minus); it has no cmap entry and is taught
///   its text (ำ, or the tone mark and ำ of a ligature: ้ำ) the first time it is shown (`TextLayer`).
/// Every glyph used is checked once to draw exactly the same contours as the pair, so the page does
/// not change; a font without such glyphs keeps shaping's pair.
final class SaraAmGlyph {
    private let font: ShapedFont
    /// The font's face at one point per font unit, unhinted: outlines compared in it are exact.
    private let unitFont: OpaquePointer
    private let nikhahit: UInt32
    private let saraAa: UInt32
    /// The font's ำ glyph, when it draws exactly nikhahit + sara aa at one origin.
    private let saraAm: UInt32?
    /// Font units per point at the shaped size.
    private let unitsPerPoint: Double
    /// Checked replacements found so far, by the moved glyph and its offset in font units.
    private var replacements: [Offset: Replacement?] = [:]

    /// A nikhahit glyph and its offset from the sara aa, in font units (y up).
    private struct Offset: Hashable {
        var glyph: UInt32
        var dx: Int
        var dy: Int
    }

    /// The glyph that draws a pair, and the UTF-8 text it stands for (the tone marks of a ligature, then ำ).
    struct Replacement: Equatable {
        var glyph: UInt32
        var text: [UInt8]
    }

    private static let saraAmText: [UInt8] = Array("\u{0E33}".utf8)

    /// The pair's glyphs in `font`, or nil when the font has no nikhahit, sara aa or scaled font.
    init?(font: ShapedFont) {
        guard let nikhahit = font.nominalGlyph(for: "\u{0E4D}"), let saraAa = font.nominalGlyph(for: "\u{0E32}"),
              let scaled = font.scaledFont, let hbFont = pango_font_get_hb_font(font.font) else { return nil }
        var xScale: Int32 = 0, yScale: Int32 = 0
        hb_font_get_scale(hbFont, &xScale, &yScale)
        let upem = Double(hb_face_get_upem(hb_font_get_face(hbFont)))
        guard xScale > 0, let unitFont = Self.unitFont(of: cairo_scaled_font_get_font_face(scaled), upem: upem) else { return nil }
        self.font = font
        self.unitFont = unitFont
        self.nikhahit = nikhahit
        self.saraAa = saraAa
        unitsPerPoint = Double(thaireport_pango_scale()) * upem / Double(xScale)
        let own = font.nominalGlyph(for: "\u{0E33}")
        saraAm = own.flatMap {
            Self.sameContours(Self.contours(of: [($0, 0, 0)], in: unitFont), Self.contours(of: [(nikhahit, 0, 0), (saraAa, 0, 0)], in: unitFont)) ? $0 : nil
        }
    }

    deinit { cairo_scaled_font_destroy(unitFont) }

    /// `face` scaled to `upem` points (one point per font unit), without hinting.
    private static func unitFont(of face: OpaquePointer?, upem: Double) -> OpaquePointer? {
        guard let face, let options = cairo_font_options_create() else { return nil }
        defer { cairo_font_options_destroy(options) }
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        var size = cairo_matrix_t(), identity = cairo_matrix_t()
        cairo_matrix_init_scale(&size, upem, upem)
        cairo_matrix_init_identity(&identity)
        guard let font = cairo_scaled_font_create(face, &size, &identity, options) else { return nil }
        guard cairo_scaled_font_status(font) == CAIRO_STATUS_SUCCESS else {
            cairo_scaled_font_destroy(font)
            return nil
        }
        return font
    }

    /// The glyph that draws `mark` (a nikhahit glyph) at its place over `aa` (the sara aa), checked.
    func replacement(for mark: PositionedGlyph, over aa: PositionedGlyph) -> Replacement? {
        // Layout positions are whole Pango units (1/1024 pt): the offset is a whole number of font
        // units to within one of them.
        let dx = (mark.x - aa.x) * unitsPerPoint, dy = (aa.y - mark.y) * unitsPerPoint
        let tolerance = max(0.05, unitsPerPoint / Double(thaireport_pango_scale()))
        guard abs(dx - dx.rounded()) <= tolerance, abs(dy - dy.rounded()) <= tolerance else { return nil }
        let offset = Offset(glyph: mark.id, dx: Int(dx.rounded()), dy: Int(dy.rounded()))
        if let known = replacements[offset] { return known }
        let found = find(offset)
        replacements[offset] = .some(found)
        return found
    }

    private func find(_ offset: Offset) -> Replacement? {
        if offset == Offset(glyph: nikhahit, dx: 0, dy: 0), let saraAm { return Replacement(glyph: saraAm, text: Self.saraAmText) }
        guard let markName = font.glyphName(offset.glyph), let tones = Self.tonesInLigature(named: markName) else { return nil }
        let number = { (value: Int) in value < 0 ? "m\(-value)" : "\(value)" }
        guard let glyph = font.glyph(named: "am.\(markName).\(number(offset.dx)).\(number(offset.dy))") else { return nil }
        let pair = [(offset.glyph, Double(offset.dx), -Double(offset.dy)), (saraAa, 0, 0)]
        guard Self.sameContours(Self.contours(of: [(glyph, 0, 0)], in: unitFont), Self.contours(of: pair, in: unitFont)) else { return nil }
        return Replacement(glyph: glyph, text: Array(String(String.UnicodeScalarView(tones)).utf8) + Self.saraAmText)
    }

    /// The tone marks a nikhahit glyph stands for besides the nikhahit, from its name (Adobe Glyph
    /// List: `uni0E4D` none, `uni0E4D0E49` ้, a suffix after a dot ignored); nil for another glyph.
    static func tonesInLigature(named name: String) -> [Unicode.Scalar]? {
        let base = name.split(separator: ".", maxSplits: 1).first.map(String.init) ?? name
        guard base.hasPrefix("uni"), (base.count - 3) % 4 == 0, base.count > 3 else { return nil }
        var scalars: [Unicode.Scalar] = []
        var index = base.index(base.startIndex, offsetBy: 3)
        while index < base.endIndex {
            let next = base.index(index, offsetBy: 4)
            guard let value = UInt32(base[index..<next], radix: 16), let scalar = Unicode.Scalar(value) else { return nil }
            scalars.append(scalar)
            index = next
        }
        guard scalars.first == "\u{0E4D}", scalars.dropFirst().allSatisfy({ (0x0E48...0x0E4B).contains($0.value) }) else { return nil }
        return Array(scalars.dropFirst())
    }

    /// Replaces, in one shaped run, each pair drawn by one glyph (`replacement`) at the end of a
    /// cluster whose text ends with what that glyph stands for: the glyph takes the sara aa's place in
    /// a cluster of its own, after the cluster of the rest. `text` is the run's UTF-8 text; the
    /// clusters' byte ranges count from its start.
    func compose(_ glyphs: inout [PositionedGlyph], _ clusters: inout [GlyphCluster], text: ArraySlice<UInt8>) {
        guard clusters.contains(where: { $0.glyphs.count >= 2 && glyphs[$0.glyphs.upperBound - 1].id == saraAa }) else { return }
        var composedGlyphs: [PositionedGlyph] = []
        var composedClusters: [GlyphCluster] = []
        composedGlyphs.reserveCapacity(glyphs.count)
        composedClusters.reserveCapacity(clusters.count)
        for cluster in clusters {
            let range = cluster.glyphs, bytes = cluster.bytes
            let start = composedGlyphs.count
            guard range.count >= 2, glyphs[range.upperBound - 1].id == saraAa,
                  let replacement = replacement(for: glyphs[range.upperBound - 2], over: glyphs[range.upperBound - 1]),
                  bytes.count >= replacement.text.count,
                  text[(text.startIndex + bytes.upperBound - replacement.text.count)..<(text.startIndex + bytes.upperBound)].elementsEqual(replacement.text)
            else {
                composedGlyphs += glyphs[range]
                composedClusters.append(GlyphCluster(bytes: bytes, glyphs: start..<composedGlyphs.count))
                continue
            }
            let rest = range.lowerBound..<(range.upperBound - 2)
            var restBytes = bytes.lowerBound..<(bytes.upperBound - replacement.text.count)
            if rest.isEmpty || restBytes.isEmpty {
                restBytes = bytes.lowerBound..<bytes.lowerBound  // nothing before it, or no text for its glyphs
            }
            if !restBytes.isEmpty {
                composedGlyphs += glyphs[rest]
                composedClusters.append(GlyphCluster(bytes: restBytes, glyphs: start..<composedGlyphs.count))
            }
            var glyph = glyphs[range.upperBound - 1]
            glyph.id = replacement.glyph
            glyph.advance += glyphs[range.upperBound - 2].advance
            composedGlyphs.append(glyph)
            composedClusters.append(GlyphCluster(bytes: restBytes.upperBound..<bytes.upperBound,
                                                 glyphs: (composedGlyphs.count - 1)..<composedGlyphs.count))
        }
        glyphs = composedGlyphs
        clusters = composedClusters
    }

    /// Whether two sets of contours (in font units) are the same within a tenth of a unit.
    private static func sameContours(_ a: [[Double]], _ b: [[Double]]) -> Bool {
        !a.isEmpty && a.count == b.count && zip(a, b).allSatisfy { $0.count == $1.count && zip($0, $1).allSatisfy { abs($0 - $1) < 0.1 } }
    }

    /// The glyphs' outlines drawn at their offsets (y down), as contours (each a list of path
    /// points) in a canonical order, so two drawings with the same contours in another order compare equal.
    private static func contours(of glyphs: [(UInt32, Double, Double)], in font: OpaquePointer) -> [[Double]] {
        guard let surface = cairo_recording_surface_create(CAIRO_CONTENT_ALPHA, nil) else { return [] }
        defer { cairo_surface_destroy(surface) }
        guard let cairo = cairo_create(surface) else { return [] }
        defer { cairo_destroy(cairo) }
        cairo_set_scaled_font(cairo, font)
        var placed = glyphs.map { cairo_glyph_t(index: UInt($0.0), x: $0.1, y: $0.2) }
        cairo_glyph_path(cairo, &placed, Int32(placed.count))
        guard let path = cairo_copy_path(cairo) else { return [] }
        defer { cairo_path_destroy(path) }
        var contours: [[Double]] = []
        var index = 0
        while index < Int(path.pointee.num_data) {
            let header = path.pointee.data[index].header
            if header.type == CAIRO_PATH_MOVE_TO { contours.append([]) }
            for point in 1..<Int(header.length) {
                let value = path.pointee.data[index + point].point
                contours[contours.count - 1] += [value.x, value.y]
            }
            index += Int(header.length)
        }
        return contours.sorted { $0.lexicographicallyPrecedes($1) }
    }
}
