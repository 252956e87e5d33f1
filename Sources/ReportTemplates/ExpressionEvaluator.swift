import Foundation
import ReportSyntax

/// A mistake found while evaluating an expression (a text where a number is needed, a division by
/// zero…). `culprit` is the part of the expression whose value caused it, when that is known, so the
/// message can name the description's field the value came from.
struct EvaluationError: Error {
    var message: String
    var hint: String?
    var culprit: Culprit?

    /// The part of an expression whose value caused a mistake, and which values read there are at
    /// fault (the zeros of a divisor); when none of the description's are, the template is.
    struct Culprit {
        var expression: Expression
        var isAtFault: (TemplateValue) -> Bool
    }

    init(message: String, hint: String? = nil, culprit: Culprit? = nil) {
        self.message = message
        self.hint = hint
        self.culprit = culprit
    }

    /// The result of `body`; a mistake it makes that blames nothing yet blames `expression`, and those
    /// of the values it reads for which `isAtFault` holds.
    static func blaming<Result>(_ expression: Expression, where isAtFault: @escaping (TemplateValue) -> Bool,
                                _ body: () throws -> Result) throws -> Result {
        do {
            return try body()
        } catch var error as EvaluationError where error.culprit == nil {
            error.culprit = Culprit(expression: expression, isAtFault: isAtFault)
            throw error
        }
    }
}

/// Computes the value of a parsed expression: arithmetic, comparisons, field access and calls of
/// the functions in `TemplateFunction.all`. Names are looked up through `resolve`; every part
/// computed and every list item read counts against the budget.
struct ExpressionEvaluator {
    let budget: ExpansionBudget
    let resolve: (String) throws -> TemplateValue

    func evaluate(_ expression: Expression) throws -> TemplateValue {
        try budget.step()
        switch expression {
        case let .literal(literal):
            return literal
        case let .name(name, _):
            return try resolve(name)
        case let .member(base, field, _):
            return try Self.member(try evaluate(base), field, budget: budget)
        case let .index(base, index, _):
            let list = try evaluate(base)
            let position = try evaluate(index)
            // A record indexed by a text gives that field: `rounds[round]`.
            if case let .data(node, _) = list, node.mapping != nil, let key = position.text, position.number == nil {
                return try Self.member(list, key, budget: budget)
            }
            guard let items = list.items else { throw EvaluationError(message: "only a list, or a record by a field's name, can be indexed, not \(list.kindName)") }
            try budget.step(items.count)
            guard let position = position.number.flatMap({ Int(exactly: NSDecimalNumber(decimal: $0)) }) else {
                throw EvaluationError(message: "a list index must be a whole number")
            }
            return items.indices.contains(position) ? items[position] : .null
        case let .list(items):
            return .list(try items.map(evaluate))
        case let .call(function, arguments, _):
            return try function.implementation(FunctionArguments(name: function.name, expressions: arguments, budget: budget, evaluate: evaluate))
        case let .not(operand):
            return .bool(!(try evaluate(operand).isTruthy))
        case let .negate(operand, _):
            return .number(-(try number(operand, try evaluate(operand), for: "`-`")))
        case let .chain(first, operations):
            var value = try evaluate(first)
            for (position, operation) in operations.enumerated() {
                // What the operator's left side is written as, for messages only.
                let left = { position == 0 ? first : Expression.chain(first, Array(operations[..<position])) }
                value = try apply(operation, left: value, writtenAs: left) { try evaluate(operation.operand) }
            }
            return value
        }
    }

    /// `left operator right`; `right` is computed only when the operator needs it (`??`, `and`, `or`).
    private func apply(_ operation: Expression.Operation, left: TemplateValue, writtenAs leftExpression: () -> Expression,
                       right computeRight: () throws -> TemplateValue) throws -> TemplateValue {
        let symbol = operation.symbol
        switch symbol {
        case .fallback: return left.isNull ? try computeRight() : left
        case .and: return .bool(try left.isTruthy && computeRight().isTruthy)
        case .or: return .bool(try left.isTruthy || computeRight().isTruthy)
        default: break
        }
        let right = try computeRight()
        let context = "`\(symbol.rawValue)`"
        func leftNumber() throws -> Decimal { try number(leftExpression(), left, for: context) }
        func rightNumber() throws -> Decimal { try number(operation.operand, right, for: context) }
        switch symbol {
        case .equal: return .bool(left.equals(right))
        case .notEqual: return .bool(!left.equals(right))
        case .less: return .bool(try leftNumber() < rightNumber())
        case .lessOrEqual: return .bool(try leftNumber() <= rightNumber())
        case .greater: return .bool(try leftNumber() > rightNumber())
        case .greaterOrEqual: return .bool(try leftNumber() >= rightNumber())
        case .add:
            // Two numbers add; anything else joins as text (`count + " โครงการ"`, `name + " "`).
            if let a = left.number, let b = right.number { return .number(a + b) }
            guard let a = left.text, let b = right.text else {
                throw EvaluationError(message: "`+` adds numbers or joins texts, not \(left.kindName) and \(right.kindName)")
            }
            try budget.build(a.utf8.count + b.utf8.count)
            return .text(a + b)
        case .subtract: return .number(try leftNumber() - rightNumber())
        case .multiply: return .number(try leftNumber() * rightNumber())
        default:
            let divisor = try rightNumber()
            guard divisor != 0 else {
                throw EvaluationError(message: "division by zero", hint: "check the figures the division uses",
                                      culprit: .init(expression: operation.operand) { $0.number == 0 })
            }
            return .number(try leftNumber() / divisor)
        }
    }

    /// `value` (computed from `expression`) as a number, or an error blaming what it read that is not one.
    private func number(_ expression: Expression, _ value: TemplateValue, for context: String) throws -> Decimal {
        try EvaluationError.blaming(expression, where: { $0.number == nil }) { try value.number(for: context) }
    }

    /// A field of a record, or the field of every item of a list (lists of lists are flattened).
    static func member(_ base: TemplateValue, _ name: String, budget: ExpansionBudget) throws -> TemplateValue {
        if base.isNull { return .null }
        if let items = base.items {
            try budget.step(items.count)
            var result: [TemplateValue] = []
            for item in items {
                let value = try member(item, name, budget: budget)
                if let inner = value.items {
                    try budget.step(inner.count)
                    result += inner
                } else {
                    result.append(value)
                }
            }
            return .list(result)
        }
        guard case let .data(node, spec) = base, let pairs = node.mapping else {
            throw EvaluationError(message: "\(base.kindName) has no field `\(name)`")
        }
        let fieldSpec = spec?.field(name)
        if let spec, spec.kind == .record || spec.kind == .list, fieldSpec == nil {
            let names = spec.fields.map(\.name)
            throw EvaluationError(message: "there is no field `\(name)` here",
                                  hint: Suggestion.nearest(to: name, in: names).map { "did you mean `\($0)`?" }
                                      ?? "the fields are " + names.joined(separator: ", "))
        }
        return .field(pairs.first { $0.key.scalar == name }?.value, spec: fieldSpec)
    }
}
