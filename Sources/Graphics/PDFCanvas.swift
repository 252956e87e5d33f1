import Foundation
import CPangoCairo

/// A colour's red, green and blue components, from 0 to 1.
public typealias RGB = (red: Double, green: Double, blue: Double)

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
///
/// Cairo draws the pages into a scratch file; `finish` appends what Cairo has no API for (the
/// document's language) as an incremental update made with libqpdf and copies the PDF to its path. Owns the Cairo surface and
/// context, and a reference to every font face whose glyphs it has given text (`TextLayer`).
public final class PDFCanvas {
    private let surface: OpaquePointer
    private let cairo: OpaquePointer
    private let path: String
    private let scratch: ScratchFile
    private let language: String?
    private let fonts: FontLibrary
    private let images: ImageLibrary
    private let textLayer = TextLayer()
    private var pending = PendingDrawing()
    private var pageOpen = false
    /// Whether a CMYK JPEG with inverted colours was drawn (its image needs a `/Decode` array).
    private var drewAdobeCMYK = false
    /// Number of pages begun so far.
    public private(set) var pageCount = 0

    /// Starts a PDF that `finish` writes to `path`; Cairo's own output goes to a nameless file in
    /// the same folder. Glyph runs and pictures are drawn from `fonts` and `images`.
    public init(path: String, metadata: PDFMetadata, fonts: FontLibrary, images: ImageLibrary) throws {
        self.fonts = fonts
        self.images = images
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        scratch = try ScratchFile(folder: folder)
        let write: cairo_write_func_t = { closure, data, length in
            let file = Unmanaged<ScratchFile>.fromOpaque(closure!).takeUnretainedValue()
            return file.write(UnsafeRawBufferPointer(start: data, count: Int(length))) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR
        }
        guard let surface = cairo_pdf_surface_create_for_stream(write, Unmanaged.passUnretained(scratch).toOpaque(), 595, 842),
              cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            throw GraphicsError("cannot create a PDF at \(path)")
        }
        self.surface = surface
        self.path = path
        language = metadata.language
        cairo = cairo_create(surface)
        // Cairo writes /ActualText spans only from PDF 1.5 on.
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
        flush()
        if pageOpen { cairo_show_page(cairo) }
        cairo_pdf_surface_set_size(surface, width, height)
        pageOpen = true
        pageCount += 1
    }

    /// Draws a run of glyphs whose line starts at (`x`, `baseline`); glyph positions come from the run.
    ///
    /// Consecutive runs in the same font and colour are shown with one `cairo_show_text_glyphs` call
    /// (Cairo's work grows with the number of calls, not of glyphs). A cluster's text goes with its
    /// first glyph; further glyphs of the same cluster (the sara aa of ำ where no glyph of the font
    /// draws the pair: see `SaraAmGlyph`) are drawn as outlines, so they look the same but add no text.
    /// Each word (as layout placed it) is shown as `TextLayer` describes: one cluster, which Cairo
    /// writes as an `/ActualText` span holding the word; a cluster per character when every character
    /// reads back alone from its nominal glyph (`ราย`, `๒๕๖๗`, `report`: no span needed) or when one of
    /// its glyphs is still to be taught.
    /// A right-to-left run is shown alone with a cluster per character, glyphs in visual order and
    /// clusters read backward, as other writers emit it: readers put right-to-left characters back in
    /// logical order themselves, and would reverse a span's text.
    public func draw(run: GlyphRun, x: Double, baseline: Double, color: RGB) {
        let font = fonts.font(run.font)
        guard let scaled = font.scaledFont, !run.glyphs.isEmpty else { return }
        flushLines()
        if run.rightToLeft || !pending.text.accepts(scaled, color) { flushText() }
        pending.text.start(scaled, color)
        let readings = textLayer.readings(of: scaled)
        let text = Array(run.text.utf8)
        let place = { (glyph: PositionedGlyph) in cairo_glyph_t(index: UInt(glyph.id), x: x + glyph.x, y: baseline + glyph.y) }
        var glyphs: [cairo_glyph_t] = []
        var wordClusters = WordClusters()
        let order = TextLayer.logicalOrder(of: run.clusters)
        for word in TextLayer.words(of: run.clusters, order: order, words: run.words) {
            let start = glyphs.count
            wordClusters.removeAll()
            var untaught: [(glyph: UInt32, scalar: Unicode.Scalar?, part: Int)] = []
            var misread = false  // a mark shown alone would read after the next letter in PDFium
            for position in word.clusters {
                let cluster = run.clusters[order[position]]
                guard let first = cluster.glyphs.first else {
                    wordClusters.append(bytes: cluster.bytes.count, glyphs: 0, reading: .known)
                    continue
                }
                let glyph = run.glyphs[first]
                glyphs.append(place(glyph))
                for extra in cluster.glyphs.dropFirst() { pending.text.outlines.append(place(run.glyphs[extra])) }
                let scalar = TextLayer.onlyScalar(of: text[cluster.bytes])
                var reading = readings.reading(of: glyph.id, for: scalar, in: font)
                if run.rightToLeft || cluster.glyphs.count > 1, reading == .alone { reading = .known }
                if reading == .untaught, !untaught.contains(where: { $0.glyph == glyph.id }) {
                    untaught.append((glyph.id, scalar, wordClusters.count))
                    // PDFium orders glyphs outside spans by where they start.
                    if !run.rightToLeft, let scalar, !TextLayer.readsAlone(scalar), position + 1 < word.clusters.upperBound,
                       let next = run.clusters[order[position + 1]].glyphs.first, glyph.x > run.glyphs[next].x { misread = true }
                } else if reading == .untaught {
                    reading = .known  // taught by its first cluster in this word
                }
                wordClusters.append(bytes: cluster.bytes.count, glyphs: 1, reading: reading)
            }
            for glyph in untaught {
                if misread {
                    // The word stays a span; the finished PDF gives these glyphs their text.
                    readings.leaveForTheFinishedPDF(glyph.glyph, text: String(decoding: text[run.clusters[order[word.clusters.lowerBound + glyph.part]].bytes], as: UTF8.self), font: font)
                    wordClusters.setReading(.known, at: glyph.part)
                } else {
                    readings.teach(glyph.glyph, glyph.scalar)
                }
            }
            guard glyphs.count > start else { continue }
            pending.text.utf8 += text[word.bytes].map { CChar(bitPattern: $0) }
            wordClusters.emit(into: &pending.text.clusters, oneClusterPerCharacter: run.rightToLeft)
        }
        if run.rightToLeft {
            pending.text.glyphs += glyphs.reversed()  // visual order; the clusters read backward
            flushText(backward: true)
        } else {
            pending.text.glyphs += glyphs
        }
    }

    /// Shows the pending text with one call, then fills its outline glyphs.
    private func flushText(backward: Bool = false) {
        guard let font = pending.text.font else { return }
        let text = pending.text
        pending.text = PendingText()
        setColor(text.color)
        cairo_set_scaled_font(cairo, font)
        var utf8 = text.utf8, glyphs = text.glyphs, clusters = text.clusters, outlines = text.outlines
        if !glyphs.isEmpty {
            cairo_show_text_glyphs(cairo, &utf8, Int32(utf8.count), &glyphs, Int32(glyphs.count), &clusters, Int32(clusters.count),
                                   backward ? CAIRO_TEXT_CLUSTER_FLAG_BACKWARD : cairo_text_cluster_flags_t(rawValue: 0))
        }
        if !outlines.isEmpty {
            cairo_new_path(cairo)
            cairo_glyph_path(cairo, &outlines, Int32(outlines.count))
            cairo_fill(cairo)
        }
    }

    /// Strokes the pending lines as one path.
    private func flushLines() {
        guard let lines = pending.lines else { return }
        pending.lines = nil
        setColor(lines.color)
        cairo_set_line_width(cairo, lines.width)
        cairo_set_line_cap(cairo, CAIRO_LINE_CAP_BUTT)
        cairo_new_path(cairo)
        for segment in lines.segments {
            cairo_move_to(cairo, segment.0, segment.1)
            cairo_line_to(cairo, segment.2, segment.3)
        }
        cairo_stroke(cairo)
    }

    /// Draws everything pending, in the order it was given.
    private func flush() {
        flushText()
        flushLines()
    }

    /// Fills a rectangle.
    public func fill(x: Double, y: Double, width: Double, height: Double, color: RGB) {
        flush()
        setColor(color)
        cairo_rectangle(cairo, x, y, width, height)
        cairo_fill(cairo)
    }

    /// Strokes a solid straight line; consecutive lines of the same width and colour are stroked as
    /// one path.
    public func line(from start: (Double, Double), to end: (Double, Double), width: Double, color: RGB) {
        flushText()
        if let lines = pending.lines, lines.width != width || lines.color != color { flushLines() }
        if pending.lines == nil { pending.lines = PendingLines(width: width, color: color) }
        pending.lines?.segments.append((start.0, start.1, end.0, end.1))
    }

    /// Draws a dotted line: round dots `size` across, their centres `spacing` apart, from `start`
    /// towards `end` (no dot past it).
    public func dots(from start: (Double, Double), to end: (Double, Double), size: Double, spacing: Double, color: RGB) {
        flush()
        setColor(color)
        cairo_save(cairo)
        cairo_set_line_width(cairo, size)
        cairo_set_line_cap(cairo, CAIRO_LINE_CAP_ROUND)
        var pattern: [Double] = [0, spacing]
        cairo_set_dash(cairo, &pattern, 2, 0)
        cairo_new_path(cairo)
        cairo_move_to(cairo, start.0, start.1)
        cairo_line_to(cairo, end.0, end.1)
        cairo_stroke(cairo)
        cairo_restore(cairo)
    }

    /// Draws a picture scaled into the given rectangle.
    public func draw(image id: ImageID, x: Double, y: Double, width: Double, height: Double) {
        flush()
        let image = images.image(id)
        drewAdobeCMYK = drewAdobeCMYK || image.isAdobeCMYK
        cairo_save(cairo)
        cairo_translate(cairo, x, y)
        let surfaceWidth = Double(cairo_image_surface_get_width(image.surface))
        let surfaceHeight = Double(cairo_image_surface_get_height(image.surface))
        cairo_scale(cairo, width / surfaceWidth, height / surfaceHeight)
        cairo_set_source_surface(cairo, image.surface, 0, 0)
        cairo_rectangle(cairo, 0, 0, surfaceWidth, surfaceHeight)
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

    /// Ends the last page, lets Cairo finish its file, appends what Cairo has no API for as an
    /// incremental update made with libqpdf (`IncrementalUpdate`), and copies the PDF to its path.
    public func finish() throws {
        flush()
        if pageOpen { cairo_show_page(cairo) }
        pageOpen = false
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        try scratch.flushOrThrow()
        guard status == CAIRO_STATUS_SUCCESS else {
            throw GraphicsError("Cairo could not write \(path): \(String(cString: cairo_status_to_string(status)))")
        }
        let document = try QPDFDocument(path: scratch.path)
        guard let previousSection = IncrementalUpdate.previousSection(inTail: scratch.tail(1024)) else {
            throw GraphicsError("cannot read the PDF Cairo wrote: it has no startxref line")
        }
        let update = IncrementalUpdate.bytes(for: document, language: language, fileLength: scratch.length,
                                             previousSection: previousSection, documentID: scratch.digest,
                                             replacing: (drewAdobeCMYK ? document.adobeCMYKImagesWithDecode() : [])
                                                + document.toUnicodeCMaps(giving: textLayer.lateGlyphs))
        _ = update.withUnsafeBytes { scratch.write($0) }
        try scratch.flushOrThrow()
        try scratch.copy(to: path)
    }

    private func setColor(_ color: RGB) {
        cairo_set_source_rgb(cairo, color.red, color.green, color.blue)
    }
}

