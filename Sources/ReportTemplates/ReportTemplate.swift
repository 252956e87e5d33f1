import Foundation
import ReportSyntax

/// An official report format read from `Templates/<name>/template.yaml`: the fields a description
/// fills, named variants, shared definitions, and the document body with expressions that the
/// expander fills from the description.
public final class ReportTemplate {
    /// A named way of printing the report (e.g. a column set), chosen with `variant:`.
    struct Variant {
        var name: String
        var comment: String?
        /// Definitions that replace or add to the template's `let` for this variant.
        var definitions: [(name: String, node: SyntaxNode)]
        /// Field paths (`groups.measures.suggestion`) this variant does not print.
        var unused: [[String]]
    }

    public let name: String
    public let title: String
    public let summary: String?
    let fields: FieldSpec
    let variants: [Variant]
    let definitions: [(name: String, node: SyntaxNode)]
    let body: SyntaxNode
    /// The file the template was read from.
    public let path: String

    /// Names of the variants, the first being the default.
    public var variantNames: [String] { variants.map(\.name) }

    /// Comments of the variants, by name.
    public func variantComment(_ name: String) -> String? { variants.first { $0.name == name }?.comment }

    static let topKeys = ["template", "fields", "variants", "let", "document"]

    /// Reads and checks a template file; throws every problem found as a `DiagnosticList`.
    public init(path: String, displayName: String) throws {
        let root = try YAMLLoader.load(path: path, displayName: displayName)
        let diagnostics = DiagnosticCollector()
        guard let pairs = root.mapping else {
            throw DiagnosticList([Diagnostic(at: root.location, "a template must be a mapping with `fields` and `document`, found \(root.kindName)")])
        }
        var entries: [String: SyntaxNode] = [:]
        for pair in pairs {
            guard let key = pair.key.scalar, Self.topKeys.contains(key) else {
                let key = pair.key.scalar ?? ""
                diagnostics.error(pair.key.location, "unknown key `\(key)` in a template",
                                  hint: Suggestion.nearest(to: key, in: Self.topKeys).map { "did you mean `\($0)`?" }
                                      ?? "a template has " + Self.topKeys.map { "`\($0)`" }.joined(separator: ", "))
                continue
            }
            entries[key] = pair.value
        }
        let folderName = URL(fileURLWithPath: path).deletingLastPathComponent().lastPathComponent
        let info = entries["template"]?.mapping ?? []
        func infoText(_ key: String) -> String? { info.first { $0.key.scalar == key }?.value.scalar }
        name = infoText("name") ?? folderName
        title = infoText("title") ?? name
        summary = infoText("description")
        self.path = path
        let fieldList = entries["fields"].map { FieldSpec.readFields($0, diagnostics: diagnostics) } ?? []
        fields = FieldSpec(name: "", kind: .record, required: true, defaultValue: nil, comment: nil, example: nil,
                           values: [], fields: fieldList, itemSpec: nil, location: root.location)
        definitions = Self.readDefinitions(entries["let"], diagnostics: diagnostics)
        var variants: [Variant] = []
        for pair in entries["variants"]?.mapping ?? [] {
            guard let variantName = pair.key.scalar, let options = pair.value.mapping else {
                diagnostics.error(pair.value.location, "a variant must be a mapping with `comment`, `let` and `unused`")
                continue
            }
            var variant = Variant(name: variantName, comment: nil, definitions: [], unused: [])
            for option in options {
                switch option.key.scalar {
                case "comment": variant.comment = option.value.scalar
                case "let": variant.definitions = Self.readDefinitions(option.value, diagnostics: diagnostics)
                case "unused": variant.unused = (option.value.sequence ?? []).compactMap { $0.scalar?.split(separator: ".").map(String.init) }
                default:
                    diagnostics.error(option.key.location, "unknown key `\(option.key.scalar ?? "")` in variant `\(variantName)`",
                                      hint: "a variant has `comment`, `let` and `unused`")
                }
            }
            variants.append(variant)
        }
        self.variants = variants
        guard let body = entries["document"] else {
            diagnostics.error(root.location, "a template needs `document`: the report it produces, with `${…}` where fields go")
            throw DiagnosticList(diagnostics.sorted)
        }
        self.body = body
        for name in fieldList.map(\.name) where definitions.contains(where: { $0.name == name }) {
            diagnostics.error(root.location, "`\(name)` is both a field and a `let` definition", hint: "rename one of them")
        }
        if diagnostics.hasErrors { throw DiagnosticList(diagnostics.sorted) }
    }

    private static func readDefinitions(_ node: SyntaxNode?, diagnostics: DiagnosticCollector) -> [(name: String, node: SyntaxNode)] {
        guard let node else { return [] }
        guard let pairs = node.mapping else {
            diagnostics.error(node.location, "`let` must be a mapping of names to values")
            return []
        }
        return pairs.compactMap { pair in pair.key.scalar.map { ($0, pair.value) } }
    }
}
