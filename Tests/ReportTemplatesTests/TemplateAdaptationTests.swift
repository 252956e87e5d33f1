import Foundation
import ReportSyntax
@testable import ReportTemplates
import XCTest

/// Descriptions that change their template without copying it: `texts:` and `tables:`.
final class TemplateAdaptationTests: TemplateTestCase {
    /// A template with a fixed caption and a named table whose header has two rows and spans.
    private let budgetTemplate = """
    fields:
      projects:
        item: {name: text, budget: number, spent: number, note: {required: false}}
    texts:
      caption: [ตารางสรุป, ประจำปี]
    document:
      blocks:
        - for-each: caption
          as: line
          do: {paragraph: "${line}"}
        - table:
            name: summary
            columns:
              - {key: number, width: 1cm}
              - {key: name, width: 1fr}
              - {key: budget, width: 2cm, format: money}
              - {key: spent, width: 2cm, format: money}
              - {key: note, width: 2cm}
            header:
              - [{text: ลำดับ, rowspan: 2}, {text: โครงการ, rowspan: ๒}, {text: งบประมาณ, colspan: 2}, {text: หมายเหตุ, rowspan: 2}]
              - [ตั้งไว้, เบิกจ่าย]
            rows:
              for-each: projects
              as: p
              index: n
              do: {cells: ["${n}", "${p.name}", "${p.budget}", "${p.spent}", "${p.note}"]}
            totals: {label: รวม, columns: [budget, spent]}
    """

    private let projects = """
    projects:
      - {name: ก, budget: 100, spent: 60, contact: นายเอ}
      - {name: ข, budget: 50, spent: 50}
    """

    private func table(_ result: SyntaxNode) -> SyntaxNode? {
        result.mapping?.first { $0.key.scalar == "blocks" }?.value.sequence?.compactMap { block in
            block.mapping?.first { $0.key.scalar == "table" }?.value
        }.first
    }

    private func value(_ node: SyntaxNode?, _ key: String) -> SyntaxNode? { node?.mapping?.first { $0.key.scalar == key }?.value }

    /// A row or list of cells as short text: `a|{b 2x1}|c`.
    private func cells(_ node: SyntaxNode?) -> String {
        (node?.sequence ?? value(node, "cells")?.sequence ?? []).map { cell -> String in
            if let text = cell.scalar { return text }
            let spans = (value(cell, "colspan")?.scalar ?? "1") + "x" + (value(cell, "rowspan")?.scalar ?? "1")
            return "{\(value(cell, "text")?.scalar ?? "") \(spans)}"
        }.joined(separator: "|")
    }

    func testWithoutChangesTheNamedTableIsAsWrittenAndLosesItsName() throws {
        let result = try expand(try template(budgetTemplate), projects.replacingOccurrences(of: ", contact: นายเอ", with: ""))
        let summary = table(result)
        XCTAssertNil(value(summary, "name"))
        XCTAssertEqual(cells(value(summary, "header")?.sequence?[0]), "{ลำดับ 1x2}|{โครงการ 1x๒}|{งบประมาณ 2x1}|{หมายเหตุ 1x2}")
        XCTAssertEqual(cells(value(summary, "rows")?.sequence?[0]), "๑|ก|100|60|")
    }

    func testRenameResizeHideAndAddFollowSpans() throws {
        let result = try expand(try template(budgetTemplate), projects + """

        tables:
          summary:
            columns:
              note: {header: ข้อสังเกต, width: 3cm}
              spent: {hide: true}
            add:
              - {key: contact, header: ผู้ประสานงาน, after: budget, width: 2.5cm}
              - {key: phone, header: โทร, before: number}
        """)
        let summary = table(result)
        XCTAssertEqual(value(summary, "columns")?.sequence?.compactMap { value($0, "key")?.scalar }, ["phone", "number", "name", "budget", "contact", "note"])
        XCTAssertEqual(value(value(summary, "columns")?.sequence?[5], "width")?.scalar, "3cm")
        // งบประมาณ spanned budget and spent: it loses spent; contact, after it, spans both header rows.
        XCTAssertEqual(cells(value(summary, "header")?.sequence?[0]), "{โทร 1x2}|{ลำดับ 1x2}|{โครงการ 1x๒}|{งบประมาณ 1x1}|{ผู้ประสานงาน 1x2}|{ข้อสังเกต 1x2}")
        XCTAssertEqual(cells(value(summary, "header")?.sequence?[1]), "ตั้งไว้")
        XCTAssertEqual(cells(value(summary, "rows")?.sequence?[0]), "|๑|ก|100|นายเอ|")
        XCTAssertEqual(cells(value(summary, "rows")?.sequence?[1]), "|๒|ข|50||")
        XCTAssertEqual(cells(value(value(summary, "totals"), "columns")), "budget")
    }

