import Foundation
import ReportSyntax

/// Fills a template's document body from a description: replaces `${expression}` in texts,
/// runs the `for-each`, `if` and `insert` directives, and checks the description's fields first.
/// Values from the description are inserted as written, with their own source locations, so later
/// errors point into the description; template texts keep the template's locations.
public final class TemplateExpander {
    /// A name visible to expressions: a computed value, or a template fragment expanded where used.
    enum Binding {
        case value(TemplateValue)
        case fragment(SyntaxNode)
    }

    /// Names visible at one point of the expansion; loops open a child scope.
    final class Scope {
        let parent: Scope?
        var bindings: [String: Binding] = [:]
        init(parent: Scope?) { self.parent = parent }

        func lookup(_ name: String) -> Binding? { bindings[name] ?? parent?.lookup(name) }

        var allNames: [String] { Array(bindings.keys) + (parent?.allNames ?? []) }
    }

    /// Keys a description uses beside its template's fields.
    public static let descriptionKeys = ["template", "variant"]

    let template: ReportTemplate
    let diagnostics = DiagnosticCollector()
    /// Running counts shared by every loop that names the same `counter`.
    var counters: [String: Int] = [:]
    /// How deep fragments are being resolved inside one another (stops definitions that refer to themselves).
    var fragmentDepth = 0
    let evaluator = ExpressionEvaluator()

    public init(template: ReportTemplate) {
        self.template = template
    }

