import Foundation
import XCTest

/// Templates as data, end to end through `thaireport check`: mistakes are reported when the template
/// is loaded, at its own file's line and column; `template:` paths obey the rule for files; hostile
/// templates and descriptions stop at their place with exit status 1, long before they exhaust the
/// machine; a division by a score of 0 names the score.
final class TemplateHardeningTests: FolderTestCase {

    private func write(_ name: String, _ text: String) throws {
        try write(name, Data(text.utf8))
    }

    /// `thaireport check` run in the folder on `description`: its exit status and the lines it printed
    /// on standard error, the folder's path left out.
    private func check(_ description: String = "r.yaml") throws -> (status: Int32, lines: [String]) {
        let (status, _, errors) = try RenderTests.run(RenderTests.binary.path, ["check", description], directory: folder)
        let resolved = folder.resolvingSymlinksInPath().path
        return (status, errors.replacingOccurrences(of: resolved, with: "FOLDER").replacingOccurrences(of: folder.path, with: "FOLDER")
            .split(separator: "\n").map(String.init))
    }

    /// A bundled example with `change` applied to its text.
    private func example(_ file: String, _ change: (String) -> String) throws -> String {
        change(try String(contentsOf: RenderTests.root.appendingPathComponent("Templates/\(file)"), encoding: .utf8))
    }

    func testTemplateMistakesAreReportedWhenItIsLoadedAtItsOwnFile() throws {
        try write("tpl/template.yaml", """
        fields: {total: number, groups: {item: {title: text}}}
        document:
          blocks:
            - if: false
              then: {paragraph: "${1 +* 2}"}
            - for-each: groups
              as: g
              doo: {heading: "${g.title}"}
            - paragraph: ${nosuch(total)}
            - paragraph: ${thai(total, 2)}
            - paragraph: ${totl}
        """)
        try write("r.yaml", "template: ./tpl\ntotal: 1\ngroups: []\n")
        let (status, lines) = try check()
        XCTAssertEqual(status, 1)
        XCTAssertEqual(lines, [
            "tpl/template.yaml:5:31: error: in `1 +* 2`: expected a value, found `*`",
            "tpl/template.yaml:8:7: error: unknown key `doo` in `for-each` (did you mean `do`?)",
            "tpl/template.yaml:9:20: error: in `nosuch(total)`: there is no function `nosuch`",
            "tpl/template.yaml:10:20: error: in `thai(total, 2)`: `thai` takes 1 argument, not 2",
            "tpl/template.yaml:11:20: error: in `totl`: nothing is called `totl` (did you mean `total`?)",
            "5 errors in the description; nothing was written",
        ])
    }

