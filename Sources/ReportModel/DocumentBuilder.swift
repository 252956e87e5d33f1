import Foundation
import ReportSyntax
import ThaiText

/// What the builder needs from outside the description: where relative paths start, where the
/// bundled fonts are, the build's fixed time, the input limits, and who opens the files it names.
public struct BuildEnvironment {
    /// Folder of the description file; relative paths are resolved from it and may not leave it.
    public var baseDirectory: String
    /// Folder holding the bundled fonts (`Fonts/`).
    public var fontsDirectory: String
    /// `SOURCE_DATE_EPOCH`, used as the creation date when the description gives none.
    public var sourceDateEpoch: Int?
    /// How messages name the description's folder (as the command was given it, `""` for the current
    /// folder), so that locations in a CSV file open from where the command ran.
    public var displayDirectory: String
    public var limits: InputLimits
    /// Opens pictures and fonts as they are named; without one, only their paths are checked.
    public var inspector: ResourceInspector?

    public init(baseDirectory: String, fontsDirectory: String, sourceDateEpoch: Int?, displayDirectory: String = "",
                limits: InputLimits = .standard, inspector: ResourceInspector? = nil) {
        self.baseDirectory = baseDirectory
        self.fontsDirectory = fontsDirectory
        self.sourceDateEpoch = sourceDateEpoch
        self.displayDirectory = displayDirectory
        self.limits = limits
        self.inspector = inspector
    }
}

/// Why a file a description names cannot be used.
public struct ResourceProblem: Error {
    public var reason: String
    public var hint: String
    public init(reason: String, hint: String) {
        self.reason = reason
        self.hint = hint
    }
}

/// Opens the files a description names while it is checked, so that a damaged picture or font is
/// reported together with the description's other errors, at the place that names it.
public protocol ResourceInspector: AnyObject {
    /// Nil when the picture at `path` can be drawn; otherwise why not: `reason` completes a sentence
    /// that starts with the file's name ("is a damaged PNG file"), `hint` says how to fix it.
    /// `largestSide` (points) is the longest the picture can be drawn: what it keeps is bounded by it.
    func inspectImage(atPath path: String, largestSide: Double) -> (reason: String, hint: String)?
    /// The family names a font file holds, or why it cannot be used (`reason` completes a sentence
    /// that starts with the file's name, `hint` says how to fix it).
    func fontFamilies(inFile path: String) -> Result<[String], ResourceProblem>
    /// Told of every file the description names (a picture, CSV file or font) before it is read,
    /// so that a command can refuse to write its output over one of them.
    func willRead(_ path: String)
}

/// Turns located YAML nodes into a validated `Document`, collecting every problem with its place.
public final class DocumentBuilder {
    let environment: BuildEnvironment
    let diagnostics = DiagnosticCollector()
    var styles: [String: TextStyle] = [:]
    var digits: ThaiFormatting.Digits = .thai
    var families: [FontFamily] = []
    /// Table body rows read so far, counted against `InputLimits.maximumTableRows`.
    var tableRows = 0
    /// Height of the text area of the pages of the section whose blocks are being read.
    var sectionTextHeight = 0.0
    /// The longer side of that text area: no picture is drawn larger.
    var sectionTextLongestSide = 0.0

    static let topKeys = ["metadata", "font", "fonts", "styles", "digits", "page", "keep-together", "words", "blocks", "sections"]

    public init(environment: BuildEnvironment) {
        self.environment = environment
    }

    /// The description's own dictionary words: Thai letters only, each kept whole like the bundled words.
    func readWords(_ top: MappingReader) -> [String] {
        let words = top.texts("words") ?? []
        let items = top.value("words")?.sequence ?? []
        for (index, word) in words.enumerated() where !Self.isThaiWord(word) {
            let location = index < items.count ? items[index].location : top.keyLocation("words")
            diagnostics.error(location, "`\(word)` in `words` is not a Thai word (Thai letters only, no spaces or digits)",
                              hint: "list names and phrases with spaces under `keep-together`")
        }
        return words
    }

    static func isThaiWord(_ word: String) -> Bool {
        !word.isEmpty && word.unicodeScalars.allSatisfy { (0x0E01...0x0E4F).contains($0.value) }
    }

