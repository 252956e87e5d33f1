import Foundation

/// A place in a description file: 1-based line and column (columns count Unicode scalars).
public struct SourceLocation: Hashable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

/// One problem found in a description: where, what, and how to fix it.
public struct Diagnostic: Error, Hashable, CustomStringConvertible {
    /// Whether the problem stops the render or is only reported.
    public enum Severity: String, Hashable { case error, warning }

    public var severity: Severity
    public var location: SourceLocation?
    public var message: String
    /// A suggested fix ("did you mean …", the valid values, the expected form).
    public var hint: String?

    public init(_ severity: Severity = .error, at location: SourceLocation?, _ message: String, hint: String? = nil) {
        self.severity = severity
        self.location = location
        self.message = message
        self.hint = hint
    }

    /// `file:line:col: error: message (hint)`, the form compilers use so editors can jump to it;
    /// control characters are shown as `<U+001B>` (`ControlCharacters.printable`).
    public var description: String {
        var text = location.map { "\($0): " } ?? ""
        text += "\(severity.rawValue): \(message)"
        if let hint { text += " (\(hint))" }
        return ControlCharacters.printable(text)
    }
}

/// Every problem found in one run, in file order; thrown when any of them is an error.
public struct DiagnosticList: Error, CustomStringConvertible {
    public var items: [Diagnostic]
    public init(_ items: [Diagnostic]) { self.items = items }
    public var errors: [Diagnostic] { items.filter { $0.severity == .error } }
    public var description: String { items.map(\.description).joined(separator: "\n") }
}

/// Collects diagnostics while a description is checked, so that one run reports all of them.
public final class DiagnosticCollector {
    /// Each diagnostic with the place in the description that orders it.
    private var entries: [(diagnostic: Diagnostic, order: SourceLocation?)] = []
    public init() {}

    public var items: [Diagnostic] { entries.map(\.diagnostic) }

    public func error(_ location: SourceLocation?, _ message: String, hint: String? = nil) {
        add(Diagnostic(.error, at: location, message, hint: hint))
    }

    public func warning(_ location: SourceLocation?, _ message: String, hint: String? = nil) {
        add(Diagnostic(.warning, at: location, message, hint: hint))
    }

    /// Adds a diagnostic; one located in another file (a CSV file) is listed where `origin`, the place
    /// in the description that names that file, falls in file order.
    public func add(_ diagnostic: Diagnostic, from origin: SourceLocation? = nil) {
        entries.append((diagnostic, origin ?? diagnostic.location))
    }

    public var hasErrors: Bool { entries.contains { $0.diagnostic.severity == .error } }

    /// The diagnostics in file order (stable for equal positions; those without a place last).
    public var sorted: [Diagnostic] {
        entries.enumerated().sorted { a, b in
            switch (a.element.order, b.element.order) {
            case let (x?, y?) where x != y: return x < y
            case (nil, _?): return false
            case (_?, nil): return true
            default: return a.offset < b.offset
            }
        }.map(\.element.diagnostic)
    }
}

/// Suggestions for misspelt names: the closest candidate by edit distance.
public enum Suggestion {
    /// The candidate nearest to `word`, if it is close enough to be a likely typo.
    public static func nearest(to word: String, in candidates: [String]) -> String? {
        let lowered = word.lowercased()
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(lowered, candidate.lowercased())
            if best == nil || distance < best!.1 { best = (candidate, distance) }
        }
        guard let (candidate, distance) = best else { return nil }
        let limit = max(2, min(lowered.count, candidate.count) / 3)
        return distance <= limit ? candidate : nil
    }

    /// Levenshtein distance over Unicode scalars.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }
}

/// A count with its noun for messages: "1 field", "3 fields".
public func plural(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}