    /// Checks the description against the template and returns the report description it produces.
    /// Throws a `DiagnosticList` with every problem found.
    public func expand(_ description: SyntaxNode) throws -> SyntaxNode {
        guard let pairs = description.mapping else {
            throw DiagnosticList([Diagnostic(at: description.location, "a description must be a mapping of fields, found \(description.kindName)")])
        }
        let variantNode = pairs.first { $0.key.scalar == "variant" }?.value
        var variant = template.variants.first
        if let variantNode {
            let name = variantNode.scalar ?? ""
            if let chosen = template.variants.first(where: { $0.name == name }) {
                variant = chosen
            } else {
                let names = template.variantNames
                diagnostics.error(variantNode.location,
                                  names.isEmpty ? "template `\(template.name)` has no variants"
                                      : "template `\(template.name)` has no variant `\(name)`; its variants are " + names.map { "`\($0)`" }.joined(separator: ", "),
                                  hint: Suggestion.nearest(to: name, in: names).map { "did you mean `\($0)`?" } ?? (names.isEmpty ? "remove `variant`" : nil))
            }
        }
        template.fields.checkRecord(pairs, at: description.location, path: "", diagnostics: diagnostics,
                                    ignoring: Set(Self.descriptionKeys))
        if let variant { checkUnused(pairs, variant: variant) }
        if diagnostics.hasErrors { throw DiagnosticList(diagnostics.sorted) }

        let scope = Scope(parent: nil)
        for (name, node) in template.definitions { scope.bindings[name] = .fragment(node) }
        for (name, node) in variant?.definitions ?? [] { scope.bindings[name] = .fragment(node) }
        scope.bindings["variant"] = .value(variant.map { .text($0.name) } ?? .null)
        for spec in template.fields.fields {
            let given = pairs.first { $0.key.scalar == spec.name }?.value
            scope.bindings[spec.name] = .value(.field(given, spec: spec))
        }
        let result = expandValue(template.body, in: scope) ?? SyntaxNode(.mapping([]), at: template.body.location)
        if diagnostics.hasErrors { throw DiagnosticList(diagnostics.sorted) }
        return result
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
    func expandValue(_ node: SyntaxNode, in scope: Scope) -> SyntaxNode? {
        switch node.value {
        case .null:
            return node
        case let .scalar(text):
            return expandScalar(text, at: node.location, quoted: node.isQuoted, in: scope)
        case let .sequence(items):
            return SyntaxNode(.sequence(expandItems(items, in: scope)), at: node.location)
        case let .mapping(pairs):
            if let directive = Directive(node) {
                // In value position a loop gives a list, a condition its branch as written, and
                // `insert` the value itself.
                switch directive.kind {
                case .forEach:
                    return SyntaxNode(.sequence(run(directive, in: scope)), at: node.location)
                case let .conditional(then, otherwise):
                    let chosen = evaluate(directive.expression, at: directive.expressionLocation, in: scope).isTruthy ? then : otherwise
                    return chosen.flatMap { expandValue($0, in: scope) }
                case .insert:
                    let value = evaluate(directive.expression, at: directive.expressionLocation, in: scope)
                    return value.isNull ? nil : value.node(at: directive.expressionLocation)
                }
            }
            var expanded: [(key: SyntaxNode, value: SyntaxNode)] = []
            for pair in pairs {
                guard let value = expandValue(pair.value, in: scope) else { continue }
                expanded.append((pair.key, value))
            }
            return SyntaxNode(.mapping(expanded), at: node.location)
        }
    }

    /// Expands the items of a list, splicing what directives produce.
    func expandItems(_ items: [SyntaxNode], in scope: Scope) -> [SyntaxNode] {
        var result: [SyntaxNode] = []
        for item in items {
            if let directive = Directive(item) {
                result += run(directive, in: scope)
            } else {
                // A list keeps its length: an expression that gives nothing leaves an empty text
                // (an empty table cell), never shifts the items after it.
                result.append(expandValue(item, in: scope) ?? SyntaxNode(.scalar(""), at: item.location))
            }
        }
        return result
    }

    /// Runs a directive and returns the items it produces.
    private func run(_ directive: Directive, in scope: Scope) -> [SyntaxNode] {
        let value = evaluate(directive.expression, at: directive.expressionLocation, in: scope)
        switch directive.kind {
        case let .forEach(name, indexName, counterName, body):
            if value.isNull { return [] }
            guard let items = value.items else {
                diagnostics.error(directive.expressionLocation, "`for-each` needs a list, but `\(directive.expression)` is \(value.kindName)")
                return []
            }
            var result: [SyntaxNode] = []
            for (index, item) in items.enumerated() {
                let inner = Scope(parent: scope)
                inner.bindings[name] = .value(item)
                if let indexName { inner.bindings[indexName] = .value(.number(Decimal(index + 1))) }
                if let counterName {
                    counters[counterName, default: 0] += 1
                    inner.bindings[counterName] = .value(.number(Decimal(counters[counterName]!)))
                }
                result += expandBranch(body, in: inner)
            }
            return result
        case let .conditional(then, otherwise):
            guard let branch = value.isTruthy ? then : otherwise else { return [] }
            return expandBranch(branch, in: scope)
        case .insert:
            if value.isNull { return [] }
            if let items = value.items { return items.map { $0.node(at: directive.expressionLocation) } }
            return [value.node(at: directive.expressionLocation)]
        }
    }

    /// A branch or loop body: a list splices its items, anything else is one item.
    private func expandBranch(_ node: SyntaxNode, in scope: Scope) -> [SyntaxNode] {
        if let items = node.sequence { return expandItems(items, in: scope) }
        return expandValue(node, in: scope).map { [$0] } ?? []
    }

    /// A text with `${…}`: when it is one expression alone the value keeps its kind (a list stays a
    /// list; nothing removes a mapping entry and leaves an empty list item); otherwise each value
    /// is written into the text.
    /// `$${` writes a literal `${`.
    private func expandScalar(_ text: String, at location: SourceLocation, quoted: Bool, in scope: Scope) -> SyntaxNode? {
        guard text.contains("${") else { return SyntaxNode(.scalar(text), at: location) }
        let pieces = TextPieces.split(text)
        switch pieces {
        case let .failure(problem):
            diagnostics.error(Self.offset(location, by: problem.offset, quoted: quoted), problem.message, hint: "close it with `}`, or write `$${` for a literal `${`")
            return SyntaxNode(.scalar(text), at: location)
        case let .success(parts):
            if parts.count == 1, case let .expression(source, offset) = parts[0] {
                let value = evaluate(source, at: Self.offset(location, by: offset, quoted: quoted), in: scope)
                if value.isNull { return nil }
                return value.node(at: location)
            }
            var result = ""
            for part in parts {
                switch part {
                case let .literal(literal):
                    result += literal
                case let .expression(source, offset):
                    let at = Self.offset(location, by: offset, quoted: quoted)
                    let value = evaluate(source, at: at, in: scope)
                    guard let written = value.text else {
                        diagnostics.error(at, "`\(source)` is \(value.kindName) and cannot be written inside a text",
                                          hint: "write it alone as the whole value, or use join(…)")
                        continue
                    }
                    result += written
                }
            }
            return SyntaxNode(.scalar(result), at: location)
        }
    }

    /// The location `offset` characters into the text of a one-line scalar written at `location`.
    static func offset(_ location: SourceLocation, by offset: Int, quoted: Bool) -> SourceLocation {
        SourceLocation(file: location.file, line: location.line, column: location.column + offset + (quoted ? 1 : 0))
    }

    // MARK: Expressions

    /// Parses and evaluates expression `source`; problems are reported at `location` and give nothing.
    func evaluate(_ source: String, at location: SourceLocation, in scope: Scope) -> TemplateValue {
        do {
            let expression = try ExpressionParser.parse(source)
            return try evaluator.evaluate(expression) { name in try self.resolve(name, in: scope, at: location) }
        } catch let error as ExpressionError {
            diagnostics.error(SourceLocation(file: location.file, line: location.line, column: location.column + error.offset),
                              "in `\(source)`: \(error.message)")
        } catch let error as EvaluationError {
            diagnostics.error(location, "in `\(source)`: \(error.message)", hint: error.hint)
        } catch {
            diagnostics.error(location, "in `\(source)`: \(error)")
        }
        return .null
    }

    /// The value of a name: a loop variable, field, definition or `variant`. Definitions are
    /// expanded in the scope where they are used, so a row layout can refer to the loop's item.
    private func resolve(_ name: String, in scope: Scope, at location: SourceLocation) throws -> TemplateValue {
        guard let binding = scope.lookup(name) else {
            let names = Array(Set(scope.allNames)).sorted()
            throw EvaluationError(message: "nothing is called `\(name)`",
                                  hint: Suggestion.nearest(to: name, in: names).map { "did you mean `\($0)`?" })
        }
        switch binding {
        case let .value(value):
            return value
        case let .fragment(node):
            fragmentDepth += 1
            defer { fragmentDepth -= 1 }
            guard fragmentDepth < 32 else { throw EvaluationError(message: "`\(name)` refers to itself", hint: nil) }
            if let text = node.scalar, case let .success(parts) = TextPieces.split(text), parts.count == 1,
               case let .expression(source, offset) = parts[0] {
                return evaluate(source, at: Self.offset(node.location, by: offset, quoted: node.isQuoted), in: scope)
            }
            guard let expanded = expandValue(node, in: scope) else { return .null }
            return .data(expanded, nil)
        }
    }
}

/// A `for-each`, `if` or `insert` mapping inside a template body.
struct Directive {
    enum Kind {
        case forEach(name: String, index: String?, counter: String?, body: SyntaxNode)
        case conditional(then: SyntaxNode?, otherwise: SyntaxNode?)
        case insert
    }

