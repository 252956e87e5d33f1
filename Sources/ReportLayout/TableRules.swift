import Foundation
import ReportModel

/// The grid lines of the part of a table on one page, each drawn once: the cells drawn give boxes
/// between row boundaries and column boundaries; the sides of the boxes that lie on one boundary
/// are joined into as few lines as they make up.
struct TableRules {
    /// A cell's box: the row boundaries above and below it, the column boundaries left and right.
    private struct Box {
        var rows: ClosedRange<Int>
        var columns: ClosedRange<Int>
    }

    /// Where each row boundary is, top to bottom.
    private(set) var rowEdges: [Double] = []
    private var boxes: [Box] = []

    /// Starts rows whose top is at `top`: the bottom of the rows before, or a new first boundary.
    /// Returns the index of that boundary.
    mutating func startRows(at top: Double) -> Int {
        if rowEdges.isEmpty { rowEdges.append(top) }
        return rowEdges.count - 1
    }

    /// Adds a row boundary below the last one.
    mutating func addRowEdge(at y: Double) {
        rowEdges.append(y)
    }

    /// Adds the box of a cell between row boundaries `rows` and columns `columns` (from its first
    /// column to the one after its last).
    mutating func addCell(rows: ClosedRange<Int>, columns: ClosedRange<Int>) {
        boxes.append(Box(rows: rows, columns: columns))
    }

    /// The lines, `width` wide: first the horizontal ones, top to bottom, then the vertical ones, left
    /// to right. `columnEdges` holds the x of every column boundary.
    func lines(columnEdges: [Double], width: Double) -> [PageItem] {
        var horizontal = [[ClosedRange<Int>]](repeating: [], count: rowEdges.count)
        var vertical = [[ClosedRange<Int>]](repeating: [], count: columnEdges.count)
        for box in boxes {
            horizontal[box.rows.lowerBound].append(box.columns)
            horizontal[box.rows.upperBound].append(box.columns)
            vertical[box.columns.lowerBound].append(box.rows)
            vertical[box.columns.upperBound].append(box.rows)
        }
        var items: [PageItem] = []
        for (edge, spans) in horizontal.enumerated() {
            let y = rowEdges[edge]
            for run in Self.joined(spans) {
                items.append(.line(from: Point(x: columnEdges[run.lowerBound], y: y), to: Point(x: columnEdges[run.upperBound], y: y),
                                   width: width, color: .black))
            }
        }
        for (edge, spans) in vertical.enumerated() {
            let x = columnEdges[edge]
            for run in Self.joined(spans) where rowEdges[run.upperBound] > rowEdges[run.lowerBound] {
                items.append(.line(from: Point(x: x, y: rowEdges[run.lowerBound]), to: Point(x: x, y: rowEdges[run.upperBound]),
                                   width: width, color: .black))
            }
        }
        return items
    }

    /// Stretches that overlap or touch joined into one, left to right.
    private static func joined(_ spans: [ClosedRange<Int>]) -> [ClosedRange<Int>] {
        var result: [ClosedRange<Int>] = []
        for span in spans.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = result.last, span.lowerBound <= last.upperBound {
                result[result.count - 1] = last.lowerBound...max(last.upperBound, span.upperBound)
            } else {
                result.append(span)
            }
        }
        return result
    }
}
