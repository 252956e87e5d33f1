import Foundation

/// Light inline markup in paragraph texts: `**bold**`, `*italic*`, `__underline__`, and `\` to write
/// one of those characters as itself. A marker with no closing partner is kept as text.
public enum InlineMarkup {
    /// Splits `text` into spans, starting from the given properties.
    public static func parse(_ text: String, base: Span = Span("")) -> [Span] {
        let characters = Array(text)
        var spans: [Span] = []
        var current = base
        current.text = ""
        var index = 0

        func flush() {
            if !current.text.isEmpty { spans.append(current) }
            current.text = ""
        }

        /// Whether a closing `marker` follows `from` (not escaped).
        func closes(_ marker: [Character], from: Int) -> Bool {
            var i = from
            while i + marker.count <= characters.count {
                if characters[i] == "\\" { i += 2; continue }
                if Array(characters[i..<i + marker.count]) == marker { return true }
                i += 1
            }
            return false
        }

        var open: [String: Bool] = ["**": false, "__": false, "*": false]
        while index < characters.count {
            let character = characters[index]
            if character == "\\", index + 1 < characters.count, "*_\\".contains(characters[index + 1]) {
                current.text.append(characters[index + 1])
                index += 2
                continue
            }
            var matched: String?
            for marker in ["**", "__", "*"] {
                let m = Array(marker)
                guard index + m.count <= characters.count, Array(characters[index..<index + m.count]) == m else { continue }
                if open[marker]! || closes(m, from: index + m.count) { matched = marker }
                break
            }
            if let marker = matched {
                flush()
                open[marker]!.toggle()
                switch marker {
                case "**": current.bold = base.bold || open[marker]!
                case "__": current.underline = base.underline || open[marker]!
                default: current.italic = base.italic || open[marker]!
                }
                index += marker.count
                continue
            }
            current.text.append(character)
            index += 1
        }
        flush()
        return spans
    }
}
