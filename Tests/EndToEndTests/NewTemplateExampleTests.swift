import Foundation
import XCTest
import Yams

/// The templates added for the rest of the ITA documents, end to end: each example renders, and
/// its computed figures (counts, totals, risk levels, matrix cells) are the hand-computed ones,
/// found in the text of the page that should hold them.
final class NewTemplateExampleTests: FolderTestCase {
    /// Text without any white space, so lines broken differently still compare.
    private func squeezed(_ text: String) -> String {
        String(text.unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) }.map(Character.init))
    }

    /// Renders a template example and gives the text of each page, squeezed.
    private func render(_ file: String, _ arguments: [String] = []) throws -> [String] {
        let input = RenderTests.root.appendingPathComponent("Templates/\(file)")
        let output = folder.appendingPathComponent(input.deletingPathExtension().lastPathComponent + ".pdf")
        let (status, _, errors) = try RenderTests.run(RenderTests.binary.path, ["render", input.path, "-o", output.path, "-q"] + arguments)
        XCTAssertEqual(status, 0, "\(file): \(errors)")
        let (_, info, _) = try RenderTests.run("/usr/bin/pdfinfo", [output.path])
        let count = Int(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }?.split(separator: " ").last ?? "") ?? 0
        return try (1...max(count, 1)).map { page in
            squeezed(try RenderTests.run("/usr/bin/pdftotext", ["-raw", "-enc", "UTF-8", "-f", "\(page)", "-l", "\(page)", output.path, "-"]).1)
        }
    }

    private func assertOnPage(_ pages: [String], _ page: Int, _ texts: [String], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(pages.indices.contains(page - 1), "no page \(page)", file: file, line: line)
        guard pages.indices.contains(page - 1) else { return }
        for text in texts {
            XCTAssertTrue(pages[page - 1].contains(squeezed(text)), "page \(page) lacks \(text)", file: file, line: line)
        }
    }

    /// The four-year plan: projects per มิติ and budgets per year, by มิติ and overall.
    /// Hand-computed from the example: มิติ ๑ 100,000 + 20,000 + 50,000 = 170,000 in 2566 and 2568–2569,
    /// 150,000 in 2567 (the training has no 2567 budget); มิติ ๒ 10,000 except 2567 (-); มิติ ๓ 30,000;
    /// มิติ ๔ nothing; overall 210,000 / 180,000 / 210,000 / 210,000 for 6 + 8 + 2 + 4 = 20 projects.
    func testAnticorruptionPlanTotalsPerDimensionAndOverall() throws {
        let pages = try render("anticorruption-plan/examples/003-bangtoei-anticorruption-plan-2566-2569.yaml")
        XCTAssertEqual(pages.count, 4)
        assertOnPage(pages, 1, [
            "แผนปฏิบัติการป้องกันการทุจริต ๔ ปี (พ.ศ. ๒๕๖๖ – ๒๕๖๙)",
            "งบประมาณ (บาท) พ.ศ. ๒๕๖๖ พ.ศ. ๒๕๖๗ พ.ศ. ๒๕๖๘ พ.ศ. ๒๕๖๙",
            "มิติที่ ๑ การสร้างสังคมที่ไม่ทนต่อการทุจริต ๖ ๑๗๐,๐๐๐ ๑๕๐,๐๐๐ ๑๗๐,๐๐๐ ๑๗๐,๐๐๐",
            "มิติที่ ๒ การบริหารราชการเพื่อป้องกันการทุจริต ๘ ๑๐,๐๐๐ - ๑๐,๐๐๐ ๑๐,๐๐๐",
            "มิติที่ ๓ การส่งเสริมบทบาทและการมีส่วนร่วมของภาคประชาชน ๒ ๓๐,๐๐๐ ๓๐,๐๐๐ ๓๐,๐๐๐ ๓๐,๐๐๐",
            "ท้องถิ่น ๔ - - - -",
            "รวมทั้งสิ้น ๒๐ ๒๑๐,๐๐๐ ๑๘๐,๐๐๐ ๒๑๐,๐๐๐ ๒๑๐,๐๐๐",
        ])
        assertOnPage(pages, 2, ["๑.๑.๔ โครงการฝึกอบรม", "๒๐,๐๐๐ - ๒๐,๐๐๐ ๒๐,๐๐๐", "รวมมิติที่ ๑ จำนวน ๖ โครงการ ๑๗๐,๐๐๐ ๑๕๐,๐๐๐ ๑๗๐,๐๐๐ ๑๗๐,๐๐๐"])
        assertOnPage(pages, 3, ["๒.๓.๒ มาตรการกระจายอำนาจ", "รวมมิติที่ ๒ จำนวน ๘ โครงการ ๑๐,๐๐๐ - ๑๐,๐๐๐ ๑๐,๐๐๐"])
        assertOnPage(pages, 4, ["รวมมิติที่ ๔ จำนวน ๔ โครงการ - - - -", "รวมทั้งสิ้น ๒๐ โครงการ ๒๑๐,๐๐๐ ๑๘๐,๐๐๐ ๒๑๐,๐๐๐ ๒๑๐,๐๐๐"])
    }

    /// A project given more budgets than the plan has years is warned about at its `budgets`: the
    /// extra ones would be neither printed nor counted.
    func testBudgetsBeyondThePlansYearsAreAWarningAtThem() throws {
        let example = RenderTests.root.appendingPathComponent("Templates/anticorruption-plan/examples/003-bangtoei-anticorruption-plan-2566-2569.yaml")
        let text = try String(contentsOf: example, encoding: .utf8)
            .replacingOccurrences(of: "budgets: [100000, 100000, 100000, 100000]", with: "budgets: [100000, 100000, 100000, 100000, 5]")
        let input = folder.appendingPathComponent("plan.yaml")
        try text.write(to: input, atomically: true, encoding: .utf8)
        let (status, _, errors) = try RenderTests.run(RenderTests.binary.path, ["check", input.path])
        XCTAssertEqual(status, 0, errors)
        XCTAssertTrue(errors.contains("plan.yaml:22:22: warning: "), errors)
        XCTAssertTrue(errors.contains(": 5 budgets for a plan of 4 years; the ones after the last year are not printed or counted (give one budget per year in `years`)"), errors)
    }

    /// The OIT form: one page, the form's rows, and each signer's date (the form's when none is given).
    func testOITPublicationFormPrintsItsRowsAndTheThreeSigners() throws {
        let pages = try render("oit-publication-form/examples/000-klong-prasak-o14.yaml")
        XCTAssertEqual(pages.count, 1)
        assertOnPage(pages, 1, [
            "แบบฟอร์มการขอเผยแพร่ข้อมูลต่อสาธารณะผ่านเว็บไซต์ของหน่วยงาน",
            "ชื่อหน่วยงาน: องค์การบริหารส่วนตำบลคลองประสัก อำเภอเมือง จังหวัดกระบี่",
            "วัน/เดือน/ปี: ๑๘ ตุลาคม ๒๕๖๗",
            "หัวข้อ: o๑๔ แผนดำเนินงานและการใช้งบประมาณประจำปี",
            "Link ภายนอก: https://www.klongprasak.go.th/ita/2568/o14",
            "ผู้รับผิดชอบการให้ข้อมูล ผู้อนุมัติรับรอง ผู้รับผิดชอบการนำข้อมูลขึ้นเผยแพร่",
            "(นางสาวสมหญิง รักงาน)", "(นายสมชาย ใจดี)", "(นายสมศักดิ์ มั่นคง)",
            "วันที่ ๑๘ ตุลาคม ๒๕๖๗", "วันที่ ๒๑ ตุลาคม ๒๕๖๗", "วันที่ ๒๒ ตุลาคม ๒๕๖๗",
        ])
    }

    /// The risk assessment: L × I and its level per risk, the counts by level, and the matrix with
    /// each risk's number in its cell. By hand: ๑ = 3 × 4 = 12 สูง, ๒ = 2 × 5 = 10 สูง, ๓ and ๔ =
    /// 2 × 3 = 6 ปานกลาง, so สูงมาก 0, สูง 2, ปานกลาง 2, ต่ำ 0; ๓ and ๔ share the cell L 2, I 3.
    func testBriberyRiskAssessmentScoresLevelsAndMatrix() throws {
        let file = "bribery-risk-assessment/examples/000-klong-prasak-bribery-risks-2568.yaml"
        let pages = try render(file)
        XCTAssertEqual(pages.count, 3)
        assertOnPage(pages, 1, [
            "ความเสี่ยงทั้งหมด ๔ เหตุการณ์ อยู่ในระดับสูงมาก ๐ เหตุการณ์ ระดับสูง ๒ เหตุการณ์ ระดับปานกลาง ๒ เหตุการณ์ และระดับต่ำ ๐ เหตุการณ์",
            "การตรวจสอบแบบแปลน ๓ ๔ ๑๒ สูง",
            "ผ่านการตรวจรับงาน ๒ ๕ ๑๐ สูง",
            "หรือละเว้นการจัดเก็บ ๒ ๓ ๖ ปานกลาง",
        ])
        assertOnPage(pages, 2, ["ผลกระทบ (I) โอกาสที่จะเกิด (L)", "๕ สูงมาก ๒", "๔ สูง ๑", "๓ ปานกลาง ๓, ๔", "สูงมาก ๑๗ – ๒๕"])
        assertOnPage(pages, 3, ["มาตรการป้องกันการทุจริตและการรับสินบน", "สำนักปลัด (งาน สาธารณสุข)"])

        // The matrix's colours, from the expanded description: row ๕ is the first, and each row
        // starts with the impact and its word.
        let (status, expanded, errors) = try RenderTests.run(RenderTests.binary.path,
                                                            ["expand", RenderTests.root.appendingPathComponent("Templates/\(file)").path])
        XCTAssertEqual(status, 0, errors)
        let blocks = try XCTUnwrap((try Yams.load(yaml: expanded) as? [String: Any])?["blocks"] as? [Any])
        let tables = blocks.compactMap { ($0 as? [String: Any])?["table"] as? [String: Any] }
        let matrix = try XCTUnwrap(tables.first { ($0["style"] as? String) == "matrix" })
        let rows = try XCTUnwrap(matrix["rows"] as? [[String: Any]])
        func cell(impact: Int, likelihood: Int) -> [String: String] {
            let cells = rows[5 - impact]["cells"] as? [Any] ?? []
            return (cells[1 + likelihood] as? [String: Any] ?? [:]).compactMapValues { "\($0)" }
        }
        XCTAssertEqual(cell(impact: 4, likelihood: 3)["text"], "๑")
        XCTAssertEqual(cell(impact: 4, likelihood: 3)["shade"], "#FFC000")   // 12: สูง
        XCTAssertEqual(cell(impact: 5, likelihood: 2)["text"], "๒")
        XCTAssertEqual(cell(impact: 3, likelihood: 2)["text"], "๓, ๔")
        XCTAssertEqual(cell(impact: 3, likelihood: 2)["shade"], "#FFFF00")   // 6: ปานกลาง
        XCTAssertEqual(cell(impact: 5, likelihood: 5)["shade"], "#FF0000")   // 25: สูงมาก
        XCTAssertEqual(cell(impact: 1, likelihood: 3)["shade"], "#92D050")   // 3: ต่ำ
        XCTAssertEqual(cell(impact: 1, likelihood: 3)["text"], "")
    }

    /// The monitoring variant: ✓ under each measure's status and the counts. By hand: 2 done,
    /// 1 in progress, 1 not started of 4, so 2 × 100 / 4 = ร้อยละ ๕๐.
    func testBriberyMeasuresMonitoringCountsStatuses() throws {
        let pages = try render("bribery-risk-assessment/examples/000-klong-prasak-bribery-risks-2568-monitoring.yaml")
        XCTAssertEqual(pages.count, 2)
        assertOnPage(pages, 1, [
            "รายงานผลการติดตามการดำเนินการตามมาตรการป้องกันการรับสินบน ประจำปีงบประมาณ พ.ศ. ๒๕๖๘ รอบ ๖ เดือน",
            "มาตรการทั้งหมด ๔ มาตรการ ดำเนินการแล้วเสร็จ ๒ มาตรการ อยู่ระหว่างดำเนินการ ๑ มาตรการ ยังไม่ได้ดำเนินการ ๑ มาตรการ คิดเป็นร้อยละ ๕๐",
            "ไม่มีคำขอเกินกำหนด ✓ กองช่าง",
        ])
        assertOnPage(pages, 2, ["ครบ ๖ เดือน คณะกรรมการลงนามครบทุกโครงการ ✓ กองคลัง", "แล้ว ๔๐ ราย จาก ๑๒๐ ราย ✓ กองคลัง", "ยังไม่ได้ดำเนินการ ✓ สำนักปลัด"])
    }

    /// The plan of measures (ita-measures, variant plan): its own title and columns, one table per
    /// ประเด็น, the header on every page a table reaches.
    func testMeasuresPlanPrintsThePlanColumnsPerIssue() throws {
        let pages = try render("ita-measures/examples/002-nongwa-measures-plan-2569.yaml")
        XCTAssertEqual(pages.count, 11)
        assertOnPage(pages, 1, [
            "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๙",
            "องค์การบริหารส่วนตำบลหนองหว้า อำเภอเมืองหนองบัวลำภู จังหวัดหนองบัวลำภู",
            "ประเด็นที่ ๑ การปฏิบัติหน้าที่",
        ])
        for page in 1...pages.count {
            assertOnPage(pages, page, ["มาตรการ/โครงการ/กิจกรรม", "ผู้รับผิดชอบ/ผู้ที่เกี่ยวข้อง", "ขั้นตอน/วิธีปฏิบัติ", "ระยะเวลาดำเนินงาน"])
        }
        XCTAssertTrue(pages.last?.contains(squeezed("ประเด็นที่ ๑๐ การป้องกันเหตุการณ์ทุจริต")) == true
                      || pages[pages.count - 2].contains(squeezed("ประเด็นที่ ๑๐ การป้องกันเหตุการณ์ทุจริต")))
        XCTAssertFalse(pages.joined().contains(squeezed("รายงานผลการดำเนินการตามมาตรการ")), "the plan is not titled as a report")
    }

    /// `thaireport new` for each of these templates and each of their variants writes a description
    /// that renders as written.
    func testNewWritesADescriptionThatRendersForEveryVariant() throws {
        let cases: [(template: String, variant: String?)] = [
            ("anticorruption-plan", nil), ("oit-publication-form", nil),
            ("bribery-risk-assessment", "assessment"), ("bribery-risk-assessment", "monitoring"), ("ita-measures", "plan"),
        ]
        for (template, variant) in cases {
            let name = template + (variant.map { "-" + $0 } ?? "")
            let description = folder.appendingPathComponent("\(name).yaml")
            let (written, _, writeErrors) = try RenderTests.run(RenderTests.binary.path,
                                                                ["new", template, "-o", description.path] + (variant.map { ["--variant", $0] } ?? []))
            XCTAssertEqual(written, 0, "\(name): \(writeErrors)")
            let pdf = folder.appendingPathComponent("\(name).pdf")
            let (rendered, _, renderErrors) = try RenderTests.run(RenderTests.binary.path, ["render", description.path, "-o", pdf.path, "-q"])
            XCTAssertEqual(rendered, 0, "\(name): \(renderErrors)")
        }
    }
}
