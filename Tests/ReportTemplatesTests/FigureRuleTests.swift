import Foundation
import ReportSyntax
@testable import ReportTemplates
import XCTest

/// No silently wrong figure: the values templates compute from are checked (numbers, whole numbers,
/// ranges, choices written in Thai), dates follow one rule, and suspect results are warnings at
/// the value they come from.
final class FigureRuleTests: TemplateTestCase {
    /// A plan: dimensions, and projects each with a dimension, a status, a budget and spending.
    private let plan = """
    fields:
      dimensions: {item: text}
      projects:
        item:
          dimension: {type: integer, min: 1, max: "${count(dimensions)}"}
          status:
            type: choice
            values:
              done: [แล้วเสร็จ]
              not-done: [ไม่สามารถดำเนินการได้]
              in-progress: [อยู่ระหว่างดำเนินการ]
          budget: number
          spent: {type: number, default: 0}
    document:
      counts: ${[count(projects.status, "done"), count(projects.status, "in-progress"), count(projects.status, "not-done")]}
      dimension-2: ${count(projects.dimension, 2)}
      remaining: ${sum(projects.budget) - sum(projects.spent)}
      checks:
        - for-each: projects
          as: p
          index: n
          do:
            warn-if: p.spent > p.budget
            at: p.spent
            message: "project ${arabic(n)} spent more than its budget: its remainder is ${arabic(p.budget - p.spent)}"
    """

    private func description(_ projects: String) -> String {
        "dimensions: [ก, ข, ค, ง]\nprojects:\n" + projects
    }

    func testStatusesWrittenInThaiAreReadAsTheirCodes() throws {
        let result = try expand(try template(plan), description("""
          - {dimension: 1, status: แล้วเสร็จ, budget: 100}
          - {dimension: 2, status: อยู่ระหว่างดำเนินการ, budget: 100}
          - {dimension: 2, status: in-progress, budget: 100}
          - {dimension: 4, status: ไม่สามารถดำเนินการได้, budget: 100}
        """))
        XCTAssertEqual(result.mapping?.first?.value.sequence?.compactMap(\.scalar), ["๑", "๒", "๑"])
        XCTAssertEqual(result.mapping?[1].value.scalar, "๒")
    }

    func testAStatusOutsideTheListNamesTheValuesAndTheirThaiWords() {
        XCTAssertEqual(errors(try! template(plan), description("""
          - {dimension: 1, status: เสร็จ, budget: 100}
        """)), [
            "d.yaml:3:28: error: `projects[1].status` cannot be `เสร็จ`; it is one of `done` (แล้วเสร็จ), `not-done` (ไม่สามารถดำเนินการได้), `in-progress` (อยู่ระหว่างดำเนินการ) (write a value or one of its words as listed)",
        ])
    }

    func testADimensionOutsideThePlansDimensionsIsAnErrorNamingTheRange() {
        XCTAssertEqual(errors(try! template(plan), description("""
          - {dimension: 5, status: done, budget: 100}
          - {dimension: 0, status: done, budget: 100}
          - {dimension: 2.5, status: done, budget: 100}
        """)), [
            "d.yaml:3:17: error: `projects[1].dimension` is 5, outside its range: it must be from 1 to 4 (`count(dimensions)` in this description) (write a number from 1 to 4)",
            "d.yaml:4:17: error: `projects[2].dimension` is 0, outside its range: it must be from 1 to 4 (`count(dimensions)` in this description) (write a number from 1 to 4)",
            "d.yaml:5:17: error: `projects[3].dimension` should be a whole number, found `2.5` (write digits such as 3 or ๓)",
        ])
    }

    func testMoneyWithAUnitIsAnErrorSayingHowToWriteIt() {
        XCTAssertEqual(errors(try! template(plan), description("""
          - {dimension: 1, status: done, budget: "20,000 บาท"}
        """)), [
            "d.yaml:3:42: error: `projects[1].budget` should be a number, found `20,000 บาท` (write the number alone, with digits such as 50000 or ๕๐,๐๐๐.๐๐ (no unit such as บาท))",
        ])
    }

    func testSpendingAboveTheBudgetIsAWarningAtTheSpending() throws {
        let t = try template(plan)
        let node = try YAMLLoader.parse(data: Data(description("""
          - {dimension: 1, status: done, budget: "20,000", spent: 15000}
          - {dimension: 1, status: done, budget: 10000, spent: 12500.50}
        """).utf8), file: "d.yaml")
        let expander = TemplateExpander(template: t)
        let result = try expander.expand(node)
        XCTAssertEqual(expander.warnings.map(\.description), [
            "d.yaml:4:56: warning: project 2 spent more than its budget: its remainder is -2500.5",
        ])
        // 20,000 + 10,000 − 15,000 − 12,500.50 = 2,499.50, by hand.
        XCTAssertEqual(result.mapping?[2].value.scalar, "๒๔๙๙.๕")
    }

    func testAPercentageOverAHundredIsAWarning() throws {
        let t = try template("""
        fields: {done: number, planned: number}
        let:
          percent: ${done * 100 / planned}
        document:
          - warn-if: percent > 100
            at: done
            message: "${arabic(percent)}% of the plan is done: more done than planned"
          - ${number(percent, 2)}
        """)
        let node = try YAMLLoader.parse(data: Data("done: 9\nplanned: 8\n".utf8), file: "d.yaml")
        let expander = TemplateExpander(template: t)
        XCTAssertEqual(try expander.expand(node).sequence?.compactMap(\.scalar), ["๑๑๒.๕๐"])
        XCTAssertEqual(expander.warnings.map(\.description), ["d.yaml:1:7: warning: 112.5% of the plan is done: more done than planned"])
    }

