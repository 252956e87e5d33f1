import Foundation
import ReportSyntax
import ThaiText

/// One field a template asks the description to fill: its kind, whether it is needed, its default,
/// and the comment and example that `thaireport new` writes. Lists of records carry the fields of
/// one item.
final class FieldSpec {
    /// The kinds of value a field can hold.
    enum Kind: String, CaseIterable {
        /// One text (numbers and names included).
        case text
        /// A text, or a list of texts, one per paragraph.
        case paragraphs
        /// A number, with Thai or Arabic digits and optional thousands separators.
        case number
        /// A Buddhist Era year such as 2567.
        case year
        /// A date written as YYYY-MM-DD (Christian or Buddhist Era year).
        case date
        /// One of the texts listed in `values`.
        case choice
        /// true or false.
        case bool
        /// A list; `item` says what each item is.
        case list
        /// A mapping with the named `fields`.
        case record
        /// Report blocks (headings, paragraphs, lists, tables …) written as in any description.
        case blocks
    }

    let name: String
    /// Where the field is in a description, for messages: `groups.measures.result`.
    let path: String
    let kind: Kind
    let required: Bool
    let defaultValue: SyntaxNode?
    let comment: String?
    let example: SyntaxNode?
    /// Allowed values of a `choice` field.
    let values: [String]
    /// Fields of a record, or of each record in a list.
    let fields: [FieldSpec]
    /// What each item of a list is.
    let itemSpec: FieldSpec?
    let location: SourceLocation

    init(name: String, path: String, kind: Kind, required: Bool, defaultValue: SyntaxNode?, comment: String?, example: SyntaxNode?,
         values: [String], fields: [FieldSpec], itemSpec: FieldSpec?, location: SourceLocation) {
        self.name = name
        self.path = path
        self.kind = kind
        self.required = required
        self.defaultValue = defaultValue
        self.comment = comment
        self.example = example
        self.values = values
        self.fields = fields
        self.itemSpec = itemSpec
        self.location = location
    }

    func field(_ name: String) -> FieldSpec? { fields.first { $0.name == name } }

    /// A phrase saying what the field expects, for messages.
    var expectation: String {
        switch kind {
        case .text: return "a text"
        case .paragraphs: return "a text or a list of texts (one per paragraph)"
        case .number: return "a number"
        case .year: return "a Buddhist Era year such as 2567"
        case .date: return "a date written YYYY-MM-DD"
        case .choice: return "one of " + values.map { "`\($0)`" }.joined(separator: ", ")
        case .bool: return "true or false"
        case .list: return "a list"
        case .record: return "a mapping with " + fields.map { "`\($0.name)`" }.joined(separator: ", ")
        case .blocks: return "a list of report blocks"
        }
    }

    // MARK: Reading specs from a template

    static let specKeys = ["type", "required", "default", "comment", "example", "values", "item", "fields"]

    /// Reads the fields of a mapping `name: spec` below the field path `parent` (`""` at the top).
    /// A spec is a mapping with `type` and the other keys above, or just a type name (`title: text`).
    static func readFields(_ node: SyntaxNode, parent: String, diagnostics: DiagnosticCollector) -> [FieldSpec] {
        guard let pairs = node.mapping else {
            diagnostics.error(node.location, "`fields` must be a mapping of field names to field descriptions, found \(node.kindName)")
            return []
        }
        return pairs.compactMap { pair in
            guard let name = pair.key.scalar else {
                diagnostics.error(pair.key.location, "a field name must be a text")
                return nil
            }
            return read(name: name, path: parent.isEmpty ? name : "\(parent).\(name)", pair.value, diagnostics: diagnostics)
        }
    }

