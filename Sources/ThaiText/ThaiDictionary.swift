import Foundation

/// A Thai word list and the segmentation it gives: runs of Thai letters are split into the fewest
/// dictionary words (maximal matching), so line breaking can keep each word whole.
///
/// Words are stored in a trie over Thai code points (U+0E01–U+0E4F, one byte each).
public struct ThaiDictionary: Sendable {
    /// Trie nodes: each node's children are `edges[firstEdge[node]..<firstEdge[node] + edgeCount[node]]`.
    /// (Stored and loaded by `ThaiWordList.swift`.)
    var firstEdge: [Int32] = [0]
    var edgeCount: [UInt8] = [0]
    var isWord: [Bool] = [false]
    /// Edge letters, sorted within a node. Nodes are numbered breadth-first, so the child of edge
    /// `e` is node `e + 1`.
    var edgeLetters: [UInt8] = []
    /// Children of the root by letter, for a direct first step.
    var rootChildren = [Int32](repeating: -1, count: 128)
    /// Number of words.
    public internal(set) var count = 0

    /// An empty dictionary: no word is found, so segmentation adds nothing.
    public static let empty = ThaiDictionary(words: [])

    /// A dictionary of `words`; words that are not made of Thai letters only, or shorter than two
    /// letters, are left out.
    public init<Words: Sequence>(words: Words) where Words.Element == String {
        self.init(encoded: words.compactMap(Self.encode))
    }

    /// Whether `word` is in the dictionary.
    public func contains(_ word: String) -> Bool {
        guard let letters = Self.encode(word), !letters.isEmpty else { return false }
        var node: Int32 = 0
        for letter in letters {
            guard let next = child(of: node, letter) else { return false }
            node = next
        }
        return isWord[Int(node)]
    }

