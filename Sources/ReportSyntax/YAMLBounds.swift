// libyaml's C interface comes with Yams (its CYaml module); Yams uses it the same way.
import CYaml

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
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer -> Diagnostic? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            return walk(&parser, file: file, limits: limits)
        }
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

    private static func walk(_ parser: inout yaml_parser_t, file: String, limits: InputLimits) -> Diagnostic? {
        var anchorSizes: [String: Size] = [:]
        var open: [OpenCollection] = []
        var total = 0
        var aliasesSeen = false
        // What aliases repeat, all together.
        var aliased = Size(values: 0, textBytes: 0)
        var event = yaml_event_t()
        while yaml_parser_parse(&parser, &event) == 1 {
            defer { yaml_event_delete(&event) }
            let location = SourceLocation(file: file, line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
            // The expanded size of a value that is complete with this event, and the anchor it defines.
            var completed: (size: Size, anchor: String?)?
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return nil
            case YAML_SCALAR_EVENT:
                completed = (Size(values: 1, textBytes: Int(event.data.scalar.length)), name(event.data.scalar.anchor))
            case YAML_ALIAS_EVENT:
                aliasesSeen = true
                let size = name(event.data.alias.anchor).flatMap { anchorSizes[$0] } ?? Size(values: 1, textBytes: 0)
                aliased += size
                if aliased.values > limits.maximumAliasedValues || aliased.textBytes > limits.maximumAliasedTextBytes {
                    let repeated = aliased.values > limits.maximumAliasedValues
                        ? "more than \(limits.maximumAliasedValues) values" : "more than \(limits.maximumAliasedTextBytes / 1000) KB of text"
                    return Diagnostic(at: location, "aliases repeat \(repeated) in all, with this one",
                                      hint: "each alias (`*name`) repeats all that its anchor (`&name`) holds; write the items out, or use fewer aliases")
                }
                completed = (size, nil)
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                let anchor = event.type == YAML_SEQUENCE_START_EVENT ? event.data.sequence_start.anchor : event.data.mapping_start.anchor
                open.append(OpenCollection(anchor: name(anchor)))
                if open.count > limits.maximumDepth {
                    return Diagnostic(at: location, "lists and mappings are nested more than \(limits.maximumDepth) deep",
                                      hint: "flatten the structure")
                }
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                if let collection = open.popLast() { completed = (collection.size, collection.anchor) }
            default:
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
        // libyaml stops at its own nesting limit while scanning ahead through flow brackets.
        if let problem = parser.problem, String(cString: problem).contains("nesting level") {
            let mark = parser.problem_mark
            return Diagnostic(at: SourceLocation(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1),
                              "lists and mappings are nested more than \(limits.maximumDepth) deep", hint: "flatten the structure")
        }
        return nil
    }

    private static func name(_ anchor: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        anchor.map { String(cString: $0) }
    }
}
