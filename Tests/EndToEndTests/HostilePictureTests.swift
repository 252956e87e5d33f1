import Foundation
import XCTest

/// Pictures that lie about themselves: truncated or inflated JPEGs, sides past Cairo's limit, CMYK
/// JPEGs stored inverted, and pictures larger than the page can show.
final class HostilePictureTests: HostileTestCase {
    private static let saveAgain = "(open it in an image editor and save it again as PNG or JPEG)"

    /// A small baseline JPEG with its start-of-frame size replaced by `width`×`height`.
    private func claiming(width: Int, height: Int) throws -> Data {
        var bytes = [UInt8](try Self.picture("blue.jpg"))
        let frame = (0..<bytes.count - 1).first { bytes[$0] == 0xFF && bytes[$0 + 1] == 0xC0 }!
        bytes.replaceSubrange(frame + 5..<frame + 9, with: [UInt8(height >> 8), UInt8(height & 255), UInt8(width >> 8), UInt8(width & 255)])
        return Data(bytes)
    }

    func testTruncatedAndInflatedJPEGsAreRefused() throws {
        let blue = try Self.picture("blue.jpg")
        let cutInData = blue.prefix(blue.count - 40)
        try assertRefused("""
        blocks:
          - image: cut.jpg
          - image: claims.jpg
          - image: header-only.jpg
        """, files: ["cut.jpg": cutInData, "claims.jpg": try claiming(width: 7000, height: 7000), "header-only.jpg": blue.prefix(20)], """
        r.yaml:2:12: error: the image `cut.jpg` is a truncated JPEG file: its picture data ends before the picture does \(Self.saveAgain)
        r.yaml:3:12: error: the image `claims.jpg` is a truncated JPEG file: its picture data ends before the picture does \(Self.saveAgain)
        r.yaml:4:12: error: the image `header-only.jpg` is a damaged JPEG file; libjpeg reads: jpeg datastream contains no image \(Self.saveAgain)
        3 errors in the description; nothing was written

        """)
    }

    func testSidePastCairosLimitSaysSo() throws {
        try assertRefused("blocks:\n  - image: wide.jpg\n", files: ["wide.jpg": try claiming(width: 40_000, height: 8)], """
        r.yaml:2:12: error: the image `wide.jpg` is 40000×8 pixels; Cairo, which draws the PDF, takes at most 32,767 pixels a side (scale it down; an A4 page printed at 300 dpi is 2,480×3,508 pixels)
        1 error in the description; nothing was written

        """)
    }

    func testAdobeCMYKJPEGGetsADecodeArray() throws {
        let (status, error) = try render("blocks:\n  - image: red.jpg\n  - image: blue.jpg\n",
                                         files: ["red.jpg": try Self.picture("red-cmyk.jpg"), "blue.jpg": try Self.picture("blue.jpg")])
        XCTAssertEqual(status, 0, error)
        let (_, qdf, _) = try RenderTests.run("/usr/bin/qpdf", ["--qdf", "--object-streams=disable", folder.appendingPathComponent("out.pdf").path, "-"])
        let images = qdf.components(separatedBy: "endobj").compactMap { $0.components(separatedBy: "stream").first }
            .filter { $0.contains("/Subtype /Image") }
        XCTAssertEqual(images.count, 2)
        XCTAssertEqual(images.filter { $0.contains("/DeviceCMYK") && $0.contains("/Decode [\n    1\n    0\n    1\n    0\n    1\n    0\n    1\n    0\n  ]") }.count, 1,
                       "the CMYK picture, and only it, has the inverting /Decode")
        XCTAssertEqual(images.filter { $0.contains("/Decode") }.count, 1)
    }

    func testPictureLargerThanThePageIsKeptAtPrintResolution() throws {
        let (status, error) = try render("blocks:\n  - image: wide.png\n", files: ["wide.png": try Self.picture("wide-6000.png")])
        XCTAssertEqual(status, 0, error)
        XCTAssertEqual(error, "r.yaml:2:12: warning: the image is larger than the page's text area; drawn at 10% of its size\n")
        let (_, list, _) = try RenderTests.run("/usr/bin/pdfimages", ["-list", folder.appendingPathComponent("out.pdf").path])
        // A4's text area is 16 cm wide, 25.2 cm high: 25.2 cm at 300 dpi is 2,977 pixels.
        let row = list.split(separator: "\n").dropFirst(2).first.map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        XCTAssertEqual(row.map { [String($0[3]), String($0[4])] }, ["2977", "30"])
    }
}
