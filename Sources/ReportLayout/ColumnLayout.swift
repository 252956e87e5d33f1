import Foundation
import ReportModel

/// Where a table's columns stand: their widths in points and their left edges from the table's
/// left edge.
struct ColumnLayout {
    let widths: [Double]
    let offsets: [Double]

    /// Fixed widths as given, shares of the table's width, and parts of what those leave; all
    /// scaled down together if they overflow `total`.
    init(_ columns: [ColumnWidth], total: Double) {
        var result = [Double](repeating: 0, count: columns.count)
        var used = 0.0
        var shares = 0.0
        for (index, width) in columns.enumerated() {
            switch width {
            case let .fixed(points): result[index] = points; used += points
            case let .fraction(part): result[index] = part * total; used += part * total
            case let .share(weight): shares += weight
            }
        }
        let rest = max(0, total - used)
        for (index, width) in columns.enumerated() {
            if case let .share(weight) = width { result[index] = shares > 0 ? rest * weight / shares : 0 }
        }
        let sum = result.reduce(0, +)
        if sum > total { result = result.map { $0 * total / sum } }
        widths = result
        var left = 0.0
        offsets = result.map { width in
            defer { left += width }
            return left
        }
    }

    /// Width of `span` columns from `column`.
    func width(from column: Int, span: Int) -> Double {
        widths[column..<(column + span)].reduce(0, +)
    }

    /// Where the vertical grid lines stand from the table's left edge: the left edge of every column,
    /// then the right edge of the last.
    var edges: [Double] { offsets + [(offsets.last ?? 0) + (widths.last ?? 0)] }
}
