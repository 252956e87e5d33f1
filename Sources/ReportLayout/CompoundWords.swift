import Foundation
import ThaiText

/// The Thai dictionary words of a paragraph and where each may split. A word is kept whole; a
/// compound (a word made of smaller dictionary words) may split between its parts when the pieces
/// on both sides are at least two syllables or a free-standing word (ผลการ|ดำเนินงาน, never
/// หอการ|ค้า or เว็บ|ไซต์); inside a word, never at libthai's guesses. Two adjacent words that
/// libthai reads as one split the same way. Runs of Thai letters that no dictionary word covers (a
/// surname) are kept whole too.
struct CompoundWords {
    /// Dictionary words, as UTF-8 byte ranges of the paragraph, in order.
    let words: [Range<Int>]
    /// Runs of two or more Thai letters that no dictionary word covers.
    let unknownRuns: [Range<Int>]
    /// Positions between the parts of a compound, whether the pieces there stand on their own, and
    /// whether the compound is a word of the text (not a part of one).
    private let splits: [(position: Int, standsAlone: Bool, outermost: Bool)]
    /// Positions between two words of the list that libthai reads as one (ความรู้|ความเข้าใจ), and
    /// whether the words on both sides stand on their own.
    private let joinedByLibthai: [(position: Int, standsAlone: Bool)]

    /// Short words that stand on their own as a line's last or first piece of a compound (never a
    /// prefix such as การ or ความ, which would be left hanging).
    static let freeStanding: Set<String> = [
        "ปี", "วัน", "เดือน", "คน", "งาน", "ผล", "แผน", "ทาง", "ช่อง", "เรื่อง", "เงิน", "ส่วน", "หน่วย", "ระบบ", "ข้อมูล", "ชื่อ", "เลข",
        "บ้าน", "เมือง", "ถนน", "น้ำ", "ไฟ", "ดิน", "ป่า", "ทุน", "ค่า", "กอง", "ศูนย์", "ห้อง", "ตึก", "รถ", "ผู้ใหญ่", "เด็ก",
        "จัด", "ทำ", "ใช้", "รับ", "ส่ง", "ให้", "ได้", "ออก", "เข้า", "ตั้ง", "สร้าง", "เปิด", "ปิด", "แจ้ง", "ตรวจ", "เก็บ", "แก้",
        "ดู", "ฟัง", "พูด", "อ่าน", "เขียน", "คิด", "ขาย", "ซื้อ", "จ่าย", "ยืม", "คืน", "ย้าย", "เพิ่ม", "ลด", "ขอ", "ตอบ", "ถาม",
    ]

    /// Words that only start a compound (ความ|คิดเห็น would leave ความ hanging at a line's end).
    static let prefixes: Set<String> = ["ความ", "การ", "ผู้", "นัก", "ชาว", "ที่", "เครื่อง"]

    /// Segments `text` between the `boundaries` (byte offsets no word may cross, e.g. names' ends);
    /// of equally few words, the segmentation whose word ends agree most with `breaksAt` (libthai's
    /// breaks, through Pango) wins.
    init(dictionary: ThaiDictionary, text: String, utf8: [UInt8], boundaries: [Int], breaksAt: (Int) -> Bool) {
        var words: [Range<Int>] = []
        var start = 0
        for end in boundaries.filter({ $0 > 0 && $0 < utf8.count }) + [utf8.count] where end > start {
            let piece = String(decoding: utf8[start..<end], as: UTF8.self)
            let offset = start
            words += dictionary.words(in: piece, agreesAt: { breaksAt(offset + $0) }).map { ($0.lowerBound + start)..<($0.upperBound + start) }
            start = end
        }
        self.words = words
        var splits: [(Int, Bool, Bool)] = []
        // A compound's parts may be compounds too (รัฐมนตรีว่าการ|กระทรวงอุตสาหกรรม, then กระทรวง|อุตสาหกรรม):
        // those split only when too wide for their column (งบประมาณ stays whole in ปี|งบประมาณ), and only
        // into pieces that stand alone (อุตสาหกรรม never as อุตสาห|กร|รม).
        func split(_ piece: Range<Int>, depth: Int) {
            let parts = dictionary.parts(of: 0..<piece.count, in: String(decoding: utf8[piece], as: UTF8.self))
                .map { (piece.lowerBound + $0.lowerBound)..<(piece.lowerBound + $0.upperBound) }
            guard parts.count >= 2 else { return }
            let syllables = parts.map { Self.syllables(in: utf8[$0]) }
            let names = parts.map { String(decoding: utf8[$0], as: UTF8.self) }
            for index in 1..<parts.count where !(index == 1 && Self.prefixes.contains(names[0])) {
                let left = Self.standsAlone(syllables: syllables[..<index].reduce(0, +), word: index == 1 ? names[0] : nil)
                let right = Self.standsAlone(syllables: syllables[index...].reduce(0, +), word: index == parts.count - 1 ? names[index] : nil)
                if depth == 0 || (left && right) { splits.append((parts[index].lowerBound, left && right, depth == 0)) }
            }
            if depth == 0 { for part in parts { split(part, depth: 1) } }
        }
        for word in words { split(word, depth: 0) }
        self.splits = splits
        joinedByLibthai = zip(words, words.dropFirst()).compactMap { word, next in
            guard word.upperBound == next.lowerBound, !breaksAt(word.upperBound) else { return nil }
            let name = String(decoding: utf8[word], as: UTF8.self), nextName = String(decoding: utf8[next], as: UTF8.self)
            let left = !Self.prefixes.contains(name) && Self.standsAlone(syllables: Self.syllables(in: utf8[word]), word: name)
            let right = Self.standsAlone(syllables: Self.syllables(in: utf8[next]), word: nextName)
            return (word.upperBound, left && right)
        }
        unknownRuns = Self.uncovered(utf8, by: words)
    }

