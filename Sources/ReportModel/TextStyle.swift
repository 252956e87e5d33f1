import Foundation

/// How a paragraph looks: font, size in TH Sarabun New points, weight, alignment, indents and spacing.
public struct TextStyle: Hashable {
    public var font: String
    /// Size as TH Sarabun New points: `16` looks like TH Sarabun New 16 pt whatever the font.
    public var size: Double
    public var bold: Bool
    public var italic: Bool
    public var underline: Bool
    public var color: Color
    public var align: HorizontalAlignment
    /// Indent of a paragraph's first line, in points.
    public var firstLineIndent: Double
    /// Indent of every line from the left, in points.
    public var leftIndent: Double
    public var spaceBefore: Double
    public var spaceAfter: Double
    /// Multiple of single spacing (1 = single, 1.5, 2 = double).
    public var lineSpacing: Double
    /// Keep on the same page as the block that follows.
    public var keepWithNext: Bool

    public init(font: String, size: Double, bold: Bool = false, italic: Bool = false, underline: Bool = false,
                color: Color = .black, align: HorizontalAlignment = .left, firstLineIndent: Double = 0,
                leftIndent: Double = 0, spaceBefore: Double = 0, spaceAfter: Double = 0, lineSpacing: Double = 1,
                keepWithNext: Bool = false) {
        self.font = font
        self.size = size
        self.bold = bold
        self.italic = italic
        self.underline = underline
        self.color = color
        self.align = align
        self.firstLineIndent = firstLineIndent
        self.leftIndent = leftIndent
        self.spaceBefore = spaceBefore
        self.spaceAfter = spaceAfter
        self.lineSpacing = lineSpacing
        self.keepWithNext = keepWithNext
    }

    /// Height of one line at single spacing: TH Sarabun New's line height, 1.3 × the size.
    public var lineHeight: Double { size * StyleSheet.singleLineHeight * lineSpacing }
}

/// The built-in fonts and styles every document starts from; a description or template overrides them.
public enum StyleSheet {
    public static let body = "body"
    public static let title = "title"
    public static let tableBody = "table"
    public static let tableHeader = "table-header"
    public static let header = "header"
    public static let footer = "footer"
    public static let signature = "signature"
    public static let toc = "toc"
    public static let tocTitle = "toc-title"
    public static let caption = "caption"
    public static func heading(_ level: Int) -> String { "heading-\(level)" }

    /// Single line spacing as a multiple of the size, from TH Sarabun New's metrics.
    public static let singleLineHeight = 1.3
    /// The family used when a description names none.
    public static let defaultFamily = "Sarabun"
    /// Drawn size of Sarabun relative to TH Sarabun New at the same point size (about 1.47× larger).
    public static let sarabunScale = 1 / 1.47

    /// Built-in styles by name.
    public static func defaults(font: String) -> [String: TextStyle] {
        let body = TextStyle(font: font, size: 16, align: .justify, firstLineIndent: 2.5 * Units.cm)
        var styles: [String: TextStyle] = [self.body: body]
        styles[title] = TextStyle(font: font, size: 20, bold: true, align: .center, spaceAfter: 6, keepWithNext: true)
        for level in 1...6 {
            styles[heading(level)] = TextStyle(font: font, size: level == 1 ? 18 : 16, bold: true,
                                               align: .left, spaceBefore: level == 1 ? 12 : 6, spaceAfter: 3, keepWithNext: true)
        }
        styles[tableBody] = TextStyle(font: font, size: 14, align: .left)
        styles[tableHeader] = TextStyle(font: font, size: 14, bold: true, align: .center)
        styles[header] = TextStyle(font: font, size: 16, align: .center)
        styles[footer] = TextStyle(font: font, size: 14, align: .center)
        styles[signature] = TextStyle(font: font, size: 16, align: .center)
        styles[toc] = TextStyle(font: font, size: 16, align: .left)
        styles[tocTitle] = TextStyle(font: font, size: 18, bold: true, align: .center, spaceAfter: 12, keepWithNext: true)
        styles[caption] = TextStyle(font: font, size: 14, align: .center, spaceBefore: 3)
        return styles
    }
}

/// Length units in points.
public enum Units {
    public static let pt = 1.0
    public static let inch = 72.0
    public static let cm = 72.0 / 2.54
    public static let mm = 72.0 / 25.4
    /// CSS pixel (1/96 in), for natural image sizes.
    public static let px = 72.0 / 96.0

    /// A length in points as messages write it: `25.2 cm`.
    public static func centimetres(_ points: Double) -> String { String(format: "%.1f cm", points / cm) }
}
