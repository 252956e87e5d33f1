import Foundation
import ReportSyntax

/// Fills a compiled template's document from a description: checks the description's fields,
/// then walks the template's tree, computing expressions, running `for-each`, `if` and `insert`,
/// and counting what it makes against the limits as it grows. Values from the description are
/// inserted as written, with their own source locations, so later errors point into the
/// description; template texts keep the template's locations.
public final class TemplateExpander {
    /// A name visible to expressions: a value, or a `let` definition computed where it is used.
    enum Binding {
        case value(TemplateValue)
        case definition(Definition)
    }

    /// Names visible at one point of the expansion; loops open a child scope.
    final class Scope {
        let parent: Scope?
        var bindings: [String: Binding] = [:]
        init(parent: Scope?) { self.parent = parent }

        func lookup(_ name: String) -> Binding? { bindings[name] ?? parent?.lookup(name) }
    }

    /// Keys a description uses beside its template's fields.
    public static let descriptionKeys = ["template", "variant"] + TemplateAdaptation.keys

    let template: ReportTemplate
    let limits: InputLimits
    let diagnostics = DiagnosticCollector()
    /// Problems reported so far, so that one caused by the same value in the same way is said once.
    private var reported: Set<String> = []
    let budget: ExpansionBudget
    /// Running counts shared by every loop that names the same `counter`.
    private var counters: [String: Int] = [:]
    /// The values of definitions that are the same at every use, computed at their first.
    private var constantValues: [String: TemplateValue] = [:]
    private var constants: Set<String> = []
    /// The description's changes to the template's texts and tables.
    private var adaptation = TemplateAdaptation()

    public init(template: ReportTemplate, limits: InputLimits = .standard) {
        self.template = template
        self.limits = limits
        budget = ExpansionBudget(limits: limits, place: template.body.location)
    }

    /// Checks the description against the template and returns the report description it produces.
    /// Throws a `DiagnosticList` with every problem found.
    public func expand(_ description: SyntaxNode) throws -> SyntaxNode {
        guard let pairs = description.mapping else {
            throw DiagnosticList([Diagnostic(at: description.location, "a description must be a mapping of fields, found \(description.kindName)")])
        }
        let variant = chooseVariant(pairs.first { $0.key.scalar == "variant" }?.value)
        adaptation = TemplateAdaptation(pairs, template: template, diagnostics: diagnostics)
        // Columns a description adds are filled from fields of the rows' items it may now write.
        let fields = adaptation.addedFields(template: template).reduce(template.fields) { $0.adding($1.value, at: $1.key[...]) }
        let scope = Scope(parent: nil)
        let inForce = template.definitions(for: variant)
        constants = inForce.constants
        for (name, definition) in inForce.definitions { scope.bindings[name] = .definition(definition) }
        scope.bindings["variant"] = .value(variant.map { .text($0.name) } ?? .null)
        for spec in fields.fields {
            let given = pairs.first { $0.key.scalar == spec.name }?.value
            scope.bindings[spec.name] = .value(.field(given, spec: spec))
        }
        for (name, text) in adaptation.texts {
            scope.bindings[name] = .value(.data(text, FieldSpec(name: name, path: "texts.\(name)", kind: .paragraphs, required: false, defaultValue: nil,
                                                                comment: nil, example: nil, values: [], fields: [], itemSpec: nil, location: text.location)))
        }
        // Bounds computed from the description (`max: ${count(dimensions)}`) are computed once each.
        var bounds: [String: Decimal?] = [:]
        let resolveBound: FieldBounds.Resolver = { compiled in
            let key = "\(compiled.location)"
            if let known = bounds[key] { return known }
            let value = (try? self.evaluate(compiled, in: scope))?.number
            bounds[key] = value
            return value
        }
        fields.checkRecord(pairs, at: description.location, path: "", resolve: resolveBound, diagnostics: diagnostics,
                           ignoring: Set(Self.descriptionKeys))
        if let variant { checkUnused(pairs, variant: variant) }
        if diagnostics.hasErrors { throw DiagnosticList(diagnostics.sorted) }
        do {
            let result = try expandValue(template.body, in: scope) ?? SyntaxNode(.mapping([]), at: template.body.location)
            if diagnostics.hasErrors { throw DiagnosticList(diagnostics.sorted) }
            return result
        } catch let limit as ExpansionLimitReached {
            diagnostics.error(limit.place, limit.message, hint: limit.hint)
            throw DiagnosticList(diagnostics.sorted)
        }
    }

