import Foundation
import LayoutTestSupport
import ReportLayout
import ReportModel
import ThaiText
import XCTest

/// Pagination: which lines and rows land on which page, where, and what is kept together.
final class PaginationTests: XCTestCase {
    private func pages(_ yaml: String) throws -> [PageFrame] { try LayoutHarness.pages(yaml) }

    private func bodyLines(_ page: PageFrame) -> [PlacedText] { LayoutHarness.bodyLines(page) }

    private func row(_ number: Int) -> String {
        "  - [\"\(number)\", \"แถวที่ \(number) การปฏิบัติหรือให้บริการแก่บุคคลภายนอก เป็นไปตามขั้นตอนและระยะเวลาที่กำหนด\", สำนักปลัด]\n"
    }

    func testTableHeaderRepeatsAndRowsStayInOrder() throws {
        var yaml = "blocks:\n- table:\n    columns: [1.5cm, 4fr, 2fr]\n    header: [ลำดับ, มาตรการ, ผู้รับผิดชอบ]\n    rows:\n"
        for number in 1...120 { yaml += "    " + row(number).dropFirst(2) }
        let result = try pages(yaml)
        XCTAssertGreaterThan(result.count, 3)
        var seen: [Int] = []
        for page in result {
            let lines = bodyLines(page)
            // The header row is the first thing on every page of the table.
            let top = lines.map(\.top).min()!
            let first = lines.filter { abs($0.top - top) < 1 }.map(\.text).joined(separator: "|")
            XCTAssertEqual(first, "ลำดับ|มาตรการ|ผู้รับผิดชอบ", "page \(page.index)")
            seen += lines.compactMap { Int($0.text) }
            for line in page.lines {
                XCTAssertLessThanOrEqual(line.bottom, page.textArea.maxY + 0.01, "line below the text area on page \(page.index)")
                XCTAssertLessThanOrEqual(line.x + line.width, page.textArea.maxX + 0.5)
            }
        }
        XCTAssertEqual(seen, Array(1...120), "every row once, in order")
    }

    func testTallRowSplitsBetweenLinesAndContinues() throws {
        let paragraphs = (1...100).map { "ย่อหน้าที่ \($0) ของเซลล์ที่สูงกว่าหนึ่งหน้า" }.joined(separator: "\\n")
        let yaml = """
        blocks:
        - table:
            columns: [2cm, 1fr]
            header: [ลำดับ, ผลการดำเนินการ]
            rows:
              - [สั้น, สั้น]
              - [ยาว, "\(paragraphs)"]
              - [ท้าย, ท้าย]
        """
        let result = try pages(yaml)
        XCTAssertEqual(result.count, 3, "100 lines of 14-pt text (18.2 pt each) take three A4 pages")
        guard result.count == 3 else { return }
        let texts = result.map { bodyLines($0).map(\.text) }
        // The tall row starts on page 1 right after the short row: it is split, not moved.
        XCTAssertTrue(texts[0].contains("ยาว"))
        XCTAssertTrue(texts[0].contains("ย่อหน้าที่ 1 ของเซลล์ที่สูงกว่าหนึ่งหน้า"))
        let all = texts.flatMap { $0 }.filter { $0.hasPrefix("ย่อหน้าที่") }
        XCTAssertEqual(all, (1...100).map { "ย่อหน้าที่ \($0) ของเซลล์ที่สูงกว่าหนึ่งหน้า" })
        XCTAssertEqual(texts[1].first, "ลำดับ", "the header repeats above the continued row")
        XCTAssertTrue(texts[2].contains("ท้าย"))
        // Every line of the split cell stays inside its page's text area.
        for page in result {
            for line in bodyLines(page) { XCTAssertGreaterThanOrEqual(line.top, page.textArea.y - 0.01) }
        }
    }

