import Foundation
import ReportModel

/// Where a row group too tall for what is left of a page is cut: the rows above the cut row are
/// placed whole; each cell that reaches into the cut row places the lines that fit above the foot
/// of the page and goes on with the rest on the next page.
struct GroupCut {
    /// The part row the cut falls in.
    let row: Int
    /// Top of each part row down to the cut row, from the top of the part.
    let tops: [Double]
    /// The height placed on this page.
    let height: Double
    /// For each cell reaching into the cut row (by index in the group), the lines it places here.
    let placedLines: [Int: Int]
    /// Where the rest of the group goes on.
    let rest: GroupProgress

    /// What cutting a part in some room gives.
    enum Outcome {
        case cut(GroupCut)
        /// Nothing of the part may go here.
        case nothing
        /// Not one line of group row `row` fits even at the top of an empty page, where it needs
        /// `need` (its tallest first line and the padding).
        case rowTooTall(row: Int, need: Double)
    }

    /// Cuts `part` so that its top fits in `available`, with orphan and widow control inside the
    /// cells unless `force` (the part stands alone at the top of a page and must make progress).
    /// A cut row whose cells cannot all keep a line on this page moves whole to the next; a cell
    /// spanning down from above it still places the lines that fit above it, and when it could place
    /// none the cut moves up to the row the cell starts in, so its text is printed at the top of its
    /// span on the page where the span starts.
    static func cut(_ part: inout GroupPart, available: Double, force: Bool) -> Outcome {
        var tops: [Double] = []
        var top = 0.0
        var cutRow: Int?
        for row in 0..<part.rowCount {
            tops.append(top)
            let height = part.height(ofRow: row)
            if top + height > available + 0.01 {
                cutRow = row
                break
            }
            top += height
        }
        guard var cut = cutRow else { return .nothing }
        var placed = linesPlaced(in: part, crossing: cut, tops: tops, bottom: available, pageCut: !force)
        if !force, placed.contains(where: { $0.count == 0 && !part.lines(of: $0.cell).isEmpty }) {
            // The cut row moves whole; cells from above keep what fits above it.
            while true {
                placed = linesPlaced(in: part, crossing: cut, tops: tops, bottom: tops[cut], pageCut: true, startingAbove: true)
                let blocked = placed.filter { $0.cell.row < cut && $0.count == 0 && !part.lines(of: $0.cell).isEmpty }
                guard let up = blocked.map(\.cell.row).min() else { break }
                cut = up
            }
        }
        if cut == 0, placed.allSatisfy({ $0.count == 0 }) {
            guard force else { return .nothing }
            let firstLines = part.rows[0].compactMap { part.lines(of: $0).first?.height }
            return .rowTooTall(row: part.firstRow, need: (firstLines.max() ?? 0) + part.padding.top + part.padding.bottom)
        }
        var bottom = tops[cut]
        for (cell, count) in placed where count > 0 {
            let used = part.lines(of: cell).prefix(count).enumerated()
                .reduce(0.0) { $0 + ($1.offset == 0 ? 0 : $1.element.gapBefore) + $1.element.height }
            bottom = max(bottom, tops[cell.row] + part.padding.top + used + part.padding.bottom)
        }
        let rest = GroupProgress(row: part.firstRow + cut, cells: placed.map {
            GroupProgress.CellProgress(cell: $0.cell.index, linesPlaced: $0.cell.firstLine + $0.count)
        })
        return .cut(GroupCut(row: cut, tops: Array(tops[...cut]), height: bottom,
                             placedLines: Dictionary(uniqueKeysWithValues: placed.map { ($0.cell.index, $0.count) }), rest: rest))
    }

    /// For each cell reaching into `row`, in the group's order, the lines that fit between its top
    /// and `bottom` less the padding (none for cells starting in `row` when `startingAbove`); with
    /// `pageCut`, no more than the orphan and widow rules allow.
    private static func linesPlaced(in part: GroupPart, crossing row: Int, tops: [Double], bottom: Double, pageCut: Bool,
                                    startingAbove: Bool = false) -> [(cell: PartCell, count: Int)] {
        part.rows[...row].joined().filter { $0.row + $0.rowSpan > row }.map { cell in
            guard !startingAbove || cell.row < row else { return (cell, 0) }
            let room = bottom - tops[cell.row] - part.padding.top - part.padding.bottom
            var used = 0.0
            var count = 0
            for (offset, line) in part.lines(of: cell).enumerated() {
                let gap = offset == 0 ? 0 : line.gapBefore
                guard used + gap + line.height <= room + 0.01 else { break }
                used += gap + line.height
                count += 1
            }
            if pageCut { count = PageCut.linesBefore(part.group.cells[cell.index].lines, from: cell.firstLine, fitting: count) }
            return (cell, count)
        }
    }
}
