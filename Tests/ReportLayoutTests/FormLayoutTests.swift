import Foundation
import LayoutTestSupport
import ReportLayout
import ReportModel
import XCTest

/// The blocks of official forms, by position: pictures beside titles, dotted leaders, rules,
/// centred paragraphs, signers in rows, signatures kept with their text.
final class FormLayoutTests: XCTestCase {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private func example(_ path: String) throws -> [PageFrame] {
        try LayoutHarness.pages(ofFile: Self.root.appendingPathComponent("Templates/\(path)").path)
    }

    private func images(_ page: PageFrame) -> [Rect] {
        page.items.compactMap { if case let .image(_, rect) = $0 { return rect } else { return nil } }
    }

    private func dots(_ page: PageFrame) -> [(from: Point, to: Point)] {
        page.items.compactMap { if case let .dots(from, to, _, _, _) = $0 { return (from, to) } else { return nil } }
    }

    private func rules(_ page: PageFrame) -> [(from: Point, to: Point, width: Double)] {
        page.items.compactMap { if case let .line(from, to, width, _) = $0 { return (from, to, width) } else { return nil } }
    }

    func testMemoGarudaIsOnePointFiveCentimetresHighAtTheTopLeftWithTheTitleBesideIt() throws {
        let pages = try example("memo/examples/005-klong-sai-memo.yaml")
        let page = pages[0]
        let garuda = try XCTUnwrap(images(page).first)
        XCTAssertEqual(garuda.height, 1.5 * Units.cm, accuracy: 0.01)
        XCTAssertEqual(garuda.y, 1.5 * Units.cm, accuracy: 0.01, "1.5 cm below the paper's top edge")
        XCTAssertEqual(garuda.x, 3 * Units.cm, accuracy: 0.01, "at the left margin")
        let title = try XCTUnwrap(page.lines.first { $0.text == "บันทึกข้อความ" })
        XCTAssertGreaterThan(title.x + title.runs[0].glyphs[0].x, garuda.maxX, "the title stands to the right of the Garuda")
        XCTAssertTrue(title.baseline > garuda.y && title.baseline <= garuda.maxY + 0.5, "the title's baseline is beside the Garuda")
        // Centred on the text width (its column is flanked by two 2 cm columns).
        let inkLeft = title.x + title.runs[0].glyphs[0].x
        let inkRight = title.x + title.width
        XCTAssertEqual((inkLeft + inkRight) / 2, page.textArea.x + page.textArea.width / 2, accuracy: 0.5)
        // The memo goes on to a second page, numbered at the top; the first is not.
        XCTAssertEqual(pages.count, 2)
        XCTAssertTrue(pages[1].lines.contains { $0.text == "- ๒ -" && $0.bottom <= pages[1].textArea.y })
        XCTAssertFalse(pages[0].lines.contains { $0.text.hasPrefix("- ") })
    }

    func testAnnouncementGarudaIsThreeCentimetresHighCentredWithTheTitleUnderIt() throws {
        let page = try XCTUnwrap(try example("announcement/examples/006-klong-sai-integrity.yaml").first)
        let garuda = try XCTUnwrap(images(page).first)
        XCTAssertEqual(garuda.height, 3 * Units.cm, accuracy: 0.01)
        XCTAssertEqual(garuda.y, 1.5 * Units.cm, accuracy: 0.01)
        XCTAssertEqual(garuda.x + garuda.width / 2, page.textArea.x + page.textArea.width / 2, accuracy: 0.01)
        let title = try XCTUnwrap(page.lines.first { $0.text.hasPrefix("ประกาศองค์การบริหารส่วนตำบล") })
        XCTAssertGreaterThan(title.top, garuda.maxY - 0.01)
        // The short rule under เรื่อง: 4 cm long, centred, between the title and the text.
        let subject = try XCTUnwrap(page.lines.first { $0.text.hasPrefix("เรื่อง") })
        let rule = try XCTUnwrap(rules(page).first)
        XCTAssertEqual(rule.to.x - rule.from.x, 4 * Units.cm, accuracy: 0.01)
        XCTAssertEqual((rule.from.x + rule.to.x) / 2, page.textArea.x + page.textArea.width / 2, accuracy: 0.01)
        XCTAssertGreaterThan(rule.from.y, subject.bottom)
        // Signed without a dotted line.
        XCTAssertFalse(page.lines.contains { $0.text.contains("ลงชื่อ") || $0.text.contains("....") })
        XCTAssertTrue(page.lines.contains { $0.text == "(นายประสิทธิ์ รักษ์ถิ่น)" })
    }

