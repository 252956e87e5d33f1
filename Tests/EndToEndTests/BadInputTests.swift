import Foundation
import ReportSyntax
import ThaiReport
import XCTest

/// The catalogue of bad input: one test per class of mistake, each asserting the exact
/// `file:line:column`, message and hint that `check` and `render` print; then hostile input,
/// refused within the limits in bounded time.
final class BadInputTests: FolderTestCase {

    /// A small PNG picture (the example emblem).
    private static let emblem = RenderTests.root.appendingPathComponent("Templates/examples/images/emblem.png")

    /// What `check` reports for `yaml` written as `r.yaml` beside `files`, each line as printed,
    /// with the temporary folder's path left out.
    private func check(_ yaml: String, files: [String: Data] = [:], limits: InputLimits = .standard) throws -> [String] {
        for (name, data) in files { try write(name, data) }
        let input = try write("r.yaml", Data(yaml.utf8))
        let diagnostics: [Diagnostic]
        do {
            diagnostics = try ReportPipeline.check(path: input.path, limits: limits)
        } catch let list as DiagnosticList {
            diagnostics = list.items
        }
        return diagnostics.map {
            $0.description.replacingOccurrences(of: folder.path + "/", with: "").replacingOccurrences(of: folder.path, with: "FOLDER")
        }
    }

    // MARK: YAML syntax

    func testTabIndentation() throws {
        XCTAssertEqual(try check("blocks:\n\t- ข้อความ\n"),
                       ["r.yaml:2:1: error: a tab is used for indentation (YAML indents with spaces only: replace the tab with spaces)"])
    }

    func testUnclosedQuote() throws {
        XCTAssertEqual(try check("blocks:\n  - \"ข้อความ\n  - ต่อ\n"),
                       ["r.yaml:2:5: error: the quote that starts here is never closed (end the text with the same quote it starts with, \" or ')"])
    }

    func testBadIndentation() throws {
        XCTAssertEqual(try check("blocks:\n  - heading: ก\n   level: 2\n"),
                       ["r.yaml:3:4: error: this line is indented differently from the list items above it (items of one list start with `- ` in the same column; an item's options line up with its first key)"])
        XCTAssertEqual(try check("metadata:\n  title: ก\n   author: ข\nblocks: [x]\n"),
                       ["r.yaml:3:10: error: a `: ` where no key can start (put a text that contains `: ` in quotes, or indent this line like the key above it)"])
    }

    func testUnclosedBracketIsReportedWhereItOpens() throws {
        XCTAssertEqual(try check("blocks: [ก, ข\n"),
                       ["r.yaml:1:9: error: this `[` list is never closed (end it with `]`; quote items that contain `,` `[` or `]`)"])
    }

    func testTextStartingWithAStar() throws {
        XCTAssertEqual(try check("blocks:\n  - *ตัวเอน* ข้อความ\n"),
                       ["r.yaml:2:5: error: `*` starts an alias here, and no anchor `&` of that name comes before it (put a text that starts with `*` in quotes: \"*ตัวเอน* ข้อความ\")"])
    }

    func testNotUTF8NamesTheByte() throws {
        let input = try write("r.yaml", Data(Array("blocks:\n  - ก\n  - ".utf8) + [0xA1, 0xD2]))
        XCTAssertThrowsError(try ReportPipeline.check(path: input.path)) { error in
            XCTAssertEqual((error as? DiagnosticList)?.items.map(\.description),
                           ["\(input.path):3:5: error: the file is not UTF-8 text: it has byte 0xA1 at offset 20 (save it as UTF-8; a file saved as TIS-620 or Windows-874 must be converted (iconv -f TIS-620 -t UTF-8))"])
        }
    }

    func testEmptyFile() throws {
        XCTAssertEqual(try check(""), ["r.yaml:1:1: error: the description is empty (start from an example in Templates/examples/)"])
        XCTAssertEqual(try check("# ก\n"), ["r.yaml:1:1: error: the description holds only comments (add the report's keys)"])
    }

    // MARK: Keys, types and values