    /// The dictionary words of `text` that are two or more letters long, as UTF-8 byte ranges.
    /// Each run of Thai letters is split into the fewest words, letters not covered by any word
    /// counting as one word each (and never more than a word would); a word never ends before a
    /// mark or a following vowel (ะ า ำ ๅ), which belong to the letter before them.
    /// Of the segmentations with the fewest words, the one with the fewest word ends where
    /// `agreesAt` (a byte offset of `text`) is false: another segmenter's boundaries (libthai's,
    /// through Pango) settle the ties the word count leaves (มาตรการ|ออก, not มาตร|การออก;
    /// แนวทาง|การ, not แนว|ทางการ).
    public func words(in text: String, agreesAt: (Int) -> Bool = { _ in true }) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var letters: [UInt8] = []
        var offsets: [Int] = []
        var byte = 0
        func segmentRun() {
            defer { letters.removeAll(keepingCapacity: true); offsets.removeAll(keepingCapacity: true) }
            guard letters.count >= 2 else { return }
            let ends = (0...letters.count).map { $0 == letters.count || agreesAt(offsets[$0]) }
            for span in segment(letters, agreedEnds: ends) where span.count >= 2 {
                let end = span.upperBound < offsets.count ? offsets[span.upperBound] : byte
                result.append(offsets[span.lowerBound]..<end)
            }
        }
        for scalar in text.unicodeScalars {
            if let letter = Self.letter(scalar) {
                letters.append(letter)
                offsets.append(byte)
            } else {
                segmentRun()
            }
            byte += UTF8.width(scalar)
        }
        segmentRun()
        return result
    }

    /// The smaller dictionary words that the word at `word` (UTF-8 bytes of `text`, as `words(in:)`
    /// gives it) is made of, fewest first, and of as even lengths as the fewest allow:
    /// ผลการดำเนินงาน → ผล การ ดำเนินงาน, องค์การบริหารส่วนตำบล → องค์การบริหาร ส่วนตำบล (not องค์
    /// การบริหารส่วนตำบล). Empty when the word is not made of two or more smaller words.
    public func parts(of word: Range<Int>, in text: String) -> [Range<Int>] {
        var letters: [UInt8] = []
        var offsets: [Int] = []
        var byte = 0
        for scalar in text.unicodeScalars {
            if byte >= word.upperBound { break }
            if byte >= word.lowerBound {
                guard let letter = Self.letter(scalar) else { return [] }
                letters.append(letter)
                offsets.append(byte)
            }
            byte += UTF8.width(scalar)
        }
        guard letters.count >= 4 else { return [] }
        let spans = segment(letters, longest: letters.count - 1, even: true)
        guard spans.count >= 2, spans.allSatisfy({ $0.count >= 2 }) else { return [] }
        return spans.map { offsets[$0.lowerBound]..<($0.upperBound < offsets.count ? offsets[$0.upperBound] : word.upperBound) }
    }

    // MARK: Segmentation

    /// Fewest-words segmentation of one run of letters, as ranges of letter indices (words of at
    /// most `longest` letters and single uncovered letters). With `even`, of the segmentations with
    /// the fewest words, the one whose lengths' squares sum least (for a single word's parts, whose
    /// length is bounded by `longest`). Otherwise, of those, the one with the fewest word ends
    /// outside `agreedEnds` (indexed by letter, `n + 1` entries; empty: every end agrees).
    private func segment(_ letters: [UInt8], longest: Int = .max, even: Bool = false, agreedEnds: [Bool] = []) -> [Range<Int>] {
        let n = letters.count
        // A word costs `scale` (more than any sum of squared lengths when `even`, or of
        // disagreeing ends otherwise), plus its squared length or 1 if it ends where another
        // segmenter sees no boundary.
        let scale = even ? (n + 1) * (n + 1) : n + 1
        func wordCost(_ length: Int, end: Int) -> Int {
            even ? scale + length * length : scale + (agreedEnds.isEmpty || agreedEnds[end] ? 0 : 1)
        }
        let unknownCost = 1_000 * scale
        var cost = [Int](repeating: Int.max, count: n + 1)
        var from = [Int](repeating: 0, count: n + 1)
        cost[0] = 0
        for start in 0..<n where cost[start] != Int.max {
            // An uncovered letter.
            if cost[start] + unknownCost < cost[start + 1] {
                cost[start + 1] = cost[start] + unknownCost
                from[start + 1] = start
            }
            var node: Int32 = 0
            var index = start
            while index < n, index - start < longest, let next = child(of: node, letters[index]) {
                node = next
                index += 1
                if isWord[Int(node)], index - start >= 2, canEnd(letters, at: index), cost[start] + wordCost(index - start, end: index) < cost[index] {
                    cost[index] = cost[start] + wordCost(index - start, end: index)
                    from[index] = start
                }
            }
        }
        var spans: [Range<Int>] = []
        var end = n
        while end > 0 {
            spans.append(from[end]..<end)
            end = from[end]
        }
        return spans.reversed()
    }

    /// A word may end at `index` unless the next letter belongs to the one before it.
    private func canEnd(_ letters: [UInt8], at index: Int) -> Bool {
        guard index < letters.count else { return true }
        return !Self.attachesToPrevious(letters[index])
    }

    /// Marks above and below (U+0E31, U+0E34–0E3A, U+0E47–0E4E) and the vowels ะ า ำ ๅ.
    private static func attachesToPrevious(_ letter: UInt8) -> Bool {
        switch letter {
        case 0x30, 0x31, 0x32, 0x33, 0x34...0x3A, 0x45, 0x47...0x4E: return true
        default: return false
        }
    }

    // MARK: Trie

    private func child(of node: Int32, _ letter: UInt8) -> Int32? {
        if node == 0 {
            let target = rootChildren[Int(letter)]
            return target >= 0 ? target : nil
        }
        let start = Int(firstEdge[Int(node)])
        let end = start + Int(edgeCount[Int(node)])
        var index = start
        while index < end {
            if edgeLetters[index] == letter { return Int32(index + 1) }
            if edgeLetters[index] > letter { return nil }
            index += 1
        }
        return nil
    }

    /// A Thai letter, mark or sign (U+0E01–U+0E4F) as its offset from U+0E00; nil for anything else
    /// (Thai digits included: numbers are not words).
    private static func letter(_ scalar: Unicode.Scalar) -> UInt8? {
        (0x0E01...0x0E4F).contains(scalar.value) ? UInt8(scalar.value - 0x0E00) : nil
    }

    static func encode(_ word: String) -> [UInt8]? {
        var letters: [UInt8] = []
        for scalar in word.unicodeScalars {
            guard let letter = letter(scalar) else { return nil }
            letters.append(letter)
        }
        return letters
    }
}
