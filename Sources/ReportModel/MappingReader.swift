import Foundation
import ReportSyntax
import ThaiText

/// Reads the keys of one YAML mapping with type checks, reporting unknown keys (with the nearest
/// valid one) and wrong types at their exact place.
final class MappingReader {
    let node: SyntaxNode
    let context: String
    let diagnostics: DiagnosticCollector
    private let pairs: [(key: SyntaxNode, value: SyntaxNode)]

    /// Nil (after reporting) when `node` is not a mapping. `allowed` lists the valid keys; `keyName`
    /// is what messages call them ("column key" in a row written by column keys).
    init?(_ node: SyntaxNode, context: String, allowed: [String], keyName: String = "key", diagnostics: DiagnosticCollector) {
        self.node = node
        self.context = context
        self.diagnostics = diagnostics
        guard let pairs = node.mapping else {
            diagnostics.error(node.location, "\(context) must be a mapping (`key: value` lines), found \(node.kindName)")
            return nil
        }
        self.pairs = pairs
        for (key, _) in pairs {
            guard let name = key.scalar else {
                diagnostics.error(key.location, "a key in \(context) must be a plain word, found \(key.kindName)")
                continue
            }
            if !allowed.contains(name) {
                let hint = Suggestion.nearest(to: name, in: allowed).map { "did you mean `\($0)`?" }
                    ?? "valid \(keyName)s: \(allowed.joined(separator: ", "))"
                diagnostics.error(key.location, "unknown \(keyName) `\(name)` in \(context)", hint: hint)
            }
        }
    }

    /// The node under `key`, if present and not null.
    func value(_ key: String) -> SyntaxNode? {
        guard let node = pairs.first(where: { $0.key.scalar == key })?.value else { return nil }
        if case .null = node.value { return nil }
        return node
    }

    func has(_ key: String) -> Bool { value(key) != nil }

    /// Location of the key itself, for errors about a missing or conflicting value.
    func keyLocation(_ key: String) -> SourceLocation {
        pairs.first(where: { $0.key.scalar == key })?.key.location ?? node.location
    }

    func text(_ key: String) -> String? {
        guard let node = value(key) else { return nil }
        return Values.text(node, what: "`\(key)`", diagnostics: diagnostics)
    }

    /// A list of texts; a single text is taken as a list of one.
    func texts(_ key: String) -> [String]? {
        guard let node = value(key) else { return nil }
        if let items = node.sequence {
            return items.compactMap { Values.text($0, what: "an item of `\(key)`", diagnostics: diagnostics) }
        }
        return Values.text(node, what: "`\(key)`", diagnostics: diagnostics).map { [$0] }
    }

    func bool(_ key: String) -> Bool? {
        guard let node = value(key) else { return nil }
        return Values.bool(node, what: "`\(key)`", diagnostics: diagnostics)
    }

    func int(_ key: String, in range: ClosedRange<Int>) -> Int? {
        guard let node = value(key), let text = Values.text(node, what: "`\(key)`", diagnostics: diagnostics) else { return nil }
        guard let number = Int(ThaiFormatting.digits(text, .arabic)), range.contains(number) else {
            diagnostics.error(node.location, "`\(key)` must be a whole number from \(range.lowerBound) to \(range.upperBound), found `\(text)`")
            return nil
        }
        return number
    }

    func number(_ key: String, in range: ClosedRange<Double>) -> Double? {
        guard let node = value(key), let text = Values.text(node, what: "`\(key)`", diagnostics: diagnostics) else { return nil }
        guard let number = Double(ThaiFormatting.digits(text, .arabic)), range.contains(number) else {
            diagnostics.error(node.location, "`\(key)` must be a number from \(range.lowerBound.formatted) to \(range.upperBound.formatted), found `\(text)`")
            return nil
        }
        return number
    }

    func length(_ key: String) -> Double? {
        guard let node = value(key) else { return nil }
        return Values.length(node, what: "`\(key)`", diagnostics: diagnostics)
    }

    func color(_ key: String) -> Color? {
        guard let node = value(key) else { return nil }
        return Values.color(node, what: "`\(key)`", diagnostics: diagnostics)
    }

    func choice<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type) -> E? where E.RawValue == String {
        guard let node = value(key) else { return nil }
        return Values.choice(node, type, what: "`\(key)`", diagnostics: diagnostics)
    }
}

/// Conversions of single YAML values, each reporting a located error when the value does not fit.
enum Values {
    static func text(_ node: SyntaxNode, what: String, diagnostics: DiagnosticCollector) -> String? {
        if let text = node.scalar { return text }
        diagnostics.error(node.location, "\(what) must be a text, found \(node.kindName)",
                          hint: node.sequence != nil ? "write one text, or join the items into one" : nil)
        return nil
    }