    /// The variant `node` names (the first when it names none); an unknown name is reported.
    private func chooseVariant(_ node: SyntaxNode?) -> ReportTemplate.Variant? {
        guard let node else { return template.variants.first }
        let name = node.scalar ?? ""
        if let chosen = template.variants.first(where: { $0.name == name }) { return chosen }
        let names = template.variantNames
        diagnostics.error(node.location,
                          names.isEmpty ? "template `\(template.name)` has no variants"
                              : "template `\(template.name)` has no variant `\(name)`; its variants are " + names.map { "`\($0)`" }.joined(separator: ", "),
                          hint: Suggestion.nearest(to: name, in: names).map { "did you mean `\($0)`?" } ?? (names.isEmpty ? "remove `variant`" : nil))
        return template.variants.first
    }

    /// Reports fields that the chosen variant does not print, so nothing typed is silently lost.
    private func checkUnused(_ pairs: [(key: SyntaxNode, value: SyntaxNode)], variant: ReportTemplate.Variant) {
        for path in variant.unused {
            for key in keys(at: path[...], in: SyntaxNode(.mapping(pairs), at: SourceLocation(file: "", line: 0, column: 0))) {
                let printing = template.variants.filter { other in !other.unused.contains(path) }.map { "`\($0.name)`" }
                diagnostics.error(key.location, "variant `\(variant.name)` does not print `\(path.joined(separator: "."))`",
                                  hint: printing.isEmpty ? "remove it" : "remove it, or choose a variant that prints it: " + printing.joined(separator: ", "))
            }
        }
    }

    /// Every key node at `path` below `node`, looking through lists.
    private func keys(at path: ArraySlice<String>, in node: SyntaxNode) -> [SyntaxNode] {
        guard let first = path.first else { return [] }
        if let items = node.sequence { return items.flatMap { keys(at: path, in: $0) } }
        guard let pair = node.mapping?.first(where: { $0.key.scalar == first }) else { return [] }
        return path.count == 1 ? [pair.key] : keys(at: path.dropFirst(), in: pair.value)
    }

    // MARK: Expansion

    /// Expands one node. Returns nil when the node disappears: a `${…}` that is nothing, or an `if`
    /// without a matching branch.
    private func expandValue(_ node: TemplateNode, in scope: Scope) throws -> SyntaxNode? {
        switch node {
        case let .literal(syntax):
            try budget.add(syntax)
            return syntax
        case let .expression(compiled, location):
            let value = try evaluate(compiled, in: scope)
            if value.isNull { return nil }
            budget.place = location
            try budget.add(value)
            return value.node(at: location)
        case let .text(parts, location):
            return try expandText(parts, at: location, in: scope)
        case let .list(items, location):
            budget.place = location
            try budget.add()
            return SyntaxNode(.sequence(try budget.inside { try expandItems(items, in: scope) }), at: location)
        case let .mapping(pairs, location):
            budget.place = location
            try budget.add()
            let expanded = try budget.inside {
                try pairs.compactMap { pair -> (key: SyntaxNode, value: SyntaxNode)? in
                    if pair.key.scalar == "table", case let .mapping(options, tableLocation) = pair.value,
                       let name = options.first(where: { $0.key.scalar == "name" })?.value {
                        try budget.add(pair.key)
                        return (pair.key, try expandTable(options.filter { $0.key.scalar != "name" }, named: name, at: tableLocation, in: scope))
                    }
                    guard let value = try expandValue(pair.value, in: scope) else { return nil }
                    try budget.add(pair.key)
                    return (pair.key, value)
                }
            }
            return SyntaxNode(.mapping(expanded), at: location)
        case let .directive(directive):
            // In value position a loop gives a list, a condition its branch as written, and
            // `insert` the value itself.
            switch directive.kind {
            case .loop:
                try budget.add()
                return SyntaxNode(.sequence(try budget.inside { try run(directive, in: scope) }), at: directive.location)
            case let .condition(then, otherwise):
                let chosen = try evaluate(directive.subject, in: scope).isTruthy ? then : otherwise
                return try chosen.flatMap { try expandValue($0, in: scope) }
            case .insert:
                let value = try evaluate(directive.subject, in: scope)
                if value.isNull { return nil }
                try budget.add(value)
                return value.node(at: directive.subject.location)
            case .warning:
                _ = try run(directive, in: scope)
                return nil
            }
        }
    }

