import Foundation
import LayoutTestSupport
import ReportLayout
import ReportModel
import XCTest

/// Where lines break (names, words, numbers, punctuation) and how justified lines are spread.
final class LineBreakingTests: XCTestCase {
    /// Lines of the text area of every page, top to bottom, for a description whose text area is
    /// `width` wide.
    private func lines(_ blocks: String, width: String, extra: String = "") throws -> [PlacedText] {
        let paper = try XCTUnwrap(Double(width.dropLast(2))) + 2
        let yaml = """
        page: {size: [\(paper)cm, 29.7cm], margins: "1cm 1cm 1cm 1cm", page-numbers: false}
        styles: {body: {first-line-indent: 0}}
        \(extra)
        blocks:
        \(blocks)
        """
        return try LayoutHarness.pages(yaml, words: LayoutHarness.bundledWords).flatMap { page in page.lines.sorted { ($0.top, $0.x) < ($1.top, $1.x) } }
    }

    private func paragraph(_ text: String, align: String = "left") -> String {
        "  - paragraph: {text: \"\(text)\", align: \(align)}"
    }

    // MARK: Names

    func testKeepTogetherNameInANarrowColumnStaysOnOneLine() throws {
        let name = "องค์การบริหารส่วนตำบลโคกตูม"
        let text = "รายงานฉบับนี้จัดทำโดย\(name)เพื่อเสนอผู้บริหารและประชาชนในเขต\(name)ได้รับทราบ"
        var splitWithoutKeeping = 0
        for step in 0..<12 {
            let width = String(format: "%.1fcm", 5.0 + Double(step) * 0.3)
            let kept = try lines(paragraph(text), width: width, extra: "keep-together: [\(name)]").map(\.text)
            XCTAssertEqual(kept.reduce(0) { $0 + $1.components(separatedBy: name).count - 1 }, 2, "\(width): \(kept)")
            let free = try lines(paragraph(text), width: width).map(\.text)
            if free.reduce(0, { $0 + $1.components(separatedBy: name).count - 1 }) < 2 { splitWithoutKeeping += 1 }
        }
        XCTAssertGreaterThan(splitWithoutKeeping, 0, "some width tempts a break inside the name")
    }

    func testNameWiderThanItsColumnBreaksOnlyBetweenItsWords() throws {
        let name = "องค์การบริหารส่วนตำบลโคกตูม อำเภอประโคนชัย จังหวัดบุรีรัมย์"
        let result = try lines(paragraph("จัดทำโดย \(name)"), width: "6cm", extra: "keep-together: [\"\(name)\"]")
        let text = result.map(\.text)
        for word in name.split(separator: " ") {
            XCTAssertTrue(text.contains { $0.contains(word) }, "\(word) split: \(text)")
        }
        XCTAssertFalse(text.contains { $0.contains(name) }, "the whole name does not fit")
        for line in result { XCTAssertLessThanOrEqual(line.width, 6 * Units.cm + 0.5) }
    }

    func testSignerNameBreaksOnlyBetweenItsWords() throws {
        let name = "นางสาวพรทิพย์ ศรีสุขสวัสดิ์ ณ อยุธยา"
        // A signer whose name does not fit in the right half takes more of the width; a 3.5 cm text
        // width is too narrow for the whole name even so.
        let result = try lines("  - signature: {name: \(name), position: ผู้อำนวยการกองคลัง}", width: "3.5cm").map(\.text)
        let nameLines = result.filter { $0.contains("นางสาว") || $0.contains("อยุธยา") || $0.contains("ศรีสุข") }
        XCTAssertGreaterThan(nameLines.count, 1, "\(result)")
        let words = Set(["(นางสาวพรทิพย์", "ศรีสุขสวัสดิ์", "ณ", "อยุธยา)"])
        for line in nameLines {
            for word in line.split(separator: " ") { XCTAssertTrue(words.contains(String(word)), "\(word) in \(result)") }
        }
    }

    // MARK: Punctuation, numbers, Latin words