    static func bool(_ node: SyntaxNode, what: String, diagnostics: DiagnosticCollector) -> Bool? {
        switch node.scalar?.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            diagnostics.error(node.location, "\(what) must be true or false, found \(node.scalar.map { "`\($0)`" } ?? node.kindName)")
            return nil
        }
    }

    /// Units a length may be written in, with their size in points.
    static let units: [String: Double] = ["pt": Units.pt, "cm": Units.cm, "mm": Units.mm, "in": Units.inch, "px": Units.px]

    /// Parses `2.5cm`, `10 mm`, `12pt`, `1in`; 0 needs no unit.
    static func parseLength(_ raw: String) -> Result<Double, ValueError> {
        let text = ThaiFormatting.digits(raw.trimmingCharacters(in: .whitespaces), .arabic)
        var numberEnd = text.startIndex
        while numberEnd < text.endIndex, "0123456789.-+".contains(text[numberEnd]) { numberEnd = text.index(after: numberEnd) }
        guard let value = Double(text[..<numberEnd]) else {
            return .failure(ValueError("`\(raw)` is not a length", hint: "write a number and a unit, like `2.5cm`, `10mm` or `12pt`"))
        }
        let unit = text[numberEnd...].trimmingCharacters(in: .whitespaces).lowercased()
        if unit.isEmpty {
            return value == 0 ? .success(0) : .failure(ValueError("`\(raw)` has no unit", hint: "write `\(raw)cm`, `\(raw)mm` or `\(raw)pt`"))
        }
        guard let factor = units[unit] else {
            let near = Suggestion.nearest(to: unit, in: Array(units.keys).sorted()).map { "did you mean `\($0)`? " } ?? ""
            return .failure(ValueError("unknown unit `\(unit)` in `\(raw)`", hint: "\(near)lengths take cm, mm, pt or in"))
        }
        guard value >= 0, value < 10_000 else {
            return .failure(ValueError("`\(raw)` is out of range", hint: "a length is from 0 to 10000 of its unit"))
        }
        return .success(value * factor)
    }

    static func length(_ node: SyntaxNode, what: String, diagnostics: DiagnosticCollector) -> Double? {
        guard let text = text(node, what: what, diagnostics: diagnostics) else { return nil }
        switch parseLength(text) {
        case let .success(points): return points
        case let .failure(error):
            diagnostics.error(node.location, "\(what): \(error.message)", hint: error.hint)
            return nil
        }
    }

    /// Four distances written as 1, 2 or 4 lengths, CSS order: `2pt`, `2pt 4pt`, `2.5cm 2cm 2cm 3cm`.
    static func insets(_ node: SyntaxNode, what: String, diagnostics: DiagnosticCollector) -> Insets? {
        guard let text = text(node, what: what, diagnostics: diagnostics) else { return nil }
        var values: [Double] = []
        for part in text.split(separator: " ") {
            switch parseLength(String(part)) {
            case let .success(points): values.append(points)
            case let .failure(error):
                diagnostics.error(node.location, "\(what): \(error.message)", hint: error.hint)
                return nil
            }
        }
        switch values.count {
        case 1: return Insets(all: values[0])
        case 2: return Insets(top: values[0], right: values[1], bottom: values[0], left: values[1])
        case 4: return Insets(top: values[0], right: values[1], bottom: values[2], left: values[3])
        default:
            diagnostics.error(node.location, "\(what) takes 1, 2 or 4 lengths (top right bottom left), found \(values.count)")
            return nil
        }
    }

    static let namedColors: [String: Color] = [
        "black": Color(red: 0, green: 0, blue: 0), "white": Color(red: 1, green: 1, blue: 1),
        "gray": Color(red: 0.5, green: 0.5, blue: 0.5), "grey": Color(red: 0.5, green: 0.5, blue: 0.5),
        "lightgray": Color(red: 0.85, green: 0.85, blue: 0.85), "lightgrey": Color(red: 0.85, green: 0.85, blue: 0.85),
        "red": Color(red: 0.8, green: 0, blue: 0), "blue": Color(red: 0, green: 0, blue: 0.8),
        "green": Color(red: 0, green: 0.5, blue: 0),
    ]

    static func color(_ node: SyntaxNode, what: String, diagnostics: DiagnosticCollector) -> Color? {
        guard let text = text(node, what: what, diagnostics: diagnostics) else { return nil }
        let lowered = text.lowercased().trimmingCharacters(in: .whitespaces)
        if let named = namedColors[lowered] { return named }
        var hex = lowered
        if hex.hasPrefix("#") { hex.removeFirst() }
        if hex.count == 3 { hex = hex.map { "\($0)\($0)" }.joined() }
        if hex.count == 6, let value = UInt32(hex, radix: 16) {
            return Color(red: Double(value >> 16 & 0xFF) / 255, green: Double(value >> 8 & 0xFF) / 255, blue: Double(value & 0xFF) / 255)
        }
        let near = Suggestion.nearest(to: lowered, in: Array(namedColors.keys).sorted()).map { "did you mean `\($0)`? " } ?? ""
        diagnostics.error(node.location, "\(what): `\(text)` is not a colour",
                          hint: "\(near)write `#RRGGBB` like `#D9D9D9`, or one of \(namedColors.keys.sorted().joined(separator: ", "))")
        return nil
    }

    static func choice<E: RawRepresentable & CaseIterable>(_ node: SyntaxNode, _ type: E.Type, what: String,
                                                           diagnostics: DiagnosticCollector) -> E? where E.RawValue == String {
        guard let text = text(node, what: what, diagnostics: diagnostics) else { return nil }
        if let value = E(rawValue: text.lowercased()) { return value }
        let names = E.allCases.map(\.rawValue)
        let near = Suggestion.nearest(to: text, in: names).map { "did you mean `\($0)`? " } ?? ""
        diagnostics.error(node.location, "\(what) cannot be `\(text)`", hint: "\(near)valid values: \(names.joined(separator: ", "))")
        return nil
    }
}

extension Double {
    /// The number without a trailing `.0`.
    var formatted: String { self == rounded() ? String(Int(self)) : String(self) }
}

/// Why a written value was refused, as a sentence for a diagnostic, and how to fix it.
struct ValueError: Error {
    let message: String
    let hint: String
    init(_ message: String, hint: String) {
        self.message = message
        self.hint = hint
    }
}
