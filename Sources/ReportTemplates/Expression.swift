import Foundation
import ReportSyntax
import ThaiText

/// A parsed template expression: the text inside `${…}` or the argument of a directive such as
/// `for-each: groups`. Names may contain hyphens (`fiscal-year`), as in Typst, so subtraction
/// needs spaces around `-`.
indirect enum Expression {
    case literal(TemplateValue)
    case name(String)
    case member(Expression, String)
    case index(Expression, Expression)
    case list([Expression])
    case call(String, [Expression])
    case unary(String, Expression)
    case binary(String, Expression, Expression)
}

/// A mistake in an expression, with the column (0-based, in characters) where it was found.
struct ExpressionError: Error {
    var message: String
    var offset: Int
}

/// Reads expression text into an `Expression` tree by recursive descent.
/// Precedence, lowest first: `??`, `or`, `and`, `not`, comparisons, `+ -`, `* /`, unary `-`,
/// member access and calls.
struct ExpressionParser {
    private enum Token: Equatable {
        case number(Decimal)
        case text(String)
        case name(String)
        case symbol(String)
        case end
    }

    private var tokens: [(token: Token, offset: Int)] = []
    private var position = 0

    /// Parses `source`, which must be one whole expression.
    static func parse(_ source: String) throws -> Expression {
        var parser = ExpressionParser()
        parser.tokens = try tokenize(source)
        let expression = try parser.parseDefault()
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

    private func describe(_ token: Token) -> String {
        switch token {
        case let .number(value): return "the number \(value)"
        case let .text(text): return "the text \"\(text)\""
        case let .name(name): return "`\(name)`"
        case let .symbol(symbol): return "`\(symbol)`"
        case .end: return "the end of the expression"
        }
    }

    /// A left-associative chain `operand (symbol operand)*` for one precedence level.
    private mutating func parseChain(_ symbols: [String], operand: (inout ExpressionParser) throws -> Expression) throws -> Expression {
        var left = try operand(&self)
        while let symbol = symbols.first(where: { accept($0) }) {
            left = .binary(symbol, left, try operand(&self))
        }
        return left
    }

    private mutating func parseDefault() throws -> Expression {
        try parseChain(["??"]) { try $0.parseOr() }
    }

    private mutating func parseOr() throws -> Expression {
        try parseChain(["or"]) { try $0.parseAnd() }
    }

    private mutating func parseAnd() throws -> Expression {
        try parseChain(["and"]) { try $0.parseNot() }
    }

    private mutating func parseNot() throws -> Expression {
        if accept("not") { return .unary("not", try parseNot()) }
        return try parseComparison()
    }

    private mutating func parseComparison() throws -> Expression {
        let left = try parseSum()
        for symbol in ["==", "!=", "<=", ">=", "<", ">"] where accept(symbol) {
            return .binary(symbol, left, try parseSum())
        }
        return left
    }

    private mutating func parseSum() throws -> Expression {
        try parseChain(["+", "-"]) { try $0.parseProduct() }
    }

    private mutating func parseProduct() throws -> Expression {
        try parseChain(["*", "/"]) { try $0.parseUnary() }
    }

    private mutating func parseUnary() throws -> Expression {
        if accept("-") { return .unary("-", try parseUnary()) }
        return try parsePostfix()
    }

    private mutating func parsePostfix() throws -> Expression {
        var expression = try parsePrimary()
        while true {
            if accept(".") {
                guard case let .name(name) = current else {
                    throw ExpressionError(message: "expected a field name after `.`, found \(describe(current))", offset: offset)
                }
                advance()
                expression = .member(expression, name)
            } else if accept("[") {
                let index = try parseDefault()
                try expect("]")
                expression = .index(expression, index)
            } else {
                return expression
            }
        }
    }

    private mutating func parsePrimary() throws -> Expression {
        let token = current
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
            if accept("(") {
                var arguments: [Expression] = []
                if !accept(")") {
                    repeat { arguments.append(try parseDefault()) } while accept(",")
                    try expect(")")
                }
                return .call(name, arguments)
            }
            return .name(name)
        case .symbol("("):
            advance()
            let inner = try parseDefault()
            try expect(")")
            return inner
        case .symbol("["):
            advance()
            var items: [Expression] = []
            if !accept("]") {
                repeat { items.append(try parseDefault()) } while accept(",")
                try expect("]")
            }
            return .list(items)
        default:
            throw ExpressionError(message: "expected a value, found \(describe(token))", offset: offset)
        }
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