    func testLeadersReachTheGivenXAndTheValueIsWrittenOverThem() throws {
        let page = try XCTUnwrap(try LayoutHarness.pages("""
            blocks:
              - leaders:
                  - {label: "**ที่**", value: กบ ๗๘๙๐๑/๑๒๓, to: 9cm}
                  - {label: "**วันที่**", value: ๑๕ มกราคม ๒๕๖๘}
              - leaders: [{label: เรื่อง, to: 60%}]
            """).first)
        let area = page.textArea
        let found = dots(page)
        XCTAssertEqual(found.count, 3)
        XCTAssertEqual(found[0].to.x, area.x + 9 * Units.cm, accuracy: 0.001, "the first field's dots end at 9 cm")
        XCTAssertEqual(found[1].to.x, area.maxX, accuracy: 0.001, "the last field's dots go to the line's end")
        XCTAssertEqual(found[2].to.x, area.x + 0.6 * area.width, accuracy: 0.001)
        let label = try XCTUnwrap(page.lines.first { $0.text == "ที่" })
        let value = try XCTUnwrap(page.lines.first { $0.text == "กบ ๗๘๙๐๑/๑๒๓" })
        let date = try XCTUnwrap(page.lines.first { $0.text == "วันที่" })
        XCTAssertGreaterThan(found[0].from.x, label.x + label.width, "the dots start after the label")
        XCTAssertGreaterThan(value.x, found[0].from.x, "the value is over the dots")
        XCTAssertLessThan(value.x + value.width, found[0].to.x)
        XCTAssertGreaterThan(date.x, found[0].to.x, "the next field starts after the first one's dots")
        XCTAssertEqual(value.baseline, label.baseline, accuracy: 0.01, "label and value share the baseline")
        XCTAssertGreaterThan(found[0].from.y, value.baseline, "the dots are under the text")
    }

    func testRuleHasItsWidthThicknessAndAlignment() throws {
        let page = try XCTUnwrap(try LayoutHarness.pages("""
            blocks:
              - paragraph: ก่อนเส้น
              - rule: {width: 25%, thickness: 2pt, align: right}
              - paragraph: หลังเส้น
            """).first)
        let rule = try XCTUnwrap(rules(page).first)
        XCTAssertEqual(rule.width, 2)
        XCTAssertEqual(rule.to.x, page.textArea.maxX, accuracy: 0.001)
        XCTAssertEqual(rule.to.x - rule.from.x, page.textArea.width / 4, accuracy: 0.001)
        XCTAssertEqual(rule.from.y, rule.to.y)
        let before = try XCTUnwrap(page.lines.first { $0.text == "ก่อนเส้น" })
        let after = try XCTUnwrap(page.lines.first { $0.text == "หลังเส้น" })
        XCTAssertGreaterThan(rule.from.y - 1, before.bottom)
        XCTAssertLessThan(rule.from.y + 1, after.top)
    }

    func testCentredParagraphHasNoFirstLineIndent() throws {
        let page = try XCTUnwrap(try LayoutHarness.pages("""
            styles:
              centred: {align: center}
            blocks:
              - paragraph: ประกาศองค์การบริหารส่วนตำบลคลองไทร
                align: center
              - paragraph: เรื่อง เจตจำนงสุจริต
                style: centred
              - paragraph: ย่อหน้าที่ขอให้เยื้อง
                align: center
                first-line-indent: 2cm
            """).first)
        let centre = page.textArea.x + page.textArea.width / 2
        for text in ["ประกาศองค์การบริหารส่วนตำบลคลองไทร", "เรื่อง เจตจำนงสุจริต"] {
            let line = try XCTUnwrap(page.lines.first { $0.text == text })
            let left = line.x + line.runs[0].glyphs[0].x
            XCTAssertEqual((left + line.x + line.width) / 2, centre, accuracy: 0.5, text)
        }
        // Asked for: the indent is kept, so the line is centred in what the indent leaves.
        let asked = try XCTUnwrap(page.lines.first { $0.text == "ย่อหน้าที่ขอให้เยื้อง" })
        XCTAssertEqual((asked.x + asked.runs[0].glyphs[0].x + asked.x + asked.width) / 2, centre + Units.cm, accuracy: 0.5)
    }