    func testRepetitionMarkAndClosingPunctuationNeverStartALine() throws {
        let text = (1...12).map { "ข้อ \($0) มีหลาย ๆ เรื่อง (สำคัญมาก) และ “ข้อความ” ต่าง ๆ, ดีๆ." }.joined(separator: " ")
        for width in ["3cm", "4cm", "5.5cm"] {
            let result = try lines(paragraph(text), width: width)
            for line in result {
                let trimmed = line.text.trimmingCharacters(in: .whitespaces)
                guard let first = trimmed.unicodeScalars.first, let last = trimmed.unicodeScalars.last else { continue }
                XCTAssertFalse("ๆ),.”".unicodeScalars.contains(first), "line starts with \(first): \(trimmed)")
                XCTAssertFalse("(“".unicodeScalars.contains(last), "line ends with \(last): \(trimmed)")
            }
        }
    }

    func testNumbersLatinWordsAndURLsStayWholeWhenTheyFit() throws {
        let pieces = ["๕๐,๐๐๐.๐๐", "E-Service", "www.khoktoom.go.th", "1,000,001.50", "ITA-๒"]
        let text = (1...6).map { _ in "งบประมาณ ๕๐,๐๐๐.๐๐ บาท ผ่านระบบ E-Service ที่ www.khoktoom.go.th รวม 1,000,001.50 ตามแบบ ITA-๒" }
            .joined(separator: " ")
        for width in ["4.5cm", "6cm"] {
            let joined = try lines(paragraph(text), width: width).map(\.text)
            for piece in pieces {
                XCTAssertEqual(joined.reduce(0) { $0 + $1.components(separatedBy: piece).count - 1 }, 6, "\(piece) split at \(width): \(joined)")
            }
        }
    }

    func testLatinWordWiderThanItsColumnStillBreaks() throws {
        let url = "https://www.khoktoom.go.th/public/list/data/index/menu/1143"
        let result = try lines(paragraph(url), width: "3cm")
        XCTAssertGreaterThan(result.count, 1)
        XCTAssertEqual(result.map(\.text).joined(), url)
        for line in result { XCTAssertLessThanOrEqual(line.width, 3 * Units.cm + 0.5) }
    }

    // MARK: Dictionary

    func testCommonCompoundsAreNotSplit() throws {
        let compounds = ["งบประมาณ", "รับผิดชอบ", "ผู้บริหาร", "ซื่อสัตย์"]
        let text = (1...10).map { _ in "ผู้บริหารมีความซื่อสัตย์และรับผิดชอบต่อการใช้งบประมาณของหน่วยงานอย่างคุ้มค่า" }.joined()
        for width in ["2.6cm", "3.3cm", "4.1cm"] {
            let result = try lines(paragraph(text), width: width).map(\.text)
            for compound in compounds {
                XCTAssertEqual(result.reduce(0) { $0 + $1.components(separatedBy: compound).count - 1 }, 10, "\(compound) split at \(width): \(result)")
            }
        }
    }

    func testDescriptionWordsAreKeptWhole() throws {
        // A made-up word the bundled list does not know.
        let word = "ขมุกขมัวแผล็บ"
        let text = (1...8).map { _ in "มีคำว่า\(word)อยู่ในประโยค" }.joined()
        let result = try lines(paragraph(text), width: "3cm", extra: "words: [\(word)]").map(\.text)
        XCTAssertEqual(result.reduce(0) { $0 + $1.components(separatedBy: word).count - 1 }, 8, "\(result)")
    }

    // MARK: Justification

    /// Extra room after each base glyph of a line: the gap between one cluster and the next beyond
    /// the first glyph's advance (marks, with no advance, are skipped).
    private func gaps(_ line: PlacedText) -> [Double] {
        let glyphs = line.runs.flatMap(\.glyphs).filter { $0.advance > 0 }
        return zip(glyphs, glyphs.dropFirst()).map { $1.x - ($0.x + $0.advance) }
    }

