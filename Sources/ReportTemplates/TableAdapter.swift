import Foundation
import ReportSyntax
import ThaiText

/// Applies a description's changes (`TemplateAdaptation.TableChange`) to one table a template
/// made: renames and resizes columns, hides them, and adds columns whose cells come from each
/// row's item. Works on the table as written (columns, header rows, body rows, totals), following
/// row and column spans: a cell spanning a hidden column narrows, one spanning where a column is
/// added widens.
struct TableAdapter {
    /// One row's cells as written, and how to put changed cells back.
    private struct Row {
        var node: SyntaxNode
        /// A record row (`{key: value}`) has no cell list; its cells are found by column key.
        var isRecord: Bool {
            guard let pairs = node.mapping else { return false }
            return !pairs.contains { $0.key.scalar == "cells" }
        }

        var cells: [SyntaxNode] {
            get { node.sequence ?? node.mapping?.first { $0.key.scalar == "cells" }?.value.sequence ?? [] }
            set {
                if node.sequence != nil {
                    node.value = .sequence(newValue)
                } else if let pairs = node.mapping {
                    node.value = .mapping(pairs.map { $0.key.scalar == "cells" ? ($0.key, SyntaxNode(.sequence(newValue), at: $0.value.location)) : $0 })
                }
            }
        }
    }

    /// Where one cell sits: its index in its row's list, first column and spans.
    private struct Placement {
        var index: Int
        var column: Int
        var colspan: Int
        var rowspan: Int
        var covers: ClosedRange<Int> { column...(column + colspan - 1) }
    }

    let change: TemplateAdaptation.TableChange
    /// Reports a problem at a place of the description.
    let report: (SourceLocation, String, String?) -> Void

    /// The table with the changes made. `items` holds each body row's item (nil for a row no
    /// loop made), which fills the added columns.
    func apply(to table: SyntaxNode, items: [TemplateValue?]) -> SyntaxNode {
        guard var pairs = table.mapping else { return table }
        func value(_ key: String) -> SyntaxNode? { pairs.first { $0.key.scalar == key }?.value }
        func set(_ key: String, _ node: SyntaxNode) {
            if let index = pairs.firstIndex(where: { $0.key.scalar == key }) { pairs[index].value = node }
        }
        guard var columns = value("columns")?.sequence else { return table }
        let headerNode = value("header")
        let headerIsRows = headerNode?.sequence.map { !$0.isEmpty && $0.allSatisfy { $0.sequence != nil } } ?? false
        var header = (headerIsRows ? headerNode?.sequence ?? [] : headerNode.map { [$0] } ?? []).map { Row(node: $0) }
        var body = (value("rows")?.sequence ?? []).map { Row(node: $0) }
        var totals = value("totals")?.mapping?.first { $0.key.scalar == "columns" }?.value.sequence

        var keys: [String] { columns.map { Self.columnKey($0) ?? "" } }
        func column(named node: SyntaxNode) -> Int? {
            if let index = keys.firstIndex(of: node.scalar ?? ""), !(node.scalar ?? "").isEmpty { return index }
            let named = keys.filter { !$0.isEmpty }
            TemplateAdaptation.unknownColumn(node, keys: named, report: report)
            return nil
        }

        for columnChange in change.columns {
            guard let index = column(named: columnChange.key) else { continue }
            if let width = columnChange.width { columns[index] = Self.setting("width", to: width, in: columns[index]) }
            if let align = columnChange.align { columns[index] = Self.setting("align", to: align, in: columns[index]) }
            if let text = columnChange.header { rename(column: index, of: columns.count, to: text, in: &header, key: columnChange.key) }
        }
        for columnChange in change.columns where columnChange.hide {
            guard let index = column(named: columnChange.key) else { continue }
            let key = keys[index]
            Self.remove(column: index, of: columns.count, from: &header)
            Self.remove(column: index, of: columns.count, from: &body, key: key)
            columns.remove(at: index)
            totals?.removeAll { $0.scalar == key }
        }
        for added in change.added {
            var position = columns.count
            if let anchor = added.anchor {
                guard let index = column(named: anchor.key) else { continue }
                position = anchor.after ? index + 1 : index
            }
            var spec: [(key: SyntaxNode, value: SyntaxNode)] = [(Self.word("key", at: added.key.location), added.key),
                                                                (Self.word("width", at: added.key.location), added.width ?? Self.word("1fr", at: added.key.location))]
            if let align = added.align { spec.append((Self.word("align", at: align.location), align)) }
            if let format = added.format { spec.append((Self.word("format", at: format.location), format)) }
            Self.insert(column: position, of: columns.count, from: &header, cell: { _, rowsLeft in
                rowsLeft == 1 ? added.header
                    : SyntaxNode(.mapping([(Self.word("text", at: added.header.location), added.header),
                                           (Self.word("rowspan", at: added.header.location), Self.word(String(rowsLeft), at: added.header.location))]),
                                 at: added.header.location)
            }, stopAfterInsert: true)
            Self.insert(column: position, of: columns.count, from: &body, cell: { rowIndex, _ in
                Self.cell(added.key, of: rowIndex < items.count ? items[rowIndex] : nil, at: added.key.location)
            }, stopAfterInsert: false, key: added.key.scalar ?? "")
            columns.insert(SyntaxNode(.mapping(spec), at: added.key.location), at: position)
        }

        set("columns", SyntaxNode(.sequence(columns), at: value("columns")!.location))
        if let headerNode {
            set("header", headerIsRows ? SyntaxNode(.sequence(header.map(\.node)), at: headerNode.location) : header.first?.node ?? headerNode)
        }
        if let rows = value("rows") { set("rows", SyntaxNode(.sequence(body.map(\.node)), at: rows.location)) }
        if let totals, let node = value("totals"), let totalPairs = node.mapping {
            set("totals", SyntaxNode(.mapping(totalPairs.map { $0.key.scalar == "columns" ? ($0.key, SyntaxNode(.sequence(totals), at: $0.value.location)) : $0 }),
                                     at: node.location))
        }
        return SyntaxNode(.mapping(pairs), at: table.location)
    }

