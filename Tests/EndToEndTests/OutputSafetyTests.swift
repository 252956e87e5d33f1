import Foundation
import XCTest

/// Files the user owns are never destroyed: one test per class of output that must be refused or
/// written safely, each asserting the exit status, the exact message and that no earlier file was
/// touched (bytes and modification time).
final class OutputSafetyTests: FolderTestCase {

    /// A file or link as a test last saw it.
    private struct FileState: Equatable {
        var bytes: Data?
        var modified: Int
        var link: String?
    }

    /// Every file and link below the folder, by relative path.
    private func snapshot() throws -> [String: FileState] {
        var result: [String: FileState] = [:]
        for case let name as String in FileManager.default.enumerator(atPath: folder.path)! {
            let path = folder.appendingPathComponent(name).path
            var info = stat()
            XCTAssertEqual(lstat(path, &info), 0)
            switch info.st_mode & S_IFMT {
            case S_IFREG:
                result[name] = FileState(bytes: try Data(contentsOf: URL(fileURLWithPath: path)),
                                         modified: info.st_mtim.tv_sec * 1_000_000_000 + info.st_mtim.tv_nsec)
            case S_IFLNK:
                result[name] = FileState(modified: 0, link: try FileManager.default.destinationOfSymbolicLink(atPath: path))
            default: break
            }
        }
        return result
    }

    @discardableResult
    private func write(_ name: String, _ text: String) throws -> URL {
        try write(name, Data(text.utf8))
    }

    /// Runs `thaireport` in the folder.
    private func thaireport(_ arguments: String...) throws -> (status: Int32, output: String, error: String) {
        try RenderTests.run(RenderTests.binary.path, arguments, directory: folder)
    }

    /// Runs `thaireport` in the folder and asserts that it exits with 2, prints exactly `message`,
    /// and leaves every file as it was.
    private func assertRefused(_ arguments: [String], _ message: String, program: String = RenderTests.binary.path,
                               file: StaticString = #filePath, line: UInt = #line) throws {
        let before = try snapshot()
        let (status, _, error) = try RenderTests.run(program, arguments, directory: folder)
        XCTAssertEqual(status, 2, arguments.joined(separator: " "), file: file, line: line)
        XCTAssertEqual(error, "error: \(message)\n", file: file, line: line)
        XCTAssertEqual(try snapshot(), before, "no file touched or left: \(arguments.joined(separator: " "))", file: file, line: line)
    }

