import Foundation
import Graphics
import ReportModel

/// A cell being laid out: where it stands in its row group, its measured lines and how many of
/// them are already placed.
struct CellBox {
    var column: Int
    var columnSpan: Int
    /// First row, counted from the top of the group.
    var row: Int
    var rowSpan: Int
    var lines: [StackLine]
    var next = 0
    var verticalAlign: VerticalAlignment
    var shade: Color?
    /// The cell began on an earlier page.
    var continued = false

    var remaining: ArraySlice<StackLine> { lines[next...] }

    /// Height of the lines not yet placed.
    var remainingHeight: Double {
        remaining.enumerated().reduce(0) { $0 + ($1.offset == 0 ? 0 : $1.element.gapBefore) + $1.element.height }
    }
}

/// Rows joined by row spans, laid out together: a row group is the unit a table splits.
struct RowGroup {
    var rowCount: Int
    var cells: [CellBox]
    var keepTogether: Bool
    /// Header rows (shaded as the header).
    var isHeader = false
}

/// A table flowing across pages: header rows repeat at the top of each page, row groups are placed
/// whole when they fit and otherwise split between lines inside their cells. The resume point is
/// the next group and the part of a split group still to place.
final class TableFlow: Flowable {
    private let table: Table
    private let setter: BlockSetter
    private let columnX: [Double]
    private let columnWidths: [Double]
    /// Height of a fresh page's text area, to tell whether a kept row could fit on one.
    private let pageHeight: Double
    private let header: RowGroup?
    private let headerHeight: Double
    /// Body row ranges, one per row group.
    private let groupRanges: [Range<Int>]
    private var groupIndex = 0
    private var pending: RowGroup?
    private var fragments = 0

    let spaceBefore: Double
    let spaceAfter: Double
    let keepWithNext = false

    init(table: Table, width: Double, pageHeight: Double, setter: BlockSetter) {
        self.table = table
        self.setter = setter
        self.pageHeight = pageHeight
        let widths = TableFlow.resolveWidths(table.columns.map(\.width), total: width)
        columnWidths = widths
        columnX = widths.indices.map { widths[..<$0].reduce(0, +) }
        spaceBefore = 4
        spaceAfter = 6
        groupRanges = TableFlow.groups(table.body)
        if table.header.isEmpty {
            header = nil
            headerHeight = 0
        } else {
            let group = TableFlow.measure(rows: table.header, range: 0..<table.header.count, table: table, widths: columnWidths,
                                          setter: setter, isHeader: true)
            let height = TableFlow.rowHeights(group, padding: table.padding).reduce(0, +)
            if height > pageHeight / 2 {
                // A header taller than half a page cannot repeat: it is placed once, first, and
                // splits across pages like any row group.
                header = nil
                headerHeight = 0
                pending = group
            } else {
                header = group
                headerHeight = height
            }
        }
    }

    var isFinished: Bool { pending == nil && groupIndex >= groupRanges.count }

    var leadHeight: Double {
        guard let group = currentGroup() else { return headerHeight }
        let heights = TableFlow.rowHeights(group, padding: table.padding)
        let full = heights.reduce(0, +)
        if group.keepTogether { return headerHeight + full }
        let firstRow = group.cells.filter { $0.row == 0 }.map { cell in
            cell.remaining.prefix(2).reduce(0) { $0 + $1.height }
        }.max() ?? 0
        return headerHeight + min(full, firstRow + table.padding.top + table.padding.bottom)
    }

    // MARK: Placing

    func place(in region: Region, on page: inout PageFrame) -> Double? {
        var fragment = PageFrame(index: page.index, number: page.number, width: page.width, height: page.height, textArea: page.textArea)
        var y = region.y
        var available = region.height
        if let header, fragments == 0 || table.repeatHeader {
            draw(header, heights: TableFlow.rowHeights(header, padding: table.padding), x: region.x, y: y, on: &fragment, isHeader: true)
            y += headerHeight
            available -= headerHeight
        }
        var placedBody = false
        while let group = currentGroup() {
            let heights = TableFlow.rowHeights(group, padding: table.padding)
            let full = heights.reduce(0, +)
            if full <= available + 0.01 {
                draw(group, heights: heights, x: region.x, y: y, on: &fragment, isHeader: group.isHeader)
                y += full
                available -= full
                pending = nil
                if !group.isHeader { groupIndex += 1 }
                placedBody = true
                continue
            }
            let alone = region.atTop && !placedBody
            if group.keepTogether, full <= pageHeight - headerHeight, !alone { break }
            guard let (height, rest) = split(group, available: available, force: alone, x: region.x, y: y, on: &fragment) else { break }
            y += height
            pending = rest
            placedBody = true
            break
        }
        if !placedBody && !isFinished && !region.atTop { return nil }
        page.items += fragment.items
        fragments += 1
        return y - region.y
    }