    /// Builds the document, or throws every error found (warnings are returned with the document).
    public func build(_ root: SyntaxNode) throws -> (Document, [Diagnostic]) {
        guard let top = MappingReader(root, context: "the description", allowed: Self.topKeys, diagnostics: diagnostics) else {
            throw DiagnosticList(diagnostics.sorted)
        }
        let metadata = readMetadata(top)
        digits = top.choice("digits", ThaiFormatting.Digits.self) ?? .thai
        families = readFonts(top)
        let defaultFamily = top.text("font") ?? StyleSheet.defaultFamily
        if let node = top.value("font"), !families.contains(where: { $0.name == defaultFamily }) {
            reportUnknownFont(defaultFamily, at: node.location)
        }
        styles = StyleSheet.defaults(font: defaultFamily)
        if let node = top.value("styles") { readStyles(node) }
        let keepTogether = top.texts("keep-together") ?? []
        let words = readWords(top)
        let basePage = readPage(top.value("page"), base: defaultPage())

        var sections: [Section] = []
        if let blocks = top.value("blocks") {
            if top.has("sections") {
                diagnostics.error(top.keyLocation("sections"), "a description has either `blocks` or `sections`, not both",
                                  hint: "move the blocks into a section")
            }
            sectionTextHeight = basePage.textHeight
            sectionTextLongestSide = max(basePage.textWidth, basePage.textHeight)
            sections.append(Section(page: basePage, blocks: readBlocks(blocks)))
        } else if let list = top.value("sections") {
            guard let items = list.sequence else {
                diagnostics.error(list.location, "`sections` must be a list of sections, found \(list.kindName)")
                throw DiagnosticList(diagnostics.sorted)
            }
            for item in items {
                guard let reader = MappingReader(item, context: "a section", allowed: ["page", "blocks"], diagnostics: diagnostics) else { continue }
                let page = readPage(reader.value("page"), base: basePage)
                guard let blocks = reader.value("blocks") else {
                    diagnostics.error(item.location, "a section needs `blocks`")
                    continue
                }
                sectionTextHeight = page.textHeight
                sectionTextLongestSide = max(page.textWidth, page.textHeight)
                sections.append(Section(page: page, blocks: readBlocks(blocks)))
            }
        } else {
            diagnostics.error(root.location, "the description has no content", hint: "add `blocks:` (a list of headings, paragraphs, tables…) or `sections:`")
        }
        if diagnostics.hasErrors { throw DiagnosticList(diagnostics.sorted) }
        let document = Document(metadata: metadata, fonts: families, styles: styles, digits: digits,
                                keepTogether: keepTogether, words: words, sections: sections)
        return (document, diagnostics.sorted)
    }

    // MARK: Metadata and fonts

    private func readMetadata(_ top: MappingReader) -> Metadata {
        var metadata = Metadata(created: environment.sourceDateEpoch)
        guard let node = top.value("metadata"),
              let reader = MappingReader(node, context: "`metadata`",
                                         allowed: ["title", "author", "subject", "keywords", "language", "created"],
                                         diagnostics: diagnostics) else { return metadata }
        metadata.title = reader.text("title")
        metadata.author = reader.text("author")
        metadata.subject = reader.text("subject")
        metadata.keywords = reader.texts("keywords") ?? []
        metadata.language = reader.text("language") ?? "th"
        if let node = reader.value("created"), let text = Values.text(node, what: "`created`", diagnostics: diagnostics) {
            if let seconds = Self.parseTimestamp(text) {
                metadata.created = seconds
            } else {
                diagnostics.error(node.location, "`created` must be a date like `2024-11-17` or `2024-11-17T09:30:00Z`, found `\(text)`")
            }
        }
        return metadata
    }

    /// Seconds since 1970 for `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS` followed by `Z` (UTC) or an
    /// offset `+HH:MM`/`-HH:MM` (RFC 3339). The date is read as every date of the format is
    /// (`ThaiFormatting.CalendarDate.parse`): a year above 2400 is a Buddhist Era year, so
    /// `2567-10-15` is 15 October 2024. Plain arithmetic: no date formatter (and its ICU data) is loaded.
    static func parseTimestamp(_ text: String) -> Int? {
        let written = ThaiFormatting.digits(text.trimmingCharacters(in: .whitespaces), .arabic)
        guard let date = ThaiFormatting.CalendarDate.parse(String(written.prefix(10))) else { return nil }
        let day = date.daysSince1970 * 86_400
        let time = Array(written.dropFirst(10).utf8)
        guard !time.isEmpty else { return day }
        /// The two-digit number at `offset` of `time`, if it is one and at most `limit`.
        func number(at offset: Int, limit: Int) -> Int? {
            guard offset + 2 <= time.count, time[offset...].prefix(2).allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
            let value = Int(time[offset] - 0x30) * 10 + Int(time[offset + 1] - 0x30)
            return value <= limit ? value : nil
        }
        guard time.count >= 10, time[0] == UInt8(ascii: "T"), time[3] == UInt8(ascii: ":"), time[6] == UInt8(ascii: ":"),
              let hours = number(at: 1, limit: 23), let minutes = number(at: 4, limit: 59), let seconds = number(at: 7, limit: 59)
        else { return nil }
        let clock = day + hours * 3600 + minutes * 60 + seconds
        let zone = time[9...]
        if zone.elementsEqual("Z".utf8) { return clock }
        guard zone.count == 6, let sign = zone.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"), time[12] == UInt8(ascii: ":"),
              let offsetHours = number(at: 10, limit: 23), let offsetMinutes = number(at: 13, limit: 59)
        else { return nil }
        let offset = offsetHours * 3600 + offsetMinutes * 60
        return sign == UInt8(ascii: "+") ? clock - offset : clock + offset
    }

