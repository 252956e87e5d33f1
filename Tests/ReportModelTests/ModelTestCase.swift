import Foundation
import ReportModel
import ReportSyntax
import XCTest

/// A test case that builds descriptions into documents in a folder of its own (removed after each
/// test), and collects the diagnostics of those that do not build.
class ModelTestCase: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("thaireport-model-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    /// The document `yaml` describes, read as the file `r.yaml` in the test's folder.
    func build(_ yaml: String) throws -> Document {
        let root = try YAMLLoader.parse(data: Data(yaml.utf8), file: "r.yaml")
        let builder = DocumentBuilder(environment: BuildEnvironment(baseDirectory: folder.path, fontsDirectory: "/fonts", sourceDateEpoch: nil))
        return try builder.build(root).0
    }

    /// The diagnostics a description produces (fails the test if it builds).
    func errors(_ yaml: String, file: StaticString = #filePath, line: UInt = #line) -> [Diagnostic] {
        do {
            _ = try build(yaml)
            XCTFail("expected errors", file: file, line: line)
            return []
        } catch let list as DiagnosticList {
            return list.items
        } catch {
            XCTFail("unexpected \(error)", file: file, line: line)
            return []
        }
    }
}
