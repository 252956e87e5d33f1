import Foundation
import XCTest

/// The plan report for a round other than the whole year, through the CLI: the round's period is
/// printed, statuses written in Thai are marked in their own columns, and figures that would be
/// wrong (a dimension the plan does not have, spending above the budget) are reported at their place.
final class PlanReportRoundTests: FolderTestCase {
    private static let template = "anticorruption-plan-report"

    /// A small plan report of fiscal year 2567 with `round` and `projects` as given.
    private func description(round: String, projects: String) -> String {
        """
        template: \(Self.template)
        organization: องค์การบริหารส่วนตำบลทดสอบ
        district: อำเภอเมือง
        province: จังหวัดกระบี่
        fiscal-year: 2567
        round: \(round)
        foreword: [คำนำ]
        background: {origin: [ที่มา]}
        dimensions: [มิติหนึ่ง, มิติสอง, มิติสาม, มิติสี่]
        projects:
        \(projects)
        """
    }

    private let projects = """
          - {name: โครงการหนึ่ง, dimension: 1, status: แล้วเสร็จ, budget: 50000, spent: 20000}
          - {name: โครงการสอง, dimension: 2, status: อยู่ระหว่างดำเนินการ, budget: 30000, spent: 10000}
          - {name: โครงการสาม, dimension: 2, status: อยู่ระหว่างดำเนินการ}
          - {name: โครงการสี่, dimension: 4, status: ไม่สามารถดำเนินการได้, budget: "1,000"}
        """

    private func text(of pdf: URL) throws -> String {
        let raw = try RenderTests.run("/usr/bin/pdftotext", ["-raw", "-enc", "UTF-8", pdf.path, "-"]).1
        return raw.filter { !$0.isWhitespace }
    }

    func testSixMonthsPrintTheirPeriodAndEveryStatusIsMarked() throws {
        let input = try write("six.yaml", Data(description(round: "รอบ ๖ เดือน", projects: projects).utf8))
        let output = folder.appendingPathComponent("six.pdf")
        let (status, _, errors) = try RenderTests.run(RenderTests.binary.path, ["render", input.path, "-o", output.path, "-q"])
        XCTAssertEqual(status, 0, errors)
        let text = try text(of: output)
        for expected in [
            "ผลการดำเนินงาน(๑ตุลาคม๒๕๖๖–๓๑มีนาคม๒๕๖๗)",
            "ประจำปีงบประมาณพ.ศ.๒๕๖๗รอบ๖เดือน(๑ตุลาคม๒๕๖๖–๓๑มีนาคม๒๕๖๗)",
            "ประจำปีงบประมาณพ.ศ.๒๕๖๗รอบ๖เดือน(ตุลาคม๒๕๖๖-มีนาคม๒๕๖๗)",
            // Counted from the Thai statuses: 2 in progress, 1 done, 1 not done; spent 20,000 + 10,000.
            "๑.อยู่ระหว่างดำเนินการ๒โครงการ", "๒.เสร็จดำเนินการแล้ว๑โครงการ", "๓.ไม่สามารถดำเนินการ๑โครงการ",
            "๔.เบิกจ่ายงบประมาณ๓๐,๐๐๐.๐๐บาท", "-มิติที่๒มิติสองประกอบด้วย๒โครงการ",
            // Budget, non-budget, spent, remaining: 81,000 − 30,000 = 51,000 by hand.
            "รวม๘๑,๐๐๐.๐๐๐.๐๐๓๐,๐๐๐.๐๐๕๑,๐๐๐.๐๐",
        ] {
            XCTAssertTrue(text.contains(expected), "missing \(expected)")
        }
        // Every project has one ✓ in the summary table: 4 in all, in-progress ones included.
        XCTAssertEqual(text.filter { $0 == "✓" }.count, 4)
    }

    func testAQuarterPrintsItsMonths() throws {
        let input = try write("q2.yaml", Data(description(round: "ไตรมาสที่ 2", projects: projects).utf8))
        let output = folder.appendingPathComponent("q2.pdf")
        XCTAssertEqual(try RenderTests.run(RenderTests.binary.path, ["render", input.path, "-o", output.path, "-q"]).0, 0)
        XCTAssertTrue(try text(of: output).contains("ไตรมาสที่๒(๑มกราคม๒๕๖๗–๓๑มีนาคม๒๕๖๗)"))
    }

    func testWrongFiguresAreReportedAtTheirPlace() throws {
        let bad = """
              - {name: ก, dimension: 5, status: done, budget: 100}
              - {name: ข, dimension: 1, status: เสร็จสิ้น, budget: 100}
              - {name: ค, dimension: 1, status: done, budget: "20,000 บาท"}
        """
        let input = try write("bad.yaml", Data(description(round: "รอบ 6 เดือน", projects: bad).utf8))
        let (status, _, errors) = try RenderTests.run(RenderTests.binary.path, ["check", input.path])
        XCTAssertEqual(status, 1)
        let lines = errors.split(separator: "\n").map(String.init)
        XCTAssertEqual(Array(lines.prefix(3)), [
            "\(input.path):11:30: error: `projects[1].dimension` is 5, outside its range: it must be from 1 to 4 (`count(dimensions)` in this description) (write a number from 1 to 4)",
            "\(input.path):12:41: error: `projects[2].status` cannot be `เสร็จสิ้น`; it is one of `done` (ดำเนินการแล้วเสร็จ, เสร็จแล้ว, แล้วเสร็จ), `not-done` (ไม่สามารถดำเนินการได้, ไม่ได้ดำเนินการ), `in-progress` (กำลังดำเนินการ, อยู่ระหว่างดำเนินการ) (write a value or one of its words as listed)",
            "\(input.path):13:55: error: `projects[3].budget` should be a number, found `20,000 บาท` (write the number alone, with digits such as 50000 or ๕๐,๐๐๐.๐๐ (no unit such as บาท))",
        ])
    }

    func testSpendingAboveTheBudgetIsAWarningAtTheSpending() throws {
        let over = """
              - {name: ก, dimension: 1, status: done, budget: 10000, spent: 12000}
        """
        let input = try write("over.yaml", Data(description(round: "รอบ ๑๒ เดือน", projects: over).utf8))
        let (status, _, errors) = try RenderTests.run(RenderTests.binary.path, ["check", input.path])
        XCTAssertEqual(status, 0, errors)
        XCTAssertTrue(errors.contains("\(input.path):11:69: warning: project 1 spent 12,000.00, more than its budget 10,000.00: its remainder is -2,000.00"),
                      errors)
    }
}