/// Text runs in one font and colour waiting to be shown with one call: UTF-8 text, glyphs and
/// clusters in order, and the outline glyphs drawn after them.
private struct PendingText {
    var font: OpaquePointer?
    var color: RGB = (0, 0, 0)
    var utf8: [CChar] = []
    var glyphs: [cairo_glyph_t] = []
    var clusters: [cairo_text_cluster_t] = []
    var outlines: [cairo_glyph_t] = []

    /// Whether a run in `font` and `color` can join what is pending (or nothing is pending).
    func accepts(_ font: OpaquePointer, _ color: RGB) -> Bool {
        self.font == nil || (self.font == font && self.color == color)
    }

    mutating func start(_ font: OpaquePointer, _ color: RGB) {
        self.font = font
        self.color = color
    }
}

/// Straight lines of one width and colour waiting to be stroked as one path.
private struct PendingLines {
    var width: Double
    var color: RGB
    var segments: [(Double, Double, Double, Double)] = []
}

/// What the canvas has been given but not yet passed to Cairo.
private struct PendingDrawing {
    var text = PendingText()
    var lines: PendingLines?
}

/// The clusters of one word and how each one's first glyph reads back, turned into Cairo clusters:
/// the whole word as one when every glyph reads back (a span), and one per character when each
/// reads back alone (no span needed) or when a glyph is still to be taught (it is taught by being
/// shown alone; PDFium then reads the word from the glyphs' positions, which it does right when the
/// whole word is shown so, and not when spans surround the glyph).
private struct WordClusters {
    private var parts: [(bytes: Int32, glyphs: Int32, reading: GlyphReadings.Reading)] = []

    mutating func removeAll() { parts.removeAll(keepingCapacity: true) }

    /// The number of clusters so far.
    var count: Int { parts.count }

    mutating func setReading(_ reading: GlyphReadings.Reading, at index: Int) { parts[index].reading = reading }

    /// Whether the word teaches a glyph (and is then shown a cluster per character).
    var teaches: Bool { parts.contains { $0.reading == .untaught } }

    mutating func append(bytes: Int, glyphs: Int, reading: GlyphReadings.Reading) {
        parts.append((Int32(bytes), Int32(glyphs), reading))
    }

    func emit(into clusters: inout [cairo_text_cluster_t], oneClusterPerCharacter: Bool) {
        if oneClusterPerCharacter || parts.allSatisfy({ $0.reading == .alone }) || teaches {
            for part in parts { clusters.append(cairo_text_cluster_t(num_bytes: part.bytes, num_glyphs: part.glyphs)) }
        } else {
            clusters.append(cairo_text_cluster_t(num_bytes: parts.reduce(0) { $0 + $1.bytes }, num_glyphs: parts.reduce(0) { $0 + $1.glyphs }))
        }
    }
}
