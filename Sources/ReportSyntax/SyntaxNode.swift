import Foundation
import Yams

/// A YAML value with the place it was written, so every later check can point at the input.
/// Scalars stay text: the model decides whether `2566` is a number or a name.
public struct SyntaxNode {
    /// The kinds of YAML value.
    public enum Value {
        case scalar(String)
        case null
        case sequence([SyntaxNode])
        case mapping([(key: SyntaxNode, value: SyntaxNode)])
    }

    public var value: Value
    public var location: SourceLocation
    /// Whether a scalar was written in quotes, so its text starts one column after `location`.
    public var isQuoted: Bool

    public init(_ value: Value, at location: SourceLocation, quoted: Bool = false) {
        self.value = value
        self.location = location
        self.isQuoted = quoted
    }

    /// A word for the node's kind, for messages ("a text", "a list", "a mapping").
    public var kindName: String {
        switch value {
        case .scalar: return "a text"
        case .null: return "nothing"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }

    /// Whether the node is an empty value (`~`, `null` or nothing after the colon).
    public var isNull: Bool {
        if case .null = value { return true }
        return false
    }

    public var scalar: String? {
        if case let .scalar(text) = value { return text }
        return nil
    }

    public var sequence: [SyntaxNode]? {
        if case let .sequence(items) = value { return items }
        return nil
    }

    public var mapping: [(key: SyntaxNode, value: SyntaxNode)]? {
        if case let .mapping(pairs) = value { return pairs }
        return nil
    }

}

/// Limits that keep a hostile or broken description from exhausting the machine.
public struct InputLimits {
    /// Largest description file accepted, in bytes.
    public var maximumFileBytes = 20_000_000
    /// Most YAML nodes after aliases are expanded (stops "billion laughs" files).
    public var maximumNodes = 1_000_000
    /// Deepest nesting of lists and mappings.
    public var maximumDepth = 64

