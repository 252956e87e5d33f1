import Foundation
import ReportSyntax
import ThaiText

/// Reading tables: columns, header rows, body rows (lists, records keyed by column, or a CSV file),
/// totals, and a check that every row fills the grid exactly once.
extension DocumentBuilder {
    func readTable(_ reader: MappingReader) -> Table? {
        guard let columnsNode = reader.value("columns") else {
            diagnostics.error(reader.node.location, "a table needs `columns` (their widths, like `[1.5cm, 3fr, 20%]`)")
            return nil
        }
        guard let columnItems = columnsNode.sequence, !columnItems.isEmpty else {
            diagnostics.error(columnsNode.location, "`columns` must be a list with one item per column")
            return nil
        }
        let columns = columnItems.enumerated().map { readColumn($0.element, index: $0.offset) }
        let style = styleName(reader, default: StyleSheet.tableBody)
        let headerStyle = styleName(reader, "header-style", default: StyleSheet.tableHeader)
        var header = TableGridBuilder(columns: columns.count, part: "header", diagnostics: diagnostics)
        if let node = reader.value("header") {
            guard let items = node.sequence else {
                diagnostics.error(node.location, "`header` must be a row (a list of cells) or a list of rows")
                return nil
            }
            let rows = items.allSatisfy { $0.sequence != nil } ? items : [node]
            // Header cells are titles: a column's number format is for its body.
            let titleColumns = columns.map { column -> TableColumn in
                var title = column
                title.number = nil
                return title
            }
            for row in rows { readRow(row, columns: titleColumns, style: headerStyle, into: &header) }
        }
        var body = TableGridBuilder(columns: columns.count, part: "body", diagnostics: diagnostics)
        if let node = reader.value("rows") {
            guard let items = node.sequence else {
                diagnostics.error(node.location, "`rows` must be a list of rows, found \(node.kindName)")
                return nil
            }
            guard admitTableRows(items.count, at: node.location) else { return nil }
            for row in items { readRow(row, columns: columns, style: style, into: &body) }
        }
        let headerGrid = header.finish()
        if let node = reader.value("rows-from") {
            readCSVRows(node, columns: columns, titles: headerGrid.cells.map(\.plainText), style: style, into: &body)
        }
        var table = Table(columns: columns, header: headerGrid, body: body.finish(), style: style, headerStyle: headerStyle,
                          padding: readPadding(reader.value("padding")),
                          borderWidth: reader.length("borders") ?? 0.5,
                          headerShade: reader.color("header-shade"),
                          repeatHeader: reader.bool("repeat-header") ?? true, location: reader.node.location)
        if let node = reader.value("totals"), let totals = readTotals(node, table: table) {
            table.body.appendFullRow(totals.row, cells: totals.cells)
        }
        return table
    }

    /// The cells' padding: its top and bottom together must leave room for text on the section's pages.
    private func readPadding(_ node: SyntaxNode?) -> Insets {
        let standard = Insets(top: 2, right: 4, bottom: 3, left: 4)
        guard let node, let padding = Values.insets(node, what: "`padding`", diagnostics: diagnostics) else { return standard }
        if padding.top + padding.bottom >= sectionTextHeight {
            diagnostics.error(node.location, "`padding` leaves no room for text: its top and bottom together (\(Units.centimetres(padding.top + padding.bottom))) are taller than the page's text area (\(Units.centimetres(sectionTextHeight)))",
                              hint: "make the padding smaller, like `2pt 4pt`")
        }
        return padding
    }

    /// Parses a column width: `2.5cm`, `20%`, `2fr` (a share of what is left).
    func columnWidth(_ node: SyntaxNode) -> ColumnWidth? {
        guard let text = Values.text(node, what: "a column width", diagnostics: diagnostics)?.trimmingCharacters(in: .whitespaces) else { return nil }
        if text.hasSuffix("%") {
            if let value = Double(text.dropLast().trimmingCharacters(in: .whitespaces)), value > 0, value <= 100 { return .fraction(value / 100) }
        } else if text.hasSuffix("fr") {
            if let value = Double(text.dropLast(2).trimmingCharacters(in: .whitespaces)), value > 0, value <= 1000 { return .share(value) }
        } else if let value = Double(text), value > 0, value <= 1000 {
            return .share(value)
        } else {
            switch Values.parseLength(text) {
            case let .success(points) where points > 0: return .fixed(points)
            case let .failure(error):
                diagnostics.error(node.location, "column width: \(error.message)",
                                  hint: "\(error.hint); widths are lengths (`2.5cm`), shares (`20%`) or parts of the rest (`2fr`)")
                return nil
            default: break
            }
        }
        diagnostics.error(node.location, "`\(text)` is not a column width", hint: "write a length (`2.5cm`), a share (`20%`) or a part of the rest (`2fr`)")
        return nil
    }

