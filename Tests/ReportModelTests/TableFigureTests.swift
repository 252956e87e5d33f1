import Foundation
import ReportModel
import ReportSyntax
import XCTest

/// Numeric columns and CSV files as spreadsheets write them: every figure a total counts was
/// checked, and every problem is reported at its place in the description or the CSV file.
final class TableFigureTests: ModelTestCase {
    private func csv(_ text: String, name: String = "data.csv") throws {
        try Data(text.utf8).write(to: folder.appendingPathComponent(name))
    }

    /// The table of a one-table description.
    private func table(_ yaml: String, file: StaticString = #filePath, line: UInt = #line) throws -> Table {
        let document = try build(yaml)
        guard case let .table(table)? = document.sections.first?.blocks.first else {
            XCTFail("no table", file: file, line: line)
            throw DiagnosticList([])
        }
        return table
    }

    /// Each body row's cell texts.
    private func rows(_ table: Table) -> [[String]] {
        (0..<table.body.rows.count).map { row in table.body.cells(inRows: row..<(row + 1)).map { cell in
            cell.blocks.compactMap { block -> String? in
                if case let .paragraph(paragraph) = block { return paragraph.spans.map(\.text).joined() }
                return nil
            }.joined(separator: "\n")
        } }
    }

    private let moneyTable = """
    blocks:
      - table:
          columns: [1fr, {key: budget, width: 3cm, format: money, digits: arabic}]
          header: [รายการ, งบประมาณ (บาท)]
    """

    // MARK: Numeric columns

    func testMoneyWithAUnitIsAnErrorNotLeftOutOfTheTotal() {
        let found = errors(moneyTable + """

              rows:
                - [ก, "20,000 บาท"]
                - [ข, 15000]
              totals: {columns: [budget]}
        """)
        XCTAssertEqual(found.map(\.description), [
            "r.yaml:6:15: error: column `budget` holds numbers (it has a number `format`), but `20,000 บาท` is not a number (write the number alone, such as 20000, 20,000.50 or ๒๐,๐๐๐ (a unit such as บาท goes in the header), or - for no amount)",
        ])
    }

    func testTotalsAddEveryCheckedFigureAndADashIsNoAmount() throws {
        let table = try table(moneyTable + """

              rows:
                - [ก, "20,000"]
                - [ข, "๑๕,๐๐๐.๕๐"]
                - [ค, "-"]
              totals: {columns: [budget]}
        """)
        XCTAssertEqual(rows(table), [["ก", "20,000.00"], ["ข", "15,000.50"], ["ค", "-"], ["รวม", "35,000.50"]])
        XCTAssertEqual(table.body.cells.last?.number, Decimal(string: "35000.5"))
    }

    func testBlocksInANumericColumnAreAnError() {
        let found = errors(moneyTable + """

              rows:
                - [ก, {content: [20000]}]
        """)
        XCTAssertEqual(found.map(\.description), [
            "r.yaml:6:25: error: column `budget` holds numbers (it has a number `format`), so a cell there cannot hold blocks or styled runs (write the number as the cell's text, such as 20000 or `{text: 20000, bold: true}`)",
        ])
    }

    func testHeaderCellsOfANumericColumnAreTitlesNotNumbers() throws {
        let table = try table("""
        blocks:
          - table:
              columns: [1fr, {width: 3cm, format: money, digits: arabic}]
              header: [ปี, 2567]
              rows: [[ก, 5]]
        """)
        XCTAssertEqual(table.header.cells.map(\.number), [nil, nil])
        XCTAssertEqual(rows(table), [["ก", "5.00"]])
    }

    // MARK: CSV files

    private let csvTable = """
    blocks:
      - table:
          columns: [1fr, {key: budget, width: 3cm, format: money, digits: arabic}]
          header: [รายการ, งบประมาณ]
    """

    func testAThaiTitleRowIsRecognisedByItsNumericColumns() throws {
        try csv("โครงการ,จำนวนเงิน (บาท)\nก,100\nข,\"1,000\"\n")
        let table = try table(csvTable + "\n      rows-from: data.csv\n      totals: {columns: [budget]}")
        XCTAssertEqual(rows(table), [["ก", "100.00"], ["ข", "1,000.00"], ["รวม", "1,100.00"]])
    }

    func testATitleRowRepeatingTheHeaderIsRecognised() throws {
        try csv("รายการ,งบประมาณ\nก,100\n")
        let table = try table("""
        blocks:
          - table:
              columns: [1fr, 1fr]
              header: [รายการ, งบประมาณ]
              rows-from: data.csv
        """)
        XCTAssertEqual(rows(table), [["ก", "100"]])
    }