    /// The bundled Sarabun family and those the description adds.
    private func readFonts(_ top: MappingReader) -> [FontFamily] {
        let bundled = ["Sarabun-Regular.ttf", "Sarabun-Bold.ttf", "Sarabun-Italic.ttf", "Sarabun-BoldItalic.ttf"]
            .map { "\(environment.fontsDirectory)/Sarabun/\($0)" }
        // DejaVu Sans supplies symbols Sarabun lacks (✓ ✗ ☐ arrows) through font fallback.
        let symbols = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"].map { "\(environment.fontsDirectory)/DejaVu/\($0)" }
        var result = [FontFamily(name: StyleSheet.defaultFamily, files: bundled, scale: StyleSheet.sarabunScale),
                      FontFamily(name: "DejaVu Sans", files: symbols, scale: StyleSheet.sarabunScale)]
        guard let node = top.value("fonts") else { return result }
        guard let items = node.sequence else {
            diagnostics.error(node.location, "`fonts` must be a list of font families, found \(node.kindName)")
            return result
        }
        for item in items {
            guard let reader = MappingReader(item, context: "a font family", allowed: ["family", "files", "scale"], diagnostics: diagnostics) else { continue }
            guard let name = reader.text("family") else {
                diagnostics.error(item.location, "a font family needs `family` (the name styles use, as in the font file)")
                continue
            }
            var files: [String] = []
            var familiesInFiles = Set<String>()
            if let list = reader.value("files") {
                for fileNode in list.sequence ?? [list] {
                    guard let path = Values.text(fileNode, what: "a font file", diagnostics: diagnostics),
                          let resolved = resolve(path: path, at: fileNode.location, what: "font file") else { continue }
                    if let inspector = environment.inspector {
                        switch inspector.fontFamilies(inFile: resolved) {
                        case let .success(found): familiesInFiles.formUnion(found)
                        case let .failure(problem):
                            diagnostics.error(fileNode.location, "the font file `\(path)` \(problem.reason)", hint: problem.hint)
                            continue
                        }
                    }
                    files.append(resolved)
                }
            } else {
                diagnostics.error(item.location, "font family `\(name)` needs `files` (its .ttf or .otf files)")
            }
            if !familiesInFiles.isEmpty, !familiesInFiles.contains(name), let familyNode = reader.value("family") {
                let held = familiesInFiles.sorted()
                diagnostics.error(familyNode.location, "the files of font family `\(name)` hold the family \(held.map { "`\($0)`" }.joined(separator: ", "))",
                                  hint: "write `family: \(held[0])`")
            }
            result.append(FontFamily(name: name, files: files, scale: reader.number("scale", in: 0.1...5) ?? 1, location: item.location))
        }
        return result
    }

    func reportUnknownFont(_ name: String, at location: SourceLocation) {
        let names = families.map(\.name)
        let near = Suggestion.nearest(to: name, in: names).map { "did you mean `\($0)`? " } ?? ""
        diagnostics.error(location, "unknown font `\(name)`", hint: "\(near)known fonts: \(names.joined(separator: ", ")); add others under `fonts`")
    }

    /// An absolute path for a file named in the description; reports files that are missing,
    /// unreadable, not regular, or outside the description's folder.
    func resolve(path: String, at location: SourceLocation, what: String) -> String? {
        guard let resolved = PermittedFolders(descriptionFolder: environment.baseDirectory)
            .resolve(path, at: location, what: what, diagnostics: diagnostics) else { return nil }
        environment.inspector?.willRead(resolved)
        return resolved
    }

    // MARK: Styles

