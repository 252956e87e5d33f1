import Foundation
import ReportSyntax
import ThaiText

/// A whole report as validated plain values: what to print, never how it was written.
public struct Document {
    public var metadata: Metadata
    /// Font families available to styles, with the files that hold them.
    public var fonts: [FontFamily]
    /// Named text styles, fully resolved.
    public var styles: [String: TextStyle]
    /// Digits used for generated numbers (page, list and table numbers).
    public var digits: ThaiFormatting.Digits
    /// Words and names that must never be broken across lines.
    public var keepTogether: [String]
    /// Thai words added to the line-breaking dictionary (kept whole unless wider than their column).
    public var words: [String]
    public var sections: [Section]

    public init(metadata: Metadata, fonts: [FontFamily], styles: [String: TextStyle], digits: ThaiFormatting.Digits,
                keepTogether: [String], words: [String] = [], sections: [Section]) {
        self.metadata = metadata
        self.fonts = fonts
        self.styles = styles
        self.digits = digits
        self.keepTogether = keepTogether
        self.words = words
        self.sections = sections
    }

    /// The style called `name`; every document has the built-in names (see `StyleSheet`).
    public func style(_ name: String) -> TextStyle {
        styles[name] ?? styles[StyleSheet.body]!
    }

    /// True when some block needs the page numbers of headings (a table of contents).
    public var needsPageReferences: Bool {
        sections.contains { $0.blocks.contains { if case .toc = $0 { return true } else { return false } } }
    }
}

/// Document information for the PDF.
public struct Metadata {
    public var title: String?
    public var author: String?
    public var subject: String?
    public var keywords: [String]
    public var language: String
    /// Creation date as seconds since 1970 (UTC); nil writes no date.
    public var created: Int?

    public init(title: String? = nil, author: String? = nil, subject: String? = nil, keywords: [String] = [],
                language: String = "th", created: Int? = nil) {
        self.title = title
        self.author = author
        self.subject = subject
        self.keywords = keywords
        self.language = language
        self.created = created
    }
}

/// A font family: its faces' files and how much to scale it so that sizes read as TH Sarabun New sizes.
public struct FontFamily: Hashable {
    public var name: String
    public var files: [String]
    /// Drawn size = written size × scale (Sarabun draws about 1.47× larger than TH Sarabun New: 0.68).
    public var scale: Double
    /// Where the description declares it (nil for the bundled family).
    public var location: SourceLocation?

    public init(name: String, files: [String], scale: Double, location: SourceLocation? = nil) {
        self.name = name
        self.files = files
        self.scale = scale
        self.location = location
    }
}

/// A part of the document with its own page setup, header, footer and numbering.
public struct Section {
    public var page: PageSetup
    public var blocks: [Block]
    public init(page: PageSetup, blocks: [Block]) {
        self.page = page
        self.blocks = blocks
    }
}

/// Four distances around a box, in points.
public struct Insets: Hashable {
    public var top: Double
    public var right: Double
    public var bottom: Double
    public var left: Double
    public init(top: Double, right: Double, bottom: Double, left: Double) {
        self.top = top
        self.right = right
        self.bottom = bottom
        self.left = left
    }
    public init(all: Double) { self.init(top: all, right: all, bottom: all, left: all) }
}

/// Paper, orientation, margins and what is printed in the margins.
public struct PageSetup {
    public enum Orientation: String, CaseIterable { case portrait, landscape }
    /// Paper size in points, portrait (width ≤ height).
    public var paper: (width: Double, height: Double)
    public var orientation: Orientation
    public var margins: Insets
    /// Distance from the paper's top edge to the header's baseline area top, and from the bottom edge
    /// to the footer's bottom.
    public var headerDistance: Double
    public var footerDistance: Double
    public var header: MarginText
    public var footer: MarginText
    public var pageNumbers: PageNumbering

