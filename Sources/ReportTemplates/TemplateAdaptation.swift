import Foundation
import ReportSyntax

/// What a description changes in its template without copying it: fixed texts (`texts:`, by the
/// names the template's `texts` section gives them) and the columns of named tables (`tables:`,
/// by table name and column key). Read and checked before the template is filled in; column keys,
/// which variants may change, are checked against each table as it is made.
struct TemplateAdaptation {
    /// Changes to one existing column.
    struct ColumnChange {
        var key: SyntaxNode
        var header: SyntaxNode?
        var width: SyntaxNode?
        var align: SyntaxNode?
        var hide = false
    }

    /// A column the description adds; its cells come from the field `key` of each row's item.
    struct AddedColumn {
        var key: SyntaxNode
        var header: SyntaxNode
        var width: SyntaxNode?
        var align: SyntaxNode?
        var format: SyntaxNode?
        /// The column it follows or precedes (nil: at the end).
        var anchor: (key: SyntaxNode, after: Bool)?
    }

    /// The changes to every table of one name.
    struct TableChange {
        var columns: [ColumnChange] = []
        var added: [AddedColumn] = []
    }

    /// Keys a description uses for adaptation beside its template's fields.
    static let keys = ["texts", "tables"]
    static let tableKeys = ["columns", "add"]
    static let columnKeys = ["header", "width", "align", "hide"]
    static let addedKeys = ["key", "header", "after", "before", "width", "align", "format"]

    /// Replacement texts, by the template's text name.
    var texts: [String: SyntaxNode] = [:]
    /// Changes, by table name.
    var tables: [String: TableChange] = [:]

    /// No changes.
    init() {}

    /// Reads `texts` and `tables` from a description's top-level pairs, reporting each mistake at
    /// its place with the nearest valid name.
    init(_ pairs: [(key: SyntaxNode, value: SyntaxNode)], template: ReportTemplate, diagnostics: DiagnosticCollector) {
        if let node = pairs.first(where: { $0.key.scalar == "texts" })?.value {
            readTexts(node, names: template.textNames, diagnostics: diagnostics)
        }
        if let node = pairs.first(where: { $0.key.scalar == "tables" })?.value {
            readTables(node, tables: template.tableRows, diagnostics: diagnostics)
        }
    }

    /// Fields of row items that added columns read, by the path of the list their table's rows
    /// come from (`groups.measures`): the description may fill them like the template's own.
    func addedFields(template: ReportTemplate) -> [[String]: [String]] {
        var result: [[String]: [String]] = [:]
        for (name, change) in tables {
            guard let path = template.tableRows[name] ?? nil else { continue }
            result[path, default: []] += change.added.compactMap(\.key.scalar)
        }
        return result
    }

    static func unknown(_ what: String, _ key: SyntaxNode, in names: [String], diagnostics: DiagnosticCollector, context: String, place: String? = nil) {
        let word = key.scalar ?? ""
        let list = names.isEmpty ? "there are none" : context + " " + names.map { "`\($0)`" }.joined(separator: ", ")
        diagnostics.error(key.location, "unknown \(what) `\(word)`" + (place.map { " in `\($0)`" } ?? ""),
                          hint: Suggestion.nearest(to: word, in: names).map { "did you mean `\($0)`? \(list)" } ?? list)
    }

    /// The entries of `node`, a mapping (of `what`) under `section` whose keys must be the template's
    /// `names`; a node that is not a mapping and each unknown key are reported at their place.
    private static func knownEntries(_ node: SyntaxNode, section: String, what: String, kind: String, names: [String],
                                     diagnostics: DiagnosticCollector) -> [(name: String, value: SyntaxNode)] {
        guard let pairs = node.mapping else {
            diagnostics.error(node.location, "`\(section)` must be a mapping of \(what), found \(node.kindName)",
                              hint: "the template's \(section) are " + names.map { "`\($0)`" }.joined(separator: ", "))
            return []
        }
        return pairs.compactMap { pair in
            guard let name = pair.key.scalar, names.contains(name) else {
                unknown(kind, pair.key, in: names, diagnostics: diagnostics, context: "the template's \(section) are")
                return nil
            }
            return (name, pair.value)
        }
    }

    private mutating func readTexts(_ node: SyntaxNode, names: [String], diagnostics: DiagnosticCollector) {
        for pair in Self.knownEntries(node, section: "texts", what: "text names to texts", kind: "text", names: names, diagnostics: diagnostics) {
            let name = pair.name
            let isText = pair.value.scalar != nil || (pair.value.sequence?.allSatisfy { $0.scalar != nil } ?? false)
            guard isText else {
                diagnostics.error(pair.value.location, "`texts.\(name)` should be a text or a list of texts (one per line), found \(pair.value.kindName)")
                continue
            }
            texts[name] = pair.value
        }
    }

