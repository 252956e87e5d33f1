import Foundation
import XCTest

/// The official templates end to end: every example renders, each table's header is on every page
/// the table reaches, samples of the seeds' paragraphs and cells are in the PDF text, and computed
/// values (numbering, changes, totals, contents page ranges) are the hand-computed ones.
final class TemplateExampleTests: FolderTestCase {

    /// What one example must show.
    struct Expectation {
        /// Path below `Templates/`.
        var file: String
        /// A table: its header cells, and texts of its first and last body rows (the table reaches
        /// every page from the first's to the last's).
        var tables: [(header: [String], first: String, last: String)]
        /// Texts that must appear somewhere (paragraphs, cells, computed values).
        var samples: [String]
        /// Texts that must appear on one given page.
        var onPage: [(page: Int, text: String)] = []
    }

    static let measuresHeader000 = ["ลำดับ", "มาตรการ/กิจกรรม", "ระยะเวลาในการดำเนินการ", "ผู้รับผิดชอบ",
                                    "สรุปผลการดำเนินการตามมาตรการหรือกิจกรรม", "ผลลัพธ์หรือความสำเร็จในการดำเนินการ"]

    static let expectations: [Expectation] = [
        Expectation(
            file: "ita-measures/examples/000-klong-prasak.yaml",
            tables: [(measuresHeader000,
                      "การปฏิบัติหรือให้บริการแก่บุคคลภายนอก เป็นไปตามขั้นตอนและระยะเวลาที่กำหนด",
                      "๑๒) มีการเผยแพร่ข้อมูลตามข้อ ๑) - ๑๑) เผยแพร่บนเว็บไซต์หลักของหน่วยงาน")],
            samples: [
                "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ ๒๕๖๗",
                "องค์การบริหารส่วนตำบลคลองประสัก อำเภอเมือง จังหวัดกระบี่",
                "ประเด็นที่ ๗ กลไกและมาตรการในการแก้ไขและป้องกันการทุจริตภายในหน่วยงาน",
                "๕) ดำเนินการประกาศนโยบาย No Gift Policy จากกรปฏิบัติหน้าที่ฉบับภาษาไทยและภาษาอังกฤษ",
                // Numbering computed per group: the fourth measure of ประเด็นที่ ๑ is numbered ๔.
                "๔ การสร้างความโปร่งใสเกี่ยวกับการดำเนินงานและการใช้จ่ายงบประมาณ",
                // The original's own continuation row keeps its typed number.
                "๑ การป้องกันและแก้ไขการทุจริตของหน่วยงาน (ต่อ)",
            ]),
        Expectation(
            file: "ita-measures/examples/001-khok-tum.yaml",
            tables: [(["มาตรการ/กิจกรรมที่ดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน", "ขั้นตอนหรือวิธีการปฏิบัติ",
                       "ผู้รับผิดชอบ", "ระยะเวลา", "ผลการดำเนินการ", "ผลลัพธ์หรือสัมฤทธิ์ในการดำเนินการ"],
                      "๑.ประชุมบุคลากรเพื่อชี้แจงผลการประเมินในประเด็นนี้ให้รับทราบ",
                      "๒. ไม่มีข้อร้องเรียนเกี่ยวกับการทุจริตและไม่มีข้อทักท้วงจากหน่วยตรวจสอบ")],
            samples: [
                "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสในหน่วยงาน",
                "องค์การบริหารส่วนตำบลโคกตูม อำเภอประโคนชัย จังหวัดบุรีรัมย์",
                // A sentence the original cut at a page end is whole again.
                "ให้ประชาชนรับทราบในหลากหลาย ช่องทาง เช่น เว็บไซต์ เพจอบต. หนังสือ ประชาสัมพันธ์",
                "๑.พนักงาน/เจ้าหน้าที่ ใส่ใจกับการให้บริการ",
            ]),
        Expectation(
            file: "ita-measures/examples/004-klong-sai.yaml",
            tables: [(["มาตรการ/แนวทาง", "วิธีการดำเนินงาน", "ผู้รับผิดชอบ", "ระยะเวลาดำเนินการ", "ผลการดำเนินการ", "ข้อเสนอแนะ"],
                      "๑. มาตรการตรวจสอบการใช้ดุลพินิจ",
                      "๘. มาตรการใน การสร้างจิตสำนึกและ ความตระหนักแก่ บุคลากร")],
            samples: [
                "ขององค์การบริหารส่วนตำบลคลองไทร ประจำปีงบประมาณ พ.ศ. ๒๕๖๖",
                "๑. มาตรการเพื่อขับเคลื่อนการส่งเสริมคุณธรรมและความโปร่งใสขององค์การบริหารส่วนตำบลคลองไทร",
                "รายงานผลการดำเนินการให้ผู้บริหารทราบเมื่อวันที่ ๓๑ มีนาคม ๒๕๖๖",
            ]),
        Expectation(
            file: "ita-analysis/examples/002-nongwa-ita-analysis-2568.yaml",
            tables: [
                (["แบบเครื่องมือ", "ลำดับ", "รายละเอียดตัวชี้วัด", "คะแนน", "การเปลี่ยนแปลง", "๒๕๖๗", "๒๕๖๘"],
                 "IIT ๑ การปฏิบัติหน้าที่ ๙๘.๓๙ ๙๙.๗๘ เพิ่มขึ้น",
                 "ระดับการประเมิน ต้องปรับปรุง ผ่านดีเยี่ยม เพิ่มขึ้น"),
                (["ลำดับ", "หัวข้อ", "เครื่องมือการประเมิน", "ข้อคำถาม", "คะแนน", "ข้อบกพร่อง/ข้อแก้ไข/ปรับปรุง/รักษาระดับ"],
                 "ข้อมูลรายละเอียดการวิเคราะห์ผลการประเมิน ITA ประจำปีงบประมาณ พ.ศ. ๒๕๖๕",
                 "ข้อ 0๒๘"),
                (["ประเด็น", "มาตรการ โครงการ กิจกรรม", "ผู้รับผิดชอบ/ผู้ที่เกี่ยวข้อง", "ขั้นตอน/วิธีปฏิบัติ", "ระยะเวลาดำเนินงาน"],
                 "ส่วนที่ ๒ การนำผลการวิเคราะห์แต่ละประเด็นไปสู่การปฏิบัติ",
                 "๑ ตุลาคม ๒๕๖๘ – ๓๐ กันยายน ๒๕๖๙"),
            ],
            samples: [
                // Computed from the ten indicator scores given: averages, changes, difference and percentage.
                "คะแนนเฉลี่ย ๘๕.๘๒ ๙๘.๕๘ เพิ่มขึ้น",
                "๕ การแก้ปัญหาการทุจริต ๑๐๐.๐๐ ๑๐๐.๐๐ คงที่",
                "๖ คุณภาพการดำเนินงาน ๑๐๐.๐๐ ๙๘.๙๔ ลดลง",
                "๗ ประสิทธิภาพการสื่อสาร ๑๐๐.๐๐ ๙๘.๑๘ ลดลง",
                "วิธีคิด นำปี พ.ศ. ๒๕๖๗ - ปี พ.ศ. ๒๕๖๘ = ๙๘.๕๘ - ๘๕.๘๒ = ๑๒.๗๖",
                "๑๒.๗๖ ÷ คะแนน ปี พ.ศ. ๒๕๖๗ (๘๕.๘๒) × ๑๐๐ = ๑๔.๘๗",
                "ต้องปรับปรุง (๘๓.๓๘ คะแนน) คิดเป็นร้อยละ ๑๔.๘๗ (๑๒.๗๖ คะแนน)",
                "คะแนนที่ได้ ๙๗.๖๑ คะแนน ระดับผลการประเมินอยู่ที่ ผ่านดีเยี่ยม",
                "ส่วนที่ ๒ ผู้ประเมินจัดเก็บข้อมูล (EIT Survey)",
                "๑. จัดทำแผนการจัดซื้อจัดจ้างของหน่วยงาน",
            ]),
        Expectation(
            file: "anticorruption-plan-report/examples/003-bangtoei-anticorruption-plan-2567.yaml",
            tables: [
                (["ลำดับ", "รายการโครงการ", "มิติ", "ผลการดำเนินการ", "แล้วเสร็จ", "อยู่ระหว่างดำเนินการ", "ไม่สามารถดำเนินการได้", "งบประมาณ",
                  "ไม่ใช้งบประมาณ", "เบิกจ่าย", "คงเหลือ", "หมายเหตุ"],
                 "โครงการเชิดชูเกียรติบุคลากรที่ปฏิบัติงานเป็นไปตามมาตรฐาน",
                 "รวม ๑๘๐,๐๐๐.๐๐ ๐.๐๐ ๐.๐๐ ๑๘๐,๐๐๐.๐๐"),
                (["ลำดับ", "โครงการ/กิจกรรม", "วิธีการดำเนินงาน", "ตัวชี้วัด", "งบประมาณ", "ระยะเวลาดำเนินการ", "ผลการดำเนินงาน",
                  "การใช้จ่ายงบประมาณ", "หน่วยงานรับผิดชอบ"],
                 "แต่งตั้งคณะกรรมการเชิดชูเกียรติบุคลากรที่ปฏิบัติงานเป็นไปตามมาตรฐาน",
                 "กำหนดช่องทางการร้องเรียนเกี่ยวกับการทุจริตผ่านทางช่องทางออนไลน์ให้อยู่บนหน้าเว็บไซต์หลัก"),
            ],
            samples: [
                "จัดทำโดย",
                "อำเภอสามพราน จังหวัดนครปฐม",
                "ความเป็นมาและผลการดำเนินงาน ณ ปัจจุบันของโครงการ",
                "ไม่สามารถดำเนินการได้ เนื่องจากบุคลากรไม่เพียงพอ",
                // Computed from the 20 projects: counts by dimension and status, money spent, share done.
                "แผนป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. ๒๕๖๗ จำนวน ๒๐ โครงการ",
                // The period of the round `รอบ ๑๒ เดือน`: the whole fiscal year 2567.
                "ผลการดำเนินงาน (๑ ตุลาคม ๒๕๖๖ – ๓๐ กันยายน ๒๕๖๗)",
                "- มิติที่ ๑ การสร้างสรรค์ที่ไม่ทนต่อการทุจริต ประกอบด้วย ๖ โครงการ",
                "- มิติที่ ๒ การบริหารราชการเพื่อป้องกันการทุจริต ประกอบด้วย ๘ โครงการ",
                "๑. อยู่ระหว่างดำเนินการ ๐ โครงการ",
                "๒. เสร็จดำเนินการแล้ว ๑๗ โครงการ",
                "๓. ไม่สามารถดำเนินการ ๓ โครงการ",
                "๔. เบิกจ่ายงบประมาณ ๐.๐๐ บาท",
                "ร้อยละ ๘๕",
                // Money from `budget` and `spent`: remaining = budget − spent.
                "โครงการเสริมสร้างค่านิยมต่อต้านการทุจริต ๑ ✓ ๕๐,๐๐๐.๐๐ ๐.๐๐ ๐.๐๐ ๕๐,๐๐๐.๐๐",
            ],
            onPage: [(3, "สารบัญ"), (3, "หน้าที่"), (4, "- ๑ -")]),
        Expectation(
            file: "memo/examples/005-klong-sai-memo.yaml",
            tables: [],
            samples: ["บันทึกข้อความ", "ส่วนราชการ", "สำนักปลัด องค์การบริหารส่วนตำบลคลองไทร โทร. ๐ ๗๗๓๖ ๗๑๒๓",
                      "ที่ สฎ ๗๓๙๐๑/๑๐๕", "วันที่ ๓ เมษายน ๒๕๖๖", "เรียน นายกองค์การบริหารส่วนตำบลคลองไทร",
                      "(นางสาวสุดารัตน์ ทองคำ)", "☐ เห็นควรอนุญาตให้เผยแพร่", "(นายประสิทธิ์ รักษ์ถิ่น)"],
            onPage: [(1, "บันทึกข้อความ"), (2, "- ๒ -"), (2, "คำสั่งนายกองค์การบริหารส่วนตำบล")]),
        Expectation(
            file: "announcement/examples/006-klong-sai-integrity.yaml",
            tables: [],
            samples: ["ประกาศองค์การบริหารส่วนตำบลคลองไทร", "เรื่อง เจตจำนงสุจริตในการบริหารงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๖",
                      "จึงประกาศมาเพื่อทราบโดยทั่วกัน", "ประกาศ ณ วันที่ ๓ ตุลาคม พ.ศ. ๒๕๖๕", "(นายประสิทธิ์ รักษ์ถิ่น)"]),
        Expectation(
            file: "letter/examples/007-klong-sai-letter.yaml",
            tables: [],
            samples: ["ที่ สฎ ๗๓๙๐๑/๒๑๔", "อำเภอเคียนซา จังหวัดสุราษฎร์ธานี ๘๔๒๖๐", "๑๐ เมษายน ๒๕๖๖", "เรียน นายอำเภอเคียนซา",
                      "อ้างถึง หนังสืออำเภอเคียนซา", "สิ่งที่ส่งมาด้วย ๑. รายงานผลการดำเนินการ", "ขอแสดงความนับถือ",
                      "(นายประสิทธิ์ รักษ์ถิ่น)", "โทร. ๐ ๗๗๓๖ ๗๑๒๓"]),
    ]