    func testJustifiedLinesAreFlushWithBoundedGapsAndLastLineNatural() throws {
        let text = "การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐเป็นเครื่องมือที่ช่วยยกระดับการบริหารงาน"
            + "ให้เป็นไปตามหลักธรรมาภิบาล หน่วยงานนำผลการประเมินมาวิเคราะห์ เพื่อกำหนดมาตรการส่งเสริมคุณธรรมอย่างเป็นรูปธรรม"
        let width = 7 * Units.cm
        let result = try lines(paragraph(text, align: "justify"), width: "7cm")
        XCTAssertGreaterThan(result.count, 3)
        let size = 16 * 0.68
        let looseLimit = 0.09 * size
        for line in result.dropLast() {
            // Flush, unless a line without spaces is left short with its letter gaps at their limit.
            if line.text.contains(" ") || (gaps(line).max() ?? 0) < looseLimit - 0.01 {
                XCTAssertEqual(line.width, width, accuracy: 0.5, "not flush: \(line.text)")
            } else {
                XCTAssertLessThan(line.width, width)
            }
            // No gap is torn open: the largest is a fraction of an em.
            XCTAssertLessThan(gaps(line).max() ?? 0, 0.9 * size, line.text)
        }
        let last = try XCTUnwrap(result.last)
        XCTAssertLessThan(last.width, width - 5)
        XCTAssertLessThan(gaps(last).map(abs).max() ?? 0, 0.05, "the last line keeps its natural spacing")
    }

    /// The gaps of `gaps(_:)` between two glyphs that are not spaces.
    private func clusterGaps(_ line: PlacedText) -> [Double] {
        let glyphs = line.runs.flatMap { run in
            run.glyphs.filter { $0.advance > 0 }.map { glyph in
                (glyph, Array(run.text.utf8)[glyph.clusterByte - run.textStart] == 0x20)
            }
        }
        return zip(glyphs, glyphs.dropFirst()).filter { !$0.1 && !$1.1 }.map { $1.0.x - ($0.0.x + $0.0.advance) }
    }

    /// In a justified paragraph, a compound word that would leave the line before it too loose is
    /// split between the smaller words it is made of (ผลการ|ดำเนินงาน), never inside a word that is
    /// not made of smaller ones; a left-aligned paragraph keeps it whole. A line still too loose
    /// grows its cluster gaps by at most `Justifier.looseClusterLimit` em, below what PDF readers
    /// take for a word space.
    func testLooseJustifiedLineSplitsTheNextCompoundBetweenItsWords() throws {
        let text = "๓) มีรายงานผลการดำเนินงานตามแผนดำเนินงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๗ ของหน่วยงาน"
        XCTAssertEqual(try lines(paragraph(text), width: "3.6cm").first?.text, "๓) มีรายงาน", "left-aligned: the compound stays whole")
        let justified = try lines(paragraph(text, align: "justify"), width: "3.6cm")
        XCTAssertEqual(justified.prefix(2).map(\.text), ["๓) มีรายงานผลการ", "ดำเนินงานตามแผน"], "part of the compound fills the loose line")
        XCTAssertEqual(try XCTUnwrap(justified.first).width, 3.6 * Units.cm, accuracy: 0.5)
        let size = 16 * 0.68
        for line in try lines(paragraph(text + " " + text, align: "justify"), width: "2.8cm").dropLast() {
            XCTAssertLessThanOrEqual(clusterGaps(line).max() ?? 0, 0.09 * size + 0.01, line.text)
        }
    }

    /// How much each space of `line` grew: the gaps before and after it.
    private func spaceGrowths(_ line: PlacedText) -> [Double] {
        let glyphs = line.runs.flatMap { run in
            run.glyphs.filter { $0.advance > 0 }.map { glyph in
                (glyph, Array(run.text.utf8)[glyph.clusterByte - run.textStart] == 0x20)
            }
        }
        guard glyphs.count > 2 else { return [] }
        return (1..<(glyphs.count - 1)).filter { glyphs[$0].1 }.map { index in
            let (before, space, after) = (glyphs[index - 1].0, glyphs[index].0, glyphs[index + 1].0)
            return (space.x - (before.x + before.advance)) + (after.x - (space.x + space.advance))
        }
    }

