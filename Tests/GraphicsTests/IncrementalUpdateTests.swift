import Foundation
@testable import Graphics
import XCTest

/// The finishing step appends an incremental update to whichever cross-reference form the PDF has
/// (a table as Cairo 1.16 writes, a stream as Cairo ≥ 1.17.6 writes), and the result reads as one
/// valid PDF whose catalog has `/Lang`.
final class IncrementalUpdateTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("update-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private func run(_ program: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// A one-page PDF drawn by Cairo, rewritten by qpdf into the given cross-reference form.
    private func plainPDF(objectStreams: String) throws -> URL {
        let drawn = folder.appendingPathComponent("drawn.pdf")
        let canvas = try PDFCanvas(path: drawn.path, metadata: PDFMetadata(title: "t"), fonts: FontLibrary(files: []),
                                   images: ImageLibrary())
        canvas.beginPage(width: 200, height: 100)
        canvas.fill(x: 10, y: 10, width: 50, height: 20, color: (red: 1, green: 0, blue: 0))
        try canvas.finish()
        let rewritten = folder.appendingPathComponent("\(objectStreams).pdf")
        let result = try run("/usr/bin/qpdf", ["--object-streams=\(objectStreams)", drawn.path, rewritten.path])
        XCTAssertEqual(result.status, 0, result.output)
        return rewritten
    }

    /// Appends the update to `file` the way `PDFCanvas.finish` does and returns the new bytes.
    private func appendUpdate(to file: URL) throws -> (before: Data, after: Data) {
        let before = try Data(contentsOf: file)
        let document = try QPDFDocument(path: file.path)
        let previous = try XCTUnwrap(IncrementalUpdate.previousSection(inTail: Array(before.suffix(1024))))
        let update = IncrementalUpdate.bytes(for: document, language: "th", fileLength: before.count,
                                             previousSection: previous, documentID: String(repeating: "ab", count: 16))
        try (before + update).write(to: file)
        return (before, before + update)
    }

    private func assertUpdated(_ file: URL, streamForm: Bool) throws {
        let (before, after) = try appendUpdate(to: file)
        XCTAssertEqual(after.prefix(before.count), before, "the bytes before the update are kept")
        let check = try run("/usr/bin/qpdf", ["--check", file.path])
        XCTAssertEqual(check.status, 0, check.output)
        XCTAssertTrue(check.output.contains("No syntax or stream encoding errors found"), check.output)
        let catalog = try run("/usr/bin/qpdf", ["--show-object=trailer", "--filtered-stream-data", file.path])
        XCTAssertTrue(catalog.output.contains("/ID [ <abababababababababababababababab>"), catalog.output)
        let root = try run("/usr/bin/qpdf", ["--qdf", "--object-streams=disable", file.path, "-"])
        XCTAssertTrue(root.output.contains("/Lang (th)"), "the catalog has /Lang")
        let tail = String(decoding: after.suffix(after.count - before.count), as: UTF8.self)
        XCTAssertEqual(tail.contains("/Type /XRef"), streamForm, tail)
        XCTAssertEqual(tail.contains("\nxref\n"), !streamForm, tail)
    }

    func testUpdateAfterACrossReferenceTable() throws {
        try assertUpdated(try plainPDF(objectStreams: "disable"), streamForm: false)
    }

    func testUpdateAfterACrossReferenceStream() throws {
        try assertUpdated(try plainPDF(objectStreams: "generate"), streamForm: true)
    }

    func testPreviousSectionIsReadFromTheLastStartxref() {
        let tail = Array("1 0 obj\nstartxref\n9\n%%EOF\nstartxref\r\n1234\r\n%%EOF\r\n".utf8)
        XCTAssertEqual(IncrementalUpdate.previousSection(inTail: tail), 1234)
        XCTAssertNil(IncrementalUpdate.previousSection(inTail: Array("%%EOF\n".utf8)))
    }
}