    /// Names in the folder of temporary files (`.thaireport-…`).
    private func temporaryFiles(in directory: URL? = nil) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: (directory ?? folder).path).filter { $0.hasPrefix(".thaireport-") }.sorted()
    }

    /// A description reading a picture, a CSV file and a font file.
    private func writeDescriptionWithFiles() throws {
        try write("emblem.png", Data(contentsOf: RenderTests.root.appendingPathComponent("Templates/examples/images/emblem.png")))
        try write("f.ttf", Data(contentsOf: RenderTests.root.appendingPathComponent("Fonts/Sarabun/Sarabun-Regular.ttf")))
        try write("data.csv", "n,name\n1,ก\n")
        try write("r.yaml", """
        fonts: [{family: Sarabun, files: [f.ttf]}]
        blocks:
          - image: emblem.png
          - table: {columns: [{key: n, width: 1cm}, {key: name, width: 1fr}], rows-from: data.csv}
        """)
    }

    private func reads(_ output: String) -> String { "the output \(output) is \(output), a file this command reads (name another output file with -o)" }

    // MARK: The output is never an input

    func testOutputThatIsAnInputIsRefused() throws {
        try writeDescriptionWithFiles()
        try write("t/template.yaml", "fields: {name: text}\ndocument:\n  blocks: ['${name}']\n")
        try write("d.yaml", "template: t/template.yaml\nname: ก\n")
        for name in ["r.yaml", "data.csv", "emblem.png", "f.ttf"] {
            try assertRefused(["render", "r.yaml", "-o", name], reads(name))
        }
        try assertRefused(["render", "d.yaml", "-o", "t/template.yaml"], reads("t/template.yaml"))
        try assertRefused(["expand", "d.yaml", "-o", "d.yaml"], reads("d.yaml"))
        try assertRefused(["expand", "d.yaml", "-o", "t/template.yaml"], "t/template.yaml already exists; it is left as it is (name another file)")
    }

    func testLinksToAnInputAreRefused() throws {
        try writeDescriptionWithFiles()
        XCTAssertEqual(link(folder.appendingPathComponent("data.csv").path, folder.appendingPathComponent("hard.pdf").path), 0)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("soft.pdf").path, withDestinationPath: "r.yaml")
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("csv.pdf").path, withDestinationPath: "data.csv")
        try assertRefused(["render", "r.yaml", "-o", "hard.pdf"], "the output hard.pdf is data.csv, a file this command reads (name another output file with -o)")
        try assertRefused(["render", "r.yaml", "-o", "soft.pdf"], "the output soft.pdf is r.yaml, a file this command reads (name another output file with -o)")
        try assertRefused(["render", "r.yaml", "-o", "csv.pdf"], "the output csv.pdf is a symbolic link, which the PDF would replace (name the file itself, or another file)")
    }

    func testRenderingADescriptionNamedPDFOverItselfIsRefused() throws {
        try write("report.pdf", "blocks: [ข้อความ]\n")
        try assertRefused(["render", "report.pdf"], reads("report.pdf"))
        // A real PDF given by mistake is refused the same way, before it is read as YAML.
        try write("a.yaml", "blocks: [ข้อความ]\n")
        XCTAssertEqual(try thaireport("render", "a.yaml").status, 0)
        try assertRefused(["render", "a.pdf"], reads("a.pdf"))
    }

    // MARK: Temporary files

    func testOneCharacterNamesRender() throws {
        // Foundation's path methods trapped on a one-character name: the description, the output
        // and a picture it names.
        try write("y", "blocks: [ข้อความ]\n")
        var (status, output, error) = try thaireport("render", "y", "-o", "z")
        XCTAssertEqual(status, 0, error)
        XCTAssertEqual(output, "wrote z (1 page)\n")
        (status, output, error) = try thaireport("render", "y")
        XCTAssertEqual(status, 0, error)
        XCTAssertEqual(output, "wrote y.pdf (1 page)\n")
        try write("i.yaml", "blocks:\n  - image: {file: p}\n")
        (status, _, error) = try thaireport("check", "i.yaml")
        XCTAssertEqual(status, 1)
        XCTAssertTrue(error.hasPrefix("i.yaml:2:19: error: the image `p` does not exist (did you mean `z`? paths are relative to the description's folder "),
                      error)
    }

    func testEightyThaiLetterOutputNameRenders() throws {
        try write("r.yaml", "blocks: [ข้อความ]\n")
        let letters = String(String.UnicodeScalarView(Array("รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงานองค์การบริหารส่วนตำบล".unicodeScalars).prefix(80)))
        let name = letters + ".pdf"
        XCTAssertEqual(name.utf8.count, 244)
        try write(name, "earlier")
        let (status, output, error) = try thaireport("render", "r.yaml", "-o", name)
        XCTAssertEqual(status, 0, error)
        XCTAssertEqual(output, "wrote \(name) (1 page)\n")
        XCTAssertTrue(try Data(contentsOf: folder.appendingPathComponent(name)).starts(with: Data("%PDF-".utf8)))
        XCTAssertEqual(try temporaryFiles(), [])
        // A name longer than the folder takes is refused before any work, not at the last step.
        let long = letters + "ภายใน.pdf"
        try assertRefused(["render", "r.yaml", "-o", long],
                          "the output name \(long) is 259 bytes long; this folder takes names of at most 255 bytes (shorten it)")
    }

    /// A report long enough that rendering takes a few seconds in a debug build.
    private func writeLongReport() throws {
        var yaml = "blocks:\n  - table:\n      columns: [1.5cm, 5fr, 3fr]\n      header: [ลำดับ, มาตรการ, ผู้รับผิดชอบ]\n      rows:\n"
        for number in 1...1_500 { yaml += "        - [\"\(number)\", มาตรการที่ \(number) ส่งเสริมคุณธรรมและความโปร่งใส, สำนักปลัด]\n" }
        try write("big.yaml", yaml)
    }

    /// Starts `thaireport render big.yaml -o big.pdf` and returns once its temporary file exists.
    private func startRender() throws -> Process {
        let process = Process()
        process.executableURL = RenderTests.binary
        process.currentDirectoryURL = folder
        process.arguments = ["render", "-q", "big.yaml", "-o", "big.pdf"]
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        while try temporaryFiles().isEmpty, process.isRunning, Date() < deadline { usleep(20_000) }
        XCTAssertTrue(process.isRunning, "the render is still going when its temporary file exists")
        return process
    }

    func testInterruptedRenderLeavesNoTemporaryFile() throws {
        try writeLongReport()
        try write("big.pdf", "earlier")
        let before = try snapshot()
        for signal in [SIGTERM, SIGINT] {
            let process = try startRender()
            XCTAssertEqual(kill(process.processIdentifier, signal), 0)
            process.waitUntilExit()
            XCTAssertEqual(process.terminationReason, .uncaughtSignal, "ended by signal \(signal)")
            XCTAssertEqual(process.terminationStatus, signal)
            XCTAssertEqual(try temporaryFiles(), [], "signal \(signal)")
            XCTAssertEqual(try snapshot(), before, "signal \(signal)")
        }
    }

    func testTemporaryFileOfAKilledRenderIsSwept() throws {
        try writeLongReport()
        let process = try startRender()
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let stale = try temporaryFiles()
        XCTAssertEqual(stale.count, 1, "SIGKILL leaves the temporary file")
        guard let name = stale.first, let dash = name.lastIndex(of: "-") else { return }
        // The same output's file of a process still running (pid 1), and a dead process's file for
        // another output.
        let running = name[...dash] + "1.tmp"
        try write(String(running), "running")
        let other = ".thaireport-0123456789abcdef-\(process.processIdentifier).tmp"
        try write(other, "other output")
        try write("big.yaml", "blocks: [ข้อความ]\n")
        XCTAssertEqual(try thaireport("render", "big.yaml", "-o", "big.pdf").status, 0)
        XCTAssertEqual(try temporaryFiles(), [other, String(running)].sorted())
    }

    // MARK: What the last step needs is checked before the work

    /// The description given to these tests has an error: exit status 2 rather than 1 shows the
    /// output was refused before the description was read.
    private let badDescription = "blocks:\n  - heading: ก\n    levle: 2\n"

    func testUnwritableFolderIsRefusedBeforeWork() throws {
        try write("bad.yaml", badDescription)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("locked"), withIntermediateDirectories: true)
        chmod(folder.appendingPathComponent("locked").path, 0o555)
        // Root writes whatever the permissions say, so as root the command runs as nobody.
        let command = geteuid() == 0 ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", RenderTests.binary.path]
                                     : [RenderTests.binary.path]
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: command[0]), "setpriv is needed to drop root")
        chmod(folder.path, 0o755)
        try assertRefused(Array(command.dropFirst()) + ["render", "bad.yaml", "-o", "locked/out.pdf"], "the output folder locked is not writable",
                          program: command[0])
        try assertRefused(Array(command.dropFirst()) + ["expand", "bad.yaml", "-o", "locked/out.yaml"], "the output folder locked is not writable",
                          program: command[0])
    }

    func testAnotherUsersFileInAStickyFolderIsRefused() throws {
        try XCTSkipUnless(geteuid() == 0, "giving files to another user needs root")
        try write("bad.yaml", badDescription)
        try write("good.yaml", "blocks: [ข้อความ]\n")
        let shared = folder.appendingPathComponent("shared")
        try write("shared/theirs.pdf", "another user's")
        try write("shared/mine.pdf", "mine")
        XCTAssertEqual(chown(shared.path, 65533, 65533), 0)
        XCTAssertEqual(chmod(shared.path, 0o1777), 0)
        XCTAssertEqual(chown(shared.appendingPathComponent("theirs.pdf").path, 65534, 65534), 0)
        let message = "the output shared/theirs.pdf belongs to another user in a shared folder (sticky bit), where only its owner may replace it (name another file)"
        try assertRefused(["render", "bad.yaml", "-o", "shared/theirs.pdf"], message)
        try assertRefused(["render", "good.yaml", "-o", "shared/theirs.pdf"], message)
        XCTAssertEqual(try thaireport("render", "good.yaml", "-o", "shared/mine.pdf").status, 0, "one's own file is replaced")
    }

    // MARK: Read-only and full file systems

    /// A tmpfs of `size` mounted on `name` in the folder, unmounted after the test; skips when
    /// mounting is not permitted.
    private func mountTmpfs(_ name: String, options: String) throws -> URL {
        let point = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: point, withIntermediateDirectories: true)
        let (status, _, error) = try RenderTests.run("/bin/mount", ["-t", "tmpfs", "-o", options, "tmpfs", point.path])
        try XCTSkipUnless(status == 0, "cannot mount a tmpfs: \(error)")
        addTeardownBlock { _ = try? RenderTests.run("/bin/umount", [point.path]) }
        return point
    }

    func testReadOnlyFolderIsRefusedBeforeWork() throws {
        try write("bad.yaml", badDescription)
        _ = try mountTmpfs("ro", options: "ro,size=64k")
        try assertRefused(["render", "bad.yaml", "-o", "ro/out.pdf"], "the output folder ro is on a read-only file system; name another folder")
    }

    func testFullDiskGivesExitTwoAtEveryStage() throws {
        try writeDescriptionWithFiles()
        let disk = try mountTmpfs("full", options: "size=256k")
        XCTAssertEqual(try thaireport("render", "r.yaml", "-o", "full/out.pdf").status, 0)
        let filler = disk.appendingPathComponent("filler")
        /// Fills the disk up to `free` bytes.
        func leave(_ free: Int) throws {
            try? FileManager.default.removeItem(at: filler)
            var info = statvfs()
            XCTAssertEqual(statvfs(disk.path, &info), 0)
            try Data(count: max(0, Int(info.f_bavail) * Int(info.f_frsize) - free)).write(to: filler)
        }
        let message = "error: no space left on the device holding full while writing full/out.pdf (free some space and run the command again)\n"
        var outcomes: [Int32] = []
        // From no space at all to enough: Cairo's scratch file, the PDF libqpdf writes and the final sync fail in turn.
        for free in stride(from: 0, through: 64 * 1024, by: 4096) {
            try leave(free)
            let before = try snapshot()
            let (status, _, error) = try thaireport("render", "r.yaml", "-o", "full/out.pdf")
            outcomes.append(status)
            XCTAssertTrue(status == 0 || status == 2, "\(free) bytes free: exit \(status)")
            XCTAssertEqual(try temporaryFiles(in: disk), [], "\(free) bytes free")
            if status == 2 {
                XCTAssertEqual(error, message, "\(free) bytes free")
                XCTAssertEqual(try snapshot(), before, "\(free) bytes free: the earlier PDF is untouched")
            }
        }
        XCTAssertEqual(outcomes.first, 2)
        XCTAssertEqual(outcomes.last, 0)
        try write("d.yaml", Data(contentsOf: RenderTests.root.appendingPathComponent("Templates/ita-measures/examples/000-klong-prasak.yaml")))
        try leave(0)
        try assertRefused(["expand", "d.yaml", "-o", "full/d.yaml"],
                          "no space left on the device holding full while writing full/d.yaml (free some space and run the command again)")
        // Standard output redirected to the full disk.
        let process = Process()
        process.executableURL = RenderTests.binary
        process.currentDirectoryURL = folder
        process.arguments = ["expand", "d.yaml"]
        XCTAssertTrue(FileManager.default.createFile(atPath: disk.appendingPathComponent("out.yaml").path, contents: nil))
        process.standardOutput = try FileHandle(forWritingTo: disk.appendingPathComponent("out.yaml"))
        let error = Pipe()
        process.standardError = error
        try process.run()
        let printed = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 2)
        XCTAssertEqual(printed, "error: no space left on the device while writing standard output (free some space and run the command again)\n")
    }
}
