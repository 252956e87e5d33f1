import Foundation
import ReportSyntax
import ThaiText

/// A parsed template expression: the text inside `${…}` or the argument of a directive such as
/// `for-each: groups`. Names may contain hyphens (`fiscal-year`), as in Typst, so subtraction
/// needs spaces around `-`. Every name, call and operator keeps its character offset in the source,
/// so that a problem found later points at it.
indirect enum Expression {
    case literal(TemplateValue)
    /// A field, a `let` definition, a loop variable or `variant`.
    case name(String, offset: Int)
    /// `base.field`; on a list, the field of every item.
    case member(Expression, field: String, offset: Int)
    case index(Expression, Expression, offset: Int)
    case list([Expression])
    case call(TemplateFunction, [Expression], offset: Int)
    case not(Expression)
    case negate(Expression, offset: Int)
    /// Operands joined by the operators of one precedence level, applied left to right: `a + b - c`.
    /// Kept flat, so a long sum is not a deep tree.
    case chain(Expression, [Operation])

    /// One operator of a chain with its right-hand operand.
    struct Operation {
        var symbol: BinaryOperator
        var operand: Expression
        var offset: Int
    }
}

/// The binary operators, lowest precedence first.
enum BinaryOperator: String {
    case fallback = "??"
    case or, and
    case equal = "==", notEqual = "!=", lessOrEqual = "<=", greaterOrEqual = ">=", less = "<", greater = ">"
    case add = "+", subtract = "-", multiply = "*", divide = "/"

    /// The precedence levels of chains, lowest first; comparisons take one operator only.
    static let levels: [[BinaryOperator]] = [[.fallback], [.or], [.and]]
    static let comparisons: [BinaryOperator] = [.equal, .notEqual, .lessOrEqual, .greaterOrEqual, .less, .greater]
    static let sums: [BinaryOperator] = [.add, .subtract]
    static let products: [BinaryOperator] = [.multiply, .divide]
}

/// A mistake in an expression, with the column (0-based, in characters) where it was found.
struct ExpressionError: Error {
    var message: String
    var offset: Int
    var hint: String?
}

/// Reads expression text into an `Expression` tree by recursive descent, resolving function names
/// and checking their argument counts. Precedence, lowest first: `??`, `or`, `and`, `not`,
/// comparisons, `+ -`, `* /`, unary `-`, member access and calls. Nesting is limited, so no
/// expression can exhaust the stack.
struct ExpressionParser {
    /// One word of an expression: a number, a quoted text, a name or an operator.
    private enum Token: Equatable {
        case number(Decimal)
        case text(String)
        case name(String)
        case symbol(String)
        case end
    }

    private var tokens: [(token: Token, offset: Int)] = []
    private var position = 0
    private var nesting = 0
    private let maximumNesting: Int

    private init(maximumNesting: Int) {
        self.maximumNesting = maximumNesting
    }

    /// Parses `source`, which must be one whole expression nested at most `maximumNesting` deep.
    static func parse(_ source: String, maximumNesting: Int) throws -> Expression {
        var parser = ExpressionParser(maximumNesting: maximumNesting)
        parser.tokens = try tokenize(source)
        let expression = try parser.parseExpression()
        if parser.current != .end {
            throw ExpressionError(message: "unexpected \(parser.describe(parser.current)) after the expression", offset: parser.offset)
        }
        return expression
    }

    private var current: Token { tokens[position].token }
    private var offset: Int { tokens[position].offset }

    private mutating func advance() { if position < tokens.count - 1 { position += 1 } }

    private mutating func accept(_ symbol: String) -> Bool {
        if current == .symbol(symbol) || current == .name(symbol) && ["and", "or", "not"].contains(symbol) {
            advance()
            return true
        }
        return false
    }

    private mutating func expect(_ symbol: String) throws {
        guard accept(symbol) else {
            throw ExpressionError(message: "expected `\(symbol)`, found \(describe(current))", offset: offset)
        }
    }

    /// Goes one level deeper, or stops when the expression nests too deep; `nesting` is restored by the caller.
    private mutating func descend() throws {
        nesting += 1
        if nesting > maximumNesting {
            throw ExpressionError(message: "the expression nests more than \(maximumNesting) deep", offset: offset,
                                  hint: "split it into `let` definitions")
        }
    }

    private func describe(_ token: Token) -> String {
        switch token {
        case let .number(value): return "the number \(value)"
        case let .text(text): return "the text \"\(text)\""
        case let .name(name): return "`\(name)`"
        case let .symbol(symbol): return "`\(symbol)`"
        case .end: return "the end of the expression"
        }
    }

    /// A whole expression: the entry for the top, parentheses, arguments, list items and indexes.
    private mutating func parseExpression() throws -> Expression {
        try descend()
        defer { nesting -= 1 }
        return try parseChain(level: 0)
    }

    /// `operand (operator operand)*` for the chain levels `??`, `or`, `and`, then `not`.
    private mutating func parseChain(level: Int) throws -> Expression {
        guard level < BinaryOperator.levels.count else { return try parseNot() }
        let first = try parseChain(level: level + 1)
        var operations: [Expression.Operation] = []
        while true {
            let start = offset
            guard let symbol = BinaryOperator.levels[level].first(where: { accept($0.rawValue) }) else { break }
            operations.append(.init(symbol: symbol, operand: try parseChain(level: level + 1), offset: start))
        }
        return operations.isEmpty ? first : .chain(first, operations)
    }

    private mutating func parseNot() throws -> Expression {
        guard accept("not") else { return try parseComparison() }
        try descend()
        defer { nesting -= 1 }
        return .not(try parseNot())
    }