    static func read(name: String, path: String, _ node: SyntaxNode, diagnostics: DiagnosticCollector) -> FieldSpec? {
        if let typeName = node.scalar {
            guard let kind = kind(typeName, at: node.location, diagnostics: diagnostics) else { return nil }
            return FieldSpec(name: name, path: path, kind: kind, required: true, defaultValue: nil, comment: nil, example: nil,
                             values: [], fields: [], itemSpec: nil, location: node.location)
        }
        guard let pairs = node.mapping else {
            diagnostics.error(node.location, "field `\(name)` must be described by a type name or a mapping, found \(node.kindName)")
            return nil
        }
        var entries: [String: SyntaxNode] = [:]
        for pair in pairs {
            guard let key = pair.key.scalar, specKeys.contains(key) else {
                let key = pair.key.scalar ?? ""
                let hint = Suggestion.nearest(to: key, in: specKeys).map { "did you mean `\($0)`?" }
                    ?? "a field is described by " + specKeys.map { "`\($0)`" }.joined(separator: ", ")
                diagnostics.error(pair.key.location, "unknown key `\(key)` in the description of field `\(name)`", hint: hint)
                continue
            }
            entries[key] = pair.value
        }
        let item = entries["item"]
        let fieldsNode = entries["fields"]
        let inferred: Kind = item != nil ? .list : fieldsNode != nil ? .record : .text
        var kind = inferred
        if let typeNode = entries["type"] {
            guard let typeName = typeNode.scalar, let named = Self.kind(typeName, at: typeNode.location, diagnostics: diagnostics) else {
                return nil
            }
            kind = named
        }
        var itemSpec: FieldSpec?
        if kind == .list {
            guard let item else {
                diagnostics.error(node.location, "list field `\(name)` needs `item`: a type name or the fields of one item")
                return nil
            }
            if item.mapping != nil, item.mapping?.contains(where: { $0.key.scalar == "type" }) == false {
                itemSpec = FieldSpec(name: name, path: path, kind: .record, required: true, defaultValue: nil, comment: nil, example: nil,
                                     values: [], fields: readFields(item, parent: path, diagnostics: diagnostics), itemSpec: nil,
                                     location: item.location)
            } else {
                itemSpec = read(name: name, path: path, item, diagnostics: diagnostics)
            }
        }
        let values = entries["values"]?.sequence?.compactMap(\.scalar) ?? []
        if kind == .choice, values.isEmpty {
            diagnostics.error(node.location, "choice field `\(name)` needs `values: [ … ]`")
        }
        let required = entries["required"]?.scalar.map { $0 == "true" || $0 == "yes" } ?? (entries["default"] == nil)
        return FieldSpec(name: name, path: path, kind: kind, required: required, defaultValue: entries["default"],
                         comment: entries["comment"]?.scalar, example: entries["example"], values: values,
                         fields: kind == .record ? fieldsNode.map { readFields($0, parent: path, diagnostics: diagnostics) } ?? [] : [],
                         itemSpec: itemSpec, location: node.location)
    }

    private static func kind(_ name: String, at location: SourceLocation, diagnostics: DiagnosticCollector) -> Kind? {
        if let kind = Kind(rawValue: name) { return kind }
        let names = Kind.allCases.map(\.rawValue)
        diagnostics.error(location, "unknown field type `\(name)`",
                          hint: Suggestion.nearest(to: name, in: names).map { "did you mean `\($0)`?" }
                              ?? "use one of " + names.joined(separator: ", "))
        return nil
    }

    // MARK: Checking a description

