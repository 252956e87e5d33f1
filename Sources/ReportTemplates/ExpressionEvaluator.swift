import Foundation
import ReportSyntax
import ThaiText

/// A mistake found while evaluating an expression (an unknown name, a text where a number is needed…).
struct EvaluationError: Error {
    var message: String
    var hint: String?
}

/// Computes expression values: arithmetic, comparisons, field access and the functions templates
/// use to compute and format figures (sums, averages, Thai digits, money, dates).
struct ExpressionEvaluator {
    /// The functions expressions can call, with how many arguments each takes.
    static let functions: [String: ClosedRange<Int>] = [
        "if": 2...3, "thai": 1...1, "arabic": 1...1, "number": 1...2, "money": 1...1, "words": 1...1,
        "money-words": 1...1, "date": 1...1, "short-date": 1...1, "fiscal-period": 1...1,
        "sum": 1...1, "average": 1...1, "count": 1...2, "min": 1...1, "max": 1...1, "round": 1...2,
        "join": 1...2, "band": 2...2, "first": 1...1, "last": 1...1, "text": 1...1,
    ]

    func evaluate(_ expression: Expression, resolve: (String) throws -> TemplateValue) throws -> TemplateValue {
        func value(_ expression: Expression) throws -> TemplateValue { try evaluate(expression, resolve: resolve) }
        switch expression {
        case let .literal(literal):
            return literal
        case let .name(name):
            return try resolve(name)
        case let .member(base, name):
            return try member(try value(base), name)
        case let .index(base, index):
            let list = try value(base)
            guard let items = list.items else { throw EvaluationError(message: "only a list can be indexed, not \(list.kindName)") }
            guard let position = try value(index).number.flatMap({ Int(exactly: NSDecimalNumber(decimal: $0)) }) else {
                throw EvaluationError(message: "a list index must be a whole number")
            }
            return items.indices.contains(position) ? items[position] : .null
        case let .list(items):
            return .list(try items.map(value))
        case let .unary(symbol, operand):
            let operandValue = try value(operand)
            if symbol == "not" { return .bool(!operandValue.isTruthy) }
            return .number(-(try number(operandValue, "`-`")))
        case let .binary(symbol, left, right):
            switch symbol {
            case "??":
                let leftValue = try value(left)
                return leftValue.isNull ? try value(right) : leftValue
            case "and":
                let leftValue = try value(left)
                return leftValue.isTruthy ? .bool(try value(right).isTruthy) : .bool(false)
            case "or":
                let leftValue = try value(left)
                return leftValue.isTruthy ? .bool(true) : .bool(try value(right).isTruthy)
            default:
                return try binary(symbol, try value(left), try value(right))
            }
        case let .call(name, arguments):
            guard let arity = Self.functions[name] else {
                throw EvaluationError(message: "there is no function `\(name)`",
                                      hint: Suggestion.nearest(to: name, in: Array(Self.functions.keys)).map { "did you mean `\($0)`?" })
            }
            guard arity.contains(arguments.count) else {
                let expected = arity.lowerBound == arity.upperBound ? "\(arity.lowerBound)" : "\(arity.lowerBound) to \(arity.upperBound)"
                throw EvaluationError(message: "`\(name)` takes \(expected) argument\(arity.upperBound == 1 ? "" : "s"), not \(arguments.count)")
            }
            if name == "if" {
                if try value(arguments[0]).isTruthy { return try value(arguments[1]) }
                return arguments.count == 3 ? try value(arguments[2]) : .null
            }
            return try call(name, try arguments.map(value))
        }
    }

