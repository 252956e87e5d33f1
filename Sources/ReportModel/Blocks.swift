import Foundation
import ReportSyntax
import ThaiText

/// Horizontal alignment of text in its box. `justify` spreads a line's slack Thai-distributed style.
public enum HorizontalAlignment: String, CaseIterable, Hashable { case left, center, right, justify }

/// Vertical alignment of content in a table cell.
public enum VerticalAlignment: String, CaseIterable { case top, middle, bottom }

/// A piece of text with one set of inline properties.
public struct Span: Hashable {
    public var text: String
    public var bold: Bool
    public var italic: Bool
    public var underline: Bool
    /// Line breaks are not allowed inside.
    public var keepTogether: Bool
    /// The span's own size (TH Sarabun New points) and font family, instead of the paragraph style's.
    public var size: Double?
    public var font: String?

    public init(_ text: String, bold: Bool = false, italic: Bool = false, underline: Bool = false, keepTogether: Bool = false,
                size: Double? = nil, font: String? = nil) {
        self.text = text
        self.bold = bold
        self.italic = italic
        self.underline = underline
        self.keepTogether = keepTogether
        self.size = size
        self.font = font
    }
}

/// A paragraph: inline spans in a named style.
public struct Paragraph {
    public var spans: [Span]
    public var style: String
    /// Overrides of the style's alignment for this paragraph only.
    public var align: HorizontalAlignment?
    /// Overrides of the style's first-line indent for this paragraph only.
    public var firstLineIndent: Double?
    public var location: SourceLocation?

    public init(spans: [Span], style: String, align: HorizontalAlignment? = nil, firstLineIndent: Double? = nil,
                location: SourceLocation? = nil) {
        self.spans = spans
        self.style = style
        self.align = align
        self.firstLineIndent = firstLineIndent
        self.location = location
    }

    /// The paragraph's plain text.
    public var text: String { spans.map(\.text).joined() }
}

/// A heading: a paragraph that starts a part of the report, kept with what follows and listed in
/// the PDF outline and the table of contents.
public struct Heading {
    public var level: Int
    public var paragraph: Paragraph
    /// Listed in the outline and the table of contents.
    public var listed: Bool
    /// The entry's text in the outline and contents when it differs from the heading (a shorter form).
    public var contentsTitle: String?
    public init(level: Int, paragraph: Paragraph, listed: Bool = true, contentsTitle: String? = nil) {
        self.level = level
        self.paragraph = paragraph
        self.listed = listed
        self.contentsTitle = contentsTitle
    }

    /// The text listed in the outline and contents: lines of a heading joined by spaces.
    public var listedTitle: String {
        (contentsTitle ?? paragraph.text).split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}

/// How list items are marked.
public enum ListMarker: Equatable {
    /// A number in a pattern: `{n}` stands for the number (e.g. `{n}.`, `({n})`), in Thai or Arabic digits.
    case numbered(pattern: String, digits: ThaiFormatting.Digits)
    case bullet(String)

    /// The marker for item `number` (1-based).
    public func text(for number: Int) -> String {
        switch self {
        case let .numbered(pattern, digits):
            return pattern.replacingOccurrences(of: "{n}", with: ThaiFormatting.digits(String(number), digits))
        case let .bullet(symbol):
            return symbol
        }
    }
}

/// A list of items, numbered or bulleted; items can hold nested lists.
public struct ListBlock {
    public var marker: ListMarker
    public var start: Int
    public var items: [ListItem]
    public var style: String
    public var location: SourceLocation?
    public init(marker: ListMarker, start: Int = 1, items: [ListItem], style: String, location: SourceLocation? = nil) {
        self.marker = marker
        self.start = start
        self.items = items
        self.style = style
        self.location = location
    }
}

/// One list item: its paragraph and any blocks nested under it.
public struct ListItem {
    public var paragraph: Paragraph
    public var children: [Block]
    public init(paragraph: Paragraph, children: [Block] = []) {
        self.paragraph = paragraph
        self.children = children
    }
}

/// A picture from a PNG or JPEG file.
public struct ImageBlock {
    public enum Size: Equatable {
        /// Natural size at 96 dpi, shrunk to fit.
        case natural
        case width(Double)
        case height(Double)
        case both(width: Double, height: Double)
        /// A share of the text width (0…1).
        case fraction(Double)
    }
    /// Absolute path of the file.
    public var path: String
    public var size: Size
    public var align: HorizontalAlignment
    public var caption: Paragraph?
    public var location: SourceLocation?
    public init(path: String, size: Size, align: HorizontalAlignment, caption: Paragraph?, location: SourceLocation?) {
        self.path = path
        self.size = size
        self.align = align
        self.caption = caption
        self.location = location
    }
}

/// One signer: the ลงชื่อ line, the name in parentheses and the position below.
public struct Signer {
    /// Text before the dotted line (default `(ลงชื่อ)`).
    public var label: String
    /// Text after the dotted line, such as ผู้รายงาน.
    public var role: String?
    public var name: String?
    public var position: [String]
    /// Print the ลงชื่อ line with its dots (an announcement signs without one: only the name and position).
    public var line: Bool
    public init(label: String, role: String?, name: String?, position: [String], line: Bool = true) {
        self.label = label
        self.role = role
        self.name = name
        self.position = position
        self.line = line
    }
}

/// Signature blocks printed side by side (one alone stands in the right half), in as many rows as
/// they need to be legible, never split, and kept on the page of the last lines before them.
public struct SignatureBlock {
    public var signers: [Signer]
    public var style: String
    /// Space left above the signature line for the handwritten signature, in points.
    public var signingSpace: Double
    public var location: SourceLocation?
    public init(signers: [Signer], style: String, signingSpace: Double, location: SourceLocation? = nil) {
        self.signers = signers
        self.style = style
        self.signingSpace = signingSpace
        self.location = location
    }
}

/// A table of contents: the listed headings with their page numbers.
public struct TableOfContents {
    public var title: String?
    /// Deepest heading level listed.
    public var depth: Int
    public var style: String
    public var titleStyle: String
    /// Each entry shows the pages of its part (`๕ - ๗`) instead of its first page.
    public var pageRanges: Bool
    /// A label printed above the page numbers, such as หน้า.
    public var pageHeading: String?
    public var location: SourceLocation?
    public init(title: String?, depth: Int, style: String, titleStyle: String, pageRanges: Bool = false, pageHeading: String? = nil,
                location: SourceLocation? = nil) {
        self.title = title
        self.depth = depth
        self.style = style
        self.titleStyle = titleStyle
        self.pageRanges = pageRanges
        self.pageHeading = pageHeading
        self.location = location
    }
}

/// The things a section is made of.
public indirect enum Block {
    case heading(Heading)
    case paragraph(Paragraph)
    case list(ListBlock)
    case table(Table)
    case pageBreak
    /// Vertical space in points.
    case spacer(Double)
    case image(ImageBlock)
    case signatures(SignatureBlock)
    case toc(TableOfContents)
    /// A horizontal line drawn across part of the width.
    case rule(RuleBlock)
    /// Labels with dotted lines to fill in, on one line.
    case leaders(LeaderLine)
}
