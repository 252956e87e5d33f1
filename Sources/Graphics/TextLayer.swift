import CPangoCairo

/// What the PDF's text layer needs beyond the glyphs: how each glyph Cairo has met reads back, per
/// font face, and the words of a run as groups of clusters.
///
/// Cairo writes one ToUnicode entry per glyph, which readers that ignore `/ActualText` (pdfminer)
/// read, and fixes it the first time it meets the glyph: the text of the cluster the glyph is shown
/// in, when the glyph is alone in its cluster; otherwise the character the font's cmap gives the
/// glyph; for a glyph the cmap does not reach, the text of the first later cluster of that glyph alone
/// (cairo-scaled-font-subsets.c, the same from Cairo 1.12 to 1.18). A glyph that stands for the one
/// character the cmap gives it (most glyphs) needs nothing. Any other glyph (a tone mark moved left,
/// a composite ำ, a ligature) is taught the first time it appears: its word is shown a cluster per
/// character. A word made only of characters that read back alone (`readsAlone`), each shown with its
/// nominal glyph, is shown so too, which needs no span; every other word is one cluster, which Cairo writes as an `/ActualText` span (which
/// PDFium and poppler read). Holds a reference to each font face it has met, so an address never
/// stands for two faces while the canvas lives.
final class TextLayer {
    private var faces: [OpaquePointer: GlyphReadings] = [:]

    deinit { for face in faces.keys { cairo_font_face_destroy(face) } }

    /// The glyphs left for the finished PDF to give their text, one at most per face.
    var lateGlyphs: [LateGlyphText] {
        faces.values.compactMap { readings in
            readings.postScriptName.flatMap { name in
                readings.lateGlyphs.isEmpty ? nil : LateGlyphText(postScriptName: name, texts: readings.lateGlyphs.map(\.text))
            }
        }.sorted { $0.postScriptName < $1.postScriptName }
    }

    /// How the glyphs of a scaled font's face read back.
    func readings(of scaledFont: OpaquePointer) -> GlyphReadings {
        let face = cairo_scaled_font_get_font_face(scaledFont)!
        if let readings = faces[face] { return readings }
        cairo_font_face_reference(face)
        let readings = GlyphReadings()
        faces[face] = readings
        return readings
    }

    /// The one Unicode scalar that `bytes` (UTF-8) hold, or nil if they hold none or more than one.
    static func onlyScalar(of bytes: ArraySlice<UInt8>) -> Unicode.Scalar? {
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator), iterator.next() == nil else { return nil }
        return scalar
    }

    /// Whether a glyph standing for `scalar` alone reads back right from its position and its
    /// ToUnicode entry, without an `/ActualText` span: a letter, digit, punctuation, symbol or space
    /// that takes room of its own. Marks (Thai vowels above and below, tone marks) do not: drawn over
    /// their letter, PDFium and poppler read them as separate pieces and drop the space after them.
    static func readsAlone(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E: return true
        case 0x0E31, 0x0E34...0x0E3A, 0x0E47...0x0E4E: return false  // Thai marks
        case 0x0E01...0x0E5B: return true
        default: break
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber,
             .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation,
             .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol, .spaceSeparator:
            return true
        default:
            return false
        }
    }

    /// A word of a run: its bytes (of the run's text) and the positions of its clusters in the
    /// run's logical order (`logicalOrder`).
    struct Word: Equatable {
        var bytes: Range<Int>
        var clusters: Range<Int>
    }

    /// The run's clusters, as indices into `run.clusters`, in the order of their text: the visual
    /// order as it is for left-to-right text, reversed for right-to-left, sorted only if neither.
    static func logicalOrder(of clusters: [GlyphCluster]) -> [Int] {
        let ascending = zip(clusters, clusters.dropFirst()).allSatisfy { $0.bytes.lowerBound <= $1.bytes.lowerBound }
        if ascending { return Array(clusters.indices) }
        let descending = zip(clusters, clusters.dropFirst()).allSatisfy { $0.bytes.lowerBound >= $1.bytes.lowerBound }
        if descending { return Array(clusters.indices.reversed()) }
        return clusters.indices.sorted { clusters[$0].bytes.lowerBound < clusters[$1].bytes.lowerBound }
    }

    /// Clusters in logical order (`order` into `clusters`) grouped by word ranges (in logical
    /// order): a cluster belongs to the word its first byte is in.
    static func words(of clusters: [GlyphCluster], order: [Int], words ranges: [Range<Int>]) -> [Word] {
        var words: [Word] = []
        var wordIndex = 0
        var currentWord = -1
        for (position, index) in order.enumerated() {
            let bytes = clusters[index].bytes
            while wordIndex < ranges.count, ranges[wordIndex].upperBound <= bytes.lowerBound { wordIndex += 1 }
            if wordIndex != currentWord || words.isEmpty {
                words.append(Word(bytes: bytes, clusters: position..<(position + 1)))
                currentWord = wordIndex
            } else {
                let last = words.count - 1
                words[last].clusters = words[last].clusters.lowerBound..<(position + 1)
                words[last].bytes = words[last].bytes.lowerBound..<max(words[last].bytes.upperBound, bytes.upperBound)
            }
        }
        return words
    }
}

/// How the glyphs of one font face read back from their ToUnicode entries, as far as Cairo has
/// fixed them.
final class GlyphReadings {
    /// How a glyph in a cluster reads back.
    enum Reading {
        /// Its entry is the cluster's one character, a letter or sign that reads back alone.
        case alone
        /// Its entry is the cluster's text, or Cairo writes a span for the cluster.
        case known
        /// Cairo has no entry for it yet: shown alone, it is taught the cluster's text.
        case untaught
    }

    /// Glyph → the character its entry holds, or `taught` for an entry holding other text.
    private var entries: [UInt32: UInt32] = [:]
    private static let taught = UInt32.max

    /// How `glyph`, first glyph of a cluster holding `scalar` (nil: not one character), reads back
    /// in `font`; a glyph the font's cmap gives the character is recorded as known.
    func reading(of glyph: UInt32, for scalar: Unicode.Scalar?, in font: ShapedFont) -> Reading {
        if let entry = entries[glyph] {
            return entry == scalar?.value && TextLayer.readsAlone(scalar!) ? .alone : .known
        }
        guard let scalar, font.isNominal(glyph, for: scalar) else { return .untaught }
        entries[glyph] = scalar.value
        return TextLayer.readsAlone(scalar) ? .alone : .known
    }

    /// Records that `glyph` was shown alone in a cluster holding `scalar` (nil: other text).
    func teach(_ glyph: UInt32, _ scalar: Unicode.Scalar?) {
        entries[glyph] = scalar?.value ?? Self.taught
        lateGlyphs.removeAll { $0.glyph == glyph }
    }

    /// The glyphs of this face not taught in the page content, in the order they were first shown,
    /// whose ToUnicode entries the finished PDF gets instead (`LateGlyphText`), with their text.
    private(set) var lateGlyphs: [(glyph: UInt32, text: String)] = []
    /// The face's PostScript name, once a glyph is left for the finished PDF.
    private(set) var postScriptName: String?

    /// Leaves `glyph`, shown for the first time in a span, untaught; the finished PDF gives it `text`.
    func leaveForTheFinishedPDF(_ glyph: UInt32, text: String, font: ShapedFont) {
        guard !lateGlyphs.contains(where: { $0.glyph == glyph }) else { return }
        postScriptName = postScriptName ?? font.postScriptName
        lateGlyphs.append((glyph, text))
    }
}
