import LibYAML

/// Measures a description from libyaml's event stream, before any tree is built, and refuses one
/// that would nest too deep or grow too large once aliases are expanded.
///
/// This has to happen before Yams composes the text: Yams hashes and compares mapping keys to find
/// duplicates, which walks an aliased key in full, so a "billion laughs" file with aliases as keys
/// would hang inside Yams. Here each anchor's expanded size is counted once and reused for its
/// aliases, so the walk takes time proportional to the text.
enum YAMLBounds {
    /// The first limit the text breaks, or nil. Syntax errors are left to the parser that follows.
    static func check(_ text: String, file: String, limits: InputLimits) -> Diagnostic? {
        walk(YAMLEventReader(text: text), file: file, limits: limits)
    }

    /// An open list or mapping: its expanded size so far and the anchor it defines.
    private struct OpenCollection {
        var size = Size(values: 1, textBytes: 0)
        var anchor: String?
    }

    /// How much a value holds once aliases are expanded: values, and bytes of text.
    private struct Size {
        var values: Int
        var textBytes: Int

        static func += (total: inout Size, more: Size) {
            total.values += more.values
            total.textBytes += more.textBytes
        }
    }

    private static func walk(_ events: YAMLEventReader, file: String, limits: InputLimits) -> Diagnostic? {
        var anchorSizes: [String: Size] = [:]
        var open: [OpenCollection] = []
        var total = 0
        var aliasesSeen = false
        // What aliases repeat, all together.
        var aliased = Size(values: 0, textBytes: 0)
        let place = { (mark: YAMLMark) in SourceLocation(file: file, line: mark.line, column: mark.column) }
        while let event = events.next() {
            // The expanded size of a value that is complete with this event, and the anchor it defines.
            var completed: (size: Size, anchor: String?)?
            var location = SourceLocation(file: file, line: 1, column: 1)
            switch event {
            case .streamEnd:
                return nil
            case let .scalar(anchor, length, at):
                location = place(at)
                completed = (Size(values: 1, textBytes: length), anchor)
            case let .alias(anchor, at):
                location = place(at)
                aliasesSeen = true
                let size = anchor.flatMap { anchorSizes[$0] } ?? Size(values: 1, textBytes: 0)
                aliased += size
                if aliased.values > limits.maximumAliasedValues || aliased.textBytes > limits.maximumAliasedTextBytes {
                    let repeated = aliased.values > limits.maximumAliasedValues
                        ? "more than \(limits.maximumAliasedValues) values" : "more than \(limits.maximumAliasedTextBytes / 1000) KB of text"
                    return Diagnostic(at: location, "aliases repeat \(repeated) in all, with this one",
                                      hint: "each alias (`*name`) repeats all that its anchor (`&name`) holds; write the items out, or use fewer aliases")
                }
                completed = (size, nil)
            case let .collectionStart(anchor, at):
                open.append(OpenCollection(anchor: anchor))
                if open.count > limits.maximumDepth {
                    return Diagnostic(at: place(at), "lists and mappings are nested more than \(limits.maximumDepth) deep",
                                      hint: "flatten the structure")
                }
            case let .collectionEnd(at):
                location = place(at)
                if let collection = open.popLast() { completed = (collection.size, collection.anchor) }
            case .other:
                break
            }
            guard let (size, anchor) = completed else { continue }
            if let anchor { anchorSizes[anchor] = size }
            if open.isEmpty { total += size.values } else { open[open.count - 1].size += size }
            if total + open.reduce(0, { $0 + $1.size.values }) > limits.maximumNodes {
                return Diagnostic(at: location, "the description \(aliasesSeen ? "expands to" : "holds") more than \(limits.maximumNodes) values",
                                  hint: aliasesSeen ? "each alias (`*name`) repeats all that its anchor (`&name`) holds; use fewer nested aliases"
                                                    : "load large tables from a CSV file with `rows-from`")
            }
        }
        if let mark = events.nestingProblem {
            return Diagnostic(at: place(mark), "lists and mappings are nested more than \(limits.maximumDepth) deep", hint: "flatten the structure")
        }
        return nil
    }
}
