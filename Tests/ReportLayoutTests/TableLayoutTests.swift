import Foundation
import LayoutTestSupport
import ReportLayout
import ReportModel
import XCTest

/// Tables on pages: where a row-spanning cell prints when its span is cut by a page break, and
/// grid lines drawn once each.
final class TableLayoutTests: XCTestCase {
    /// A straight line item of a page: its end points, left to right or top to bottom.
    private struct Rule: Equatable, CustomStringConvertible {
        var x0, y0, x1, y1: Double
        var horizontal: Bool { abs(y0 - y1) < 0.001 }
        var description: String { String(format: "(%.2f, %.2f)-(%.2f, %.2f)", x0, y0, x1, y1) }
    }

    private func rules(_ page: PageFrame) -> [Rule] {
        page.items.compactMap { item in
            guard case let .line(from, to, _, _) = item else { return nil }
            return Rule(x0: min(from.x, to.x), y0: min(from.y, to.y), x1: max(from.x, to.x), y1: max(from.y, to.y))
        }
    }

    /// The body lines of `page` as texts, top to bottom and left to right.
    private func texts(_ page: PageFrame) -> [String] {
        LayoutHarness.bodyLines(page).sorted { ($0.top, $0.x) < ($1.top, $1.x) }.map(\.text)
    }

    /// A row span cut by a page break (the row it reaches into does not fit on the page) prints
    /// its text at the top of its span, on the page where the span starts, beside the first row of
    /// the span; the rest of the span on the next page is empty.
    func testRowSpanCutByAPageBreakPrintsAtTheTopOfItsSpan() throws {
        var crossing = 0
        for tenths in 215...235 {
            let result = try LayoutHarness.pages("""
            blocks:
              - ก
              - spacer: \(Double(tenths) / 10)cm
              - table:
                  columns: [3cm, 1fr, 1fr]
                  header: [ช่วงเวลา, กิจกรรม, ผล]
                  rows:
                    - [{text: ไตรมาสที่ ๑-๒, rowspan: 2}, แถวแรก, ผลแรก]
                    - [แถวสอง, ผลสอง]
            """)
            let first = try XCTUnwrap(result.firstIndex { texts($0).contains("แถวแรก") })
            let lines = LayoutHarness.bodyLines(result[first])
            let span = try XCTUnwrap(lines.first { $0.text == "ไตรมาสที่ ๑-๒" }, "spacer \(tenths) mm: the span's text is beside its first row")
            let firstRow = try XCTUnwrap(lines.first { $0.text == "แถวแรก" })
            XCTAssertEqual(span.top, firstRow.top, accuracy: 0.01, "at the top of its span")
            XCTAssertEqual(result.flatMap(texts).filter { $0 == "ไตรมาสที่ ๑-๒" }.count, 1, "printed once")
            guard !texts(result[first]).contains("แถวสอง") else { continue }
            // The span is cut: whole pages, top to bottom.
            crossing += 1
            XCTAssertEqual(texts(result[first]).suffix(6), ["ช่วงเวลา", "กิจกรรม", "ผล", "ไตรมาสที่ ๑-๒", "แถวแรก", "ผลแรก"])
            XCTAssertEqual(texts(result[first + 1]), ["ช่วงเวลา", "กิจกรรม", "ผล", "แถวสอง", "ผลสอง"])
            // On the next page the span goes on, empty, beside the second row: its box runs from
            // the header's foot to the row's foot in the first column.
            let next = result[first + 1]
            let header = try XCTUnwrap(LayoutHarness.bodyLines(next).first { $0.text == "ช่วงเวลา" })
            let secondRow = try XCTUnwrap(LayoutHarness.bodyLines(next).first { $0.text == "แถวสอง" })
            let left = next.textArea.x
            let column = left + 3 * Units.cm
            let foot = rules(next).filter(\.horizontal).map(\.y0).max()!
            let boundary = rules(next).filter(\.horizontal).map(\.y0).filter { $0 > header.bottom && $0 < secondRow.top }
            XCTAssertEqual(boundary.count, 1, "one rule between the header and the row")
            XCTAssertTrue(rules(next).contains { !$0.horizontal && abs($0.x0 - column) < 0.01 && $0.y0 <= boundary[0] + 0.01 && $0.y1 >= foot - 0.01 },
                          "the span's right side runs down the row")
        }
        XCTAssertGreaterThan(crossing, 0, "some spacer puts the page break inside the span")
    }

