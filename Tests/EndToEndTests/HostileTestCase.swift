import Foundation
import XCTest

/// Hostile input through the command line: each test writes a description and its files beside an
/// earlier `out.pdf`, runs `thaireport render`, and asserts the exit status, the exact standard
/// error (file, line, column, message) and that no file in the folder was touched.
class HostileTestCase: FolderTestCase {
    /// The bytes and modification time of every regular file below the folder, by relative path.
    func snapshot() throws -> [String: [Int]] {
        var result: [String: [Int]] = [:]
        for case let name as String in FileManager.default.enumerator(atPath: folder.path)! {
            var info = stat()
            guard stat(folder.appendingPathComponent(name).path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
            let bytes = try Data(contentsOf: folder.appendingPathComponent(name))
            result[name] = [info.st_mtim.tv_sec, info.st_mtim.tv_nsec, bytes.count, bytes.hashValue]
        }
        return result
    }

    /// A fixture picture from `Tests/Fixtures/images`.
    static func picture(_ name: String) throws -> Data {
        try Data(contentsOf: RenderTests.root.appendingPathComponent("Tests/Fixtures/images/\(name)"))
    }

    /// Writes `yaml` as `r.yaml` with `files` and an earlier `out.pdf`, renders it to `out.pdf`, and
    /// asserts that it exits with `status`, prints exactly `error` (the folder's path left out) and
    /// changes no file.
    func assertRefused(_ yaml: String, files: [String: Data] = [:], status: Int32 = 1, _ error: String,
                       file: StaticString = #filePath, line: UInt = #line) throws {
        for (name, data) in files { try write(name, data) }
        try write("r.yaml", Data(yaml.utf8))
        try write("out.pdf", Data("an earlier PDF".utf8))
        let before = try snapshot()
        let (exit, _, printed) = try RenderTests.run(RenderTests.binary.path, ["render", "r.yaml", "-o", "out.pdf"], directory: folder)
        XCTAssertEqual(exit, status, printed, file: file, line: line)
        XCTAssertEqual(printed.replacingOccurrences(of: folder.path + "/", with: ""), error, file: file, line: line)
        XCTAssertEqual(try snapshot(), before, "no file touched", file: file, line: line)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".thaireport-") }, [],
                       "no temporary file left", file: file, line: line)
    }

    /// Renders `yaml` (with `files`) to `out.pdf`; returns the exit status and standard error.
    func render(_ yaml: String, files: [String: Data] = [:]) throws -> (status: Int32, error: String) {
        for (name, data) in files { try write(name, data) }
        try write("r.yaml", Data(yaml.utf8))
        let (exit, _, printed) = try RenderTests.run(RenderTests.binary.path, ["render", "r.yaml", "-o", "out.pdf"], directory: folder)
        return (exit, printed)
    }
}
