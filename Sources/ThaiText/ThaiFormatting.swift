import Foundation

/// Pure, stateless helpers for formatting numbers, money and dates in Thai government reports.
public enum ThaiFormatting {
    /// The digit set used when rendering numbers.
    public enum Digits: String, Sendable, CaseIterable {
        /// Thai digits ๐–๙ (U+0E50–U+0E59).
        case thai
        /// ASCII digits 0–9.
        case arabic
    }

    // MARK: Digits and numbers

    /// Converts every digit in `text` to the requested digit set (ASCII → Thai for `.thai`,
    /// Thai → ASCII for `.arabic`); all other characters are left unchanged.
    public static func digits(_ text: String, _ digits: Digits) -> String {
        let (from, to): (UInt32, UInt32) = digits == .thai ? (0x30, 0x0E50) : (0x0E50, 0x30)
        let scalars = text.unicodeScalars.map { scalar in
            (from...from + 9).contains(scalar.value) ? Unicode.Scalar(scalar.value - from + to) ?? scalar : scalar
        }
        return String(String.UnicodeScalarView(scalars))
    }

    /// Formats `value` rounded half away from zero to `decimals` places (negative counts as 0),
    /// with "," thousands separators when `grouping` is true, "." as the decimal point and a
    /// leading "-" for negative results (never "-0").
    public static func number(_ value: Decimal, decimals: Int, grouping: Bool, digits: Digits) -> String {
        let scale = max(0, decimals)
        let value = rounded(value, scale: scale)
        let (integer, fraction) = split(value.magnitude)
        var text = value < 0 ? "-" : ""
        text += grouping ? grouped(integer) : String(integer)
        if scale > 0 {
            text += "." + fraction.padding(toLength: scale, withPad: "0", startingAt: 0)
        }
        return Self.digits(text, digits)
    }