    private mutating func readTables(_ node: SyntaxNode, tables known: [String: [String]?], diagnostics: DiagnosticCollector) {
        let names = known.keys.sorted()
        for pair in Self.knownEntries(node, section: "tables", what: "table names to their changes", kind: "table", names: names,
                                      diagnostics: diagnostics) {
            let name = pair.name
            guard let options = Self.mapping(pair.value, "tables.\(name)", keys: Self.tableKeys, diagnostics: diagnostics) else { continue }
            var change = TableChange()
            if let columns = options["columns"] {
                change.columns = readColumnChanges(columns, table: name, diagnostics: diagnostics)
            }
            if let added = options["add"] {
                guard known[name] ?? nil != nil else {
                    diagnostics.error(added.location, "the rows of table `\(name)` do not come from a list of the description, so a column cannot be added to them")
                    continue
                }
                change.added = readAddedColumns(added, table: name, diagnostics: diagnostics)
            }
            tables[name] = change
        }
    }

    private func readColumnChanges(_ node: SyntaxNode, table: String, diagnostics: DiagnosticCollector) -> [ColumnChange] {
        guard let pairs = node.mapping else {
            diagnostics.error(node.location, "`tables.\(table).columns` must be a mapping of column keys to changes, found \(node.kindName)")
            return []
        }
        return pairs.compactMap { pair in
            let path = "tables.\(table).columns.\(pair.key.scalar ?? "")"
            guard let options = Self.mapping(pair.value, path, keys: Self.columnKeys, diagnostics: diagnostics) else { return nil }
            var change = ColumnChange(key: pair.key, header: options["header"], width: options["width"], align: options["align"])
            if let hide = options["hide"] {
                guard let flag = hide.scalar, ["true", "false"].contains(flag) else {
                    diagnostics.error(hide.location, "`\(path).hide` should be true or false, found \(hide.scalar.map { "`\($0)`" } ?? hide.kindName)")
                    return nil
                }
                change.hide = flag == "true"
            }
            if let header = change.header, header.scalar == nil {
                diagnostics.error(header.location, "`\(path).header` should be a text, found \(header.kindName)", hint: "write `\\n` for a line break")
                return nil
            }
            return change
        }
    }

    private func readAddedColumns(_ node: SyntaxNode, table: String, diagnostics: DiagnosticCollector) -> [AddedColumn] {
        guard let items = node.sequence else {
            diagnostics.error(node.location, "`tables.\(table).add` must be a list of columns `{key, header, after}`, found \(node.kindName)")
            return []
        }
        return items.enumerated().compactMap { index, item in
            let path = "tables.\(table).add[\(index + 1)]"
            guard let options = Self.mapping(item, path, keys: Self.addedKeys, diagnostics: diagnostics) else { return nil }
            guard let key = options["key"], key.scalar?.isEmpty == false, let header = options["header"], header.scalar != nil else {
                diagnostics.error(item.location, "`\(path)` needs `key` (the field of each row that fills it) and `header` (a text)")
                return nil
            }
            if options["after"] != nil, options["before"] != nil {
                diagnostics.error(item.location, "`\(path)` gives both `after` and `before`", hint: "keep one")
                return nil
            }
            let anchor = options["after"].map { (key: $0, after: true) } ?? options["before"].map { (key: $0, after: false) }
            return AddedColumn(key: key, header: header, width: options["width"], align: options["align"], format: options["format"], anchor: anchor)
        }
    }

    /// The options of a mapping by key; unknown keys are reported with the nearest valid one.
    private static func mapping(_ node: SyntaxNode, _ path: String, keys: [String], diagnostics: DiagnosticCollector) -> [String: SyntaxNode]? {
        guard let pairs = node.mapping else {
            diagnostics.error(node.location, "`\(path)` must be a mapping with " + keys.map { "`\($0)`" }.joined(separator: ", ") + ", found \(node.kindName)")
            return nil
        }
        var options: [String: SyntaxNode] = [:]
        for pair in pairs {
            guard let key = pair.key.scalar, keys.contains(key) else {
                unknown("key", pair.key, in: keys, diagnostics: diagnostics, context: "it takes", place: path)
                continue
            }
            options[key] = pair.value
        }
        return options
    }
}

