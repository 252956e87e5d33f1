import Foundation
import ReportSyntax

/// Writes a fillable description for a template (`thaireport new`): every field with its comment,
/// filled with the template's example values so the result renders at once.
public struct DescriptionWriter {
    let template: ReportTemplate

    public init(template: ReportTemplate) {
        self.template = template
    }

    /// The description text for `variant` (default: the template's first variant).
    public func text(variant: String? = nil) -> String {
        var lines: [String] = []
        lines.append("# \(template.title)")
        if let summary = template.summary {
            lines += summary.split(separator: "\n", omittingEmptySubsequences: false).map { "# \($0)".trimmingTrailingSpaces }
        }
        lines.append("# Render with: thaireport render <this file>. Every field is explained in the comment above it;")
        lines.append("# optional fields say so and may be deleted.")
        lines.append("template: \(template.name)")
        let names = template.variantNames
        if !names.isEmpty {
            let chosen = variant ?? names[0]
            lines.append("# variant: how the report is printed. One of:")
            for name in names {
                lines.append("#   \(name)" + (template.variantComment(name).map { ": \($0)" } ?? ""))
            }
            lines.append("variant: \(chosen)")
        }
        let unused = Set(template.variants.first { $0.name == (variant ?? names.first) }?.unused.map { $0.joined(separator: ".") } ?? [])
        for field in template.fields.fields {
            write(field, path: field.name, indent: "", unused: unused, into: &lines)
        }
        lines += adaptationHint
        return lines.joined(separator: "\n") + "\n"
    }

    /// Commented lines naming the texts and tables a description may change (README, "Adapting a
    /// template"); nothing when the template has neither.
    private var adaptationHint: [String] {
        let tables = template.tableRows.keys.sorted()
        guard !template.textNames.isEmpty || !tables.isEmpty else { return [] }
        var lines = ["# To change the template's fixed texts or its tables' columns without copying it, uncomment and edit:"]
        if !template.textNames.isEmpty {
            lines.append("# texts:                 # " + template.textNames.joined(separator: ", "))
            lines.append("#   \(template.textNames[0]): ข้อความที่ใช้แทน")
        }
        if !tables.isEmpty {
            lines.append("# tables:                # " + tables.joined(separator: ", ") + " (column keys: see the README)")
            lines.append("#   \(tables[0]):")
            lines.append("#     columns: {KEY: {header: หัวตารางใหม่, width: 3cm, hide: false}}")
            if template.tableRows[tables[0]] ?? nil != nil {
                lines.append("#     add: [{key: FIELD, header: หัวตาราง, after: KEY}]   # each row's FIELD fills it")
            }
        }
        return lines
    }

    private func comment(_ field: FieldSpec) -> [String] {
        var text = field.comment ?? field.name
        if !field.required { text += " (optional)" }
        if field.kind == .choice { text += " One of: " + field.valueList.replacingOccurrences(of: "`", with: "") + "." }
        return text.split(separator: "\n").map { "# \($0)" }
    }

    /// Writes `field` as `key: value` (or a nested block) with its comment above.
    private func write(_ field: FieldSpec, path: String, indent: String, unused: Set<String>, into lines: inout [String]) {
        if unused.contains(path) { return }
        lines += comment(field).map { indent + $0 }
        if let example = field.example ?? field.defaultValue {
            lines += YAMLText.lines(key: field.name, example, indent: indent)
            return
        }
        switch field.kind {
        case .record:
            lines.append("\(indent)\(field.name):")
            for child in field.fields { write(child, path: "\(path).\(child.name)", indent: indent + "  ", unused: unused, into: &lines) }
        case .list where field.itemSpec?.kind == .record:
            lines.append("\(indent)\(field.name):")
            var itemLines: [String] = []
            for child in field.itemSpec?.fields ?? [] {
                write(child, path: "\(path).\(child.name)", indent: indent + "    ", unused: unused, into: &itemLines)
            }
            if let firstKey = itemLines.firstIndex(where: { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }) {
                itemLines[firstKey] = indent + "  - " + itemLines[firstKey].dropFirst(indent.count + 4)
                // Comments above the first key move above the dash.
                let leading = itemLines[..<firstKey].map { indent + "  " + $0.dropFirst(indent.count + 4) }
                lines += leading + itemLines[firstKey...]
            }
        default:
            // An optional field with no example stays commented out: the template's default applies.
            lines.append("\(indent)\(field.required ? "" : "# ")\(field.name): " + placeholder(field))
        }
    }

    private func placeholder(_ field: FieldSpec) -> String {
        switch field.kind {
        case .number, .integer: return "0"
        case .year: return "2568"
        case .date: return "2025-01-31"
        case .bool: return "false"
        case .choice: return field.values.first ?? "\"\""
        case .list, .blocks, .paragraphs: return "[]"
        default: return "\"\""
        }
    }
}

/// Writes located nodes back as block-style YAML, quoting texts only where YAML needs it.
public enum YAMLText {
    /// A whole description: the top-level mapping's pairs at the left margin.
    public static func document(_ node: SyntaxNode) -> String {
        guard let pairs = node.mapping else { return item(node: node, indent: "").joined(separator: "\n") + "\n" }
        return pairs.flatMap { lines(key: $0.key.scalar ?? "", $0.value, indent: "") }.joined(separator: "\n") + "\n"
    }

