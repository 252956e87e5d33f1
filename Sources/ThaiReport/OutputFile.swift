import Foundation
import Graphics
import ReportSyntax

/// The file a command writes (`render`'s PDF, `expand -o`, `new -o`): the one place that decides
/// whether it may be written. Everything the last step needs is checked when it is made, before
/// any work; it is never a file the command reads; and a failed or interrupted write leaves no file
/// behind and every earlier file as it was.
public final class OutputFile {
    /// What happens to a file already at the output's path.
    public enum Mode {
        /// It is replaced once the new file is complete (`render`).
        case replace
        /// It is never overwritten (`expand -o`, `new -o`).
        case create
    }

    /// The output as the command was given it.
    public let path: String
    private let mode: Mode
    /// The output's folder ("." for a bare name).
    private let folder: String
    /// The temporary file in `folder` that a replacing output is written through.
    private let temporary: String

    /// Checks that the output can be written at the end: it is none of `inputs` (the files the
    /// command reads that are known before its work), its folder exists and takes new files, its
    /// name fits, and a file already there may be replaced. Sweeps what killed runs for the same
    /// output left behind.
    public init(_ path: String, mode: Mode, inputs: [String]) throws {
        self.path = path
        self.mode = mode
        let name = (path as NSString).lastPathComponent
        let parent = PathText.folder(of: path)
        folder = parent.isEmpty ? "." : parent
        temporary = "\(folder)/\(TemporaryFiles.name(forOutput: name))"
        try refuse(aliasing: inputs)
        try checkFolder(name: name)
        try checkExisting()
        TemporaryFiles.sweep(folder: folder, output: name)
        // The same file the output is written through at the end, made and removed at once: the
        // folder takes new files (permissions, a read-only or full file system).
        try InterruptCleanup.removing([temporary]) {
            try create(temporary)
            unlink(temporary)
        }
    }

    /// Writes the output: `body` writes the content into the (empty) file at the path it is given,
    /// the output itself when it is created, a temporary file beside it that then replaces it
    /// otherwise. Refuses first when the output is one of `inputs`, every file the command read.
    func write(reading inputs: [String], _ body: (String) throws -> Void) throws {
        try refuse(aliasing: inputs)
        switch mode {
        case .create:
            // Claimed before it is registered: a signal must never remove a file that was already there.
            try create(path)
            try InterruptCleanup.removing([path]) { try fill(path, removingOnFailure: [path], body) }
        case .replace:
            let files = [temporary]
            try InterruptCleanup.removing(files) {
                try create(temporary)
                try fill(temporary, removingOnFailure: files, body)
                guard rename(temporary, path) == 0 else {
                    let reason = String(cString: strerror(errno))
                    for file in files { unlink(file) }
                    throw ToolError("cannot move the finished file to \(path): \(reason)")
                }
            }
        }
    }