    static let styleKeys = ["based-on", "font", "size", "bold", "italic", "underline", "color", "align", "first-line-indent",
                            "left-indent", "hanging-indent", "space-before", "space-after", "line-spacing", "keep-with-next"]

    private func readStyles(_ node: SyntaxNode) {
        guard let pairs = node.mapping else {
            diagnostics.error(node.location, "`styles` must map style names to their settings, found \(node.kindName)")
            return
        }
        for (key, value) in pairs {
            guard let name = key.scalar else { continue }
            guard let reader = MappingReader(value, context: "style `\(name)`", allowed: Self.styleKeys, diagnostics: diagnostics) else { continue }
            var base = styles[name] ?? styles[StyleSheet.body]!
            if let parent = reader.text("based-on") {
                if let style = styles[parent] {
                    base = style
                } else {
                    reportUnknownStyle(parent, at: reader.value("based-on")!.location)
                }
            }
            styles[name] = apply(reader, to: base)
        }
    }

    /// A style with the settings found in `reader` applied on top of `base`.
    func apply(_ reader: MappingReader, to base: TextStyle) -> TextStyle {
        var style = base
        if let font = reader.text("font") {
            if families.contains(where: { $0.name == font }) { style.font = font } else { reportUnknownFont(font, at: reader.value("font")!.location) }
        }
        style.size = reader.number("size", in: 4...200) ?? style.size
        style.bold = reader.bool("bold") ?? style.bold
        style.italic = reader.bool("italic") ?? style.italic
        style.underline = reader.bool("underline") ?? style.underline
        style.color = reader.color("color") ?? style.color
        style.align = reader.choice("align", HorizontalAlignment.self) ?? style.align
        style.firstLineIndent = reader.length("first-line-indent") ?? style.firstLineIndent
        style.leftIndent = reader.length("left-indent") ?? style.leftIndent
        // A style made centred or right-aligned keeps no first-line indent it did not ask for.
        if reader.has("align"), style.align == .center || style.align == .right, !reader.has("first-line-indent") {
            style.firstLineIndent = 0
        }
        // A hanging indent: the first line starts at the style's own `left-indent` (default 0), every
        // other line `hanging-indent` further in.
        if let hanging = reader.length("hanging-indent") {
            style.leftIndent = (reader.length("left-indent") ?? 0) + hanging
            style.firstLineIndent = -hanging
        }
        style.spaceBefore = reader.length("space-before") ?? style.spaceBefore
        style.spaceAfter = reader.length("space-after") ?? style.spaceAfter
        style.lineSpacing = reader.number("line-spacing", in: 0.5...5) ?? style.lineSpacing
        style.keepWithNext = reader.bool("keep-with-next") ?? style.keepWithNext
        return style
    }

    func reportUnknownStyle(_ name: String, at location: SourceLocation) {
        let names = styles.keys.sorted()
        let near = Suggestion.nearest(to: name, in: names).map { "did you mean `\($0)`? " } ?? ""
        diagnostics.error(location, "unknown style `\(name)`", hint: "\(near)define it under `styles` or use one of: \(names.joined(separator: ", "))")
    }

    /// The style name under `key`, checked to exist.
    func styleName(_ reader: MappingReader, _ key: String = "style", default fallback: String) -> String {
        guard let name = reader.text(key) else { return fallback }
        guard styles[name] != nil else {
            reportUnknownStyle(name, at: reader.value(key)!.location)
            return fallback
        }
        return name
    }

    // MARK: Page setup

    static let paperSizes: [String: (Double, Double)] = [
        "a4": (21 * Units.cm, 29.7 * Units.cm), "a5": (14.8 * Units.cm, 21 * Units.cm), "a3": (29.7 * Units.cm, 42 * Units.cm),
        "letter": (8.5 * Units.inch, 11 * Units.inch), "legal": (8.5 * Units.inch, 14 * Units.inch),
        "f4": (21 * Units.cm, 33 * Units.cm),
    ]

    private func defaultPage() -> PageSetup {
        PageSetup(paper: Self.paperSizes["a4"]!, orientation: .portrait,
                  margins: Insets(top: 2.5 * Units.cm, right: 2 * Units.cm, bottom: 2 * Units.cm, left: 3 * Units.cm),
                  headerDistance: 1.2 * Units.cm, footerDistance: 1 * Units.cm,
                  header: MarginText(style: StyleSheet.header), footer: MarginText(style: StyleSheet.footer),
                  pageNumbers: PageNumbering(position: .topCenter, style: .dash, digits: digits, skipFirstPage: false))
    }