    /// Every grid line is one line item, shared by the cells on both sides of it; a row span or a
    /// column span interrupts the line it crosses.
    func testGridLinesAreDrawnOnce() throws {
        let plain = try XCTUnwrap(try LayoutHarness.pages("""
        blocks:
          - table:
              columns: [2cm, 3cm, 4cm]
              header: [ก, ข, ค]
              rows: [[ง, จ, ฉ], [ช, ซ, ฌ]]
        """).first)
        let lines = rules(plain)
        XCTAssertEqual(lines.count, 8, "4 rules across (above, between and below 3 rows) and 4 down (beside 3 columns): \(lines)")
        let left = plain.textArea.x
        let centimetres = { (x: Double) in ((x - left) / Units.cm * 1000).rounded() / 1000 }
        XCTAssertEqual(lines.filter(\.horizontal).map { [centimetres($0.x0), centimetres($0.x1)] }, Array(repeating: [0, 9], count: 4))
        XCTAssertEqual(lines.filter { !$0.horizontal }.map { centimetres($0.x0) }, [0, 2, 5, 9])

        let spanned = try XCTUnwrap(try LayoutHarness.pages("""
        blocks:
          - table:
              columns: [2cm, 3cm, 4cm]
              header:
                - [{text: ลำดับ, rowspan: 2}, {text: ผล, colspan: 2}]
                - [แล้วเสร็จ, ไม่แล้วเสร็จ]
              rows: [[๑, ก, ข]]
        """).first)
        let spannedLines = rules(spanned)
        XCTAssertEqual(spannedLines.count, 8, "\(spannedLines)")
        let across = spannedLines.filter(\.horizontal).sorted { $0.y0 < $1.y0 }
        XCTAssertEqual(across.map { centimetres($0.x0) }, [0, 2, 0, 0], "the rule under ผล stops at ลำดับ's row span")
        let down = spannedLines.filter { !$0.horizontal }.sorted { $0.x0 < $1.x0 }
        XCTAssertEqual(down[2].y0, across[1].y0, accuracy: 0.001, "the rule between แล้วเสร็จ and ไม่แล้วเสร็จ starts under ผล")
        XCTAssertEqual(down.map(\.y1), Array(repeating: across[3].y0, count: 4))
    }

    /// Across a long table with row spans, header rows and cells cut by page breaks, no two line
    /// items of a page overlap.
    func testNoGridLineIsDrawnTwiceOnAnyPage() throws {
        var yaml = """
        blocks:
          - table:
              columns: [1.5cm, 1fr, 3cm]
              header:
                - [{text: ลำดับ, rowspan: 2}, {text: มาตรการ, colspan: 2}]
                - [กิจกรรม, ผู้รับผิดชอบ]
              rows:

        """
        let paragraph = (1...30).map { "บรรทัดที่ \($0) ของเซลล์ที่ยาว" }.joined(separator: "\\n")
        for number in 1...40 {
            yaml += number % 7 == 0
                ? "        - [{text: \"\(number)\", rowspan: 2}, \"\(paragraph)\", สำนักปลัด]\n        - [ต่อ, กองคลัง]\n"
                : "        - [\"\(number)\", แถวที่ \(number), สำนักปลัด]\n"
        }
        let result = try LayoutHarness.pages(yaml)
        XCTAssertGreaterThan(result.count, 3)
        for page in result {
            let lines = rules(page)
            XCTAssertFalse(lines.isEmpty)
            for (index, a) in lines.enumerated() {
                for b in lines[(index + 1)...] where a.horizontal == b.horizontal {
                    let sameLine = a.horizontal ? abs(a.y0 - b.y0) < 0.01 : abs(a.x0 - b.x0) < 0.01
                    let overlap = a.horizontal ? min(a.x1, b.x1) - max(a.x0, b.x0) : min(a.y1, b.y1) - max(a.y0, b.y0)
                    XCTAssertFalse(sameLine && overlap > 0.01, "page \(page.index): \(a) and \(b) overlap")
                }
                XCTAssertLessThanOrEqual(a.y1, page.textArea.maxY + 0.01, "page \(page.index): \(a) below the text area")
            }
        }
    }
}
