import Foundation
import ThaiText

/// A stretch of a paragraph that must stay on one line, and where it may break when it is wider
/// than its whole column.
struct UnbreakableStretch: Equatable {
    /// Where a stretch too wide for its column may break.
    enum Fallback: Equatable {
        /// Only at the spaces inside it (a name breaks between its words).
        case betweenWords
        /// Wherever Pango would break it (a long word or URL breaks between grapheme clusters).
        case anywhere
    }

    var bytes: Range<Int>
    var fallback: Fallback
    /// Whether the stretch is a word of the Thai dictionary, which a justified line too loose to set
    /// well may split into the smaller words it is made of.
    var isDictionaryWord = false

    /// What the stretch becomes when it does not fit its column: its space-separated words, each
    /// kept whole, or nothing.
    func relaxed(in utf8: [UInt8]) -> [UnbreakableStretch] {
        guard fallback == .betweenWords else { return [] }
        var pieces: [UnbreakableStretch] = []
        var start = bytes.lowerBound
        for index in bytes where utf8[index] == 0x20 {
            if index - start > 1 { pieces.append(UnbreakableStretch(bytes: start..<index, fallback: .anywhere)) }
            start = index + 1
        }
        if bytes.upperBound - start > 1 { pieces.append(UnbreakableStretch(bytes: start..<bytes.upperBound, fallback: .anywhere)) }
        return pieces
    }
}

/// Where a paragraph may not break, beyond what Pango's line breaking (libthai's dictionary for
/// Thai, UAX #14 for the rest) already forbids:
/// - names and words the description keeps together (never broken; too wide: between their words);
/// - Thai dictionary words, so common compounds are not split (too wide: anywhere);
/// - Latin words, numbers and URLs such as `E-Service`, `๕๐,๐๐๐.๐๐`, `www.example.go.th` (too wide: anywhere);
/// - ๆ and closing brackets, quotes and punctuation stay with what precedes them, opening brackets and
///   quotes with what follows, across spaces (`ต่าง ๆ`, `( ก )`).
struct LineBreakRules {
    let dictionary: ThaiDictionary
    /// Names and words kept together, longest first (a longer name wins over a shorter one inside it).
    let keepTogether: [[UInt8]]

    init(dictionary: ThaiDictionary, keepTogether: [String]) {
        self.dictionary = dictionary
        self.keepTogether = keepTogether.filter { !$0.isEmpty }.sorted { $0.utf8.count > $1.utf8.count }.map { Array($0.utf8) }
    }

    /// Characters that never start a line (they close what comes before).
    static let closing: Set<Unicode.Scalar> = [")", "]", "}", "”", "’", "»", "›", ",", ".", ";", ":", "!", "?", "%", "ๆ", "ฯ", "、"]
    /// Characters that never end a line (they open what comes after).
    static let opening: Set<Unicode.Scalar> = ["(", "[", "{", "“", "‘", "«", "‹"]

    /// Every stretch of `text` that must stay on one line; `marked` are byte ranges the text's own
    /// spans keep together.
    func stretches(in text: String, marked: [Range<Int>]) -> [UnbreakableStretch] {
        let utf8 = Array(text.utf8)
        var result = marked.map { UnbreakableStretch(bytes: $0, fallback: .betweenWords) }
        result += keepTogetherStretches(utf8)
        result += dictionary.words(in: text).map { UnbreakableStretch(bytes: $0, fallback: .anywhere, isDictionaryWord: true) }
        result += Self.tokenStretches(text)
        result += Self.punctuationStretches(text)
        return result
    }

    /// The stretches a dictionary word splits into: the smaller words it is made of, each still a
    /// dictionary word (so it may split again); empty when it is not made of smaller words.
    func parts(of stretch: UnbreakableStretch, in text: String) -> [UnbreakableStretch] {
        guard stretch.isDictionaryWord else { return [] }
        return dictionary.parts(of: stretch.bytes, in: text).map { UnbreakableStretch(bytes: $0, fallback: .anywhere, isDictionaryWord: true) }
    }

    /// Occurrences of the description's keep-together words.
    private func keepTogetherStretches(_ utf8: [UInt8]) -> [UnbreakableStretch] {
        var result: [UnbreakableStretch] = []
        var covered = IndexSet()
        for needle in keepTogether where needle.count <= utf8.count {
            var start = 0
            while start + needle.count <= utf8.count {
                if utf8[start] == needle[0], !covered.contains(start), utf8[start..<start + needle.count].elementsEqual(needle) {
                    result.append(UnbreakableStretch(bytes: start..<start + needle.count, fallback: .betweenWords))
                    covered.insert(integersIn: start..<start + needle.count)
                    start += needle.count
                } else {
                    start += 1
                }
            }
        }
        return result
    }

    /// Runs of characters that are neither spaces nor Thai letters (Latin words, numbers in any
    /// digits, URLs, e-mail addresses), two characters or longer.
    static func tokenStretches(_ text: String) -> [UnbreakableStretch] {
        var result: [UnbreakableStretch] = []
        var start: Int?
        var byte = 0
        var hasLetterOrDigit = false
        func close() {
            if let begin = start, byte - begin > 1, hasLetterOrDigit {
                result.append(UnbreakableStretch(bytes: begin..<byte, fallback: .anywhere))
            }
            start = nil
            hasLetterOrDigit = false
        }
        for scalar in text.unicodeScalars {
            let thaiLetter = (0x0E01...0x0E4F).contains(scalar.value)
            if scalar.properties.isWhitespace || thaiLetter {
                close()
            } else {
                if start == nil { start = byte }
                if scalar.properties.isAlphabetic || scalar.properties.numericType != nil { hasLetterOrDigit = true }
            }
            byte += UTF8.width(scalar)
        }
        close()
        return result
    }

    /// ๆ and closing punctuation joined to the character before them, opening punctuation to the
    /// character after, spaces between included.
    static func punctuationStretches(_ text: String) -> [UnbreakableStretch] {
        let scalars = Array(text.unicodeScalars)
        var offsets: [Int] = []
        offsets.reserveCapacity(scalars.count + 1)
        var byte = 0
        for scalar in scalars {
            offsets.append(byte)
            byte += UTF8.width(scalar)
        }
        offsets.append(byte)
        var result: [UnbreakableStretch] = []
        for (index, scalar) in scalars.enumerated() {
            if closing.contains(scalar) {
                var before = index - 1
                while before >= 0, scalars[before] == " " { before -= 1 }
                if before >= 0, scalars[before] != "\n" {
                    result.append(UnbreakableStretch(bytes: offsets[before]..<offsets[index + 1], fallback: .anywhere))
                }
            }
            if opening.contains(scalar) {
                var after = index + 1
                while after < scalars.count, scalars[after] == " " { after += 1 }
                if after < scalars.count, scalars[after] != "\n" {
                    result.append(UnbreakableStretch(bytes: offsets[index]..<offsets[after + 1], fallback: .anywhere))
                }
            }
        }
        return result
    }
}
