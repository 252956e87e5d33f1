// libyaml's C interface comes with Yams (its CYaml module); this is the one place it is used.
import CYaml

/// A place in the text: 1-based line and column.
public struct YAMLMark: Equatable {
    public var line: Int
    public var column: Int
}

/// One event of libyaml's event stream, as plain Swift values.
public enum YAMLEvent: Equatable {
    case scalar(anchor: String?, length: Int, at: YAMLMark)
    case alias(anchor: String?, at: YAMLMark)
    case collectionStart(anchor: String?, at: YAMLMark)
    case collectionEnd(at: YAMLMark)
    case streamEnd
    /// Stream, document and other events a reader of values can pass over.
    case other
}

/// Reads a text's YAML events with libyaml, without building a tree. Owns the `yaml_parser_t` and a
/// copy of the text, and frees the parser in `deinit`.
public final class YAMLEventReader {
    private var parser = yaml_parser_t()
    private let bytes: UnsafeMutableBufferPointer<UInt8>
    private let ready: Bool

    public init(text: String) {
        let utf8 = Array(text.utf8)
        bytes = .allocate(capacity: max(1, utf8.count))
        _ = bytes.initialize(from: utf8)
        ready = yaml_parser_initialize(&parser) == 1
        if ready { yaml_parser_set_input_string(&parser, bytes.baseAddress, utf8.count) }
    }

    deinit {
        if ready { yaml_parser_delete(&parser) }
        bytes.deallocate()
    }

    /// The next event, or nil at a syntax error (or when libyaml could not start).
    public func next() -> YAMLEvent? {
        guard ready else { return nil }
        var event = yaml_event_t()
        guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
        defer { yaml_event_delete(&event) }
        let at = YAMLMark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
        switch event.type {
        case YAML_STREAM_END_EVENT: return .streamEnd
        case YAML_SCALAR_EVENT: return .scalar(anchor: Self.name(event.data.scalar.anchor), length: Int(event.data.scalar.length), at: at)
        case YAML_ALIAS_EVENT: return .alias(anchor: Self.name(event.data.alias.anchor), at: at)
        case YAML_SEQUENCE_START_EVENT: return .collectionStart(anchor: Self.name(event.data.sequence_start.anchor), at: at)
        case YAML_MAPPING_START_EVENT: return .collectionStart(anchor: Self.name(event.data.mapping_start.anchor), at: at)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT: return .collectionEnd(at: at)
        default: return .other
        }
    }

    /// Where libyaml stopped at its own nesting limit (it scans ahead through flow brackets), if it did.
    public var nestingProblem: YAMLMark? {
        guard let problem = parser.problem, String(cString: problem).contains("nesting level") else { return nil }
        return YAMLMark(line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
    }

    private static func name(_ anchor: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        anchor.map { String(cString: $0) }
    }
}