    func testUnknownKeySuggestsNearest() throws {
        XCTAssertEqual(try check("blocks:\n  - heading: หัวข้อ\n    levle: 2\n"),
                       ["r.yaml:3:5: error: unknown key `levle` in `heading` (did you mean `level`?)"])
        XCTAssertEqual(try check("metadata: {titel: ก}\nblocks: [x]\n"),
                       ["r.yaml:1:12: error: unknown key `titel` in `metadata` (did you mean `title`?)"])
    }

    func testListWhereTextExpected() throws {
        XCTAssertEqual(try check("metadata:\n  title: [หนึ่ง, สอง]\nblocks: [ข้อความ]\n"),
                       ["r.yaml:2:10: error: `title` must be a text, found a list (write one text, or join the items into one)"])
    }

    func testBadLengthSuggestsTheUnit() throws {
        XCTAssertEqual(try check("page:\n  margins: {left: 3 cmm, top: 12}\nblocks: [ข้อความ]\n"), [
            "r.yaml:2:19: error: `left`: unknown unit `cmm` in `3 cmm` (did you mean `cm`? lengths take cm, mm, pt or in)",
            "r.yaml:2:31: error: `top`: `12` has no unit (write `12cm`, `12mm` or `12pt`)",
        ])
    }

    func testBadColour() throws {
        XCTAssertEqual(try check("styles:\n  body: {color: \"#12345G\"}\n  note: {color: grean}\nblocks: [ข้อความ]\n"), [
            "r.yaml:2:17: error: `color`: `#12345G` is not a colour (write `#RRGGBB` like `#D9D9D9`, or one of black, blue, gray, green, grey, lightgray, lightgrey, red, white)",
            "r.yaml:3:17: error: `color`: `grean` is not a colour (did you mean `green`? write `#RRGGBB` like `#D9D9D9`, or one of black, blue, gray, green, grey, lightgray, lightgrey, red, white)",
        ])
    }

    func testEnumListsTheValidValues() throws {
        XCTAssertEqual(try check("page:\n  orientation: landscap\nblocks:\n  - paragraph: ก\n    align: middle\n"), [
            "r.yaml:2:16: error: `orientation` cannot be `landscap` (did you mean `landscape`? valid values: portrait, landscape)",
            "r.yaml:5:12: error: `align` cannot be `middle` (valid values: left, center, right, justify)",
        ])
    }

    func testUnknownStyleSuggestsNearest() throws {
        XCTAssertEqual(try check("blocks:\n  - paragraph: ก\n    style: bodyy\n"), [
            "r.yaml:3:12: error: unknown style `bodyy` (did you mean `body`? define it under `styles` or use one of: body, caption, footer, header, heading-1, heading-2, heading-3, heading-4, heading-5, heading-6, signature, table, table-header, title, toc, toc-title)",
        ])
    }

    func testUnknownFontFamily() throws {
        XCTAssertEqual(try check("font: Sarabn\nstyles:\n  x: {font: Arial}\nblocks: [ข้อความ]\n"), [
            "r.yaml:1:7: error: unknown font `Sarabn` (did you mean `Sarabun`? known fonts: Sarabun, DejaVu Sans; add others under `fonts`)",
            "r.yaml:3:13: error: unknown font `Arial` (known fonts: Sarabun, DejaVu Sans; add others under `fonts`)",
        ])
    }

    // MARK: Tables

    func testUnknownColumnKeyInRecordsAndTotals() throws {
        XCTAssertEqual(try check("""
        blocks:
          - table:
              columns: [1cm, {key: item, width: 1fr}, {key: budget, width: 3cm, format: money}]
              rows:
                - {item: ก, budjet: 5}
              totals: {columns: [budgte]}
        """), [
            "r.yaml:5:21: error: unknown column key `budjet` in a row (did you mean `budget`?)",
            "r.yaml:6:26: error: unknown column `budgte` in `totals` (did you mean `budget`? name a column by its `key` (item, budget) or by its number, 1 to 3)",
        ])
    }

    func testTooManyAndTooFewCells() throws {
        XCTAssertEqual(try check("""
        blocks:
          - table:
              columns: [1cm, 1fr, 1fr]
              rows:
                - [a, b, c, d]
                - [a, b]
        """), [
            "r.yaml:5:21: error: body row 1 has more cells than the table's 3 columns (remove a cell, or check the `colspan`/`rowspan` of the cells before it; inside `[ ]` a comma separates cells, so quote texts and numbers that contain one (\"1,000.50\"))",
            "r.yaml:6:11: error: body row 2 fills 2 of the table's 3 columns (add 1 cell; write `~` or \"\" for an empty cell)",
        ])
    }