    /// Checks `node` against this field and reports every mismatch. `path` names the field in
    /// messages (`groups[2].measures[1].result`).
    func check(_ node: SyntaxNode, path: String, diagnostics: DiagnosticCollector) {
        if case .null = node.value {
            if required { diagnostics.error(node.location, "`\(path)` is empty", hint: "write \(expectation)") }
            return
        }
        func mismatch() {
            diagnostics.error(node.location, "`\(path)` should be \(expectation), found \(node.kindName)")
        }
        switch kind {
        case .text:
            if node.scalar == nil { mismatch() }
        case .paragraphs:
            if let items = node.sequence {
                for item in items where item.scalar == nil {
                    diagnostics.error(item.location, "each paragraph of `\(path)` should be a text, found \(item.kindName)")
                }
            } else if node.scalar == nil {
                mismatch()
            }
        case .number:
            guard let text = node.scalar else { return mismatch() }
            if ThaiFormatting.parseNumber(text) == nil {
                diagnostics.error(node.location, "`\(path)` should be a number, found `\(text)`",
                                  hint: "write digits such as 50000 or ๕๐,๐๐๐.๐๐")
            }
        case .year:
            guard let text = node.scalar else { return mismatch() }
            guard let year = Int(ThaiFormatting.digits(text, .arabic)) else {
                return diagnostics.error(node.location, "`\(path)` should be a year such as 2567, found `\(text)`")
            }
            if !(2400...2800).contains(year) {
                let hint = (1857...2257).contains(year) ? "write the Buddhist Era year: \(year + 543)" : "write a year such as 2567"
                diagnostics.error(node.location, "`\(path)` should be a Buddhist Era year, found \(year)", hint: hint)
            }
        case .date:
            guard let text = node.scalar else { return mismatch() }
            if ThaiFormatting.CalendarDate.parse(text) == nil {
                diagnostics.error(node.location, "`\(path)` should be a date written YYYY-MM-DD, found `\(text)`")
            }
        case .choice:
            guard let text = node.scalar else { return mismatch() }
            if !values.contains(text) {
                let hint = Suggestion.nearest(to: text, in: values).map { "did you mean `\($0)`?" }
                    ?? "use one of " + values.map { "`\($0)`" }.joined(separator: ", ")
                diagnostics.error(node.location, "`\(path)` cannot be `\(text)`; it is one of " + values.map { "`\($0)`" }.joined(separator: ", "), hint: hint)
            }
        case .bool:
            guard let text = node.scalar else { return mismatch() }
            if !["true", "false", "yes", "no"].contains(text) {
                diagnostics.error(node.location, "`\(path)` should be true or false, found `\(text)`")
            }
        case .list:
            guard let items = node.sequence else { return mismatch() }
            for (index, item) in items.enumerated() {
                itemSpec?.check(item, path: "\(path)[\(index + 1)]", diagnostics: diagnostics)
            }
        case .record:
            guard let pairs = node.mapping else { return mismatch() }
            checkRecord(pairs, at: node.location, path: path, diagnostics: diagnostics)
        case .blocks:
            if node.sequence == nil { mismatch() }
        }
    }

    /// Checks the entries of a record: unknown keys (with the nearest field), missing required
    /// fields, and each value.
    func checkRecord(_ pairs: [(key: SyntaxNode, value: SyntaxNode)], at location: SourceLocation, path: String,
                     diagnostics: DiagnosticCollector, ignoring reserved: Set<String> = []) {
        var seen = Set<String>()
        for pair in pairs {
            guard let key = pair.key.scalar else {
                diagnostics.error(pair.key.location, "a field name must be a text")
                continue
            }
            if reserved.contains(key) { continue }
            let childPath = path.isEmpty ? key : "\(path).\(key)"
            guard let spec = field(key) else {
                let names = fields.map(\.name)
                let hint = Suggestion.nearest(to: key, in: names).map { "did you mean `\($0)`?" }
                    ?? "the fields here are " + names.map { "`\($0)`" }.joined(separator: ", ")
                diagnostics.error(pair.key.location, "unknown field `\(childPath)`", hint: hint)
                continue
            }
            if !seen.insert(key).inserted {
                diagnostics.error(pair.key.location, "`\(childPath)` is given twice", hint: "keep one")
                continue
            }
            spec.check(pair.value, path: childPath, diagnostics: diagnostics)
        }
        for spec in fields where spec.required && !seen.contains(spec.name) {
            let what = spec.comment.map { " (\($0))" } ?? ""
            diagnostics.error(location, "missing field `\(path.isEmpty ? spec.name : "\(path).\(spec.name)")`\(what)",
                              hint: "add `\(spec.name):` with \(spec.expectation)")
        }
    }
}
