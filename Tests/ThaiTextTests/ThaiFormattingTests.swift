import Foundation
import ThaiText
import XCTest

final class ThaiFormattingTests: XCTestCase {
    private typealias F = ThaiFormatting
    private typealias CalendarDate = ThaiFormatting.CalendarDate

    private func dec(_ text: String) -> Decimal {
        Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))!
    }

    private func date(_ year: Int, _ month: Int, _ day: Int) -> CalendarDate {
        CalendarDate(year: year, month: month, day: day)!
    }

    // MARK: digits

    func testDigitsToThai() {
        XCTAssertEqual(F.digits("0123456789", .thai), "๐๑๒๓๔๕๖๗๘๙")
        XCTAssertEqual(F.digits("ปี 2567: 1,234.50 บาท", .thai), "ปี ๒๕๖๗: ๑,๒๓๔.๕๐ บาท")
        XCTAssertEqual(F.digits("๑๒ and 34", .thai), "๑๒ and ๓๔")
    }

    func testDigitsToArabic() {
        XCTAssertEqual(F.digits("๐๑๒๓๔๕๖๗๘๙", .arabic), "0123456789")
        XCTAssertEqual(F.digits("ปี ๒๕๖๗ (2024)", .arabic), "ปี 2567 (2024)")
        XCTAssertEqual(F.digits("", .arabic), "")
    }

    // MARK: number

    func testNumberExamples() {
        XCTAssertEqual(F.number(50000, decimals: 2, grouping: true, digits: .thai), "๕๐,๐๐๐.๐๐")
        XCTAssertEqual(F.number(dec("1234567.891"), decimals: 1, grouping: true, digits: .arabic), "1,234,567.9")
        XCTAssertEqual(F.number(dec("1234567.891"), decimals: 1, grouping: false, digits: .arabic), "1234567.9")
        XCTAssertEqual(F.number(dec("1234567.891"), decimals: 0, grouping: true, digits: .arabic), "1,234,568")
        XCTAssertEqual(F.number(dec("-1234.5"), decimals: 2, grouping: true, digits: .arabic), "-1,234.50")
        XCTAssertEqual(F.number(dec("0.5"), decimals: 3, grouping: true, digits: .arabic), "0.500")
        XCTAssertEqual(F.number(123, decimals: 0, grouping: true, digits: .arabic), "123")
        XCTAssertEqual(F.number(123456, decimals: 0, grouping: true, digits: .arabic), "123,456")
    }

    func testNumberRoundsHalfAwayFromZero() {
        XCTAssertEqual(F.number(dec("0.005"), decimals: 2, grouping: false, digits: .arabic), "0.01")
        XCTAssertEqual(F.number(dec("-0.005"), decimals: 2, grouping: false, digits: .arabic), "-0.01")
        XCTAssertEqual(F.number(dec("2.5"), decimals: 0, grouping: false, digits: .arabic), "3")
        XCTAssertEqual(F.number(dec("-2.5"), decimals: 0, grouping: false, digits: .arabic), "-3")
        XCTAssertEqual(F.number(dec("999.995"), decimals: 2, grouping: true, digits: .arabic), "1,000.00")
    }

    func testNumberNeverNegativeZero() {
        XCTAssertEqual(F.number(dec("-0.001"), decimals: 2, grouping: true, digits: .arabic), "0.00")
        XCTAssertEqual(F.number(dec("-0.4"), decimals: 0, grouping: true, digits: .thai), "๐")
    }

    // MARK: parseNumber

    func testParseNumberAccepts() {
        XCTAssertEqual(F.parseNumber("1234"), 1234)
        XCTAssertEqual(F.parseNumber("  1,234.50 "), dec("1234.5"))
        XCTAssertEqual(F.parseNumber("๕๐,๐๐๐.๐๐"), 50000)
        XCTAssertEqual(F.parseNumber("-12.75"), dec("-12.75"))
        XCTAssertEqual(F.parseNumber("+๑๒"), 12)
        XCTAssertEqual(F.parseNumber("1,234,567"), 1234567)
        XCTAssertEqual(F.parseNumber("0"), 0)
    }

    func testParseNumberRejects() {
        for text in ["", "   ", "abc", "1.2.3", "๕x", "-", "+", ".", "1.", ".5", "--1", "1 000", "1,23", "12,34,567", ",123", "1e5", "- 5"] {
            XCTAssertNil(F.parseNumber(text), "expected nil for \"\(text)\"")
        }
    }

    // MARK: words

    func testNumberInWords() {
        XCTAssertEqual(F.numberInWords(0), "ศูนย์")
        XCTAssertEqual(F.numberInWords(1), "หนึ่ง")
        XCTAssertEqual(F.numberInWords(10), "สิบ")
        XCTAssertEqual(F.numberInWords(11), "สิบเอ็ด")
        XCTAssertEqual(F.numberInWords(21), "ยี่สิบเอ็ด")
        XCTAssertEqual(F.numberInWords(101), "หนึ่งร้อยเอ็ด")
        XCTAssertEqual(F.numberInWords(250), "สองร้อยห้าสิบ")
        XCTAssertEqual(F.numberInWords(1_000_000), "หนึ่งล้าน")
        XCTAssertEqual(F.numberInWords(1_000_001), "หนึ่งล้านเอ็ด")
        XCTAssertEqual(F.numberInWords(11_000_000), "สิบเอ็ดล้าน")
        XCTAssertEqual(F.numberInWords(123_456_789), "หนึ่งร้อยยี่สิบสามล้านสี่แสนห้าหมื่นหกพันเจ็ดร้อยแปดสิบเก้า")
        XCTAssertEqual(F.numberInWords(-21), "ลบยี่สิบเอ็ด")
    }

    func testWordsOfNumbersWrittenInThaiDigits() {
        XCTAssertEqual(F.numberInWords(Int(F.digits("๒๑", .arabic))!), "ยี่สิบเอ็ด")
        XCTAssertEqual(F.numberInWords(Int(F.digits("๑๐๑", .arabic))!), "หนึ่งร้อยเอ็ด")
        XCTAssertEqual(F.moneyInWords(F.parseNumber("๕๐,๐๐๐.๐๐")!), "ห้าหมื่นบาทถ้วน")
    }

    func testMoneyInWordsBahtOnly() {
        XCTAssertEqual(F.moneyInWords(0), "ศูนย์บาทถ้วน")
        XCTAssertEqual(F.moneyInWords(1), "หนึ่งบาทถ้วน")
        XCTAssertEqual(F.moneyInWords(21), "ยี่สิบเอ็ดบาทถ้วน")
        XCTAssertEqual(F.moneyInWords(101), "หนึ่งร้อยเอ็ดบาทถ้วน")
        XCTAssertEqual(F.moneyInWords(50000), "ห้าหมื่นบาทถ้วน")
        XCTAssertEqual(F.moneyInWords(1_000_000), "หนึ่งล้านบาทถ้วน")
        XCTAssertEqual(F.moneyInWords(1_000_001), "หนึ่งล้านเอ็ดบาทถ้วน")
        XCTAssertEqual(F.moneyInWords(10_000_000), "สิบล้านบาทถ้วน")
        XCTAssertEqual(F.moneyInWords(11_000_000), "สิบเอ็ดล้านบาทถ้วน")
        XCTAssertEqual(F.moneyInWords(21_000_000), "ยี่สิบเอ็ดล้านบาทถ้วน")
        XCTAssertEqual(F.moneyInWords(1_000_000_001), "หนึ่งพันล้านเอ็ดบาทถ้วน")
    }

    func testMoneyInWordsSatang() {
        XCTAssertEqual(F.moneyInWords(dec("0.50")), "ห้าสิบสตางค์")
        XCTAssertEqual(F.moneyInWords(dec("100.50")), "หนึ่งร้อยบาทห้าสิบสตางค์")
        XCTAssertEqual(F.moneyInWords(dec("21.21")), "ยี่สิบเอ็ดบาทยี่สิบเอ็ดสตางค์")
        XCTAssertEqual(F.moneyInWords(dec("1.01")), "หนึ่งบาทหนึ่งสตางค์")
        XCTAssertEqual(F.moneyInWords(dec("1000001.50")), "หนึ่งล้านเอ็ดบาทห้าสิบสตางค์")
        XCTAssertEqual(F.moneyInWords(F.parseNumber("๑,๐๐๐,๐๐๑.๕๐")!), "หนึ่งล้านเอ็ดบาทห้าสิบสตางค์")
    }

    func testMoneyInWordsRoundsSatang() {
        XCTAssertEqual(F.moneyInWords(dec("0.005")), "หนึ่งสตางค์")
        XCTAssertEqual(F.moneyInWords(dec("0.994")), "เก้าสิบเก้าสตางค์")
        XCTAssertEqual(F.moneyInWords(dec("0.995")), "หนึ่งบาทถ้วน")
        XCTAssertEqual(F.moneyInWords(dec("-0.001")), "ศูนย์บาทถ้วน")
    }

    func testMoneyInWordsNegative() {
        XCTAssertEqual(F.moneyInWords(-21), "ลบยี่สิบเอ็ดบาทถ้วน")
        XCTAssertEqual(F.moneyInWords(dec("-100.50")), "ลบหนึ่งร้อยบาทห้าสิบสตางค์")
        XCTAssertEqual(F.moneyInWords(dec("-0.25")), "ลบยี่สิบห้าสตางค์")
    }

    // MARK: dates

    func testBuddhistYearAndMonthTables() {
        XCTAssertEqual(F.buddhistYear(2024), 2567)
        XCTAssertEqual(F.monthNames.count, 12)
        XCTAssertEqual(F.monthNames.first, "มกราคม")
        XCTAssertEqual(F.monthNames.last, "ธันวาคม")
        XCTAssertEqual(F.monthAbbreviations, ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
                                              "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."])
    }

    func testCalendarDateValidation() {
        XCTAssertNotNil(CalendarDate(year: 2024, month: 2, day: 29))
        XCTAssertNil(CalendarDate(year: 2023, month: 2, day: 29))
        XCTAssertNotNil(CalendarDate(year: 2000, month: 2, day: 29))
        XCTAssertNil(CalendarDate(year: 1900, month: 2, day: 29))
        XCTAssertNotNil(CalendarDate(year: 2024, month: 1, day: 31))
        XCTAssertNil(CalendarDate(year: 2024, month: 4, day: 31))
        XCTAssertNil(CalendarDate(year: 2024, month: 13, day: 1))
        XCTAssertNil(CalendarDate(year: 2024, month: 0, day: 1))
        XCTAssertNil(CalendarDate(year: 2024, month: 1, day: 0))
        XCTAssertNil(CalendarDate(year: 0, month: 1, day: 1))
    }

    func testDaysSince1970AndBack() {
        XCTAssertEqual(date(1970, 1, 1).daysSince1970, 0)
        XCTAssertEqual(date(1969, 12, 31).daysSince1970, -1)
        XCTAssertEqual(date(2024, 10, 15).daysSince1970, 20_011)
        XCTAssertEqual(date(2000, 3, 1).daysSince1970, 11_017)
        XCTAssertEqual(date(1, 1, 1).daysSince1970, -719_162)
        XCTAssertEqual(CalendarDate(daysSince1970: 20_011), date(2024, 10, 15))
        XCTAssertEqual(CalendarDate(daysSince1970: -719_162), date(1, 1, 1))
        XCTAssertNil(CalendarDate(daysSince1970: -719_163))
        // Every day of four centuries (every leap-year rule) comes back the same.
        for days in stride(from: -146_097, through: 146_097, by: 1) {
            XCTAssertEqual(CalendarDate(daysSince1970: days)?.daysSince1970, days)
        }
    }

    func testCalendarDateParse() {
        XCTAssertEqual(CalendarDate.parse("2024-11-17"), date(2024, 11, 17))
        XCTAssertEqual(CalendarDate.parse("2567-11-17"), date(2024, 11, 17))
        XCTAssertEqual(CalendarDate.parse("๒๕๖๗-๑๑-๑๗"), date(2024, 11, 17))
        XCTAssertEqual(CalendarDate.parse("2024-02-29"), date(2024, 2, 29))
        XCTAssertEqual(CalendarDate.parse("2567-02-29"), date(2024, 2, 29))
        XCTAssertNil(CalendarDate.parse("2023-02-29"))
        XCTAssertNil(CalendarDate.parse("2566-02-29"))
        for text in ["", "2024-11", "2024-11-17-01", "2024/11/17", "24-11-17", "2024-1-17", "2024-+1-17", "2024-11-32", "abcd-ef-gh"] {
            XCTAssertNil(CalendarDate.parse(text), "expected nil for \"\(text)\"")
        }
    }

    func testFullAndShortDate() {
        let d = date(2024, 11, 17)
        XCTAssertEqual(F.fullDate(d, digits: .thai), "๑๗ พฤศจิกายน ๒๕๖๗")
        XCTAssertEqual(F.fullDate(d, digits: .arabic), "17 พฤศจิกายน 2567")
        XCTAssertEqual(F.fullDate(date(2024, 1, 5), digits: .thai), "๕ มกราคม ๒๕๖๗")
        XCTAssertEqual(F.officialDate(date(2022, 10, 3), digits: .thai), "๓ ตุลาคม พ.ศ. ๒๕๖๕")
        XCTAssertEqual(F.shortDate(d, digits: .thai), "๑๗ พ.ย. ๖๗")
        XCTAssertEqual(F.shortDate(date(2057, 3, 1), digits: .arabic), "1 มี.ค. 00")
    }

    func testMonthYearShort() {
        XCTAssertEqual(F.monthYearShort(month: 10, gregorianYear: 2023, digits: .thai), "ต.ค. ๖๖")
        XCTAssertEqual(F.monthYearShort(month: 1, gregorianYear: 2066, digits: .arabic), "ม.ค. 09")
    }

    func testFiscalYearBoundaries() {
        XCTAssertEqual(F.fiscalYear(containing: date(2023, 9, 30)), 2566)
        XCTAssertEqual(F.fiscalYear(containing: date(2023, 10, 1)), 2567)
        XCTAssertEqual(F.fiscalYear(containing: date(2024, 9, 30)), 2567)
        XCTAssertEqual(F.fiscalYear(containing: date(2024, 10, 1)), 2568)
        XCTAssertEqual(F.fiscalYear(containing: date(2024, 12, 31)), 2568)
    }

    func testFiscalYearPeriod() {
        XCTAssertEqual(F.fiscalYearPeriod(buddhistYear: 2567, digits: .thai), "๑ ตุลาคม ๒๕๖๖ \u{2013} ๓๐ กันยายน ๒๕๖๗")
        XCTAssertEqual(F.fiscalYearPeriod(buddhistYear: 2568, digits: .arabic), "1 ตุลาคม 2567 – 30 กันยายน 2568")
    }
}