    func testThreeSignersWrapOntoTwoRowsWithNoNameBroken() throws {
        let names = ["นางสาวพรทิพย์ ศรีสุขสวัสดิ์ ณ อยุธยา", "นายสมชาย ใจดีเสมอต้นเสมอปลาย", "นายประเสริฐ มั่นคงยิ่งยืนนาน"]
        let page = try XCTUnwrap(try LayoutHarness.pages("""
            blocks:
              - signature:
                  - {name: \(names[0]), position: ผู้รายงาน, role: ผู้รายงาน}
                  - {name: \(names[1]), position: ผู้ตรวจ, role: ผู้ตรวจ}
                  - {name: \(names[2]), position: ผู้อนุมัติ, role: ผู้อนุมัติ}
            """).first)
        let nameLines = try names.map { name in try XCTUnwrap(page.lines.first { $0.text == "(\(name))" }, "\(name) is whole on one line") }
        XCTAssertEqual(nameLines[0].baseline, nameLines[1].baseline, accuracy: 0.01, "two signers share the first row")
        XCTAssertGreaterThan(nameLines[2].top, nameLines[0].bottom, "the third is on a row below")
        // The last row is centred; every signer has a line to sign on, at least 3 cm of dots.
        XCTAssertEqual(nameLines[2].x + nameLines[2].width / 2 + nameLines[2].runs[0].glyphs[0].x / 2,
                       page.textArea.x + page.textArea.width / 2, accuracy: 1)
        let signingLines = page.lines.filter { $0.text.hasPrefix("(ลงชื่อ)") }
        XCTAssertEqual(signingLines.count, 3)
        for line in signingLines {
            XCTAssertGreaterThanOrEqual(line.text.filter { $0 == "." }.count, 12, line.text)
            XCTAssertLessThanOrEqual(line.width, page.textArea.width / 2 + 0.01)
        }
    }

    func testSignatureStaysOnThePageOfTheTextsLastLines() throws {
        let sentence = "องค์การบริหารส่วนตำบลได้ดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานครบทุกมาตรการแล้ว "
        var moved = 0
        for spacer in stride(from: 10.0, through: 22.0, by: 0.5) {
            let pages = try LayoutHarness.pages("""
                blocks:
                  - เริ่ม
                  - spacer: \(spacer)cm
                  - paragraph: "\(String(repeating: sentence, count: 4))จบ"
                  - signature: {name: นายประสิทธิ์ รักษ์ถิ่น, position: [นายกองค์การบริหารส่วนตำบลคลองไทร, ผู้อนุมัติ]}
                """)
            let signed = try XCTUnwrap(pages.first { $0.lines.contains { $0.text == "(นายประสิทธิ์ รักษ์ถิ่น)" } })
            let body = LayoutHarness.bodyLines(signed).filter { !$0.text.contains("นายประสิทธิ์") && !$0.text.hasPrefix("(ลงชื่อ)")
                && !$0.text.hasPrefix("นายกองค์การ") && $0.text != "ผู้อนุมัติ" }
            XCTAssertTrue(body.contains { $0.text.hasSuffix("จบ") }, "spacer \(spacer) cm: the text's last line is on the signature's page")
            XCTAssertTrue(body.count >= 2 || pages.count == 1, "spacer \(spacer) cm: at least two lines of text above the signature")
            if pages.count > 1, pages[0].lines.contains(where: { $0.text.hasPrefix("องค์การบริหาร") }) { moved += 1 }
        }
        XCTAssertGreaterThan(moved, 0, "some spacer splits the paragraph, its last lines moving on with the signature")
    }

