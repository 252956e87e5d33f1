import Foundation
import ReportSyntax

/// An official report format read from `Templates/<name>/template.yaml`: the fields a description
/// fills, named variants, shared definitions, and the document body. It is compiled and checked,
/// on every branch and for every variant, when it is loaded; the expander then fills it in.
public final class ReportTemplate {
    /// A named way of printing the report (e.g. a column set), chosen with `variant:`.
    struct Variant {
        var name: String
        var comment: String?
        /// Definitions that replace or add to the template's `let` for this variant.
        var definitions: [Definition]
        /// Field paths (`groups.measures.suggestion`) this variant does not print.
        var unused: [[String]]
    }

    /// The definitions in force for one variant, and those whose value is the same at every use.
    struct DefinitionScope {
        var definitions: [String: Definition]
        var constants: Set<String>
    }

    public let name: String
    public let title: String
    public let summary: String?
    let fields: FieldSpec
    let variants: [Variant]
    let body: TemplateNode
    /// The definition scope of each variant, by name (`""` for a template without variants).
    private let scopes: [String: DefinitionScope]
    /// The file the template was read from.
    public let path: String
    /// Names of the fixed texts a description may replace (`texts:`), in the template's order.
    let textNames: [String]
    /// Named tables a description may change (`tables:`), with the field path of the list their
    /// rows come from (nil: not one list of the description).
    let tableRows: [String: [String]?]

    /// Names of the variants, the first being the default.
    public var variantNames: [String] { variants.map(\.name) }

    /// Comments of the variants, by name.
    public func variantComment(_ name: String) -> String? { variants.first { $0.name == name }?.comment }

    /// The definitions in force for `variant` (nil: a template without variants).
    func definitions(for variant: Variant?) -> DefinitionScope { scopes[variant?.name ?? ""] ?? DefinitionScope(definitions: [:], constants: []) }

    static let topKeys = ["template", "fields", "variants", "let", "texts", "document"]

    /// Reads, compiles and checks a template file; throws every problem found as a `DiagnosticList`.
    public init(path: String, displayName: String, limits: InputLimits = .standard) throws {
        let root = try YAMLLoader.load(path: path, displayName: displayName, limits: limits)
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
        let compiler = TemplateCompiler(diagnostics: diagnostics, limits: limits)
        let fieldList = entries["fields"].map { FieldSpec.readFields($0, parent: "", diagnostics: diagnostics) } ?? []
        fields = FieldSpec(name: "", path: "", kind: .record, required: true, defaultValue: nil, comment: nil, example: nil,
                           values: [], fields: fieldList, itemSpec: nil, location: root.location)
        let texts = Self.readDefinitions(entries["texts"], compiler: compiler)
        textNames = texts.map(\.name)
        let letDefinitions = Self.readDefinitions(entries["let"], compiler: compiler)
        for text in texts where letDefinitions.contains(where: { $0.name == text.name }) {
            diagnostics.error(text.location, "`\(text.name)` is both a text and a `let` definition", hint: "rename one of them")
        }
        let definitions = letDefinitions + texts
        variants = Self.readVariants(entries["variants"], compiler: compiler)
        guard let document = entries["document"] else {
            diagnostics.error(root.location, "a template needs `document`: the report it produces, with `${…}` where fields go")
            throw DiagnosticList(diagnostics.sorted)
        }
        body = compiler.compile(document)
        var tables: [String: [String]?] = [:]
        Self.namedTables(in: body, into: &tables, diagnostics: diagnostics)
        tableRows = tables
        for definition in definitions + variants.flatMap(\.definitions) {
            if fields.field(definition.name) != nil {
                diagnostics.error(definition.location, "`\(definition.name)` is both a field and a `let` definition", hint: "rename one of them")
            } else if definition.name == "variant" {
                diagnostics.error(definition.location, "`variant` is the name of the chosen variant", hint: "name the definition otherwise")
            }
        }
        scopes = Self.check(body, fields: fields, definitions: definitions, variants: variants, limits: limits, diagnostics: diagnostics)
        if diagnostics.hasErrors { throw DiagnosticList(diagnostics.sorted) }
    }

    private static func readDefinitions(_ node: SyntaxNode?, compiler: TemplateCompiler) -> [Definition] {
        guard let node else { return [] }
        guard let pairs = node.mapping else {
            compiler.diagnostics.error(node.location, "`let` must be a mapping of names to values")
            return []
        }
        return pairs.compactMap { pair in
            pair.key.scalar.map { Definition(name: $0, value: compiler.compile(pair.value), location: pair.key.location) }
        }
    }

    private static func readVariants(_ node: SyntaxNode?, compiler: TemplateCompiler) -> [Variant] {
        var variants: [Variant] = []
        for pair in node?.mapping ?? [] {
            guard let variantName = pair.key.scalar, let options = pair.value.mapping else {
                compiler.diagnostics.error(pair.value.location, "a variant must be a mapping with `comment`, `let` and `unused`")
                continue
            }
            var variant = Variant(name: variantName, comment: nil, definitions: [], unused: [])
            for option in options {
                switch option.key.scalar {
                case "comment": variant.comment = option.value.scalar
                case "let": variant.definitions = readDefinitions(option.value, compiler: compiler)
                case "unused": variant.unused = (option.value.sequence ?? []).compactMap { $0.scalar?.split(separator: ".").map(String.init) }
                default:
                    compiler.diagnostics.error(option.key.location, "unknown key `\(option.key.scalar ?? "")` in variant `\(variantName)`",
                                               hint: "a variant has `comment`, `let` and `unused`")
                }
            }
            variants.append(variant)
        }
        return variants
    }

    /// Checks the body with each variant's definitions (the template's, replaced or added to by the
    /// variant's) and reports every problem once; one found with some variants only says which.
    private static func check(_ body: TemplateNode, fields: FieldSpec, definitions: [Definition], variants: [Variant],
                              limits: InputLimits, diagnostics: DiagnosticCollector) -> [String: DefinitionScope] {
        let loopNames = (definitions + variants.flatMap(\.definitions)).reduce(body.loopNames) { $0.union($1.value.loopNames) }
        var scopes: [String: DefinitionScope] = [:]
        var problems: [(problem: TemplateChecker.Problem, variants: [String])] = []
        var positions: [TemplateChecker.Problem: Int] = [:]
        for variant in variants.isEmpty ? [nil] : variants.map(Optional.some) {
            var inForce: [String: Definition] = [:]
            for definition in definitions + (variant?.definitions ?? []) { inForce[definition.name] = definition }
            let checker = TemplateChecker(fields: fields, definitions: inForce, loopNames: loopNames, limits: limits)
            scopes[variant?.name ?? ""] = DefinitionScope(definitions: inForce, constants: checker.check(body: body))
            for problem in checker.problems {
                if let index = positions[problem] {
                    problems[index].variants.append(variant?.name ?? "")
                } else {
                    positions[problem] = problems.count
                    problems.append((problem, [variant?.name ?? ""]))
                }
            }
        }
        for (problem, found) in problems {
            let only = found.count < max(variants.count, 1) ? " in variant " + found.map { "`\($0)`" }.joined(separator: ", ") : ""
            diagnostics.error(problem.location, problem.message + only, hint: problem.hint)
        }
        return scopes
    }
}
