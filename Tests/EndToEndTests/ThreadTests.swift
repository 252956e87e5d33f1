import Foundation
import ReportLayout
@testable import ThaiReport
import XCTest

/// Layout and drawing on two threads give the PDF one thread gives, byte for byte; a layout that
/// fails still has its earlier pages drawn, in order, and its error reported.
final class ThreadTests: FolderTestCase {
    private func render(_ input: URL, threads: String) throws -> Data {
        let output = folder.appendingPathComponent("threads-\(threads).pdf")
        let (status, _, error) = try RenderTests.run(RenderTests.binary.path, ["render", input.path, "-o", output.path],
                                                     environment: ["SOURCE_DATE_EPOCH": "1700000000", "THAIREPORT_THREADS": threads])
        XCTAssertEqual(status, 0, error)
        return try Data(contentsOf: output)
    }

    func testTwoThreadsWriteTheBytesOfOne() throws {
        // The complete example: contents page, tables over several pages, pictures, signatures.
        let example = RenderTests.root.appendingPathComponent("Templates/examples/complete-report.yaml")
        let one = try render(example, threads: "1")
        let two = try render(example, threads: "2")
        XCTAssertGreaterThan(one.count, 50_000)
        XCTAssertTrue(one == two, "the PDF differs when layout and drawing run on two threads")
    }

    func testThreadCountComesFromTheEnvironment() {
        XCTAssertEqual(PagePipeline(environment: ["THAIREPORT_THREADS": "1"]).threads, 1)
        XCTAssertEqual(PagePipeline(environment: ["THAIREPORT_THREADS": "2"]).threads, 2)
        XCTAssertEqual(PagePipeline(environment: ["THAIREPORT_THREADS": "8"]).threads, 2, "at most two")
        XCTAssertEqual(PagePipeline(environment: ["THAIREPORT_THREADS": "0"]).threads, 1)
    }

    func testPagesBeforeALayoutFailureAreDrawnInOrderAndTheFailureIsThrown() {
        struct LayoutFailed: Error {}
        for threads in ["1", "2"] {
            var drawn: [Int] = []
            XCTAssertThrowsError(try PagePipeline(environment: ["THAIREPORT_THREADS": threads]).run(layout: { sink in
                for index in 0..<20 {
                    try sink(PageFrame(index: index, number: index + 1, width: 595, height: 842, textArea: Rect(x: 0, y: 0, width: 1, height: 1)))
                }
                throw LayoutFailed()
            }, draw: { drawn.append($0.index) })) { XCTAssertTrue($0 is LayoutFailed, "\($0)") }
            XCTAssertEqual(drawn, Array(0..<20), "\(threads) thread(s)")
        }
    }
}
