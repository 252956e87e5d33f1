import Foundation

/// The temporary files an output is written through. Each has a short name of fixed length in the
/// output's folder, `.thaireport-<hash of the output's name>-<process id>.tmp`, so that an output
/// name as long as the folder allows still leaves room for it, and the next run for the same output
/// can tell which ones a killed run left behind.
enum TemporaryFiles {
    /// The temporary file's name for the output named `name`, for this process.
    static func name(forOutput name: String) -> String {
        "\(prefix(forOutput: name))\(getpid()).tmp"
    }

    /// Removes what killed runs for the same output left in `folder`: regular files owned by this
    /// user, named like this output's temporary files, whose process is gone. A file
    /// of a run still going is left alone; a folder that cannot be read or written is left as it is.
    static func sweep(folder: String, output name: String) {
        let prefix = prefix(forOutput: name)
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for entry in entries where entry.hasPrefix(prefix) {
            let rest = entry.dropFirst(prefix.count)
            guard let dot = rest.firstIndex(of: "."), rest[dot...] == ".tmp",
                  let pid = pid_t(rest[..<dot]), pid > 0 else { continue }
            // This process has not made its file yet, so one with its id is from an earlier process.
            guard pid == getpid() || (kill(pid, 0) == -1 && errno == ESRCH) else { continue }
            let path = "\(folder)/\(entry)"
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_uid == geteuid() else { continue }
            unlink(path)
        }
    }

    /// `.thaireport-` and 16 hexadecimal digits of the name's 64-bit FNV-1a hash (the same in every
    /// process, unlike Swift's `Hasher`), then `-`.
    private static func prefix(forOutput name: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        let digits = String(hash, radix: 16)
        return ".thaireport-" + String(repeating: "0", count: 16 - digits.count) + digits + "-"
    }
}

/// Removes the files a run has in progress when it is interrupted (SIGINT, SIGTERM, SIGHUP), then
/// lets the signal end the process as it would have. A signal the process was started with ignored
/// (`nohup`) stays ignored.
enum InterruptCleanup {
    private static let capacity = 8
    /// The paths to remove, as C strings the handler reads without allocating; nil slots are free.
    nonisolated(unsafe) private static let slots: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let slots = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        slots.initialize(repeating: nil, count: capacity)
        return slots
    }()

    private static let installed: Void = {
        _ = slots
        for number in [SIGINT, SIGTERM, SIGHUP] {
            let previous = signal(number) { received in
                for index in 0..<InterruptCleanup.capacity {
                    if let path = InterruptCleanup.slots[index] { unlink(path) }
                }
                signal(received, SIG_DFL)
                raise(received)
            }
            if unsafeBitCast(previous, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) { signal(number, SIG_IGN) }
        }
    }()

    /// Runs `body`; the files at `paths` are removed if a signal ends the process meanwhile.
    static func removing<T>(_ paths: [String], during body: () throws -> T) rethrows -> T {
        installed
        var taken: [Int] = []
        for path in paths {
            guard let free = (0..<capacity).first(where: { slots[$0] == nil }) else {
                preconditionFailure("more than \(capacity) files in progress")
            }
            slots[free] = strdup(path)
            taken.append(free)
        }
        // The strings are not freed: a handler running on another thread may be reading them.
        defer { for index in taken { slots[index] = nil } }
        return try body()
    }
}