    private func readPage(_ node: SyntaxNode?, base: PageSetup) -> PageSetup {
        guard let node else { return base }
        guard let reader = MappingReader(node, context: "`page`", allowed: ["size", "orientation", "margins", "header", "footer",
                                                                           "page-numbers", "header-distance", "footer-distance"],
                                         diagnostics: diagnostics) else { return base }
        var page = base
        if let size = reader.value("size") {
            if let name = size.scalar {
                if let paper = Self.paperSizes[name.lowercased()] {
                    page.paper = paper
                } else {
                    let names = Self.paperSizes.keys.sorted().map { $0.uppercased() }
                    let near = Suggestion.nearest(to: name.uppercased(), in: names).map { "did you mean `\($0)`? " } ?? ""
                    diagnostics.error(size.location, "unknown paper size `\(name)`", hint: "\(near)use \(names.joined(separator: ", ")) or [width, height]")
                }
            } else if let pair = size.sequence, pair.count == 2,
                      let w = Values.length(pair[0], what: "the paper width", diagnostics: diagnostics),
                      let h = Values.length(pair[1], what: "the paper height", diagnostics: diagnostics) {
                if w < 3 * Units.cm || h < 3 * Units.cm {
                    diagnostics.error(size.location, "the paper is too small (at least 3cm each way)")
                } else {
                    page.paper = (min(w, h), max(w, h))
                }
            } else {
                diagnostics.error(size.location, "`size` must be a paper name like A4 or [width, height]")
            }
        }
        page.orientation = reader.choice("orientation", PageSetup.Orientation.self) ?? page.orientation
        if let margins = reader.value("margins") { page.margins = readMargins(margins, base: page.margins) }
        page.headerDistance = reader.length("header-distance") ?? page.headerDistance
        page.footerDistance = reader.length("footer-distance") ?? page.footerDistance
        if let header = reader.value("header") { page.header = readMarginText(header, base: page.header, what: "`header`") }
        if let footer = reader.value("footer") { page.footer = readMarginText(footer, base: page.footer, what: "`footer`") }
        if let numbers = reader.value("page-numbers") { page.pageNumbers = readPageNumbers(numbers, base: page.pageNumbers) }
        if page.textWidth < 2 * Units.cm || page.textHeight < 2 * Units.cm {
            diagnostics.error(node.location, "the margins leave less than 2cm for text",
                              hint: "make the margins smaller (text area \(Int(page.textWidth / Units.cm))×\(Int(page.textHeight / Units.cm)) cm)")
        }
        return page
    }

    private func readMargins(_ node: SyntaxNode, base: Insets) -> Insets {
        if node.scalar != nil { return Values.insets(node, what: "`margins`", diagnostics: diagnostics) ?? base }
        guard let reader = MappingReader(node, context: "`margins`", allowed: ["top", "right", "bottom", "left"], diagnostics: diagnostics) else { return base }
        return Insets(top: reader.length("top") ?? base.top, right: reader.length("right") ?? base.right,
                      bottom: reader.length("bottom") ?? base.bottom, left: reader.length("left") ?? base.left)
    }

    private func readMarginText(_ node: SyntaxNode, base: MarginText, what: String) -> MarginText {
        if let text = node.scalar { return MarginText(center: text, style: base.style) }
        guard let reader = MappingReader(node, context: what, allowed: ["left", "center", "right", "style"], diagnostics: diagnostics) else { return base }
        return MarginText(left: reader.text("left"), center: reader.text("center"), right: reader.text("right"),
                          style: styleName(reader, default: base.style))
    }

    private func readPageNumbers(_ node: SyntaxNode, base: PageNumbering) -> PageNumbering {
        if let text = node.scalar, ["false", "no", "off", "none"].contains(text.lowercased()) {
            var numbering = base
            numbering.position = .none
            return numbering
        }
        guard let reader = MappingReader(node, context: "`page-numbers`", allowed: ["position", "style", "format", "digits", "skip-first-page",
                                                                                   "single-page", "restart-at"],
                                         diagnostics: diagnostics) else { return base }
        return PageNumbering(position: reader.choice("position", PageNumbering.Position.self) ?? base.position,
                             style: reader.choice("style", PageNumbering.Style.self) ?? base.style,
                             format: reader.choice("format", PageNumbering.Format.self) ?? base.format,
                             digits: reader.choice("digits", ThaiFormatting.Digits.self) ?? base.digits,
                             skipFirstPage: reader.bool("skip-first-page") ?? base.skipFirstPage,
                             singlePage: reader.bool("single-page") ?? base.singlePage,
                             restartAt: reader.int("restart-at", in: 0...100_000))
    }
}