extension FieldSpec {
    /// This spec with optional paragraph fields `names` added to the records at `path` (the items
    /// of a list, looked through), so that a description may fill the columns it adds. Only the
    /// records and lists along the path are new; every field they hold is the template's own.
    func adding(_ names: [String], at path: ArraySlice<String>) -> FieldSpec {
        func copy(fields: [FieldSpec], itemSpec: FieldSpec?) -> FieldSpec {
            FieldSpec(name: name, path: self.path, kind: kind, required: required, defaultValue: defaultValue, comment: comment, example: example,
                      values: values, fields: fields, itemSpec: itemSpec, location: location)
        }
        if kind == .list, let itemSpec { return copy(fields: fields, itemSpec: itemSpec.adding(names, at: path)) }
        guard let first = path.first else {
            let added = names.filter { field($0) == nil }.map {
                FieldSpec(name: $0, path: self.path.isEmpty ? $0 : "\(self.path).\($0)", kind: .paragraphs, required: false, defaultValue: nil,
                          comment: nil, example: nil, values: [], fields: [], itemSpec: nil, location: location)
            }
            return copy(fields: fields + added, itemSpec: itemSpec)
        }
        return copy(fields: fields.map { $0.name == first ? $0.adding(names, at: path.dropFirst()) : $0 }, itemSpec: itemSpec)
    }
}

extension TemplateNode {
    /// Whether this node, as a table's rows or the body of a loop making them, holds loops that
    /// make rows (rather than being rows itself).
    var holdsRowLoops: Bool {
        func isLoop(_ node: TemplateNode) -> Bool {
            if case let .directive(directive) = node, case .loop = directive.kind { return true }
            return false
        }
        return listItems.contains(where: isLoop)
    }

    /// The items of a list node, or the node alone.
    var listItems: [TemplateNode] {
        if case let .list(items, _) = self { return items }
        return [self]
    }
}

extension ReportTemplate {
    /// The field path an expression names (`group.measures` → `groups.measures` inside a loop over
    /// `groups` as `group`); nil for anything but a name and its fields.
    static func fieldPath(_ expression: Expression, loops: [String: [String]]) -> [String]? {
        switch expression {
        case let .name(name, _): return loops[name] ?? [name]
        case let .member(base, field, _): return fieldPath(base, loops: loops).map { $0 + [field] }
        default: return nil
        }
    }

    /// The paths of the lists whose items make the rows of `node` (a table's `rows`): the lists of
    /// the innermost loops, looking through loops whose bodies hold loops. Nil when one of them is
    /// not a list of the description.
    static func rowLists(_ node: TemplateNode, loops: [String: [String]]) -> Set<[String]>? {
        guard node.holdsRowLoops else { return [] }
        var result: Set<[String]> = []
        for part in node.listItems {
            guard case let .directive(directive) = part, case let .loop(loop) = directive.kind else { continue }
            guard let list = fieldPath(directive.subject.expression, loops: loops) else { return nil }
            var inner = loops
            inner[loop.item] = list
            if loop.body.holdsRowLoops {
                guard let lists = rowLists(loop.body, loops: inner) else { return nil }
                result.formUnion(lists)
            } else {
                result.insert(list)
            }
        }
        return result
    }

    /// The named tables of a template body (`table: {name: …}`), each with the field path of the
    /// list whose items make its rows (nil when that is not one list of the description).
    /// A loop's `as` name stands for the items of the list it repeats over.
    static func namedTables(in node: TemplateNode, loops: [String: [String]] = [:], into tables: inout [String: [String]?],
                            diagnostics: DiagnosticCollector) {
        switch node {
        case .literal, .expression, .text: return
        case let .list(items, _):
            for item in items { namedTables(in: item, loops: loops, into: &tables, diagnostics: diagnostics) }
        case let .mapping(pairs, _):
            for pair in pairs {
                if pair.key.scalar == "table", case let .mapping(options, _) = pair.value,
                   let nameNode = options.first(where: { $0.key.scalar == "name" })?.value {
                    guard case let .literal(literal) = nameNode, let name = literal.scalar else {
                        diagnostics.error(nameNode.location, "a table's `name` is written as it is, without `${…}`",
                                          hint: "descriptions change the table by this name under `tables:`")
                        continue
                    }
                    let lists = options.first(where: { $0.key.scalar == "rows" }).flatMap { rowLists($0.value, loops: loops) }
                    var rows = lists?.count == 1 ? lists?.first : nil
                    if let known = tables[name], known != rows { rows = nil }
                    tables[name] = rows
                }
                namedTables(in: pair.value, loops: loops, into: &tables, diagnostics: diagnostics)
            }
        case let .directive(directive):
            switch directive.kind {
            case let .loop(loop):
                var inner = loops
                if let list = fieldPath(directive.subject.expression, loops: loops) { inner[loop.item] = list }
                namedTables(in: loop.body, loops: inner, into: &tables, diagnostics: diagnostics)
            case let .condition(then, otherwise):
                namedTables(in: then, loops: loops, into: &tables, diagnostics: diagnostics)
                if let otherwise { namedTables(in: otherwise, loops: loops, into: &tables, diagnostics: diagnostics) }
            case .insert, .warning: return
            }
        }
    }
}
