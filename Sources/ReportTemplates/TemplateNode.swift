import Foundation
import ReportSyntax

/// An expression as a template writes it, parsed once when the template is loaded.
struct CompiledExpression {
    let source: String
    let expression: Expression
    /// Where the expression's first character is.
    let location: SourceLocation

    /// The place `offset` characters into the expression (on its line).
    func location(at offset: Int) -> SourceLocation {
        SourceLocation(file: location.file, line: location.line, column: location.column + offset)
    }

    /// The source as messages quote it.
    var quotedSource: String { Self.quoted(source) }

    /// `source` in backquotes, a long one cut short: a message stays one readable line.
    static func quoted(_ source: String) -> String {
        "`" + (source.count > 80 ? source.prefix(79) + "…" : source) + "`"
    }
}

/// A template's document, or the value of one `let` definition, compiled when the template is
/// loaded: texts, expressions and directives, each with its place. Expansion walks this tree; no
/// text is parsed again.
indirect enum TemplateNode {
    /// A value written as it is: nothing, or a text without `${…}` (`$${` already made `${`).
    case literal(SyntaxNode)
    /// A text that is one `${expression}` alone: the value keeps its kind (a list stays a list).
    case expression(CompiledExpression, at: SourceLocation)
    /// A text with expressions written into it.
    case text([TextPart], at: SourceLocation)
    case list([TemplateNode], at: SourceLocation)
    /// A mapping; keys are written as they are.
    case mapping([(key: SyntaxNode, value: TemplateNode)], at: SourceLocation)
    case directive(Directive)

    /// A run of a text with expressions.
    enum TextPart {
        case literal(String)
        case expression(CompiledExpression)
    }
}

extension TemplateNode {
    /// Where the node is written.
    var location: SourceLocation {
        switch self {
        case let .literal(node): return node.location
        case let .expression(_, location), let .text(_, location), let .list(_, location), let .mapping(_, location): return location
        case let .directive(directive): return directive.location
        }
    }

    /// Every name the loops in this node give (`as`, `index`, `counter`, and `item` by default).
    var loopNames: Set<String> {
        switch self {
        case .literal, .expression, .text: return []
        case let .list(items, _): return items.reduce(into: []) { $0.formUnion($1.loopNames) }
        case let .mapping(pairs, _): return pairs.reduce(into: []) { $0.formUnion($1.value.loopNames) }
        case let .directive(directive):
            switch directive.kind {
            case let .loop(loop): return loop.body.loopNames.union([loop.item, loop.index, loop.counter].compactMap { $0 })
            case let .condition(then, otherwise): return then.loopNames.union(otherwise?.loopNames ?? [])
            case .insert, .warning: return []
            }
        }
    }
}

/// A `for-each`, `if` or `insert` mapping in a template: in a list its result is spliced in.
struct Directive {
    /// What the directive does with its subject.
    enum Kind {
        /// `for-each`: `body` once for each item of the subject.
        case loop(Loop)
        /// `if`: `then` when the subject is true, else `otherwise`.
        case condition(then: TemplateNode, otherwise: TemplateNode?)
        /// `insert`: the subject's value itself.
        case insert
        /// `warn-if`: when the subject holds, the warning `message` at the description's value `at`
        /// (else at the directive); it makes nothing.
        case warning(message: TemplateNode, at: CompiledExpression?)
    }

    /// The names a loop gives each pass, and what it repeats.
    struct Loop {
        var item: String
        var index: String?
        var counter: String?
        var body: TemplateNode
    }

    /// The list, the condition or the inserted value.
    let subject: CompiledExpression
    let kind: Kind
    /// Where the directive's mapping starts.
    let location: SourceLocation

    /// Each directive's keyword and the keys it takes, the keyword first.
    static let keys: [(keyword: String, keys: [String])] = [
        ("for-each", ["for-each", "as", "index", "counter", "do"]),
        ("if", ["if", "then", "else"]),
        ("insert", ["insert"]),
        ("warn-if", ["warn-if", "message", "at"]),
    ]
}

