import Foundation
import Graphics
import ReportModel

/// A rectangle in page coordinates (points from the page's top-left corner).
public struct Rect: Equatable, Codable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
}

/// A point in page coordinates.
public struct Point: Equatable, Codable {
    public var x: Double
    public var y: Double
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// A line of text placed on a page: glyph runs whose positions are relative to (`x`, `baseline`).
public struct PlacedText: Equatable, Codable {
    public var x: Double
    public var baseline: Double
    /// Top and bottom of the line box the text sits in.
    public var top: Double
    public var bottom: Double
    public var runs: [GlyphRun]
    public var width: Double
    public var color: Color

    public init(x: Double, baseline: Double, top: Double, bottom: Double, runs: [GlyphRun], width: Double, color: Color) {
        self.x = x
        self.baseline = baseline
        self.top = top
        self.bottom = bottom
        self.runs = runs
        self.width = width
        self.color = color
    }

    /// The text of the line, for tests and diagnostics.
    public var text: String { runs.map(\.text).joined() }
}

/// Something drawn on a page, as plain data (fonts and pictures by identifier into the libraries
/// that hold them). Layout decides everything about it; rendering only draws.
public enum PageItem: Equatable, Codable {
    case text(PlacedText)
    case fill(Rect, Color)
    /// A solid straight line from one point to another, with its width.
    case line(from: Point, to: Point, width: Double, color: Color)
    case image(ImageID, Rect)
    /// A dotted line (a leader on a form): round dots `size` across, their centres `spacing` apart.
    case dots(from: Point, to: Point, size: Double, spacing: Double, color: Color)

    /// The same item moved right by `dx` and down by `dy`.
    func moved(dx: Double, dy: Double) -> PageItem {
        let move = { (point: Point) in Point(x: point.x + dx, y: point.y + dy) }
        switch self {
        case var .text(text):
            text.x += dx
            text.baseline += dy
            text.top += dy
            text.bottom += dy
            return .text(text)
        case let .fill(rect, color): return .fill(Rect(x: rect.x + dx, y: rect.y + dy, width: rect.width, height: rect.height), color)
        case let .line(from, to, width, color): return .line(from: move(from), to: move(to), width: width, color: color)
        case let .image(id, rect): return .image(id, Rect(x: rect.x + dx, y: rect.y + dy, width: rect.width, height: rect.height))
        case let .dots(from, to, size, spacing, color): return .dots(from: move(from), to: move(to), size: size, spacing: spacing, color: color)
        }
    }
}

/// A PDF outline entry: a heading and where it stands on its page.
public struct Bookmark: Equatable, Codable {
    public var level: Int
    public var title: String
    public var y: Double

    public init(level: Int, title: String, y: Double) {
        self.level = level
        self.title = title
        self.y = y
    }
}

/// One laid-out page: its size, everything on it, and its bookmarks. Plain data: pages compare
/// and encode, and anything that has the font and image libraries can draw them.
public struct PageFrame: Equatable, Codable {
    /// 1-based position in the document.
    public var index: Int
    /// The number printed on the page (numbering may restart per section).
    public var number: Int
    public var width: Double
    public var height: Double
    /// The text area inside the margins.
    public var textArea: Rect
    public var items: [PageItem] = []
    public var bookmarks: [Bookmark] = []

    public init(index: Int, number: Int, width: Double, height: Double, textArea: Rect) {
        self.index = index
        self.number = number
        self.width = width
        self.height = height
        self.textArea = textArea
    }

    /// Every text line on the page, top to bottom.
    public var lines: [PlacedText] {
        items.compactMap { if case let .text(text) = $0 { return text } else { return nil } }
    }
}

/// A heading with the page it landed on, for tables of contents.
public struct HeadingEntry: Equatable {
    public var level: Int
    public var title: String
    /// The printed number of the page the heading is on.
    public var page: Int
    /// The printed number of the last page of the part the heading opens: the page before the next
    /// heading of the same or a higher level when that one starts a page, else that heading's page;
    /// the document's last page for the last part.
    public var lastPage: Int
    /// How the numbers of the heading's pages are written (ก ข ค in front matter, say).
    public var format: PageNumbering.Format

    public init(level: Int, title: String, page: Int, lastPage: Int? = nil, format: PageNumbering.Format = .number) {
        self.level = level
        self.title = title
        self.page = page
        self.lastPage = lastPage ?? page
        self.format = format
    }
}