    static func lines(key: String, _ node: SyntaxNode, indent: String) -> [String] {
        let key = quoted(key)
        switch node.value {
        case .null: return ["\(indent)\(key):"]
        case let .scalar(text): return scalarLines(prefix: "\(indent)\(key): ", text, indent: indent + "  ")
        case let .sequence(items):
            if items.isEmpty { return ["\(indent)\(key): []"] }
            return ["\(indent)\(key):"] + items.flatMap { item(node: $0, indent: indent + "  ") }
        case let .mapping(pairs):
            if pairs.isEmpty { return ["\(indent)\(key): {}"] }
            return ["\(indent)\(key):"] + pairs.flatMap { lines(key: $0.key.scalar ?? "", $0.value, indent: indent + "  ") }
        }
    }

    /// One list item: `- value`, or `- key: …` continuing at the item's indentation.
    static func item(node: SyntaxNode, indent: String) -> [String] {
        switch node.value {
        case .null: return ["\(indent)- ~"]
        case let .scalar(text): return scalarLines(prefix: "\(indent)- ", text, indent: indent + "  ")
        case let .sequence(items):
            if items.isEmpty { return ["\(indent)- []"] }
            return ["\(indent)-"] + items.flatMap { item(node: $0, indent: indent + "  ") }
        case let .mapping(pairs):
            guard !pairs.isEmpty else { return ["\(indent)- {}"] }
            var result = pairs.flatMap { lines(key: $0.key.scalar ?? "", $0.value, indent: indent + "  ") }
            result[0] = indent + "- " + result[0].dropFirst(indent.count + 2)
            return result
        }
    }

    /// A text of several lines as a literal block (`|-`) when it reads back the same that way:
    /// no line starts or ends with white space, no control characters, no final line break.
    private static func scalarLines(prefix: String, _ text: String, indent: String) -> [String] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let literal = lines.count > 1 && !text.hasSuffix("\n") && !(lines.first?.isEmpty ?? true)
            && lines.allSatisfy { $0.first?.isWhitespace != true && $0.last?.isWhitespace != true }
            && !text.unicodeScalars.contains { $0 != "\n" && $0.properties.generalCategory == .control }
        if literal { return [prefix + "|-"] + lines.map { $0.isEmpty ? "" : indent + $0 } }
        return [prefix + quoted(text)]
    }

    /// The text as a YAML scalar: plain when that reads back the same, double-quoted otherwise.
    static func quoted(_ text: String) -> String {
        let special: Set<Character> = ["-", "?", ":", ",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`"]
        let hasControl = text.unicodeScalars.contains { $0.properties.generalCategory == .control }
        let needsQuotes = text.isEmpty || hasControl || text.first.map { special.contains($0) || $0.isWhitespace } == true
            || text.last?.isWhitespace == true || text.contains(": ") || text.contains(" #") || text.hasSuffix(":")
            || ["true", "false", "yes", "no", "null", "~", "on", "off"].contains(text.lowercased())
        guard needsQuotes else { return text }
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            case "\t": escaped += "\\t"
            case "\r": escaped += "\\r"
            default:
                if scalar.properties.generalCategory == .control {
                    escaped += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return "\"\(escaped)\""
    }
}

private extension String {
    var trimmingTrailingSpaces: String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