    public init(paper: (width: Double, height: Double), orientation: Orientation, margins: Insets,
                headerDistance: Double, footerDistance: Double, header: MarginText, footer: MarginText,
                pageNumbers: PageNumbering) {
        self.paper = paper
        self.orientation = orientation
        self.margins = margins
        self.headerDistance = headerDistance
        self.footerDistance = footerDistance
        self.header = header
        self.footer = footer
        self.pageNumbers = pageNumbers
    }

    /// Page size as printed (landscape swaps width and height).
    public var size: (width: Double, height: Double) {
        orientation == .portrait ? paper : (paper.height, paper.width)
    }

    /// Width of the text area.
    public var textWidth: Double { size.width - margins.left - margins.right }
    /// Height of the text area.
    public var textHeight: Double { size.height - margins.top - margins.bottom }
}

/// Texts printed in a header or footer: left, centre and right, each may contain `{page}`.
public struct MarginText {
    public var left: String?
    public var center: String?
    public var right: String?
    public var style: String
    public init(left: String? = nil, center: String? = nil, right: String? = nil, style: String) {
        self.left = left
        self.center = center
        self.right = right
        self.style = style
    }
}

/// Where and how page numbers are printed.
public struct PageNumbering {
    public enum Position: String, CaseIterable {
        case none, topLeft = "top-left", topCenter = "top-center", topRight = "top-right"
        case bottomLeft = "bottom-left", bottomCenter = "bottom-center", bottomRight = "bottom-right"
    }
    /// `dash` prints `- ๒ -`, `plain` prints `๒`.
    public enum Style: String, CaseIterable { case dash, plain }
    /// How the number itself is written: in digits, in Thai letters (ก ข ค …, for front matter), or
    /// in Roman numerals (i ii iii …, `roman-upper`: I II III …).
    public enum Format: String, CaseIterable { case number, thaiLetter = "thai-letter", roman, romanUpper = "roman-upper" }
    public var position: Position
    public var style: Style
    public var format: Format
    public var digits: ThaiFormatting.Digits
    /// Leave the number off the first page of the document.
    public var skipFirstPage: Bool
    /// Print the number on a document of one page (by default a single page is not numbered).
    public var singlePage: Bool
    /// Number the section's first page with this value instead of continuing.
    public var restartAt: Int?

    public init(position: Position, style: Style, format: Format = .number, digits: ThaiFormatting.Digits, skipFirstPage: Bool,
                singlePage: Bool = false, restartAt: Int? = nil) {
        self.position = position
        self.style = style
        self.format = format
        self.digits = digits
        self.skipFirstPage = skipFirstPage
        self.singlePage = singlePage
        self.restartAt = restartAt
    }

    /// The number `number` written in the section's format, without dashes.
    public func plainText(for number: Int) -> String {
        switch format {
        case .number: return ThaiFormatting.digits(String(number), digits)
        case .thaiLetter: return Self.thaiLetters(number)
        case .roman: return Self.roman(number).lowercased()
        case .romanUpper: return Self.roman(number)
        }
    }

    /// The printed form of page `number`.
    public func text(for number: Int) -> String {
        let plain = plainText(for: number)
        return style == .dash ? "- \(plain) -" : plain
    }

    /// The letters Thai front matter is numbered with, in order: the consonants without the obsolete
    /// ฃ and ฅ and without ฆ (read like ค).
    public static let thaiLetterSequence = Array("กขคงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ")

    /// ก … ฮ for 1 … 41, then two letters (กก, กข …) and so on, like spreadsheet columns.
    static func thaiLetters(_ number: Int) -> String {
        guard number > 0 else { return ThaiFormatting.digits(String(number), .thai) }
        let letters = thaiLetterSequence
        var rest = number
        var result: [Character] = []
        while rest > 0 {
            rest -= 1
            result.insert(letters[rest % letters.count], at: 0)
            rest /= letters.count
        }
        return String(result)
    }

    /// Roman numerals in capitals (up to 3999; larger numbers in digits).
    static func roman(_ number: Int) -> String {
        guard number > 0, number < 4000 else { return String(number) }
        let values = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
                      (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        var rest = number
        var result = ""
        for (value, letters) in values {
            while rest >= value {
                result += letters
                rest -= value
            }
        }
        return result
    }
}
