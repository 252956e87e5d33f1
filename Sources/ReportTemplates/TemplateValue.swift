import Foundation
import ReportSyntax
import ThaiText

/// A value while a template is expanded: computed numbers, texts and lists, values from the
/// description (kept as located nodes, inserted literally), and template fragments (expanded where
/// they are used).
indirect enum TemplateValue {
    case null
    case bool(Bool)
    case number(Decimal)
    case text(String)
    case list([TemplateValue])
    /// A value written in the description, with the field it fills (nil when the template does not
    /// declare one, e.g. a free-form block list).
    case data(SyntaxNode, FieldSpec?)

    /// The value of a field: what the description gave, else the template's default, else nothing.
    static func field(_ given: SyntaxNode?, spec: FieldSpec?) -> TemplateValue {
        if let given, !given.isNull {
            // A choice written in other words (แล้วเสร็จ) is its code (done), where it was written.
            if let spec, spec.kind == .choice, let text = given.scalar, let code = spec.code(of: text), code != text {
                return .data(SyntaxNode(.scalar(code), at: given.location), spec)
            }
            return .data(given, spec)
        }
        if let fallback = spec?.defaultValue { return .data(fallback, spec) }
        return .null
    }

    /// Whether the value counts as true in `if`, `and`, `or` and `not`.
    var isTruthy: Bool {
        switch self {
        case .null: return false
        case let .bool(value): return value
        case let .number(value): return value != 0
        case let .text(text): return !text.isEmpty
        case let .list(items): return !items.isEmpty
        case let .data(node, _):
            switch node.value {
            case .null: return false
            case let .scalar(text): return !text.isEmpty && !["false", "no"].contains(text)
            case let .sequence(items): return !items.isEmpty
            case .mapping: return true
            }
        }
    }

    var isNull: Bool {
        switch self {
        case .null: return true
        case let .data(node, _): if case .null = node.value { return true } else { return false }
        default: return false
        }
    }

    /// The items of a list value (a description list gives its items as data values).
    var items: [TemplateValue]? {
        switch self {
        case let .list(items): return items
        case let .data(node, spec):
            // A field of paragraphs written as one text is a list of one paragraph.
            if spec?.kind == .paragraphs, node.scalar != nil { return [self] }
            guard let nodes = node.sequence else { return nil }
            let itemSpec = spec?.itemSpec
            return nodes.map { .field($0, spec: itemSpec) }
        default: return nil
        }
    }

    /// The value as a number when it is one or is a text that reads as one (Thai or Arabic digits,
    /// thousands separators allowed).
    var number: Decimal? {
        switch self {
        case let .number(value): return value
        case let .text(text): return ThaiFormatting.parseNumber(text)
        case let .data(node, _): return node.scalar.flatMap(ThaiFormatting.parseNumber)
        case let .bool(value): return value ? 1 : 0
        default: return nil
        }
    }

    /// The value as text for writing inside a text; nil for lists and mappings.
    /// Computed numbers are written with Thai digits and no grouping; description texts stay as written.
    var text: String? {
        switch self {
        case .null: return ""
        case let .bool(value): return value ? "true" : "false"
        case let .number(value): return ThaiFormatting.number(value, decimals: Self.decimals(of: value), grouping: false, digits: .thai)
        case let .text(text): return text
        case let .data(node, _):
            switch node.value {
            case .null: return ""
            case let .scalar(text): return text
            default: return nil
            }
        case .list: return nil
        }
    }

    /// A word for the kind of value, for messages.
    var kindName: String {
        switch self {
        case .null: return "nothing"
        case .bool: return "a yes/no value"
        case .number: return "a number"
        case .text: return "a text"
        case .list: return "a list"
        case let .data(node, _): return node.kindName
        }
    }

    /// The node this value becomes in the expanded description.
    func node(at location: SourceLocation) -> SyntaxNode {
        switch self {
        case .null: return SyntaxNode(.null, at: location)
        case .list(let items): return SyntaxNode(.sequence(items.map { $0.node(at: location) }), at: location)
        case let .data(node, _): return node
        default: return SyntaxNode(.scalar(text ?? ""), at: location)
        }
    }

    /// Digits after the point needed to write `value` exactly (at most 10).
    static func decimals(of value: Decimal) -> Int {
        var scaled = value.magnitude
        var count = 0
        while count < 10 {
            var whole = Decimal()
            NSDecimalRound(&whole, &scaled, 0, .down)
            if whole == scaled { break }
            scaled *= 10
            count += 1
        }
        return count
    }
}

/// Reading a value as the kind an operator or function needs; the errors say which one needed it.
extension TemplateValue {
    /// The value as a number; `context` names who needs it ("`+`", "`sum`").
    func number(for context: String) throws -> Decimal {
        if let number { return number }
        if isNull { throw EvaluationError(message: "\(context) needs a number, but the value is missing", hint: "fill in the field") }
        throw EvaluationError(message: "\(context) needs a number, not `\(text ?? kindName)`")
    }

    /// The items of a list (nothing is an empty list).
    func list(for function: String) throws -> [TemplateValue] {
        if isNull { return [] }
        guard let items else { throw EvaluationError(message: "`\(function)` needs a list, not \(kindName)") }
        return items
    }

    /// How many items `list(for:)` would give, without making them.
    func itemCount(for function: String) throws -> Int {
        switch self {
        case .null: return 0
        case let .list(items): return items.count
        case let .data(node, spec):
            if case .null = node.value { return 0 }
            if spec?.kind == .paragraphs, node.scalar != nil { return 1 }
            if let nodes = node.sequence { return nodes.count }
        default: break
        }
        throw EvaluationError(message: "`\(function)` needs a list, not \(kindName)")
    }

    func text(for function: String) throws -> String {
        guard let text else { throw EvaluationError(message: "`\(function)` needs a text, not \(kindName)") }
        return text
    }

    /// Equality: numbers by value (so `1` equals `๑` and `1.0`), everything else by text.
    func equals(_ other: TemplateValue) -> Bool {
        if isNull || other.isNull { return isNull && other.isNull }
        if let a = number, let b = other.number { return a == b }
        guard let a = text, let b = other.text else { return false }
        return a.trimmingCharacters(in: .whitespaces) == b.trimmingCharacters(in: .whitespaces)
    }
}
