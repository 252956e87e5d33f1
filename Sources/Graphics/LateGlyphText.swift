import Foundation
import CQPDF

/// The text of the glyphs of one font that were not taught in the page content (see `TextLayer`),
/// written into the finished PDF's ToUnicode CMap of that font instead.
///
/// Cairo fixes a glyph's ToUnicode entry by the first cluster that shows it alone. A Thai mark that
/// shaping starts after the next letter's start (Sarabun Bold's small tone mark over ึ, 3 units
/// right of it) would, shown alone, read after that letter in PDFium, which orders glyphs outside
/// spans by where they start. Such a word stays one `/ActualText` span, and the glyphs it would have
/// taught are left: if no later word teaches them, Cairo writes their entries as U+FFFD. Every other
/// glyph without a cmap character is taught, so those are the font's only U+FFFD entries, and Cairo
/// numbers a font's glyphs in the order it first meets them, so they come in the order the glyphs
/// were first shown. The finisher gives them their text only when their number is the number of
/// glyphs left; otherwise it changes nothing.
struct LateGlyphText: Equatable {
    /// The PostScript name of the font, which Cairo's subset carries after its tag (`ABCDEF+Sarabun-Bold`).
    let postScriptName: String
    /// The texts of the glyphs left, in the order they were first shown.
    let texts: [String]
}

extension QPDFDocument {
    /// New versions of the ToUnicode CMaps of the fonts in `glyphs`, their U+FFFD entries given the
    /// glyphs' texts in order of their codes. A font whose CMap has another number of such entries is
    /// left as it is. Fonts are looked for from the last object back, where Cairo writes them, and
    /// the search stops when all are found.
    func toUnicodeCMaps(giving glyphs: [LateGlyphText]) -> [ReplacedObject] {
        var wanted = Dictionary(glyphs.map { ($0.postScriptName, $0.texts) }, uniquingKeysWith: { first, _ in first })
        let trailer = qpdf_get_trailer(handle)
        let count = Int(qpdf_oh_get_int_value_as_int(handle, qpdf_oh_get_key(handle, trailer, "/Size")))
        var replaced: [ReplacedObject] = []
        var number = count - 1
        while number > 0, !wanted.isEmpty {
            defer { number -= 1 }
            let object = qpdf_get_object_by_id(handle, Int32(number), 0)
            defer { qpdf_oh_release(handle, object) }
            guard qpdf_oh_is_dictionary(handle, object) != 0,
                  qpdf_oh_is_name_and_equals(handle, qpdf_oh_get_key(handle, object, "/Subtype"), "/Type0") != 0 else { continue }
            let baseFont = qpdf_oh_get_key(handle, object, "/BaseFont")
            guard qpdf_oh_is_name(handle, baseFont) != 0 else { continue }
            let name = String(cString: qpdf_oh_get_name(handle, baseFont))
            guard let plus = name.firstIndex(of: "+"), let texts = wanted[String(name[name.index(after: plus)...])] else { continue }
            wanted[String(name[name.index(after: plus)...])] = nil
            let cmap = qpdf_oh_get_key(handle, object, "/ToUnicode")
            guard qpdf_oh_is_stream(handle, cmap) != 0, let data = streamData(cmap, decoded: true),
                  let fixed = Self.cmap(String(decoding: data, as: UTF8.self), giving: texts) else { continue }
            let dictionary = qpdf_oh_get_dict(handle, cmap)
            qpdf_oh_remove_key(handle, dictionary, "/Filter")
            qpdf_oh_remove_key(handle, dictionary, "/DecodeParms")
            let body = Array(fixed.utf8)
            qpdf_oh_replace_key(handle, dictionary, "/Length", qpdf_oh_new_integer(handle, Int64(body.count)))
            let header = String(cString: qpdf_oh_unparse(handle, dictionary))
            replaced.append(ReplacedObject(number: Int(qpdf_oh_get_object_id(handle, cmap)), generation: Int(qpdf_oh_get_generation(handle, cmap)),
                                           body: Array("\(header)\nstream\n".utf8) + body + Array("\nendstream".utf8)))
        }
        return replaced
    }

    /// The CMap text with its `<code> <fffd>` entries mapped, in order of their codes, to `texts`
    /// (UTF-16BE), or nil when it has not exactly as many such entries.
    static func cmap(_ cmap: String, giving texts: [String]) -> String? {
        var lines = cmap.components(separatedBy: "\n")
        let unknown = lines.indices.compactMap { index -> (code: Int, line: Int)? in
            let parts = lines[index].split(separator: " ")
            guard parts.count == 2, parts[1] == "<fffd>", parts[0].hasPrefix("<"), parts[0].hasSuffix(">"),
                  let code = Int(parts[0].dropFirst().dropLast(), radix: 16) else { return nil }
            return (code, index)
        }.sorted { $0.code < $1.code }
        guard unknown.count == texts.count, !texts.isEmpty else { return nil }
        for (entry, text) in zip(unknown, texts) {
            let hex = text.utf16.map { String(format: "%04x", $0) }.joined()
            lines[entry.line] = lines[entry.line].replacingOccurrences(of: "<fffd>", with: "<\(hex)>")
        }
        return lines.joined(separator: "\n")
    }
}