    func testTemplatePathsObeyTheRuleForFiles() throws {
        try write("outside.yaml", "document: {}\n")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("report"), withIntermediateDirectories: true)
        XCTAssertEqual(mkfifo(folder.appendingPathComponent("report/pipe.yaml").path, 0o644), 0)
        let outside = "is outside the description's folder FOLDER/report and the templates folder"
        for (reference, expected) in [
            ("../outside.yaml", "the template `../outside.yaml` \(outside)"),
            ("\(folder.path)/outside.yaml", "the template `FOLDER/outside.yaml` \(outside)"),
            ("/proc/self/fd/0", "the template `/proc/self/fd/0` \(outside)"),
            ("pipe.yaml", "the template `pipe.yaml` is not a regular file (name a file)"),
            ("./missing.yaml", "the template `./missing.yaml` does not exist"),
        ] {
            try write("report/r.yaml", "template: \(reference)\n")
            let (status, lines) = try check("report/r.yaml")
            XCTAssertEqual(status, 1, reference)
            XCTAssertTrue(lines.first?.hasPrefix("report/r.yaml:1:11: error: \(expected)") ?? false, "\(reference): \(lines)")
        }
        // A template in the templates folder may be named by its path.
        let bundled = RenderTests.root.appendingPathComponent("Templates/ita-measures").path
        try write("report/r.yaml", try example("ita-measures/examples/004-klong-sai.yaml") {
            $0.replacingOccurrences(of: "template: ita-measures", with: "template: \(bundled)")
        })
        XCTAssertEqual(try check("report/r.yaml").status, 0)
    }

    func testHostileTemplatesStopAtTheirPlace() throws {
        let tenfold = (1...15).map { "  d\($0): [" + Array(repeating: "\"${d\($0 - 1)}\"", count: 10).joined(separator: ", ") + "]" }
            .joined(separator: "\n")
        let deep = String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000)
        let nested = #"""
        fields: {items: {item: text}}
        document: {blocks: [{table: {columns: [1fr, 1fr], rows: {for-each: items, as: a, do: {for-each: items, as: b, do: [["${a}", "${b}"]]}}}}]}
        """#
        let items = "items: [" + (1...3_000).map(String.init).joined(separator: ", ") + "]\n"
        for (template, data, expected) in [
            ("let:\n  d0: [x]\n\(tenfold)\ndocument: {blocks: \"${d15}\"}", "",
             "t/template.yaml:9:35: error: filling in the template takes more than 10000000 steps"),
            ("document: {blocks: [\"${\(deep)}\"]}", "",
             "t/template.yaml:1:88: error: in `\(deep.prefix(79))…`: the expression nests more than 64 deep (split it into `let` definitions)"),
            (nested, items, "t/template.yaml:2:116: error: the template makes more than 1000000 values, more than a description may hold"),
        ] {
            try write("t/template.yaml", template)
            try write("r.yaml", "template: t/template.yaml\n" + data)
            let (status, lines) = try check()
            XCTAssertEqual(status, 1)
            XCTAssertEqual(lines.count, 2, "\(lines)")
            XCTAssertTrue(lines.first?.hasPrefix(expected) ?? false, "\(lines.first ?? "")")
        }
    }

    func testARecordRepeatedByAliasesIsRefusedAtTheAliasThatPassesTheLimit() throws {
        let description = try example("anticorruption-plan-report/examples/003-bangtoei-anticorruption-plan-2567.yaml") { text in
            let head = text.components(separatedBy: "\nprojects:\n")[0]
            let record = "  - &p {name: โครงการ, dimension: 1, status: done, budget: 50000, spent: 0, method: วิธี, indicator: ตัวชี้วัด}\n"
            return head + "\nprojects:\n" + record + String(repeating: "  - *p\n", count: 2_000)
        }
        try write("r.yaml", description)
        let firstAlias = description.components(separatedBy: "\n").firstIndex { $0.hasPrefix("  - *p") }! + 1
        let (status, lines) = try check()
        XCTAssertEqual(status, 1)
        // Each alias repeats 15 values (the record, its keys and values); the 667th passes 10,000.
        XCTAssertEqual(lines.first, "r.yaml:\(firstAlias + 666):5: error: aliases repeat more than 10000 values in all, with this one (each alias (`*name`) repeats all that its anchor (`&name`) holds; write the items out, or use fewer aliases)")
    }

    func testADivisionByAScoreOfZeroNamesTheScoreOnce() throws {
        try write("r.yaml", try example("ita-analysis/examples/002-nongwa-ita-analysis-2568.yaml") {
            $0.replacingOccurrences(of: #"previous: \S+"#, with: "previous: 0", options: .regularExpression)
        })
        let (status, lines) = try check()
        XCTAssertEqual(status, 1)
        XCTAssertEqual(lines, [
            "r.yaml:17:15: error: `tools.indicators.previous` is `0`, `0`, `0` and 7 more: division by zero in `round(size-of-change / previous-average * 100, 2)` (Templates/ita-analysis/template.yaml:274:14) (check the figures the division uses)",
            "1 error in the description; nothing was written",
        ])
    }
}
