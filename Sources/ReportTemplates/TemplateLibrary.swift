import Foundation
import ReportSyntax

/// The official templates shipped in `Templates/` (one folder each, holding `template.yaml` and
/// `examples/`), and templates named by a path from a description.
public struct TemplateLibrary {
    public let folder: String

    public init(folder: String) {
        self.folder = folder
    }

    /// Names of the bundled templates, sorted.
    public var names: [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return entries.filter { FileManager.default.fileExists(atPath: "\(folder)/\($0)/template.yaml") }.sorted()
    }

    /// Loads a bundled template by name; throws a diagnostic naming the available ones when unknown.
    public func template(named name: String, at location: SourceLocation? = nil) throws -> ReportTemplate {
        let path = "\(folder)/\(name)/template.yaml"
        guard !name.contains("/"), FileManager.default.fileExists(atPath: path) else {
            let available = names
            throw DiagnosticList([Diagnostic(at: location, "unknown template `\(name)`; available: " + available.joined(separator: ", "),
                                             hint: Suggestion.nearest(to: name, in: available).map { "did you mean `\($0)`?" }
                                                 ?? "run `thaireport templates` to list them")])
        }
        return try ReportTemplate(path: path, displayName: "Templates/\(name)/template.yaml")
    }

    /// The template a description names in `template:`: a bundled name, or a path (relative to the
    /// description's folder) to a template file or to a folder holding `template.yaml`.
    public func template(for reference: SyntaxNode, descriptionFolder: String) throws -> ReportTemplate {
        guard let text = reference.scalar, !text.isEmpty else {
            throw DiagnosticList([Diagnostic(at: reference.location, "`template` should be a template name or path, found \(reference.kindName)",
                                             hint: "available: " + names.joined(separator: ", "))])
        }
        guard text.contains("/") || text.hasSuffix(".yaml") else { return try template(named: text, at: reference.location) }
        var path = text.hasPrefix("/") ? text : "\(descriptionFolder)/\(text)"
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            path += "/template.yaml"
        }
        guard FileManager.default.fileExists(atPath: path) else {
            throw DiagnosticList([Diagnostic(at: reference.location, "the template \(text) does not exist",
                                             hint: "give a bundled name (" + names.joined(separator: ", ") + ") or the path of a template.yaml")])
        }
        return try ReportTemplate(path: path, displayName: text)
    }
}
