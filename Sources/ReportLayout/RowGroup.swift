import Foundation
import ReportModel
import ReportSyntax

/// A table cell measured at its column width: where it stands in its row group and its lines.
struct MeasuredCell {
    /// First row, counted from the top of the group, and the rows it spans.
    var row: Int
    var rowSpan: Int
    var column: Int
    var columnSpan: Int
    var lines: [StackLine]
    var verticalAlign: VerticalAlignment
    var shade: Color?

    /// The column boundaries left and right of the cell.
    var columns: ClosedRange<Int> { column...(column + columnSpan) }

    /// Height of the lines from `first` on, the gap above the first of them left out.
    func height(from first: Int) -> Double {
        lines[first...].enumerated().reduce(0) { $0 + ($1.offset == 0 ? 0 : $1.element.gapBefore) + $1.element.height }
    }
}

/// Rows of a table joined by row spans, their cells measured: the unit a table splits at page breaks.
struct RowGroup {
    let rowCount: Int
    /// The cells in reading order (by first row, then column).
    let cells: [MeasuredCell]
    /// Index in `cells` of the first cell of each row; one more entry, `cells.count`, at the end.
    private let rowStarts: [Int]
    /// A row of the group is kept whole, so the group moves whole unless taller than a page.
    let keepTogether: Bool
    /// Header rows (shaded as the header).
    let isHeader: Bool
    /// Where each row was written, for errors.
    let rowLocations: [SourceLocation?]

    /// Measures the cells of `rows` of `grid` at the widths of their columns.
    init(measuring rows: Range<Int>, of grid: TableGrid, table: Table, columns: ColumnLayout, setter: BlockSetter, isHeader: Bool) {
        var cells: [MeasuredCell] = []
        var rowStarts: [Int] = []
        for row in rows {
            rowStarts.append(cells.count)
            let settings = grid.rows[row]
            for cell in grid.cells(inRows: row..<(row + 1)) {
                let tableColumn = table.columns[cell.column]
                let width = columns.width(from: cell.column, span: cell.columnSpan) - table.padding.left - table.padding.right
                let bold = cell.bold ?? (settings.bold ? true : nil)
                let align = cell.align ?? (isHeader ? nil : tableColumn.align)
                let lines = setter.lines(cell.blocks, width: max(1, width)) { style in
                    if let bold { style.bold = bold }
                    if let align {
                        style.align = align
                        // Centred or right-aligned text has no first-line indent (the column's style may be the body's).
                        if align == .center || align == .right { style.firstLineIndent = 0 }
                    }
                }
                cells.append(MeasuredCell(row: row - rows.lowerBound, rowSpan: cell.rowSpan, column: cell.column, columnSpan: cell.columnSpan,
                                          lines: lines, verticalAlign: cell.verticalAlign ?? tableColumn.verticalAlign ?? (isHeader ? .middle : .top),
                                          shade: cell.shade ?? settings.shade))
            }
        }
        rowStarts.append(cells.count)
        self.cells = cells
        self.rowStarts = rowStarts
        rowCount = rows.count
        keepTogether = grid.rows[rows].contains { $0.keepTogether }
        self.isHeader = isHeader
        rowLocations = grid.rows[rows].map(\.location)
    }

    /// Indices in `cells` of the cells whose first row is `row`.
    func cells(startingIn row: Int) -> Range<Int> { rowStarts[row]..<rowStarts[row + 1] }
}
