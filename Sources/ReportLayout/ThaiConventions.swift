import Foundation

/// Thai typesetting conventions that keep stretches of a paragraph on one line without a
/// `keep-together` entry, and the structure of names that are kept together:
/// - a name kept together breaks, when wider than its column, between its words, then after its
///   agency type (องค์การบริหารส่วนตำบล | ท่ามะพลา), never inside the place name;
/// - a number and its classifier or unit (๒๐ โครงการ, ๕๐,๐๐๐ บาท; `units`), a word that introduces a number
///   and the number (ร้อยละ ๘๕, พ.ศ. ๒๕๖๗, ข้อ ๓), a date's day, month and year, a phone number's groups;
/// - a title and the name after it (นาย / นาง / นางสาว + first name, and the surname kept whole).
enum ThaiConventions {
    /// Names kept together: the stretches they make and the positions where they start, end or
    /// split after their agency type (no dictionary word may cross these).
    struct Names {
        var stretches: [UnbreakableStretch]
        var boundaries: [Int]
    }

    /// Agency types that start the name of a Thai local administration or office, longest first.
    static let agencyTypes: [[UInt8]] = [
        "องค์การบริหารส่วนตำบล", "องค์การบริหารส่วนจังหวัด", "โรงพยาบาลส่งเสริมสุขภาพตำบล", "เทศบาลนคร", "เทศบาลเมือง",
        "เทศบาลตำบล", "โรงพยาบาล", "โรงเรียน", "สำนักงาน", "อำเภอ", "จังหวัด", "ตำบล", "เทศบาล",
    ].map { Array($0.utf8) }.sorted { $0.count > $1.count }

    /// Words a number follows (ร้อยละ ๘๕, พ.ศ. ๒๕๖๗), months included (a date's month and year).
    static let beforeNumber: [[UInt8]] = [
        "ร้อยละ", "พ.ศ.", "ค.ศ.", "เลขที่", "หมู่ที่", "ครั้งที่", "ฉบับที่", "วันที่", "ลำดับที่", "ข้อ",
        "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม",
        "พฤศจิกายน", "ธันวาคม", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
    ].map { Array($0.utf8) }

    /// Classifiers and units that follow a number, and months (a day keeps to its month).
    static let units: Set<[UInt8]> = Set([
        "บาท", "ล้านบาท", "สตางค์", "โครงการ", "กิจกรรม", "เดือน", "ปี", "วัน", "สัปดาห์", "ชั่วโมง", "นาที", "ไตรมาส", "คน", "ราย",
        "ครั้ง", "แห่ง", "หน่วยงาน", "เรื่อง", "ข้อ", "ฉบับ", "คะแนน", "ตัวชี้วัด", "มาตรการ", "ด้าน", "ระดับ", "ประเด็น", "ชุด", "เล่ม",
        "เครื่อง", "คัน", "หลัง", "ตัว", "ชิ้น", "อัน", "ไร่", "งาน", "ตารางวา", "ตารางเมตร", "เมตร", "กิโลเมตร", "กิโลกรัม", "ลิตร",
        "หมู่บ้าน", "ครัวเรือน", "ท่าน", "รูป", "ส่วน", "กอง", "ล้าน", "แสน", "หมื่น", "พัน", "เปอร์เซ็นต์", "หลักสูตร", "รุ่น",
        "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม",
        "พฤศจิกายน", "ธันวาคม", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
    ].map { Array($0.utf8) })

    /// Months, which also keep to a following พ.ศ. or ค.ศ.
    static let eraMarks: [[UInt8]] = ["พ.ศ.", "ค.ศ."].map { Array($0.utf8) }

    /// Titles before a person's name, longest first.
    static let titles: [[UInt8]] = ["นางสาว", "นาง", "นาย", "ด.ช.", "ด.ญ."].map { Array($0.utf8) }

