import Foundation
import Graphics
import ReportModel
import ReportSyntax

/// A table flowing across pages: header rows repeat at the top of each page, row groups are placed
/// whole when they fit and otherwise cut between lines inside their cells (`GroupCut`).
final class TableFlow: Flowable {
    /// Where a table split across pages goes on: the row group to place next and, when that group
    /// was cut at a page break, how far it got.
    struct Resume: Equatable {
        var group: Int
        var progress: GroupProgress?
    }

    private let table: Table
    private let setter: BlockSetter
    private let columns: ColumnLayout
    /// Height of a fresh page's text area, to tell whether a kept row group could fit on one.
    private let pageHeight: Double
    /// The header rows repeated at the top of each page, with their height.
    private let header: (group: RowGroup, height: Double)?
    /// A header taller than half a page cannot repeat: it is placed once, first, and splits across
    /// pages like a row group.
    private let headerPlacedOnce: RowGroup?
    /// The row group measured last: a group is measured with Pango once when it is reached.
    private var measured: (index: Int, group: RowGroup)?

    let spaceBefore = 4.0
    let spaceAfter = 6.0
    let keepWithNext = false

    init(table: Table, width: Double, pageHeight: Double, setter: BlockSetter) {
        self.table = table
        self.setter = setter
        self.pageHeight = pageHeight
        columns = ColumnLayout(table.columns.map(\.width), total: width)
        if table.header.rows.isEmpty {
            header = nil
            headerPlacedOnce = nil
        } else {
            let group = RowGroup(measuring: 0..<table.header.rows.count, of: table.header, table: table, columns: columns, setter: setter,
                                 isHeader: true)
            var part = GroupPart(group, from: nil, padding: table.padding)
            let height = part.fits(within: .infinity).total
            header = height > pageHeight / 2 ? nil : (group, height)
            headerPlacedOnce = height > pageHeight / 2 ? group : nil
        }
    }

    var location: SourceLocation? { table.location }

    /// The groups placed in turn: the header placed once, if any, then the body's row groups.
    private var groupCount: Int { (headerPlacedOnce == nil ? 0 : 1) + table.body.groups.count }

    var isEmpty: Bool { groupCount == 0 }

    private var headerHeight: Double { header?.height ?? 0 }

    var leadHeight: Double {
        guard groupCount > 0 else { return headerHeight }
        let group = rowGroup(0)
        var part = GroupPart(group, from: nil, padding: table.padding)
        let full = part.fits(within: .infinity).total
        if group.keepTogether { return headerHeight + full }
        let firstRow = part.rows[0].map { cell in part.lines(of: cell).prefix(2).reduce(0) { $0 + $1.height } }.max() ?? 0
        return headerHeight + min(full, firstRow + table.padding.top + table.padding.bottom)
    }

    func place(from resume: Resume?, in region: Region, on page: inout PageFrame) -> Placement<Resume> {
        var fragment = TableFragment(table: table, columns: columns, x: region.x)
        var y = region.y
        var available = region.height
        if let header, resume == nil || table.repeatHeader {
            var part = GroupPart(header.group, from: nil, padding: table.padding)
            _ = part.fits(within: .infinity)
            fragment.add(whole: part, top: y)
            y += header.height
            available -= header.height
        }
        var next = resume ?? Resume(group: 0, progress: nil)
        var placedBody = false
        groups: while next.group < groupCount {
            let group = rowGroup(next.group)
            var part = GroupPart(group, from: next.progress, padding: table.padding)
            let whole = part.fits(within: available + 0.01)
            if whole.fits {
                fragment.add(whole: part, top: y)
                y += whole.total
                available -= whole.total
                next = Resume(group: next.group + 1, progress: nil)
                placedBody = true
                continue
            }
            let alone = region.atTop && !placedBody
            let mustStart = region.startsKeptChain && !placedBody
            if group.keepTogether, part.fits(within: pageHeight - headerHeight).fits, !alone, !mustStart { break }
            switch GroupCut.cut(&part, available: available, force: alone) {
            case .nothing:
                break groups
            case let .rowTooTall(row, need):
                return .overflow(rowTooTall(row: group.rowLocations[row], need: need, room: available))
            case let .cut(cut):
                fragment.add(part, cutAt: cut, top: y)
                y += cut.height
                next.progress = cut.rest
                placedBody = true
                break groups
            }
        }
        let finished = next.group >= groupCount
        guard placedBody || finished else { return .needsNextRegion }
        fragment.draw(on: &page)
        return finished ? .finished(height: y - region.y) : .split(height: y - region.y, resume: next)
    }

    /// The error for a row of which not one line fits in `room`, all a page has for it.
    private func rowTooTall(row location: SourceLocation?, need: Double, room: Double) -> Diagnostic {
        let page = header == nil ? "the page's text area is \(Units.centimetres(room))"
            : "a page has \(Units.centimetres(room)) below the repeated header"
        return Diagnostic(at: location, "this table row does not fit on a page: its first line and the cell padding take \(Units.centimetres(need)), \(page)",
                          hint: "make the table's `padding` or the row's text smaller\(header == nil ? "" : ", or set `repeat-header: false`")")
    }

    /// Group `index` of those placed in turn, measured.
    private func rowGroup(_ index: Int) -> RowGroup {
        if let headerPlacedOnce {
            if index == 0 { return headerPlacedOnce }
            return bodyGroup(index - 1)
        }
        return bodyGroup(index)
    }

    private func bodyGroup(_ index: Int) -> RowGroup {
        if let measured, measured.index == index { return measured.group }
        let group = RowGroup(measuring: table.body.groups[index], of: table.body, table: table, columns: columns, setter: setter,
                             isHeader: false)
        measured = (index, group)
        return group
    }
}