    /// The group to place next: the rest of a split one, or the next group measured now.
    private func currentGroup() -> RowGroup? {
        if let pending { return pending }
        guard groupIndex < groupRanges.count else { return nil }
        let group = TableFlow.measure(rows: table.body, range: groupRanges[groupIndex], table: table, widths: columnWidths,
                                      setter: setter, isHeader: false)
        pending = group
        return group
    }

    /// Places the top part of `group` in `available` height, cutting each cell that crosses the
    /// foot of the page between two of its lines. Returns the height used and the rest of the group.
    private func split(_ group: RowGroup, available: Double, force: Bool, x: Double, y: Double,
                       on page: inout PageFrame) -> (Double, RowGroup)? {
        let padding = table.padding
        let heights = TableFlow.rowHeights(group, padding: padding)
        var tops: [Double] = []
        var top = 0.0
        for height in heights { tops.append(top); top += height }
        // The first row that does not fit whole.
        guard let cut = heights.indices.first(where: { tops[$0] + heights[$0] > available + 0.01 }) else { return nil }
        var placed: [Int: Int] = [:]  // cell index → lines placed here
        var bottom = tops[cut]
        for (index, cell) in group.cells.enumerated() where cell.row <= cut && cell.row + cell.rowSpan > cut {
            let room = available - tops[cell.row] - padding.top - padding.bottom
            var used = 0.0
            var count = 0
            for (offset, line) in cell.remaining.enumerated() {
                let gap = offset == 0 ? 0 : line.gapBefore
                guard used + gap + line.height <= room + 0.01 else { break }
                used += gap + line.height
                count += 1
            }
            if !force { count = LineBreaking.count(cell.lines, from: cell.next, fit: count) }
            placed[index] = count
        }
        // A row cut where some cell could not place a line would leave that cell's start apart from
        // the rest of its row: move the whole row instead.
        if !force, placed.contains(where: { $0.value == 0 && !group.cells[$0.key].remaining.isEmpty }) {
            for index in placed.keys { placed[index] = 0 }
        }
        if force, placed.values.allSatisfy({ $0 == 0 }), cut == 0 {
            // Nothing fits even at the top of a page: place one line of each crossing cell.
            for index in placed.keys where !group.cells[index].remaining.isEmpty { placed[index] = 1 }
        }
        if cut == 0, placed.values.allSatisfy({ $0 == 0 }) { return nil }
        for (index, count) in placed {
            let cell = group.cells[index]
            let used = cell.remaining.prefix(count).enumerated().reduce(0.0) { $0 + ($1.offset == 0 ? 0 : $1.element.gapBefore) + $1.element.height }
            if count > 0 { bottom = max(bottom, tops[cell.row] + padding.top + used + padding.bottom) }
        }
        // Draw: cells wholly above the cut as they are, crossing cells down to the new bottom.
        var rest = RowGroup(rowCount: group.rowCount - cut, cells: [], keepTogether: group.keepTogether, isHeader: group.isHeader)
        for (index, cell) in group.cells.enumerated() {
            if cell.row + cell.rowSpan <= cut {
                let height = heights[cell.row..<(cell.row + cell.rowSpan)].reduce(0, +)
                drawCell(cell, lines: cell.remaining, x: x, y: y + tops[cell.row], height: height, on: &page, isHeader: group.isHeader)
            } else if let count = placed[index] {
                if cell.row < cut || count > 0 {
                    drawCell(cell, lines: cell.remaining.prefix(count), x: x, y: y + tops[cell.row], height: bottom - tops[cell.row],
                             on: &page, isHeader: group.isHeader, topAligned: true)
                }
                if cell.row == cut, count == 0 {
                    var moved = cell
                    moved.row = 0
                    rest.cells.append(moved)
                    continue
                }
                var continued = cell
                continued.next += count
                continued.rowSpan = cell.row + cell.rowSpan - cut
                continued.row = 0
                continued.continued = true
                if continued.remaining.first != nil { continued.lines[continued.next].gapBefore = 0 }
                rest.cells.append(continued)
            } else {
                var moved = cell
                moved.row -= cut
                rest.cells.append(moved)
            }
        }
        return (bottom, rest)
    }

    // MARK: Drawing

    private func draw(_ group: RowGroup, heights: [Double], x: Double, y: Double, on page: inout PageFrame, isHeader: Bool) {
        var tops: [Double] = []
        var top = y
        for height in heights { tops.append(top); top += height }
        for cell in group.cells {
            let height = heights[cell.row..<(cell.row + cell.rowSpan)].reduce(0, +)
            drawCell(cell, lines: cell.remaining, x: x, y: tops[cell.row], height: height, on: &page, isHeader: isHeader)
        }
    }

