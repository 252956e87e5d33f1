import CPangoCairo

/// Pieces of a paragraph's long runs of Thai characters for Pango to break one by one. libthai's
/// word breaking (which Pango calls once per item) takes time growing with the square of a run of
/// Thai characters without a space; a run longer than `longest` characters is cut into pieces of
/// about that length, where a syllable starts (`canStartPiece`), so shaping is unchanged. Pango
/// then sees no break opportunity where one piece meets the next (libthai marks none at the start
/// of its text): a missed break every `longest` characters of text that has no space, never a
/// wrong one.
enum ThaiRunPieces {
    /// Longest piece, in characters (a run this long without a space is not prose anyway: the
    /// longest in the seeds is under 200).
    static let longest = 1_000
    /// The tag of the other pieces: Thai as spoken in Thailand, which fonts and shaping treat as `th`.
    static let alternateLanguage = pango_language_from_string("th-th")

    /// A piece: its UTF-8 bytes and its place among the pieces of its run (0 for the first).
    struct Piece { var bytes: Range<Int>; var index: Int }

    /// The pieces of every run of Thai characters longer than `longest` in `text`.
    static func pieces(in text: String) -> [Piece] {
        var pieces: [Piece] = []
        var runLength = 0, pieceStart = 0, pieceLength = 0, index = 0
        var byte = 0
        var previous: Unicode.Scalar = " "
        for scalar in text.unicodeScalars {
            if (0x0E00...0x0E7F).contains(scalar.value) {
                if runLength == 0 { (pieceStart, pieceLength, index) = (byte, 0, 0) }
                if pieceLength >= longest, canStartPiece(scalar, after: previous, pieceLength: pieceLength) {
                    pieces.append(Piece(bytes: pieceStart..<byte, index: index))
                    (pieceStart, pieceLength, index) = (byte, 0, index + 1)
                }
                runLength += 1
                pieceLength += 1
            } else {
                if runLength > longest { pieces.append(Piece(bytes: pieceStart..<byte, index: index)) }
                runLength = 0
            }
            previous = scalar
            byte += scalar.utf8.count
        }
        if runLength > longest { pieces.append(Piece(bytes: pieceStart..<byte, index: index)) }
        return pieces
    }

    /// Whether a piece may start before `scalar`: where a syllable starts (a consonant or a leading
    /// vowel) and not after a leading vowel, which belongs to what follows it. A piece that found no
    /// such place in twice `longest` characters (a run of vowels or digits) is cut before any
    /// character that is not a mark (ำ counts as one), so a base and its marks stay together.
    private static func canStartPiece(_ scalar: Unicode.Scalar, after previous: Unicode.Scalar, pieceLength: Int) -> Bool {
        if pieceLength >= 2 * longest { return scalar.properties.generalCategory != .nonspacingMark && scalar.value != 0x0E33 }
        let isLeadingVowel = { (value: UInt32) in (0x0E40...0x0E44).contains(value) }
        return !isLeadingVowel(previous.value) && ((0x0E01...0x0E2E).contains(scalar.value) || isLeadingVowel(scalar.value))
    }
}
