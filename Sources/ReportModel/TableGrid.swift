import Foundation
import ReportSyntax

/// One part of a table (its header rows or its body rows) resolved once, while the table is read:
/// every cell with the row and column it starts at and the rows and columns it spans, and the row
/// groups that row spans join. Validation, totals and layout all read it.
public struct TableGrid {
    public let columnCount: Int
    /// Each row's own settings (keep, shade, bold, location).
    public private(set) var rows: [TableRow] = []
    /// Every cell that found a place, row by row and left to right.
    public private(set) var cells: [TableCell] = []
    /// For each row, the index in `cells` of its first cell; one more entry, `cells.count`, at the end.
    private var rowStarts = [0]
    /// Consecutive rows joined by row spans, top to bottom: the units a table is split into between
    /// pages (a group too tall for what is left of a page splits only between the lines of its cells).
    public private(set) var groups: [Range<Int>] = []

    init(columnCount: Int) { self.columnCount = columnCount }

    /// The cells that start in `rows`, in reading order.
    public func cells(inRows rows: Range<Int>) -> ArraySlice<TableCell> {
        cells[rowStarts[rows.lowerBound]..<rowStarts[rows.upperBound]]
    }

    /// Appends a row whose cells fill it side by side from the first column, each one row high, as
    /// a group of its own (the totals row, made after the rows above were checked).
    mutating func appendFullRow(_ row: TableRow, cells rowCells: [TableCell]) {
        var column = 0
        for var cell in rowCells where column < columnCount {
            cell.row = rows.count
            cell.column = column
            cell.rowSpan = 1
            cell.columnSpan = min(cell.columnSpan, columnCount - column)
            column += cell.columnSpan
            cells.append(cell)
        }
        groups.append(rows.count..<(rows.count + 1))
        appendRow(row)
    }

    fileprivate mutating func appendRow(_ row: TableRow) {
        rows.append(row)
        rowStarts.append(cells.count)
    }

    fileprivate mutating func append(_ cell: TableCell) { cells.append(cell) }

    /// Shortens a row span that runs past the last row.
    fileprivate mutating func clipRowSpan(ofCell index: Int) {
        cells[index].rowSpan = rows.count - cells[index].row
    }

    fileprivate mutating func appendGroup(_ rows: Range<Int>) { groups.append(rows) }
}

/// Builds a `TableGrid` row by row as a table is read: tells the reader which column a cell lands in
/// (after the columns row spans from above cover), places each row's cells and reports, at their
/// places, a row with more cells than columns or too few, a span past the last column or over a
/// row span from above, and (when the grid is finished) a span past the last row.
struct TableGridBuilder {
    private var grid: TableGrid
    /// `header` or `body`, as messages name the part.
    private let part: String
    private let diagnostics: DiagnosticCollector
    /// For each column, how many more rows (this one included) a cell placed above covers it.
    private var covered: [Int]
    /// The row group being gathered: its first row and the row after the last one its spans reach.
    private var groupStart = 0
    private var groupEnd = 0

    init(columns: Int, part: String, diagnostics: DiagnosticCollector) {
        grid = TableGrid(columnCount: columns)
        self.part = part
        self.diagnostics = diagnostics
        covered = [Int](repeating: 0, count: columns)
    }

    /// The first column at or after `column` that no row span from above covers in the next row.
    func nextFreeColumn(from column: Int) -> Int {
        var index = column
        while index < covered.count, covered[index] > 0 { index += 1 }
        return index
    }

    /// Places the cells of the next row, left to right in the columns left free from above.
    mutating func add(_ row: TableRow, cells: [TableCell]) {
        let rowIndex = grid.rows.count
        let columns = covered.count
        if rowIndex >= groupEnd, rowIndex > groupStart {
            grid.appendGroup(groupStart..<rowIndex)
            groupStart = rowIndex
        }
        groupEnd = max(groupEnd, rowIndex + 1)
        var column = 0
        for var cell in cells {
            column = nextFreeColumn(from: column)
            let location = cell.location ?? row.location
            guard column < columns else {
                diagnostics.error(location, "\(part) row \(rowIndex + 1) has more cells than the table's \(columns) columns",
                                  hint: "remove a cell, or check the `colspan`/`rowspan` of the cells before it; inside `[ ]` a comma separates cells, so quote texts and numbers that contain one (\"1,000.50\")")
                break
            }
            if column + cell.columnSpan > columns {
                diagnostics.error(location, "a cell spans \(cell.columnSpan) columns from column \(column + 1), past the table's \(columns) columns",
                                  hint: "make `colspan` at most \(columns - column)")
            }
            for spanned in column..<min(columns, column + cell.columnSpan) {
                if covered[spanned] > 0 {
                    diagnostics.error(location, "this cell overlaps a row span from above in column \(spanned + 1)",
                                      hint: "a cell with `rowspan` above already fills column \(spanned + 1) of this row; make this cell's `colspan` smaller")
                }
                covered[spanned] = cell.rowSpan
            }
            groupEnd = max(groupEnd, rowIndex + cell.rowSpan)
            let span = cell.columnSpan
            cell.row = rowIndex
            cell.column = column
            cell.columnSpan = min(span, columns - column)
            grid.append(cell)
            column += span
        }
        let filled = covered.filter { $0 > 0 }.count
        if filled < columns {
            diagnostics.error(row.location, "\(part) row \(rowIndex + 1) fills \(filled) of the table's \(columns) columns",
                              hint: "add \(plural(columns - filled, "cell")); write `~` or \"\" for an empty cell")
        }
        for index in covered.indices where covered[index] > 0 { covered[index] -= 1 }
        grid.appendRow(row)
    }

    /// The grid, once every row is placed: row spans past the last row are reported and shortened.
    func finish() -> TableGrid {
        var result = grid
        let rowCount = result.rows.count
        for (index, cell) in result.cells.enumerated() where cell.row + cell.rowSpan > rowCount {
            diagnostics.error(cell.location ?? result.rows[cell.row].location,
                              "a cell spans \(cell.rowSpan) rows from \(part) row \(cell.row + 1), past the last row (\(rowCount))",
                              hint: "make `rowspan` at most \(rowCount - cell.row)")
            result.clipRowSpan(ofCell: index)
        }
        if groupStart < rowCount { result.appendGroup(groupStart..<rowCount) }
        return result
    }
}