    /// Expands the items of a list, splicing what directives produce.
    private func expandItems(_ items: [TemplateNode], in scope: Scope) throws -> [SyntaxNode] {
        var result: [SyntaxNode] = []
        for item in items {
            if case let .directive(directive) = item {
                result += try run(directive, in: scope)
            } else if let expanded = try expandValue(item, in: scope) {
                result.append(expanded)
            } else {
                // A list keeps its length: an expression that gives nothing leaves an empty text
                // (an empty table cell), never shifts the items after it.
                let empty = SyntaxNode(.scalar(""), at: item.location)
                try budget.add(empty)
                result.append(empty)
            }
        }
        return result
    }

    /// Runs a directive and returns the items it produces.
    private func run(_ directive: Directive, in scope: Scope) throws -> [SyntaxNode] {
        let value = try evaluate(directive.subject, in: scope)
        switch directive.kind {
        case let .loop(loop):
            var result: [SyntaxNode] = []
            try forEachPass(of: directive, loop, over: value, in: scope) { inner, _ in result += try expandBranch(loop.body, in: inner) }
            return result
        case let .condition(then, otherwise):
            guard let branch = value.isTruthy ? then : otherwise else { return [] }
            return try expandBranch(branch, in: scope)
        case .insert:
            if value.isNull { return [] }
            try budget.add(value)
            if let items = value.items { return items.map { $0.node(at: directive.subject.location) } }
            return [value.node(at: directive.subject.location)]
        case let .warning(message, at):
            if value.isTruthy { try warn(message, at: at, directive: directive, in: scope) }
            return []
        }
    }

    /// Runs `pass` once for each item of a `for-each` list, in a scope holding the loop's names.
    func forEachPass(of directive: Directive, _ loop: Directive.Loop, over value: TemplateValue, in scope: Scope,
                     _ pass: (Scope, TemplateValue) throws -> Void) throws {
        if value.isNull { return }
        guard let items = value.items else {
            return report(at: directive.subject.location, "`for-each` needs a list, but \(directive.subject.quotedSource) is \(value.kindName)")
        }
        for (index, item) in items.enumerated() {
            budget.place = directive.location
            try budget.step()
            let inner = Scope(parent: scope)
            inner.bindings[loop.item] = .value(item)
            if let indexName = loop.index { inner.bindings[indexName] = .value(.number(Decimal(index + 1))) }
            if let counterName = loop.counter {
                counters[counterName, default: 0] += 1
                inner.bindings[counterName] = .value(.number(Decimal(counters[counterName]!)))
            }
            try pass(inner, item)
        }
    }

    /// A named table (`name` already taken out): as written when the description does not change
    /// it; otherwise its rows are made remembering the item each came from, and the changes applied.
    private func expandTable(_ options: [(key: SyntaxNode, value: TemplateNode)], named name: TemplateNode, at location: SourceLocation,
                             in scope: Scope) throws -> SyntaxNode {
        guard case let .literal(nameNode) = name, let change = adaptation.tables[nameNode.scalar ?? ""] else {
            return try expandValue(.mapping(options, at: location), in: scope) ?? SyntaxNode(.mapping([]), at: location)
        }
        var items: [TemplateValue?] = []
        var pairs: [(key: SyntaxNode, value: SyntaxNode)] = []
        budget.place = location
        try budget.add()
        try budget.inside {
            for option in options {
                try budget.add(option.key)
                if option.key.scalar == "rows" {
                    var rows: [SyntaxNode] = []
                    try budget.add()
                    try budget.inside { try expandRows(option.value, in: scope) { row, item in rows.append(row); items.append(item) } }
                    pairs.append((option.key, SyntaxNode(.sequence(rows), at: option.value.location)))
                } else if let value = try expandValue(option.value, in: scope) {
                    pairs.append((option.key, value))
                }
            }
        }
        // The cells of added columns count like any value the template makes.
        budget.place = location
        for item in items {
            for added in change.added { try budget.add(TableAdapter.cell(added.key, of: item, at: location)) }
        }
        let adapter = TableAdapter(change: change) { self.report(at: $0, $1, hint: $2) }
        return adapter.apply(to: SyntaxNode(.mapping(pairs), at: location), items: items)
    }

