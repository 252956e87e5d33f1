import Foundation
import ReportSyntax
import ThaiText

/// Reading the blocks of a section: each list item is one block, written `- kind: value` with the
/// block's options beside the kind (or inside it as a mapping). A bare text is a paragraph.
extension DocumentBuilder {
    /// Block kinds and the options each accepts.
    static let blockKeys: [String: [String]] = [
        "heading": ["text", "level", "style", "align", "listed", "toc-title"],
        "paragraph": ["text", "style", "align", "first-line-indent"],
        "list": ["items", "numbering", "start", "style"],
        "table": ["columns", "header", "rows", "rows-from", "totals", "style", "header-style", "padding", "borders",
                  "header-shade", "repeat-header"],
        "page-break": [],
        "spacer": ["height"],
        "image": ["file", "width", "height", "align", "caption"],
        "signature": ["signers", "name", "position", "role", "label", "line", "style", "space"],
        "toc": ["title", "depth", "style", "title-style", "pages", "page-heading"],
        "rule": ["width", "thickness", "align", "color", "space-before", "space-after"],
        "leaders": ["fields", "style", "value-position"],
        "columns": ["columns", "gap", "valign", "style"],
    ]

    /// The primary option a kind's scalar value stands for (`- heading: text`).
    static let primaryKey: [String: String] = [
        "heading": "text", "paragraph": "text", "spacer": "height", "image": "file", "toc": "title",
        "rule": "width", "leaders": "fields", "columns": "columns",
    ]

    func readBlocks(_ node: SyntaxNode) -> [Block] {
        guard let items = node.sequence else {
            diagnostics.error(node.location, "`blocks` must be a list (each item starts with `- `), found \(node.kindName)")
            return []
        }
        return items.compactMap(readBlock)
    }

    func readBlock(_ node: SyntaxNode) -> Block? {
        if let text = node.scalar {
            if text == "page-break" { return .pageBreak }
            if text == "rule", let reader = MappingReader(SyntaxNode(.mapping([]), at: node.location), context: "`rule`",
                                                          allowed: [], diagnostics: diagnostics) {
                return readRule(reader)
            }
            if Self.blockKeys[text] != nil {
                diagnostics.error(node.location, "`\(text)` needs a value", hint: "write `- \(text): …`; to print the word itself, write it in quotes inside `- paragraph: …`")
                return nil
            }
            return .paragraph(Paragraph(spans: spans(text), style: StyleSheet.body, location: node.location))
        }
        guard let pairs = node.mapping else {
            diagnostics.error(node.location, "a block must be a text or a mapping like `- paragraph: …`, found \(node.kindName)")
            return nil
        }
        let kinds = pairs.compactMap { pair -> (String, SyntaxNode, SyntaxNode)? in
            guard let name = pair.key.scalar, Self.blockKeys[name] != nil else { return nil }
            return (name, pair.key, pair.value)
        }
        guard let (kind, kindKey, value) = kinds.first else {
            let first = pairs.first?.key.scalar ?? ""
            let near = Suggestion.nearest(to: first, in: Array(Self.blockKeys.keys).sorted()).map { "did you mean `\($0)`? " } ?? ""
            diagnostics.error(pairs.first?.key.location ?? node.location, "`\(first)` is not a kind of block",
                              hint: "\(near)blocks are: \(Self.blockKeys.keys.sorted().joined(separator: ", ")); a text that contains `: ` must be in quotes")
            return nil
        }
        if kinds.count > 1 {
            diagnostics.error(kinds[1].1.location, "one block cannot be both `\(kind)` and `\(kinds[1].0)`",
                              hint: "start a new list item (`- `) for the second block")
        }
        let allowed = Self.blockKeys[kind]!
        let reader: MappingReader?
        if value.mapping != nil, pairs.count == 1 {
            reader = MappingReader(value, context: "`\(kind)`", allowed: allowed, diagnostics: diagnostics)
        } else {
            // Options written beside the kind; the kind's own value is the primary option.
            var merged = pairs.filter { $0.key.scalar != kind }
            if case .null = value.value {} else if let primary = Self.primaryKey[kind] {
                merged.insert((SyntaxNode(.scalar(primary), at: kindKey.location), value), at: 0)
            } else if kind == "list" {
                merged.insert((SyntaxNode(.scalar("items"), at: kindKey.location), value), at: 0)
            } else if kind == "signature", value.sequence != nil {
                merged.insert((SyntaxNode(.scalar("signers"), at: kindKey.location), value), at: 0)
            } else {
                diagnostics.error(value.location, "`\(kind)` takes its settings as a mapping, found \(value.kindName)")
                return nil
            }
            reader = MappingReader(SyntaxNode(.mapping(merged), at: node.location), context: "`\(kind)`",
                                   allowed: allowed, diagnostics: diagnostics)
        }
        guard let reader else { return nil }
        switch kind {
        case "heading": return readHeading(reader)
        case "paragraph":
            guard let paragraph = readParagraph(reader, defaultStyle: StyleSheet.body) else { return nil }
            return .paragraph(paragraph)
        case "list": return readList(reader, level: 1).map(Block.list)
        case "table": return readTable(reader).map(Block.table)
        case "page-break": return .pageBreak
        case "spacer":
            guard let height = reader.length("height") else {
                if !reader.has("height") { diagnostics.error(node.location, "`spacer` needs a height, like `spacer: 1cm`") }
                return nil
            }
            return .spacer(height)
        case "image": return readImage(reader)
        case "rule": return readRule(reader)
        case "leaders": return readLeaders(reader)
        case "columns": return readColumns(reader)
        case "signature": return readSignature(reader)
        case "toc":
            return .toc(TableOfContents(title: reader.text("title") ?? "สารบัญ", depth: reader.int("depth", in: 1...6) ?? 2,
                                        style: styleName(reader, default: StyleSheet.toc),
                                        titleStyle: styleName(reader, "title-style", default: StyleSheet.tocTitle),
                                        pageRanges: reader.choice("pages", TocPages.self) == .range,
                                        pageHeading: reader.text("page-heading"), location: reader.node.location))
        default: return nil
        }
    }

