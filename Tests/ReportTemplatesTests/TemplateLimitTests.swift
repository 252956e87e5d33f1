import Foundation
import ReportSyntax
@testable import ReportTemplates
import XCTest

/// Filling in a template is bounded as it grows: the description it makes holds no more than a
/// written one may, its work is counted in steps, and running out stops it with one error at the
/// place in the template that grew. Problems the description's values cause name those values.
final class TemplateLimitTests: TemplateTestCase {

    /// `count` numbers as a flow list.
    private func numbers(_ count: Int) -> String {
        "[" + (1...count).map(String.init).joined(separator: ", ") + "]"
    }

    func testNestedLoopsStopWhenTheDescriptionTheyMakeIsFull() throws {
        var limits = InputLimits()
        limits.maximumNodes = 10_000
        let t = try template("""
        fields: {items: {item: text}}
        document:
          rows:
            - for-each: items
              as: a
              do:
                - for-each: items
                  as: b
                  do: [["${a}", "${b}"]]
        """)
        XCTAssertEqual(errors(t, "items: \(numbers(1_000))", limits: limits), [
            "t.yaml:9:25: error: the template makes more than 10000 values, more than a description may hold (check nested `for-each` and `let` definitions that use others more than once)",
        ])
        XCTAssertNoThrow(try expand(t, "items: \(numbers(50))", limits: limits), "2,500 rows of 3 values fit")
    }

    func testLoopsThatMakeNothingStillCountTheirSteps() throws {
        var limits = InputLimits()
        limits.maximumTemplateSteps = 100_000
        let t = try template("fields: {items: {item: text}}\ndocument: [{for-each: items, do: {for-each: items, do: {if: false, then: x}}}]")
        XCTAssertEqual(errors(t, "items: \(numbers(1_000))", limits: limits), [
            "t.yaml:2:61: error: filling in the template takes more than 100000 steps (a loop or a computation over lists repeats too often; check nested `for-each` and lists that grow)",
        ])
    }

    /// Fifteen definitions, each ten times the one before, within the limit on definitions used
    /// inside one another: making them stops at the step limit, building their texts at the text limit.
    func testDefinitionsThatMultiplyThemselvesStopInTime() throws {
        let tenTimes = { (item: String) in "[" + Array(repeating: "\"\(item)\"", count: 10).joined(separator: ", ") + "]" }
        let lists = (1...15).map { "  d\($0): " + tenTimes("${d\($0 - 1)}") }.joined(separator: "\n")
        XCTAssertEqual(errors(try template("let:\n  d0: [x]\n\(lists)\ndocument: {blocks: \"${d15}\"}"), "{}"), [
            "t.yaml:9:35: error: filling in the template takes more than 10000000 steps (a loop or a computation over lists repeats too often; check nested `for-each` and lists that grow)",
        ])
        let texts = (1...15).map { "  d\($0): ${" + Array(repeating: "d\($0 - 1)", count: 10).joined(separator: " + ") + "}" }.joined(separator: "\n")
        XCTAssertEqual(errors(try template("let:\n  d0: xxxxxxxxxx\n\(texts)\ndocument: {blocks: \"${d15}\"}"), "{}"), [
            "t.yaml:8:9: error: the template builds more than 20 MB of text (a loop or a definition joins long texts again and again; check what repeats here)",
        ])
    }

    func testDefinitionsThatDoubleThemselvesFortyTimesAreRefusedWhenLoaded() {
        let lists = (1...40).map { "  d\($0): [\"${d\($0 - 1)}\", \"${d\($0 - 1)}\"]" }.joined(separator: "\n")
        XCTAssertEqual(loadErrors("let:\n  d0: [x]\n\(lists)\ndocument: {blocks: \"${d40}\"}"), [
            "t.yaml:42:3: error: `d40` uses `let` definitions inside one another more than 16 deep (use fewer steps)",
        ])
    }

    func testTheDescriptionMadeNestsNoDeeperThanAWrittenOne() throws {
        let deep = { (inner: String) in String(repeating: "[", count: 40) + inner + String(repeating: "]", count: 40) }
        XCTAssertEqual(errors(try template("let:\n  d0: \(deep("x"))\n  d1: \(deep("\"${d0}\""))\ndocument: {blocks: \"${d1}\"}"), "{}"), [
            "t.yaml:2:30: error: the template nests lists and mappings more than 64 deep, more than a description may (insert flatter values here)",
        ])
    }

    func testLongTextsRepeatedIntoTheDescriptionAreCounted() throws {
        var limits = InputLimits()
        limits.maximumFileBytes = 100_000
        let t = try template("""
        fields: {items: {item: text}, long: text}
        document: {blocks: {for-each: items, do: "${long}"}}
        """)
        XCTAssertEqual(errors(t, "long: \(String(repeating: "ก", count: 1_000))\nitems: \(numbers(100))", limits: limits), [
            "t.yaml:2:42: error: the template writes more than 0 MB of text, more than a description may hold (a loop or a definition repeats long texts; check what repeats here)",
        ])
    }

    /// Title lines repeated by the bundled template take steps in proportion to their number (each
    /// line once counted the whole title again): four times the lines fit in four times the steps.
    func testTitleLinesTakeStepsInProportionToTheirNumber() throws {
        let library = TemplateLibrary(folder: Self.root.appendingPathComponent("Templates").path)
        let example = try String(contentsOf: Self.root.appendingPathComponent("Templates/ita-measures/examples/004-klong-sai.yaml"), encoding: .utf8)
        for lines in [500, 2_000] {
            var limits = InputLimits()
            limits.maximumTemplateSteps = 20_000 + 40 * lines
            let title = "title:\n" + (1...lines).map { "  - บรรทัดที่ \($0)" }.joined(separator: "\n")
            let text = example.replacingOccurrences(of: #"(?m)^title: .*$"#, with: title, options: .regularExpression)
            let description = try YAMLLoader.parse(data: Data(text.utf8), file: "d.yaml")
            let expanded = try TemplateExpander(template: try library.template(named: "ita-measures"), limits: limits).expand(description)
            let blocks = expanded.mapping?.first { $0.key.scalar == "blocks" }?.value.sequence ?? []
            XCTAssertEqual(blocks.prefix(lines).compactMap { $0.mapping?.first?.value.scalar }.last, "บรรทัดที่ \(lines)")
        }
    }

    func testADivisionByZeroFromTheDescriptionNamesTheFieldAndItsValueOnce() throws {
        let t = try template("""
        fields: {scores: {item: {value: number}}}
        let:
          percent: ${100 / average(scores.value)}
        document: {a: "${percent}", b: "${percent}", c: "${percent}"}
        """)
        XCTAssertEqual(errors(t, "scores:\n  - {value: 0}\n  - {value: ๐}"), [
            "d.yaml:2:13: error: `scores.value` is `0`, `๐`: division by zero in `100 / average(scores.value)` (t.yaml:3:14) (check the figures the division uses)",
        ])
    }
}
