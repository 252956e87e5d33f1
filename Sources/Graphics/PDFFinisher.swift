import Foundation
import CQPDF

/// A PDF opened with libqpdf, Debian's maintained PDF library, which reads every form a conforming
/// writer produces (Cairo ≥ 1.17.6 packs dictionaries into object streams with a cross-reference
/// stream; older Cairo writes a plain table). Used to add what Cairo has no API for, at the level of
/// PDF objects. Owns the `qpdf_data` and frees it in `deinit`.
final class QPDFDocument {
    private var handle: qpdf_data?

    /// Reads the PDF at `path` (objects are read lazily; stream data stays in the file).
    init(path: String) throws {
        handle = qpdf_init()
        qpdf_silence_errors(handle)
        qpdf_set_suppress_warnings(handle, QPDF_TRUE)
        if qpdf_read(handle, path, nil) & QPDF_ERRORS != 0 {
            throw GraphicsError("cannot read the PDF Cairo wrote: \(lastError())")
        }
    }

    deinit { qpdf_cleanup(&handle) }

    /// Sets the document catalog's `/Lang` (BCP 47 language of the text, e.g. `th`).
    func setLanguage(_ language: String) {
        let root = qpdf_get_root(handle)
        qpdf_oh_replace_key(handle, root, "/Lang", qpdf_oh_new_unicode_string(handle, language))
    }

    /// Gives every JPEG image in CMYK that carries Adobe's APP14 marker the `/Decode [1 0 1 0 1 0 1 0]`
    /// it needs: Adobe applications store CMYK JPEG samples inverted, and Cairo, which passes the
    /// JPEG through, writes no `/Decode` (red came out dark cyan). Reads each such stream's first
    /// bytes as stored (the JPEG's own markers); other objects are only looked at.
    func invertAdobeCMYKImages() {
        let trailer = qpdf_get_trailer(handle)
        let count = Int(qpdf_oh_get_int_value_as_int(handle, qpdf_oh_get_key(handle, trailer, "/Size")))
        for number in 1..<max(count, 1) {
            let object = qpdf_get_object_by_id(handle, Int32(number), 0)
            defer { qpdf_oh_release(handle, object) }
            guard qpdf_oh_is_stream(handle, object) != 0 else { continue }
            let dictionary = qpdf_oh_get_dict(handle, object)
            func name(_ key: String) -> String? {
                let value = qpdf_oh_get_key(handle, dictionary, key)
                return qpdf_oh_is_name(handle, value) != 0 ? String(cString: qpdf_oh_get_name(handle, value)) : nil
            }
            guard name("/Subtype") == "/Image", name("/Filter") == "/DCTDecode", name("/ColorSpace") == "/DeviceCMYK",
                  qpdf_oh_has_key(handle, dictionary, "/Decode") == 0, hasAdobeMarker(object) else { continue }
            qpdf_oh_replace_key(handle, dictionary, "/Decode", qpdf_oh_parse(handle, "[1 0 1 0 1 0 1 0]"))
        }
    }

    /// Whether the stream's stored bytes (a JPEG) hold an APP14 segment starting "Adobe".
    private func hasAdobeMarker(_ stream: qpdf_oh) -> Bool {
        var data: UnsafeMutablePointer<UInt8>?
        var length = 0
        guard qpdf_oh_get_stream_data(handle, stream, qpdf_dl_none, nil, &data, &length) & QPDF_ERRORS == 0, let data else { return false }
        defer { free(data) }
        let bytes = UnsafeBufferPointer(start: data, count: length)
        var index = 2
        while index + 9 < bytes.count, bytes[index] == 0xFF, bytes[index + 1] != 0xDA {
            if bytes[index + 1] == 0xEE, Array(bytes[(index + 4)..<(index + 9)]) == Array("Adobe".utf8) { return true }
            index += 2 + (Int(bytes[index + 2]) << 8 | Int(bytes[index + 3]))
        }
        return false
    }

    /// Writes the document to `path`: stream data copied as Cairo compressed it, dictionaries in
    /// object streams, and an `/ID` computed from the content, so the same input gives the same bytes.
    func write(to path: String) throws {
        guard qpdf_init_write(handle, path) & QPDF_ERRORS == 0 else {
            throw GraphicsError("cannot write \(path): \(lastError())")
        }
        qpdf_set_decode_level(handle, qpdf_dl_none)
        qpdf_set_stream_data_mode(handle, qpdf_s_preserve)
        qpdf_set_object_stream_mode(handle, qpdf_o_generate)
        qpdf_set_deterministic_ID(handle, QPDF_TRUE)
        if qpdf_write(handle) & QPDF_ERRORS != 0 {
            throw GraphicsError("cannot write \(path): \(lastError())")
        }
    }

    /// The library's message for the error it last reported.
    private func lastError() -> String {
        guard qpdf_has_error(handle) != 0, let error = qpdf_get_error(handle),
              let detail = qpdf_get_error_message_detail(handle, error) else { return "unknown error" }
        return String(cString: detail)
    }
}

/// A file with no name in the output's folder (created and unlinked at once, so nothing is left
/// behind if the process dies) that Cairo writes its PDF into, buffered. Readable again through
/// `/proc/self/fd`. Owns the descriptor and closes it in `deinit`.
final class ScratchFile {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private let bufferLimit = 1 << 16
    /// The `errno` of the first write that failed, if any.
    private(set) var failure: Int32?
    /// The folder the file lives in, for messages.
    let folder: String

    /// Creates the file in `folder`.
    init(folder: String) throws {
        self.folder = folder
        var template = Array("\(folder)/.thaireport-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw GraphicsError("cannot create a file in \(folder): \(String(cString: strerror(errno)))")
        }
        unlink(String(cString: template))
        self.descriptor = descriptor
        buffer.reserveCapacity(bufferLimit)
    }

    deinit { close(descriptor) }

    /// A path that opens this file again (Linux's `/proc`).
    var path: String { "/proc/self/fd/\(descriptor)" }

    /// Appends bytes; false once a write has failed.
    func write(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard failure == nil else { return false }
        buffer.append(contentsOf: bytes)
        return buffer.count < bufferLimit || flush()
    }

    /// Writes out what is buffered; false when the file system refused it.
    @discardableResult
    func flush() -> Bool {
        var written = 0
        while written < buffer.count, failure == nil {
            let count = buffer[written...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                failure = errno
            } else {
                written += count
            }
        }
        buffer.removeAll(keepingCapacity: true)
        return failure == nil
    }
}
