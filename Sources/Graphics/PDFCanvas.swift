import Foundation
import CPangoCairo

/// An RGB colour with components from 0 to 1.
public struct RGBColor: Hashable {
    public var red: Double
    public var green: Double
    public var blue: Double
    public init(red: Double, green: Double, blue: Double) {
        self.red = red
        self.green = green
        self.blue = blue
    }
    public static let black = RGBColor(red: 0, green: 0, blue: 0)
}

/// Document information written into the PDF.
public struct PDFMetadata {
    public var title: String?
    public var author: String?
    public var subject: String?
    public var keywords: String?
    public var creator: String?
    /// ISO 8601 date (`2024-11-17T00:00:00Z`) or nil to write none.
    public var creationDate: String?
    /// BCP 47 language of the document's text, written as the catalog's /Lang.
    public var language: String?

    public init(title: String? = nil, author: String? = nil, subject: String? = nil, keywords: String? = nil,
                creator: String? = nil, creationDate: String? = nil, language: String? = nil) {
        self.title = title
        self.author = author
        self.subject = subject
        self.keywords = keywords
        self.creator = creator
        self.creationDate = creationDate
        self.language = language
    }
}

/// A multi-page PDF being drawn with Cairo. Coordinates are points from the page's top-left corner.
/// Owns the Cairo surface and context.
public final class PDFCanvas {
    private let surface: OpaquePointer
    private let cairo: OpaquePointer
    private let path: String
    private let language: String?
    /// The zero-advance glyph that marks word boundaries for `PDFWordSpans`; nil leaves words unmarked.
    private let marker: (font: ShapedFont, glyph: UInt32)?
    private var markedWords = false
    private var pageOpen = false
    /// Number of pages begun so far.
    public private(set) var pageCount = 0

