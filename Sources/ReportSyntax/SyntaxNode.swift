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

/// Reads a description file into located nodes. Reports unreadable, non-UTF-8, empty and
/// malformed files with the line and column of the problem, and refuses files beyond the limits.
public enum YAMLLoader {
    /// Reads `path` and parses it; `displayName` is how messages name the file.
    public static func load(path: String, displayName: String? = nil, limits: InputLimits = .standard) throws -> SyntaxNode {
        let name = displayName ?? path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw DiagnosticList([Diagnostic(at: nil, "\(name) is a folder, not a description file", hint: "name the .yaml file")])
        }
        let tooLarge = DiagnosticList([Diagnostic(at: SourceLocation(file: name, line: 1, column: 1),
            "the description is larger than \(limits.maximumFileBytes / 1_000_000) MB",
            hint: "split it, or load large tables from a CSV file with `rows-from`")])
        // A regular file's size is known before reading; a pipe is read up to the limit.
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > limits.maximumFileBytes {
            throw tooLarge
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw DiagnosticList([Diagnostic(at: nil, exists ? "\(name) cannot be read" : "\(name) does not exist",
                                             hint: exists ? "check the file's permissions" : "check the path")])
        }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: limits.maximumFileBytes + 1)) ?? Data()
        if data.count > limits.maximumFileBytes { throw tooLarge }
        return try parse(data: data, file: name, limits: limits)
    }

    /// Parses description bytes (UTF-8) into located nodes.
    public static func parse(data: Data, file: String, limits: InputLimits = .standard) throws -> SyntaxNode {
        let text: String
        switch UTF8Text.decode(data, file: file,
                               hint: "save it as UTF-8; a file saved as TIS-620 or Windows-874 must be converted (iconv -f TIS-620 -t UTF-8)") {
        case let .success(decoded): text = decoded
        case let .failure(problem): throw DiagnosticList([problem])
        }
        if text.allSatisfy({ $0.isWhitespace }) {
            throw DiagnosticList([Diagnostic(at: SourceLocation(file: file, line: 1, column: 1),
                "the description is empty", hint: "start from an example in Templates/examples/")])
        }
        if let problem = tabIndentation(text, file: file) ?? YAMLBounds.check(text, file: file, limits: limits) {
            throw DiagnosticList([problem])
        }
        let root: Node?
        do {
            // The basic resolver: every scalar is read as text (the model reads numbers and dates
            // itself), so no scalar or mapping key is matched against the default tags' patterns.
            root = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            throw DiagnosticList([diagnostic(for: error, text: text, file: file)])
        }
        guard let root else {
            throw DiagnosticList([Diagnostic(at: SourceLocation(file: file, line: 1, column: 1),
                "the description holds only comments", hint: "add the report's keys")])
        }
        if let problem = QuotedEscapes.firstControlCharacter(in: root, text: text, file: file) { throw DiagnosticList([problem]) }
        var problems: [Diagnostic] = []
        let converted = convert(root, file: file, problems: &problems)
        if !problems.isEmpty { throw DiagnosticList(problems) }
        return converted
    }

    /// Located nodes for a Yams tree, aliases expanded (`YAMLBounds` has bounded the result) and
    /// merge keys (`<<: *name`) applied (`MergeKey`); a merge of something else is a problem.
    private static func convert(_ node: Node, file: String, problems: inout [Diagnostic]) -> SyntaxNode {
        let location = SourceLocation(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
        switch node {
        case let .scalar(scalar):
            if scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
                return SyntaxNode(.null, at: location)
            }
            return SyntaxNode(.scalar(scalar.string), at: location,
                              quoted: scalar.style == .singleQuoted || scalar.style == .doubleQuoted)
        case let .sequence(sequence):
            return SyntaxNode(.sequence(sequence.map { convert($0, file: file, problems: &problems) }), at: location)
        case let .mapping(mapping):
            let pairs = mapping.map { (key: convert($0.key, file: file, problems: &problems),
                                       value: convert($0.value, file: file, problems: &problems)) }
            return SyntaxNode(.mapping(MergeKey.apply(pairs, problems: &problems)), at: location)
        case let .alias(alias):
            return SyntaxNode(.scalar("*\(alias)"), at: location)
        }
    }

    /// The first line indented with a tab: libyaml reports these badly, far from the tab. Only the
    /// spaces that open a line are counted: before the tab there are only spaces, one column each.
    static func tabIndentation(_ text: String, file: String) -> Diagnostic? {
        var line = 1
        var column = 1
        var atLineStart = true
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\n") {
                line += 1; column = 1; atLineStart = true
            } else if atLineStart {
                if byte == UInt8(ascii: "\t") {
                    return Diagnostic(at: SourceLocation(file: file, line: line, column: column),
                                      "a tab is used for indentation", hint: "YAML indents with spaces only: replace the tab with spaces")
                }
                if byte == UInt8(ascii: " ") { column += 1 } else { atLineStart = false }
            }
        }
        return nil
    }

    private static func diagnostic(for error: YamlError, text: String, file: String) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: file, line: mark.line, column: mark.column) }
        func explained(_ problem: String, _ context: YamlError.Context?, at mark: Mark) -> Diagnostic {
            let words = problem + (context.map { " \($0.text)" } ?? "")
            if let plain = plainProblems.first(where: { words.contains($0.match) }) {
                // An unclosed bracket is reported where it opens, not at the end of the file.
                let place = plain.atOpening ? context?.mark ?? mark : mark
                return Diagnostic(at: at(place), plain.message, hint: plain.hint)
            }
            return Diagnostic(at: at(mark), "YAML syntax: \(problem)\(context.map { " \($0.text)" } ?? "")")
        }
        switch error {
        case let .scanner(context, problem, mark, _):
            if let escape = QuotedEscapes.unreadableEscape(problem, text: text, at: at(mark)) { return escape }
            if let context, context.text.contains("quoted scalar") {
                return Diagnostic(at: at(context.mark), "the quote that starts here is never closed",
                                  hint: "end the text with the same quote it starts with, \" or '")
            }
            return explained(problem, context, at: mark)
        case let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            return explained(problem, context, at: mark)
        case let .duplicatedKeysInMapping(duplicates, context):
            return Diagnostic(at: at(context.mark), "the key \(duplicates.map { "`\($0)`" }.joined(separator: ", ")) is given twice in one mapping",
                              hint: "keep one of them")
        default:
            return Diagnostic(at: SourceLocation(file: file, line: 1, column: 1), "YAML: \(error)")
        }
    }

    /// The libyaml problems people meet most, said plainly: words of libyaml's message and context,
    /// our message and hint, and whether to point at where the construct opens.
    private static let plainProblems: [(match: String, message: String, hint: String, atOpening: Bool)] = [
        ("did not find expected key", "this line is indented differently from the keys above it",
         "keys of one mapping start in the same column; a block's options line up with its first key", false),
        ("did not find expected '-'", "this line is indented differently from the list items above it",
         "items of one list start with `- ` in the same column; an item's options line up with its first key", false),
        ("mapping values are not allowed", "a `: ` where no key can start",
         "put a text that contains `: ` in quotes, or indent this line like the key above it", false),
        ("did not find expected ',' or ']'", "this `[` list is never closed", "end it with `]`; quote items that contain `,` `[` or `]`", true),
        ("did not find expected ',' or '}'", "this `{` mapping is never closed", "end it with `}`; quote values that contain `,` `{` or `}`", true),
        ("alias", "`*` starts an alias here, and no anchor `&` of that name comes before it",
         "put a text that starts with `*` in quotes: \"*ตัวเอน* ข้อความ\"", true),
        ("found character that cannot start any token", "a text starts with a character YAML reserves",
         "put a text that starts with @, `, | or % in quotes", false),
    ]
}
