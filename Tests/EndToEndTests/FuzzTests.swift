import Foundation
import ReportSyntax
import ThaiReport
import XCTest
import Yams

/// Seeded, reproducible mutation fuzzing of the example descriptions: no input may crash the
/// process, run past a time bound, or leave a partial or damaged PDF.
///
/// Seeds are every `Templates/**/*.yaml` and `Tests/Fixtures/**/*.yaml`, found at run time. A seed
/// longer than `excerptLines` is cut into excerpts (every list longer than `excerptItems` cut to a
/// window of `excerptWindow` items, written back as YAML) so that a case stays small. Each case applies
/// one to three byte-level mutations, then runs `check` (load and layout, no drawing) in process;
/// every `cliEvery`-th case also runs the real `thaireport render` into a folder holding an earlier
/// PDF. `THAIREPORT_FUZZ_SEED` and `THAIREPORT_FUZZ_CASES` override the seed and the case count.
final class FuzzTests: XCTestCase {
    static let defaultSeed: UInt64 = 20_261_122
    static let defaultCases = 10_000
    static let cliEvery = 50
    /// Longest a single case may take (debug build, shared 2-core machine).
    static let caseTimeLimit: TimeInterval = 20
    static let excerptLines = 100
    /// Lists longer than this (rows, blocks, sections) are cut to a window of `excerptWindow` items;
    /// shorter ones (columns, cells) stay whole so that tables still fit together.
    static let excerptItems = 6
    static let excerptWindow = 2
    static let excerptsPerSeed = 12

    func testMutatedDescriptionsNeverCrashHangOrLoseOutput() throws {
        let environment = ProcessInfo.processInfo.environment
        let seed = environment["THAIREPORT_FUZZ_SEED"].flatMap { UInt64($0) } ?? Self.defaultSeed
        let caseCount = environment["THAIREPORT_FUZZ_CASES"].flatMap { Int($0) } ?? Self.defaultCases
        var random = SplitMix64(seed: seed)

        let work = FileManager.default.temporaryDirectory.appendingPathComponent("thaireport-fuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let corpus = try Corpus(root: RenderTests.root, work: work, random: &random)
        XCTAssertGreaterThan(corpus.seeds.count, 3, "examples and fixtures found")

        // An earlier good PDF that a failing render must leave untouched.
        let output = work.appendingPathComponent("out.pdf")
        let first = corpus.seeds[0][0]
        let good = try RenderTests.run(RenderTests.binary.path, ["render", first.write(first.text, in: "case.yaml").path, "-o", output.path])
        XCTAssertEqual(good.0, 0, good.2)
        var earlier = try Data(contentsOf: output)

        let watchdog = Watchdog(limit: Self.caseTimeLimit * 3)
        var messages = Set<String>()
        var slowest: (time: TimeInterval, label: String) = (0, "")
        var outcomes = [String: Int]()
        let started = Date()
        for index in 0..<caseCount {
            let excerpts = corpus.seeds[random.below(corpus.seeds.count)]
            let entry = excerpts[random.below(excerpts.count)]
            var bytes = Array(entry.text.utf8)
            var applied: [String] = []
            for _ in 0...(random.next() % 3) { applied.append(Mutation.apply(to: &bytes, random: &random)) }
            let label = "case \(index) (seed \(seed)): \(entry.name) + \(applied.joined(separator: ", "))"
            let input = try entry.write(Data(bytes), in: "case.yaml")
            watchdog.begin(label, input: input)
            let start = Date()
            do {
                let warnings = try ReportPipeline.check(path: input.path)
                outcomes["ok", default: 0] += 1
                for warning in warnings { messages.insert(Self.normalised(warning.message)) }
            } catch let list as DiagnosticList {
                outcomes["errors", default: 0] += 1
                XCTAssertFalse(list.errors.isEmpty, label)
                for item in list.items { messages.insert(Self.normalised(item.message)) }
            } catch let error as ToolError {
                outcomes["tool error", default: 0] += 1
                messages.insert("tool: " + Self.normalised(error.message))
            }
            let elapsed = Date().timeIntervalSince(start)
            watchdog.end()
            if elapsed > slowest.time { slowest = (elapsed, label) }
            XCTAssertLessThan(elapsed, Self.caseTimeLimit, label)

            if index % Self.cliEvery == 0 {
                try renderThroughTheCommand(input, output: output, earlier: &earlier, label: label)
            }
        }
        let total = Date().timeIntervalSince(started)
        let counts = outcomes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        print("fuzz: seed \(seed), \(caseCount) cases (\(counts)) in \(String(format: "%.1f", total)) s, "
              + "\(messages.count) distinct messages, slowest \(String(format: "%.2f", slowest.time)) s: \(slowest.label)")
    }

    /// Runs `thaireport render`: a clean exit status, the earlier PDF untouched on failure, no
    /// temporary file left, and a complete PDF on success.
    private func renderThroughTheCommand(_ input: URL, output: URL, earlier: inout Data, label: String) throws {
        let process = Process()
        process.executableURL = RenderTests.binary
        process.arguments = ["render", "-q", input.path, "-o", output.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .exit, "no crash signal: \(label)")
        let status = process.terminationStatus
        XCTAssertTrue([0, 1, 2].contains(status), "exit status \(status): \(label)")
        let folder = output.deletingLastPathComponent()
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tmp") }
        XCTAssertEqual(leftovers, [], "no partial file: \(label)")
        let now = try Data(contentsOf: output)
        if status == 0 {
            XCTAssertTrue(now.starts(with: Data("%PDF-".utf8)) && now.suffix(6) == Data("%%EOF\n".utf8), "a complete PDF: \(label)")
            earlier = now
        } else {
            XCTAssertEqual(now, earlier, "the earlier PDF is untouched: \(label)")
        }
    }

    /// A message with the parts that vary between cases (quoted values, numbers) left out.
    static func normalised(_ message: String) -> String {
        var result = ""
        var quoted = false
        for character in message {
            if character == "`" {
                quoted.toggle()
                if quoted { result += "`…`" }
            } else if !quoted {
                result.append(character.isNumber ? "#" : character)
            }
        }
        return result.replacingOccurrences(of: "#+", with: "#", options: .regularExpression)
    }
}

/// A small, fast, seedable random generator, so every run with one seed makes the same cases.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { bound <= 0 ? 0 : Int(next() % UInt64(bound)) }
}