    func testOverlappingSpans() throws {
        XCTAssertEqual(try check("""
        blocks:
          - table:
              columns: [1cm, 1fr, 1fr]
              rows:
                - [a, {text: b, rowspan: 2}, c]
                - [{text: x, colspan: 2}, y]
        """), [
            "r.yaml:6:12: error: this cell overlaps a row span from above in column 2 (a cell with `rowspan` above already fills column 2 of this row; make this cell's `colspan` smaller)",
        ])
    }

    func testSpansPastTheTable() throws {
        XCTAssertEqual(try check("""
        blocks:
          - table:
              columns: [1cm, 1fr, 1fr]
              rows:
                - [a, {text: b, colspan: 3}]
                - [a, b, {text: c, rowspan: 4}]
        """), [
            "r.yaml:5:15: error: a cell spans 3 columns from column 2, past the table's 3 columns (make `colspan` at most 2)",
            "r.yaml:6:18: error: a cell spans 4 rows from body row 2, past the last row (2) (make `rowspan` at most 1)",
        ])
    }

    // MARK: Blocks taller than a page

    /// Padding taller than the page's text area left no room for a line: the table looped forever
    /// making empty pages. It is an error at `padding`, measured against the section's own pages.
    func testPaddingTallerThanThePage() throws {
        XCTAssertEqual(try check("""
        sections:
          - blocks:
              - table:
                  columns: [1fr, 1fr]
                  padding: "30cm 4pt"
                  rows: [[a, b]]
          - page: {orientation: landscape}
            blocks:
              - table: {columns: [1fr], padding: 9cm, rows: [[a]]}
        """), [
            "r.yaml:5:20: error: `padding` leaves no room for text: its top and bottom together (60.0 cm) are taller than the page's text area (25.2 cm) (make the padding smaller, like `2pt 4pt`)",
            "r.yaml:9:42: error: `padding` leaves no room for text: its top and bottom together (18.0 cm) are taller than the page's text area (16.5 cm) (make the padding smaller, like `2pt 4pt`)",
        ])
    }

    /// A row whose padding leaves room on the page, but not for its first line, is reported at
    /// the row, never drawn past the foot of the page.
    func testTableRowTallerThanThePage() throws {
        XCTAssertEqual(try check("""
        blocks:
          - table:
              columns: [1fr, 1fr]
              padding: "12.5cm 4pt"
              rows: [[a, b]]
        """), [
            "r.yaml:5:14: error: this table row does not fit on a page: its first line and the cell padding take 25.6 cm, the page's text area is 25.2 cm (make the table's `padding` or the row's text smaller)",
        ])
    }

    /// A signature block is never split; one taller than a page (60 position lines) is reported,
    /// not cut at the foot of the page.
    func testSignatureTallerThanThePage() throws {
        let lines = (1...60).map { "ตำแหน่งบรรทัดที่ \($0)" }.joined(separator: ", ")
        XCTAssertEqual(try check("blocks:\n  - signature: {name: นายสมชาย ใจดี, position: [\(lines)]}\n"), [
            "r.yaml:2:16: error: the signature block is 46.1 cm tall, taller than the page's text area (25.2 cm) (shorten the signers' `position` lines or `space`, or make the style smaller)",
        ])
    }

    /// A line taller than the page (spacing of 5 lines at size 200) is reported at its paragraph.
    func testLineTallerThanThePage() throws {
        XCTAssertEqual(try check("styles:\n  body: {size: 200, line-spacing: 5}\nblocks:\n  - ก\n"), [
            "r.yaml:4:5: error: a line of this block is 45.9 cm tall, taller than the page's text area (25.2 cm) (make the style's `size` or `line-spacing` smaller)",
        ])
    }

    // MARK: Files the description names

    func testMissingImageSuggestsTheNearestFile() throws {
        XCTAssertEqual(try check("blocks:\n  - image: images/emblem.PNG\n", files: ["images/emblem.png": try Data(contentsOf: Self.emblem)]),
                       ["r.yaml:2:12: error: the image `images/emblem.PNG` does not exist (did you mean `images/emblem.png`? paths are relative to the description's folder FOLDER)"])
    }