    private func drawCell(_ cell: CellBox, lines: ArraySlice<StackLine>, x: Double, y: Double, height: Double,
                          on page: inout PageFrame, isHeader: Bool, topAligned: Bool = false) {
        let left = x + columnX[cell.column]
        let width = columnWidths[cell.column..<(cell.column + cell.columnSpan)].reduce(0, +)
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
        let border = table.borderWidth
        if border > 0 {
            let corners = [Point(x: left, y: y), Point(x: left + width, y: y), Point(x: left + width, y: y + height), Point(x: left, y: y + height)]
            for side in 0..<4 {
                page.items.append(.line(from: corners[side], to: corners[(side + 1) % 4], width: border, color: .black))
            }
        }
    }

    // MARK: Measuring

    /// Splits body rows into groups joined by row spans.
    static func groups(_ rows: [TableRow]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = 0
        var end = 0
        for (index, row) in rows.enumerated() {
            if index >= end, index > start {
                result.append(start..<index)
                start = index
            }
            end = max(end, index + 1, index + (row.cells.map(\.rowSpan).max() ?? 1))
        }
        if start < rows.count { result.append(start..<rows.count) }
        return result
    }

    /// Measures the cells of `rows[range]` at their column widths.
    static func measure(rows: [TableRow], range: Range<Int>, table: Table, widths: [Double], setter: BlockSetter, isHeader: Bool) -> RowGroup {
        var cells: [CellBox] = []
        var occupied = Set<[Int]>()  // [row, column] covered by a span from above
        for (offset, row) in rows[range].enumerated() {
            var column = 0
            for cell in row.cells {
                while occupied.contains([offset, column]) { column += 1 }
                guard column < widths.count else { break }
                let span = min(cell.columnSpan, widths.count - column)
                let rowSpan = min(cell.rowSpan, range.count - offset)
                for r in offset..<(offset + rowSpan) {
                    for c in column..<(column + span) { occupied.insert([r, c]) }
                }
                let tableColumn = table.columns[column]
                let width = widths[column..<(column + span)].reduce(0, +) - table.padding.left - table.padding.right
                let bold = cell.bold ?? (row.bold ? true : nil)
                let align = cell.align ?? (isHeader ? nil : tableColumn.align)
                let lines = setter.lines(cell.blocks, width: max(1, width)) { style in
                    if let bold { style.bold = bold }
                    if let align { style.align = align }
                }
                cells.append(CellBox(column: column, columnSpan: span, row: offset, rowSpan: rowSpan, lines: lines,
                                     verticalAlign: cell.verticalAlign ?? tableColumn.verticalAlign ?? (isHeader ? .middle : .top),
                                     shade: cell.shade ?? row.shade))
                column += span
            }
        }
        return RowGroup(rowCount: range.count, cells: cells, keepTogether: rows[range].contains { $0.keepTogether }, isHeader: isHeader)
    }

    /// Row heights that fit every cell's remaining lines; a spanning cell's extra need goes to its last row.
    static func rowHeights(_ group: RowGroup, padding: Insets) -> [Double] {
        let pads = padding.top + padding.bottom
        var heights = [Double](repeating: pads, count: group.rowCount)
        for cell in group.cells where cell.rowSpan == 1 {
            let minimum = cell.continued ? 0 : cell.lines.first?.height ?? 0
            heights[cell.row] = max(heights[cell.row], max(cell.remainingHeight, minimum) + pads)
        }
        for cell in group.cells.filter({ $0.rowSpan > 1 }).sorted(by: { $0.rowSpan < $1.rowSpan }) {
            let rows = cell.row..<(cell.row + cell.rowSpan)
            let need = cell.remainingHeight + pads
            let have = heights[rows].reduce(0, +)
            if need > have { heights[rows.upperBound - 1] += need - have }
        }
        return heights
    }

    /// Column widths in points: fixed ones as given, percentages of the total, shares of the rest;
    /// all scaled down together if they overflow.
    static func resolveWidths(_ widths: [ColumnWidth], total: Double) -> [Double] {
        var result = [Double](repeating: 0, count: widths.count)
        var used = 0.0
        var shares = 0.0
        for (index, width) in widths.enumerated() {
            switch width {
            case let .fixed(points): result[index] = points; used += points
            case let .fraction(part): result[index] = part * total; used += part * total
            case let .share(weight): shares += weight
            }
        }
        let rest = max(0, total - used)
        for (index, width) in widths.enumerated() {
            if case let .share(weight) = width { result[index] = shares > 0 ? rest * weight / shares : 0 }
        }
        let sum = result.reduce(0, +)
        if sum > total { result = result.map { $0 * total / sum } }
        return result
    }
}
