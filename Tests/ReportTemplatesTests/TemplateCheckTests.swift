import Foundation
import ReportSyntax
@testable import ReportTemplates
import XCTest

/// Templates are compiled and checked when they are loaded, on every branch and for every variant:
/// each mistake is reported at its place in the template, before any description is filled in.
final class TemplateCheckTests: TemplateTestCase {

    func testMistakesInBranchesThatDoNotRunAreReportedWhenTheTemplateIsLoaded() {
        XCTAssertEqual(loadErrors("""
        fields:
          total: number
          groups: {item: {title: text}}
        document:
          blocks:
            - if: false
              then: {paragraph: "${1 +* 2}"}
              else: {paragraph: "${nosuch(total)}"}
            - for-each: groups
              as: g
              doo: {heading: "${g.title}"}
            - for-each: groups
              do:
                - if: item.titel
                  then: "${thai(total, 2)}"
                - insert: totl
        """), [
            "t.yaml:7:31: error: in `1 +* 2`: expected a value, found `*`",
            "t.yaml:8:28: error: in `nosuch(total)`: there is no function `nosuch`",
            "t.yaml:11:7: error: unknown key `doo` in `for-each` (did you mean `do`?)",
            "t.yaml:14:20: error: in `item.titel`: there is no field `titel` here (did you mean `title`?)",
            "t.yaml:15:20: error: in `thai(total, 2)`: `thai` takes 1 argument, not 2",
            "t.yaml:16:19: error: in `totl`: nothing is called `totl` (did you mean `total`?)",
        ])
    }

    func testDirectivesTakeTheirOwnKeysOnly() {
        XCTAssertEqual(loadErrors("""
        fields: {a: {required: false}}
        document:
          - {if: a, insert: a}
          - {if: a, else: x}
          - {for-each: [a], do: x}
          - {for-each: a, as: two words, do: x}
          - {insert: a, then: x}
        """), [
            "t.yaml:3:13: error: `insert` and `if` cannot be in one mapping (make them two items, or put one inside the other)",
            "t.yaml:4:5: error: `if` needs `then`: what to make when `a` holds",
            "t.yaml:5:16: error: `for-each` needs an expression, found a list (name a list: `for-each: groups`)",
            "t.yaml:6:23: error: `as` must be a name such as `item` or `row-number`, found `two words`",
            "t.yaml:7:17: error: unknown key `then` in `insert` (`insert` takes nothing else)",
        ])
    }

    func testDefinitionsAreCheckedWhereTheyAreUsed() {
        XCTAssertEqual(loadErrors("""
        fields: {groups: {item: {title: text}}}
        variants:
          wide: {let: {columns: [1fr, 1fr]}}
          narrow: {let: {colums: [1fr]}}
        let:
          row: ["${g.title}", "${thai(n)}"]
          misspelt: ${titel}
        document:
          - for-each: groups
            as: g
            index: n
            do: {table: {columns: "${columns}", rows: ["${row}"]}}
          - paragraph: ${row}
        """), [
            "t.yaml:7:15: error: in `titel`: nothing is called `titel`",
            "t.yaml:12:30: error: in `columns`: nothing is called `columns` in variant `narrow` (did you mean `colums`?)",
            "t.yaml:13:18: error: in `row`: `row` uses `g`, which is not defined here (use `row` inside a `for-each` that names `g`)",
            "t.yaml:13:18: error: in `row`: `row` uses `n`, which is not defined here (use `row` inside a `for-each` that names `n`)",
        ])
    }

    func testADefinitionMayUseAnotherInsideItsOwnLoop() throws {
        let t = try template("""
        fields: {groups: {item: {title: text}}}
        let:
          heading: {heading: "${g.title}"}
          headings: {for-each: groups, as: g, do: "${heading}"}
        document: {blocks: "${headings}"}
        """)
        let blocks = try expand(t, "groups: [{title: ก}, {title: ข}]").mapping?.first?.value.sequence
        XCTAssertEqual(blocks?.compactMap { $0.mapping?.first?.value.scalar }, ["ก", "ข"])
    }

    func testDefinitionsThatReferToThemselvesAreReportedOnce() {
        XCTAssertEqual(loadErrors("""
        let: {a: "${b}", b: "${if(false, a, 1)}", c: "${c}"}
        document: {x: "${a}"}
        """), [
            "t.yaml:1:7: error: `a` refers to itself through `b` (a definition cannot use its own value)",
            "t.yaml:1:43: error: `c` refers to itself (a definition cannot use its own value)",
        ])
    }

    func testDefinitionsNestInsideOneAnotherAtMostToTheLimit() throws {
        var limits = InputLimits()
        limits.maximumDefinitionDepth = 5
        // d4 uses d3 … d0: five definitions inside one another; d5 makes six.
        let chain = { (count: Int) in (1..<count).map { "  d\($0): ${d\($0 - 1)}" }.joined(separator: "\n") }
        XCTAssertEqual(loadErrors("let:\n  d0: x\n\(chain(6))\ndocument: {x: \"${d5}\"}", limits: limits), [
            "t.yaml:7:3: error: `d5` uses `let` definitions inside one another more than 5 deep (use fewer steps)",
        ])
        XCTAssertNoThrow(try template("let:\n  d0: x\n\(chain(5))\ndocument: {x: \"${d4}\"}", limits: limits))
    }

    func testExpressionNestingIsLimitedAtItsPlace() throws {
        let deep = String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000)
        XCTAssertEqual(loadErrors("document: {x: \"${\(deep)}\"}"), [
            "t.yaml:1:82: error: in `\(deep.prefix(79))…`: the expression nests more than 64 deep (split it into `let` definitions)",
        ])
        XCTAssertEqual(loadErrors("document: {x: \"${" + String(repeating: "- ", count: 100) + "1}\"}").first?.hasPrefix("t.yaml:1:146: error:"), true)
        // A long sum is a flat chain, not a deep tree.
        let sum = Array(repeating: "1", count: 5_000).joined(separator: " + ")
        XCTAssertEqual(try expand(try template("document: {x: \"${\(sum)}\"}"), "{}").mapping?.first?.value.scalar, "๕๐๐๐")
    }

    func testTheFunctionTableIsTheREADMEsList() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let table = readme.components(separatedBy: "| function | gives |")[1].components(separatedBy: "\n\n")[0]
        // The first cell of each row names calls in code spans: `number(x, d)`, `money(x)`.
        let spans = table.split(separator: "\n").dropFirst().flatMap { line in
            (line.split(separator: "|").first ?? "").split(separator: "`").enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        }
        let documented = Set(spans.compactMap { $0.split(separator: "(").first.map(String.init) })
        XCTAssertEqual(documented, Set(TemplateFunction.all.map(\.name)))
    }

    func testTheBundledTemplatesLoad() throws {
        let library = TemplateLibrary(folder: Self.root.appendingPathComponent("Templates").path)
        XCTAssertEqual(library.names, ["announcement", "anticorruption-plan", "anticorruption-plan-report", "bribery-risk-assessment", "ita-analysis",
                                       "ita-measures", "letter", "memo", "oit-publication-form"])
        for name in library.names { XCTAssertNoThrow(try library.template(named: name), name) }
    }
}
