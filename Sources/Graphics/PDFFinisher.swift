import Foundation
import CQPDF

/// A PDF opened with libqpdf, Debian's maintained PDF library, which reads every form a conforming
/// writer produces (Cairo ≥ 1.17.6 packs dictionaries into object streams with a cross-reference
/// stream; older Cairo writes a plain table). Only the trailer and the objects asked for are read:
/// page contents and fonts stay in the file. Owns the `qpdf_data` and frees it in `deinit`.
final class QPDFDocument {
    private(set) var handle: qpdf_data?

    /// Reads the PDF at `path`.
    init(path: String) throws {
        handle = qpdf_init()
        qpdf_silence_errors(handle)
        qpdf_set_suppress_warnings(handle, QPDF_TRUE)
        if qpdf_read(handle, path, nil) & QPDF_ERRORS != 0 {
            throw GraphicsError("cannot read the PDF Cairo wrote: \(lastError())")
        }
    }

    deinit { qpdf_cleanup(&handle) }

    /// The document catalog's object number and generation.
    var catalogReference: (number: Int, generation: Int) {
        let root = qpdf_get_root(handle)
        return (Int(qpdf_oh_get_object_id(handle, root)), Int(qpdf_oh_get_generation(handle, root)))
    }

    /// The catalog dictionary as PDF syntax, with `/Lang` set to `language` (BCP 47, e.g. `th`)
    /// when given. References to other objects stay references.
    func catalogText(language: String?) -> String {
        let root = qpdf_get_root(handle)
        if let language {
            qpdf_oh_replace_key(handle, root, "/Lang", qpdf_oh_new_unicode_string(handle, language))
        }
        return String(cString: qpdf_oh_unparse_resolved(handle, root))
    }

    /// The entries of the last trailer an update must repeat (`/Size`, and `/Info` as a reference),
    /// and whether the file's cross-reference data is a stream (PDF 1.5) rather than a table.
    var trailer: (size: Int, info: String?, isStream: Bool) {
        let trailer = qpdf_get_trailer(handle)
        let size = Int(qpdf_oh_get_int_value(handle, qpdf_oh_get_key(handle, trailer, "/Size")))
        let info = qpdf_oh_has_key(handle, trailer, "/Info") != 0
            ? String(cString: qpdf_oh_unparse(handle, qpdf_oh_get_key(handle, trailer, "/Info"))) : nil
        let isStream = qpdf_oh_is_name_and_equals(handle, qpdf_oh_get_key(handle, trailer, "/Type"), "/XRef") != 0
        return (size, info, isStream)
    }

    /// A stream's data, with its filters undone when `decoded`, else as stored in the file.
    func streamData(_ stream: qpdf_oh, decoded: Bool) -> [UInt8]? {
        var data: UnsafeMutablePointer<UInt8>?
        var length = 0
        guard qpdf_oh_get_stream_data(handle, stream, decoded ? qpdf_dl_generalized : qpdf_dl_none, nil, &data, &length) & QPDF_ERRORS == 0,
              let data else { return nil }
        defer { free(data) }
        return Array(UnsafeBufferPointer(start: data, count: length))
    }

    /// The library's message for the error it last reported.
    private func lastError() -> String {
        guard qpdf_has_error(handle) != 0, let error = qpdf_get_error(handle),
              let detail = qpdf_get_error_message_detail(handle, error) else { return "unknown error" }
        return String(cString: detail)
    }
}

/// An incremental update (ISO 32000-1 §7.5.6) that adds to the PDF Cairo wrote what Cairo has no API
/// for: a new version of the document catalog, serialized by libqpdf with `/Lang`, followed by a
/// cross-reference section of the same kind as Cairo's (a table for Cairo 1.16, a stream from 1.17.6
/// on) whose trailer points back to Cairo's (`/Prev`) and carries an `/ID` derived from the content,
/// so the same input gives the same bytes. Cairo's bytes are kept as written, and no object but
/// the catalog is read, so finishing costs the same for 1 page or 4,000.
struct IncrementalUpdate {
    /// The bytes to append to a file of `fileLength` bytes whose last cross-reference section starts
    /// at `previousSection`; `objects` are further objects to replace (images given a `/Decode`).
    static func bytes(for document: QPDFDocument, language: String?, fileLength: Int,
                      previousSection: Int, documentID: String, replacing objects: [ReplacedObject] = []) -> [UInt8] {
        let catalog = document.catalogReference
        let trailer = document.trailer
        let replaced = ([ReplacedObject(number: catalog.number, generation: catalog.generation,
                                        body: Array(document.catalogText(language: language).utf8))] + objects).sorted { $0.number < $1.number }
        var bytes: [UInt8] = []
        var offsets: [Int] = []
        for object in replaced {
            bytes += Array("\n".utf8)
            offsets.append(fileLength + bytes.count)
            bytes += Array("\(object.number) \(object.generation) obj\n".utf8) + object.body + Array("\nendobj\n".utf8)
        }
        let sectionOffset = fileLength + bytes.count
        var common = "/Root \(catalog.number) \(catalog.generation) R"
        if let info = trailer.info { common += " /Info \(info)" }
        common += " /ID [<\(documentID)> <\(documentID)>] /Prev \(previousSection)"
        if trailer.isStream {
            // One entry per object: type 1 (in use), 4-byte offset, 2-byte generation.
            let streamNumber = trailer.size
            var entries: [UInt8] = []
            for (offset, generation) in zip(offsets, replaced.map(\.generation)) + [(sectionOffset, 0)] {
                entries.append(1)
                entries += withUnsafeBytes(of: UInt32(offset).bigEndian, Array.init)
                entries += withUnsafeBytes(of: UInt16(generation).bigEndian, Array.init)
            }
            let index = (replaced.map { "\($0.number) 1" } + ["\(streamNumber) 1"]).joined(separator: " ")
            bytes += Array(("\(streamNumber) 0 obj\n<< /Type /XRef /Size \(streamNumber + 1) /W [1 4 2] "
                + "/Index [\(index)] \(common) /Length \(entries.count) >>\nstream\n").utf8) + entries + Array("\nendstream\nendobj\n".utf8)
        } else {
            var text = "xref\n0 1\n0000000000 65535 f \n"
            for (object, offset) in zip(replaced, offsets) {
                text += "\(object.number) 1\n\(padded(offset, 10)) \(padded(object.generation, 5)) n \n"
            }
            bytes += Array((text + "trailer\n<< /Size \(trailer.size) \(common) >>\n").utf8)
        }
        bytes += Array("startxref\n\(sectionOffset)\n%%EOF\n".utf8)
        return bytes
    }

    /// `value` in decimal with leading zeros to `width` digits, as cross-reference tables write it.
    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// The offset of the last cross-reference section, read from the file trailer's `startxref`
    /// line (ISO 32000-1 §7.5.5) in the file's last bytes; nil when there is none.
    static func previousSection(inTail tail: [UInt8]) -> Int? {
        let keyword = Array("startxref".utf8)
        guard tail.count >= keyword.count else { return nil }
        var start = tail.count - keyword.count
        while start >= 0, !tail[start..<start + keyword.count].elementsEqual(keyword) { start -= 1 }
        guard start >= 0 else { return nil }
        let digits = tail[(start + keyword.count)...].drop { $0 == 0x0A || $0 == 0x0D || $0 == 0x20 }
            .prefix { (0x30...0x39).contains($0) }
        return Int(String(decoding: digits, as: UTF8.self))
    }
}
