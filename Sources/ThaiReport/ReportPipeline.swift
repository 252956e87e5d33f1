import Foundation
import Graphics
import ReportLayout
import ReportModel
import ReportRender
import ReportSyntax
import ReportTemplates
import ThaiText

/// A failure of the tool itself rather than of the description: an output that cannot be written,
/// missing bundled resources or libraries. The CLI exits with status 2 for these.
public struct ToolError: Error, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { ControlCharacters.printable("error: \(message)") }
}

/// What a successful render produced.
public struct RenderSummary {
    public var pages: Int
    public var warnings: [Diagnostic]
}

/// A description read and checked, with the pictures and fonts it names opened: everything layout needs.
public struct LoadedReport {
    public var document: Document
    /// Decoded pictures, by absolute path.
    public var images: ImageLibrary
    public var fonts: FontLibrary
    /// Warnings found while reading, in file order.
    public var warnings: [Diagnostic]
    /// Every file read for it: the description, its template, the files it names, the fonts.
    public var inputs: [String]
}

/// The whole pipeline: read and check a description, lay it out, draw it into a PDF that replaces
/// the output only once it is complete. `check` runs the same steps without drawing, so it reports
/// exactly what `render` would.
public enum ReportPipeline {
    /// Reads and validates a description and opens every font and picture it names; throws a
    /// `DiagnosticList` with every error found, in file order.
    public static func load(path: String, environment: [String: String] = ProcessInfo.processInfo.environment,
                            limits: InputLimits = .standard) throws -> LoadedReport {
        let resources = try Resources.locate(environment: environment)
        let (root, read, templateWarnings) = try description(path: path, environment: environment, limits: limits)
        let base = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let epoch = environment["SOURCE_DATE_EPOCH"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let files = OpenedFiles(limits: limits)
        let displayDirectory = PathText.folder(of: path)
        let builder = DocumentBuilder(environment: BuildEnvironment(baseDirectory: base, fontsDirectory: resources.fonts,
                                                                   sourceDateEpoch: epoch, displayDirectory: displayDirectory,
                                                                   limits: limits, inspector: files))
        let (document, warnings) = try builder.build(root)
        return LoadedReport(document: document, images: files.images, fonts: try openFonts(document), warnings: templateWarnings + warnings,
                            inputs: read + files.read + document.fonts.flatMap(\.files))
    }

    /// The report description at `path` with its template, if it names one, filled in: what the
    /// model reads; the files read for it (the description, its template); and the template's
    /// warnings about the figures it computed. Throws a `DiagnosticList` with every problem the
    /// template finds.
    public static func description(path: String, environment: [String: String] = ProcessInfo.processInfo.environment,
                                   limits: InputLimits = .standard) throws -> (root: SyntaxNode, inputs: [String], warnings: [Diagnostic]) {
        let root = try YAMLLoader.load(path: path, displayName: path, limits: limits)
        guard let reference = root.mapping?.first(where: { $0.key.scalar == "template" })?.value else { return (root, [path], []) }
        let base = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let template = try TemplateLibrary(folder: try Resources.locate(environment: environment).templates)
            .template(for: reference, descriptionFolder: base, limits: limits)
        let expander = TemplateExpander(template: template, limits: limits)
        return (try expander.expand(root), [path, template.path], expander.warnings)
    }

    /// Everything `render` reports for `path` (reading, checking, layout), without writing anything.
    /// Throws a `DiagnosticList` when the description has errors; returns the warnings otherwise.
    public static func check(path: String, environment: [String: String] = ProcessInfo.processInfo.environment,
                             limits: InputLimits = .standard) throws -> [Diagnostic] {
        let report = try load(path: path, environment: environment, limits: limits)
        let engine = try layoutEngine(for: report, environment: environment)
        try keepingWarnings(report.warnings) { try engine.layout { _ in } }
        return report.warnings + engine.warnings.map(\.diagnostic)
    }

    /// Renders `input` to `output` (default: `defaultOutput(for:)`). The output is checked before
    /// any work; the PDF is written to a temporary file beside it and moved into place only when complete.
    public static func render(input: String, output: String? = nil,
                              environment: [String: String] = ProcessInfo.processInfo.environment,
                              limits: InputLimits = .standard) throws -> RenderSummary {
        let target = try OutputFile(output ?? defaultOutput(for: input), mode: .replace, inputs: [input])
        // The description and its layout are let go once the last page is drawn, before the PDF is
        // finished, so the memory of the two steps does not add up.
        var report: LoadedReport? = try load(path: input, environment: environment, limits: limits)
        var engine: LayoutEngine? = try layoutEngine(for: report!, environment: environment)
        let inputs = report!.inputs + [try Resources.thaiDictionaryPath(environment: environment)]
        var pages = 0
        var warnings: [Diagnostic] = []
        try target.write(reading: inputs) { temporary in
            let renderer = try PDFRenderer(path: temporary, metadata: report!.document.metadata, fonts: report!.fonts, images: report!.images)
            // Layout and drawing overlap on two threads; the PDF is the same as one thread makes.
            try keepingWarnings(report!.warnings) {
                try PagePipeline(environment: environment).run(layout: { try engine!.layout($0) }, draw: { renderer.draw($0) })
            }
            pages = renderer.pageCount
            warnings = report!.warnings + engine!.warnings.map(\.diagnostic)
            engine = nil
            report = nil
            Resources.releaseThaiDictionaries()
            try renderer.finish()
        }
        return RenderSummary(pages: pages, warnings: warnings)
    }

    /// Runs layout; the errors it throws are reported together with the warnings found while the
    /// description was read (`warnings`), in file order, so a layout error loses none of them.
    private static func keepingWarnings(_ warnings: [Diagnostic], _ layout: () throws -> Void) throws {
        do {
            try layout()
        } catch let list as DiagnosticList {
            let all = DiagnosticCollector()
            for item in warnings + list.items { all.add(item) }
            throw DiagnosticList(all.sorted)
        }
    }

    /// Where `render` writes without `-o`: the input's name with `.pdf`, beside it.
    public static func defaultOutput(for input: String) -> String {
        (input as NSString).deletingPathExtension + ".pdf"
    }

    /// The layout engine for a loaded report, with the bundled Thai word list: `check` and `render`
    /// lay out with the same one.
    private static func layoutEngine(for report: LoadedReport, environment: [String: String]) throws -> LayoutEngine {
        LayoutEngine(document: report.document, shaper: TextShaper(library: report.fonts), images: report.images,
                     dictionary: try Resources.thaiDictionary(environment: environment))
    }

    /// The font library of the document's families (the description's files were opened while it
    /// was checked; each file is read once more, by fontconfig, and the bundled ones only then).
    private static func openFonts(_ document: Document) throws -> FontLibrary {
        do {
            return try FontLibrary(files: document.fonts.flatMap(\.files))
        } catch let error as GraphicsError {
            if let file = error.path, document.fonts.contains(where: { $0.location == nil && $0.files.contains(file) }) {
                throw ToolError("the bundled font \(file) is missing or damaged; reinstall thaireport")
            }
            throw ToolError(error.message)
        }
    }
}

/// The pictures and fonts a description names, opened while it is checked: pictures are decoded once
/// per file and kept for layout, within the limits on a picture's size and on all pictures together.
/// A picture larger than its page can show is kept at `InputLimits.imageResolution` for the page
/// where it first appears.
final class OpenedFiles: ResourceInspector {
    private let limits: InputLimits
    let images = ImageLibrary()
    /// Every file the description names, in the order it names them.
    private(set) var read: [String] = []
    private var totalPixels = 0

