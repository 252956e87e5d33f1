import Foundation
import XCTest

/// `texts:` and `tables:` from the command line, on the bundled templates: the PDF shows the
/// changes, and `check` reports a mistake at its place.
final class TemplateAdaptationCLITests: FolderTestCase {
    private func squeezed(_ text: String) -> String {
        String(text.unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) }.map(Character.init))
    }

    func testARenamedHiddenAndAddedColumnReachThePDF() throws {
        let description = folder.appendingPathComponent("measures.yaml")
        try """
        template: ita-measures
        organization: องค์การบริหารส่วนตำบลทดสอบ
        fiscal-year: 2568
        tables:
          measures:
            columns:
              responsible: {header: หน่วยงานที่รับผิดชอบ}
              outcome: {hide: true}
            add:
              - {key: contact, header: ผู้ประสานงาน, after: responsible, width: 3cm}
        groups:
          - title: ประเด็นที่ ๑
            measures:
              - {measure: มาตรการแรก, period: ไตรมาสที่ ๑, responsible: สำนักปลัด, contact: นางสาวสมหญิง, result: ทำแล้ว}
        """.write(to: description, atomically: true, encoding: .utf8)
        let pdf = folder.appendingPathComponent("measures.pdf")
        let (status, _, errors) = try RenderTests.run(RenderTests.binary.path, ["render", description.path, "-o", pdf.path, "-q"])
        XCTAssertEqual(status, 0, errors)
        let text = squeezed(try RenderTests.run("/usr/bin/pdftotext", ["-raw", "-enc", "UTF-8", pdf.path, "-"]).1)
        XCTAssertTrue(text.contains(squeezed("ลำดับ มาตรการ/กิจกรรม ระยะเวลาในการดำเนินการ หน่วยงานที่รับผิดชอบ ผู้ประสานงาน สรุปผลการดำเนินการตามมาตรการหรือกิจกรรม")), text)
        XCTAssertTrue(text.contains(squeezed("๑ มาตรการแรก ไตรมาสที่ ๑ สำนักปลัด นางสาวสมหญิง ทำแล้ว")), text)
        XCTAssertFalse(text.contains(squeezed("ผลลัพธ์หรือความสำเร็จในการดำเนินการ")), text)
    }

    func testCheckReportsAnUnknownColumnAndTextAtTheirPlace() throws {
        let description = folder.appendingPathComponent("form.yaml")
        let example = try String(contentsOf: RenderTests.root.appendingPathComponent("Templates/oit-publication-form/examples/000-klong-prasak-o14.yaml"),
                                 encoding: .utf8)
        try (example + """
        texts:
          titel: แบบฟอร์ม
        tables:
          signatures:
            columns:
              publsher: {hide: true}
        """).write(to: description, atomically: true, encoding: .utf8)
        let lines = example.split(separator: "\n", omittingEmptySubsequences: false).count
        let (status, _, errors) = try RenderTests.run(RenderTests.binary.path, ["check", description.path])
        XCTAssertEqual(status, 1)
        XCTAssertTrue(errors.contains("form.yaml:\(lines + 1):3: error: unknown text `titel` (did you mean `title`?"), errors)
        // Column keys are checked against the table as the template makes it.
        try (example + """
        tables:
          signatures:
            columns:
              publsher: {hide: true}
        """).write(to: description, atomically: true, encoding: .utf8)
        let (again, _, columnErrors) = try RenderTests.run(RenderTests.binary.path, ["check", description.path])
        XCTAssertEqual(again, 1)
        XCTAssertTrue(columnErrors.contains("form.yaml:\(lines + 3):7: error: the table has no column `publsher` (did you mean `publisher`? its columns are `provider`, `approver`, `publisher`)"),
                      columnErrors)
    }

    /// A table layout written once with an anchor is reused with `<<:`; a mistake inside the
    /// anchored layout is reported where it is written, once per use.
    func testATableLayoutWrittenOnceIsReusedWithMergeKeys() throws {
        let description = folder.appendingPathComponent("reuse.yaml")
        let yaml = """
        blocks:
          - table: &budget-table
              columns: [{width: 1.2cm, align: center}, 1fr, {key: budget, width: 3cm, format: money}]
              header: [ลำดับ, โครงการ, งบประมาณ]
              rows: [[๑, โครงการ ก, 20000]]
              totals: {label: รวม, columns: [budget]}
          - table:
              <<: *budget-table
              rows: [[๑, โครงการ ข, 15000]]
        """
        try yaml.write(to: description, atomically: true, encoding: .utf8)
        let pdf = folder.appendingPathComponent("reuse.pdf")
        let (status, _, errors) = try RenderTests.run(RenderTests.binary.path, ["render", description.path, "-o", pdf.path, "-q"])
        XCTAssertEqual(status, 0, errors)
        let text = squeezed(try RenderTests.run("/usr/bin/pdftotext", ["-raw", "-enc", "UTF-8", pdf.path, "-"]).1)
        XCTAssertTrue(text.contains(squeezed("๑ โครงการ ก ๒๐,๐๐๐.๐๐ รวม ๒๐,๐๐๐.๐๐")), text)
        XCTAssertTrue(text.contains(squeezed("ลำดับ โครงการ งบประมาณ ๑ โครงการ ข ๑๕,๐๐๐.๐๐ รวม ๑๕,๐๐๐.๐๐")), text)

        try yaml.replacingOccurrences(of: "width: 3cm", with: "width: 3cmm").write(to: description, atomically: true, encoding: .utf8)
        let (failed, _, problems) = try RenderTests.run(RenderTests.binary.path, ["check", description.path])
        XCTAssertEqual(failed, 1)
        XCTAssertTrue(problems.contains("reuse.yaml:3:74: error: column width: unknown unit `cmm` in `3cmm` (did you mean `cm`?"), problems)
        XCTAssertFalse(problems.contains("reuse.yaml:8:"), problems)
    }
}
