import Foundation
import ReportSyntax
import ThaiReport
import XCTest

/// Seeded generation of the hostile classes that mutating the examples does not reach: generated
/// templates (definitions that use themselves or double, nested loops, deep expressions), long
/// paragraphs, right-to-left and control characters, odd pictures and fonts, CSV quirks, and output
/// paths that alias an input. Each case runs `check` in process under the watchdog; every
/// `cliEvery`-th case, and every aliasing case, also runs `thaireport render` and checks the exit
/// status and that a failed render touched no file. `THAIREPORT_HOSTILE_SEED` and
/// `THAIREPORT_HOSTILE_CASES` change the seed and the number of cases.
final class HostileFuzzTests: FolderTestCase {
    static let defaultSeed: UInt64 = 20_261_129
    static let defaultCases = 240
    static let cliEvery = 6
    /// The limits of the in-process check: filling a template in stops at a tenth of the standard
    /// steps, so that a case at the limit stays quick in the debug build (the command line, which
    /// has the standard limits, is run on the other kinds).
    static let limits: InputLimits = {
        var limits = InputLimits()
        limits.maximumTemplateSteps = 1_000_000
        return limits
    }()

    func testGeneratedHostileCasesStayBoundedAndTouchNothing() throws {
        let environment = ProcessInfo.processInfo.environment
        let seed = environment["THAIREPORT_HOSTILE_SEED"].flatMap { UInt64($0) } ?? Self.defaultSeed
        let caseCount = environment["THAIREPORT_HOSTILE_CASES"].flatMap { Int($0) } ?? Self.defaultCases
        var random = SplitMix64(seed: seed)
        let generator = HostileGenerator(sarabun: try Data(contentsOf: RenderTests.root.appendingPathComponent("Fonts/Sarabun/Sarabun-Regular.ttf")),
                                         jpeg: try HostileTestCase.picture("blue.jpg"), png: try HostileTestCase.picture("emblem.png"))
        let watchdog = Watchdog(limit: FuzzTests.caseTimeLimit * 3)
        var outcomes = [String: Int]()
        for index in 0..<caseCount {
            let kind = HostileGenerator.Kind.allCases[index % HostileGenerator.Kind.allCases.count]
            let made = generator.make(kind, random: &random)
            let label = "hostile case \(index) (seed \(seed)): \(made.name)"
            let caseFolder = folder.appendingPathComponent("case-\(index)")
            for (name, data) in made.files { try write("case-\(index)/\(name)", data) }
            let input = caseFolder.appendingPathComponent("r.yaml")
            watchdog.begin(label, input: input)
            let start = Date()
            do {
                _ = try ReportPipeline.check(path: input.path, limits: Self.limits)
                outcomes["\(kind) ok", default: 0] += 1
            } catch let list as DiagnosticList {
                XCTAssertFalse(list.errors.isEmpty, label)
                for item in list.items {
                    XCTAssertFalse(item.description.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "no raw control character printed: \(label)")
                }
                outcomes["\(kind) errors", default: 0] += 1
            } catch let error as ToolError {
                outcomes["\(kind) tool error", default: 0] += 1
                XCTAssertFalse(error.description.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, label)
            }
            watchdog.end()
            XCTAssertLessThan(Date().timeIntervalSince(start), FuzzTests.caseTimeLimit, label)
            if let output = made.aliasedOutput {
                try renderRefusingAlias(in: caseFolder, output: output, label: label)
            } else if index % Self.cliEvery == 0, kind != .template {
                try render(in: caseFolder, label: label)
            }
            try? FileManager.default.removeItem(at: caseFolder)
        }
        print("hostile fuzz: seed \(seed), \(caseCount) cases: " + outcomes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
    }

    /// The bytes of every regular file below `folder`, by relative path.
    private func contents(of folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for case let name as String in FileManager.default.enumerator(atPath: folder.path)! {
            let url = folder.appendingPathComponent(name)
            if (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true { result[name] = try Data(contentsOf: url) }
        }
        return result
    }

    /// `thaireport render` beside an earlier PDF: exit 0, 1 or 2, never a signal; on failure every
    /// file is as it was and no temporary file is left.
    private func render(in caseFolder: URL, label: String) throws {
        try Data("an earlier PDF".utf8).write(to: caseFolder.appendingPathComponent("out.pdf"))
        let before = try contents(of: caseFolder)
        let process = try RenderTests.run(RenderTests.binary.path, ["render", "-q", "r.yaml", "-o", "out.pdf"], directory: caseFolder)
        XCTAssertTrue([0, 1, 2].contains(process.0), "exit status \(process.0): \(label)")
        if process.0 != 0 { XCTAssertEqual(try contents(of: caseFolder), before, "nothing touched: \(label)") }
    }

    /// `thaireport render -o` naming one of the description's own files: exit 2, nothing touched.
    private func renderRefusingAlias(in caseFolder: URL, output: String, label: String) throws {
        let before = try contents(of: caseFolder)
        let process = try RenderTests.run(RenderTests.binary.path, ["render", "-q", "r.yaml", "-o", output], directory: caseFolder)
        XCTAssertEqual(process.0, 2, "\(label): \(process.2)")
        XCTAssertTrue(process.2.contains("a file this command reads"), "\(label): \(process.2)")
        XCTAssertEqual(try contents(of: caseFolder), before, "nothing touched: \(label)")
    }
}

/// Makes one hostile case of a kind: the files of its folder (the description is `r.yaml`) and,
/// for an aliasing case, the output name that is one of its inputs.
struct HostileGenerator {
    enum Kind: CaseIterable { case template, paragraph, rightToLeftAndControls, picture, font, csv, aliasedOutput }

    struct Case {
        var name: String
        var files: [String: Data]
        var aliasedOutput: String?
    }

    let sarabun: Data
    let jpeg: Data
    let png: Data

    func make(_ kind: Kind, random: inout SplitMix64) -> Case {
        switch kind {
        case .template: return template(&random)
        case .paragraph: return paragraph(&random)
        case .rightToLeftAndControls: return controls(&random)
        case .picture: return picture(&random)
        case .font: return font(&random)
        case .csv: return csv(&random)
        case .aliasedOutput: return aliased(&random)
        }
    }

    private func text(_ string: String) -> Data { Data(string.utf8) }

    /// A template whose definitions use each other (in a chain, doubling, or in a cycle), whose loops
    /// nest over the description's list, and whose expressions nest deep.
    private func template(_ random: inout SplitMix64) -> Case {
        let shape = random.below(3)
        // Doubling definitions make a text 2^depth long: beyond 10 it is a paragraph test, not a template one.
        let depth = 1 + random.below(shape == 1 ? 10 : 40)
        var lets = "  d0: x\n"
        for level in 1...depth {
            let previous = "d\(level - 1)"
            lets += "  d\(level): ${\(shape == 0 ? previous : shape == 1 ? "\(previous) + \(previous)" : "d\((level + 1) % (depth + 1))")}\n"
        }
        let parentheses = random.below(3) == 0 ? 60 + random.below(2_000) : random.below(60)
        let expression = String(repeating: "(", count: parentheses) + "1" + String(repeating: ")", count: parentheses)
        let loops = 1 + random.below(4)
        var body = "[\"${d\(depth)} ${\(expression)}\"]"
        for level in (0..<loops).reversed() { body = "{for-each: items, as: v\(level), do: \(body)}" }
        let items = (0..<random.below(200)).map(String.init).joined(separator: ", ")
        return Case(name: "template: \(depth) definitions (shape \(shape)), \(parentheses) parentheses, \(loops) nested loops",
                    files: ["t/template.yaml": text("fields: {items: {item: text}}\nlet:\n\(lets)document: {blocks: [\(body)]}\n"),
                            "r.yaml": text("template: ./t\nitems: [\(items)]\n")])
    }

    /// One paragraph of Thai, Latin or marks without a space.
    private func paragraph(_ random: inout SplitMix64) -> Case {
        let pieces = ["การพัฒนาท้องถิ่น", "abcdefghij", "ก\u{0E48}\u{0E48}\u{0E48}", "๑๒๓๔๕", "\u{0E31}\u{0E49}"]
        let piece = pieces[random.below(pieces.count)]
        let count = 200 + random.below(5_000)
        let paragraph = String(repeating: piece, count: count / piece.count + 1)
        return Case(name: "a paragraph of \(count) characters of \(piece)", files: ["r.yaml": text("blocks:\n  - \"\(paragraph)\"\n")])
    }

    /// Right-to-left text, bidirectional controls and control characters, raw or escaped.
    private func controls(_ random: inout SplitMix64) -> Case {
        let pieces = ["שלום עולם", "مرحبا", "\u{202E}", "\u{2067}", "\u{200F}", "\\e[31m", "\\0", "\\x07", "\\u202E", "\\ud800", "\\U0001F600",
                      "\u{1B}[2J", "\u{7}", "\u{7F}", "\u{85}", "\u{0}", "ข้อความ", "\\q", "\\x4G"]
        let line = (0..<(1 + random.below(6))).map { _ in pieces[random.below(pieces.count)] }.joined(separator: " ")
        let quoted = random.below(2) == 0
        let description = "blocks:\n  - " + (quoted ? "\"\(line)\"" : line) + "\n  - image: \"\(line).png\"\n"
        return Case(name: "controls: \(line.debugDescription)", files: ["r.yaml": text(description)])
    }

    /// A PNG or JPEG truncated, with a size it does not hold, or with bytes overwritten.
    private func picture(_ random: inout SplitMix64) -> Case {
        var bytes = [UInt8](random.below(2) == 0 ? jpeg : png)
        let isJPEG = bytes[0] == 0xFF
        var change = ""
        switch random.below(3) {
        case 0:
            bytes = Array(bytes.prefix(random.below(bytes.count)))
            change = "truncated to \(bytes.count) bytes"
        case 1:
            let width = [1, 32_767, 32_768, 40_000, 65_535, 7_000][random.below(6)], height = [1, 2, 7_000, 65_535][random.below(4)]
            if isJPEG, let frame = (0..<bytes.count - 9).first(where: { bytes[$0] == 0xFF && bytes[$0 + 1] == 0xC0 }) {
                bytes.replaceSubrange(frame + 5..<frame + 9, with: [UInt8(height >> 8), UInt8(height & 255), UInt8(width >> 8), UInt8(width & 255)])
            } else if !isJPEG {
                bytes.replaceSubrange(16..<24, with: [0, 0, UInt8(width >> 8), UInt8(width & 255), 0, 0, UInt8(height >> 8), UInt8(height & 255)])
            }
            change = "claiming \(width)×\(height)"
        default:
            for _ in 0..<(1 + random.below(20)) { bytes[random.below(bytes.count)] = UInt8(random.below(256)) }
            change = "bytes overwritten"
        }
        let name = isJPEG ? "p.jpg" : "p.png"
        return Case(name: "picture \(name) \(change)", files: [name: Data(bytes), "r.yaml": text("blocks:\n  - image: \(name)\n  - ข้อความ\n")])
    }

    /// Sarabun truncated, with bytes overwritten, or as a web font.
    private func font(_ random: inout SplitMix64) -> Case {
        var bytes = [UInt8](sarabun)
        var change = ""
        switch random.below(3) {
        case 0:
            bytes = Array(bytes.prefix(random.below(bytes.count)))
            change = "truncated to \(bytes.count) bytes"
        case 1:
            for _ in 0..<(1 + random.below(200)) { bytes[random.below(bytes.count)] = UInt8(random.below(256)) }
            change = "bytes overwritten"
        default:
            bytes.replaceSubrange(0..<4, with: Array((random.below(2) == 0 ? "wOFF" : "wOF2").utf8))
            change = "a web font"
        }
        return Case(name: "font \(change)", files: ["f.ttf": Data(bytes),
                                                   "r.yaml": text("fonts:\n  - {family: Sarabun, files: [f.ttf]}\nfont: Sarabun\nblocks: [ข้อความ abc]\n")])
    }

    /// A CSV file with stray quotes, other separators, line ends, a byte-order mark, NUL or long fields.
    private func csv(_ random: inout SplitMix64) -> Case {
        let fields = ["1", "\"a,b\"", "\"unclosed", "x\"y", "\"\"", "", "ก;ข", "\u{0}", "\u{1B}[31m", String(repeating: "ก", count: 2_000),
                      "\"two\nlines\"", "1,000.50", "\u{FEFF}"]
        let ends = ["\n", "\r\n", "\r"]
        var file = random.below(4) == 0 ? "\u{FEFF}" : ""
        for _ in 0..<random.below(30) {
            file += (0..<(1 + random.below(3))).map { _ in fields[random.below(fields.count)] }.joined(separator: random.below(5) == 0 ? ";" : ",")
            file += ends[random.below(ends.count)]
        }
        return Case(name: "CSV \(file.prefix(60).debugDescription)", files: ["data.csv": text(file),
            "r.yaml": text("blocks:\n  - table:\n      columns: [1cm, 1fr]\n      rows-from: data.csv\n")])
    }

    /// A description whose output is one of its own files.
    private func aliased(_ random: inout SplitMix64) -> Case {
        let files: [String: Data] = ["r.yaml": text("blocks:\n  - image: p.png\n  - table:\n      columns: [1cm, 1fr]\n      rows-from: data.csv\n"),
                                     "p.png": png, "data.csv": text("1,ก\n")]
        let output = ["r.yaml", "p.png", "data.csv", "./r.yaml"][random.below(4)]
        return Case(name: "output \(output) is an input", files: files, aliasedOutput: output)
    }
}