    func testSpanSizeHangingIndentAndLineFalse() throws {
        let page = try XCTUnwrap(try LayoutHarness.pages("""
            styles:
              hanging: {hanging-indent: 2cm, align: left}
            blocks:
              - paragraph: [{text: "ปกติ "}, {text: ใหญ่, size: 24, bold: true}]
                first-line-indent: 0
              - paragraph: ปกติ
                first-line-indent: 0
              - paragraph: "เรื่อง ขอรายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๘ เพื่อโปรดทราบ"
                style: hanging
              - signature: {name: นายประสิทธิ์ รักษ์ถิ่น, line: false}
            """).first)
        let lines = LayoutHarness.bodyLines(page)
        XCTAssertEqual(lines[0].bottom - lines[0].top, 24 * 1.3, accuracy: 0.01, "the line is as tall as its 24 pt span needs")
        XCTAssertEqual(lines[1].bottom - lines[1].top, 16 * 1.3, accuracy: 0.01)
        XCTAssertEqual(lines[0].runs.map(\.size).max()! / lines[0].runs.map(\.size).min()!, 24.0 / 16, accuracy: 0.001)
        let hanging = lines.filter { $0.top > lines[1].bottom - 0.01 && $0.text != "(นายประสิทธิ์ รักษ์ถิ่น)" }
        XCTAssertGreaterThanOrEqual(hanging.count, 2)
        XCTAssertEqual(hanging[0].x + hanging[0].runs[0].glyphs[0].x, page.textArea.x, accuracy: 0.5)
        XCTAssertEqual(hanging[1].x + hanging[1].runs[0].glyphs[0].x, page.textArea.x + 2 * Units.cm, accuracy: 0.5)
        XCTAssertFalse(page.lines.contains { $0.text.contains("ลงชื่อ") }, "`line: false` leaves out the signing line")
    }

    func testOnePageIsNotNumberedAndFrontMatterIsNumberedInThaiLettersThenTheBodyRestarts() throws {
        let single = try LayoutHarness.pages("blocks: [หน้าเดียว]")
        XCTAssertEqual(single[0].lines.map(\.text), ["หน้าเดียว"], "a one-page document has no page number")
        let asked = try LayoutHarness.pages("page: {page-numbers: {single-page: true}}\nblocks: [หน้าเดียว]")
        XCTAssertTrue(asked[0].lines.contains { $0.text == "- ๑ -" })
        let pages = try LayoutHarness.pages("""
            sections:
              - page: {page-numbers: {format: thai-letter, style: plain}}
                blocks: [คำนำ, page-break, {toc: สารบัญ}, page-break, {heading: บทสรุปผู้บริหาร}]
              - page: {page-numbers: {format: roman}}
                blocks: [ภาคผนวกหน้าหนึ่ง, page-break, ภาคผนวกหน้าสอง]
              - page: {page-numbers: {restart-at: 1}}
                blocks: [{heading: บทที่ ๑}, page-break, {heading: บทที่ ๒}]
            """)
        // The contents write each heading's page as its page is numbered.
        let contents = LayoutHarness.bodyLines(pages[1]).map(\.text)
        XCTAssertTrue(contents.contains("ค") && contents.contains("๑") && contents.contains("๒"), "\(contents)")
        let numbers = pages.map { page in page.lines.first { $0.bottom <= page.textArea.y }?.text }
        XCTAssertEqual(numbers, ["ก", "ข", "ค", "- iv -", "- v -", "- ๑ -", "- ๒ -"])
        XCTAssertEqual(PageNumbering.thaiLetterSequence.count, 41)
        let letters = PageNumbering(position: .topCenter, style: .plain, format: .thaiLetter, digits: .thai, skipFirstPage: false)
        XCTAssertEqual([1, 41, 42, 43].map(letters.text), ["ก", "ฮ", "กก", "กข"])
    }

    func testPictureInATableCellIsShrunkToItsColumnAndSetsTheRowHeight() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("thaireport-forms-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: Self.root.appendingPathComponent("Tests/Fixtures/images/emblem.png"),
                                         to: folder.appendingPathComponent("emblem.png"))
        let description = folder.appendingPathComponent("cell.yaml")
        try """
            blocks:
              - table:
                  columns: [3cm, 1fr]
                  padding: 2pt
                  rows:
                    - [[{image: emblem.png, width: 10cm}], ข้อความข้างภาพ]
                    - [ถัดไป, ถัดไป]
            """.write(to: description, atomically: true, encoding: .utf8)
        let page = try XCTUnwrap(try LayoutHarness.pages(ofFile: description.path).first)
        let picture = try XCTUnwrap(images(page).first)
        XCTAssertEqual(picture.x, page.textArea.x + 2, accuracy: 0.01, "inside the cell's padding")
        XCTAssertEqual(picture.width, 3 * Units.cm - 4, accuracy: 0.01, "shrunk from 10 cm to the column's width")
        let next = try XCTUnwrap(page.lines.first { $0.text == "ถัดไป" })
        XCTAssertGreaterThanOrEqual(next.top, picture.maxY + 2 + 2 - 0.01, "the next row starts below the picture")
    }
}