    public init() {}
    public static let standard = InputLimits()
}

/// Reads a description file into located nodes. Reports unreadable, non-UTF-8, empty and
/// malformed files with the line and column of the problem.
public enum YAMLLoader {
    /// Reads `path` and parses it; `displayName` is how messages name the file.
    public static func load(path: String, displayName: String? = nil, limits: InputLimits = .standard) throws -> SyntaxNode {
        let name = displayName ?? path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw DiagnosticList([Diagnostic(at: nil, "\(name) is a folder, not a description file", hint: "name the .yaml file")])
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw DiagnosticList([Diagnostic(at: nil, exists ? "\(name) cannot be read" : "\(name) does not exist",
                                             hint: exists ? "check the file's permissions" : "check the path")])
        }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: limits.maximumFileBytes + 1)) ?? Data()
        if data.count > limits.maximumFileBytes {
            throw DiagnosticList([Diagnostic(at: SourceLocation(file: name, line: 1, column: 1),
                "the description is larger than \(limits.maximumFileBytes / 1_000_000) MB",
                hint: "split it, or load large tables from a CSV file with `rows-from`")])
        }
        return try parse(data: data, file: name, limits: limits)
    }

    /// Parses description bytes (UTF-8) into located nodes.
    public static func parse(data: Data, file: String, limits: InputLimits = .standard) throws -> SyntaxNode {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw DiagnosticList([invalidUTF8(bytes, file: file)])
        }
        if text.allSatisfy({ $0.isWhitespace }) {
            throw DiagnosticList([Diagnostic(at: SourceLocation(file: file, line: 1, column: 1),
                "the description is empty", hint: "start from an example in Templates/examples/")])
        }
        if let problem = prescan(text, file: file, limits: limits) { throw DiagnosticList([problem]) }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw DiagnosticList([diagnostic(for: error, file: file)])
        }
        guard let root else {
            throw DiagnosticList([Diagnostic(at: SourceLocation(file: file, line: 1, column: 1),
                "the description holds only comments", hint: "add the report's keys")])
        }
        var budget = limits.maximumNodes
        return try convert(root, file: file, depth: 0, budget: &budget, limits: limits)
    }

    private static func convert(_ node: Node, file: String, depth: Int, budget: inout Int, limits: InputLimits) throws -> SyntaxNode {
        let location = SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
        budget -= 1
        if budget < 0 {
            throw DiagnosticList([Diagnostic(at: location,
                "the description expands to more than \(limits.maximumNodes) values (aliases repeated inside aliases?)",
                hint: "write the values out or use fewer nested aliases")])
        }
        if depth > limits.maximumDepth {
            throw DiagnosticList([Diagnostic(at: location, "lists and mappings are nested more than \(limits.maximumDepth) deep",
                                             hint: "flatten the structure")])
        }
        switch node {
        case let .scalar(scalar):
            if scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
                return SyntaxNode(.null, at: location)
            }
            return SyntaxNode(.scalar(scalar.string), at: location,
                              quoted: scalar.style == .singleQuoted || scalar.style == .doubleQuoted)
        case let .sequence(sequence):
            var items: [SyntaxNode] = []
            for item in sequence { items.append(try convert(item, file: file, depth: depth + 1, budget: &budget, limits: limits)) }
            return SyntaxNode(.sequence(items), at: location)
        case let .mapping(mapping):
            var pairs: [(key: SyntaxNode, value: SyntaxNode)] = []
            for (key, value) in mapping {
                pairs.append((try convert(key, file: file, depth: depth + 1, budget: &budget, limits: limits),
                              try convert(value, file: file, depth: depth + 1, budget: &budget, limits: limits)))
            }
            return SyntaxNode(.mapping(pairs), at: location)
        case let .alias(alias):
            return SyntaxNode(.scalar("*\(alias)"), at: location)
        }
    }

    /// Finds problems that libyaml reports badly or that could exhaust the parser: tab indentation
    /// and flow brackets nested too deep.
    static func prescan(_ text: String, file: String, limits: InputLimits) -> Diagnostic? {
        var line = 1
        var column = 1
        var atLineStart = true
        var flowDepth = 0
        var quote: Character?
        var comment = false
        for character in text {
            if character == "\n" || character == "\r\n" {
                line += 1; column = 1; atLineStart = true; comment = false
                if quote == "'" || quote == "\"" { /* multi-line quoted scalar: keep the quote open */ }
                continue
            }
            if atLineStart {
                if character == "\t" {
                    return Diagnostic(at: SourceLocation(file: file, line: line, column: column),
                                      "a tab is used for indentation", hint: "YAML indents with spaces only: replace the tab with spaces")
                }
                if character != " " { atLineStart = false }
            }
            if !comment {
                if let open = quote {
                    if character == open { quote = nil }
                } else if character == "\"" || character == "'" {
                    quote = character
                } else if character == "#" {
                    comment = true
                } else if character == "[" || character == "{" {
                    flowDepth += 1
                    if flowDepth > limits.maximumDepth {
                        return Diagnostic(at: SourceLocation(file: file, line: line, column: column),
                                          "brackets are nested more than \(limits.maximumDepth) deep", hint: "flatten the structure")
                    }
                } else if character == "]" || character == "}" {
                    flowDepth = max(0, flowDepth - 1)
                }
            }
            column += character.unicodeScalars.count
        }
        return nil
    }

    private static func invalidUTF8(_ bytes: [UInt8], file: String) -> Diagnostic {
        // Find the first byte that does not start a valid UTF-8 sequence, and its line and column.
        var line = 1, column = 1, index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let length = byte < 0x80 ? 1 : byte >> 5 == 0b110 ? 2 : byte >> 4 == 0b1110 ? 3 : byte >> 3 == 0b11110 ? 4 : 0
            let end = index + length
            if length == 0 || end > bytes.count || String(validating: bytes[index..<end], as: UTF8.self) == nil {
                break
            }
            if byte == 0x0A { line += 1; column = 1 } else { column += 1 }
            index = end
        }
        let shown = index < bytes.count ? String(format: "0x%02X", bytes[index]) : "end of file"
        return Diagnostic(at: SourceLocation(file: file, line: line, column: column),
                          "the file is not UTF-8 text (byte \(shown))",
                          hint: "save it as UTF-8; a file saved as TIS-620 or Windows-874 must be converted (iconv -f TIS-620 -t UTF-8)")
    }

    private static func diagnostic(for error: YamlError, file: String) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: file, line: mark.line, column: mark.column) }
        switch error {
        case let .scanner(context, problem, mark, _):
            if let context, context.text.contains("quoted scalar") {
                return Diagnostic(at: at(context.mark), "the quote that starts here is never closed",
                                  hint: "end the text with the same quote it starts with (\" or ')")
            }
            return Diagnostic(at: at(mark), "YAML syntax: \(problem)\(context.map { " \($0.text)" } ?? "")", hint: hint(for: problem))
        case let .parser(context, problem, mark, _):
            return Diagnostic(at: at(mark), "YAML syntax: \(problem)\(context.map { " \($0.text)" } ?? "")", hint: hint(for: problem))
        case let .composer(context, problem, mark, _):
            return Diagnostic(at: at(mark), "YAML: \(problem)\(context.map { " \($0.text)" } ?? "")", hint: hint(for: problem))
        case let .duplicatedKeysInMapping(duplicates, context):
            return Diagnostic(at: at(context.mark), "the key \(duplicates.map { "`\($0)`" }.joined(separator: ", ")) is given twice in one mapping",
                              hint: "keep one of them")
        case let .reader(problem, _, _, _):
            return Diagnostic(at: SourceLocation(file: file, line: 1, column: 1), "YAML: \(problem)")
        default:
            return Diagnostic(at: SourceLocation(file: file, line: 1, column: 1), "YAML: \(error)")
        }
    }

    private static func hint(for problem: String) -> String? {
        if problem.contains("mapping values are not allowed") {
            return "a `: ` inside a text needs the text in quotes, or the indentation is wrong"
        }
        if problem.contains("did not find expected key") || problem.contains("did not find expected '-'") {
            return "check the indentation: items of one list or mapping start in the same column"
        }
        if problem.contains("found character that cannot start any token") {
            return "quote texts that start with @, `, | or %"
        }
        return nil
    }
}