    init(limits: InputLimits) { self.limits = limits }

    func inspectImage(atPath path: String, largestSide: Double) -> (reason: String, hint: String)? {
        if images.id(forPath: path) != nil { return nil }
        let image: RasterImage
        do {
            image = try RasterImage.load(path: path, limits: RasterImage.Limits(maximumBytes: limits.maximumFileBytes,
                                                                               maximumPixels: limits.maximumImagePixels,
                                                                               maximumKeptSide: Int((largestSide / 72 * limits.imageResolution).rounded(.up))))
        } catch let error as RasterImage.LoadError {
            return (error.reason, error.hint)
        } catch {
            return ("cannot be read (\(error))", "give a PNG or JPEG file")
        }
        let pixels = image.keptPixels
        guard totalPixels + pixels <= limits.maximumTotalImagePixels else {
            return ("brings the pictures together past \(String(format: "%g", Double(limits.maximumTotalImagePixels) / 1e6)) megapixels",
                    "scale the pictures down; an A4 page printed at 300 dpi needs about 9 megapixels")
        }
        totalPixels += pixels
        images.add(image, path: path)
        return nil
    }

    func fontFamilies(inFile path: String) -> Result<[String], ResourceProblem> {
        do {
            return .success(try FontLibrary.checkedFamilyNames(inFile: path))
        } catch let problem as FontFileProblem {
            return .failure(ResourceProblem(reason: problem.reason, hint: problem.hint))
        } catch {
            return .failure(ResourceProblem(reason: "cannot be read (\(error))", hint: "check its permissions"))
        }
    }