    private mutating func parseComparison() throws -> Expression {
        let left = try parseArithmetic(BinaryOperator.sums)
        let start = offset
        for symbol in BinaryOperator.comparisons where accept(symbol.rawValue) {
            return .chain(left, [.init(symbol: symbol, operand: try parseArithmetic(BinaryOperator.sums), offset: start)])
        }
        return left
    }

    /// A chain of `+ -` (whose operands are chains of `* /`) or of `* /` (whose operands are unary).
    private mutating func parseArithmetic(_ symbols: [BinaryOperator]) throws -> Expression {
        let operand: (inout ExpressionParser) throws -> Expression = symbols == BinaryOperator.sums
            ? { try $0.parseArithmetic(BinaryOperator.products) } : { try $0.parseUnary() }
        let first = try operand(&self)
        var operations: [Expression.Operation] = []
        while true {
            let start = offset
            guard let symbol = symbols.first(where: { accept($0.rawValue) }) else { break }
            operations.append(.init(symbol: symbol, operand: try operand(&self), offset: start))
        }
        return operations.isEmpty ? first : .chain(first, operations)
    }

    private mutating func parseUnary() throws -> Expression {
        let start = offset
        guard accept("-") else { return try parsePostfix() }
        try descend()
        defer { nesting -= 1 }
        return .negate(try parseUnary(), offset: start)
    }

    private mutating func parsePostfix() throws -> Expression {
        var expression = try parsePrimary()
        let outer = nesting
        defer { nesting = outer }
        while true {
            let start = offset
            if accept(".") {
                guard case let .name(name) = current else {
                    throw ExpressionError(message: "expected a field name after `.`, found \(describe(current))", offset: offset)
                }
                try descend()
                expression = .member(expression, field: name, offset: offset)
                advance()
            } else if accept("[") {
                try descend()
                let index = try parseExpression()
                try expect("]")
                expression = .index(expression, index, offset: start)
            } else {
                return expression
            }
        }
    }

    private mutating func parsePrimary() throws -> Expression {
        let token = current
        let start = offset
        switch token {
        case let .number(value):
            advance()
            return .literal(.number(value))
        case let .text(text):
            advance()
            return .literal(.text(text))
        case let .name(name):
            advance()
            switch name {
            case "true": return .literal(.bool(true))
            case "false": return .literal(.bool(false))
            case "null": return .literal(.null)
            default: break
            }
            guard accept("(") else { return .name(name, offset: start) }
            let arguments = try parseItems(closedBy: ")")
            return .call(try TemplateFunction.resolve(name, arguments: arguments.count, at: start), arguments, offset: start)
        case .symbol("("):
            advance()
            let inner = try parseExpression()
            try expect(")")
            return inner
        case .symbol("["):
            advance()
            return .list(try parseItems(closedBy: "]"))
        default:
            throw ExpressionError(message: "expected a value, found \(describe(token))", offset: start)
        }
    }

    /// Comma-separated expressions up to `closing` (the opening bracket is read).
    private mutating func parseItems(closedBy closing: String) throws -> [Expression] {
        var items: [Expression] = []
        if accept(closing) { return items }
        repeat { items.append(try parseExpression()) } while accept(",")
        try expect(closing)
        return items
    }

    private static func tokenize(_ source: String) throws -> [(token: Token, offset: Int)] {
        let characters = Array(source)
        var tokens: [(token: Token, offset: Int)] = []
        var index = 0
        func isNameStart(_ c: Character) -> Bool { c.isLetter || c == "_" }
        func isNamePart(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }
        while index < characters.count {
            let character = characters[index]
            let start = index
            if character.isWhitespace {
                index += 1
            } else if character.isNumber {
                while index < characters.count, characters[index].isNumber || characters[index] == "." && index + 1 < characters.count && characters[index + 1].isNumber {
                    index += 1
                }
                let text = ThaiFormatting.digits(String(characters[start..<index]), .arabic)
                guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
                    throw ExpressionError(message: "`\(text)` is not a number", offset: start)
                }
                tokens.append((.number(value), start))
            } else if isNameStart(character) {
                // A hyphen joins two name parts (`fiscal-year`); `a - b` with spaces subtracts.
                index += 1
                while index < characters.count {
                    if isNamePart(characters[index]) {
                        index += 1
                    } else if characters[index] == "-", index + 1 < characters.count, isNameStart(characters[index + 1]) {
                        index += 2
                    } else {
                        break
                    }
                }
                tokens.append((.name(String(characters[start..<index])), start))
            } else if character == "\"" || character == "'" {
                index += 1
                var text = ""
                while index < characters.count, characters[index] != character {
                    if characters[index] == "\\", index + 1 < characters.count {
                        index += 1
                        text.append(characters[index] == "n" ? "\n" : characters[index])
                    } else {
                        text.append(characters[index])
                    }
                    index += 1
                }
                guard index < characters.count else {
                    throw ExpressionError(message: "the text starting here has no closing \(character)", offset: start)
                }
                index += 1
                tokens.append((.text(text), start))
            } else {
                let two = index + 1 < characters.count ? String(characters[index...index + 1]) : ""
                if ["==", "!=", "<=", ">=", "??"].contains(two) {
                    tokens.append((.symbol(two), start))
                    index += 2
                } else if "+-*/<>().,[]".contains(character) {
                    tokens.append((.symbol(String(character)), start))
                    index += 1
                } else {
                    throw ExpressionError(message: "`\(character)` cannot be used in an expression", offset: start)
                }
            }
        }
        tokens.append((.end, characters.count))
        return tokens
    }
}