    func testAColumnAddedInsideASpanWidensIt() throws {
        let summary = table(try expand(try template(budgetTemplate), projects + """

        tables:
          summary:
            add: [{key: contact, header: ผู้ประสานงาน, after: budget}]
        """))
        XCTAssertEqual(cells(value(summary, "header")?.sequence?[0]), "{ลำดับ 1x2}|{โครงการ 1x๒}|{งบประมาณ 3x1}|{หมายเหตุ 1x2}")
        XCTAssertEqual(cells(value(summary, "header")?.sequence?[1]), "ตั้งไว้|ผู้ประสานงาน|เบิกจ่าย")
        XCTAssertEqual(cells(value(summary, "rows")?.sequence?[0]), "๑|ก|100|นายเอ|60|")
    }

    func testTextsReplaceTheTemplatesFixedTexts() throws {
        let result = try expand(try template(budgetTemplate), projects.replacingOccurrences(of: ", contact: นายเอ", with: "") + """

        texts:
          caption: ตารางสรุปผลการดำเนินงาน
        """)
        let paragraphs = result.mapping?.first?.value.sequence?.compactMap { value($0, "paragraph")?.scalar }
        XCTAssertEqual(paragraphs, ["ตารางสรุปผลการดำเนินงาน"])
    }

    func testMistakesAreReportedAtTheirPlaceWithTheNearestName() throws {
        let t = try template(budgetTemplate)
        XCTAssertEqual(errors(t, projects.replacingOccurrences(of: ", contact: นายเอ", with: "") + """

        texts:
          captoin: x
          caption: {a: 1}
        tables:
          sumary: {}
          summary:
            columns:
              budgt: {header: x}
              note: {hide: maybe, colour: red}
            add:
              - {key: contact, header: ผู้ประสานงาน, after: budget, before: name}
              - {header: x}
        """), [
            "d.yaml:5:3: error: unknown text `captoin` (did you mean `caption`? the template's texts are `caption`)",
            "d.yaml:6:12: error: `texts.caption` should be a text or a list of texts (one per line), found a mapping",
            "d.yaml:8:3: error: unknown table `sumary` (did you mean `summary`? the template's tables are `summary`)",
            "d.yaml:12:20: error: `tables.summary.columns.note.hide` should be true or false, found `maybe`",
            "d.yaml:12:27: error: unknown key `colour` in `tables.summary.columns.note` (it takes `header`, `width`, `align`, `hide`)",
            "d.yaml:14:9: error: `tables.summary.add[1]` gives both `after` and `before` (keep one)",
            "d.yaml:15:9: error: `tables.summary.add[2]` needs `key` (the field of each row that fills it) and `header` (a text)",
        ])
        // Column keys are checked against the table as the template makes it.
        XCTAssertEqual(errors(t, projects + """

        tables:
          summary:
            columns:
              budgt: {header: x}
            add:
              - {key: contact, header: ผู้ประสานงาน, after: nots}
        """), [
            "d.yaml:7:7: error: the table has no column `budgt` (did you mean `budget`? its columns are `number`, `name`, `budget`, `spent`, `note`)",
            "d.yaml:9:53: error: the table has no column `nots` (did you mean `note`? its columns are `number`, `name`, `budget`, `spent`, `note`)",
        ])
    }

    func testAnAddedColumnsFieldIsCheckedLikeTheOthers() throws {
        let t = try template(budgetTemplate)
        XCTAssertEqual(errors(t, projects.replacingOccurrences(of: "contact:", with: "contct:") + """

        tables:
          summary:
            add: [{key: contact, header: ผู้ประสานงาน}]
        """), ["d.yaml:2:39: error: unknown field `projects[1].contct` (did you mean `contact`?)"])
        // Without the column, the field is unknown.
        XCTAssertEqual(errors(t, projects), ["d.yaml:2:39: error: unknown field `projects[1].contact` (the fields here are `name`, `budget`, `spent`, `note`)"])
    }