    func willRead(_ path: String) { read.append(path) }
}

extension LayoutWarning {
    /// The warning as a diagnostic, for the lists `render` and `check` print.
    var diagnostic: Diagnostic { Diagnostic(.warning, at: location, message) }
}

extension ReportPipeline {
    /// The bundled templates.
    public static func templateLibrary(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> TemplateLibrary {
        TemplateLibrary(folder: try Resources.locate(environment: environment).templates)
    }
}

/// Finds the bundled `Fonts/` and `Templates/` folders: `THAIREPORT_HOME`, then the folders above
/// the executable (a build inside the source tree, or `share/thaireport` beside `bin/`), then the
/// source tree this binary was built from.
public enum Resources {
    public static func locate(environment: [String: String]) throws -> (fonts: String, templates: String) {
        var candidates: [URL] = []
        if let home = environment["THAIREPORT_HOME"] { candidates.append(URL(fileURLWithPath: home)) }
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            var folder = executable.deletingLastPathComponent()
            for _ in 0..<6 {
                candidates.append(folder)
                candidates.append(folder.appendingPathComponent("share/thaireport"))
                folder = folder.deletingLastPathComponent()
            }
        }
        candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent())
        for root in candidates where FileManager.default.fileExists(atPath: root.appendingPathComponent("Fonts/Sarabun/Sarabun-Regular.ttf").path) {
            return (root.appendingPathComponent("Fonts").path, root.appendingPathComponent("Templates").path)
        }
        throw ToolError("cannot find thaireport's Fonts folder; set THAIREPORT_HOME to the folder that holds Fonts/ and Templates/")
    }

    /// The bundled Thai word list (`Dictionary/thai-words.packed`, beside `Fonts/`, the trie made from
    /// `thai-words.txt` by `scripts/pack-words.py`) that keeps words whole when lines break. Read
    /// once per process: a program that lays out many reports (the tests) reads it once.
    public static func thaiDictionary(environment: [String: String]) throws -> ThaiDictionary {
        let path = try thaiDictionaryPath(environment: environment)
        dictionaryLock.lock()
        defer { dictionaryLock.unlock() }
        if let cached = dictionaries[path] { return cached }
        do {
            let dictionary = try ThaiDictionary(packedFile: path)
            dictionaries[path] = dictionary
            return dictionary
        } catch {
            throw ToolError("the bundled word list \(path) is missing or unreadable (\(error)); reinstall thaireport")
        }
    }

    /// Where the bundled Thai word list is.
    /// Lets the word lists read so far go (the next `thaiDictionary` reads its file again): `render`
    /// needs none once its pages are laid out.
    static func releaseThaiDictionaries() {
        dictionaryLock.lock()
        defer { dictionaryLock.unlock() }
        dictionaries.removeAll()
    }

    static func thaiDictionaryPath(environment: [String: String]) throws -> String {
        let root = URL(fileURLWithPath: try locate(environment: environment).fonts).deletingLastPathComponent()
        return root.appendingPathComponent("Dictionary/thai-words.packed").path
    }

    private static let dictionaryLock = NSLock()
    nonisolated(unsafe) private static var dictionaries: [String: ThaiDictionary] = [:]
}