    /// A justified line whose spaces would grow past half an em grows its letter gaps first, up to
    /// `Justifier.looseClusterLimit` (0.09 em), so its largest gap stays as small as copy-back allows.
    func testALooseLineGrowsItsLetterGapsBeforeItsSpacesPassHalfAnEm() throws {
        let size = 16 * 0.68
        var looseLines = 0
        for width in stride(from: 4.0, through: 6.0, by: 0.25) {
            let text = "ส่วนราชการ: กองช่าง องค์การบริหารส่วนตำบลโคกตูม ส่วนราชการ: งานนิติการ องค์การบริหารส่วนตำบลโคกตูม"
            for line in try lines(paragraph(text, align: "justify"), width: "\(width)cm").dropLast() {
                let growth = spaceGrowths(line).max() ?? 0
                guard growth > 0.5 * size + 0.05 else { continue }
                looseLines += 1
                XCTAssertEqual(clusterGaps(line).max() ?? 0, 0.09 * size, accuracy: 0.01, "\(width) cm: \(line.text)")
            }
        }
        XCTAssertGreaterThan(looseLines, 0, "some width leaves a loose line")
    }

    /// A justified line, the last one too, may be a little wider than its room when its gaps shrink
    /// to fit: a space by at most `Justifier.spaceShrinkLimit` (0.08 em), a gap between clusters by
    /// at most `clusterShrinkLimit` (0.02 em). A left-aligned line never is.
    func testAJustifiedLineShrinksItsGapsToFitWithinTheirLimits() throws {
        let size = 16 * 0.68
        let text = "(๑) ผลการประเมิน ITA ปีงบประมาณ พ.ศ. ๒๕๖๗ ๑) มีแผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. ๒๕๖๘ ๒) มีการรายงานผลการดำเนินงานป้องกันการทุจริตของหน่วยงาน รอบ ๖ เดือน และรอบ ๑๒ เดือน"
        var shrunk = 0
        for width in stride(from: 4.0, through: 8.0, by: 0.25) {
            let room = width * Units.cm
            for line in try lines(paragraph(text), width: "\(width)cm") {
                XCTAssertLessThanOrEqual(line.width, room + 0.01, "left, \(width) cm: \(line.text)")
            }
            for line in try lines(paragraph(text, align: "justify"), width: "\(width)cm") {
                let plain = try XCTUnwrap(lines(paragraph(line.text), width: "30cm").first)
                guard plain.width > room + 0.01 else { continue }
                shrunk += 1
                XCTAssertEqual(line.width, room, accuracy: 0.01, "\(width) cm: \(line.text)")
                var positions: [Double] = [], isSpace: [Bool] = []
                for run in line.runs {
                    let bytes = Array(run.text.utf8)
                    for glyph in run.glyphs {
                        positions.append(glyph.x)
                        isSpace.append(bytes[glyph.clusterByte - run.textStart] == 0x20)
                    }
                }
                let natural: [Double] = plain.runs.flatMap { $0.glyphs.map(\.x) }
                XCTAssertEqual(positions.count, natural.count)
                for index in 1..<min(positions.count, natural.count) {
                    let change: Double = (positions[index] - positions[index - 1]) - (natural[index] - natural[index - 1])
                    let limit: Double = isSpace[index] || isSpace[index - 1] ? 0.04 : 0.02
                    XCTAssertGreaterThanOrEqual(change, -limit * size - 0.001, "\(width) cm: \(line.text)")
                    XCTAssertLessThanOrEqual(change, 0.001, "\(width) cm: \(line.text)")
                }
            }
        }
        XCTAssertGreaterThan(shrunk, 3)
    }

