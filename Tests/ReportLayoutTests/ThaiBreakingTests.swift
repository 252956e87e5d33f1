import Foundation
import LayoutTestSupport
import ReportLayout
import ReportModel
import XCTest

/// Thai line-breaking conventions (numbers with units, dates, phone numbers, titles, URLs, names
/// and compounds) in justified paragraphs, whose breaks are chosen together, and paragraphs far
/// longer than a page.
final class ThaiBreakingTests: XCTestCase {
    /// Lines of every page's text area, top to bottom, for a column `width` wide.
    private func placed(_ text: String, width: String, align: String = "justify", extra: String = "") throws -> [PlacedText] {
        let paper = try XCTUnwrap(Double(width.dropLast(2))) + 2
        let yaml = """
        page: {size: [\(paper)cm, 29.7cm], margins: "1cm 1cm 1cm 1cm", page-numbers: false}
        styles: {body: {first-line-indent: 0}}
        \(extra)
        blocks:
          - paragraph: {text: "\(text)", align: \(align)}
        """
        return try LayoutHarness.pages(yaml, words: LayoutHarness.bundledWords)
            .flatMap { page in page.lines.sorted { ($0.top, $0.x) < ($1.top, $1.x) } }
    }

    private func lines(_ text: String, width: String, align: String = "justify", extra: String = "") throws -> [String] {
        try placed(text, width: width, align: align, extra: extra).map(\.text)
    }

    // MARK: Compounds

    func testCompoundsSplitOnlyBetweenWordsThatStandAlone() throws {
        // หอการค้า, เติบโต and เว็บไซต์ are made of one-syllable words: never split.
        let text = "หอการค้าจังหวัดช่วยให้เศรษฐกิจเติบโตผ่านเว็บไซต์ของหอการค้าไทยและรัฐมนตรีว่าการกระทรวงอุตสาหกรรม"
        XCTAssertEqual(try lines(text, width: "3cm"),
                       ["หอการค้าจังหวัด", "ช่วยให้เศรษฐกิจ", "เติบโตผ่านเว็บไซต์", "ของหอการค้า", "ไทยและรัฐมนตรี", "ว่าการกระทรวง", "อุตสาหกรรม"])
    }

    func testALongDictionaryEntryBreaksBetweenItsOwnWords() throws {
        let entry = "รัฐมนตรีว่าการกระทรวงอุตสาหกรรม"
        XCTAssertEqual(try lines(entry, width: "2.5cm"), ["รัฐมนตรีว่าการ", "กระทรวง", "อุตสาหกรรม"])
        XCTAssertEqual(try lines(entry, width: "4cm"), ["รัฐมนตรีว่าการ", "กระทรวงอุตสาหกรรม"])
    }

    func testAWordTooWideBreaksFirstBetweenPartsThatStandAlone() throws {
        // องค์การบริหารส่วนตำบล is made of องค์การ บริหาร ส่วน ตำบล (the evenest of its fewest parts; not
        // องค์ การบริหาร…): too wide for its column, it breaks between those, never at องค์ | การ.
        XCTAssertEqual(try lines("จัดทำโดยสำนักปลัด องค์การบริหารส่วนตำบล", width: "2.5cm", align: "left"),
                       ["จัดทำโดยสำนัก", "ปลัด องค์การ", "บริหารส่วน", "ตำบล"])
    }

    func testTwoListWordsLibthaiReadsAsOneSplitAsACompound() throws {
        // libthai reads no break in ความรู้ความเข้าใจ; the word list reads ความรู้ | ความเข้าใจ, both of
        // two syllables: justified text may split there at a cost, left-aligned text keeps it whole.
        let text = "๔. จัดให้มีกิจกรรมเสริมสร้างความรู้ความเข้าใจ หรือจัดการฝึกอบรมที่มีสาระด้านมาตรฐานทางจริยธรรม"
        XCTAssertEqual(try lines(text, width: "6.5cm").first, "๔. จัดให้มีกิจกรรมเสริมสร้างความรู้")
        XCTAssertEqual(try lines(text, width: "6.5cm", align: "left").first, "๔. จัดให้มีกิจกรรมเสริมสร้าง")
    }

    func testEqualSegmentationsFollowLibthaisBoundaries() throws {
        // แนวทางการจัดการ reads as แนว|ทางการ|จัดการ or แนวทาง|การ|จัดการ (three words each); libthai
        // reads the second, so a line may end after แนวทาง, and never after แนว.
        var endsAfterGuideline = 0
        for width in stride(from: 4.5, through: 6.5, by: 0.1) {
            let set = try lines("มีและเผยแพร่คู่มือหรือแนวทางการจัดการเรื่องร้องเรียน", width: "\(width)cm", align: "left")
            XCTAssertFalse(set.contains { $0.hasSuffix("หรือแนว") }, "\(width) cm: \(set)")
            if set.first?.hasSuffix("แนวทาง") == true { endsAfterGuideline += 1 }
        }
        XCTAssertGreaterThan(endsAfterGuideline, 0)
    }