    /// Raises the levels inside each word (where libthai guesses, then between clusters), except
    /// between a compound's parts (or two words libthai reads as one): where the pieces stand alone,
    /// at a cost in justified text or first in a word too wide; between the parts of its parts and
    /// elsewhere, only after them.
    func apply(to level: inout [UInt8], justified: Bool) {
        for word in words where word.count > 1 {
            for position in (word.lowerBound + 1)..<word.upperBound where level[position] != BreakLevel.never {
                level[position] = level[position] == BreakLevel.free ? BreakLevel.guessed : BreakLevel.grapheme
            }
        }
        for split in splits where level[split.position] != BreakLevel.never {
            level[split.position] = Self.splitLevel(standsAlone: split.standsAlone && split.outermost, justified: justified)
        }
        // Where libthai reads one word and nothing opened a break (a name's boundary stays free).
        for joined in joinedByLibthai where level[joined.position] == BreakLevel.grapheme {
            level[joined.position] = Self.splitLevel(standsAlone: joined.standsAlone, justified: justified)
        }
    }

    /// Whether a piece of a split word stands on its own at a line's end or start: two syllables or
    /// more, or a free-standing word (`word`, when the piece is one word).
    private static func standsAlone(syllables: Int, word: String?) -> Bool {
        syllables >= 2 || word.map(freeStanding.contains) == true
    }

    /// The level of a place where a word may split: at a cost in justified text (first in a word
    /// too wide otherwise) where both pieces stand alone, else only once the word's inside opens.
    private static func splitLevel(standsAlone: Bool, justified: Bool) -> UInt8 {
        !standsAlone ? BreakLevel.insideWord : justified ? BreakLevel.costly : BreakLevel.betweenParts
    }

    /// Thai syllables in a word, estimated from its vowels: a leading vowel (เ แ โ ใ ไ) opens a
    /// syllable and takes the vowel signs of its first consonants; every other vowel sign opens one.
    /// A word of four or more letters (marks aside) has at least two (แสดง, กระทรวง, whose vowels are
    /// not written); any word has at least one (ผล, หอ).
    static func syllables(in letters: ArraySlice<UInt8>) -> Int {
        var count = 0
        var sinceLeading = Int.max
        var spelled = 0
        for scalar in String(decoding: letters, as: UTF8.self).unicodeScalars {
            let value = scalar.value
            if (0x0E40...0x0E44).contains(value) {
                count += 1
                sinceLeading = 0
            } else if [0x0E30, 0x0E31, 0x0E32, 0x0E33, 0x0E34, 0x0E35, 0x0E36, 0x0E37, 0x0E38, 0x0E39, 0x0E47].contains(value) {
                if sinceLeading > 2 { count += 1 }
            }
            if (0x0E01...0x0E2E).contains(value) {
                sinceLeading = sinceLeading == Int.max ? Int.max : sinceLeading + 1
                spelled += 1
            } else if [0x0E30, 0x0E32, 0x0E33, 0x0E40, 0x0E41, 0x0E42, 0x0E43, 0x0E44].contains(value) {
                spelled += 1
            }
        }
        return max(count, spelled >= 4 ? 2 : 1)
    }

    /// Runs of two or more Thai letters (U+0E01–U+0E4F) outside every word.
    private static func uncovered(_ utf8: [UInt8], by words: [Range<Int>]) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var next = 0
        var runStart: Int?
        var letters = 0
        var byte = 0
        func close(at end: Int) {
            if let start = runStart, letters >= 2 { runs.append(start..<end) }
            runStart = nil
            letters = 0
        }
        while byte < utf8.count {
            while next < words.count, words[next].upperBound <= byte { next += 1 }
            if next < words.count, words[next].contains(byte) {
                close(at: byte)
                byte = words[next].upperBound
                continue
            }
            // Thai letters are E0 B8 81 … E0 B9 8F.
            let isThaiLetter = utf8[byte] == 0xE0 && byte + 2 < utf8.count
                && ((utf8[byte + 1] == 0xB8 && utf8[byte + 2] >= 0x81) || (utf8[byte + 1] == 0xB9 && utf8[byte + 2] <= 0x8F))
            if isThaiLetter {
                if runStart == nil { runStart = byte }
                letters += 1
                byte += 3
            } else {
                close(at: byte)
                byte += 1
            }
        }
        close(at: byte)
        return runs
    }
}