/// The descriptions the fuzz test starts from, each with a private copy of its folder (pictures,
/// CSV files), so that paths inside it resolve as they do beside the original.
struct Corpus {
    /// One description to mutate and the folder its cases are written into.
    struct Entry {
        var name: String
        var text: String
        var folder: URL

        func write(_ text: String, in name: String) throws -> URL { try write(Data(text.utf8), in: name) }

        func write(_ data: Data, in name: String) throws -> URL {
            let url = folder.appendingPathComponent(name)
            try data.write(to: url)
            return url
        }
    }

    /// Per seed file, the descriptions made from it: the file itself, or its excerpts.
    private(set) var seeds: [[Entry]] = []

    init(root: URL, work: URL, random: inout SplitMix64) throws {
        let sources = ["Tests/Fixtures", "Templates"].map { root.appendingPathComponent($0) }
        for source in sources {
            let found = (FileManager.default.enumerator(atPath: source.path)?.allObjects as? [String] ?? [])
                .filter { $0.hasSuffix(".yaml") }.sorted()
            for path in found {
                let file = source.appendingPathComponent(path)
                let folder = work.appendingPathComponent("seed-\(seeds.count)")
                try FileManager.default.copyItem(at: file.deletingLastPathComponent(), to: folder)
                let text = try String(contentsOf: file, encoding: .utf8)
                let name = "\(source.lastPathComponent)/\(path)"
                if text.split(separator: "\n").count <= FuzzTests.excerptLines {
                    seeds.append([Entry(name: name, text: text, folder: folder)])
                } else {
                    let tree = try Yams.compose(yaml: text)!
                    seeds.append(try (0..<FuzzTests.excerptsPerSeed).map { number in
                        let excerpt = try Yams.serialize(node: Self.cut(tree, random: &random), width: -1, allowUnicode: true)
                        return Entry(name: "\(name) excerpt \(number)", text: excerpt, folder: folder)
                    })
                }
            }
        }
    }

    /// The tree with every list longer than `excerptItems` cut to a random window of `excerptWindow` items.
    static func cut(_ node: Node, random: inout SplitMix64) -> Node {
        switch node {
        case let .sequence(sequence):
            var items = Array(sequence)
            if items.count > FuzzTests.excerptItems {
                let start = random.below(items.count - FuzzTests.excerptWindow + 1)
                items = Array(items[start..<start + FuzzTests.excerptWindow])
            }
            return .sequence(.init(items.map { cut($0, random: &random) }, sequence.tag, sequence.style))
        case let .mapping(mapping):
            return .mapping(.init(mapping.map { ($0.key, cut($0.value, random: &random)) }, mapping.tag, mapping.style))
        default:
            return node
        }
    }
}

