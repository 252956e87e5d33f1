import Foundation
import XCTest
@testable import Graphics

/// End to end: the `thaireport` binary renders real descriptions; the PDFs are checked with
/// poppler's tools (page count, text per page, embedded fonts) and byte for byte.
final class RenderTests: FolderTestCase {

    /// The package's root folder.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The built `thaireport` executable, beside the test bundle.
    static var binary: URL {
        let folder = Bundle.main.bundleURL
        for candidate in [folder, folder.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("thaireport")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return root.appendingPathComponent(".build/debug/thaireport")
    }

    /// Runs a program; returns its exit status, standard output and standard error.
    @discardableResult
    static func run(_ program: String, _ arguments: [String], environment: [String: String] = [:],
                    directory: URL? = nil) throws -> (Int32, String, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        if let directory { process.currentDirectoryURL = directory }
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let error = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: error, as: UTF8.self))
    }

    private func render(_ input: URL, _ output: URL, environment: [String: String] = ["SOURCE_DATE_EPOCH": "1700000000"]) throws -> (Int32, String, String) {
        try Self.run(Self.binary.path, ["render", input.path, "-o", output.path], environment: environment)
    }

    private func pageCount(_ pdf: URL) throws -> Int {
        let (_, info, _) = try Self.run("/usr/bin/pdfinfo", [pdf.path])
        let line = info.split(separator: "\n").first { $0.hasPrefix("Pages:") } ?? ""
        return Int(line.split(separator: " ").last ?? "") ?? 0
    }

    private func text(_ pdf: URL, page: Int) throws -> String {
        try Self.run("/usr/bin/pdftotext", ["-raw", "-enc", "UTF-8", "-f", "\(page)", "-l", "\(page)", pdf.path, "-"]).1
    }

    private func write(_ yaml: String, name: String = "report.yaml") throws -> URL {
        let url = folder.appendingPathComponent(name)
        try yaml.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// A report with a landscape table long enough for several pages.
    private func longTableReport(rows: Int) -> String {
        var yaml = """
        metadata: {title: รายงานทดสอบ, author: ทดสอบ, language: th}
        sections:
          - blocks:
              - heading: รายงานผลการดำเนินงาน
              - ข้อความนำ
          - page: {orientation: landscape}
            blocks:
              - table:
                  columns: [1.5cm, 5fr, 3fr, 3fr]
                  header: [ลำดับ, มาตรการ/กิจกรรม, ผู้รับผิดชอบ, ผลการดำเนินการ]
                  rows:

        """
        for number in 1...rows {
            yaml += "            - [\"\(number)\", \"มาตรการที่ \(number) ส่งเสริมคุณธรรมและความโปร่งใส\\nย่อหน้าที่สองของเซลล์\", สำนักปลัด, ดำเนินการแล้ว]\n"
        }
        return yaml
    }

    func testHeaderRowOnEveryPageOfATable() throws {
        let input = try write(longTableReport(rows: 150))
        let output = folder.appendingPathComponent("report.pdf")
        let (status, _, error) = try render(input, output)
        XCTAssertEqual(status, 0, error)
        let pages = try pageCount(output)
        XCTAssertGreaterThan(pages, 4)
        for page in 2...pages {
            let content = try text(output, page: page)
            XCTAssertTrue(content.contains("ลำดับ มาตรการ/กิจกรรม ผู้รับผิดชอบ ผลการดำเนินการ"), "page \(page): \(content.prefix(200))")
        }
        let last = try text(output, page: pages)
        XCTAssertTrue(last.contains("มาตรการที่ 150 ส่งเสริมคุณธรรมและความโปร่งใส"))
        XCTAssertTrue(try text(output, page: 2).contains("มาตรการที่ 1 ส่งเสริม"))
    }

    func testFontsEmbeddedAndSameBytesTwice() throws {
        let input = try write(longTableReport(rows: 30))
        let first = folder.appendingPathComponent("a.pdf"), second = folder.appendingPathComponent("b.pdf")
        XCTAssertEqual(try render(input, first).0, 0)
        XCTAssertEqual(try render(input, second).0, 0)
        XCTAssertEqual(try Data(contentsOf: first), try Data(contentsOf: second), "rendering twice gives identical bytes")
        let (_, fonts, _) = try Self.run("/usr/bin/pdffonts", [first.path])
        let rows = fonts.split(separator: "\n").dropFirst(2)
        XCTAssertFalse(rows.isEmpty)
        for row in rows {
            let columns = row.split(separator: " ")
            XCTAssertTrue(row.contains("Sarabun") || row.contains("DejaVuSans"), "only bundled fonts: \(row)")
            XCTAssertEqual(columns[columns.count - 5], "yes", "embedded: \(row)")
            XCTAssertEqual(columns[columns.count - 4], "yes", "subset: \(row)")
        }
        let (_, info, _) = try Self.run("/usr/bin/pdfinfo", [first.path])
        XCTAssertTrue(info.contains("Title:           รายงานทดสอบ"), info)
        XCTAssertTrue(info.contains("CreationDate:    Tue Nov 14 22:13:20 2023 UTC"), info)
    }

    func testFailedRenderLeavesEarlierOutputUntouched() throws {
        let output = folder.appendingPathComponent("report.pdf")
        let good = try write(longTableReport(rows: 5))
        XCTAssertEqual(try render(good, output).0, 0)
        let before = try Data(contentsOf: output)
        let bad = try write("blocks:\n  - table:\n      columns: [1cm, 2 cmm]\n      rows: [[a, b]]\n", name: "bad.yaml")
        let (status, _, error) = try render(bad, output)
        XCTAssertEqual(status, 1)
        XCTAssertTrue(error.contains("bad.yaml:3:22: error: column width: unknown unit `cmm`"), error)
        XCTAssertEqual(try Data(contentsOf: output), before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tmp") }
        XCTAssertEqual(leftovers, [], "no partial file is left behind")
    }

    func testCheckReportsWithoutWriting() throws {
        let input = try write("blocks:\n  - heading: ก\n    levle: 2\n  - spacer: 1 cmm\n")
        let (status, output, error) = try Self.run(Self.binary.path, ["check", input.path])
        XCTAssertEqual(status, 1)
        XCTAssertEqual(output, "")
        let lines = error.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 3, error)
        guard lines.count == 3 else { return }
        XCTAssertTrue(lines[0].hasSuffix("report.yaml:3:5: error: unknown key `levle` in `heading` (did you mean `level`?)"), lines[0])
        XCTAssertTrue(lines[1].contains("report.yaml:4:13: error: `height`: unknown unit `cmm`"), lines[1])
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("report.pdf").path))
    }

    func testUnwritableOutputIsAToolError() throws {
        let input = try write("blocks: [ข้อความ]\n")
        let (status, _, error) = try Self.run(Self.binary.path, ["render", input.path, "-o", "/nonexistent-folder/x.pdf"])
        XCTAssertEqual(status, 2)
        XCTAssertTrue(error.contains("the output folder /nonexistent-folder does not exist"), error)
        let device = try Self.run(Self.binary.path, ["render", input.path, "-o", "/dev/null"])
        XCTAssertEqual(device.0, 2)
        XCTAssertTrue(device.2.contains("the output /dev/null is not a regular file"), device.2)
        var info = stat()
        XCTAssertEqual(stat("/dev/null", &info), 0)
        XCTAssertEqual(info.st_mode & S_IFMT, S_IFCHR, "/dev/null is still a device")
    }

    /// Every example description shipped in Templates/ renders, with fonts embedded.
    func testExamplesRender() throws {
        let templates = Self.root.appendingPathComponent("Templates")
        let examples = (FileManager.default.enumerator(atPath: templates.path)?.allObjects as? [String] ?? [])
            .filter { $0.contains("examples/") && $0.hasSuffix(".yaml") }
        XCTAssertFalse(examples.isEmpty, "Templates/ holds example descriptions")
        for example in examples {
            let output = folder.appendingPathComponent(URL(fileURLWithPath: example).deletingPathExtension().lastPathComponent + ".pdf")
            let (status, _, error) = try render(templates.appendingPathComponent(example), output)
            XCTAssertEqual(status, 0, "\(example): \(error)")
            XCTAssertGreaterThan(try pageCount(output), 0, example)
            let (_, fonts, _) = try Self.run("/usr/bin/pdffonts", [output.path])
            for row in fonts.split(separator: "\n").dropFirst(2) {
                let columns = row.split(separator: " ")
                XCTAssertEqual(columns[columns.count - 5], "yes", "\(example): font not embedded: \(row)")
            }
        }
    }

    /// The hard cases of Thai mark placement, in regular and bold, in justified paragraphs and table
    /// cells, come back from pdftotext with every character (ำ whole, Thai digits as U+0E50–0E59), and
    /// with their spaces exactly where each word is an `/ActualText` span: everywhere but the first
    /// words that show a glyph the font's cmap does not reach (see `TextLayer`), where poppler may
    /// read a space before a mark.
    func testHardCasesCopyBackExactly() throws {
        let output = try renderHardCases()
        // A line break stands where a space was; the space itself stays with the word before it.
        let extracted = try text(output, page: 1).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        XCTAssertGreaterThanOrEqual(extracted.components(separatedBy: Self.hardCaseLine).count - 1, 2, extracted)
        // Scalars, not characters: a space before a mark forms one character with it.
        let unspaced = { (text: String) in String(String.UnicodeScalarView(text.unicodeScalars.filter { !$0.properties.isWhitespace })) }
        XCTAssertEqual(unspaced(extracted).components(separatedBy: unspaced(Self.hardCaseLine)).count - 1, 4, extracted)
        XCTAssertFalse(extracted.unicodeScalars.contains("\u{0E4D}"), "ำ never comes back as nikhahit + sara aa")
    }

    /// Readers that rebuild text from glyph positions (PDFium) read each word from its `/ActualText`
    /// span; readers that ignore spans (pdfminer) read each glyph's ToUnicode entry. Both must hold the
    /// source text: every word of the hard cases with a mark or a ligature has its span (Cairo writes
    /// one for a word shown as one cluster), a word whose letters each read back alone (๕๐,๐๐๐.๐๐, ทำ
    /// with its ำ as one glyph) has none, a glyph reads as ำ, and the Latin ligature glyphs read as
    /// their letters.
    func testWordsHaveActualTextSpansAndGlyphsMapToTheirCharacters() throws {
        let pdf = try uncompressed(try renderHardCases())
        let regex = try NSRegularExpression(pattern: "/ActualText <feff([0-9a-f]*)>")
        let spans = regex.matches(in: pdf, range: NSRange(pdf.startIndex..., in: pdf)).map { match -> String in
            let hex = Array(pdf[Range(match.range(at: 1), in: pdf)!])
            let units = stride(from: 0, to: hex.count, by: 4).map { UInt16(String(hex[$0..<$0 + 4]), radix: 16)! }
            return String(decoding: units, as: UTF16.self)
        }
        for word in Self.hardCases where word.unicodeScalars.count > 1 {
            // A word of letters that each read back alone (no mark, no ligature) needs no span.
            let needsSpan = word.unicodeScalars.contains { $0.properties.generalCategory == .nonspacingMark }
                || word.contains("fi") || word.contains("fl")
            XCTAssertEqual(spans.contains(word + " ") || spans.contains(word), needsSpan, "span for \(word): \(spans)")
        }
        XCTAssertTrue(pdf.contains("<0e33>"), "a glyph reads as ำ")
        XCTAssertFalse(pdf.contains("<0e4d>"), "no glyph reads as a lone nikhahit")
        // Sarabun's fi and fl ligatures have no cmap entry (scripts/prepare-fonts.py): they read as letters.
        XCTAssertTrue(pdf.contains("<00660069>") && pdf.contains("<0066006c>"), "the ligatures read as fi and fl")
        XCTAssertFalse(pdf.contains("<fb01>") || pdf.contains("<fb02>"), "no glyph reads as a presentation-form ligature")
    }

    /// A mark that shaping starts after the next letter's start (Sarabun Bold's small tone mark over ึ)
    /// is not taught by showing its word a glyph at a time, which PDFium would read out of order
    /// (ขึนเผยแพร่ ้): the word is one span and the finished PDF's ToUnicode CMap gives the glyph its text.
    func testAMarkThatWouldReadOutOfOrderGetsItsTextInTheFinishedPDF() throws {
        let input = try write("blocks:\n  - \"**ผู้รับผิดชอบการนำข้อมูลขึ้นเผยแพร่**\"\n")
        let output = folder.appendingPathComponent("r.pdf")
        XCTAssertEqual(try render(input, output).0, 0)
        let pdf = try uncompressed(output)
        XCTAssertTrue(pdf.contains("/ActualText <feff0e1c0e390e490e230e310e1a0e1c0e340e140e0a0e2d0e1a0e010e320e230e190e330e020e490e2d0e210e390e250e020e360e490e190e400e1c0e220e410e1e0e230e48>"),
                      "the word is one span")
        XCTAssertFalse(pdf.contains("<fffd>"), "every glyph has its text")
        XCTAssertTrue(pdf.contains("> <0e49>"), "the small tone mark reads as ้")
    }

    /// Text that holds the private-use characters U+F8FE and U+F8FF, right-to-left words (Hebrew,
    /// Arabic-script Malay) and a lone right-to-left mark renders and reads back with pdftotext.
    func testPrivateUseAndRightToLeftTextReadsBack() throws {
        let yaml = """
        blocks:
          - "ภาษา ไทย שלום และ داتڠ ke Malaysia จบ"
          - "ผู้ใช้พิมพ์ \\uF8FE และ \\uF8FF ลงในข้อความ ป้องกัน"
          - "\\u200F"
        """
        let output = folder.appendingPathComponent("rtl.pdf")
        let (status, _, error) = try render(try write(yaml), output)
        XCTAssertEqual(status, 0, error)
        let (_, extracted, problems) = try Self.run("/usr/bin/pdftotext", ["-enc", "UTF-8", output.path, "-"])
        XCTAssertFalse(problems.contains("Mismatched"), problems)
        // pdftotext wraps right-to-left text in embedding marks and leads with the page number.
        let words = extracted.split(whereSeparator: { $0.isWhitespace || $0 == "\u{202B}" || $0 == "\u{202C}" }).map(String.init)
        for word in ["ไทย", "שלום", "และ", "داتڠ", "Malaysia", "จบ", "ผู้ใช้พิมพ์", "ลงในข้อความ", "ป้องกัน"] {
            XCTAssertTrue(words.contains(word), "\(word) in \(words)")
        }
        XCTAssertTrue(extracted.unicodeScalars.contains("\u{F8FF}"), "Sarabun draws U+F8FF and it reads back")
    }

    /// The finishing step keeps what Cairo wrote and adds the document language: the catalog has
    /// `/Lang`, the outline has the headings, and the file reads without complaint.
    func testCatalogHasLanguageAndOutline() throws {
        let yaml = "metadata: {title: ทดสอบ, language: th}\nblocks:\n  - heading: บทที่หนึ่ง\n  - ข้อความ\n  - heading: {text: ส่วนย่อย, level: 2}\n"
        let output = folder.appendingPathComponent("lang.pdf")
        let (status, _, error) = try render(try write(yaml), output)
        XCTAssertEqual(status, 0, error)
        let pdf = try uncompressed(output)
        XCTAssertTrue(pdf.contains("/Lang (th)"), "the catalog names the language")
        XCTAssertTrue(pdf.contains("/Type /Outlines") && pdf.contains("/Count"), "the outline is kept")
        let check = try Self.run("/usr/bin/qpdf", ["--check", output.path])
        XCTAssertEqual(check.0, 0, check.1 + check.2)
    }

    /// The PDF with every stream uncompressed and no object streams (qpdf --qdf), as text.
    private func uncompressed(_ pdf: URL) throws -> String {
        let qdf = folder.appendingPathComponent("uncompressed.pdf")
        let (status, _, error) = try Self.run("/usr/bin/qpdf", ["--qdf", "--object-streams=disable", pdf.path, qdf.path])
        XCTAssertEqual(status, 0, error)
        return String(decoding: try Data(contentsOf: qdf), as: UTF8.self)
    }

    static let hardCases = ["ปี่", "ป้", "ฝ้", "ฟ้", "ฬ่", "ญู", "ฐู", "ฎุ", "ฏุ", "น้ำ", "ก่ำ", "ที่", "ปั้น", "ทำ", "๕๐,๐๐๐.๐๐", "official", "flow"]
    static let hardCaseLine = hardCases.joined(separator: " ")

    private func renderHardCases() throws -> URL {
        let line = Self.hardCaseLine
        let filler = "การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ"
        let yaml = """
        metadata: {title: ทดสอบ}
        blocks:
          - paragraph: {text: "\(filler) \(line) \(filler)", align: justify}
          - paragraph: {text: "**\(filler) \(line) \(filler)**", align: justify}
          - table:
              columns: [1fr, 1fr]
              header: [ปกติ, ตัวหนา]
              rows:
                - ["\(line)", "**\(line)**"]
        """
        let output = folder.appendingPathComponent("hard.pdf")
        let (status, _, error) = try render(try write(yaml), output)
        XCTAssertEqual(status, 0, error)
        return output
    }
}