/// Compiles template YAML into `TemplateNode`s, reporting every malformed expression and directive
/// at its place. Names are checked afterwards, by `TemplateChecker`.
struct TemplateCompiler {
    let diagnostics: DiagnosticCollector
    let limits: InputLimits

    func compile(_ node: SyntaxNode) -> TemplateNode {
        switch node.value {
        case .null:
            return .literal(node)
        case let .scalar(text):
            return compileText(text, at: node.location, quoted: node.isQuoted)
        case let .sequence(items):
            return .list(items.map(compile), at: node.location)
        case let .mapping(pairs):
            switch compileDirective(pairs, at: node.location) {
            case .ordinaryMapping: return .mapping(pairs.map { (key: $0.key, value: compile($0.value)) }, at: node.location)
            case let .directive(directive): return .directive(directive)
            // Its problems are reported; what it holds is not checked further, so one slip gives one message.
            case .malformed: return .literal(SyntaxNode(.null, at: node.location))
            }
        }
    }

    /// The expression written at `location` (the first character of `source`), or nil after reporting why not.
    func compileExpression(_ source: String, at location: SourceLocation) -> CompiledExpression? {
        do {
            let expression = try ExpressionParser.parse(source, maximumNesting: limits.maximumExpressionDepth)
            return CompiledExpression(source: source, expression: expression, location: location)
        } catch let error as ExpressionError {
            diagnostics.error(SourceLocation(file: location.file, line: location.line, column: location.column + error.offset),
                              "in \(CompiledExpression.quoted(source)): \(error.message)", hint: error.hint)
        } catch {
            diagnostics.error(location, "in \(CompiledExpression.quoted(source)): \(error)")
        }
        return nil
    }

    /// The location `offset` characters into the text of a one-line scalar written at `location`.
    static func offset(_ location: SourceLocation, by offset: Int, quoted: Bool) -> SourceLocation {
        SourceLocation(file: location.file, line: location.line, column: location.column + offset + (quoted ? 1 : 0))
    }

    /// A text: as it is, one expression alone, or literal runs with expressions written in.
    private func compileText(_ text: String, at location: SourceLocation, quoted: Bool) -> TemplateNode {
        let literal = TemplateNode.literal(SyntaxNode(.scalar(text), at: location))
        guard text.contains("${") else { return literal }
        switch TextPieces.split(text) {
        case let .failure(problem):
            diagnostics.error(Self.offset(location, by: problem.offset, quoted: quoted), problem.message,
                              hint: "close it with `}`, or write `$${` for a literal `${`")
            return literal
        case let .success(pieces):
            var parts: [TemplateNode.TextPart] = []
            for piece in pieces {
                switch piece {
                case let .literal(run):
                    parts.append(.literal(run))
                case let .expression(source, offset):
                    guard let compiled = compileExpression(source, at: Self.offset(location, by: offset, quoted: quoted)) else { return literal }
                    parts.append(.expression(compiled))
                }
            }
            // Literal runs are merged, so a text without expressions is one run (`$${` made `${`).
            switch parts.first {
            case let .expression(compiled)? where parts.count == 1: return .expression(compiled, at: location)
            case let .literal(run)? where parts.count == 1: return .literal(SyntaxNode(.scalar(run), at: location))
            default: return .text(parts, at: location)
            }
        }
    }

    /// What a mapping in a template is.
    private enum MappingKind {
        case ordinaryMapping
        case directive(Directive)
        /// A directive with problems, all reported.
        case malformed
    }