    private func readColumn(_ node: SyntaxNode, index: Int) -> TableColumn {
        if node.scalar != nil {
            return TableColumn(key: nil, width: columnWidth(node) ?? .share(1), align: nil, verticalAlign: nil, number: nil)
        }
        guard let reader = MappingReader(node, context: "column \(index + 1)", allowed: ["key", "width", "align", "valign", "format", "decimals", "digits"],
                                         diagnostics: diagnostics) else {
            return TableColumn(key: nil, width: .share(1), align: nil, verticalAlign: nil, number: nil)
        }
        var number: NumberFormat?
        if let format = reader.value("format"), let name = Values.text(format, what: "`format`", diagnostics: diagnostics) {
            let columnDigits = reader.choice("digits", ThaiFormatting.Digits.self) ?? digits
            switch name {
            case "number": number = NumberFormat(decimals: reader.int("decimals", in: 0...6) ?? 0, grouping: true, digits: columnDigits)
            case "integer": number = NumberFormat(decimals: 0, grouping: false, digits: columnDigits)
            case "money": number = NumberFormat(decimals: reader.int("decimals", in: 0...6) ?? 2, grouping: true, digits: columnDigits)
            case "decimal": number = NumberFormat(decimals: reader.int("decimals", in: 0...6) ?? 2, grouping: false, digits: columnDigits)
            default:
                diagnostics.error(format.location, "`format` cannot be `\(name)`", hint: "use number, integer, money or decimal")
            }
        }
        let width = reader.value("width").flatMap(columnWidth) ?? .share(1)
        return TableColumn(key: reader.text("key"), width: width, align: reader.choice("align", HorizontalAlignment.self) ?? (number != nil ? .right : nil),
                           verticalAlign: reader.choice("valign", VerticalAlignment.self), number: number)
    }

    /// One row: a list of cells, `{cells: […], keep: true, …}`, or a record keyed by column keys;
    /// placed in `grid` once read.
    private func readRow(_ node: SyntaxNode, columns: [TableColumn], style: String, into grid: inout TableGridBuilder) {
        if let items = node.sequence {
            grid.add(TableRow(location: node.location), cells: readCells(items, columns: columns, style: style, grid: grid))
            return
        }
        guard let pairs = node.mapping else {
            diagnostics.error(node.location, "a row must be a list of cells or a mapping, found \(node.kindName)")
            return
        }
        let keys = columns.compactMap(\.key)
        let rowOptions = ["cells", "keep", "shade", "bold"]
        if pairs.contains(where: { $0.key.scalar == "cells" }) || keys.isEmpty {
            guard let reader = MappingReader(node, context: "a row", allowed: rowOptions, diagnostics: diagnostics) else { return }
            guard let cellsNode = reader.value("cells"), let items = cellsNode.sequence else {
                diagnostics.error(node.location, "a row written as a mapping needs `cells: [ … ]`",
                                  hint: keys.isEmpty ? "or give the columns a `key` to write rows as records" : nil)
                return
            }
            let cells = readCells(items, columns: columns, style: style, grid: grid)
            grid.add(TableRow(keepTogether: reader.bool("keep") ?? false, shade: reader.color("shade"), bold: reader.bool("bold") ?? false,
                              location: node.location), cells: cells)
            return
        }
        // A record: one key per column.
        guard let reader = MappingReader(node, context: "a row", allowed: keys + ["keep", "shade", "bold"], keyName: "column key",
                                         diagnostics: diagnostics) else { return }
        var cells: [TableCell] = []
        for (index, column) in columns.enumerated() where grid.nextFreeColumn(from: index) == index {
            if let key = column.key, let value = reader.value(key) {
                cells.append(readCell(value, column: columns[index], style: style))
            } else {
                cells.append(TableCell(blocks: [], location: node.location))
            }
        }
        grid.add(TableRow(keepTogether: reader.bool("keep") ?? false, shade: reader.color("shade"), bold: reader.bool("bold") ?? false,
                          location: node.location), cells: cells)
    }

