import Foundation

/// A file with no name in the output's folder (so nothing is left behind if the process dies) that
/// Cairo writes its PDF into, buffered, and that the finished PDF is copied from. Keeps a digest of
/// what was written, for the document's `/ID`. Readable again through `/proc/self/fd`. Owns the
/// descriptor and closes it in `deinit`.
final class ScratchFile {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private let bufferLimit = 1 << 16
    private var digestState = ContentDigest()
    /// The `errno` of the first write that failed, if any.
    private(set) var failure: Int32?
    /// Bytes written so far.
    private(set) var length = 0
    /// The folder the file lives in, for messages.
    let folder: String

    /// Linux's `O_TMPFILE` (`__O_TMPFILE | O_DIRECTORY`; Swift cannot import the macro).
    /// `__O_TMPFILE` is 0o20000000 on every architecture Debian releases for.
    private static let unnamed: Int32 = 0o20_000_000 | O_DIRECTORY

    /// Creates the file in `folder`: without a name where the file system allows it (`O_TMPFILE`:
    /// ext4, XFS, Btrfs, tmpfs), so no signal can ever find it named; elsewhere named, then
    /// unlinked at once.
    init(folder: String) throws {
        self.folder = folder
        var descriptor = open(folder, Self.unnamed | O_RDWR | O_CLOEXEC, 0o600)
        if descriptor < 0, [EOPNOTSUPP, EISDIR, EINVAL].contains(errno) {
            var template = Array("\(folder)/.thaireport-XXXXXX".utf8CString)
            descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            if descriptor >= 0 { unlink(String(cString: template)) }
        }
        guard descriptor >= 0 else {
            throw GraphicsError("cannot create a file in \(folder): \(String(cString: strerror(errno)))")
        }
        self.descriptor = descriptor
        buffer.reserveCapacity(bufferLimit)
    }

    deinit { close(descriptor) }

    /// A path that opens this file again (Linux's `/proc`).
    var path: String { "/proc/self/fd/\(descriptor)" }

    /// A digest of every byte written so far, as 32 hexadecimal digits.
    var digest: String { digestState.hex }

    /// Appends bytes; false once a write has failed.
    func write(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard failure == nil else { return false }
        buffer.append(contentsOf: bytes)
        digestState.add(bytes)
        length += bytes.count
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

    /// Writes out what is buffered; throws, with the system's `errno`, if any write has failed.
    func flushOrThrow() throws {
        guard flush(), failure == nil else {
            let code = failure ?? EIO
            throw GraphicsError("cannot write the PDF in \(folder): \(String(cString: strerror(code)))", code: code)
        }
    }

    /// The last `count` bytes written (fewer if the file is shorter), after a `flush`.
    func tail(_ count: Int) -> [UInt8] {
        let start = max(0, length - count)
        var bytes = [UInt8](repeating: 0, count: length - start)
        let read = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(start)) }
        return read == bytes.count ? bytes : []
    }

    /// Copies the whole file to a new file at `path` (created or emptied), in the kernel where it can.
    func copy(to path: String) throws {
        let output = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard output >= 0 else { throw failure(writing: path) }
        defer { close(output) }
        var offset: off_t = 0
        while offset < length {
            let count = sendfile(output, descriptor, &offset, length - Int(offset))
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(writing: path)
            }
            if count == 0 { throw GraphicsError("cannot write \(path): the PDF Cairo wrote is shorter than expected") }
        }
    }

    /// The error for a failed write of `path`, with the system's `errno`.
    private func failure(writing path: String) -> GraphicsError {
        let code = errno
        return GraphicsError("cannot write \(path): \(String(cString: strerror(code)))", code: code)
    }
}

/// A 128-bit digest of a byte stream (two 64-bit FNV-1a hashes with different offset bases), used
/// only to give a document an `/ID` that is the same for the same content; not for security.
struct ContentDigest {
    private var first: UInt64 = 0xcbf2_9ce4_8422_2325
    private var second: UInt64 = 0x6c62_272e_07bb_0142
    private static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// Adds `bytes` to the digest.
    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var first = self.first, second = self.second
        for byte in bytes {
            first = (first ^ UInt64(byte)) &* Self.prime
            second = (second ^ UInt64(byte ^ 0x5c)) &* Self.prime
        }
        self.first = first
        self.second = second
    }

    /// The digest as 32 lowercase hexadecimal digits.
    var hex: String {
        [first, second].map { value in
            let digits = String(value, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }.joined()
    }
}
