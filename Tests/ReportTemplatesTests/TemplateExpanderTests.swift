import Foundation
import ReportSyntax
@testable import ReportTemplates
import XCTest

/// Templates filled from descriptions: expressions, directives, field checks and their messages.
final class TemplateExpanderTests: TemplateTestCase {

    /// Block-style YAML of a node, for comparing whole expansions.
    private func yaml(_ node: SyntaxNode) -> String {
        YAMLText.lines(key: "result", node, indent: "").joined(separator: "\n")
    }

    /// The value of `${source}` with the given fields.
    private func value(_ source: String, fields: String = "", description: String = "{}") throws -> String {
        let t = try template("""
        fields: {\(fields)}
        document:
          value: '${\(source)}'
        """)
        let result = try expand(t, description)
        return result.mapping?.first?.value.scalar ?? "<\(result.mapping?.first?.value.kindName ?? "nothing")>"
    }

    func testArithmeticFormattingAndHyphenatedNames() throws {
        XCTAssertEqual(try value("fiscal-year - 1", fields: "fiscal-year: year", description: "fiscal-year: 2568"), "๒๕๖๗")
        XCTAssertEqual(try value("(98.58 - 85.82) / 2"), "๖.๓๘")
        XCTAssertEqual(try value("number((98.58 - 85.82) / 85.82 * 100, 2)"), "๑๔.๘๗")
        XCTAssertEqual(try value("money(50000)"), "๕๐,๐๐๐.๐๐")
        XCTAssertEqual(try value("money-words(1000001.50)"), "หนึ่งล้านเอ็ดบาทห้าสิบสตางค์")
        XCTAssertEqual(try value("words(101)"), "หนึ่งร้อยเอ็ด")
        XCTAssertEqual(try value("thai(\"E-Service 2567\")"), "E-Service ๒๕๖๗")
        XCTAssertEqual(try value("arabic(\"๒๕๖๗\")"), "2567")
        XCTAssertEqual(try value("fiscal-period(2567)"), "๑ ตุลาคม ๒๕๖๖ – ๓๐ กันยายน ๒๕๖๗")
        XCTAssertEqual(try value("date(\"2024-11-17\")"), "๑๗ พฤศจิกายน ๒๕๖๗")
        XCTAssertEqual(try value("\"ก\" + \"ข\""), "กข")
        XCTAssertEqual(try value("level + \" \" + text(count([1, 2])) + \" โครงการ\"", fields: "level: text", description: "level: มาก"), "มาก ๒ โครงการ")
        XCTAssertEqual(try value("if(๑ == 1, \"same\", \"different\")"), "same")
        XCTAssertEqual(try value("missing ?? \"default\"", fields: "missing: {required: false}"), "default")
        XCTAssertEqual(try value("round(2.345, 2)"), "๒.๓๕")
    }

    func testListFunctionsOverRecordFields() throws {
        let fields = "scores: {item: {tool: text, current: number, status: {type: choice, values: [done, open]}}}"
        let data = """
        scores:
          - {tool: IIT, current: "๙๙.๗๘", status: done}
          - {tool: IIT, current: 100, status: open}
          - {tool: EIT, current: "98.94", status: done}
        """
        XCTAssertEqual(try value("number(average(scores.current), 2)", fields: fields, description: data), "๙๙.๕๗")
        XCTAssertEqual(try value("number(sum(scores.current), 2)", fields: fields, description: data), "๒๙๘.๗๒")
        XCTAssertEqual(try value("count(scores)", fields: fields, description: data), "๓")
        XCTAssertEqual(try value("count(scores.status, \"done\")", fields: fields, description: data), "๒")
        XCTAssertEqual(try value("join(scores.tool, \", \")", fields: fields, description: data), "IIT, IIT, EIT")
        XCTAssertEqual(try value("max(scores.current)", fields: fields, description: data), "๑๐๐")
        XCTAssertEqual(try value("scores[2].tool", fields: fields, description: data), "EIT")
        XCTAssertEqual(try value("band(85.82, [])"), "<nothing>")
    }

    func testBandPicksTheHighestBandNotAboveTheScore() throws {
        let t = try template("""
        let:
          levels:
            - {from: 95, label: ผ่านดีเยี่ยม}
            - {from: 85, label: ผ่านดี}
            - {from: 0, label: ไม่ผ่าน}
        document: {a: "${band(98.58, levels)}", b: "${band(85.82, levels)}", c: "${band(12, levels)}"}
        """)
        let result = try expand(t, "{}")
        XCTAssertEqual(result.mapping?.map { $0.value.scalar ?? "" }, ["ผ่านดีเยี่ยม", "ผ่านดี", "ไม่ผ่าน"])
    }

    func testDirectivesRepeatChooseAndSplice() throws {
        let t = try template("""
        fields:
          intro: {type: paragraphs, required: false}
          groups:
            item:
              title: {required: false}
              rows: {item: {name: text}}
        let:
          row: ["${thai(n)}", "${r.name}", "${thai(total)}"]
        document:
          blocks:
            - insert: intro
            - for-each: groups
              as: g
              do:
                - if: g.title
                  then: {heading: "${g.title}"}
                  else: "(no title)"
                - table:
                    rows:
                      for-each: g.rows
                      as: r
                      index: n
                      counter: total
                      do: ${row}
        """)
        let result = try expand(t, """
        intro: [first, second]
        groups:
          - title: ประเด็นที่ ๑
            rows: [{name: a}, {name: b}]
          - rows: [{name: c}]
        """)
        XCTAssertEqual(yaml(result), """
        result:
          blocks:
            - first
            - second
            - heading: ประเด็นที่ ๑
            - table:
                rows:
                  -
                    - ๑
                    - a
                    - ๑
                  -
                    - ๒
                    - b
                    - ๒
            - (no title)
            - table:
                rows:
                  -
                    - ๑
                    - c
                    - ๓
        """)
    }

