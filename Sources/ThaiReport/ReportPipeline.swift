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
    public var description: String { "error: \(message)" }
}

/// What a successful render produced.
public struct RenderSummary {
    public var pages: Int
    public var warnings: [Diagnostic]
}

/// The whole pipeline: read and check a description, lay it out, draw it into a PDF that replaces
/// the output only once it is complete.
public enum ReportPipeline {
    /// Reads and validates a description; throws a `DiagnosticList` with every error found.
    /// Also opens every font and image it names, so `check` finds what `render` would.
    public static func load(path: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws -> (document: Document, images: [String: RasterImage], fonts: FontLibrary, warnings: [Diagnostic]) {
        let resources = try Resources.locate(environment: environment)
        var root = try YAMLLoader.load(path: path, displayName: path)
        let base = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if let reference = root.mapping?.first(where: { $0.key.scalar == "template" })?.value {
            let template = try TemplateLibrary(folder: resources.templates).template(for: reference, descriptionFolder: base)
            root = try TemplateExpander(template: template).expand(root)
        }
        let epoch = environment["SOURCE_DATE_EPOCH"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let builder = DocumentBuilder(environment: BuildEnvironment(baseDirectory: base, fontsDirectory: resources.fonts,
                                                                   sourceDateEpoch: epoch))
        let (document, warnings) = try builder.build(root)
        var problems: [Diagnostic] = []
        let fonts = try openFonts(document, problems: &problems)
        let images = openImages(document, problems: &problems)
        if !problems.isEmpty { throw DiagnosticList(problems.sorted { ($0.location?.line ?? 0) < ($1.location?.line ?? 0) }) }
        return (document, images, fonts, warnings)
    }

    /// Renders `input` to `output` (default: the input's name with `.pdf`). The PDF is written to a
    /// temporary file beside the output and moved into place only when complete.
    public static func render(input: String, output: String? = nil,
                              environment: [String: String] = ProcessInfo.processInfo.environment) throws -> RenderSummary {
        let target = output ?? URL(fileURLWithPath: input).deletingPathExtension().appendingPathExtension("pdf").path
        try checkWritable(target)
        let (document, images, fonts, warnings) = try load(path: input, environment: environment)
        let directory = URL(fileURLWithPath: target).deletingLastPathComponent().path
        let temporary = "\(directory)/.\(URL(fileURLWithPath: target).lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp"
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        let pages: Int
        var layoutWarnings: [LayoutWarning] = []
        do {
            let renderer = try PDFRenderer(path: temporary, metadata: document.metadata)
            let engine = LayoutEngine(document: document, shaper: TextShaper(library: fonts), images: images,
                                      dictionary: try Resources.thaiDictionary(environment: environment))
            try engine.layout { renderer.draw($0) }
            layoutWarnings = engine.warnings
            pages = renderer.pageCount
            try renderer.finish()
        } catch let error as GraphicsError {
            throw ToolError(error.message)
        }
        guard rename(temporary, target) == 0 else {
            throw ToolError("cannot move the finished PDF to \(target): \(String(cString: strerror(errno)))")
        }
        let laidOut = layoutWarnings.map { Diagnostic(.warning, at: $0.location, $0.message) }
        return RenderSummary(pages: pages, warnings: warnings + laidOut)
    }

    /// Fails before any work when the output cannot be written.
    static func checkWritable(_ target: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory) {
            if isDirectory.boolValue { throw ToolError("the output \(target) is a folder; name a .pdf file") }
            // The finished PDF replaces the output by renaming; a device or pipe must not be replaced.
            let type = (try? FileManager.default.attributesOfItem(atPath: target)[.type] as? FileAttributeType) ?? nil
            if type != .typeRegular {
                throw ToolError("the output \(target) is not a regular file; name a .pdf file")
            }
            if !FileManager.default.isWritableFile(atPath: target) { throw ToolError("the output \(target) cannot be overwritten (permission denied)") }
        }
        let directory = URL(fileURLWithPath: target).deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ToolError("the output folder \(directory) does not exist")
        }
        guard FileManager.default.isWritableFile(atPath: directory) else {
            throw ToolError("the output folder \(directory) is not writable")
        }
    }

    private static func openFonts(_ document: Document, problems: inout [Diagnostic]) throws -> FontLibrary {
        var files: [String] = []
        for family in document.fonts {
            var names = Set<String>()
            for file in family.files {
                guard let found = FontLibrary.familyNames(inFile: file) else {
                    if family.location == nil { throw ToolError("the bundled font \(file) is missing or damaged; reinstall thaireport") }
                    problems.append(Diagnostic(at: family.location, "\(file) is not a font file that can be used",
                                               hint: "give TrueType (.ttf) or OpenType (.otf) files"))
                    continue
                }
                names.formUnion(found)
                files.append(file)
            }
            if !names.isEmpty, !names.contains(family.name) {
                problems.append(Diagnostic(at: family.location, "the files of font family `\(family.name)` hold the family \(names.sorted().map { "`\($0)`" }.joined(separator: ", "))",
                                           hint: "write `family: \(names.sorted().first!)`"))
            }
        }
        do {
            return try FontLibrary(files: files)
        } catch let error as GraphicsError {
            throw ToolError(error.message)
        }
    }

    private static func openImages(_ document: Document, problems: inout [Diagnostic]) -> [String: RasterImage] {
        var images: [String: RasterImage] = [:]
        for section in document.sections {
            for case let .image(block) in section.blocks where images[block.path] == nil {
                do {
                    images[block.path] = try RasterImage.load(path: block.path)
                } catch let error as GraphicsError {
                    problems.append(Diagnostic(at: block.location, error.message, hint: "give a PNG or JPEG file"))
                } catch {
                    problems.append(Diagnostic(at: block.location, "\(error)"))
                }
            }
        }
        return images
    }
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

    /// The bundled Thai word list (`Dictionary/thai-words.txt`, beside `Fonts/`) that keeps words
    /// whole when lines break.
    public static func thaiDictionary(environment: [String: String]) throws -> ThaiDictionary {
        let root = URL(fileURLWithPath: try locate(environment: environment).fonts).deletingLastPathComponent()
        let path = root.appendingPathComponent("Dictionary/thai-words.txt").path
        do {
            return try ThaiDictionary(contentsOfFile: path)
        } catch {
            throw ToolError("the bundled word list \(path) is missing or unreadable; reinstall thaireport")
        }
    }
}