    func testCountsThatDoNotAddUpAreAWarning() throws {
        let t = try template("""
        fields: {answered: integer, groups: {item: {people: integer}}}
        document:
          - warn-if: sum(groups.people) != answered
            at: answered
            message: "the groups hold ${arabic(sum(groups.people))} people, but ${arabic(answered)} answered"
        """)
        let node = try YAMLLoader.parse(data: Data("answered: 10\ngroups: [{people: 4}, {people: 5}]\n".utf8), file: "d.yaml")
        let expander = TemplateExpander(template: t)
        _ = try expander.expand(node)
        XCTAssertEqual(expander.warnings.map(\.description), ["d.yaml:1:11: warning: the groups hold 9 people, but 10 answered"])
    }

    func testAnITAScoreOverAHundredIsAnError() throws {
        let library = TemplateLibrary(folder: Self.root.appendingPathComponent("Templates").path)
        let example = Self.root.appendingPathComponent("Templates/ita-analysis/examples/002-nongwa-ita-analysis-2568.yaml")
        let text = try String(contentsOf: example, encoding: .utf8).replacingOccurrences(of: "current: ๙๙.๗๘", with: "current: ๙๙๗.๘")
        let node = try YAMLLoader.parse(data: Data(text.utf8), file: "d.yaml")
        XCTAssertEqual(messages { try TemplateExpander(template: try library.template(named: "ita-analysis")).expand(node) }, [
            "d.yaml:18:14: error: `tools[1].indicators[1].current` is ๙๙๗.๘, outside its range: it must be from 0 to 100 (write a number from 0 to 100)",
        ])
    }

    func testBoundsAreCheckedWhenTheTemplateIsLoaded() {
        XCTAssertEqual(loadErrors("""
        fields:
          dimensions: {item: text}
          d: {type: number, max: "${count(dimension)}"}
          e: {type: number, min: many}
          f: {type: text, max: 3}
        document: {}
        """), [
            "t.yaml:3:35: error: in `count(dimension)`: nothing is called `dimension` (did you mean `dimensions`?)",
            "t.yaml:4:26: error: a bound must be a number or one `${…}` expression, found `many` (write `max: 4` or `max: ${count(dimensions)}`)",
            "t.yaml:5:24: error: only a `number` or `integer` field can have `min` and `max`, not `f` (give `f` `type: number` or remove the bound)",
        ])
    }

    func testARoundsPeriodAndAQuarter() throws {
        func value(_ source: String) throws -> String? {
            try expand(try template("document: {v: '${\(source)}'}"), "{}").mapping?.first?.value.scalar
        }
        XCTAssertEqual(try value("fiscal-period(2567, 6)"), "๑ ตุลาคม ๒๕๖๖ – ๓๑ มีนาคม ๒๕๖๗")
        XCTAssertEqual(try value("fiscal-period(2567, 3)"), "๑ ตุลาคม ๒๕๖๖ – ๓๑ ธันวาคม ๒๕๖๖")
        // Fiscal 2567 ends in 2024, a leap year: nine months end on 30 June, the second quarter is January to March.
        XCTAssertEqual(try value("fiscal-period(2567, 9)"), "๑ ตุลาคม ๒๕๖๖ – ๓๐ มิถุนายน ๒๕๖๗")
        XCTAssertEqual(try value("fiscal-period(2567, 5)"), "๑ ตุลาคม ๒๕๖๖ – ๒๙ กุมภาพันธ์ ๒๕๖๗")
        XCTAssertEqual(try value("fiscal-period(2568, 5)"), "๑ ตุลาคม ๒๕๖๗ – ๒๘ กุมภาพันธ์ ๒๕๖๘")
        XCTAssertEqual(try value("fiscal-period(2567, 3, 4)"), "๑ มกราคม ๒๕๖๗ – ๓๑ มีนาคม ๒๕๖๗")
        XCTAssertEqual(try value("fiscal-month(2567, 1) + \" - \" + fiscal-month(2567, 6)"), "ตุลาคม ๒๕๖๖ - มีนาคม ๒๕๖๗")
        XCTAssertEqual(messages { try self.expand(try self.template("document: {v: '${fiscal-period(2567, 6, 10)}'}"), "{}") }, [
            "t.yaml:1:18: error: in `fiscal-period(2567, 6, 10)`: `fiscal-period` runs past September: 6 months from month 10 of the fiscal year (months from `from` to the twelfth (September))",
        ])
    }

    func testARecordIsIndexedByAText() throws {
        let t = try template("""
        fields:
          round: {type: choice, values: {6-months: [รอบ ๖ เดือน]}}
        let:
          rounds: {6-months: {months: 6}}
        document: {v: "${rounds[round].months}"}
        """)
        XCTAssertEqual(try expand(t, "round: รอบ ๖ เดือน").mapping?.first?.value.scalar, "6")
    }

    func testABuddhistEraDateIsReadAsItsChristianEraDay() throws {
        let t = try template("""
        fields: {d: date}
        document: {v: "${date(d)}", short: "${short-date(d)}"}
        """)
        for written in ["2567-10-15", "2024-10-15", "๒๕๖๗-๑๐-๑๕"] {
            let result = try expand(t, "d: \(written)")
            XCTAssertEqual(result.mapping?.map { $0.value.scalar ?? "" }, ["๑๕ ตุลาคม ๒๕๖๗", "๑๕ ต.ค. ๖๗"], written)
        }
        XCTAssertEqual(errors(t, "d: 2567-02-30"), ["d.yaml:1:4: error: `d` should be a date written YYYY-MM-DD, found `2567-02-30` (a day that exists, with a Christian or Buddhist Era year: 2024-10-15 or 2567-10-15)"])
    }
}