    func testKeptRowMovesWhole() throws {
        var yaml = "blocks:\n- table:\n    columns: [1.5cm, 4fr, 2fr]\n    header: [ลำดับ, มาตรการ, ผู้รับผิดชอบ]\n    rows:\n"
        for number in 1...27 { yaml += "    " + row(number).dropFirst(2) }
        let long = (1...6).map { "บรรทัด \($0)" }.joined(separator: "\n")
        yaml += "    - {keep: true, cells: [\"99\", \"\(long)\", กองคลัง]}\n"
        let result = try pages(yaml)
        let pageOfLines = result.map { bodyLines($0).map(\.text) }
        let holding = pageOfLines.indices.filter { pageOfLines[$0].contains { $0.hasPrefix("บรรทัด") } }
        XCTAssertEqual(holding.count, 1, "a kept row is never split")
    }

    func testHeadingBeforeAKeptRowTooTallForTheirPageIsNotLeftAlone() throws {
        // A heading keeps with the table after it, whose first row is kept whole. When the heading,
        // the table's header and that row cannot share any page, the row is cut below the heading
        // rather than moved whole and the heading left alone at the foot of a page. With 37 lines
        // the row alone fits an A4 page below the header, not with the heading as well.
        for count in 35...38 {
            let long = (1...count).map { "บรรทัดที่ \($0)" }.joined(separator: "\\n")
            var yaml = "blocks:\n" + String(repeating: "- ย่อหน้าก่อนหัวข้อ\n", count: 6)
            yaml += "- heading: หัวข้อของตาราง\n- table:\n    columns: [2cm, 1fr]\n    header: [ลำดับ, ผลการดำเนินการ]\n    rows:\n"
            yaml += "    - {keep: true, cells: [\"๑\", \"\(long)\"]}\n"
            let result = try pages(yaml)
            let headingPage = try XCTUnwrap(result.first { $0.bookmarks.contains { $0.title == "หัวข้อของตาราง" } })
            let texts = bodyLines(headingPage).map(\.text)
            XCTAssertTrue(texts.contains("บรรทัดที่ 1"), "\(count) lines: \(texts.suffix(3))")
            let lines = result.flatMap { bodyLines($0).map(\.text) }.filter { $0.hasPrefix("บรรทัดที่") }
            XCTAssertEqual(lines, (1...count).map { "บรรทัดที่ \($0)" })
        }
    }

    func testHeadingIsKeptWithItsParagraph() throws {
        // Filler paragraphs bring the heading to the foot of page 1.
        let filler = String(repeating: "ข้อความทดสอบการตัดหน้า ", count: 12)
        var yaml = "blocks:\n"
        for _ in 0..<9 { yaml += "- \"\(filler)\"\n" }
        yaml += "- heading: หัวข้อที่ต้องอยู่กับย่อหน้า\n- \"\(filler)\"\n"
        var result = try pages(yaml)
        // Find how many filler paragraphs fill page 1 to its last lines, then check the heading moved.
        let headingPage = result.first { $0.bookmarks.contains { $0.title == "หัวข้อที่ต้องอยู่กับย่อหน้า" } }!
        let lines = bodyLines(headingPage)
        let headingIndex = lines.firstIndex { $0.text == "หัวข้อที่ต้องอยู่กับย่อหน้า" }!
        XCTAssertGreaterThanOrEqual(lines.count - headingIndex - 1, 2, "at least two lines follow the heading on its page")
        // And with one more filler paragraph the page boundary moves but the rule still holds.
        yaml = "blocks:\n" + String(repeating: "- \"\(filler)\"\n", count: 10) + "- heading: หัวข้อ\n- \"\(filler)\"\n"
        result = try pages(yaml)
        for page in result {
            let texts = bodyLines(page).map(\.text)
            XCTAssertNotEqual(texts.last, "หัวข้อ", "a heading never ends a page")
        }
    }