    /// A directive, when the mapping has a directive's keyword. Keys the directive does not take are
    /// reported, with the nearest one it does.
    private func compileDirective(_ pairs: [(key: SyntaxNode, value: SyntaxNode)], at location: SourceLocation) -> MappingKind {
        let keywords = pairs.filter { pair in Directive.keys.contains { $0.keyword == pair.key.scalar } }
        guard let head = keywords.first, let keyword = head.key.scalar,
              let allowed = Directive.keys.first(where: { $0.keyword == keyword })?.keys else { return .ordinaryMapping }
        for other in keywords.dropFirst() {
            diagnostics.error(other.key.location, "`\(other.key.scalar ?? "")` and `\(keyword)` cannot be in one mapping",
                              hint: "make them two items, or put one inside the other")
        }
        if keywords.count > 1 { return .malformed }
        var entries: [String: SyntaxNode] = [:]
        // Keys a misspelt key was taken for: their absence is not reported again.
        var suggested: Set<String> = []
        for pair in pairs {
            let key = pair.key.scalar ?? ""
            guard allowed.contains(key) else {
                let others = allowed.dropFirst().map { "`\($0)`" }
                let nearest = Suggestion.nearest(to: key, in: Array(allowed.dropFirst()))
                if let nearest { suggested.insert(nearest) }
                diagnostics.error(pair.key.location, "unknown key `\(key)` in `\(keyword)`",
                                  hint: nearest.map { "did you mean `\($0)`?" }
                                      ?? "`\(keyword)` takes " + (others.isEmpty ? "nothing else" : others.joined(separator: ", ")))
                continue
            }
            entries[key] = pair.value
        }
        guard let subjectText = head.value.scalar else {
            diagnostics.error(head.value.location, "`\(keyword)` needs an expression, found \(head.value.kindName)",
                              hint: keyword == "for-each" ? "name a list: `for-each: groups`" : "write a field or a condition")
            return .malformed
        }
        guard let subject = compileExpression(subjectText, at: head.value.location) else { return .malformed }
        /// A key the directive needs; its absence is reported unless a misspelt key was taken for it.
        func required(_ key: String, _ purpose: String) -> SyntaxNode? {
            if entries[key] == nil, !suggested.contains(key) { diagnostics.error(location, "`\(keyword)` needs `\(key)`: \(purpose)") }
            return entries[key]
        }
        let directive: Directive
        switch keyword {
        case "for-each":
            guard let body = required("do", "what to make for each item") else { return .malformed }
            directive = Directive(subject: subject, kind: .loop(Directive.Loop(
                item: loopName("as", entries["as"]) ?? "item", index: loopName("index", entries["index"]),
                counter: loopName("counter", entries["counter"]), body: compile(body))), location: location)
        case "if":
            guard let then = required("then", "what to make when `\(subjectText)` holds") else { return .malformed }
            directive = Directive(subject: subject, kind: .condition(then: compile(then), otherwise: entries["else"].map(compile)),
                                  location: location)
        case "warn-if":
            guard let message = required("message", "the warning to give when `\(subjectText)` holds") else { return .malformed }
            var place: CompiledExpression?
            if let at = entries["at"] {
                guard let text = at.scalar, let compiled = compileExpression(text, at: at.location) else {
                    if at.scalar == nil { diagnostics.error(at.location, "`at` needs an expression naming a field, such as `p.spent`") }
                    return .malformed
                }
                place = compiled
            }
            directive = Directive(subject: subject, kind: .warning(message: compile(message), at: place), location: location)
        default:
            directive = Directive(subject: subject, kind: .insert, location: location)
        }
        return entries.count < pairs.count ? .malformed : .directive(directive)
    }

    /// The name a loop's `key` gives, reported unless it is a plain name (`group`, `row-number`).
    private func loopName(_ key: String, _ node: SyntaxNode?) -> String? {
        guard let node else { return nil }
        if let text = node.scalar, case .name(text, _)? = try? ExpressionParser.parse(text, maximumNesting: 1) { return text }
        diagnostics.error(node.location, "`\(key)` must be a name such as `item` or `row-number`, found \(node.scalar.map { "`\($0)`" } ?? node.kindName)")
        return nil
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