    var kind: Kind
    var expression: String
    var expressionLocation: SourceLocation

    static let keys: [String: Set<String>] = [
        "for-each": ["for-each", "as", "index", "counter", "do"],
        "if": ["if", "then", "else"],
        "insert": ["insert"],
    ]

    /// Reads a directive, or returns nil when `node` is an ordinary mapping.
    init?(_ node: SyntaxNode) {
        guard let pairs = node.mapping, let first = pairs.first?.key.scalar, let allowed = Self.keys[first],
              pairs.allSatisfy({ allowed.contains($0.key.scalar ?? "") }) else { return nil }
        func entry(_ key: String) -> SyntaxNode? { pairs.first { $0.key.scalar == key }?.value }
        let head = pairs[0].value
        expression = head.scalar ?? ""
        expressionLocation = head.location
        switch first {
        case "for-each":
            guard let body = entry("do") else { return nil }
            kind = .forEach(name: entry("as")?.scalar ?? "item", index: entry("index")?.scalar, counter: entry("counter")?.scalar, body: body)
        case "if":
            kind = .conditional(then: entry("then"), otherwise: entry("else"))
        default:
            kind = .insert
        }
    }
}

/// A text split into literal runs and `${…}` expressions (with each expression's character offset).
enum TextPieces {
    case literal(String)
    case expression(String, offset: Int)

    static func split(_ text: String) -> Result<[TextPieces], ExpressionError> {
        let characters = Array(text)
        var pieces: [TextPieces] = []
        var literal = ""
        var index = 0
        while index < characters.count {
            if characters[index] == "$", index + 2 < characters.count, characters[index + 1] == "$", characters[index + 2] == "{" {
                literal += "${"
                index += 3
            } else if characters[index] == "$", index + 1 < characters.count, characters[index + 1] == "{" {
                var depth = 0
                var end = index + 2
                var quote: Character?
                while end < characters.count {
                    let c = characters[end]
                    if let open = quote {
                        if c == open { quote = nil }
                    } else if c == "\"" || c == "'" {
                        quote = c
                    } else if c == "{" {
                        depth += 1
                    } else if c == "}" {
                        if depth == 0 { break }
                        depth -= 1
                    }
                    end += 1
                }
                guard end < characters.count else {
                    return .failure(ExpressionError(message: "`${` is not closed", offset: index))
                }
                if !literal.isEmpty { pieces.append(.literal(literal)); literal = "" }
                pieces.append(.expression(String(characters[(index + 2)..<end]), offset: index + 2))
                index = end + 1
            } else {
                literal.append(characters[index])
                index += 1
            }
        }
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        return .success(pieces)
    }
}