    /// Text without any white space, so lines broken differently still compare.
    private func squeezed(_ text: String) -> String {
        String(text.unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) }.map(Character.init))
    }

    private func pages(of pdf: URL) throws -> [String] {
        let (_, info, _) = try RenderTests.run("/usr/bin/pdfinfo", [pdf.path])
        let line = info.split(separator: "\n").first { $0.hasPrefix("Pages:") } ?? ""
        let count = Int(line.split(separator: " ").last ?? "") ?? 0
        return try (1...max(count, 1)).map { page in
            squeezed(try RenderTests.run("/usr/bin/pdftotext", ["-raw", "-enc", "UTF-8", "-f", "\(page)", "-l", "\(page)", pdf.path, "-"]).1)
        }
    }

    func testEveryExampleRendersWithItsTablesHeadersAndComputedValues() throws {
        for expectation in Self.expectations {
            let input = RenderTests.root.appendingPathComponent("Templates/\(expectation.file)")
            let output = folder.appendingPathComponent(input.deletingPathExtension().lastPathComponent + ".pdf")
            let (status, _, errors) = try RenderTests.run(RenderTests.binary.path, ["render", input.path, "-o", output.path, "-q"])
            XCTAssertEqual(status, 0, "\(expectation.file): \(errors)")
            let texts = try pages(of: output)
            let whole = texts.joined()
            for sample in expectation.samples {
                XCTAssertTrue(whole.contains(squeezed(sample)), "\(expectation.file): missing \(sample)")
            }
            for (page, text) in expectation.onPage {
                XCTAssertTrue(texts.indices.contains(page - 1) && texts[page - 1].contains(squeezed(text)),
                              "\(expectation.file): page \(page) lacks \(text)")
            }
            for table in expectation.tables {
                guard let first = texts.firstIndex(where: { $0.contains(squeezed(table.first)) }),
                      let last = texts.lastIndex(where: { $0.contains(squeezed(table.last)) }) else {
                    XCTFail("\(expectation.file): the table starting \(table.first) is not in the PDF")
                    continue
                }
                XCTAssertLessThanOrEqual(first, last)
                for page in first...last {
                    for cell in table.header {
                        XCTAssertTrue(texts[page].contains(squeezed(cell)),
                                      "\(expectation.file): page \(page + 1) lacks the header cell \(cell)")
                    }
                }
            }
        }
    }

    /// The contents of the anticorruption report give each part's pages, from its heading to the
    /// page before the next part; the front matter (cover, คำนำ, สารบัญ) has no numbers.
    func testContentsPageRangesMatchTheRenderedParts() throws {
        let input = RenderTests.root.appendingPathComponent("Templates/anticorruption-plan-report/examples/003-bangtoei-anticorruption-plan-2567.yaml")
        let output = folder.appendingPathComponent("003.pdf")
        XCTAssertEqual(try RenderTests.run(RenderTests.binary.path, ["render", input.path, "-o", output.path, "-q"]).0, 0)
        let texts = try pages(of: output)
        let contents = try XCTUnwrap(texts.firstIndex { $0.contains("สารบัญ") })
        let parts = ["๑.ความเป็นมา", "๒.สรุปผลการดำเนินงานตามแผนปฏิบัติการต่อต้าน", "๓.รายงานผลการดำเนินงานตามแผนปฏิบัติการต่อด้าน"]
        let starts = try parts.map { part in try XCTUnwrap(texts.indices.first { $0 > contents && texts[$0].contains(part) }, part) }
        // Printed numbers start at ๑ on the page after the contents.
        let printed = { (index: Int) in index - contents }
        let ends = [starts[1] - 1, starts[2] - 1, texts.count - 1]
        let thai = { (n: Int) in String(String(n).unicodeScalars.map { Character(Unicode.Scalar($0.value - 0x30 + 0x0E50)!) }) }
        for (start, end) in zip(starts, ends) {
            XCTAssertTrue(texts[contents].contains("\(thai(printed(start)))-\(thai(printed(end)))"),
                          "contents lack \(printed(start))-\(printed(end)): \(texts[contents])")
        }
        XCTAssertEqual(starts.map(printed), [1, 4, 7], "hand-checked: parts start on printed pages ๑, ๔ and ๗")
        for index in 0...contents {
            XCTAssertNil(texts[index].range(of: #"^-[๐-๙]+-"#, options: .regularExpression), "front matter page \(index + 1) is numbered")
        }
    }

    func testTemplatesAreListedAndNewWritesADescriptionThatRenders() throws {
        let (status, listing, _) = try RenderTests.run(RenderTests.binary.path, ["templates"])
        XCTAssertEqual(status, 0)
        let names = listing.split(separator: "\n").filter { !$0.hasPrefix(" ") }.compactMap { $0.split(separator: " ").first.map(String.init) }
        XCTAssertTrue(names.contains("ita-measures"), listing)
        XCTAssertTrue(listing.contains("variant with-suggestions"), listing)
        for name in names {
            let description = folder.appendingPathComponent("\(name).yaml")
            let (written, _, writeErrors) = try RenderTests.run(RenderTests.binary.path, ["new", name, "-o", description.path])
            XCTAssertEqual(written, 0, writeErrors)
            let text = try String(contentsOf: description, encoding: .utf8)
            XCTAssertTrue(text.contains("template: \(name)"))
            // Every top-level field has its comment right above it.
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for (index, line) in lines.enumerated() where index > 0 && !line.hasPrefix("template:")
                && line.range(of: #"^[a-z][a-z-]*:"#, options: .regularExpression) != nil {
                XCTAssertTrue(lines[index - 1].hasPrefix("#"), "\(name): no comment above `\(line)`")
            }
            let pdf = folder.appendingPathComponent("\(name).pdf")
            let (rendered, _, renderErrors) = try RenderTests.run(RenderTests.binary.path, ["render", description.path, "-o", pdf.path, "-q"])
            XCTAssertEqual(rendered, 0, "\(name): \(renderErrors)")
            // An existing file is never overwritten.
            let (again, _, refusal) = try RenderTests.run(RenderTests.binary.path, ["new", name, "-o", description.path])
            XCTAssertEqual(again, 2)
            XCTAssertTrue(refusal.contains("already exists"), refusal)
            XCTAssertEqual(try String(contentsOf: description, encoding: .utf8), text)
        }
    }

    /// `expand` writes a description that names no template and renders to the same text, page by
    /// page, as the example it came from (computed numbers, multi-line texts and quoting included);
    /// it never overwrites a file.
    func testExpandWritesAPlainDescriptionThatRendersTheSameText() throws {
        for file in ["ita-measures/examples/004-klong-sai.yaml", "ita-analysis/examples/002-nongwa-ita-analysis-2568.yaml"] {
            let input = RenderTests.root.appendingPathComponent("Templates/\(file)")
            let expanded = folder.appendingPathComponent("expanded.yaml")
            try? FileManager.default.removeItem(at: expanded)
            let (status, _, errors) = try RenderTests.run(RenderTests.binary.path, ["expand", input.path, "-o", expanded.path])
            XCTAssertEqual(status, 0, "\(file): \(errors)")
            let text = try String(contentsOf: expanded, encoding: .utf8)
            XCTAssertNil(text.range(of: #"(?m)^template:"#, options: .regularExpression), "\(file): the expanded description names no template")
            let original = folder.appendingPathComponent("original.pdf"), copy = folder.appendingPathComponent("expanded.pdf")
            XCTAssertEqual(try RenderTests.run(RenderTests.binary.path, ["render", input.path, "-o", original.path, "-q"]).0, 0)
            let (rendered, _, renderErrors) = try RenderTests.run(RenderTests.binary.path, ["render", expanded.path, "-o", copy.path, "-q"])
            XCTAssertEqual(rendered, 0, "\(file): \(renderErrors)")
            XCTAssertEqual(try pages(of: copy), try pages(of: original), file)
            let (again, _, refusal) = try RenderTests.run(RenderTests.binary.path, ["expand", input.path, "-o", expanded.path])
            XCTAssertEqual(again, 2)
            XCTAssertTrue(refusal.contains("already exists"), refusal)
        }
    }

    func testTemplateMistakesAreReportedWithTheirPlace() throws {
        let description = folder.appendingPathComponent("report.yaml")
        try """
        template: ita-measure
        organization: องค์การบริหารส่วนตำบลคลองประสัก
        """.write(to: description, atomically: true, encoding: .utf8)
        let (status, _, errors) = try RenderTests.run(RenderTests.binary.path, ["check", description.path])
        XCTAssertEqual(status, 1)
        XCTAssertTrue(errors.contains("\(description.path):1:11: error: unknown template `ita-measure`; available: "), errors)
        XCTAssertTrue(errors.contains("(did you mean `ita-measures`?)"), errors)

        try """
        template: ita-measures
        variant: by-issue
        organisation: องค์การบริหารส่วนตำบลคลองประสัก
        fiscal-year: 2024
        groups:
          - measures:
              - measure: การป้องกันการขัดกันระหว่างประโยชน์ส่วนตนและประโยชน์ส่วนรวม
                suggestion: เพิ่มช่องทาง
        """.write(to: description, atomically: true, encoding: .utf8)
        let (status2, _, errors2) = try RenderTests.run(RenderTests.binary.path, ["check", description.path])
        XCTAssertEqual(status2, 1)
        let lines = errors2.split(separator: "\n").map(String.init)
        XCTAssertEqual(Array(lines.prefix(4)), [
            "\(description.path):1:1: error: missing field `organization` (ชื่อหน่วยงาน เขียนเต็ม ไม่ตัดคำข้ามบรรทัด) (add `organization:` with a text)",
            "\(description.path):3:1: error: unknown field `organisation` (did you mean `organization`?)",
            "\(description.path):4:14: error: `fiscal-year` should be a Buddhist Era year, found 2024 (write the Buddhist Era year: 2567)",
            "\(description.path):8:9: error: variant `by-issue` does not print `groups.measures.suggestion` (remove it, or choose a variant that prints it: `with-suggestions`)",
        ], errors2)
    }
}