    func testMissingValuesDropMappingEntriesButKeepListPositions() throws {
        let t = try template("""
        fields: {a: {required: false}, b: {required: false}}
        document: {entry: "${a}", kept: "${b}", row: ["${a}", "${b}", "x"], literal: "$${a} costs $$5"}
        """)
        let result = try expand(t, "b: given")
        XCTAssertEqual(yaml(result), """
        result:
          kept: given
          row:
            - ""
            - given
            - x
          literal: ${a} costs $$5
        """)
    }

    func testDescriptionValuesKeepTheirLocations() throws {
        let t = try template("""
        fields: {organization: text}
        document:
          blocks:
            - heading: "${organization}"
        """)
        let result = try expand(t, "\n\norganization: องค์การบริหารส่วนตำบลคลองประสัก\n")
        let heading = result.mapping?.first?.value.sequence?.first?.mapping?.first?.value
        XCTAssertEqual(heading?.location.description, "d.yaml:3:15")
        XCTAssertEqual(result.location.file, "t.yaml")
    }

    func testFieldErrorsNameThePlaceTheFieldAndTheFix() throws {
        let t = try template("""
        fields:
          organization: {comment: ชื่อหน่วยงาน}
          fiscal-year: year
          status: {type: choice, values: [done, not-done, in-progress]}
          measures: {item: {measure: text, result: {type: paragraphs, required: false}}}
        document: {blocks: []}
        """)
        XCTAssertEqual(errors(t, """
        organisation: x
        fiscal-year: 2024
        status: dne
        measures:
          - measure: [a, b]
            reslt: y
        """), [
            "d.yaml:1:1: error: unknown field `organisation` (did you mean `organization`?)",
            "d.yaml:1:1: error: missing field `organization` (ชื่อหน่วยงาน) (add `organization:` with a text)",
            "d.yaml:2:14: error: `fiscal-year` should be a Buddhist Era year, found 2024 (write the Buddhist Era year: 2567)",
            "d.yaml:3:9: error: `status` cannot be `dne`; it is one of `done`, `not-done`, `in-progress` (did you mean `done`?)",
            "d.yaml:5:14: error: `measures[1].measure` should be a text, found a list",
            "d.yaml:6:5: error: unknown field `measures[1].reslt` (did you mean `result`?)",
        ])
    }

    func testVariantsChooseDefinitionsAndRefuseFieldsTheyDoNotPrint() throws {
        let t = try template("""
        template: {name: t}
        fields:
          measures: {item: {measure: text, suggestion: {required: false}}}
        variants:
          plain:
            unused: [measures.suggestion]
            let: {columns: [measure]}
          with-suggestions:
            let: {columns: [measure, suggestion]}
        document: {columns: "${columns}"}
        """)
        XCTAssertEqual(yaml(try expand(t, "measures: []")), "result:\n  columns:\n    - measure")
        XCTAssertEqual(yaml(try expand(t, "variant: with-suggestions\nmeasures: []")), "result:\n  columns:\n    - measure\n    - suggestion")
        XCTAssertEqual(errors(t, "variant: plan\nmeasures: []"), [
            "d.yaml:1:10: error: template `t` has no variant `plan`; its variants are `plain`, `with-suggestions` (did you mean `plain`?)",
        ])
        XCTAssertEqual(errors(t, "measures:\n  - {measure: a, suggestion: b}"), [
            "d.yaml:2:18: error: variant `plain` does not print `measures.suggestion` (remove it, or choose a variant that prints it: `with-suggestions`)",
        ])
    }

    func testProblemsCausedByTheTemplatesOwnValuesPointIntoTheTemplate() throws {
        let t = try template("""
        fields: {total: number}
        document:
          a: "${total / (total - total)}"
          b: ["${[1, 2]} and more"]
          c: "${sum(total) + [1]}"
        """)
        XCTAssertEqual(errors(t, "total: 5"), [
            "t.yaml:3:9: error: in `total / (total - total)`: division by zero (check the figures the division uses)",
            "t.yaml:4:10: error: `[1, 2]` is a list and cannot be written inside a text (write it alone as the whole value, or use join(…))",
            "t.yaml:5:9: error: in `sum(total) + [1]`: `sum` needs a list, not a text",
        ])
    }

    func testUnknownTemplateListsTheAvailableOnes() throws {
        let library = TemplateLibrary(folder: folder.path)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("ita-measures"), withIntermediateDirectories: true)
        try "document: {}".write(to: folder.appendingPathComponent("ita-measures/template.yaml"), atomically: true, encoding: .utf8)
        let reference = SyntaxNode(.scalar("ita-measure"), at: SourceLocation(file: "d.yaml", line: 1, column: 11))
        XCTAssertThrowsError(try library.template(for: reference, descriptionFolder: folder.path)) { error in
            XCTAssertEqual((error as? DiagnosticList)?.description,
                           "d.yaml:1:11: error: unknown template `ita-measure`; available: ita-measures (did you mean `ita-measures`?)")
        }
        XCTAssertEqual(library.names, ["ita-measures"])
    }
}