    func testALongSectionDropsTheBlocksItPlaced() throws {
        // 600 short paragraphs, every tenth after a heading kept with it, in one section.
        var yaml = "blocks:\n"
        for index in 1...600 { yaml += index % 10 == 0 ? "- heading: หัวข้อ \(index)\n- \"ย่อหน้า \(index)\"\n" : "- \"ย่อหน้า \(index)\"\n" }
        let engine = LayoutHarness.engine(try LayoutHarness.document(yaml))
        var pages: [PageFrame] = []
        try engine.layout { pages.append($0) }
        XCTAssertLessThanOrEqual(engine.mostQueuedBlocks, 130, "placed blocks are dropped 64 at a time")
        let texts = pages.flatMap { bodyLines($0).map(\.text) }
        XCTAssertEqual(texts.filter { $0.hasPrefix("ย่อหน้า") }.count, 600, "every paragraph placed once")
        for page in pages {
            XCTAssertFalse(bodyLines(page).last?.text.hasPrefix("หัวข้อ") ?? false, "a heading never ends a page (page \(page.index))")
        }
    }

    func testNoSingleLineAloneAtFootOrHead() throws {
        let filler = String(repeating: "ข้อความทดสอบการตัดหน้า ", count: 12)
        var splits = 0
        for count in 8...14 {
            // Paragraph n starts with the marker "n:" so its lines can be counted on each page.
            let yaml = "blocks:\n" + (1...count).map { "- \"\($0): \(filler)\"\n" }.joined()
            let result = try pages(yaml)
            guard result.count > 1 else { continue }
            let first = bodyLines(result[0]).map(\.text)
            let second = bodyLines(result[1]).map(\.text)
            let lastStart = first.lastIndex { $0.range(of: #"^\d+:"#, options: .regularExpression) != nil }!
            let atFoot = first.count - lastStart
            let atHead = second.firstIndex { $0.range(of: #"^\d+:"#, options: .regularExpression) != nil } ?? second.count
            if atHead > 0 {
                splits += 1
                XCTAssertGreaterThanOrEqual(atFoot, 2, "\(count) paragraphs: one line alone at the foot")
                XCTAssertGreaterThanOrEqual(atHead, 2, "\(count) paragraphs: one line alone at the head")
            }
        }
        XCTAssertGreaterThan(splits, 0, "some paragraph was split across the page break")
    }

    func testNarrowColumnBreaksWithoutHyphensOrOverflow() throws {
        let result = try pages("""
        blocks:
          - table:
              columns: [1.2cm, 1fr]
              rows: [["๑๓๕,๐๑๒,๓๔๕.๖๗ งบประมาณรายจ่ายประจำปี", ข้อความ]]
        """)
        let page = result[0]
        let cellLines = bodyLines(page).filter { $0.x < page.textArea.x + 1.2 * Units.cm }
        XCTAssertGreaterThan(cellLines.count, 2)
        XCTAssertEqual(cellLines.map(\.text).joined().replacingOccurrences(of: " ", with: ""), "๑๓๕,๐๑๒,๓๔๕.๖๗งบประมาณรายจ่ายประจำปี", "nothing added, nothing lost")
        for line in cellLines { XCTAssertLessThanOrEqual(line.x + line.width, page.textArea.x + 1.2 * Units.cm + 0.5, line.text) }
    }

    /// A word wider than its box (a narrow column, or the whole text width) breaks between grapheme
    /// clusters: every line stays inside the box, no base loses its marks, nothing is added or lost.
    func testWordWiderThanItsBoxBreaksBetweenGraphemeClusters() throws {
        let word = String(repeating: "กิ่", count: 40) + String(repeating: "e\u{301}", count: 40)
        let table = try pages("blocks:\n  - table:\n      columns: [1cm, 1fr]\n      rows: [[\"\(word)\", ข้อความ]]\n")[0]
        let cell = bodyLines(table).filter { $0.text != "ข้อความ" }
        XCTAssertGreaterThan(cell.count, 5)
        XCTAssertEqual(cell.map(\.text).joined(), word, "nothing added, nothing lost")
        for line in cell {
            XCTAssertGreaterThanOrEqual(line.x, table.textArea.x - 0.01, line.text)
            XCTAssertLessThanOrEqual(line.x + line.width, table.textArea.x + 1 * Units.cm + 0.01, line.text)
        }
        let paragraph = try pages("blocks:\n  - \(String(repeating: word, count: 6))\n")[0]
        let lines = bodyLines(paragraph)
        XCTAssertGreaterThan(lines.count, 1)
        XCTAssertEqual(lines.map(\.text).joined(), String(repeating: word, count: 6))
        for line in cell + lines {
            let first = line.text.unicodeScalars.first!.properties.generalCategory
            XCTAssertFalse([.nonspacingMark, .spacingMark, .enclosingMark].contains(first), "a line starts inside a cluster: \(line.text)")
            XCTAssertGreaterThanOrEqual(line.x, paragraph.textArea.x - 0.01)
            XCTAssertLessThanOrEqual(line.x + line.width, paragraph.textArea.maxX + 0.01)
        }
    }

    func testDeeplyNestedListStaysInsideTheTextArea() throws {
        var item = "\"ข้อความท้ายสุดของรายการซ้อนลึก\""
        for level in (1...25).reversed() { item = "{text: \"ระดับ \(level)\", items: [\(item)]}" }
        let result = try pages("blocks:\n  - list: [\(item)]\n")
        let lines = result.flatMap { bodyLines($0) }
        XCTAssertEqual(lines.filter { $0.text.hasPrefix("ระดับ") }.count, 25)
        for page in result {
            for line in bodyLines(page) {
                XCTAssertGreaterThanOrEqual(line.x, page.textArea.x - 0.01)
                XCTAssertLessThanOrEqual(line.x + line.width, page.textArea.maxX + 0.5, line.text)
            }
        }
    }

    func testSectionsChangeOrientationAndNumbersFollow() throws {
        let result = try pages("""
        page: {page-numbers: {position: top-center, style: dash, skip-first-page: true}}
        sections:
          - blocks: [หน้าแรก]
          - page: {orientation: landscape}
            blocks: [หน้าที่สอง]
        """)
        XCTAssertEqual(result.count, 2)
        XCTAssertLessThan(result[0].width, result[0].height)
        XCTAssertGreaterThan(result[1].width, result[1].height)
        XCTAssertFalse(result[0].lines.contains { $0.text == "- ๑ -" }, "first page unnumbered")
        let number = result[1].lines.first { $0.text == "- ๒ -" }
        XCTAssertNotNil(number)
        XCTAssertLessThan(number!.bottom, result[1].textArea.y, "page number in the top margin")
    }

    func testTableOfContentsListsPages() throws {
        let filler = String(repeating: "ข้อความทดสอบ ", count: 200)
        let result = try pages("""
        blocks:
          - toc: {title: สารบัญ}
          - heading: บทที่หนึ่ง
          - "\(filler)"
          - page-break
          - heading: บทที่สอง
          - "\(filler)"
        """)
        let contents = bodyLines(result[0]).map(\.text)
        let second = result.firstIndex { $0.bookmarks.contains { $0.title == "บทที่สอง" } }!
        XCTAssertTrue(contents.contains("บทที่หนึ่ง"))
        XCTAssertTrue(contents.contains(ThaiFormatting.digits(String(result[second].number), .thai)), "\(contents)")
        XCTAssertTrue(contents.contains { $0.hasPrefix("....") }, "dot leaders")
    }

    func testHeadingMovesWithAParagraphThatCannotSplit() throws {
        // A three-line paragraph cannot leave one or two lines behind (orphan and widow control),
        // so a heading before it must not stay alone when fewer than three lines fit.
        let three = String(repeating: "ข้อความสามบรรทัด ", count: 12)
        for spacer in stride(from: 20.0, through: 23.0, by: 0.25) {
            let result = try pages("""
            blocks:
              - ก
              - spacer: \(spacer)cm
              - heading: หัวข้อ
                level: 4
              - "\(three)"
            """)
            let paragraphPages = result.flatMap { page in bodyLines(page).filter { $0.text.hasPrefix("ข้อความ") }.map { _ in page.index } }
            XCTAssertEqual(paragraphPages.count, 3, "the paragraph has three lines")
            let headingPage = result.first { $0.bookmarks.contains { $0.title == "หัวข้อ" } }!.index
            XCTAssertEqual(Set(paragraphPages), [headingPage], "spacer \(spacer)cm: heading and paragraph share a page")
        }
    }

    func testContentsShowPageRangesAndShortTitles() throws {
        let filler = String(repeating: "ข้อความทดสอบ ", count: 200)
        let result = try pages("""
        page: {page-numbers: {position: top-center}}
        blocks:
          - toc: {depth: 1, pages: range, page-heading: หน้า}
          - page-break
          - heading: "๑. ความเป็นมา\\nและความสำคัญ"
          - "\(filler)"
          - "\(filler)"
          - page-break
          - heading: ๒. สรุปผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริตประจำปีงบประมาณ
            toc-title: ๒. สรุปผล
          - "\(filler)"
          - heading: ๒.๑ ย่อย
            level: 2
          - heading: ๓. รายงาน
          - "\(filler)"
        """)
        let start = { (title: String) in result.first { $0.bookmarks.contains { $0.title == title } }!.number }
        let one = start("๑. ความเป็นมา และความสำคัญ"), two = start("๒. สรุปผล"), three = start("๓. รายงาน")
        XCTAssertLessThan(one + 1, two, "part ๑ runs over more than one page")
        let contents = bodyLines(result[0]).map(\.text)
        XCTAssertEqual(Array(contents.prefix(2)), ["สารบัญ", "หน้า"])
        let digits = { (n: Int) in ThaiFormatting.digits(String(n), .thai) }
        // Part ๑ ends on the page before part ๒ starts; part ๒ ends where part ๓ starts (mid-page);
        // part ๓ runs to the last page.
        XCTAssertTrue(contents.contains("\(digits(one)) - \(digits(two - 1))"), "\(contents)")
        XCTAssertTrue(contents.contains(three == two ? digits(two) : "\(digits(two)) - \(digits(three))"), "\(contents)")
        XCTAssertTrue(contents.contains("\(digits(three)) - \(digits(result.last!.number))"), "\(contents)")
        XCTAssertTrue(contents.contains("๒. สรุปผล"), "the short title is listed")
        XCTAssertTrue(contents.contains("๑. ความเป็นมา และความสำคัญ"), "a heading's lines are joined in the contents")
    }

    func testHeaderTallerThanHalfAPageIsPlacedOnceAndSplits() throws {
        // Found by the fuzz test: a header taller than the page used to repeat forever.
        let tall = String(repeating: "กขค ", count: 200)
        let result = try pages("""
        blocks:
          - table:
              columns: [2cm, 1fr]
              header: ["\(tall)", หัว]
              rows: [[แถวหนึ่ง, ก], [แถวสอง, ข]]
        """)
        XCTAssertGreaterThan(result.count, 1)
        let texts = result.flatMap { bodyLines($0).map(\.text) }
        XCTAssertEqual(texts.filter { $0 == "หัว" }.count, 1, "the header is not repeated")
        XCTAssertEqual(texts.filter { $0 == "แถวหนึ่ง" || $0 == "แถวสอง" }, ["แถวหนึ่ง", "แถวสอง"])
        for page in result {
            for line in page.lines { XCTAssertLessThanOrEqual(line.bottom, page.textArea.maxY + 0.01, "page \(page.index)") }
        }
    }
}
