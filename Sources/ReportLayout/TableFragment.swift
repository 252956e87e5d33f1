import Foundation
import ReportModel

/// The part of a table placed on one page: the row groups and cut parts stacked from its top,
/// decided first and drawn onto the page only once the placement is accepted: the cells' shades and
/// lines, then the grid lines (`TableRules`).
struct TableFragment {
    /// A part of a row group placed whole, or down to a cut, with its top on the page.
    private enum Piece {
        case whole(GroupPart, top: Double)
        case cut(GroupPart, GroupCut, top: Double)
    }

    private let table: Table
    private let columns: ColumnLayout
    /// Left edge of the table.
    private let x: Double
    private var pieces: [Piece] = []

    init(table: Table, columns: ColumnLayout, x: Double) {
        self.table = table
        self.columns = columns
        self.x = x
    }

    /// Adds `part`, whose row heights are all worked out, with its top at `top`.
    mutating func add(whole part: GroupPart, top: Double) { pieces.append(.whole(part, top: top)) }

    /// Adds the top of `part` down to `cut`, with its top at `top`.
    mutating func add(_ part: GroupPart, cutAt cut: GroupCut, top: Double) { pieces.append(.cut(part, cut, top: top)) }

    func draw(on page: inout PageFrame) {
        var rules = TableRules()
        for piece in pieces {
            switch piece {
            case let .whole(part, top): drawWhole(part, top: top, on: &page, rules: &rules)
            case let .cut(part, cut, top): drawCut(part, cut, top: top, on: &page, rules: &rules)
            }
        }
        if table.borderWidth > 0 {
            page.items += rules.lines(columnEdges: columns.edges.map { x + $0 }, width: table.borderWidth)
        }
    }

    private func drawWhole(_ part: GroupPart, top y: Double, on page: inout PageFrame, rules: inout TableRules) {
        var tops: [Double] = []
        var top = y
        for height in part.heights { tops.append(top); top += height }
        let first = rules.startRows(at: y)
        for edge in tops.dropFirst() + [top] { rules.addRowEdge(at: edge) }
        for cell in part.rows.joined() {
            let measured = part.group.cells[cell.index]
            let height = part.heights[cell.row..<(cell.row + cell.rowSpan)].reduce(0, +)
            drawCell(measured, lines: part.lines(of: cell), y: tops[cell.row], height: height, on: &page, isHeader: part.group.isHeader)
            rules.addCell(rows: (first + cell.row)...(first + cell.row + cell.rowSpan), columns: measured.columns)
        }
    }

    /// Cells wholly above the cut as they are; cells reaching into the cut row down to the cut,
    /// with the lines they place here (a cell starting in the cut row that places none is left for
    /// the next page).
    private func drawCut(_ part: GroupPart, _ cut: GroupCut, top y: Double, on page: inout PageFrame, rules: inout TableRules) {
        let first = rules.startRows(at: y)
        for top in cut.tops.dropFirst() { rules.addRowEdge(at: y + top) }
        var bottomEdge = first + cut.row
        if cut.height > cut.tops[cut.row] {
            rules.addRowEdge(at: y + cut.height)
            bottomEdge += 1
        }
        for cell in part.rows[...cut.row].joined() {
            let measured = part.group.cells[cell.index]
            if cell.row + cell.rowSpan <= cut.row {
                let height = part.heights[cell.row..<(cell.row + cell.rowSpan)].reduce(0, +)
                drawCell(measured, lines: part.lines(of: cell), y: y + cut.tops[cell.row], height: height, on: &page,
                         isHeader: part.group.isHeader)
                rules.addCell(rows: (first + cell.row)...(first + cell.row + cell.rowSpan), columns: measured.columns)
            } else if let count = cut.placedLines[cell.index], cell.row < cut.row || count > 0 {
                drawCell(measured, lines: part.lines(of: cell).prefix(count), y: y + cut.tops[cell.row], height: cut.height - cut.tops[cell.row],
                         on: &page, isHeader: part.group.isHeader, topAligned: true)
                rules.addCell(rows: (first + cell.row)...bottomEdge, columns: measured.columns)
            }
        }
    }

    private func drawCell(_ cell: MeasuredCell, lines: ArraySlice<StackLine>, y: Double, height: Double,
                          on page: inout PageFrame, isHeader: Bool, topAligned: Bool = false) {
        let left = x + columns.offsets[cell.column]
        let width = columns.width(from: cell.column, span: cell.columnSpan)
        if let shade = cell.shade ?? (isHeader ? table.headerShade : nil) {
            page.items.append(.fill(Rect(x: left, y: y, width: width, height: height), shade))
        }
        let padding = table.padding
        let content = lines.enumerated().reduce(0.0) { $0 + ($1.offset == 0 ? 0 : $1.element.gapBefore) + $1.element.height }
        let free = max(0, height - padding.top - padding.bottom - content)
        var lineTop = y + padding.top
        if !topAligned {
            switch cell.verticalAlign {
            case .top: break
            case .middle: lineTop += free / 2
            case .bottom: lineTop += free
            }
        }
        for (offset, line) in lines.enumerated() {
            if offset > 0 { lineTop += line.gapBefore }
            page.draw(line, x: left + padding.left, top: lineTop)
            lineTop += line.height
        }
    }
}