    /// Cells of a row, each read with the column it lands in (after columns covered from above).
    private func readCells(_ items: [SyntaxNode], columns: [TableColumn], style: String, grid: TableGridBuilder) -> [TableCell] {
        var cells: [TableCell] = []
        var column = grid.nextFreeColumn(from: 0)
        for item in items {
            let cell = readCell(item, column: column < columns.count ? columns[column] : nil, style: style)
            cells.append(cell)
            column = grid.nextFreeColumn(from: column + cell.columnSpan)
        }
        return cells
    }

    static let cellKeys = ["text", "content", "colspan", "rowspan", "align", "valign", "shade", "bold"]

    /// A cell: a text (each line a paragraph; a number in a numeric column is formatted), a list of
    /// blocks, or a mapping with spans and alignment.
    private func readCell(_ node: SyntaxNode, column: TableColumn?, style: String) -> TableCell {
        switch node.value {
        case .null:
            return TableCell(blocks: [], location: node.location)
        case let .scalar(text):
            return textCell(text, column: column, style: style, location: node.location)
        case let .sequence(items):
            blocksInNumericColumn(column, at: node.location)
            return TableCell(blocks: cellBlocks(items, style: style), location: node.location)
        case .mapping:
            guard let reader = MappingReader(node, context: "a cell", allowed: Self.cellKeys, diagnostics: diagnostics) else {
                return TableCell(blocks: [], location: node.location)
            }
            var cell: TableCell
            if let content = reader.value("content") {
                blocksInNumericColumn(column, at: content.location)
                cell = TableCell(blocks: cellBlocks(content.sequence ?? [content], style: style), location: node.location)
            } else if let textNode = reader.value("text") {
                if let text = textNode.scalar {
                    cell = textCell(text, column: column, style: style, location: textNode.location)
                } else if let spans = readSpans(textNode) {
                    blocksInNumericColumn(column, at: textNode.location)
                    cell = TableCell(blocks: [.paragraph(Paragraph(spans: spans, style: style, location: textNode.location))], location: node.location)
                } else {
                    cell = TableCell(blocks: [], location: node.location)
                }
            } else {
                cell = TableCell(blocks: [], location: node.location)
            }
            cell.columnSpan = reader.int("colspan", in: 1...100) ?? 1
            cell.rowSpan = reader.int("rowspan", in: 1...environment.limits.maximumTableRows) ?? 1
            cell.align = reader.choice("align", HorizontalAlignment.self)
            cell.verticalAlign = reader.choice("valign", VerticalAlignment.self)
            cell.shade = reader.color("shade")
            cell.bold = reader.bool("bold")
            cell.location = node.location
            return cell
        }
    }

    /// Texts a numeric column accepts for "no amount": printed as written, counted as nothing.
    static let noAmount: Set<String> = ["-", "–", "—"]

    /// A cell from a text: in a numeric column a number (formatted, and counted by totals), a dash
    /// for no amount, or nothing; any other text there is an error, never a figure left out of a sum.
    func textCell(_ text: String, column: TableColumn?, style: String, location: SourceLocation) -> TableCell {
        if let column, let format = column.number {
            if let value = ThaiFormatting.parseNumber(text) {
                return TableCell(blocks: [.paragraph(Paragraph(spans: [Span(format.format(value))], style: style, location: location))],
                                 number: value, location: location)
            }
            let written = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if !written.isEmpty, !Self.noAmount.contains(written) {
                let name = column.key.map { "column `\($0)`" } ?? "this column"
                diagnostics.error(location, "\(name) holds numbers (it has a number `format`), but `\(written)` is not a number",
                                  hint: "write the number alone, such as 20000, 20,000.50 or ๒๐,๐๐๐ (a unit such as บาท goes in the header), or - for no amount")
            }
        }
        let paragraphs = Self.lines(of: text)
            .map { Block.paragraph(Paragraph(spans: spans($0), style: style, location: location)) }
        return TableCell(blocks: paragraphs, location: location)
    }

    /// The non-empty lines of a cell's text. Split over UTF-8 bytes; a text with a carriage return
    /// is split by characters, so that `\r\n` (one character) stays as it is.
    static func lines(of text: String) -> [String] {
        if text.utf8.contains(0x0D) { return text.split(separator: "\n").map(String.init) }
        return text.utf8.split(separator: 0x0A).map { String(Substring($0)) }
    }

