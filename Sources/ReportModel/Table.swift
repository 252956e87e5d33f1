import Foundation
import ReportSyntax
import ThaiText

/// How wide a table column is.
public enum ColumnWidth: Equatable {
    /// A fixed width in points.
    case fixed(Double)
    /// A share (0…1) of the table's width.
    case fraction(Double)
    /// A share of what fixed and fractional columns leave (`2fr` takes twice what `1fr` takes).
    case share(Double)
}

/// How numbers in a column are written.
public struct NumberFormat: Equatable {
    public var decimals: Int
    public var grouping: Bool
    public var digits: ThaiFormatting.Digits
    public init(decimals: Int, grouping: Bool, digits: ThaiFormatting.Digits) {
        self.decimals = decimals
        self.grouping = grouping
        self.digits = digits
    }

    public func format(_ value: Decimal) -> String {
        ThaiFormatting.number(value, decimals: decimals, grouping: grouping, digits: digits)
    }
}

/// A table column: its width, default alignment and, for numeric columns, the number format.
public struct TableColumn {
    /// Name used by record-style rows and totals.
    public var key: String?
    public var width: ColumnWidth
    public var align: HorizontalAlignment?
    public var verticalAlign: VerticalAlignment?
    public var number: NumberFormat?
    public init(key: String?, width: ColumnWidth, align: HorizontalAlignment?, verticalAlign: VerticalAlignment?, number: NumberFormat?) {
        self.key = key
        self.width = width
        self.align = align
        self.verticalAlign = verticalAlign
        self.number = number
    }
}

/// One cell of a table: its content and options, the rows and columns it spans and, once the
/// table's grid has placed it, the row and column it starts at.
public struct TableCell {
    /// Paragraphs and lists.
    public var blocks: [Block]
    /// The number written, for numeric columns (used by totals).
    public var number: Decimal?
    /// Columns and rows covered; inside a `TableGrid`, never past the grid's last column or row.
    public var columnSpan: Int
    public var rowSpan: Int
    public var align: HorizontalAlignment?
    public var verticalAlign: VerticalAlignment?
    public var shade: Color?
    public var bold: Bool?
    public var location: SourceLocation?
    /// The first row and column the cell fills, counted from 0 within its part of the table (header
    /// or body); set when the grid places the cell.
    public internal(set) var row = 0
    public internal(set) var column = 0

    public init(blocks: [Block], number: Decimal? = nil, columnSpan: Int = 1, rowSpan: Int = 1,
                align: HorizontalAlignment? = nil, verticalAlign: VerticalAlignment? = nil,
                shade: Color? = nil, bold: Bool? = nil, location: SourceLocation? = nil) {
        self.blocks = blocks
        self.number = number
        self.columnSpan = columnSpan
        self.rowSpan = rowSpan
        self.align = align
        self.verticalAlign = verticalAlign
        self.shade = shade
        self.bold = bold
        self.location = location
    }
}

/// A table row's own settings; its cells are in the table's grid.
public struct TableRow {
    /// Never split between pages (unless taller than a whole page).
    public var keepTogether: Bool
    public var shade: Color?
    public var bold: Bool
    public var location: SourceLocation?
    public init(keepTogether: Bool = false, shade: Color? = nil, bold: Bool = false, location: SourceLocation? = nil) {
        self.keepTogether = keepTogether
        self.shade = shade
        self.bold = bold
        self.location = location
    }
}

/// An RGB colour, components 0…1.
public struct Color: Hashable, Codable {
    public var red: Double
    public var green: Double
    public var blue: Double
    public init(red: Double, green: Double, blue: Double) {
        self.red = red
        self.green = green
        self.blue = blue
    }
    public static let black = Color(red: 0, green: 0, blue: 0)
}

/// A table: columns, header rows repeated on every page it reaches, and body rows, each part
/// resolved into its grid.
public struct Table {
    public var columns: [TableColumn]
    public var header: TableGrid
    public var body: TableGrid
    /// Style of body cells and of header cells.
    public var style: String
    public var headerStyle: String
    public var padding: Insets
    /// Width of grid lines in points; 0 draws none.
    public var borderWidth: Double
    public var headerShade: Color?
    /// Repeat the header rows at the top of every page the table continues on.
    public var repeatHeader: Bool
    public var location: SourceLocation?

    public init(columns: [TableColumn], header: TableGrid, body: TableGrid, style: String, headerStyle: String,
                padding: Insets, borderWidth: Double, headerShade: Color?, repeatHeader: Bool, location: SourceLocation?) {
        self.columns = columns
        self.header = header
        self.body = body
        self.style = style
        self.headerStyle = headerStyle
        self.padding = padding
        self.borderWidth = borderWidth
        self.headerShade = headerShade
        self.repeatHeader = repeatHeader
        self.location = location
    }
}