    func testUnreadableImage() throws {
        let image = try write("emblem.png", Data(contentsOf: Self.emblem))
        chmod(image.path, 0)
        try write("r.yaml", Data("blocks:\n  - image: emblem.png\n".utf8))
        // Root reads whatever the permissions say, so as root the command runs as nobody.
        let command = geteuid() == 0 ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", RenderTests.binary.path]
                                     : [RenderTests.binary.path]
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: command[0]), "setpriv is needed to drop root")
        chmod(folder.path, 0o755)
        let (status, output, error) = try RenderTests.run(command[0], Array(command.dropFirst()) + ["check", "r.yaml"], directory: folder)
        XCTAssertEqual(status, 1, output + error)
        XCTAssertEqual(error, "r.yaml:2:12: error: the image `emblem.png` cannot be read (check its permissions)\n1 error in the description; nothing was written\n")
    }

    func testCorruptImages() throws {
        var truncatedHeader = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var garbageSize = truncatedHeader
        garbageSize.append(contentsOf: [0, 0, 0, 13] + Array("IHDR".utf8) + [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])
        var damaged = truncatedHeader
        damaged.append(contentsOf: [0, 0, 0, 13] + Array("IHDR".utf8) + [0, 0, 0, 16, 0, 0, 0, 16] + Array("garbage".utf8))
        truncatedHeader.append(contentsOf: [0, 0])
        XCTAssertEqual(try check("""
        blocks:
          - image: text.png
          - image: truncated.png
          - image: huge.png
          - image: damaged.png
          - image: empty.jpg
        """, files: ["text.png": Data("not a picture".utf8), "truncated.png": truncatedHeader, "huge.png": garbageSize,
                     "damaged.png": damaged, "empty.jpg": Data()]), [
            "r.yaml:2:12: error: the image `text.png` is neither a PNG nor a JPEG image (give a PNG or JPEG file)",
            "r.yaml:3:12: error: the image `truncated.png` is a truncated PNG file (open it in an image editor and save it again as PNG or JPEG)",
            "r.yaml:4:12: error: the image `huge.png` is 4294967295×4294967295 pixels; pictures are limited to 50 megapixels (scale it down; an A4 page printed at 300 dpi needs about 9 megapixels)",
            "r.yaml:5:12: error: the image `damaged.png` is a damaged PNG file (open it in an image editor and save it again as PNG or JPEG)",
            "r.yaml:6:12: error: the image `empty.jpg` is empty (give a PNG or JPEG file)",
        ])
    }

    func testMissingAndCorruptFontFiles() throws {
        XCTAssertEqual(try check("""
        fonts:
          - family: TH Sarabun New
            files: [THSarabunNew.ttf, fonts/missing.ttf]
        blocks: [ข้อความ]
        """, files: ["THSarabunNew.ttf": Data("not a font".utf8)]), [
            "r.yaml:3:13: error: the font file `THSarabunNew.ttf` is not a font that can be used (give TrueType (.ttf) or OpenType (.otf) files)",
            "r.yaml:3:31: error: the font file `fonts/missing.ttf` does not exist (paths are relative to the description's folder FOLDER)",
        ])
    }

    func testFontFileOfAnotherFamily() throws {
        let sarabun = RenderTests.root.appendingPathComponent("Fonts/Sarabun/Sarabun-Regular.ttf")
        XCTAssertEqual(try check("fonts:\n  - {family: TH Sarabun New, files: [f.ttf]}\nblocks: [ข้อความ]\n",
                                 files: ["f.ttf": try Data(contentsOf: sarabun)]),
                       ["r.yaml:2:14: error: the files of font family `TH Sarabun New` hold the family `Sarabun` (write `family: Sarabun`)"])
    }

    func testMissingCSV() throws {
        XCTAssertEqual(try check("blocks:\n  - table:\n      columns: [1cm, 1fr]\n      rows-from: data.csv\n"),
                       ["r.yaml:4:18: error: the CSV file `data.csv` does not exist (paths are relative to the description's folder FOLDER)"])
    }

    func testCSVProblemsAreLocatedInTheCSVFile() throws {
        let csv = "n,name\n\"1\",\"two\nlines\"\nonly\n3,c,extra\n"
        XCTAssertEqual(try check("""
        blocks:
          - table:
              columns: [{key: n, width: 1cm}, {key: name, width: 1fr}]
              rows-from: data.csv
          - heading: {text: ก, levle: 1}
        """, files: ["data.csv": Data(csv.utf8), "tis.csv": Data([0x61, 0x2C, 0xA1])]), [
            "data.csv:4:1: error: this CSV row has 1 field; the table has 2 columns (add 1 field)",
            "data.csv:5:1: error: this CSV row has 3 fields; the table has 2 columns (remove 1 field, or quote a field that contains a comma: \"1,000.50\")",
            "r.yaml:5:24: error: unknown key `levle` in `heading` (did you mean `level`?)",
        ])
        XCTAssertEqual(try check("blocks:\n  - table:\n      columns: [1cm, 1fr]\n      rows-from: tis.csv\n"),
                       ["tis.csv:1:3: error: the file is not UTF-8 text: it has byte 0xA1 at offset 2 (save it as UTF-8: \"CSV UTF-8\" in Excel)"])
    }

    // MARK: All at once, check and render alike

    func testSeveralErrorsInFileOrder() throws {
        XCTAssertEqual(try check("""
        digits: roman
        blocks:
          - image: broken.png
          - paragraph: ก
            style: bodyy
          - table:
              columns: [2cm, 3 cmm]
              rows: [[a, b, c]]
        """, files: ["broken.png": Data("x".utf8)]).map { String($0.prefix(40)) }, [
            "r.yaml:1:9: error: `digits` cannot be `r",
            "r.yaml:3:12: error: the image `broken.pn",
            "r.yaml:5:12: error: unknown style `bodyy",
            "r.yaml:7:22: error: column width: unknow",
            "r.yaml:8:21: error: body row 1 has more ",
        ])
    }

    func testCheckReportsWhatRenderReportsAndWritesNothing() throws {
        try write("big.png", try Data(contentsOf: Self.emblem))
        let input = try write("r.yaml", Data("blocks:\n  - image: {file: big.png, width: 40cm}\n  - heading: ก\n    levle: 2\n".utf8))
        let good = try write("g.yaml", Data("blocks:\n  - image: {file: big.png, width: 40cm}\n".utf8))
        let before = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        for file in [input, good] {
            let checked = try RenderTests.run(RenderTests.binary.path, ["check", file.lastPathComponent], directory: folder)
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(), before, "check writes nothing")
            let rendered = try RenderTests.run(RenderTests.binary.path, ["render", file.lastPathComponent], directory: folder)
            XCTAssertEqual(checked.0, rendered.0)
            XCTAssertEqual(checked.2, rendered.2, "the same diagnostics")
        }
        let (_, _, warnings) = try RenderTests.run(RenderTests.binary.path, ["check", "g.yaml"], directory: folder)
        XCTAssertEqual(warnings, "g.yaml:2:19: warning: the image is larger than the page's text area; drawn at 40% of its size\n")
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("g.pdf").path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("r.pdf").path))
    }

    // MARK: Hostile input

    func testAliasBombWithAliasedKeysIsRefusedQuickly() throws {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            yaml += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        yaml += "k: {*a9 : 1, *a8 : 2}\nblocks: [x]\n"
        let start = Date()
        XCTAssertEqual(try check(yaml), [
            "r.yaml:4:45: error: aliases repeat more than 10000 values in all, with this one (each alias (`*name`) repeats all that its anchor (`&name`) holds; write the items out, or use fewer aliases)",
        ])
        XCTAssertLessThan(Date().timeIntervalSince(start), 2)
    }

    func testFiftyMegabyteDescriptionIsRefusedBeforeReading() throws {
        let input = try write("r.yaml", Data("blocks: [x]\n".utf8))
        XCTAssertEqual(truncate(input.path, 50_000_000), 0)  // a sparse file: quick to make, 50 MB long
        let start = Date()
        XCTAssertThrowsError(try ReportPipeline.check(path: input.path)) { error in
            XCTAssertEqual((error as? DiagnosticList)?.items.map(\.description),
                           ["\(input.path):1:1: error: the description is larger than 20 MB (split it, or load large tables from a CSV file with `rows-from`)"])
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 1)
    }

    func testHundredThousandTableRowsAreRefusedWithTheLimit() throws {
        var yaml = "blocks:\n  - table:\n      columns: [1cm, 1fr]\n      rows:\n"
        yaml.reserveCapacity(2_500_000)
        for number in 1...100_000 { yaml += "        - [\(number), แถว]\n" }
        let start = Date()
        XCTAssertEqual(try check(yaml), [
            "r.yaml:5:9: error: too many table rows (100000); a description may have at most 20000, all tables together (split the report into several descriptions)",
        ])
        XCTAssertLessThan(Date().timeIntervalSince(start), 60)
    }

    func testTableRowsCountAcrossTablesAndCSVFiles() throws {
        var limits = InputLimits()
        limits.maximumTableRows = 3
        XCTAssertEqual(try check("""
        blocks:
          - table: {columns: [1fr], rows: [[a], [b]]}
          - table: {columns: [1fr], rows-from: d.csv}
        """, files: ["d.csv": Data("x\ny\n".utf8)], limits: limits), [
            "r.yaml:3:40: error: too many table rows (2 here, 4 in all); a description may have at most 3, all tables together (split the report into several descriptions)",
        ])
    }

    func testDeepNestingIsRefused() throws {
        XCTAssertEqual(try check("blocks:\n  " + String(repeating: "- ", count: 100_000) + "x\n"),
                       ["r.yaml:2:129: error: lists and mappings are nested more than 64 deep (flatten the structure)"])
        XCTAssertEqual(try check("blocks: " + String(repeating: "[", count: 100) + "\n"),
                       ["r.yaml:1:72: error: lists and mappings are nested more than 64 deep (flatten the structure)"], "at the 65th level")
        // Past 1,000 brackets libyaml stops first, while scanning ahead; the message is the same.
        XCTAssertEqual(try check("blocks: " + String(repeating: "[", count: 100_000) + "\n"),
                       ["r.yaml:1:10: error: lists and mappings are nested more than 64 deep (flatten the structure)"])
    }

    func testFilesOutsideTheFolderOrNotRegularAreRefused() throws {
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("link.png").path, withDestinationPath: Self.emblem.path)
        XCTAssertEqual(mkfifo(folder.appendingPathComponent("pipe.png").path, 0o644), 0)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("dir.png"), withIntermediateDirectories: true)
        let lines = try check("""
        blocks:
          - image: ../../etc/passwd
          - image: link.png
          - image: pipe.png
          - image: dir.png
        """)
        let outside = "is outside the description's folder FOLDER (copy it into that folder or one below it, and name it from there)"
        XCTAssertEqual(lines.map { $0.replacingOccurrences(of: FileManager.default.temporaryDirectory.resolvingSymlinksInPath().path, with: "TMP") }, [
            "r.yaml:2:12: error: the image `../../etc/passwd` \(outside)",
            "r.yaml:3:12: error: the image `link.png` \(outside)",
            "r.yaml:4:12: error: the image `pipe.png` is not a regular file (name a file)",
            "r.yaml:5:12: error: the image `dir.png` is a folder (name a file)",
        ])
    }

    func testPicturesTogetherAreLimited() throws {
        let picture = try Data(contentsOf: Self.emblem)
        let pixels = picture[16..<20].reduce(0) { $0 << 8 | Int($1) } * picture[20..<24].reduce(0) { $0 << 8 | Int($1) }
        var limits = InputLimits()
        limits.maximumTotalImagePixels = pixels * 3 / 2
        let lines = try check("blocks:\n  - image: a.png\n  - image: b.png\n  - image: a.png\n",
                              files: ["a.png": picture, "b.png": picture], limits: limits)
        XCTAssertEqual(lines, [
            "r.yaml:3:12: error: the image `b.png` brings the pictures together past \(String(format: "%g", Double(pixels * 3 / 2) / 1e6)) megapixels (scale the pictures down; an A4 page printed at 300 dpi needs about 9 megapixels)",
        ], "a picture used twice counts once")
    }
}