    /// Spans of a paragraph text: inline markup, or a list of `{text, bold, italic, underline, keep-together, size, font}`.
    func spans(_ text: String) -> [Span] { InlineMarkup.parse(text) }

    func readSpans(_ node: SyntaxNode) -> [Span]? {
        if let text = node.scalar { return spans(text) }
        guard let items = node.sequence else {
            diagnostics.error(node.location, "a text must be a text or a list of spans, found \(node.kindName)")
            return nil
        }
        var result: [Span] = []
        for item in items {
            if let text = item.scalar { result += spans(text); continue }
            guard let reader = MappingReader(item, context: "a span", allowed: ["text", "bold", "italic", "underline", "keep-together", "size", "font"],
                                             diagnostics: diagnostics) else { continue }
            guard let text = reader.text("text") else {
                diagnostics.error(item.location, "a span needs `text`")
                continue
            }
            var font = reader.text("font")
            if let name = font, !families.contains(where: { $0.name == name }) {
                reportUnknownFont(name, at: reader.value("font")!.location)
                font = nil
            }
            result.append(Span(text, bold: reader.bool("bold") ?? false, italic: reader.bool("italic") ?? false,
                               underline: reader.bool("underline") ?? false, keepTogether: reader.bool("keep-together") ?? false,
                               size: reader.number("size", in: 4...200), font: font))
        }
        return result
    }

    func readParagraph(_ reader: MappingReader, defaultStyle: String) -> Paragraph? {
        guard let node = reader.value("text") else {
            diagnostics.error(reader.node.location, "\(reader.context) needs `text`")
            return nil
        }
        guard let spans = readSpans(node) else { return nil }
        let align = reader.choice("align", HorizontalAlignment.self)
        // A paragraph centred or set right has no first-line indent unless it asks for one.
        let indent = reader.length("first-line-indent") ?? (align == .center || align == .right ? 0 : nil)
        return Paragraph(spans: spans, style: styleName(reader, default: defaultStyle), align: align, firstLineIndent: indent,
                         location: node.location)
    }

    private func readHeading(_ reader: MappingReader) -> Block? {
        let level = reader.int("level", in: 1...6) ?? 1
        guard let paragraph = readParagraph(reader, defaultStyle: StyleSheet.heading(level)) else { return nil }
        return .heading(Heading(level: level, paragraph: paragraph, listed: reader.bool("listed") ?? true,
                                contentsTitle: reader.text("toc-title")))
    }

    // MARK: Lists

    /// Parses a numbering pattern: `๑.`, `๑)`, `(๑)`, `1.`, `1)`, `(1)`, `bullet`, `-`, `•`.
    func marker(_ text: String, at location: SourceLocation) -> ListMarker? {
        switch text {
        case "bullet", "•": return .bullet("•")
        case "-", "–": return .bullet("–")
        default: break
        }
        if text.contains("๑") { return .numbered(pattern: text.replacingOccurrences(of: "๑", with: "{n}"), digits: .thai) }
        if text.contains("1") { return .numbered(pattern: text.replacingOccurrences(of: "1", with: "{n}"), digits: .arabic) }
        diagnostics.error(location, "`numbering` cannot be `\(text)`", hint: "use ๑. ๑) (๑) 1. 1) (1) bullet or -")
        return nil
    }

    static func defaultMarker(level: Int, digits: ThaiFormatting.Digits) -> ListMarker {
        switch level {
        case 1: return .numbered(pattern: "{n}.", digits: digits)
        case 2: return .numbered(pattern: "{n})", digits: digits)
        case 3: return .numbered(pattern: "({n})", digits: digits)
        default: return .bullet("•")
        }
    }