    /// Writes `data` as the output (see `write(reading:_:)`).
    public func write(_ data: Data, reading inputs: [String]) throws {
        try write(reading: inputs) { file in
            let descriptor = open(file, O_WRONLY | O_TRUNC | O_CLOEXEC)
            guard descriptor >= 0 else { throw Self.posixError() }
            defer { close(descriptor) }
            var written = 0
            while written < data.count {
                let count = data.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + written, data.count - written) }
                guard count > 0 else { throw Self.posixError() }
                written += count
            }
        }
    }

    /// Writes `data` to standard output; a failed write (a full disk behind a redirection) is a
    /// `ToolError` like any other.
    public static func writeStandardOutput(_ data: Data) throws {
        do {
            try FileHandle.standardOutput.write(contentsOf: data)
        } catch {
            throw ToolError(posixCode(of: error).map { message(forWriting: "standard output", code: $0, folder: nil) }
                            ?? "cannot write standard output: \(error)")
        }
    }

    // MARK: Checks before the work

    /// Refuses an output that is one of `inputs`: the same file (device and inode, through
    /// symbolic and hard links alike), which writing the output would destroy.
    private func refuse(aliasing inputs: [String]) throws {
        var output = stat()
        guard stat(path, &output) == 0 else { return }
        for input in inputs {
            var info = stat()
            if stat(input, &info) == 0, info.st_dev == output.st_dev, info.st_ino == output.st_ino {
                let current = FileManager.default.currentDirectoryPath + "/"
                let shown = input.hasPrefix(current) ? String(input.dropFirst(current.count)) : input
                throw ToolError("the output \(path) is \(shown), a file this command reads (name another output file with -o)")
            }
        }
    }

    private var alreadyExists: ToolError { ToolError("\(path) already exists; it is left as it is (name another file)") }

    /// The folder exists, and a file named `name` can be made in it.
    private func checkFolder(name: String) throws {
        var info = stat()
        guard stat(folder, &info) == 0 else { throw ToolError("the output folder \(folder) does not exist") }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw ToolError("the output folder \(folder) is not a folder") }
        guard !path.hasSuffix("/"), !name.isEmpty, name != ".", name != ".." else {
            throw ToolError("the output \(path) names no file; name a file")
        }
        let limit = pathconf(folder, Int32(_PC_NAME_MAX))
        if limit > 0, name.utf8.count > limit {
            throw ToolError("the output name \(name) is \(name.utf8.count) bytes long; this folder takes names of at most \(limit) bytes (shorten it)")
        }
    }

    /// A file already at the output's path: never overwritten when creating; when replacing, only a
    /// regular file its permissions let the user overwrite, and in a shared folder (sticky bit, as
    /// /tmp) only one the user owns or in a folder the user owns. The kernel lets root pass the
    /// last rule; thaireport holds root to it too, so that one user's file is never replaced by accident.
    private func checkExisting() throws {
        var link = stat()
        guard lstat(path, &link) == 0 else { return }
        if mode == .create { throw alreadyExists }
        var target = stat()
        if stat(path, &target) == 0, target.st_mode & S_IFMT == S_IFDIR {
            throw ToolError("the output \(path) is a folder; name a .pdf file")
        }
        // The finished file replaces the output by renaming; a device, pipe or link must not be replaced.
        if link.st_mode & S_IFMT == S_IFLNK {
            throw ToolError("the output \(path) is a symbolic link, which the PDF would replace (name the file itself, or another file)")
        }
        guard link.st_mode & S_IFMT == S_IFREG else { throw ToolError("the output \(path) is not a regular file; name a .pdf file") }
        guard access(path, W_OK) == 0 else { throw ToolError("the output \(path) cannot be overwritten (permission denied)") }
        var shared = stat()
        if stat(folder, &shared) == 0, shared.st_mode & S_ISVTX != 0, link.st_uid != geteuid(), shared.st_uid != geteuid() {
            throw ToolError("the output \(path) belongs to another user in a shared folder (sticky bit), where only its owner may replace it (name another file)")
        }
    }

    // MARK: Writing

    /// Creates `file`, empty, failing if anything is already there.
    private func create(_ file: String) throws {
        let descriptor = open(file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor < 0 else {
            close(descriptor)
            return
        }
        let code = errno
        switch code {
        case EEXIST where file == path: throw alreadyExists
        case EACCES, EPERM: throw ToolError("the output folder \(folder) is not writable")
        case EROFS: throw ToolError("the output folder \(folder) is on a read-only file system; name another folder")
        case ENOSPC, EDQUOT: throw ToolError(Self.message(forWriting: path, code: code, folder: folder))
        default: throw ToolError("cannot create files in the output folder \(folder): \(String(cString: strerror(code)))")
        }
    }

    /// Runs `body` on `file` and makes sure its bytes reached the disk (a full disk can show only
    /// then); on failure removes `files` and throws a `ToolError` saying why, in plain words.
    private func fill(_ file: String, removingOnFailure files: [String], _ body: (String) throws -> Void) throws {
        do {
            try body(file)
            let descriptor = open(file, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw Self.posixError() }
            defer { close(descriptor) }
            guard fsync(descriptor) == 0 else { throw Self.posixError() }
        } catch {
            let failure = explain(error)  // before the files are removed: they fill the disk
            for file in files { unlink(file) }
            throw failure
        }
    }

    /// A write failure as a `ToolError`; the description's own errors pass unchanged. libqpdf says
    /// only that a write failed, without the system's code: a full disk then shows in the folder's
    /// free space.
    private func explain(_ error: Error) -> Error {
        if error is DiagnosticList || error is ToolError { return error }
        if let code = Self.posixCode(of: error) { return ToolError(Self.message(forWriting: path, code: code, folder: folder)) }
        if folderIsFull { return ToolError(Self.message(forWriting: path, code: ENOSPC, folder: folder)) }
        return ToolError("cannot write \(path): \((error as? GraphicsError)?.message ?? "\(error)")")
    }

    /// Less than 1 MB left for this user on the output's file system.
    private var folderIsFull: Bool {
        var info = statvfs()
        guard statvfs(folder, &info) == 0 else { return false }
        let blocks = geteuid() == 0 ? info.f_bfree : info.f_bavail
        return UInt64(blocks) * UInt64(info.f_frsize) < 1 << 20
    }

    private static func message(forWriting what: String, code: Int32, folder: String?) -> String {
        guard code == ENOSPC || code == EDQUOT else { return "cannot write \(what): \(String(cString: strerror(code)))" }
        let place = folder.map { "the device holding \($0)" } ?? "the device"
        return "no space left on \(place) while writing \(what) (free some space and run the command again)"
    }

    private static func posixError() -> POSIXError { POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }

    /// The `errno` behind a Foundation or POSIX error, if it carries one.
    private static func posixCode(of error: Error) -> Int32? {
        if let posix = error as? POSIXError { return posix.code.rawValue }
        if let graphics = error as? GraphicsError { return graphics.code }
        let error = error as NSError
        if error.domain == NSPOSIXErrorDomain { return Int32(error.code) }
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? Error, let code = posixCode(of: underlying) { return code }
        return error.domain == NSCocoaErrorDomain && error.code == CocoaError.fileWriteOutOfSpace.rawValue ? ENOSPC : nil
    }
}
