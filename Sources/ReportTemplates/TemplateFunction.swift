import Foundation
import ReportSyntax
import ThaiText

/// A function template expressions can call: its name, how many arguments it takes, and what it
/// computes. `TemplateFunction.all` is the one table: the parser resolves names and checks argument
/// counts against it when a template is loaded, and evaluation runs the implementation it found.
struct TemplateFunction {
    let name: String
    let arity: ClosedRange<Int>
    let implementation: (FunctionArguments) throws -> TemplateValue

    /// Every function, as the README's table lists them.
    static let all: [TemplateFunction] = [
        TemplateFunction(name: "if", arity: 2...3) { call in
            if try call.value(0).isTruthy { return try call.value(1) }
            return call.count == 3 ? try call.value(2) : .null
        },
        TemplateFunction(name: "thai", arity: 1...1) { try $0.digits(.thai) },
        TemplateFunction(name: "arabic", arity: 1...1) { try $0.digits(.arabic) },
        TemplateFunction(name: "text", arity: 1...1) { .text(try $0.text(0)) },
        TemplateFunction(name: "number", arity: 1...2) { call in
            let decimals = try call.decimals()
            return try call.optionalNumber { .text(ThaiFormatting.number($0, decimals: decimals, grouping: true, digits: .thai)) }
        },
        TemplateFunction(name: "money", arity: 1...1) { call in
            try call.optionalNumber { .text(ThaiFormatting.number($0, decimals: 2, grouping: true, digits: .thai)) }
        },
        TemplateFunction(name: "words", arity: 1...1) { call in
            try call.optionalNumber { .text(ThaiFormatting.numberInWords(try call.wholeNumber($0))) }
        },
        TemplateFunction(name: "money-words", arity: 1...1) { call in
            try call.optionalNumber { .text(ThaiFormatting.moneyInWords($0)) }
        },
        TemplateFunction(name: "date", arity: 1...1) { try $0.date(ThaiFormatting.fullDate) },
        TemplateFunction(name: "short-date", arity: 1...1) { try $0.date(ThaiFormatting.shortDate) },
        TemplateFunction(name: "official-date", arity: 1...1) { try $0.date(ThaiFormatting.officialDate) },
        TemplateFunction(name: "fiscal-period", arity: 1...3) { call in
            // fiscal-period(year, months = 12, from = 1): `months` months from the fiscal year's month `from` (1 = October).
            let months = call.count > 1 ? try call.fiscalMonth(1) : 12
            let from = call.count > 2 ? try call.fiscalMonth(2) : 1
            guard from + months - 1 <= 12 else {
                throw EvaluationError(message: "`fiscal-period` runs past September: \(months) months from month \(from) of the fiscal year",
                                      hint: "months from `from` to the twelfth (September)")
            }
            return try call.optionalNumber {
                .text(ThaiFormatting.fiscalPeriod(buddhistYear: try call.wholeNumber($0), firstMonth: from, months: months, digits: .thai))
            }
        },
        TemplateFunction(name: "fiscal-month", arity: 2...2) { call in
            // fiscal-month(year, n): the n-th month of the fiscal year (1 = October) with its year, "มีนาคม ๒๕๖๗".
            let month = try call.fiscalMonth(1)
            return try call.optionalNumber {
                let found = ThaiFormatting.fiscalMonth(buddhistYear: try call.wholeNumber($0), month: month)
                return .text(ThaiFormatting.digits("\(ThaiFormatting.monthNames[found.month - 1]) \(found.buddhistYear)", .thai))
            }
        },
        TemplateFunction(name: "sum", arity: 1...1) { .number(try $0.numbers(0).reduce(0, +)) },
        TemplateFunction(name: "average", arity: 1...1) { call in
            let values = try call.numbers(0)
            return values.isEmpty ? .null : .number(values.reduce(0, +) / Decimal(values.count))
        },
        TemplateFunction(name: "min", arity: 1...1) { try $0.numbers(0).min().map(TemplateValue.number) ?? .null },
        TemplateFunction(name: "max", arity: 1...1) { try $0.numbers(0).max().map(TemplateValue.number) ?? .null },
        TemplateFunction(name: "count", arity: 1...2) { call in
            guard call.count == 2 else { return .number(Decimal(try call.value(0).itemCount(for: call.name))) }
            let items = try call.list(0), wanted = try call.value(1)
            return .number(Decimal(items.filter { $0.equals(wanted) }.count))
        },
        TemplateFunction(name: "round", arity: 1...2) { call in
            let decimals = try call.decimals()
            return try call.optionalNumber { value in
                var copy = value
                var rounded = Decimal()
                NSDecimalRound(&rounded, &copy, decimals, .plain)
                return .number(rounded)
            }
        },
        TemplateFunction(name: "join", arity: 1...2) { call in
            let separator = call.count > 1 ? try call.text(1) : " "
            let texts = try call.list(0).map { try $0.text(for: call.name) }.filter { !$0.isEmpty }
            try call.budget.build(texts.reduce(0) { $0 + $1.utf8.count + separator.utf8.count })
            return .text(texts.joined(separator: separator))
        },
        TemplateFunction(name: "first", arity: 1...1) { try $0.list(0).first ?? .null },
        TemplateFunction(name: "last", arity: 1...1) { try $0.list(0).last ?? .null },
        TemplateFunction(name: "band", arity: 2...2) { call in
            // The label of the band a score falls in: bands are records `{from: 95, label: ผ่านดีเยี่ยม}`.
            let score = try call.number(0, for: "`band`")
            var best: (from: Decimal, label: TemplateValue)?
            for band in try call.list(1) {
                let from = try call.member(band, "from").number(for: "a band's `from`")
                if score >= from, best == nil || from > best!.from { best = (from, try call.member(band, "label")) }
            }
            return best?.label ?? .null
        },
    ]

