import Foundation
import Graphics
import ReportLayout
import ReportModel
import ReportRender
import XCTest

/// The renderer draws pages built by hand, without layout: what it is given is what the PDF shows.
final class PDFRendererTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("render-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    private static var fonts: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fonts/Sarabun/Sarabun-Regular.ttf").path
    }

    private func run(_ program: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    func testHandBuiltPagesAreDrawnAsGiven() throws {
        let library = try FontLibrary(files: [Self.fonts])
        let shaper = TextShaper(library: library)
        let text = "ข้อความ ทดสอบ น้ำ"
        let line = try XCTUnwrap(shaper.shape(text: text, ranges: [StyledRange(bytes: 0..<text.utf8.count, font: FontRequest(family: "Sarabun", size: 12))],
                                              width: 400).first)
        let area = Rect(x: 50, y: 50, width: 300, height: 400)
        var first = PageFrame(index: 1, number: 1, width: 400, height: 500, textArea: area)
        first.items = [
            .fill(Rect(x: 50, y: 50, width: 100, height: 20), Color(red: 0.9, green: 0.9, blue: 0.9)),
            .line(from: Point(x: 50, y: 80), to: Point(x: 350, y: 80), width: 1, color: .black),
            .text(PlacedText(x: 60, baseline: 120, top: 105, bottom: 125, runs: line.runs, width: line.width, color: .black)),
        ]
        first.bookmarks = [Bookmark(level: 1, title: "ส่วนที่หนึ่ง", y: 100)]
        let second = PageFrame(index: 2, number: 2, width: 500, height: 300, textArea: area)
        let output = folder.appendingPathComponent("hand.pdf")
        let renderer = try PDFRenderer(path: output.path, metadata: Metadata(title: "มือ"), fonts: library, images: ImageLibrary())
        renderer.draw(first)
        renderer.draw(second)
        try renderer.finish()
        XCTAssertEqual(renderer.pageCount, 2)
        let info = try run("/usr/bin/pdfinfo", ["-f", "1", "-l", "2", output.path])
        XCTAssertTrue(info.contains("Page    1 size:  400 x 500 pts"), info)
        XCTAssertTrue(info.contains("Page    2 size:  500 x 300 pts"), info)
        XCTAssertTrue(info.contains("Title:           มือ"), info)
        let extracted = try run("/usr/bin/pdftotext", ["-raw", "-enc", "UTF-8", "-f", "1", "-l", "1", output.path, "-"])
        XCTAssertEqual(extracted.trimmingCharacters(in: .whitespacesAndNewlines), text)
    }
}
