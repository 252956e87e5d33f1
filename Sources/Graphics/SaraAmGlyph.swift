import CPangoCairo

/// The font's own glyph for ำ (SARA AM), used where shaping split ำ into nikhahit + sara aa with
/// the nikhahit exactly where the precomposed glyph has it (no offset), and only in fonts whose ำ
/// glyph is exactly those two outlines (the bundled Sarabun is; checked per font, not assumed).
///
/// HarfBuzz's Thai shaper always decomposes ำ so that tone marks can sit above the nikhahit. Drawn as
/// two glyphs, the pair needs the nikhahit taught to read as ำ and the sara aa drawn as an outline
/// (see `PDFCanvas.draw(run:)`), which costs the PDF an outline at every ำ; the precomposed glyph
/// reads back as ำ through the font's cmap and looks identical, so the page does not change.
struct SaraAmGlyph {
    let nikhahit: UInt32
    let saraAa: UInt32
    let saraAm: UInt32

    /// The three glyphs of `font` when its ำ glyph draws exactly nikhahit + sara aa at one origin.
    init?(font: ShapedFont) {
        guard let nikhahit = font.nominalGlyph(for: "\u{0E4D}"), let saraAa = font.nominalGlyph(for: "\u{0E32}"),
              let saraAm = font.nominalGlyph(for: "\u{0E33}"), let scaled = font.scaledFont,
              Self.contours(of: [saraAm], in: scaled) == Self.contours(of: [nikhahit, saraAa], in: scaled) else { return nil }
        self.nikhahit = nikhahit
        self.saraAa = saraAa
        self.saraAm = saraAm
    }

    /// The glyphs' outlines drawn at one origin, as contours (each a list of path points) in a
    /// canonical order, so two drawings with the same contours in another order compare equal.
    private static func contours(of glyphIDs: [UInt32], in font: OpaquePointer) -> [[Double]] {
        var box = cairo_rectangle_t(x: -1000, y: -1000, width: 2000, height: 2000)
        guard let surface = cairo_recording_surface_create(CAIRO_CONTENT_ALPHA, &box) else { return [] }
        defer { cairo_surface_destroy(surface) }
        guard let cairo = cairo_create(surface) else { return [] }
        defer { cairo_destroy(cairo) }
        cairo_set_scaled_font(cairo, font)
        var glyphs = glyphIDs.map { cairo_glyph_t(index: UInt($0), x: 0, y: 0) }
        cairo_glyph_path(cairo, &glyphs, Int32(glyphs.count))
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

    /// Replaces, in one shaped run, each cluster that is the text ำ drawn as nikhahit + sara aa at
    /// one point by the single ำ glyph at that point. `text` is the run's UTF-8 text; the clusters'
    /// byte ranges count from its start.
    func compose(_ glyphs: inout [PositionedGlyph], _ clusters: inout [GlyphCluster], text: ArraySlice<UInt8>) {
        let saraAmText: [UInt8] = [0xE0, 0xB8, 0xB3]
        let isSaraAm = { (cluster: GlyphCluster) in
            cluster.glyphs.count == 2 && cluster.bytes.count == 3
                && text[(text.startIndex + cluster.bytes.lowerBound)...].starts(with: saraAmText)
        }
        guard clusters.contains(where: isSaraAm) else { return }
        var composed: [PositionedGlyph] = []
        composed.reserveCapacity(glyphs.count)
        var removed = 0
        for index in clusters.indices {
            let range = clusters[index].glyphs
            let first = range.lowerBound
            if range.count == 2, glyphs[first].id == nikhahit, glyphs[first + 1].id == saraAa,
               glyphs[first].x == glyphs[first + 1].x, glyphs[first].y == glyphs[first + 1].y,
               isSaraAm(clusters[index]) {
                var glyph = glyphs[first + 1]
                glyph.id = saraAm
                glyph.advance += glyphs[first].advance
                composed.append(glyph)
                clusters[index].glyphs = (first - removed)..<(first - removed + 1)
                removed += 1
            } else {
                composed += glyphs[range]
                clusters[index].glyphs = (range.lowerBound - removed)..<(range.upperBound - removed)
            }
        }
        glyphs = composed
    }
}