    /// Starts a PDF at `path` (the file is created at once). With `fonts`, each word gets an
    /// `/ActualText` span (see `PDFWordSpans`).
    public init(path: String, metadata: PDFMetadata, fonts: FontLibrary? = nil) throws {
        guard let surface = cairo_pdf_surface_create(path, 595, 842),
              cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            throw GraphicsError("cannot create a PDF at \(path)")
        }
        self.surface = surface
        self.path = path
        language = metadata.language
        marker = fonts?.markerGlyph()
        cairo = cairo_create(surface)
        cairo_pdf_surface_restrict_to_version(surface, CAIRO_PDF_VERSION_1_5)
        let fields: [(cairo_pdf_metadata_t, String?)] = [
            (CAIRO_PDF_METADATA_TITLE, metadata.title), (CAIRO_PDF_METADATA_AUTHOR, metadata.author),
            (CAIRO_PDF_METADATA_SUBJECT, metadata.subject), (CAIRO_PDF_METADATA_KEYWORDS, metadata.keywords),
            (CAIRO_PDF_METADATA_CREATOR, metadata.creator), (CAIRO_PDF_METADATA_CREATE_DATE, metadata.creationDate),
            (CAIRO_PDF_METADATA_MOD_DATE, metadata.creationDate),
        ]
        for (key, value) in fields {
            if let value { cairo_pdf_surface_set_metadata(surface, key, value) }
        }
        if metadata.creationDate == nil {
            // Cairo writes the clock's time unless given a date; a value it cannot read leaves the
            // date out, so the same input still gives the same bytes.
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, "none")
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, "none")
        }
    }

    deinit {
        cairo_destroy(cairo)
        cairo_surface_destroy(surface)
    }

    /// Begins a new page of the given size (points); ends the previous one.
    public func beginPage(width: Double, height: Double) {
        if pageOpen { cairo_show_page(cairo) }
        cairo_pdf_surface_set_size(surface, width, height)
        pageOpen = true
        pageCount += 1
    }

    /// Draws a run of glyphs whose line starts at (`x`, `baseline`); glyph positions come from the run.
    ///
    /// Each cluster's text goes with its first glyph, which Cairo writes into the font's ToUnicode
    /// map; further glyphs of the same cluster (the sara aa of ำ, which shaping splits into nikhahit
    /// and sara aa) are drawn as outlines, so they look the same but add no text. Readers that ignore
    /// `/ActualText` (pdfminer) then give back ำ, not ํ + า. Each word (with the spaces after it) is
    /// drawn between two markers that `PDFWordSpans` turns into the word's `/ActualText` span.
    public func draw(run: GlyphRun, x: Double, baseline: Double, color: RGBColor) {
        guard let scaled = run.font.scaledFont, !run.glyphs.isEmpty || !run.clusters.isEmpty else { return }
        setColor(color)
        let bytes = Array(run.text.utf8)
        var outlineGlyphs: [cairo_glyph_t] = []
        var textGlyphs: [cairo_glyph_t] = []
        var clusters: [cairo_text_cluster_t] = []
        var wordStart = 0
        var byte = 0
        var next = 0
        for (index, cluster) in run.clusters.enumerated() {
            for offset in 0..<cluster.glyphs {
                let glyph = run.glyphs[next + offset]
                let placed = cairo_glyph_t(index: UInt(glyph.id), x: x + glyph.x, y: baseline + glyph.y)
                if offset == 0 { textGlyphs.append(placed) } else { outlineGlyphs.append(placed) }
            }
            next += cluster.glyphs
            clusters.append(cairo_text_cluster_t(num_bytes: Int32(cluster.bytes), num_glyphs: Int32(min(1, cluster.glyphs))))
            byte += cluster.bytes
            // A word ends after its trailing spaces, or with the run.
            let endsWord = index == run.clusters.count - 1
                || (bytes[byte - 1] == 0x20 && bytes[byte] != 0x20)
            if endsWord {
                showWord(Array(bytes[wordStart..<byte]), glyphs: &textGlyphs, clusters: &clusters, font: scaled)
                textGlyphs.removeAll(keepingCapacity: true)
                clusters.removeAll(keepingCapacity: true)
                wordStart = byte
            }
        }
        if !outlineGlyphs.isEmpty {
            cairo_new_path(cairo)
            cairo_set_scaled_font(cairo, scaled)
            cairo_glyph_path(cairo, &outlineGlyphs, Int32(outlineGlyphs.count))
            cairo_fill(cairo)
        }
    }

    /// Shows one word's glyphs with their clusters, between word markers when there is a marker glyph.
    private func showWord(_ text: [UInt8], glyphs: inout [cairo_glyph_t], clusters: inout [cairo_text_cluster_t],
                          font: OpaquePointer) {
        guard !text.isEmpty else { return }
        let at = glyphs.first.map { ($0.x, $0.y) }
        if let at { showMarker(Array(String(PDFWordSpans.wordStart).utf8) + text, x: at.0, y: at.1) }
        cairo_set_scaled_font(cairo, font)
        var utf8 = text.map { CChar(bitPattern: $0) }
        cairo_show_text_glyphs(cairo, &utf8, Int32(utf8.count), &glyphs, Int32(glyphs.count),
                               &clusters, Int32(clusters.count), cairo_text_cluster_flags_t(rawValue: 0))
        if let at { showMarker(Array(String(PDFWordSpans.wordEnd).utf8), x: at.0, y: at.1) }
    }

    /// Two marker glyphs as one cluster reading `text`: Cairo writes it as an `/ActualText` span.
    private func showMarker(_ text: [UInt8], x: Double, y: Double) {
        guard let marker, let scaled = marker.font.scaledFont else { return }
        markedWords = true
        cairo_set_scaled_font(cairo, scaled)
        var glyphs = [cairo_glyph_t](repeating: cairo_glyph_t(index: UInt(marker.glyph), x: x, y: y), count: 2)
        var cluster = [cairo_text_cluster_t(num_bytes: Int32(text.count), num_glyphs: 2)]
        var utf8 = text.map { CChar(bitPattern: $0) }
        cairo_show_text_glyphs(cairo, &utf8, Int32(utf8.count), &glyphs, 2, &cluster, 1, cairo_text_cluster_flags_t(rawValue: 0))
    }

    /// Fills a rectangle.
    public func fill(x: Double, y: Double, width: Double, height: Double, color: RGBColor) {
        setColor(color)
        cairo_rectangle(cairo, x, y, width, height)
        cairo_fill(cairo)
    }

    /// Strokes a solid straight line.
    public func line(from start: (Double, Double), to end: (Double, Double), width: Double, color: RGBColor) {
        setColor(color)
        cairo_set_line_width(cairo, width)
        cairo_set_line_cap(cairo, CAIRO_LINE_CAP_BUTT)
        cairo_move_to(cairo, start.0, start.1)
        cairo_line_to(cairo, end.0, end.1)
        cairo_stroke(cairo)
    }

    /// Draws a picture scaled into the given rectangle.
    public func draw(image: RasterImage, x: Double, y: Double, width: Double, height: Double) {
        cairo_save(cairo)
        cairo_translate(cairo, x, y)
        cairo_scale(cairo, width / Double(image.pixelWidth), height / Double(image.pixelHeight))
        cairo_set_source_surface(cairo, image.surface, 0, 0)
        cairo_rectangle(cairo, 0, 0, Double(image.pixelWidth), Double(image.pixelHeight))
        cairo_fill(cairo)
        cairo_restore(cairo)
    }

    /// Adds a bookmark to the PDF outline pointing at `y` on page `page` (1-based); returns its id
    /// for use as the parent of deeper bookmarks (0 is the root).
    @discardableResult
    public func addOutline(title: String, parent: Int32, page: Int, y: Double, open: Bool) -> Int32 {
        let link = "page=\(page) pos=[0 \(String(format: "%.2f", y))]"
        let flags = open ? CAIRO_PDF_OUTLINE_FLAG_OPEN : cairo_pdf_outline_flags_t(rawValue: 0)
        return Int32(cairo_pdf_surface_add_outline(surface, parent, title, link, flags))
    }

    /// Ends the last page, writes the PDF to its file and adds the document language.
    public func finish() throws {
        if pageOpen { cairo_show_page(cairo) }
        pageOpen = false
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw GraphicsError("Cairo could not write \(path): \(String(cString: cairo_status_to_string(status)))")
        }
        if markedWords { try PDFWordSpans.apply(toFile: path) }
        if let language { try PDFCatalogUpdate.setLanguage(language, inFile: path) }
    }

    private func setColor(_ color: RGBColor) {
        cairo_set_source_rgb(cairo, color.red, color.green, color.blue)
    }
}
