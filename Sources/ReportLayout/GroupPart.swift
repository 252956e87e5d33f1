import Foundation
import ReportModel

/// How far a row group cut at a page break has been placed: the rows above `row` are done; the
/// cells that reach into `row` from above or start in it (at most one per column) go on from the
/// line after those already placed.
struct GroupProgress: Equatable {
    /// A cell, by its index in the group, and how many of its lines are placed.
    struct CellProgress: Equatable {
        var cell: Int
        var linesPlaced: Int
    }

    var row: Int
    /// In the order of the group's cells.
    var cells: [CellProgress]
}

/// A cell of a `GroupPart`: its rows counted from the part's first row, and its first line still
/// to place.
struct PartCell {
    /// Index in the group's cells.
    let index: Int
    let row: Int
    let rowSpan: Int
    let firstLine: Int
}

/// The rows of a row group still to place, from the start or from a `GroupProgress`: cells cut
/// short go on from the part's first row with their remaining lines. Row heights are worked out
/// top down, only as far as they are asked for, so placing a page of a long group costs what that
/// page holds.
struct GroupPart {
    let group: RowGroup
    /// The group's row the part starts at.
    let firstRow: Int
    let padding: Insets
    /// Heights of the rows worked out so far: every cell's remaining lines fit with the padding, and
    /// a cell spanning rows puts what its rows lack into its last row.
    private(set) var heights: [Double] = []
    /// The cells that start in each row worked out so far, in the group's order.
    private(set) var rows: [[PartCell]] = []
    /// Cells spanning several rows whose last row is not worked out yet.
    private var spanning: [PartCell] = []
    private let firstRowCells: [PartCell]

    init(_ group: RowGroup, from progress: GroupProgress?, padding: Insets) {
        self.group = group
        self.padding = padding
        firstRow = progress?.row ?? 0
        if let progress {
            firstRowCells = progress.cells.map { placed in
                let cell = group.cells[placed.cell]
                return PartCell(index: placed.cell, row: 0, rowSpan: cell.row + cell.rowSpan - progress.row, firstLine: placed.linesPlaced)
            }
        } else {
            firstRowCells = group.cells(startingIn: 0).map { PartCell(index: $0, row: 0, rowSpan: group.cells[$0].rowSpan, firstLine: 0) }
        }
    }

    var rowCount: Int { group.rowCount - firstRow }

    /// The lines of `cell` still to place.
    func lines(of cell: PartCell) -> ArraySlice<StackLine> { group.cells[cell.index].lines[cell.firstLine...] }

    /// Height of the lines of `cell` still to place.
    func remainingHeight(of cell: PartCell) -> Double { group.cells[cell.index].height(from: cell.firstLine) }

    /// The height of part row `row`.
    mutating func height(ofRow row: Int) -> Double {
        while heights.count <= row { addRow() }
        return heights[row]
    }

    /// Whether the rows, added up top down, stay within `limit`; rows are worked out only until
    /// they pass it. `total` is their height when they do.
    mutating func fits(within limit: Double) -> (fits: Bool, total: Double) {
        var total = 0.0
        for row in 0..<rowCount {
            total += height(ofRow: row)
            if total > limit { return (false, total) }
        }
        return (true, total)
    }

    /// Works out the next row: its own cells' needs, then those of the cells spanning down to it
    /// (shorter spans first).
    private mutating func addRow() {
        let row = heights.count
        let starting = row == 0 ? firstRowCells : group.cells(startingIn: firstRow + row).map {
            PartCell(index: $0, row: row, rowSpan: group.cells[$0].rowSpan, firstLine: 0)
        }
        rows.append(starting)
        let pads = padding.top + padding.bottom
        var height = pads
        for cell in starting where cell.rowSpan == 1 {
            height = max(height, remainingHeight(of: cell) + pads)
        }
        heights.append(height)
        spanning += starting.filter { $0.rowSpan > 1 }
        let ending = spanning.filter { $0.row + $0.rowSpan - 1 == row }.sorted { ($0.rowSpan, $0.index) < ($1.rowSpan, $1.index) }
        spanning.removeAll { $0.row + $0.rowSpan - 1 == row }
        for cell in ending {
            let need = remainingHeight(of: cell) + pads
            let have = heights[cell.row...row].reduce(0, +)
            if need > have { heights[row] += need - have }
        }
    }
}