    /// Reports blocks written in a numeric column, where totals could not count them.
    private func blocksInNumericColumn(_ column: TableColumn?, at location: SourceLocation) {
        guard let column, column.number != nil else { return }
        let name = column.key.map { "column `\($0)`" } ?? "this column"
        diagnostics.error(location, "\(name) holds numbers (it has a number `format`), so a cell there cannot hold blocks or styled runs",
                          hint: "write the number as the cell's text, such as 20000 or `{text: 20000, bold: true}`")
    }

    /// Blocks inside a cell: paragraphs (texts), lists, pictures, rules, form lines and spaces.
    func cellBlocks(_ items: [SyntaxNode], style: String) -> [Block] {
        items.compactMap { item -> Block? in
            if let text = item.scalar { return .paragraph(Paragraph(spans: spans(text), style: style, location: item.location)) }
            guard let block = readBlock(item) else { return nil }
            switch block {
            case var .paragraph(paragraph):
                if item.mapping?.contains(where: { $0.key.scalar == "style" }) != true { paragraph.style = style }
                return .paragraph(paragraph)
            case var .list(list):
                if list.style == StyleSheet.body { list.style = style }
                for index in list.items.indices where list.items[index].paragraph.style == StyleSheet.body {
                    list.items[index].paragraph.style = style
                }
                return .list(list)
            case .image, .rule, .leaders, .spacer:
                return block
            default:
                diagnostics.error(item.location, "a table cell or column may hold paragraphs, lists, images, rules, leaders and spacers only")
                return nil
            }
        }
    }

    /// A totals row: the label, then the sum of each named numeric column over the cells that start in it.
    private func readTotals(_ node: SyntaxNode, table: Table) -> (row: TableRow, cells: [TableCell])? {
        guard let reader = MappingReader(node, context: "`totals`", allowed: ["label", "columns"], diagnostics: diagnostics) else { return nil }
        let names = reader.value("columns").map { $0.sequence ?? [$0] } ?? []
        var summed: [Int] = []
        for name in names {
            guard let text = Values.text(name, what: "a totals column", diagnostics: diagnostics) else { continue }
            let index = table.columns.firstIndex { $0.key == text } ?? Int(text).map { $0 - 1 }
            guard let index, table.columns.indices.contains(index) else {
                let keys = table.columns.compactMap(\.key)
                let near = Suggestion.nearest(to: text, in: keys).map { "did you mean `\($0)`? " } ?? ""
                diagnostics.error(name.location, "unknown column `\(text)` in `totals`",
                                  hint: "\(near)name a column by its `key` (\(keys.isEmpty ? "no column has one" : keys.joined(separator: ", "))) or by its number, 1 to \(table.columns.count)")
                continue
            }
            guard table.columns[index].number != nil else {
                diagnostics.error(name.location, "column `\(text)` has no number `format`, so it cannot be summed",
                                  hint: "give the column `format: number` or `format: money`")
                continue
            }
            summed.append(index)
        }
        guard let first = summed.min() else {
            if names.isEmpty { diagnostics.error(node.location, "`totals` needs `columns`: the numeric columns to sum") }
            return nil
        }
        var sums = [Decimal](repeating: 0, count: table.columns.count)
        for cell in table.body.cells {
            if let number = cell.number { sums[cell.column] += number }
        }
        var cells: [TableCell] = []
        if first > 0 {
            let label = reader.text("label") ?? "รวม"
            cells.append(TableCell(blocks: [.paragraph(Paragraph(spans: [Span(label)], style: table.style))], columnSpan: first,
                                   align: .center, location: node.location))
        }
        for index in first..<table.columns.count {
            if summed.contains(index), let format = table.columns[index].number {
                let text = format.format(sums[index])
                cells.append(TableCell(blocks: [.paragraph(Paragraph(spans: [Span(text)], style: table.style))], number: sums[index],
                                       location: node.location))
            } else {
                cells.append(TableCell(blocks: [], location: node.location))
            }
        }
        return (TableRow(keepTogether: true, bold: true, location: node.location), cells)
    }

    /// Counts `count` more table body rows against the description's limit (all tables together);
    /// false, after reporting at `location`, past it.
    func admitTableRows(_ count: Int, at location: SourceLocation) -> Bool {
        let limit = environment.limits.maximumTableRows
        let total = tableRows + count
        guard total <= limit else {
            let here = tableRows == 0 ? "\(count)" : "\(count) here, \(total) in all"
            diagnostics.error(location, "too many table rows (\(here)); a description may have at most \(limit), all tables together",
                              hint: "split the report into several descriptions")
            return false
        }
        tableRows = total
        return true
    }
}
