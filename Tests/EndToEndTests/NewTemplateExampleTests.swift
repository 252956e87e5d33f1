import Foundation
import XCTest

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
}
