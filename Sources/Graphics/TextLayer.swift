import CPangoCairo

/// What the PDF's text layer needs beyond the glyphs: which glyphs Cairo has already given their
/// text, per font face, and the words of a run as groups of clusters.
///
/// Cairo writes one ToUnicode entry per glyph, which readers that ignore `/ActualText` (pdfminer)
/// read, and fixes it the first time it meets the glyph: the text of the cluster the glyph is shown
/// in, when the glyph is alone in its cluster and the text is one character; otherwise the character
/// the font's cmap gives the glyph; for a glyph the cmap does not reach, the text of the first later
/// cluster of that glyph alone (cairo-scaled-font-subsets.c, the same from Cairo 1.12 to 1.18). A
/// glyph that stands for the one character the cmap gives it (most glyphs) needs nothing; a word
/// with any other glyph not met before (a tone mark moved left, the nikhahit of ำ, a ligature)
/// keeps a cluster per character; every other word is one cluster, which Cairo writes as an
/// `/ActualText` span (which PDFium and poppler read). Holds a reference to each font face it has
/// met, so an address never stands for two faces while the canvas lives.
final class TextLayer {
    private var known: [OpaquePointer: Set<UInt32>] = [:]

    deinit { for face in known.keys { cairo_font_face_destroy(face) } }

    /// The font face of a scaled font, as a key for `knows` and `learn`.
    func face(of scaledFont: OpaquePointer) -> OpaquePointer {
        let face = cairo_scaled_font_get_font_face(scaledFont)!
        if known[face] == nil {
            cairo_font_face_reference(face)
            known[face] = []
        }
        return face
    }

    /// Whether the glyph has already been shown with its own text in `face`.
    func knows(_ glyph: UInt32, in face: OpaquePointer) -> Bool {
        known[face]?.contains(glyph) ?? false
    }

    /// Records `glyph` as reading right when `condition` holds (the font's cmap gives it its one
    /// character, which Cairo then writes); returns `condition`.
    func learnIf(_ condition: Bool, _ glyph: UInt32, in face: OpaquePointer) -> Bool {
        if condition { known[face, default: []].insert(glyph) }
        return condition
    }

    /// Records glyphs just shown each in a cluster of its own.
    func learn(_ glyphs: [UInt32], in face: OpaquePointer) {
        known[face, default: []].formUnion(glyphs)
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