    /// A field of a record, or the field of every item of a list (lists of lists are flattened).
    private func member(_ base: TemplateValue, _ name: String) throws -> TemplateValue {
        if base.isNull { return .null }
        if let items = base.items {
            var result: [TemplateValue] = []
            for item in items {
                let value = try member(item, name)
                if let inner = value.items { result += inner } else { result.append(value) }
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

    private func number(_ value: TemplateValue, _ context: String) throws -> Decimal {
        if let number = value.number { return number }
        if value.isNull { throw EvaluationError(message: "\(context) needs a number, but the value is missing", hint: "fill in the field") }
        throw EvaluationError(message: "\(context) needs a number, not `\(value.text ?? value.kindName)`")
    }

    private func binary(_ symbol: String, _ left: TemplateValue, _ right: TemplateValue) throws -> TemplateValue {
        switch symbol {
        case "==", "!=":
            let equal = equals(left, right)
            return .bool(symbol == "==" ? equal : !equal)
        case "<", "<=", ">", ">=":
            let a = try number(left, "`\(symbol)`"), b = try number(right, "`\(symbol)`")
            switch symbol {
            case "<": return .bool(a < b)
            case "<=": return .bool(a <= b)
            case ">": return .bool(a > b)
            default: return .bool(a >= b)
            }
        case "+":
            // Two numbers add; anything else joins as text (`count + " โครงการ"`, `name + " "`).
            if let a = left.number, let b = right.number { return .number(a + b) }
            guard let a = left.text, let b = right.text else {
                throw EvaluationError(message: "`+` adds numbers or joins texts, not \(left.kindName) and \(right.kindName)")
            }
            return .text(a + b)
        case "-": return .number(try number(left, "`-`") - number(right, "`-`"))
        case "*": return .number(try number(left, "`*`") * number(right, "`*`"))
        default:
            let divisor = try number(right, "`/`")
            guard divisor != 0 else { throw EvaluationError(message: "division by zero", hint: "check the figures the division uses") }
            return .number(try number(left, "`/`") / divisor)
        }
    }

    /// Equality: numbers by value (so `1` equals `๑` and `1.0`), everything else by text.
    private func equals(_ left: TemplateValue, _ right: TemplateValue) -> Bool {
        if left.isNull || right.isNull { return left.isNull && right.isNull }
        if let a = left.number, let b = right.number { return a == b }
        guard let a = left.text, let b = right.text else { return false }
        return a.trimmingCharacters(in: .whitespaces) == b.trimmingCharacters(in: .whitespaces)
    }

    private func list(_ value: TemplateValue, _ function: String) throws -> [TemplateValue] {
        if value.isNull { return [] }
        guard let items = value.items else { throw EvaluationError(message: "`\(function)` needs a list, not \(value.kindName)") }
        return items
    }

    private func numbers(_ value: TemplateValue, _ function: String) throws -> [Decimal] {
        try list(value, function).filter { !$0.isNull }.map { try number($0, "`\(function)`") }
    }

    private func text(_ value: TemplateValue, _ function: String) throws -> String {
        guard let text = value.text else { throw EvaluationError(message: "`\(function)` needs a text, not \(value.kindName)") }
        return text
    }

    private func wholeNumber(_ value: Decimal, _ function: String) throws -> Int {
        var rounded = Decimal()
        var copy = value
        NSDecimalRound(&rounded, &copy, 0, .plain)
        guard let whole = Int(exactly: NSDecimalNumber(decimal: rounded)), whole.magnitude < 1_000_000_000_000_000 else {
            throw EvaluationError(message: "`\(function)` needs a whole number of reasonable size")
        }
        return whole
    }

    private func call(_ name: String, _ arguments: [TemplateValue]) throws -> TemplateValue {
        let first = arguments[0]
        func optionalNumber(_ body: (Decimal) throws -> TemplateValue) throws -> TemplateValue {
            if first.isNull { return .null }
            return try body(try number(first, "`\(name)`"))
        }
        switch name {
        case "thai", "arabic":
            if first.isNull { return .null }
            return .text(ThaiFormatting.digits(try text(first, name), name == "thai" ? .thai : .arabic))
        case "text":
            return .text(try text(first, name))
        case "number":
            let decimals = arguments.count > 1 ? try wholeNumber(try number(arguments[1], "`number`"), name) : 0
            return try optionalNumber { .text(ThaiFormatting.number($0, decimals: min(max(decimals, 0), 10), grouping: true, digits: .thai)) }
        case "money":
            return try optionalNumber { .text(ThaiFormatting.number($0, decimals: 2, grouping: true, digits: .thai)) }
        case "words":
            return try optionalNumber { .text(ThaiFormatting.numberInWords(try wholeNumber($0, name))) }
        case "money-words":
            return try optionalNumber { .text(ThaiFormatting.moneyInWords($0)) }
        case "date", "short-date":
            if first.isNull { return .null }
            let written = try text(first, name)
            guard let date = ThaiFormatting.CalendarDate.parse(written) else {
                throw EvaluationError(message: "`\(written)` is not a date", hint: "write dates as YYYY-MM-DD")
            }
            return .text(name == "date" ? ThaiFormatting.fullDate(date, digits: .thai) : ThaiFormatting.shortDate(date, digits: .thai))
        case "fiscal-period":
            return try optionalNumber { .text(ThaiFormatting.fiscalYearPeriod(buddhistYear: try wholeNumber($0, name), digits: .thai)) }
        case "sum":
            return .number(try numbers(first, name).reduce(0, +))
        case "average":
            let values = try numbers(first, name)
            guard !values.isEmpty else { return .null }
            return .number(values.reduce(0, +) / Decimal(values.count))
        case "min", "max":
            let values = try numbers(first, name)
            guard let result = name == "min" ? values.min() : values.max() else { return .null }
            return .number(result)
        case "count":
            let items = try list(first, name)
            if arguments.count == 1 { return .number(Decimal(items.count)) }
            return .number(Decimal(items.filter { equals($0, arguments[1]) }.count))
        case "round":
            let decimals = arguments.count > 1 ? try wholeNumber(try number(arguments[1], "`round`"), name) : 0
            return try optionalNumber { value in
                var copy = value
                var rounded = Decimal()
                NSDecimalRound(&rounded, &copy, min(max(decimals, 0), 10), .plain)
                return .number(rounded)
            }
        case "join":
            let separator = arguments.count > 1 ? try text(arguments[1], name) : " "
            return .text(try list(first, name).map { try text($0, name) }.filter { !$0.isEmpty }.joined(separator: separator))
        case "first", "last":
            let items = try list(first, name)
            return (name == "first" ? items.first : items.last) ?? .null
        case "band":
            // The label of the band a score falls in: bands are records `{from: 95, label: ผ่านดีเยี่ยม}`.
            let score = try number(first, "`band`")
            var best: (from: Decimal, label: TemplateValue)?
            for band in try list(arguments[1], name) {
                let from = try number(try member(band, "from"), "a band's `from`")
                if score >= from, best == nil || from > best!.from { best = (from, try member(band, "label")) }
            }
            return best?.label ?? .null
        default:
            throw EvaluationError(message: "there is no function `\(name)`")
        }
    }
}