    func readList(_ reader: MappingReader, level: Int) -> ListBlock? {
        guard let itemsNode = reader.value("items") else {
            diagnostics.error(reader.node.location, "a list needs `items`")
            return nil
        }
        guard let items = itemsNode.sequence else {
            diagnostics.error(itemsNode.location, "list `items` must be a list, found \(itemsNode.kindName)")
            return nil
        }
        var listMarker = Self.defaultMarker(level: level, digits: digits)
        if let node = reader.value("numbering"), let text = Values.text(node, what: "`numbering`", diagnostics: diagnostics),
           let parsed = marker(text, at: node.location) {
            listMarker = parsed
        }
        let style = styleName(reader, default: StyleSheet.body)
        var result: [ListItem] = []
        for item in items {
            if let text = item.scalar {
                result.append(ListItem(paragraph: Paragraph(spans: spans(text), style: style, location: item.location)))
                continue
            }
            guard let itemReader = MappingReader(item, context: "a list item", allowed: ["text", "items", "numbering", "style"],
                                                 diagnostics: diagnostics) else { continue }
            guard let paragraph = readParagraph(itemReader, defaultStyle: style) else { continue }
            var children: [Block] = []
            if itemReader.has("items"), let nested = readList(itemReader, level: level + 1) {
                children.append(.list(nested))
            }
            result.append(ListItem(paragraph: paragraph, children: children))
        }
        return ListBlock(marker: listMarker, start: reader.int("start", in: 0...100_000) ?? 1, items: result, style: style,
                         location: reader.node.location)
    }

    // MARK: Images and signatures

    private func readImage(_ reader: MappingReader) -> Block? {
        guard let fileNode = reader.value("file"), let file = Values.text(fileNode, what: "`file`", diagnostics: diagnostics) else {
            diagnostics.error(reader.node.location, "`image` needs `file` (a PNG or JPEG next to the description)")
            return nil
        }
        var path = resolve(path: file, at: fileNode.location, what: "image")
        if let resolved = path, let problem = environment.inspector?.inspectImage(atPath: resolved) {
            diagnostics.error(fileNode.location, "the image `\(file)` \(problem.reason)", hint: problem.hint)
            path = nil
        }
        var size = ImageBlock.Size.natural
        let width = reader.value("width").flatMap { node -> ImageBlock.Size? in
            if let text = node.scalar, text.hasSuffix("%"), let percent = Double(text.dropLast().trimmingCharacters(in: .whitespaces)) {
                guard percent > 0, percent <= 100 else {
                    diagnostics.error(node.location, "`width` must be from 1% to 100%, found `\(text)`")
                    return nil
                }
                return .fraction(percent / 100)
            }
            return Values.length(node, what: "`width`", diagnostics: diagnostics).map(ImageBlock.Size.width)
        }
        let height = reader.length("height")
        switch (width, height) {
        case let (.width(w)?, h?): size = .both(width: w, height: h)
        case let (w?, nil): size = w
        case let (nil, h?): size = .height(h)
        default: break
        }
        var caption: Paragraph?
        if let node = reader.value("caption"), let spans = readSpans(node) {
            caption = Paragraph(spans: spans, style: StyleSheet.caption, location: node.location)
        }
        guard let path else { return nil }
        return .image(ImageBlock(path: path, size: size, align: reader.choice("align", HorizontalAlignment.self) ?? .center,
                                 caption: caption, location: fileNode.location))
    }

    private func readSigner(_ reader: MappingReader) -> Signer {
        Signer(label: reader.text("label") ?? "(ลงชื่อ)", role: reader.text("role"), name: reader.text("name"),
               position: reader.texts("position") ?? [], line: reader.bool("line") ?? true)
    }

    private func readSignature(_ reader: MappingReader) -> Block? {
        var signers: [Signer] = []
        let line = reader.bool("line")
        if let list = reader.value("signers") {
            guard let items = list.sequence else {
                diagnostics.error(list.location, "`signers` must be a list of signers, found \(list.kindName)")
                return nil
            }
            for item in items {
                guard let signer = MappingReader(item, context: "a signer", allowed: ["name", "position", "role", "label", "line"],
                                                 diagnostics: diagnostics) else { continue }
                var read = readSigner(signer)
                // `line` beside `signers` applies to each signer that does not set its own.
                if let line, !signer.has("line") { read.line = line }
                signers.append(read)
            }
            if reader.has("name") || reader.has("position") {
                diagnostics.error(reader.keyLocation(reader.has("name") ? "name" : "position"),
                                  "give `name` and `position` inside each signer when `signers` is used")
            }
        } else {
            signers.append(readSigner(reader))
        }
        if signers.isEmpty {
            diagnostics.error(reader.node.location, "a signature block needs at least one signer")
            return nil
        }
        return .signatures(SignatureBlock(signers: signers, style: styleName(reader, default: StyleSheet.signature),
                                          signingSpace: reader.length("space") ?? 0.6 * Units.cm, location: reader.node.location))
    }
}

/// What a contents entry shows: the first page of its part, or the range of its pages.
enum TocPages: String, CaseIterable {
    case first
    case range
}
