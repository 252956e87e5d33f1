import Foundation
import ReportSyntax
@testable import ReportTemplates
import XCTest

/// A test case with a temporary folder for template files, and helpers that load a template as
/// `t.yaml`, fill it in from a description `d.yaml`, and give the messages either step reports.
class TemplateTestCase: XCTestCase {
    var folder: URL!

    /// The package's root folder (for the bundled templates).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("thaireport-templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func template(_ yaml: String, limits: InputLimits = .standard) throws -> ReportTemplate {
        let url = folder.appendingPathComponent("template.yaml")
        try yaml.write(to: url, atomically: true, encoding: .utf8)
        return try ReportTemplate(path: url.path, displayName: "t.yaml", limits: limits)
    }

    func expand(_ template: ReportTemplate, _ description: String, limits: InputLimits = .standard) throws -> SyntaxNode {
        let node = try YAMLLoader.parse(data: Data(description.utf8), file: "d.yaml")
        return try TemplateExpander(template: template, limits: limits).expand(node)
    }

    /// The diagnostics `step` throws, as `file:line:column: error: message (hint)`.
    func messages(_ step: () throws -> Any) -> [String] {
        do {
            _ = try step()
            XCTFail("expected errors")
        } catch let list as DiagnosticList {
            return list.items.map(\.description)
        } catch {
            XCTFail("unexpected \(error)")
        }
        return []
    }

    /// What loading `yaml` as a template reports.
    func loadErrors(_ yaml: String, limits: InputLimits = .standard) -> [String] {
        messages { try template(yaml, limits: limits) }
    }

    /// What filling in `template` from `description` reports.
    func errors(_ template: ReportTemplate, _ description: String, limits: InputLimits = .standard) -> [String] {
        messages { try expand(template, description, limits: limits) }
    }
}
