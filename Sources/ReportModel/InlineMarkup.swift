import Foundation

/// Light inline markup in paragraph texts: `**bold**`, `*italic*`, `__underline__`, and `\` to write
/// one of those characters as itself. A marker with no closing partner is kept as text.
///
/// Read over the text's UTF-8 bytes: the markers are ASCII, and an ASCII byte is never part of
/// another character's encoding, so a text without `*`, `_` or `\` is one span as it stands.
public enum InlineMarkup {
    private static let star = UInt8(ascii: "*")
    private static let underscore = UInt8(ascii: "_")
    private static let backslash = UInt8(ascii: "\\")
    /// Markers in the order they are tried at a position (`**` before `*`).
    private static let markers: [[UInt8]] = [[star, star], [underscore, underscore], [star]]

    /// Splits `text` into spans, starting from the given properties.
    public static func parse(_ text: String, base: Span = Span("")) -> [Span] {
        var plain = base
        plain.text = text
        guard text.utf8.contains(where: { $0 == star || $0 == underscore || $0 == backslash }) else {
            return text.isEmpty ? [] : [plain]
        }
        let bytes = Array(text.utf8)
        var spans: [Span] = []
        var current = base
        var pending: [UInt8] = []
        var index = 0

        func flush() {
            if !pending.isEmpty {
                current.text = String(decoding: pending, as: UTF8.self)
                spans.append(current)
            }
            pending.removeAll(keepingCapacity: true)
        }

        func matches(_ marker: [UInt8], at position: Int) -> Bool {
            guard position + marker.count <= bytes.count else { return false }
            for offset in marker.indices where bytes[position + offset] != marker[offset] { return false }
            return true
        }

        /// Whether a closing `marker` follows `from` (not escaped).
        func closes(_ marker: [UInt8], from: Int) -> Bool {
            var i = from
            while i + marker.count <= bytes.count {
                if bytes[i] == backslash { i += 2; continue }
                if matches(marker, at: i) { return true }
                i += 1
            }
            return false
        }

        var open = [false, false, false]
        while index < bytes.count {
            let byte = bytes[index]
            if byte == backslash, index + 1 < bytes.count, [star, underscore, backslash].contains(bytes[index + 1]) {
                pending.append(bytes[index + 1])
                index += 2
                continue
            }
            if byte == star || byte == underscore, let kind = markers.indices.first(where: { matches(markers[$0], at: index) }),
               open[kind] || closes(markers[kind], from: index + markers[kind].count) {
                flush()
                open[kind].toggle()
                switch kind {
                case 0: current.bold = base.bold || open[kind]
                case 1: current.underline = base.underline || open[kind]
                default: current.italic = base.italic || open[kind]
                }
                index += markers[kind].count
                continue
            }
            pending.append(byte)
            index += 1
        }
        flush()
        return spans
    }
}
