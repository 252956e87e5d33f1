import ReportSyntax

/// Problems an expression meets because of the description's values (a division by a score of 0)
/// are reported at those values, naming the fields and what they hold; the template's expression is
/// named in the message. Other problems are the template's, reported at the expression.
extension TemplateExpander {
    /// A value written in the description (or a field's default) that an expression reads.
    struct DataSource {
        var field: String
        var node: SyntaxNode
    }

    /// Reports `error`, met while `compiled` was computed in `scope`.
    func report(_ error: EvaluationError, in compiled: CompiledExpression, scope: Scope) {
        let sources = error.culprit.map { culprit in
            self.sources(of: culprit.expression, in: scope, depth: 0).filter { culprit.isAtFault(.data($0.node, nil)) }
        } ?? []
        guard let first = sources.first else {
            return report(at: compiled.location, "in \(compiled.quotedSource): \(error.message)", hint: error.hint)
        }
        var fields: [String] = []
        var values: [String: [String]] = [:]
        for source in sources {
            if values[source.field] == nil { fields.append(source.field) }
            values[source.field, default: []].append(source.node.scalar.map { "`\($0)`" } ?? source.node.kindName)
        }
        let described = fields.map { field -> String in
            let shown = values[field]!
            let more = shown.count > 3 ? " and \(shown.count - 3) more" : ""
            return "`\(field)` is " + shown.prefix(3).joined(separator: ", ") + more
        }
        report(at: first.node.location, described.joined(separator: "; ") + ": \(error.message) in \(compiled.quotedSource) (\(compiled.location))",
               hint: error.hint)
    }

    /// The description's values `expression` reads, through fields, loop variables and the `let`
    /// expressions it names (as deep as a template may nest them).
    private func sources(of expression: Expression, in scope: Scope, depth: Int) -> [DataSource] {
        guard depth <= limits.maximumDefinitionDepth else { return [] }
        switch expression {
        case .literal:
            return []
        case let .name(name, _):
            switch scope.lookup(name) {
            case let .definition(definition)?:
                guard case let .expression(compiled, _) = definition.value else { return [] }
                return sources(of: compiled.expression, in: scope, depth: depth + 1)
            case .value?:
                return read(expression, in: scope)
            case nil:
                return []
            }
        case let .member(base, _, _):
            // A field of a value from the description; a `let` value is the template's own.
            var root = base
            while case let .member(inner, _, _) = root { root = inner }
            guard case let .name(name, _) = root, case .value? = scope.lookup(name) else { return [] }
            return read(expression, in: scope)
        case let .index(base, index, _):
            return sources(of: base, in: scope, depth: depth) + sources(of: index, in: scope, depth: depth)
        case let .list(items), let .call(_, items, _):
            return items.flatMap { sources(of: $0, in: scope, depth: depth) }
        case let .not(operand), let .negate(operand, _):
            return sources(of: operand, in: scope, depth: depth)
        case let .chain(first, operations):
            return ([first] + operations.map(\.operand)).flatMap { sources(of: $0, in: scope, depth: depth) }
        }
    }

    /// The description's texts among the value of a name or field access (a list's items included).
    private func read(_ expression: Expression, in scope: Scope) -> [DataSource] {
        let evaluator = ExpressionEvaluator(budget: budget) { try self.resolve($0, in: scope) }
        guard let value = try? evaluator.evaluate(expression) else { return [] }
        return (value.items ?? [value]).compactMap { item in
            guard case let .data(node, spec?) = item, node.scalar != nil else { return nil }
            return DataSource(field: spec.path, node: node)
        }
    }
}