    static let byName = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    /// The function `name` called with `arguments` arguments at `offset`, or the error that says why not.
    static func resolve(_ name: String, arguments: Int, at offset: Int) throws -> TemplateFunction {
        guard let function = byName[name] else {
            throw ExpressionError(message: "there is no function `\(name)`", offset: offset,
                                  hint: Suggestion.nearest(to: name, in: all.map(\.name)).map { "did you mean `\($0)`?" })
        }
        guard function.arity.contains(arguments) else {
            let arity = function.arity
            let expected = arity.lowerBound == arity.upperBound ? "\(arity.lowerBound)" : "\(arity.lowerBound) to \(arity.upperBound)"
            throw ExpressionError(message: "`\(name)` takes \(expected) argument\(arity.upperBound == 1 ? "" : "s"), not \(arguments)",
                                  offset: offset)
        }
        return function
    }
}

/// The arguments of one call. Each is computed when the function asks for it, so `if` computes only
/// the branch it gives; the readers below say in their messages which function needed what, and
/// blame the argument whose value from the description is not what it needs.
struct FunctionArguments {
    let name: String
    let expressions: [Expression]
    let budget: ExpansionBudget
    let evaluate: (Expression) throws -> TemplateValue

    var count: Int { expressions.count }

    func value(_ index: Int) throws -> TemplateValue { try evaluate(expressions[index]) }

    /// `body` reading argument `index`: a mistake blames the values there that are not numbers.
    private func number<Result>(_ index: Int, _ body: () throws -> Result) throws -> Result {
        try EvaluationError.blaming(expressions[index], where: { $0.number == nil }, body)
    }

    func text(_ index: Int) throws -> String { try value(index).text(for: name) }

    /// The items of a list argument, each read counted against the budget.
    func list(_ index: Int) throws -> [TemplateValue] {
        let items = try value(index).list(for: name)
        try budget.step(items.count)
        return items
    }

    func numbers(_ index: Int) throws -> [Decimal] {
        let items = try list(index)
        return try number(index) { try items.filter { !$0.isNull }.map { try $0.number(for: "`\(name)`") } }
    }

    /// Argument `index` as a number; `context` says who needs it.
    func number(_ index: Int, for context: String) throws -> Decimal {
        let value = try value(index)
        return try number(index) { try value.number(for: context) }
    }

    func member(_ base: TemplateValue, _ field: String) throws -> TemplateValue {
        try ExpressionEvaluator.member(base, field, budget: budget)
    }

    /// Nothing for nothing; otherwise `body` of the first argument as a number.
    func optionalNumber(_ body: (Decimal) throws -> TemplateValue) throws -> TemplateValue {
        let first = try value(0)
        if first.isNull { return .null }
        return try body(try number(0) { try first.number(for: "`\(name)`") })
    }

    /// The second argument as a count of decimals from 0 to 10 (0 when not given).
    func decimals() throws -> Int {
        guard count > 1 else { return 0 }
        return min(max(try wholeNumber(try number(1, for: "`\(name)`")), 0), 10)
    }

    /// Argument `index` as a month of the fiscal year, 1 to 12.
    func fiscalMonth(_ index: Int) throws -> Int {
        let month = try wholeNumber(try number(index, for: "`\(name)`"))
        guard (1...12).contains(month) else {
            throw EvaluationError(message: "`\(name)` counts the months of a fiscal year from 1 (October) to 12 (September), not \(month)")
        }
        return month
    }

    func wholeNumber(_ value: Decimal) throws -> Int {
        var rounded = Decimal()
        var copy = value
        NSDecimalRound(&rounded, &copy, 0, .plain)
        guard let whole = Int(exactly: NSDecimalNumber(decimal: rounded)), whole.magnitude < 1_000_000_000_000_000 else {
            throw EvaluationError(message: "`\(name)` needs a whole number of reasonable size")
        }
        return whole
    }

    func digits(_ digits: ThaiFormatting.Digits) throws -> TemplateValue {
        let first = try value(0)
        if first.isNull { return .null }
        return .text(ThaiFormatting.digits(try first.text(for: name), digits))
    }

    func date(_ format: (ThaiFormatting.CalendarDate, ThaiFormatting.Digits) -> String) throws -> TemplateValue {
        let first = try value(0)
        if first.isNull { return .null }
        let typed = try first.text(for: name)
        guard let date = ThaiFormatting.CalendarDate.parse(typed) else {
            throw EvaluationError(message: "`\(typed)` is not a date", hint: "write dates as YYYY-MM-DD",
                                  culprit: .init(expression: expressions[0]) { $0.text.flatMap(ThaiFormatting.CalendarDate.parse) == nil })
        }
        return .text(format(date, .thai))
    }
}
