import Foundation
import LayoutTestSupport
@testable import ReportLayout
import ReportModel
import ReportSyntax
import XCTest

/// Placing flows: the result is a value and the resume point a typed value kept by the caller, so
/// placing from the same point twice gives the same part; the paginator makes progress on an empty
/// page or reports the block at its place.
final class FlowTests: XCTestCase {
    private func table(_ yaml: String) throws -> (TableFlow, PageSetup) {
        let document = try LayoutHarness.document(yaml)
        guard case let .table(table) = document.sections[0].blocks[0] else { throw XCTSkip("no table") }
        let setup = document.sections[0].page
        let setter = LayoutHarness.engine(document).blocks
        return (TableFlow(table: table, width: setup.textWidth, pageHeight: setup.textHeight, setter: setter), setup)
    }

    private func emptyPage(_ setup: PageSetup) -> PageFrame {
        PageFrame(index: 1, number: 1, width: setup.size.width, height: setup.size.height,
                  textArea: Rect(x: setup.margins.left, y: setup.margins.top, width: setup.textWidth, height: setup.textHeight))
    }

    private func texts(_ page: PageFrame) -> [String] { page.lines.map(\.text) }

    func testTableResumesAfterTheLastWholeRowGroup() throws {
        let (flow, setup) = try table("""
        blocks:
          - table:
              columns: [2cm, 1fr]
              header: [ลำดับ, เรื่อง]
              rows: [[๑, ก], [{text: ๒, rowspan: 2}, ข], [ค], [๔, ง]]
        """)
        var page = emptyPage(setup)
        // Room for the header and the first row group but not the second (two rows).
        let region = Region(x: 0, y: 0, width: setup.textWidth, height: 60, atTop: true)
        guard case let .split(height, resume) = flow.place(from: nil, in: region, on: &page) else { return XCTFail("not split") }
        XCTAssertEqual(resume, TableFlow.Resume(group: 1, progress: nil))
        XCTAssertLessThanOrEqual(height, 60)
        XCTAssertEqual(texts(page), ["ลำดับ", "เรื่อง", "๑", "ก"])
        var next = emptyPage(setup)
        let whole = Region(x: 0, y: 0, width: setup.textWidth, height: setup.textHeight, atTop: true)
        guard case .finished = flow.place(from: resume, in: whole, on: &next) else { return XCTFail("not finished") }
        XCTAssertEqual(texts(next), ["ลำดับ", "เรื่อง", "๒", "ข", "ค", "๔", "ง"], "the header repeats, then the rest")
    }

    func testTableCutInsideARowGroupResumesInsideItsCells() throws {
        let paragraphs = (1...60).map { "ย่อหน้าที่ \($0)" }.joined(separator: "\\n")
        let (flow, setup) = try table("""
        blocks:
          - table:
              columns: [2cm, 1fr]
              rows: [[ยาว, "\(paragraphs)"]]
        """)
        let region = Region(x: 0, y: 0, width: setup.textWidth, height: setup.textHeight, atTop: true)
        var page = emptyPage(setup)
        guard case let .split(_, resume) = flow.place(from: nil, in: region, on: &page) else { return XCTFail("not split") }
        let placed = texts(page).filter { $0.hasPrefix("ย่อหน้าที่") }.count
        XCTAssertGreaterThan(placed, 10)
        XCTAssertEqual(resume, TableFlow.Resume(group: 0, progress: GroupProgress(row: 0, cells: [
            .init(cell: 0, linesPlaced: 1), .init(cell: 1, linesPlaced: placed),
        ])))
        // Placing from the same resume point twice gives the same part: the flow keeps no state.
        var second = emptyPage(setup)
        var again = emptyPage(setup)
        _ = flow.place(from: resume, in: region, on: &second)
        _ = flow.place(from: resume, in: region, on: &again)
        XCTAssertEqual(second, again)
        XCTAssertEqual(texts(second).first, "ย่อหน้าที่ \(placed + 1)", "the cut cell goes on from its next line")
    }

    func testStackResumesAtItsNextLine() throws {
        let document = try LayoutHarness.document("blocks:\n  - \"\(String(repeating: "ข้อความทดสอบการตัดหน้า ", count: 40))\"\n")
        guard case let .paragraph(paragraph) = document.sections[0].blocks[0] else { return XCTFail("no paragraph") }
        let setup = document.sections[0].page
        let lines = LayoutHarness.engine(document).blocks.lines(paragraph, width: setup.textWidth)
        XCTAssertGreaterThan(lines.count, 5)
        let flow = StackFlow(lines: lines, spaceBefore: 0, spaceAfter: 0, keepWithNext: false, location: paragraph.location)
        var page = emptyPage(setup)
        let threeLines = lines[0].height + lines[1].height + lines[2].height + 1
        let region = Region(x: 0, y: 0, width: setup.textWidth, height: threeLines, atTop: false)
        guard case let .split(_, resume) = flow.place(from: nil, in: region, on: &page) else { return XCTFail("not split") }
        XCTAssertEqual(resume, StackFlow.Resume(line: 3))
        let tooSmall = Region(x: 0, y: 0, width: setup.textWidth, height: lines[0].height, atTop: false)
        guard case .needsNextRegion = flow.place(from: StackFlow.Resume(line: lines.count - 2), in: tooSmall, on: &page) else {
            return XCTFail("a widow was left alone")
        }
    }

    /// A flow that never gets any further.
    private struct StuckFlow: Flowable {
        struct Resume: Equatable {}
        let answer: Placement<Resume>
        let spaceBefore = 0.0
        let spaceAfter = 0.0
        let keepWithNext = false
        let isEmpty = false
        let leadHeight = 0.0
        let location: SourceLocation? = SourceLocation(file: "t.yaml", line: 3, column: 5)
        func place(from resume: Resume?, in region: Region, on page: inout PageFrame) -> Placement<Resume> { answer }
    }

    func testPaginatorReportsABlockThatMakesNoProgressOnAnEmptyPage() throws {
        let document = try LayoutHarness.document("blocks: [ก]\n")
        for answer in [Placement<StuckFlow.Resume>.split(height: 0, resume: .init()), .needsNextRegion] {
            var pages = 0
            var paginator = LayoutEngine.Paginator(engine: LayoutHarness.engine(document), sink: { _ in pages += 1 })
            try paginator.startSection(document.sections[0].page)
            try paginator.place(StuckFlow(answer: answer), keepingRoom: 0)
            XCTAssertEqual(paginator.problems.map(\.description), ["t.yaml:3:5: error: nothing of this block fits on an empty page (make it smaller)"])
            XCTAssertEqual(pages, 0, "no page was started for it")
        }
    }
}
