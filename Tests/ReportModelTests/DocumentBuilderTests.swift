import Foundation
import ReportModel
import ReportSyntax
import XCTest

/// Validation of descriptions: every error at its exact place, with a helpful message.
final class DocumentBuilderTests: ModelTestCase {
    func testBadLengthNamesUnit() {
        let found = errors("""
        page:
          margins: {left: 3 cmm}
        blocks: [ข้อความ]
        """)
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found[0].location, SourceLocation(file: "r.yaml", line: 2, column: 19))
        XCTAssertEqual(found[0].message, "`left`: unknown unit `cmm` in `3 cmm`")
        XCTAssertEqual(found[0].hint, "did you mean `cm`? lengths take cm, mm, pt or in")
    }

    func testExtraCellsUnderARowSpanAreAnErrorNotACrash() {
        let found = errors("""
        blocks:
          - table:
              columns: [1cm, 1fr]
              rows:
                - [{text: a, rowspan: 2}, b]
                - [c, d, e]
        """)
        XCTAssertEqual(found.map(\.message), ["body row 2 has more cells than the table's 2 columns"])
        XCTAssertEqual(found.first?.location, SourceLocation(file: "r.yaml", line: 6, column: 15), "the first cell past the last column")
    }

    func testSpansThatOverlapOrRunPastTheTable() {
        let found = errors("""
        blocks:
          - table:
              columns: [1cm, 1fr, 1fr]
              rows:
                - [{text: a, rowspan: 2}, b, c]
                - [{text: x, colspan: 3}]
                - [a, {text: b, rowspan: 5}, c]
        """)
        let messages = found.map(\.message)
        XCTAssertTrue(messages.contains("a cell spans 3 columns from column 2, past the table's 3 columns"), "\(messages)")
        XCTAssertTrue(messages.contains("a cell spans 5 rows from body row 3, past the last row (3)"), "\(messages)")
    }

    func testRowSpansFillTheGrid() throws {
        let document = try build("""
        blocks:
          - table:
              columns: [1cm, 1fr, 1fr]
              header:
                - [{text: ลำดับ, rowspan: 2}, {text: ผล, colspan: 2}]
                - [แล้วเสร็จ, ไม่แล้วเสร็จ]
              rows:
                - [{text: ๑, rowspan: 2}, ก, ข]
                - [ค, ง]
        """)
        guard case let .table(table) = document.sections[0].blocks[0] else { return XCTFail("no table") }
        XCTAssertEqual(table.header.rows.count, 2)
        XCTAssertEqual(table.body.rows.count, 2)
        // Every cell with its row, column, row span and column span.
        let places = { (grid: TableGrid) in grid.cells.map { [$0.row, $0.column, $0.rowSpan, $0.columnSpan] } }
        XCTAssertEqual(places(table.header), [[0, 0, 2, 1], [0, 1, 1, 2], [1, 1, 1, 1], [1, 2, 1, 1]])
        XCTAssertEqual(places(table.body), [[0, 0, 2, 1], [0, 1, 1, 1], [0, 2, 1, 1], [1, 1, 1, 1], [1, 2, 1, 1]])
        XCTAssertEqual(table.body.groups, [0..<2])
    }

    func testRowGroupsAreJoinedByRowSpans() throws {
        let document = try build("""
        blocks:
          - table:
              columns: [{key: n, width: 1cm}, {key: money, width: 3cm, format: money}]
              rows:
                - [a, 1]
                - [{text: b, rowspan: 3}, 2]
                - ["3"]
                - ["4"]
                - [c, 5]
                - {n: d, money: 6}
              totals: {columns: [money]}
        """)
        guard case let .table(table) = document.sections[0].blocks[0] else { return XCTFail("no table") }
        XCTAssertEqual(table.body.groups, [0..<1, 1..<4, 4..<5, 5..<6, 6..<7], "the totals row is a group of its own")
        XCTAssertEqual(table.body.cells(inRows: 2..<4).map(\.column), [1, 1], "rows under a row span start after it")
        XCTAssertEqual(table.body.cells(inRows: 6..<7).map(\.number), [nil, Decimal(21)])
    }

    func testTotalsAreComputedAndFormatted() throws {
        let document = try build("""
        blocks:
          - table:
              columns: [1cm, {key: item, width: 1fr}, {key: budget, width: 3cm, format: money}]
              rows:
                - [๑, ก, 50000]
                - [๒, ข, "๑,๒๓๔.๕"]
                - {item: ค, budget: 0.25}
              totals: {label: รวมทั้งสิ้น, columns: [budget]}
        """)
        guard case let .table(table) = document.sections[0].blocks[0] else { return XCTFail("no table") }
        let totals = Array(table.body.cells(inRows: 3..<4))
        XCTAssertEqual(totals.count, 2)
        XCTAssertEqual(totals[0].columnSpan, 2)
        guard case let .paragraph(label) = totals[0].blocks[0], case let .paragraph(sum) = totals[1].blocks[0] else {
            return XCTFail("no totals text")
        }
        XCTAssertEqual(label.text, "รวมทั้งสิ้น")
        XCTAssertEqual(sum.text, "๕๑,๒๓๔.๗๕")
        guard case let .paragraph(first) = Array(table.body.cells(inRows: 0..<1))[2].blocks[0] else { return XCTFail("no cell") }
        XCTAssertEqual(first.text, "๕๐,๐๐๐.๐๐")
    }

    func testTotalsCountColumnsCoveredByRowSpans() throws {
        let document = try build("""
        blocks:
          - table:
              columns: [1cm, {key: n, width: 1fr}, {key: money, width: 3cm, format: money}]
              rows:
                - [{text: x, rowspan: 2}, "1", 100]
                - ["2", 200]
                - {n: "3", money: 300}
              totals: {columns: [money]}
        """)
        guard case let .table(table) = document.sections[0].blocks[0],
              case let .paragraph(sum) = table.body.cells.last!.blocks[0],
              case let .paragraph(second) = Array(table.body.cells(inRows: 1..<2))[1].blocks[0] else { return XCTFail("no table") }
        XCTAssertEqual(second.text, "๒๐๐.๐๐", "a number under a row span is formatted by its own column")
        XCTAssertEqual(sum.text, "๖๐๐.๐๐")
    }

    func testAliasExpansionIsBounded() {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...8 {
            yaml += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        let start = Date()
        XCTAssertThrowsError(try YAMLLoader.parse(data: Data(yaml.utf8), file: "r.yaml")) { error in
            XCTAssertTrue((error as? DiagnosticList)?.items.first?.message.contains("aliases repeat more than") ?? false)
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
    }

    func testMissingImageAndPathOutsideFolder() {
        let found = errors("""
        blocks:
          - image: {file: logo.png}
          - image: {file: ../../etc/passwd}
        """)
        XCTAssertEqual(found.count, 2)
        XCTAssertEqual(found[0].message, "the image `logo.png` does not exist")
        XCTAssertTrue(found[1].message.hasPrefix("the image `../../etc/passwd` is outside the description's folder"), found[1].message)
    }

    func testInlineMarkup() {
        let spans = InlineMarkup.parse("ก **ข** *ค* __ง__ ราคา 5*3 \\*จ")
        XCTAssertEqual(spans.map(\.text), ["ก ", "ข", " ", "ค", " ", "ง", " ราคา 5*3 *จ"])
        XCTAssertEqual(spans.map(\.bold), [false, true, false, false, false, false, false])
        XCTAssertEqual(spans[3].italic, true)
        XCTAssertEqual(spans[5].underline, true)
    }
}