    /// Parses a plain decimal number written with ASCII or Thai digits: optional leading "-" or "+",
    /// optional "," separators between groups of three integer digits, optional "." fraction.
    /// Surrounding spaces are ignored; anything else yields nil.
    public static func parseNumber(_ text: String) -> Decimal? {
        var body = Substring(digits(text.trimmingCharacters(in: .whitespaces), .arabic))
        let negative = body.first == "-"
        if negative || body.first == "+" { body.removeFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        let groups = parts[0].split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count <= 2,
              parts.dropFirst().allSatisfy(isDigits),
              groups.allSatisfy(isDigits),
              groups.count == 1 || (groups[0].count <= 3 && groups.dropFirst().allSatisfy { $0.count == 3 })
        else { return nil }
        let plain = (negative ? "-" : "") + body.replacingOccurrences(of: ",", with: "")
        return Decimal(string: plain, locale: Locale(identifier: "en_US_POSIX"))
    }

    // MARK: Words

    /// Spells an integer in Thai words following Excel BAHTTEXT conventions
    /// (e.g. 21 → "ยี่สิบเอ็ด", 0 → "ศูนย์", negatives prefixed with "ลบ").
    public static func numberInWords(_ value: Int) -> String {
        (value < 0 ? "ลบ" : "") + spell(String(value.magnitude))
    }

    /// Spells an amount of money in Thai as Excel BAHTTEXT does, rounding to whole satang:
    /// 100.50 → "หนึ่งร้อยบาทห้าสิบสตางค์", 50000 → "ห้าหมื่นบาทถ้วน", 0.5 → "ห้าสิบสตางค์",
    /// negatives prefixed with "ลบ".
    public static func moneyInWords(_ value: Decimal) -> String {
        let value = rounded(value, scale: 2)
        let (baht, fraction) = split(value.magnitude)
        let satang = String((fraction + "00").prefix(2))
        var text = value < 0 ? "ลบ" : ""
        if baht != "0" || satang == "00" { text += spell(baht) + "บาท" }
        text += satang == "00" ? "ถ้วน" : spell(satang) + "สตางค์"
        return text
    }

    // MARK: Dates

    /// Thai month names, January (มกราคม) first.
    public static let monthNames = [
        "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
        "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
    ]

    /// Abbreviated Thai month names, January (ม.ค.) first.
    public static let monthAbbreviations = [
        "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
        "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
    ]

    /// A validated Gregorian calendar date without time or time zone.
    public struct CalendarDate: Hashable, Sendable {
        /// Year of the Common Era (Gregorian).
        public let year: Int
        /// Month, 1–12.
        public let month: Int
        /// Day of the month, starting at 1.
        public let day: Int

        /// Creates a date, or nil if year < 1, month is outside 1–12 or day does not exist in that month.
        public init?(year: Int, month: Int, day: Int) {
            guard year >= 1, (1...12).contains(month), day >= 1,
                  day <= Self.daysInMonth(month, year: year)
            else { return nil }
            self.year = year
            self.month = month
            self.day = day
        }

        /// Parses ISO "YYYY-MM-DD" (ASCII or Thai digits); a year above 2400 is read as Buddhist Era
        /// and converted, so "2567-11-17" is 17 November 2024.
        public static func parse(_ text: String) -> CalendarDate? {
            let fields = digits(text.trimmingCharacters(in: .whitespaces), .arabic)
                .split(separator: "-", omittingEmptySubsequences: false)
            guard fields.count == 3, fields.allSatisfy(isDigits),
                  fields.map(\.count) == [4, 2, 2],
                  let year = Int(fields[0]), let month = Int(fields[1]), let day = Int(fields[2])
            else { return nil }
            return CalendarDate(year: year > 2400 ? year - 543 : year, month: month, day: day)
        }

        /// Days from 1 January 1970 to this date (proleptic Gregorian calendar; Hinnant's
        /// `days_from_civil`): plain arithmetic, so a date costs no calendar library.
        public var daysSince1970: Int {
            let shifted = month <= 2 ? year - 1 : year  // years counted from 1 March
            let era = shifted / 400
            let yearOfEra = shifted - era * 400
            let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
            let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
            return era * 146_097 + dayOfEra - 719_468
        }

        /// The date `days` after 1 January 1970 (`daysSince1970` reversed), or nil before the year 1.
        public init?(daysSince1970 days: Int) {
            let shifted = days + 719_468
            guard shifted >= 0 else { return nil }
            let era = shifted / 146_097
            let dayOfEra = shifted - era * 146_097
            let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
            let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
            let monthFromMarch = (5 * dayOfYear + 2) / 153
            let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
            self.init(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month,
                      day: dayOfYear - (153 * monthFromMarch + 2) / 5 + 1)
        }

        /// Days in `month` (1–12) of the Christian Era `year`.
        static func daysInMonth(_ month: Int, year: Int) -> Int {
            switch month {
            case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
            case 4, 6, 9, 11: 30
            default: 31
            }
        }
    }

    /// Converts a Gregorian (CE) year to the Buddhist Era year (CE + 543).
    public static func buddhistYear(_ gregorianYear: Int) -> Int {
        gregorianYear + 543
    }

    /// Full Thai date with Buddhist Era year, e.g. "๑๗ พฤศจิกายน ๒๕๖๗".
    public static func fullDate(_ d: CalendarDate, digits: Digits) -> String {
        Self.digits("\(d.day) \(monthNames[d.month - 1]) \(buddhistYear(d.year))", digits)
    }

    /// Thai date as announcements date themselves, with พ.ศ. before the year, e.g. "๑๗ พฤศจิกายน พ.ศ. ๒๕๖๗".
    public static func officialDate(_ d: CalendarDate, digits: Digits) -> String {
        Self.digits("\(d.day) \(monthNames[d.month - 1]) พ.ศ. \(buddhistYear(d.year))", digits)
    }

    /// Short Thai date with a two-digit Buddhist Era year, e.g. "๑๗ พ.ย. ๖๗".
    public static func shortDate(_ d: CalendarDate, digits: Digits) -> String {
        Self.digits("\(d.day) ", digits) + monthYearShort(month: d.month, gregorianYear: d.year, digits: digits)
    }

    /// Abbreviated month with a two-digit Buddhist Era year, e.g. "ต.ค. ๖๖"; `month` must be 1–12.
    public static func monthYearShort(month: Int, gregorianYear: Int, digits: Digits) -> String {
        let year = buddhistYear(gregorianYear) % 100
        return Self.digits("\(monthAbbreviations[month - 1]) \(year < 10 ? "0" : "")\(year)", digits)
    }

    /// Buddhist Era fiscal year containing `d`; fiscal years run 1 October – 30 September and are
    /// named by their later year (2023-10-01 → 2567).
    public static func fiscalYear(containing d: CalendarDate) -> Int {
        buddhistYear(d.year) + (d.month >= 10 ? 1 : 0)
    }

    /// Date range of a Buddhist Era fiscal year, e.g. 2567 → "๑ ตุลาคม ๒๕๖๖ – ๓๐ กันยายน ๒๕๖๗".
    public static func fiscalYearPeriod(buddhistYear: Int, digits: Digits) -> String {
        fiscalPeriod(buddhistYear: buddhistYear, firstMonth: 1, months: 12, digits: digits)
    }

    /// The month `month` (1 = October … 12 = September) of a Buddhist Era fiscal year, as a month
    /// and Buddhist Era year of the calendar: (2567, 6) → (3, 2567), March 2567.
    public static func fiscalMonth(buddhistYear: Int, month: Int) -> (month: Int, buddhistYear: Int) {
        let calendarMonth = (month + 8) % 12 + 1
        return (calendarMonth, calendarMonth >= 10 ? buddhistYear - 1 : buddhistYear)
    }

    /// Date range of `months` months of a Buddhist Era fiscal year from its month `firstMonth`
    /// (1 = October): (2567, 1, 6) → "๑ ตุลาคม ๒๕๖๖ – ๓๑ มีนาคม ๒๕๖๗"; the last day is the month's own
    /// (๒๙ กุมภาพันธ์ in a leap year). `firstMonth` and the last month must be 1–12.
    public static func fiscalPeriod(buddhistYear: Int, firstMonth: Int, months: Int, digits: Digits) -> String {
        let first = fiscalMonth(buddhistYear: buddhistYear, month: firstMonth)
        let last = fiscalMonth(buddhistYear: buddhistYear, month: firstMonth + months - 1)
        let lastDay = CalendarDate.daysInMonth(last.month, year: last.buddhistYear - 543)
        return Self.digits("1 \(monthNames[first.month - 1]) \(first.buddhistYear) \u{2013} \(lastDay) \(monthNames[last.month - 1]) \(last.buddhistYear)", digits)
    }

    // MARK: Private helpers

    private static let digitNames = ["ศูนย์", "หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า"]
    private static let placeNames = ["", "สิบ", "ร้อย", "พัน", "หมื่น", "แสน"]

    private static func isDigits(_ text: Substring) -> Bool {
        !text.isEmpty && text.allSatisfy { ("0"..."9").contains($0) }
    }

    private static func rounded(_ value: Decimal, scale: Int) -> Decimal {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, scale, .plain)
        return result
    }