    func testDeclaredTitleRowsAreSkipped() throws {
        try csv("ชื่อ,หมายเหตุ\nรายงานปี 2567,ไม่มี\nก,ข\n")
        let table = try table("""
        blocks:
          - table:
              columns: [1fr, 1fr]
              rows-from: {file: data.csv, header-rows: 2}
        """)
        XCTAssertEqual(rows(table), [["ก", "ข"]])
    }

    func testTrailingEmptyColumnsAndBlankRowsAreIgnored() throws {
        try csv("ก,100,,\r\n,,,\r\nข,200,,\r\n,,,\r\n,,,\r\n")
        let table = try table(csvTable + "\n      rows-from: data.csv")
        XCTAssertEqual(rows(table), [["ก", "100.00"], ["ข", "200.00"]])
    }

    func testASemicolonSeparatedFileIsDetected() throws {
        try csv("ก;\"1,5\"\nข;200\n")
        let table = try table("""
        blocks:
          - table:
              columns: [1fr, 1fr]
              rows-from: data.csv
        """)
        XCTAssertEqual(rows(table), [["ก", "1,5"], ["ข", "200"]])
    }

    func testAMismatchedRowSaysWhichSeparatorTheFileMayUse() throws {
        try csv("ก;ข;ค\nง;จ\n")
        let found = errors("""
        blocks:
          - table:
              columns: [1fr, 1fr, 1fr]
              rows-from: data.csv
        """)
        XCTAssertEqual(found.map(\.description), [
            "data.csv:2:1: error: this CSV row has 2 fields; the table has 3 columns (add 1 field)",
        ])
        try csv("ก;ข\nค;ง\n")
        let other = errors("""
        blocks:
          - table:
              columns: [1fr, 1fr, 1fr]
              rows-from: {file: data.csv, separator: ","}
        """)
        XCTAssertEqual(other.first?.description,
                       "data.csv:1:1: error: this CSV row has 1 field; the table has 3 columns (add 2 fields; if the file's fields are separated by `;`, declare it: `rows-from: {file: data.csv, separator: \";\"}`)")
    }

    func testAStrayQuoteInAFieldIsAnErrorAtTheQuote() throws {
        try csv("ก,100\nจอ 12\" นิ้ว,200\nค,300\n")
        let found = errors(csvTable + "\n      rows-from: data.csv")
        XCTAssertEqual(found.map(\.description), [
            "data.csv:2:6: error: a quote in the middle of a field (quote the whole field and double the quote inside it: \"12\"\" screen\")",
        ])
    }

    func testAnUnclosedQuoteIsAnErrorAtTheQuoteNotAMergeOfTheRowsAfterIt() throws {
        try csv("ก,100\n\"ข,200\nค,300\nง,400\n")
        let found = errors(csvTable + "\n      rows-from: data.csv")
        XCTAssertEqual(found.map(\.description), [
            "data.csv:2:1: error: the quote opened here is never closed (close the field with \", or write a quote inside it as \"\")",
        ])
        try csv("ก,100\n\"ข,200\nค,3\"00\n")
        XCTAssertEqual(errors(csvTable + "\n      rows-from: data.csv").map(\.description), [
            "data.csv:2:1: error: the quote opened here runs over 2 lines to a quote on line 3 (close the field on its own line with \", or write a quote inside it as \"\")",
        ])
    }

    func testAQuotedFieldMayHoldSeparatorsQuotesAndLines() throws {
        try csv("\"ก, \"\"ข\"\"\nค\",100\n")
        let table = try table(csvTable + "\n      rows-from: data.csv")
        XCTAssertEqual(rows(table), [["ก, \"ข\"\nค", "100.00"]])
    }

    func testANonNumberInACSVMoneyColumnIsAnErrorAtItsField() throws {
        try csv("ก,100\nข,200 บาท\n")
        XCTAssertEqual(errors(csvTable + "\n      rows-from: data.csv").map(\.description), [
            "data.csv:2:3: error: column `budget` holds numbers (it has a number `format`), but `200 บาท` is not a number (write the number alone, such as 20000, 20,000.50 or ๒๐,๐๐๐ (a unit such as บาท goes in the header), or - for no amount)",
        ])
    }

    func testAnEmptyFileIsAnError() throws {
        try csv("\n\n")
        XCTAssertEqual(errors(csvTable + "\n      rows-from: data.csv").map(\.description), [
            "r.yaml:5:18: error: the CSV file `data.csv` has no rows (fill it, or remove `rows-from`)",
        ])
        try csv("โครงการ,จำนวนเงิน\n")
        XCTAssertEqual(errors(csvTable + "\n      rows-from: data.csv").map(\.description), [
            "r.yaml:5:18: error: the CSV file `data.csv` has only its title row, no data (fill it, or remove `rows-from`)",
        ])
    }
}
