import Foundation
import XCTest

/// A damaged bundled font or word list stops `render` with exit status 2 and says which file to
/// reinstall (fonts are read once, by fontconfig, so the damage is found there).
final class BundledFilesTests: FolderTestCase {
    /// A copy of the bundled files in the test folder, for `THAIREPORT_HOME`.
    private func home() throws -> URL {
        let home = folder.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        for name in ["Fonts", "Templates", "Dictionary"] {
            try FileManager.default.copyItem(at: RenderTests.root.appendingPathComponent(name), to: home.appendingPathComponent(name))
        }
        return home
    }

    private func render(home: URL) throws -> (Int32, String) {
        let input = try write("r.yaml", Data("blocks: [ข้อความ **หนา**]\n".utf8))
        let (status, _, error) = try RenderTests.run(RenderTests.binary.path, ["render", input.path, "-o", folder.appendingPathComponent("r.pdf").path],
                                                     environment: ["THAIREPORT_HOME": home.path])
        return (status, error)
    }

    func testTheCopiedFilesRender() throws {
        XCTAssertEqual(try render(home: try home()).0, 0)
    }

    func testADamagedBundledFontIsNamed() throws {
        let home = try home()
        let font = home.appendingPathComponent("Fonts/Sarabun/Sarabun-Bold.ttf")
        try Data(repeating: 0x41, count: 100).write(to: font)
        let (status, error) = try render(home: home)
        XCTAssertEqual(status, 2)
        XCTAssertEqual(error, "error: the bundled font \(font.path) is missing or damaged; reinstall thaireport\n")
    }

    func testADamagedWordListIsNamed() throws {
        let home = try home()
        let words = home.appendingPathComponent("Dictionary/thai-words.packed")
        try (Data("THWORDS1".utf8) + Data(count: 8)).write(to: words)  // no nodes at all
        let (status, error) = try render(home: home)
        XCTAssertEqual(status, 2)
        XCTAssertEqual(error, "error: the bundled word list \(words.path) is missing or unreadable "
                       + "(damaged packed word list: its length does not match its node count); reinstall thaireport\n")
    }
}