    /// Splits a non-negative decimal into its integer and fraction digit strings.
    private static func split(_ value: Decimal) -> (integer: String, fraction: String) {
        let parts = value.description.split(separator: ".", maxSplits: 1)
        return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
    }

    private static func grouped(_ integer: String) -> String {
        var result = ""
        for (index, digit) in integer.enumerated() {
            if index > 0 && (integer.count - index) % 3 == 0 { result += "," }
            result.append(digit)
        }
        return result
    }

    /// Spells a string of ASCII digits, BAHTTEXT style.
    private static func spell(_ decimalDigits: String) -> String {
        let digits = decimalDigits.drop { $0 == "0" }.compactMap(\.wholeNumberValue)
        return digits.isEmpty ? digitNames[0] : millions(digits[...])
    }

    /// Spells digits (no leading zeros) as repeated ล้าน groups of up to six digits.
    private static func millions(_ digits: ArraySlice<Int>) -> String {
        guard digits.count > 6 else { return group(digits, hasHigher: false) }
        return millions(digits.dropLast(6)) + "ล้าน" + group(digits.suffix(6), hasHigher: true)
    }

    /// Spells up to six digits; a units 1 becomes เอ็ด when any higher digit is nonzero.
    private static func group(_ digits: ArraySlice<Int>, hasHigher: Bool) -> String {
        var text = ""
        var seenHigher = hasHigher
        for (offset, digit) in digits.enumerated() where digit != 0 {
            let place = digits.count - 1 - offset
            switch (place, digit) {
            case (0, 1) where seenHigher: text += "เอ็ด"
            case (1, 1): text += "สิบ"
            case (1, 2): text += "ยี่สิบ"
            default: text += digitNames[digit] + placeNames[place]
            }
            seenHigher = true
        }
        return text
    }
}
