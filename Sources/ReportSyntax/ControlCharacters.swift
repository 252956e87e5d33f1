import Foundation
import Yams

/// Control characters: refused wherever text enters (a description, a CSV file, a `"\e"` escape), at
/// the place of the character, and never printed raw (an ESC in a message would recolour the
/// terminal; a right-to-left override would reorder the line).
public enum ControlCharacters {
    /// C0 controls other than tab, line feed and carriage return, DEL, and the C1 controls: what
    /// no printed text holds (NUL silently cut the text it was in).
    public static func isRefused(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        default: return false
        }
    }

    /// Characters a terminal acts on instead of showing: the refused controls, line feed aside,
    /// and the bidirectional formatting characters.
    static func isUnsafeOnTerminal(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A: return false
        case 0x00...0x1F, 0x7F...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// `U+001B (escape)`: a control character named for a message.
    public static func name(_ scalar: Unicode.Scalar) -> String {
        let names: [UInt32: String] = [0x00: "NUL", 0x07: "bell", 0x08: "backspace", 0x0B: "vertical tab", 0x0C: "form feed",
                                       0x1B: "escape", 0x7F: "delete", 0x85: "next line"]
        let code = String(format: "U+%04X", scalar.value)
        return names[scalar.value].map { "\(code) (\($0))" } ?? code
    }

    /// `text` with every character a terminal would act on written as `<U+001B>`: what every
    /// message goes through before it is printed.
    public static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafeOnTerminal) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isUnsafeOnTerminal(scalar) {
                result.append(contentsOf: String(format: "<U+%04X>", scalar.value).unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// An error at the first refused control character of a file's text, or at the first mark
    /// beyond `CombiningMarks.limit` on one letter, if any.
    static func firstRefused(in text: String, file: String) -> Diagnostic? {
        var line = 1, column = 1
        var marks = CombiningMarks()
        for scalar in text.unicodeScalars {
            if isRefused(scalar) {
                return Diagnostic(at: SourceLocation(file: file, line: line, column: column),
                                  "the file has the control character \(name(scalar)) here, which cannot be printed",
                                  hint: "delete it; it often comes with text copied from another program")
            }
            if marks.exceedsLimit(adding: scalar) {
                return CombiningMarks.diagnostic(at: SourceLocation(file: file, line: line, column: column))
            }
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return nil
    }
}

/// Combining marks carried by one letter: no script writes more than a few, and shaping a letter
/// costs time that grows with the square of its marks (HarfBuzz shapes the letter as one cluster),
/// so more than `limit` in a row, the bound of Unicode's stream-safe text format (UAX #15), is an
/// error at the first extra mark rather than a render that takes minutes.
struct CombiningMarks {
    /// Marks one letter may carry.
    static let limit = 30
    private var inRow = 0

    /// Counts `scalar`; true when it is a mark beyond the limit on the current letter.
    mutating func exceedsLimit(adding scalar: Unicode.Scalar) -> Bool {
        guard scalar.value >= 0x300 else { inRow = 0; return false }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: inRow += 1
        default: inRow = 0
        }
        return inRow > Self.limit
    }

    /// Whether `text` has a letter with more marks than the limit.
    static func exceedLimit(in text: String) -> Bool {
        var marks = CombiningMarks()
        return text.unicodeScalars.contains { marks.exceedsLimit(adding: $0) }
    }

    /// The error at the first mark beyond the limit.
    static func diagnostic(at location: SourceLocation) -> Diagnostic {
        Diagnostic(at: location, "a letter here carries more than \(limit) combining marks (vowel or tone marks), which no text needs",
                   hint: "delete the repeated marks; they often come from a key held down or text copied from another program")
    }
}

/// The escapes of double-quoted YAML texts (`"\e"`, `"\x00"`, `"\ud800"`), checked at the escape.
enum QuotedEscapes {
    /// An error at the first escape, in a double-quoted text of the tree, that makes a refused
    /// control character, or at a double-quoted text whose escapes give a letter too many marks.
    static func firstControlCharacter(in root: Node, text: String, file: String) -> Diagnostic? {
        var stack = [root]
        var lines: [String.UnicodeScalarView.SubSequence]?
        while let node = stack.popLast() {
            switch node {
            case let .scalar(scalar):
                guard scalar.style == .doubleQuoted, let mark = scalar.mark else { continue }
                if CombiningMarks.exceedLimit(in: scalar.string) {
                    return CombiningMarks.diagnostic(at: SourceLocation(file: file, line: mark.line, column: mark.column))
                }
                guard scalar.string.unicodeScalars.contains(where: ControlCharacters.isRefused) else { continue }
                if lines == nil { lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) }
                return locateControlEscape(lines: lines!, line: mark.line, column: mark.column, file: file)
            case let .sequence(sequence): stack.append(contentsOf: sequence.reversed())
            case let .mapping(mapping): for pair in mapping.reversed() { stack.append(pair.value); stack.append(pair.key) }
            case .alias: continue
            }
        }
        return nil
    }

    /// Walks the quoted text that opens at `line`:`column` to the escape that makes a refused character.
    private static func locateControlEscape(lines: [String.UnicodeScalarView.SubSequence], line: Int, column: Int,
                                            file: String) -> Diagnostic? {
        var row = line - 1
        var characters = Array(lines[row])
        var index = column  // just after the opening quote
        while row < lines.count {
            guard index < characters.count else {
                row += 1
                guard row < lines.count else { break }
                characters = Array(lines[row]); index = 0
                continue
            }
            if characters[index] == "\"" { break }
            guard characters[index] == "\\", index + 1 < characters.count else { index += 1; continue }
            let escape = escapeText(characters, at: index)
            if let value = escapedScalar(escape), ControlCharacters.isRefused(value) {
                return Diagnostic(at: SourceLocation(file: file, line: row + 1, column: index + 1),
                                  "`\(escape)` makes the control character \(ControlCharacters.name(value)), which cannot be printed",
                                  hint: "delete it; a line break is written `\\n`")
            }
            index += escape.unicodeScalars.count
        }
        return nil
    }

    /// The escape that starts at `index` (a backslash), as written: `\e`, `\x1B`, `\u001b`, `\U0000001B`.
    static func escapeText(_ characters: [Unicode.Scalar], at index: Int) -> String {
        let letter = index + 1 < characters.count ? characters[index + 1] : "\\"
        let digits = ["x": 2, "u": 4, "U": 8][Character(letter)] ?? 0
        let end = min(characters.count, index + 2 + digits)
        return String(String.UnicodeScalarView(characters[index..<end]))
    }

    /// The character an escape stands for, if it is a valid one.
    private static func escapedScalar(_ escape: String) -> Unicode.Scalar? {
        let letter = escape.dropFirst().first
        let named: [Character: UInt32] = ["0": 0, "a": 7, "b": 8, "t": 9, "n": 10, "v": 11, "f": 12, "r": 13, "e": 27, "N": 0x85]
        if let letter, let value = named[letter] { return Unicode.Scalar(value) }
        guard let letter, "xuU".contains(letter), let value = UInt32(escape.dropFirst(2), radix: 16) else { return nil }
        return Unicode.Scalar(value)
    }

    /// What is wrong with the escape at `location`, which libyaml could not read (`problem` is
    /// libyaml's words for it), or nil when the problem is not an escape.
    static func unreadableEscape(_ problem: String, text: String, at location: SourceLocation) -> Diagnostic? {
        guard problem.contains("escape") || problem.contains("hexdecimal") else { return nil }
        let lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
        guard location.line - 1 < lines.count else { return nil }
        let characters = Array(lines[location.line - 1])
        guard let start = (0..<min(characters.count, location.column)).last(where: { characters[$0] == "\\" }) else { return nil }
        let escape = escapeText(characters, at: start)
        let place = SourceLocation(file: location.file, line: location.line, column: start + 1)
        let literally = "or write the text in single quotes, where \\ is an ordinary character"
        if problem.contains("invalid Unicode") {
            return Diagnostic(at: place, "`\(escape)` is not a character: \(surrogateOrRange(escape))",
                              hint: "write the character itself, or its code point as one escape: \\U0001F600 for 😀")
        }
        if problem.contains("hexdecimal") {
            return Diagnostic(at: place, "`\(escape)` is not a complete escape: `\\\(escape.dropFirst().prefix(1))` takes \(["x": 2, "u": 4, "U": 8][escape.dropFirst().first ?? "x"] ?? 2) hexadecimal digits",
                              hint: "give all its digits, \(literally)")
        }
        return Diagnostic(at: place, "`\(escape.prefix(2))` is not an escape YAML knows", hint: "write a backslash as `\\\\`, \(literally)")
    }

    private static func surrogateOrRange(_ escape: String) -> String {
        guard let value = UInt32(escape.dropFirst(2), radix: 16), (0xD800...0xDFFF).contains(value) else {
            return "Unicode ends at 10FFFF"
        }
        return "D800 to DFFF are halves of a UTF-16 pair, which YAML does not join"
    }
}