/// The ways a case changes a description's bytes, each a mistake people make or a hostile edit.
enum Mutation: CaseIterable {
    case deleteLine, duplicateLine, swapLines, indentMore, indentLess, tabIndent, replaceValue, renameKey, truncate, insertCharacter

    /// Values written in place of a scalar.
    static let replacements: [[UInt8]] = [
        "[ก, ข]", "{a: 1}", "-1", "0", "1e309", "99999999999999999999", "~", "\"\"", "nan", "-", "*x", "&a b", "!!binary x", "|",
        ">", "@", "%", "`", "[", "{", "\"", "'", "#", ": :", "100%", "0fr", "-3cm", "2 cmm", "#GGGGGG", "true", "ก่ี่ี่ี่ี่",
        String(repeating: "ก", count: 3_000), String(repeating: "กขค ", count: 2_000), "\u{200B}\u{FEFF}\u{0E31}",
    ].map { Array($0.utf8) } + [[0xFF, 0xFE], [0xA1, 0xD2], [0xE0, 0xB8], [0x00], [0xC0, 0x80], [0xED, 0xA0, 0x80]]

    /// Applies a random mutation; returns its description for the case's label.
    static func apply(to bytes: inout [UInt8], random: inout SplitMix64) -> String {
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        let mutation = allCases[random.below(allCases.count)]
        let line = random.below(lines.count)
        switch mutation {
        case .deleteLine: lines.remove(at: line)
        case .duplicateLine: lines.insert(lines[line], at: line)
        case .swapLines: lines.swapAt(line, random.below(lines.count))
        case .indentMore: lines[line].insert(contentsOf: Array(repeating: 0x20, count: 1 + random.below(4)), at: 0)
        case .indentLess: lines[line].removeFirst(min(lines[line].prefix { $0 == 0x20 }.count, 1 + random.below(4)))
        case .tabIndent: lines[line].insert(0x09, at: 0)
        case .replaceValue:
            // The value after `: ` or `- `, or the whole line.
            let text = lines[line]
            let start = firstIndex(of: [0x3A, 0x20], in: text).map { $0 + 2 } ?? firstIndex(of: [0x2D, 0x20], in: text).map { $0 + 2 } ?? 0
            let end = text[start...].firstIndex { $0 == 0x2C || $0 == 0x5D || $0 == 0x7D } ?? text.count
            lines[line].replaceSubrange(start..<end, with: replacements[random.below(replacements.count)])
        case .renameKey:
            guard let colon = firstIndex(of: [0x3A], in: lines[line]), colon > 0 else { break }
            let position = random.below(colon)
            if lines[line][position] != 0x20 { lines[line][position] = UInt8(0x61 + random.below(26)) }
        case .truncate:
            bytes = Array(bytes.prefix(random.below(bytes.count + 1)))
            return "truncate at \(bytes.count)"
        case .insertCharacter:
            let characters: [UInt8] = Array("[]{}\"':#-&*!|>%@`,?\\".utf8)
            lines[line].insert(characters[random.below(characters.count)], at: random.below(lines[line].count + 1))
        }
        bytes = Array(lines.joined(separator: [0x0A]))
        return "\(mutation) at line \(line + 1)"
    }

    private static func firstIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        return (0...(haystack.count - needle.count)).first { Array(haystack[$0..<$0 + needle.count]) == needle }
    }
}

/// Ends the test run with the case's name and input when one case runs far past the time bound:
/// a hang would otherwise hold CI until its own timeout, without saying which input hung.
final class Watchdog {
    private let lock = NSLock()
    private var current: (label: String, input: URL, start: Date)?
    private let limit: TimeInterval

    init(limit: TimeInterval) {
        self.limit = limit
        let thread = Thread { [weak self] in
            while let self {
                Thread.sleep(forTimeInterval: 1)
                self.checkTime()
            }
        }
        thread.start()
    }

    func begin(_ label: String, input: URL) {
        lock.lock(); defer { lock.unlock() }
        current = (label, input, Date())
    }

    func end() {
        lock.lock(); defer { lock.unlock() }
        current = nil
    }

    private func checkTime() {
        lock.lock(); defer { lock.unlock() }
        guard let current, Date().timeIntervalSince(current.start) > limit else { return }
        let saved = FileManager.default.temporaryDirectory.appendingPathComponent("thaireport-fuzz-hang.yaml")
        try? FileManager.default.removeItem(at: saved)
        try? FileManager.default.copyItem(at: current.input, to: saved)
        FileHandle.standardError.write(Data("fuzz: \(current.label) ran past \(Int(limit)) s (input saved as \(saved.path))\n".utf8))
        exit(1)
    }
}