    // MARK: Cells and spans

    /// The key of a column written `{key: …}`, if any.
    static func columnKey(_ column: SyntaxNode) -> String? { column.mapping?.first { $0.key.scalar == "key" }?.value.scalar }

    private static func word(_ text: String, at location: SourceLocation) -> SyntaxNode { SyntaxNode(.scalar(text), at: location) }

    /// A column or cell written as a mapping with `key` set to `value` (a plain width becomes `{width: …}`).
    private static func setting(_ key: String, to value: SyntaxNode, in node: SyntaxNode) -> SyntaxNode {
        var pairs = node.mapping ?? (node.scalar.map { [(key: word("width", at: node.location), value: word($0, at: node.location))] } ?? [])
        if let index = pairs.firstIndex(where: { $0.key.scalar == key }) { pairs[index].value = value } else { pairs.append((word(key, at: value.location), value)) }
        return SyntaxNode(.mapping(pairs), at: node.location)
    }

    private static func span(_ cell: SyntaxNode, _ key: String) -> Int {
        cell.mapping?.first { $0.key.scalar == key }?.value.scalar.flatMap { Int(ThaiFormatting.digits($0, .arabic)) }.map { max($0, 1) } ?? 1
    }

    /// Where each cell of each row sits, rows spanning down from above taken into account. Spans
    /// count at most to the table's edge (the model reports spans past it).
    private static func placements(_ rows: [Row], columns: Int) -> [[Placement]] {
        var coveredUntil: [Int: Int] = [:]   // column -> first row no longer covered from above
        var result: [[Placement]] = []
        for (rowIndex, row) in rows.enumerated() {
            var column = 0
            var placed: [Placement] = []
            for (index, cell) in (row.isRecord ? [] : row.cells).enumerated() {
                while (coveredUntil[column] ?? 0) > rowIndex { column += 1 }
                let placement = Placement(index: index, column: column, colspan: min(span(cell, "colspan"), max(columns - column, 1)),
                                          rowspan: min(span(cell, "rowspan"), rows.count - rowIndex))
                if placement.rowspan > 1 { for covered in placement.covers { coveredUntil[covered] = rowIndex + placement.rowspan } }
                placed.append(placement)
                column += placement.colspan
            }
            result.append(placed)
        }
        return result
    }

    /// The cell placed at `placement` with its `colspan` changed by `delta`.
    private static func widened(_ cell: SyntaxNode, _ placement: Placement, by delta: Int) -> SyntaxNode {
        setting("colspan", to: word(String(placement.colspan + delta), at: cell.location), in: cell)
    }

