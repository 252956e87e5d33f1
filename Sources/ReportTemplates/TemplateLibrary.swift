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
    public func template(named name: String, at location: SourceLocation? = nil, limits: InputLimits = .standard) throws -> ReportTemplate {
        let path = "\(folder)/\(name)/template.yaml"
        guard !name.contains("/"), FileManager.default.fileExists(atPath: path) else {
            let available = names
            throw DiagnosticList([Diagnostic(at: location, "unknown template `\(name)`; available: " + available.joined(separator: ", "),
                                             hint: Suggestion.nearest(to: name, in: available).map { "did you mean `\($0)`?" }
                                                 ?? "run `thaireport templates` to list them")])
        }
        return try ReportTemplate(path: path, displayName: "Templates/\(name)/template.yaml", limits: limits)
    }

    /// The template a description names in `template:`: a bundled name, or a path (relative to the
    /// description's folder) to a template file or to a folder holding `template.yaml`. A path obeys
    /// the rule of every file a description names, with the templates folder allowed beside the
    /// description's: inside one of them, and a regular file.
    public func template(for reference: SyntaxNode, descriptionFolder: String, limits: InputLimits = .standard) throws -> ReportTemplate {
        guard let text = reference.scalar, !text.isEmpty else {
            throw DiagnosticList([Diagnostic(at: reference.location, "`template` should be a template name or path, found \(reference.kindName)",
                                             hint: "available: " + names.joined(separator: ", "))])
        }
        guard text.contains("/") || text.hasSuffix(".yaml") else { return try template(named: text, at: reference.location, limits: limits) }
        let folders = PermittedFolders([.init(path: descriptionFolder, role: "the description's folder"),
                                        .init(path: folder, role: "the templates folder")])
        let diagnostics = DiagnosticCollector()
        guard let path = folders.resolve(text, at: reference.location, what: "template", fileInFolder: "template.yaml",
                                         diagnostics: diagnostics) else {
            throw DiagnosticList(diagnostics.sorted)
        }
        var isFolder: ObjCBool = false
        let namesFolder = FileManager.default.fileExists(atPath: text.hasPrefix("/") ? text : "\(descriptionFolder)/\(text)",
                                                         isDirectory: &isFolder) && isFolder.boolValue
        return try ReportTemplate(path: path, displayName: Self.displayName(of: text, from: reference.location.file, namesFolder: namesFolder),
                                  limits: limits)
    }

    /// How messages name a template file: as the description names it, from the folder the
    /// description was given in, ending with the file (`tpl/template.yaml`, not `./tpl`).
    static func displayName(of written: String, from descriptionFile: String, namesFolder: Bool) -> String {
        let folder = PathText.folder(of: descriptionFile) as NSString
        var name = written.hasPrefix("/") ? written : folder.appendingPathComponent(written)
        if namesFolder { name = (name as NSString).appendingPathComponent("template.yaml") }
        return name.split(separator: "/", omittingEmptySubsequences: false).filter { $0 != "." }.joined(separator: "/")
    }
}
