import ReportSyntax
import XCTest

/// The folder part of a written path, for every shape of name, one-character names included (on
/// which Foundation's `NSString.deletingLastPathComponent` traps).
final class PathTextTests: XCTestCase {
    func testTheFolderOfAWrittenPath() {
        let cases: [(String, String)] = [
            ("y", ""), ("ก", ""), (".", ""), ("y/", ""), ("ab", ""), ("", ""),
            ("a/b", "a"), ("a/b/", "a"), ("a//b", "a"), ("a///b//", "a"), ("images/ก.png", "images"), ("a/b/c.png", "a/b"),
            ("/a", "/"), ("/", "/"), ("//", "/"), ("///ab", "/"), ("/tmp/x/", "/tmp"),
            ("./y", "."), ("../y", ".."), ("images/" + String(repeating: "/", count: 10_000), ""),
            ("a" + String(repeating: "/", count: 10_000) + "b", "a"),
        ]
        for (path, folder) in cases {
            XCTAssertEqual(PathText.folder(of: path), folder, "'\(path)'")
        }
    }
}