    /// The rows of a table, each with the item of the innermost `for-each` pass that made it (nil
    /// for rows no loop makes, such as a total). Loops whose bodies hold loops are looked through.
    private func expandRows(_ node: TemplateNode, in scope: Scope, _ add: (SyntaxNode, TemplateValue?) throws -> Void) throws {
        guard node.holdsRowLoops else {
            for row in try expandValue(node, in: scope)?.sequence ?? [] { try add(row, nil) }
            return
        }
        for part in node.listItems {
            if case let .directive(directive) = part, case let .loop(loop) = directive.kind {
                try forEachPass(of: directive, loop, over: try evaluate(directive.subject, in: scope), in: scope) { inner, item in
                    if loop.body.holdsRowLoops {
                        try expandRows(loop.body, in: inner, add)
                    } else {
                        for row in try expandBranch(loop.body, in: inner) { try add(row, item) }
                    }
                }
            } else {
                for row in try expandItems([part], in: scope) { try add(row, nil) }
            }
        }
    }

    /// A branch or loop body: a list splices its items, anything else is one item.
    private func expandBranch(_ node: TemplateNode, in scope: Scope) throws -> [SyntaxNode] {
        if case let .list(items, _) = node { return try expandItems(items, in: scope) }
        return try expandValue(node, in: scope).map { [$0] } ?? []
    }

    /// A text with expressions written into it; a list or mapping cannot be written into a text.
    private func expandText(_ parts: [TemplateNode.TextPart], at location: SourceLocation, in scope: Scope) throws -> SyntaxNode {
        var result = ""
        for part in parts {
            switch part {
            case let .literal(literal):
                try budget.build(literal.utf8.count)
                result += literal
            case let .expression(compiled):
                let value = try evaluate(compiled, in: scope)
                guard let written = value.text else {
                    report(at: compiled.location, "\(compiled.quotedSource) is \(value.kindName) and cannot be written inside a text",
                           hint: "write it alone as the whole value, or use join(…)")
                    continue
                }
                try budget.build(written.utf8.count)
                result += written
            }
        }
        let node = SyntaxNode(.scalar(result), at: location)
        try budget.add(node)
        return node
    }

    // MARK: Expressions

    /// The value of a compiled expression; a problem is reported and gives nothing.
    func evaluate(_ compiled: CompiledExpression, in scope: Scope) throws -> TemplateValue {
        let outer = budget.place
        budget.place = compiled.location
        defer { budget.place = outer }
        do {
            return try ExpressionEvaluator(budget: budget) { try self.resolve($0, in: scope) }.evaluate(compiled.expression)
        } catch let error as EvaluationError {
            report(error, in: compiled, scope: scope)
            return .null
        }
    }

    /// The value of a name: a loop variable, field, definition or `variant`. Definitions are
    /// computed in the scope where they are used, so a row layout can refer to the loop's item;
    /// those that are the same at every use are computed once.
    func resolve(_ name: String, in scope: Scope) throws -> TemplateValue {
        switch scope.lookup(name) {
        case let .value(value)?:
            return value
        case let .definition(definition)?:
            if let known = constantValues[name] { return known }
            budget.definitionsBeingComputed += 1
            defer { budget.definitionsBeingComputed -= 1 }
            let value: TemplateValue
            if case let .expression(compiled, _) = definition.value {
                value = try evaluate(compiled, in: scope)
            } else {
                value = try expandValue(definition.value, in: scope).map { .data($0, nil) } ?? .null
            }
            if constants.contains(name) { constantValues[name] = value }
            return value
        case nil:
            throw EvaluationError(message: "nothing is called `\(name)`")
        }
    }

    /// Warnings found while filling the template in (a `warn-if` that held), in file order.
    public var warnings: [Diagnostic] { diagnostics.sorted.filter { $0.severity == .warning } }

    /// Gives the warning of a `warn-if` that holds, at the description's value `at` names (at the
    /// directive when it names none).
    private func warn(_ message: TemplateNode, at place: CompiledExpression?, directive: Directive, in scope: Scope) throws {
        let text = try expandValue(message, in: scope)?.scalar ?? ""
        var location = directive.location
        if let place, case let .data(node, _) = try evaluate(place, in: scope) { location = node.location }
        let diagnostic = Diagnostic(.warning, at: location, text)
        if reported.insert(diagnostic.description).inserted { diagnostics.add(diagnostic) }
    }

    /// Reports a problem once, however many times the same value causes it.
    func report(at location: SourceLocation, _ message: String, hint: String? = nil) {
        let diagnostic = Diagnostic(at: location, message, hint: hint)
        if reported.insert(diagnostic.description).inserted { diagnostics.add(diagnostic) }
    }
}
