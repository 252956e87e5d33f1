import CPangoCairo
import Foundation
import XCTest
@testable import Graphics

/// The font library's private fontconfig configuration is the process's current one, so Pango's
/// fontconfig start-up finds it and reads no system configuration or font cache; its fonts are the
/// files given, each added once.
final class FontLibraryTests: XCTestCase {
    private let fonts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fonts/Sarabun")

    func testThePrivateConfigurationIsCurrentAndHoldsOnlyTheGivenFiles() throws {
        let library = try FontLibrary(files: ["Regular", "Bold"].map { fonts.appendingPathComponent("Sarabun-\($0).ttf").path })
        XCTAssertEqual(FcConfigGetCurrent(), library.config)
        XCTAssertEqual(FcConfigGetFonts(library.config, FcSetSystem)?.pointee.nfont ?? 0, 0, "no system fonts")
        XCTAssertEqual(FcConfigGetFonts(library.config, FcSetApplication)?.pointee.nfont, 2)
    }

    func testAFileWithoutAFontIsRefusedWithItsPath() throws {
        let text = fonts.appendingPathComponent("OFL.txt").path
        XCTAssertThrowsError(try FontLibrary(files: [text])) { error in
            XCTAssertEqual(error as? GraphicsError,
                           GraphicsError("\(text) is not a font file that can be used (expected TrueType or OpenType)", path: text))
        }
    }
}