    /// The stretches and boundaries of the names kept together: `marked` (the text's own spans) and
    /// `keepTogether` (the description's list), each a byte range of `utf8`.
    static func names(marked: [Range<Int>], keepTogether: [Range<Int>], in utf8: [UInt8]) -> Names {
        var result = Names(stretches: [], boundaries: [])
        for name in marked + keepTogether where name.count > 1 {
            result.stretches.append(UnbreakableStretch(bytes: name, level: BreakLevel.betweenWords))
            result.boundaries += [name.lowerBound, name.upperBound]
            var start = name.lowerBound
            for end in (name.lowerBound...name.upperBound) where end == name.upperBound || utf8[end] == 0x20 {
                defer { start = end + 1 }
                guard end > start else { continue }
                let word = start..<end
                if let agency = agencyTypes.first(where: { $0.count < word.count && utf8[word].starts(with: $0) }) {
                    let split = start + agency.count
                    result.stretches += [UnbreakableStretch(bytes: word, level: BreakLevel.afterAgency),
                                         UnbreakableStretch(bytes: start..<split, level: BreakLevel.insideWord),
                                         UnbreakableStretch(bytes: split..<end, level: BreakLevel.insideWord)]
                    result.boundaries.append(split)
                } else {
                    result.stretches.append(UnbreakableStretch(bytes: word, level: BreakLevel.insideWord))
                }
            }
        }
        result.boundaries.sort()
        return result
    }

    /// The stretches the conventions keep on one line in `text` (`words`: its dictionary words).
    static func stretches(in text: String, utf8: [UInt8], words: [Range<Int>]) -> [UnbreakableStretch] {
        var wordEnd: [Int: Int] = [:]
        var wordEnds = Set<Int>()
        for word in words {
            wordEnd[word.lowerBound] = word.upperBound
            wordEnds.insert(word.upperBound)
        }
        var result: [UnbreakableStretch] = []
        let numbers = numberRuns(utf8)
        for (index, number) in numbers.enumerated() {
            // The number and its classifier or unit after it.
            let next = number.upperBound < utf8.count && utf8[number.upperBound] == 0x20 ? number.upperBound + 1 : number.upperBound
            if let end = wordEnd[next] ?? units.first(where: { next + $0.count <= utf8.count && utf8[next..<(next + $0.count)].elementsEqual($0) }).map({ next + $0.count }),
               units.contains(Array(utf8[next..<end])) {
                result.append(UnbreakableStretch(bytes: number.lowerBound..<end, level: BreakLevel.betweenWords))
            }
            // A phone number: groups of digits split by single spaces, starting with 0.
            var last = index
            while last + 1 < numbers.count, numbers[last + 1].lowerBound == numbers[last].upperBound + 1, utf8[numbers[last].upperBound] == 0x20 {
                last += 1
            }
            if last > index, index == 0 || numbers[index - 1].upperBound + 1 != number.lowerBound || utf8[numbers[index - 1].upperBound] != 0x20,
               startsWithZero(utf8, at: number.lowerBound) {
                result.append(UnbreakableStretch(bytes: number.lowerBound..<numbers[last].upperBound, level: BreakLevel.betweenWords))
            }
        }
        // Words a number follows, and a month followed by its era.
        for number in numbers {
            var before = number.lowerBound
            if before > 0, utf8[before - 1] == 0x20 { before -= 1 }
            if let word = beforeNumber.first(where: { before >= $0.count && utf8[(before - $0.count)..<before].elementsEqual($0) }) {
                result.append(UnbreakableStretch(bytes: (before - word.count)..<number.upperBound, level: BreakLevel.betweenWords))
            }
        }
        for era in eraMarks {
            for start in occurrences(of: era, in: utf8) {
                var before = start
                if before > 0, utf8[before - 1] == 0x20 { before -= 1 }
                if let month = beforeNumber.first(where: { before >= $0.count && utf8[(before - $0.count)..<before].elementsEqual($0) }) {
                    result.append(UnbreakableStretch(bytes: (before - month.count)..<(start + era.count), level: BreakLevel.betweenWords))
                }
            }
        }
        result += titleStretches(utf8, wordEnd: wordEnd, wordEnds: wordEnds)
        return result
    }

