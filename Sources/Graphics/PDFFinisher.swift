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