    /// Rows made by nested loops take an added column's field from the innermost loop's items; a
    /// row no loop makes (a group's total) gets an empty cell.
    func testNestedLoopsFillAddedColumnsFromTheInnermostItems() throws {
        let t = try template("""
        fields: {groups: {item: {title: text, items: {item: {name: text}}}}}
        document:
          blocks:
            - table:
                name: t
                columns: [{key: name, width: 1fr}]
                rows:
                  - for-each: groups
                    as: g
                    do:
                      - for-each: g.items
                        as: i
                        do: {cells: ["${i.name}"]}
                      - {cells: ["รวม ${g.title}"]}
                  - [รวมทั้งสิ้น]
        """)
        let summary = table(try expand(t, """
        groups:
          - {title: ก, items: [{name: a1, owner: x}, {name: a2}]}
          - {title: ข, items: [{name: b1, owner: y}]}
        tables: {t: {add: [{key: owner, header: เจ้าของ}]}}
        """))
        XCTAssertEqual(value(summary, "rows")?.sequence?.map { cells($0) }, ["a1|x", "a2|", "รวม ก|", "b1|y", "รวม ข|", "รวมทั้งสิ้น|"])
        // The field belongs to the innermost items only.
        XCTAssertEqual(errors(t, """
        groups: [{title: ก, owner: z, items: []}]
        tables: {t: {add: [{key: owner, header: เจ้าของ}]}}
        """), ["d.yaml:1:21: error: unknown field `groups[1].owner` (the fields here are `title`, `items`)"])
    }

    func testATextIsNotAlsoALetDefinition() {
        XCTAssertEqual(loadErrors("""
        fields: {n: text}
        texts: {caption: a}
        let: {caption: b}
        document: {blocks: ["${caption}"]}
        """), ["t.yaml:2:9: error: `caption` is both a text and a `let` definition (rename one of them)"])
    }

    func testATableNameMustBeWrittenAsItIs() {
        XCTAssertEqual(loadErrors("""
        fields: {n: text}
        document:
          blocks:
            - table: {name: "${n}", columns: [1fr], rows: [[a]]}
        """), ["t.yaml:4:21: error: a table's `name` is written as it is, without `${…}` (descriptions change the table by this name under `tables:`)"])
    }

    /// Spans past the table's edge (the model reports them) are counted to the edge, so changing
    /// such a table neither overflows nor loops.
    func testSpansPastTheEdgeAreCountedToIt() throws {
        let t = try template("""
        fields: {items: {item: {a: text}}}
        document:
          blocks:
            - table:
                name: t
                columns: [{key: a, width: 1fr}, {key: b, width: 1fr}]
                header: [[{text: x, colspan: "9223372036854775807", rowspan: "9223372036854775807"}]]
                rows: {for-each: items, as: i, do: {cells: ["${i.a}", {text: y, colspan: "9223372036854775807"}]}}
        """)
        let summary = table(try expand(t, """
        items: [{a: p, c: q}]
        tables:
          t:
            columns: {b: {hide: true}}
            add: [{key: c, header: C, after: a}]
        """))
        XCTAssertEqual(cells(value(summary, "header")?.sequence?[0]), "{x 1x9223372036854775807}|C")
        XCTAssertEqual(cells(value(summary, "rows")?.sequence?[0]), "p|q")
    }

    /// The cells added columns make count against the limits like the template's own values.
    func testAddedColumnsCountAgainstTheLimits() throws {
        var limits = InputLimits()
        limits.maximumNodes = 3_000
        let t = try template("""
        fields: {items: {item: {a: text}}}
        document:
          blocks:
            - table:
                name: t
                columns: [{key: a, width: 1fr}]
                rows: {for-each: items, as: i, do: {cells: ["${i.a}"]}}
        """)
        let items = "items: [" + Array(repeating: "{a: x}", count: 300).joined(separator: ", ") + "]\n"
        let added = (1...10).map { "{key: c\($0), header: C}" }.joined(separator: ", ")
        XCTAssertNoThrow(try expand(t, items, limits: limits), "300 rows of one cell fit")
        XCTAssertEqual(errors(t, items + "tables: {t: {add: [\(added)]}}", limits: limits), [
            "t.yaml:5:9: error: the template makes more than 3000 values, more than a description may hold (check nested `for-each` and `let` definitions that use others more than once)",
        ])
    }
}