    // MARK: Names

    func testAWordOverlappingANamesStartDoesNotBlockTheBreakBeforeIt() throws {
        // นายกองค์การบริหารส่วนตำบล is a dictionary word that overlaps the start of the name.
        let name = "องค์การบริหารส่วนตำบลแม่ก๊า"
        let text = "ประชุมร่วมกับนายก\(name)และนายก\(name)อีกครั้ง"
        for align in ["justify", "left"] {
            XCTAssertEqual(try lines(text, width: "5cm", align: align, extra: "keep-together: [\(name)]"),
                           ["ประชุมร่วมกับนายก", name, "และนายก", name, "อีกครั้ง"], align)
        }
    }

    func testANameWiderThanItsColumnBreaksAfterItsAgencyType() throws {
        let names = "keep-together: [องค์การบริหารส่วนตำบลท่ามะพลา, เทศบาลตำบลพระยืน]"
        XCTAssertEqual(try lines("ชาวประมงบางสะพาน และองค์การบริหารส่วนตำบลท่ามะพลา และเทศบาลตำบลพระยืน", width: "4.2cm", extra: names),
                       ["ชาวประมงบางสะพาน และ", "องค์การบริหารส่วนตำบล", "ท่ามะพลา และ", "เทศบาลตำบลพระยืน"])
        XCTAssertEqual(try lines("ที่เทศบาลตำบลพระยืน", width: "2.2cm", extra: names), ["ที่", "เทศบาลตำบล", "พระยืน"])
        XCTAssertEqual(try lines("ที่เทศบาลตำบลพระยืน", width: "2.6cm", extra: names), ["ที่เทศบาลตำบล", "พระยืน"])
    }

    // MARK: Conventions

    func testNumbersWithUnitsDatesPhonesAndTitledNamesStayTogether() throws {
        let text = "ได้รับงบ ๕๐,๐๐๐ บาท ทำ ๒๐ โครงการ ใน ๖ เดือน คิดเป็นร้อยละ ๘๕ เมื่อ ๑๕ มกราคม พ.ศ. ๒๕๖๗ โทร ๐ ๔๔๖๖ ๖๐๐๐ ติดต่อนายสมชาย ใจดี"
        XCTAssertEqual(try lines(text, width: "5cm"),
                       ["ได้รับงบ ๕๐,๐๐๐ บาท ทำ ", "๒๐ โครงการ ใน ๖ เดือน ", "คิดเป็นร้อยละ ๘๕ เมื่อ ",
                        "๑๕ มกราคม พ.ศ. ๒๕๖๗ ", "โทร ๐ ๔๔๖๖ ๖๐๐๐ ติดต่อ", "นายสมชาย ใจดี"])
        // A date wider than its column breaks between its parts, each part kept whole.
        XCTAssertEqual(try lines(text, width: "3cm"),
                       ["ได้รับงบ ", "๕๐,๐๐๐ บาท ทำ ", "๒๐ โครงการ ใน ", "๖ เดือน คิด", "เป็นร้อยละ ๘๕ ",
                        "เมื่อ ๑๕ มกราคม ", "พ.ศ. ๒๕๖๗ โทร ", "๐ ๔๔๖๖ ๖๐๐๐ ", "ติดต่อ", "นายสมชาย ใจดี"])
    }

    func testAURLBreaksOnlyAfterSlashDotHyphenOrQuestionMark() throws {
        let text = "แจ้งเหตุผ่านเว็บไซต์ของสำนักบริหารการทะเบียน มท. https://stat.bora.dopa.go.th/stat/statnew/statMONTH/statmonth/"
        XCTAssertEqual(try lines(text, width: "4cm"),
                       ["แจ้งเหตุผ่านเว็บไซต์", "ของสำนักบริหารการ", "ทะเบียน มท. https://stat.", "bora.dopa.go.th/stat/",
                        "statnew/statMONTH/", "statmonth/"])
    }

    // MARK: Long paragraphs

    func testVeryLongRunsBreakIntoLinesThatFit() throws {
        let width = 5 * Units.cm
        let latin = String(repeating: "abcdefghij", count: 300)
        let latinLines = try placed(latin, width: "5cm", align: "left")
        XCTAssertEqual(latinLines.map(\.text).joined(), latin)
        XCTAssertGreaterThan(latinLines.count, 20)
        for line in latinLines { XCTAssertLessThanOrEqual(line.width, width + 0.5) }
        // A letter carrying 30 marks (the most a description may give one letter) is one cluster:
        // it stays whole on one line.
        let marked = "ข้อความ ก" + String(repeating: "\u{0E34}", count: 30) + " ท้าย"
        let markedLines = try lines(marked, width: "5cm", align: "left")
        XCTAssertEqual(markedLines.joined(), marked)
        XCTAssertEqual(markedLines.filter { $0.unicodeScalars.contains("\u{0E34}") }.count, 1)
    }
}
