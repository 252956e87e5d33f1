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
        /// A whole number, written as a `number` is.
        case integer
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
    /// Allowed values of a `choice` field (its codes).
    let values: [String]
    /// Other ways of writing a `choice` value (Thai words for a code), each to its code: a value
    /// written so is read as its code, so the template compares codes only.
    var aliases: [String: String] = [:]
    /// The range a `number` field's value must be in, when the template declares one.
    var bounds = FieldBounds()
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

    /// The expressions of the bounds of this field and of every field inside it.
    var boundExpressions: [CompiledExpression] {
        bounds.expressions + fields.flatMap(\.boundExpressions) + (itemSpec?.boundExpressions ?? [])
    }

    /// A phrase saying what the field expects, for messages.
    var expectation: String {
        switch kind {
        case .text: return "a text"
        case .paragraphs: return "a text or a list of texts (one per paragraph)"
        case .number: return "a number"
        case .integer: return "a whole number"
        case .year: return "a Buddhist Era year such as 2567"
        case .date: return "a date written YYYY-MM-DD"
        case .choice: return "one of " + valueList
        case .bool: return "true or false"
        case .list: return "a list"
        case .record: return "a mapping with " + fields.map { "`\($0.name)`" }.joined(separator: ", ")
        case .blocks: return "a list of report blocks"
        }
    }

    // MARK: Reading specs from a template

    static let specKeys = ["type", "required", "default", "comment", "example", "values", "item", "fields", "min", "max"]

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
        let (values, aliases) = readValues(entries["values"], diagnostics: diagnostics)
        if kind == .choice, values.isEmpty {
            diagnostics.error(node.location, "choice field `\(name)` needs `values: [ … ]`")
        }
        let required = entries["required"]?.scalar.map { $0 == "true" || $0 == "yes" } ?? (entries["default"] == nil)
        let spec = FieldSpec(name: name, path: path, kind: kind, required: required, defaultValue: entries["default"],
                             comment: entries["comment"]?.scalar, example: entries["example"], values: values,
                             fields: kind == .record ? fieldsNode.map { readFields($0, parent: path, diagnostics: diagnostics) } ?? [] : [],
                             itemSpec: itemSpec, location: node.location)
        spec.aliases = aliases
        spec.bounds = FieldBounds.read(min: entries["min"], max: entries["max"], field: name, kind: kind, diagnostics: diagnostics)
        return spec
    }

    /// The codes of a `choice` field and their other spellings: `values: [done, not-done]`, or a
    /// mapping of each code to the words that also mean it, `values: {done: [แล้วเสร็จ], …}`.
    private static func readValues(_ node: SyntaxNode?, diagnostics: DiagnosticCollector) -> (codes: [String], aliases: [String: String]) {
        guard let node else { return ([], [:]) }
        if let items = node.sequence { return (items.compactMap(\.scalar), [:]) }
        guard let pairs = node.mapping else {
            diagnostics.error(node.location, "`values` must be a list of values, or a mapping of each value to the words that also mean it")
            return ([], [:])
        }
        var codes: [String] = [], aliases: [String: String] = [:]
        for pair in pairs {
            guard let code = pair.key.scalar else { continue }
            codes.append(code)
            for word in (pair.value.sequence ?? [pair.value]).compactMap(\.scalar) {
                if let other = aliases[word], other != code {
                    diagnostics.error(pair.value.location, "`\(word)` already means `\(other)`", hint: "give each word to one value")
                }
                aliases[word] = code
            }
        }
        return (codes, aliases)
    }

    /// The code a `choice` value is written as: itself, or the code its alias stands for.
    func code(of text: String) -> String? {
        let written = text.trimmingCharacters(in: .whitespaces)
        if values.contains(written) { return written }
        return aliases[written]
    }

    /// The values of a `choice` field as messages list them, each with its other spellings.
    var valueList: String {
        values.map { code in
            let words = aliases.filter { $0.value == code }.map(\.key).sorted()
            return "`\(code)`" + (words.isEmpty ? "" : " (" + words.joined(separator: ", ") + ")")
        }.joined(separator: ", ")
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
    func check(_ node: SyntaxNode, path: String, resolve: FieldBounds.Resolver? = nil, diagnostics: DiagnosticCollector) {
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
        case .number, .integer:
            guard let text = node.scalar else { return mismatch() }
            guard let value = ThaiFormatting.parseNumber(text) else {
                return diagnostics.error(node.location, "`\(path)` should be \(expectation), found `\(text)`",
                                         hint: kind == .integer ? "write digits such as 3 or ๓" : "write the number alone, with digits such as 50000 or ๕๐,๐๐๐.๐๐ (no unit such as บาท)")
            }
            if kind == .integer, TemplateValue.decimals(of: value) > 0 {
                return diagnostics.error(node.location, "`\(path)` should be a whole number, found `\(text)`", hint: "write digits such as 3 or ๓")
            }
            bounds.check(value, written: text, at: node.location, path: path, resolve: resolve, diagnostics: diagnostics)
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
                diagnostics.error(node.location, "`\(path)` should be a date written YYYY-MM-DD, found `\(text)`",
                                  hint: "a day that exists, with a Christian or Buddhist Era year: 2024-10-15 or 2567-10-15")
            }
        case .choice:
            guard let text = node.scalar else { return mismatch() }
            if code(of: text) == nil {
                let hint = Suggestion.nearest(to: text, in: values + aliases.keys.sorted()).map { "did you mean `\($0)`?" }
                    ?? (aliases.isEmpty ? "use one of " + valueList : "write a value or one of its words as listed")
                diagnostics.error(node.location, "`\(path)` cannot be `\(text)`; it is one of " + valueList, hint: hint)
            }
        case .bool:
            guard let text = node.scalar else { return mismatch() }
            if !["true", "false", "yes", "no"].contains(text) {
                diagnostics.error(node.location, "`\(path)` should be true or false, found `\(text)`")
            }
        case .list:
            guard let items = node.sequence else { return mismatch() }
            for (index, item) in items.enumerated() {
                itemSpec?.check(item, path: "\(path)[\(index + 1)]", resolve: resolve, diagnostics: diagnostics)
            }
        case .record:
            guard let pairs = node.mapping else { return mismatch() }
            checkRecord(pairs, at: node.location, path: path, resolve: resolve, diagnostics: diagnostics)
        case .blocks:
            if node.sequence == nil { mismatch() }
        }
    }

    /// Checks the entries of a record: unknown keys (with the nearest field), missing required
    /// fields, and each value.
    func checkRecord(_ pairs: [(key: SyntaxNode, value: SyntaxNode)], at location: SourceLocation, path: String,
                     resolve: FieldBounds.Resolver? = nil, diagnostics: DiagnosticCollector, ignoring reserved: Set<String> = []) {
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
            spec.check(pair.value, path: childPath, resolve: resolve, diagnostics: diagnostics)
        }
        for spec in fields where spec.required && !seen.contains(spec.name) {
            let what = spec.comment.map { " (\($0))" } ?? ""
            diagnostics.error(location, "missing field `\(path.isEmpty ? spec.name : "\(path).\(spec.name)")`\(what)",
                              hint: "add `\(spec.name):` with \(spec.expectation)")
        }
    }
}
