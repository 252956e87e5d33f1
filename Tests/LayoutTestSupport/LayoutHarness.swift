import Foundation
import Graphics
import ReportLayout
import ReportModel
import ReportSyntax
import ThaiReport
import ThaiText

/// Lays descriptions out for the layout tests: the bundled Sarabun fonts and Thai word list are
/// loaded once per process.
public enum LayoutHarness {
    private static let environment = ProcessInfo.processInfo.environment
    private static let fontsDirectory = try! Resources.locate(environment: environment).fonts
    private static let library = try! FontLibrary(files: ["Regular", "Bold", "Italic", "BoldItalic"].map {
        "\(fontsDirectory)/Sarabun/Sarabun-\($0).ttf"
    })
    /// The bundled Thai word list, for tests of where lines break.
    public static let bundledWords = try! Resources.thaiDictionary(environment: environment)

    /// The document `yaml` describes, read as `t.yaml`.
    public static func document(_ yaml: String) throws -> Document {
        let root = try YAMLLoader.parse(data: Data(yaml.utf8), file: "t.yaml")
        let builder = DocumentBuilder(environment: BuildEnvironment(baseDirectory: "/tmp", fontsDirectory: fontsDirectory, sourceDateEpoch: 0))
        return try builder.build(root).0
    }

    /// A layout engine for `document`, keeping `words` whole when lines break.
    public static func engine(_ document: Document, words: ThaiDictionary = .empty) -> LayoutEngine {
        LayoutEngine(document: document, shaper: TextShaper(library: library), images: ImageLibrary(), dictionary: words)
    }

    /// Every page of the layout of `yaml`.
    public static func pages(_ yaml: String, words: ThaiDictionary = .empty) throws -> [PageFrame] {
        var pages: [PageFrame] = []
        try engine(try document(yaml), words: words).layout { pages.append($0) }
        return pages
    }

    /// Every page of the layout of the description file at `path` (a template's example, say), with
    /// its pictures and the bundled word list, as `render` lays it out.
    public static func pages(ofFile path: String) throws -> [PageFrame] {
        let report = try ReportPipeline.load(path: path, environment: environment)
        var pages: [PageFrame] = []
        try LayoutEngine(document: report.document, shaper: TextShaper(library: report.fonts), images: report.images,
                         dictionary: bundledWords).layout { pages.append($0) }
        return pages
    }

    /// The text lines inside the page's text area (header, footer and page number left out).
    public static func bodyLines(_ page: PageFrame) -> [PlacedText] {
        page.lines.filter { $0.top >= page.textArea.y - 0.01 && $0.bottom <= page.textArea.maxY + 0.01 }
    }
}
