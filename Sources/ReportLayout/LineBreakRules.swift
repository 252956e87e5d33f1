import Foundation
import Graphics
import ThaiText

/// How readily a paragraph may break at a position, lowest first. A line breaks at positions of
/// the lowest level its text allows; a stretch wider than its whole column opens the next level
/// inside it, one level at a time (`LineBreaker.enable`).
enum BreakLevel {
    /// Pango allows a break here and no rule forbids it.
    static let free: UInt8 = 0
    /// Justified text only, at a cost in the paragraph's optimisation: between the words of a
    /// compound, after `/ . - ?` in a URL.
    static let costly: UInt8 = 1
    /// Between the words of a name kept together, or of a number and its unit, a date, a phone number.
    static let betweenWords: UInt8 = 2
    /// After the agency type of a name (องค์การบริหารส่วนตำบล | ท่ามะพลา), between a title and a name.
    static let afterAgency: UInt8 = 3
    /// Between the parts of a compound that stand alone, in a word too wide for its column, in left,
    /// centred and right text (องค์การ | บริหาร | ส่วน | ตำบล; justified text breaks there at a cost).
    static let betweenParts: UInt8 = 4
    /// Where Pango breaks inside a number, URL or Latin word, or between the parts of a compound
    /// that do not stand alone.
    static let insideWord: UInt8 = 5
    /// Where libthai breaks inside a dictionary word (a guess, better than none).
    static let guessed: UInt8 = 6
    /// Between any two grapheme clusters.
    static let grapheme: UInt8 = 7
    /// Never (inside a grapheme cluster).
    static let never: UInt8 = 255
}

/// A stretch of a paragraph (UTF-8 bytes) inside which lines break only at positions of `level`
/// or higher.
struct UnbreakableStretch: Equatable {
    var bytes: Range<Int>
    var level: UInt8
}