    private static func remove(column: Int, of columns: Int, from rows: inout [Row], key: String = "") {
        let placed = placements(rows, columns: columns)
        for rowIndex in rows.indices {
            if rows[rowIndex].isRecord, let pairs = rows[rowIndex].node.mapping {
                rows[rowIndex].node.value = .mapping(pairs.filter { $0.key.scalar != key })
                continue
            }
            var cells = rows[rowIndex].cells
            for placement in placed[rowIndex].reversed() where placement.covers.contains(column) {
                if placement.colspan > 1 { cells[placement.index] = widened(cells[placement.index], placement, by: -1) } else { cells.remove(at: placement.index) }
            }
            rows[rowIndex].cells = cells
        }
    }

    /// Inserts a column before `column` in every row: a cell crossing that boundary widens, a row
    /// covered there from above gets nothing, any other row gets `cell(rows left)`. With
    /// `stopAfterInsert` (header rows) the cell spans the rows left and the rows below get nothing.
    /// `cell` is given the row's index and how many rows are left from it.
    private static func insert(column: Int, of columns: Int, from rows: inout [Row], cell: (Int, Int) -> SyntaxNode, stopAfterInsert: Bool,
                               key: String = "") {
        let placed = placements(rows, columns: columns)
        var coveredUntil = 0       // rows below an inserted header cell
        var crossedUntil = 0       // rows a cell spanning down across the boundary covers
        for rowIndex in rows.indices {
            if rows[rowIndex].isRecord, let pairs = rows[rowIndex].node.mapping {
                rows[rowIndex].node.value = .mapping(pairs + [(word(key, at: rows[rowIndex].node.location), cell(rowIndex, 1))])
                continue
            }
            if rowIndex < coveredUntil || rowIndex < crossedUntil { continue }
            var cells = rows[rowIndex].cells
            if let crossing = placed[rowIndex].first(where: { $0.column < column && column < $0.column + $0.colspan }) {
                cells[crossing.index] = widened(cells[crossing.index], crossing, by: 1)
                rows[rowIndex].cells = cells
                crossedUntil = rowIndex + crossing.rowspan
                continue
            }
            let at = placed[rowIndex].filter { $0.column < column }.count
            cells.insert(cell(rowIndex, rows.count - rowIndex), at: at)
            rows[rowIndex].cells = cells
            if stopAfterInsert { coveredUntil = rows.count }
        }
    }

    /// The header cell of `column` alone (the lowest one covering only it) gets `text`.
    private func rename(column: Int, of columns: Int, to text: SyntaxNode, in header: inout [Row], key: SyntaxNode) {
        let placed = Self.placements(header, columns: columns)
        for rowIndex in header.indices.reversed() {
            guard let placement = placed[rowIndex].first(where: { $0.column == column && $0.colspan == 1 }) else { continue }
            var cells = header[rowIndex].cells
            let old = cells[placement.index]
            if var pairs = old.mapping {
                pairs.removeAll { $0.key.scalar == "content" }
                if let index = pairs.firstIndex(where: { $0.key.scalar == "text" }) { pairs[index].value = text } else { pairs.append((Self.word("text", at: text.location), text)) }
                cells[placement.index] = SyntaxNode(.mapping(pairs), at: old.location)
            } else {
                cells[placement.index] = text
            }
            header[rowIndex].cells = cells
            return
        }
        report(key.location, "column `\(key.scalar ?? "")` has no header cell of its own to rename (it shares one with the columns beside it)", nil)
    }

    /// The added column's cell of a row: the item's field `key`, or empty.
    static func cell(_ key: SyntaxNode, of item: TemplateValue?, at location: SourceLocation) -> SyntaxNode {
        guard case let .data(node, _)? = item, let value = node.mapping?.first(where: { $0.key.scalar == key.scalar })?.value else {
            return word("", at: location)
        }
        return value
    }
}

extension TemplateAdaptation {
    /// Reports a column key the table does not have, with the nearest and the table's keys.
    static func unknownColumn(_ key: SyntaxNode, keys: [String], report: (SourceLocation, String, String?) -> Void) {
        let word = key.scalar ?? ""
        let list = keys.isEmpty ? "its columns have no keys" : "its columns are " + keys.map { "`\($0)`" }.joined(separator: ", ")
        report(key.location, "the table has no column `\(word)`", Suggestion.nearest(to: word, in: keys).map { "did you mean `\($0)`? \(list)" } ?? list)
    }
}