    /// A justified line never ends wider than its room, whatever else its paragraph holds: a larger
    /// span elsewhere in it (line breaking measures shrink in em of the paragraph's largest size, and
    /// so does the line), or characters drawn as nothing (a zero-width space has no gap to shrink).
    func testAShrunkLineFitsItsRoomBesideLargerSpansAndInvisibleCharacters() throws {
        let text = "การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ เป็นเครื่องมือที่ช่วยยกระดับการบริหารงาน ให้เป็นไปตามหลักธรรมาภิบาล"
        let mixed = "  - paragraph: {text: [\"\(text)\", {text: \" ผลการประเมิน\", size: 28}], align: justify}"
        let invisible = paragraph(text.replacingOccurrences(of: "การ", with: "\u{200B}การ\u{200B}"), align: "justify")
        for width in stride(from: 4.0, through: 8.0, by: 0.25) {
            for blocks in [mixed, invisible] {
                for line in try lines(blocks, width: "\(width)cm") {
                    XCTAssertLessThanOrEqual(line.width, width * Units.cm + 0.01, "\(width) cm: \(line.text)")
                }
            }
        }
    }

    /// Total fit weighs the white a line without spaces leaves at its end (its letter gaps at their
    /// limit) as a space grown as wide: a line 0.5 em short is better than a 1.4 em hole after the
    /// item number, and an item number does not stand alone on a line (๑. with 10.7 em to spare,
    /// weighed before at 1e4 per em) to spare a hole after it.
    func testAShortLineWeighsAsAHoleOfTheSameWidth() throws {
        func paragraph(_ text: String) -> String {
            "  - paragraph: {text: \"\(text)\", align: justify, first-line-indent: 2.5cm}"
        }
        let training = "๖. จัดให้มีการฝึกอบรมที่มีการสอดแทรกสาระด้านจริยธรรมของเจ้าหน้าที่/กิจกรรมเสริมสร้าง/ส่งเสริมจริยธรรม"
        XCTAssertEqual(try lines(paragraph(training), width: "7cm").map(\.text),
                       ["๖. จัดให้มีการฝึกอบรมที่มีการ", "สอดแทรกสาระด้านจริยธรรมของเจ้าหน้าที่/", "กิจกรรมเสริมสร้าง/ส่งเสริมจริยธรรม"])
        let plan = "๑. จัดทำแผนปฏิบัติการป้องกันการทุจริต ที่มุ่งเน้นโครงการ/กิจกรรมที่เสริมสร้างความโปร่งใสในการปฏิบัติงาน หรือการให้บริการ"
        XCTAssertEqual(try lines(paragraph(plan), width: "7cm").first?.text, "๑. จัดทำแผนปฏิบัติการ")
    }

    func testMarksMoveWithTheirBase() throws {
        let text = (1...6).map { _ in "ปี่ป้ฝ้ฟ้ฬ่ญูฐูฎุฏุน้ำก่ำที่ปั้น" }.joined()
        let justified = try lines(paragraph(text, align: "justify"), width: "6cm")
        XCTAssertGreaterThan(justified.count, 2)
        // Each justified line (grown or shrunk) against the same text set alone, left-aligned.
        for spread in justified {
            let plain = try XCTUnwrap(lines(paragraph(spread.text), width: "20cm").first)
            // Within each grapheme cluster (a base with its marks, e.g. ปั้ or น้ำ), glyphs keep their
            // offsets from the grapheme's first glyph. Pango's clusters are single characters, so the
            // graphemes come from the text.
            func offsets(_ line: PlacedText) -> [Double] {
                var starts: [Int] = []
                for run in line.runs {
                    var byte = run.textStart
                    for character in run.text {
                        starts.append(byte)
                        byte += character.utf8.count
                    }
                }
                var first: [Int: Double] = [:]
                return line.runs.flatMap(\.glyphs).map { glyph in
                    let grapheme = starts.last(where: { $0 <= glyph.clusterByte }) ?? 0
                    let start = first[grapheme] ?? glyph.x
                    first[grapheme] = start
                    return glyph.x - start
                }
            }
            let a = offsets(plain), b = offsets(spread)
            XCTAssertEqual(a.count, b.count)
            for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: 0.001, spread.text) }
        }
    }
}