/// Where a paragraph may break, beyond what Pango's line breaking (libthai's dictionary for Thai,
/// UAX #14 for the rest) already forbids, as a `BreakLevel` for every position:
/// - names and words the description keeps together (`ThaiConventions.names`);
/// - Thai dictionary words, split only into real words (`CompoundWords`), and runs of letters no
///   dictionary word covers (a surname), kept whole;
/// - Latin words, numbers and URLs such as `E-Service`, `๕๐,๐๐๐.๐๐`, `www.example.go.th`; a URL
///   breaks only after `/ . - ?`;
/// - Thai conventions: a number and its unit, a date, a phone number, a title and a name
///   (`ThaiConventions`);
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

    /// The break level of every position of the paragraph (bytes + 1 entries); `marked` are byte
    /// ranges the text's own spans keep together. In `justified` text, compounds and URLs may break
    /// at a cost (`BreakLevel.costly`).
    func levels(in text: String, metrics: ParagraphMetrics, marked: [Range<Int>], justified: Bool) -> [UInt8] {
        let utf8 = metrics.utf8
        let names = ThaiConventions.names(marked: marked, keepTogether: keepTogetherOccurrences(utf8), in: utf8)
        // Dictionary words are found between the names' boundaries, so a word overlapping a name's
        // start (นายก|องค์การ…) never hides the break before it.
        let words = CompoundWords(dictionary: dictionary, text: text, utf8: utf8, boundaries: names.boundaries,
                                  breaksAt: { metrics.positions[$0].contains(.lineBreak) })
        var level = metrics.positions.map { position -> UInt8 in
            guard position.contains(.grapheme) else { return BreakLevel.never }
            return position.contains(.lineBreak) ? BreakLevel.free : BreakLevel.grapheme
        }
        for boundary in names.boundaries where boundary < level.count && level[boundary] == BreakLevel.grapheme {
            level[boundary] = BreakLevel.free
        }
        // ๆ ends what it repeats: a Thai word may start after it (ต่างๆ|ที่).
        for position in 3..<max(3, utf8.count) where level[position] == BreakLevel.grapheme && utf8[position - 3] == 0xE0 && utf8[position - 2] == 0xB9 && utf8[position - 1] == 0x86
            && ThaiConventions.isThaiLetter(utf8, at: position) {
            level[position] = BreakLevel.free
        }
        words.apply(to: &level, justified: justified)
        let urls = Self.urlStretches(text)
        var stretches = names.stretches
        stretches += Self.tokenStretches(text).map { UnbreakableStretch(bytes: $0, level: BreakLevel.insideWord) }
        stretches += Self.punctuationStretches(text).map { UnbreakableStretch(bytes: $0, level: BreakLevel.insideWord) }
        stretches += ThaiConventions.stretches(in: text, utf8: utf8, words: words.words)
        stretches += words.unknownRuns.map { UnbreakableStretch(bytes: $0, level: BreakLevel.insideWord) }
        // Per level, how many stretches cover each position (a difference array, so this is linear).
        var covers: [UInt8: [Int32]] = [:]
        for stretch in stretches where stretch.bytes.count > 1 {
            covers[stretch.level, default: [Int32](repeating: 0, count: utf8.count + 2)][stretch.bytes.lowerBound + 1] += 1
            covers[stretch.level]![stretch.bytes.upperBound] -= 1
        }
        for (coverLevel, deltas) in covers {
            var depth: Int32 = 0
            for position in 0...utf8.count {
                depth += deltas[position]
                if depth > 0, level[position] != BreakLevel.never { level[position] = max(level[position], coverLevel) }
            }
        }
        for url in urls {
            // A URL breaks after `/ . - ?` (justified: at a cost), elsewhere only between clusters.
            for position in (url.lowerBound + 1)..<url.upperBound where level[position] != BreakLevel.never {
                let delimiter = [0x2F, 0x2E, 0x2D, 0x3F].contains(utf8[position - 1])
                level[position] = delimiter ? (justified ? BreakLevel.costly : BreakLevel.insideWord) : BreakLevel.grapheme
            }
        }
        return level
    }

    /// Occurrences of the description's keep-together words.
    private func keepTogetherOccurrences(_ utf8: [UInt8]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var covered = IndexSet()
        for needle in keepTogether where needle.count <= utf8.count {
            var start = 0
            while start + needle.count <= utf8.count {
                if utf8[start] == needle[0], !covered.contains(start), utf8[start..<start + needle.count].elementsEqual(needle) {
                    result.append(start..<start + needle.count)
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
    static func tokenStretches(_ text: String) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start: Int?
        var byte = 0
        var hasLetterOrDigit = false
        func close() {
            if let begin = start, byte - begin > 1, hasLetterOrDigit { result.append(begin..<byte) }
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

    /// Tokens that are URLs or e-mail addresses: they contain `://`, start with `www.`, or hold an `@`
    /// or a `/` between letters and dots.
    static func urlStretches(_ text: String) -> [Range<Int>] {
        let utf8 = Array(text.utf8)
        return tokenStretches(text).filter { range in
            let token = String(decoding: utf8[range], as: UTF8.self).lowercased()
            return token.contains("://") || token.hasPrefix("www.") || (token.contains("@") && token.contains("."))
                || (token.contains("/") && token.contains(".") && token.contains { $0.isLetter })
        }
    }

    /// ๆ and closing punctuation joined to the character before them, opening punctuation to the
    /// character after, spaces between included.
    static func punctuationStretches(_ text: String) -> [Range<Int>] {
        let scalars = Array(text.unicodeScalars)
        var offsets: [Int] = []
        offsets.reserveCapacity(scalars.count + 1)
        var byte = 0
        for scalar in scalars {
            offsets.append(byte)
            byte += UTF8.width(scalar)
        }
        offsets.append(byte)
        var result: [Range<Int>] = []
        for (index, scalar) in scalars.enumerated() {
            if closing.contains(scalar) {
                var before = index - 1
                while before >= 0, scalars[before] == " " { before -= 1 }
                if before >= 0, scalars[before] != "\n" { result.append(offsets[before]..<offsets[index + 1]) }
            }
            if opening.contains(scalar) {
                var after = index + 1
                while after < scalars.count, scalars[after] == " " { after += 1 }
                if after < scalars.count, scalars[after] != "\n" { result.append(offsets[index]..<offsets[after + 1]) }
            }
        }
        return result
    }
}