    /// A title, the first name after it and the surname after a space: together unless too wide, then
    /// between first name and surname, then after the title; the surname is never split.
    private static func titleStretches(_ utf8: [UInt8], wordEnd: [Int: Int], wordEnds: Set<Int>) -> [UnbreakableStretch] {
        var result: [UnbreakableStretch] = []
        var start = 0
        while start < utf8.count {
            guard utf8[start] == 0xE0, let title = titles.first(where: { start + $0.count < utf8.count && utf8[start..<(start + $0.count)].elementsEqual($0) }) else {
                start += 1
                continue
            }
            let afterTitle = start + title.count
            // A word that only starts with a title (นายก, นายอำเภอ, นางฟ้า) is not one.
            let longerWord = (wordEnd[start] ?? 0) > afterTitle
            let startsWord = start == 0 || !isThaiLetter(utf8, before: start) || wordEnds.contains(start)
            guard !longerWord, startsWord, isThaiLetter(utf8, at: afterTitle),
                  let firstEnd = wordEndBySpace(utf8, from: afterTitle, limit: 60) else {
                start += 1
                continue
            }
            var end = firstEnd
            if firstEnd < utf8.count, utf8[firstEnd] == 0x20, isThaiLetter(utf8, at: firstEnd + 1),
               let surnameEnd = wordEndBySpace(utf8, from: firstEnd + 1, limit: 75) {
                result.append(UnbreakableStretch(bytes: (firstEnd + 1)..<surnameEnd, level: BreakLevel.insideWord))
                end = surnameEnd
            }
            result += [UnbreakableStretch(bytes: start..<end, level: BreakLevel.betweenWords),
                       UnbreakableStretch(bytes: start..<firstEnd, level: BreakLevel.afterAgency),
                       UnbreakableStretch(bytes: afterTitle..<firstEnd, level: BreakLevel.insideWord)]
            start = end
        }
        return result
    }

    /// The end of the Thai word starting at `start` (the next space or non-Thai character), if it
    /// comes within `limit` bytes.
    private static func wordEndBySpace(_ utf8: [UInt8], from start: Int, limit: Int) -> Int? {
        var end = start
        while end < utf8.count, isThaiLetter(utf8, at: end) {
            end += 3
            if end - start > limit { return nil }
        }
        return end > start ? end : nil
    }

    /// Runs of digits (Thai or Arabic), with `,` and `.` between digits.
    static func numberRuns(_ utf8: [UInt8]) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var index = 0
        while index < utf8.count {
            guard digitWidth(utf8, at: index) > 0 else {
                index += 1
                continue
            }
            let start = index
            while index < utf8.count {
                let width = digitWidth(utf8, at: index)
                if width > 0 {
                    index += width
                } else if (utf8[index] == 0x2C || utf8[index] == 0x2E), index + 1 < utf8.count, digitWidth(utf8, at: index + 1) > 0 {
                    index += 1
                } else {
                    break
                }
            }
            runs.append(start..<index)
        }
        return runs
    }

    /// The UTF-8 length of the digit at `index` (0–9 or ๐–๙), or 0.
    private static func digitWidth(_ utf8: [UInt8], at index: Int) -> Int {
        if (0x30...0x39).contains(utf8[index]) { return 1 }
        if utf8[index] == 0xE0, index + 2 < utf8.count, utf8[index + 1] == 0xB9, (0x90...0x99).contains(utf8[index + 2]) { return 3 }
        return 0
    }

    private static func startsWithZero(_ utf8: [UInt8], at index: Int) -> Bool {
        utf8[index] == 0x30 || (index + 2 < utf8.count && utf8[index] == 0xE0 && utf8[index + 1] == 0xB9 && utf8[index + 2] == 0x90)
    }

    /// Whether a Thai letter or mark (U+0E01–U+0E4F) starts at `index`.
    static func isThaiLetter(_ utf8: [UInt8], at index: Int) -> Bool {
        guard index + 2 < utf8.count, utf8[index] == 0xE0 else { return false }
        return (utf8[index + 1] == 0xB8 && utf8[index + 2] >= 0x81) || (utf8[index + 1] == 0xB9 && utf8[index + 2] <= 0x8F)
    }

    private static func isThaiLetter(_ utf8: [UInt8], before index: Int) -> Bool {
        index >= 3 && isThaiLetter(utf8, at: index - 3)
    }

    /// Start offsets of `needle` in `utf8`, left to right, not overlapping.
    private static func occurrences(of needle: [UInt8], in utf8: [UInt8]) -> [Int] {
        var result: [Int] = []
        var index = 0
        while index + needle.count <= utf8.count {
            if utf8[index] == needle[0], utf8[index..<(index + needle.count)].elementsEqual(needle) {
                result.append(index)
                index += needle.count
            } else {
                index += 1
            }
        }
        return result
    }
}
