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
        var header: [TableRow] = []
        if let node = reader.value("header") {
            guard let items = node.sequence else {
                diagnostics.error(node.location, "`header` must be a row (a list of cells) or a list of rows")
                return nil
            }
            let rows = items.allSatisfy { $0.sequence != nil } ? items : [node]
            var spans = RowSpans(columns: columns.count)
            header = rows.compactMap { readRow($0, columns: columns, style: headerStyle, spans: &spans) }
        }
        var body: [TableRow] = []
        if let node = reader.value("rows") {
            guard let items = node.sequence else {
                diagnostics.error(node.location, "`rows` must be a list of rows, found \(node.kindName)")
                return nil
            }
            guard admitTableRows(items.count, at: node.location) else { return nil }
            var spans = RowSpans(columns: columns.count)
            body = items.compactMap { readRow($0, columns: columns, style: style, spans: &spans) }
        }
        if let node = reader.value("rows-from") {
            body += readCSVRows(node, columns: columns, style: style)
        }
        var table = Table(columns: columns, header: header, body: body, style: style, headerStyle: headerStyle,
                          padding: readPadding(reader.value("padding")),
                          borderWidth: reader.length("borders") ?? 0.5,
                          headerShade: reader.color("header-shade"),
                          repeatHeader: reader.bool("repeat-header") ?? true, location: reader.node.location)
        checkGrid(table.header, columns: columns.count, what: "header")
        checkGrid(table.body, columns: columns.count, what: "body")
        if let node = reader.value("totals"), let totals = readTotals(node, table: table) {
            table.body.append(totals)
        }
        return table
    }

    private func readPadding(_ node: SyntaxNode?) -> Insets {
        let standard = Insets(top: 2, right: 4, bottom: 3, left: 4)
        guard let node else { return standard }
        return Values.insets(node, what: "`padding`", diagnostics: diagnostics) ?? standard
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

    /// One row: a list of cells, `{cells: […], keep: true, …}`, or a record keyed by column keys.
    private func readRow(_ node: SyntaxNode, columns: [TableColumn], style: String, spans: inout RowSpans) -> TableRow? {
        if let items = node.sequence {
            return TableRow(cells: readCells(items, columns: columns, style: style, spans: &spans), location: node.location)
        }
        guard let pairs = node.mapping else {
            diagnostics.error(node.location, "a row must be a list of cells or a mapping, found \(node.kindName)")
            return nil
        }
        let keys = columns.compactMap(\.key)
        let rowOptions = ["cells", "keep", "shade", "bold"]
        if pairs.contains(where: { $0.key.scalar == "cells" }) || keys.isEmpty {
            guard let reader = MappingReader(node, context: "a row", allowed: rowOptions, diagnostics: diagnostics) else { return nil }
            guard let cellsNode = reader.value("cells"), let items = cellsNode.sequence else {
                diagnostics.error(node.location, "a row written as a mapping needs `cells: [ … ]`",
                                  hint: keys.isEmpty ? "or give the columns a `key` to write rows as records" : nil)
                return nil
            }
            return TableRow(cells: readCells(items, columns: columns, style: style, spans: &spans), keepTogether: reader.bool("keep") ?? false,
                            shade: reader.color("shade"), bold: reader.bool("bold") ?? false, location: node.location)
        }
        // A record: one key per column.
        guard let reader = MappingReader(node, context: "a row", allowed: keys + ["keep", "shade", "bold"], keyName: "column key",
                                         diagnostics: diagnostics) else { return nil }
        var cells: [TableCell] = []
        for (index, column) in columns.enumerated() where spans.nextFree(from: index) == index {
            if let key = column.key, let value = reader.value(key) {
                cells.append(readCell(value, column: columns[index], style: style))
            } else {
                cells.append(TableCell(blocks: [], location: node.location))
            }
        }
        spans.advance(past: cells)
        return TableRow(cells: cells, keepTogether: reader.bool("keep") ?? false, shade: reader.color("shade"),
                        bold: reader.bool("bold") ?? false, location: node.location)
    }

    /// Cells of a row, each read with the column it lands in (after columns covered from above).
    private func readCells(_ items: [SyntaxNode], columns: [TableColumn], style: String, spans: inout RowSpans) -> [TableCell] {
        var cells: [TableCell] = []
        var column = spans.nextFree(from: 0)
        for item in items {
            let cell = readCell(item, column: column < columns.count ? columns[column] : nil, style: style)
            cells.append(cell)
            column = spans.nextFree(from: column + cell.columnSpan)
        }
        spans.advance(past: cells)
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
            return TableCell(blocks: cellBlocks(items, style: style), location: node.location)
        case .mapping:
            guard let reader = MappingReader(node, context: "a cell", allowed: Self.cellKeys, diagnostics: diagnostics) else {
                return TableCell(blocks: [], location: node.location)
            }
            var cell: TableCell
            if let content = reader.value("content") {
                cell = TableCell(blocks: cellBlocks(content.sequence ?? [content], style: style), location: node.location)
            } else if let textNode = reader.value("text") {
                if let text = textNode.scalar {
                    cell = textCell(text, column: column, style: style, location: textNode.location)
                } else if let spans = readSpans(textNode) {
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

    private func textCell(_ text: String, column: TableColumn?, style: String, location: SourceLocation) -> TableCell {
        if let format = column?.number, let value = ThaiFormatting.parseNumber(text) {
            return TableCell(blocks: [.paragraph(Paragraph(spans: [Span(format.format(value))], style: style, location: location))],
                             number: value, location: location)
        }
        let paragraphs = text.split(separator: "\n", omittingEmptySubsequences: true)
            .map { Block.paragraph(Paragraph(spans: spans(String($0)), style: style, location: location)) }
        return TableCell(blocks: paragraphs, location: location)
    }

    /// Blocks inside a cell: paragraphs (texts) and lists.
    private func cellBlocks(_ items: [SyntaxNode], style: String) -> [Block] {
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
            default:
                diagnostics.error(item.location, "a table cell may hold paragraphs and lists only")
                return nil
            }
        }
    }

    /// Checks that the cells of `rows`, with their spans, fill every column of every row exactly once.
    private func checkGrid(_ rows: [TableRow], columns: Int, what: String) {
        var carried = [Int](repeating: 0, count: columns)  // rows still covered by a row span, per column
        for (rowIndex, row) in rows.enumerated() {
            var column = 0
            for cell in row.cells {
                while column < columns, carried[column] > 0 { column += 1 }
                guard column < columns else {
                    diagnostics.error(cell.location ?? row.location,
                                      "\(what) row \(rowIndex + 1) has more cells than the table's \(columns) columns",
                                      hint: "remove a cell, or check the `colspan`/`rowspan` of the cells before it; inside `[ ]` a comma separates cells, so quote texts and numbers that contain one (\"1,000.50\")")
                    break
                }
                if column + cell.columnSpan > columns {
                    diagnostics.error(cell.location ?? row.location,
                                      "a cell spans \(cell.columnSpan) columns from column \(column + 1), past the table's \(columns) columns",
                                      hint: "make `colspan` at most \(columns - column)")
                }
                for covered in column..<min(columns, column + cell.columnSpan) {
                    if carried[covered] > 0 {
                        diagnostics.error(cell.location ?? row.location, "this cell overlaps a row span from above in column \(covered + 1)",
                                          hint: "a cell with `rowspan` above already fills column \(covered + 1) of this row; make this cell's `colspan` smaller")
                    }
                    carried[covered] = cell.rowSpan
                }
                if rowIndex + cell.rowSpan > rows.count {
                    diagnostics.error(cell.location ?? row.location,
                                      "a cell spans \(cell.rowSpan) rows from \(what) row \(rowIndex + 1), past the last row (\(rows.count))",
                                      hint: "make `rowspan` at most \(rows.count - rowIndex)")
                }
                column += cell.columnSpan
            }
            let filled = carried.filter { $0 > 0 }.count
            if filled < columns {
                diagnostics.error(row.location, "\(what) row \(rowIndex + 1) fills \(filled) of the table's \(columns) columns",
                                  hint: "add \(plural(columns - filled, "cell")); write `~` or \"\" for an empty cell")
            }
            carried = carried.map { max(0, $0 - 1) }
        }
    }

    /// A totals row: the label, then the sum of each named numeric column.
    private func readTotals(_ node: SyntaxNode, table: Table) -> TableRow? {
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
        // Sum each column over the cells that start in it (after columns covered from above).
        var sums = [Decimal](repeating: 0, count: table.columns.count)
        var spans = RowSpans(columns: table.columns.count)
        for row in table.body {
            var column = spans.nextFree(from: 0)
            for cell in row.cells {
                if let number = cell.number, column < sums.count { sums[column] += number }
                column = spans.nextFree(from: column + cell.columnSpan)
            }
            spans.advance(past: row.cells)
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
        return TableRow(cells: cells, keepTogether: true, bold: true, location: node.location)
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

    /// Rows from a CSV file (UTF-8, comma-separated, `"` quoting). A first line naming the columns'
    /// keys is a header and is skipped. Problems inside the file are located in it.
    private func readCSVRows(_ node: SyntaxNode, columns: [TableColumn], style: String) -> [TableRow] {
        guard let name = Values.text(node, what: "`rows-from`", diagnostics: diagnostics),
              let path = resolve(path: name, at: node.location, what: "CSV file") else { return [] }
        let limit = environment.limits.maximumFileBytes
        guard let handle = FileHandle(forReadingAtPath: path) else {
            diagnostics.error(node.location, "the CSV file `\(name)` cannot be read", hint: "check its permissions")
            return []
        }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: limit + 1)) ?? Data()
        guard data.count <= limit else {
            diagnostics.error(node.location, "the CSV file `\(name)` is larger than \(limit / 1_000_000) MB", hint: "split the table")
            return []
        }
        let file = environment.displayDirectory.isEmpty ? name : "\(environment.displayDirectory)/\(name)"
        let text: String
        switch UTF8Text.decode(data, file: file, hint: "save it as UTF-8: \"CSV UTF-8\" in Excel") {
        case let .success(decoded): text = decoded
        case let .failure(problem):
            diagnostics.add(problem, from: node.location)
            return []
        }
        var records = CSV.parse(text)
        let keys = columns.map { $0.key ?? "" }
        if let first = records.first, first.fields == keys { records.removeFirst() }
        guard admitTableRows(records.count, at: node.location) else { return [] }
        var rows: [TableRow] = []
        for record in records {
            let location = SourceLocation(file: file, line: record.line, column: 1)
            guard record.fields.count == columns.count else {
                let fix = record.fields.count < columns.count ? "add \(plural(columns.count - record.fields.count, "field"))"
                    : "remove \(plural(record.fields.count - columns.count, "field")), or quote a field that contains a comma: \"1,000.50\""
                diagnostics.add(Diagnostic(at: location, "this CSV row has \(plural(record.fields.count, "field")); the table has \(plural(columns.count, "column"))",
                                           hint: fix), from: node.location)
                continue
            }
            let cells = record.fields.enumerated().map { textCell($0.element, column: columns[$0.offset], style: style, location: location) }
            rows.append(TableRow(cells: cells, location: location))
        }
        return rows
    }
}

/// Columns covered by row spans from rows above, while a table's rows are read in order.
struct RowSpans {
    private var carried: [Int]
    init(columns: Int) { carried = [Int](repeating: 0, count: columns) }

    /// The first column at or after `column` not covered from above.
    func nextFree(from column: Int) -> Int {
        var index = column
        while index < carried.count, carried[index] > 0 { index += 1 }
        return index
    }

    /// Records the spans of a row's cells and moves to the next row.
    mutating func advance(past cells: [TableCell]) {
        var column = nextFree(from: 0)
        var next = carried.map { max(0, $0 - 1) }
        for cell in cells where column < carried.count {
            for covered in column..<min(carried.count, column + cell.columnSpan) { next[covered] = cell.rowSpan - 1 }
            column = nextFree(from: column + cell.columnSpan)
        }
        carried = next
    }
}

/// A small CSV reader: comma-separated fields, `"` quotes with `""` for a quote, CRLF or LF lines.
enum CSV {
    /// One line of fields (a quoted field may span lines), with the line it starts on (1-based).
    struct Record: Equatable {
        var fields: [String]
        var line: Int
    }

    static func parse(_ text: String) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var quoted = false
        var line = 1
        var recordLine = 1
        var iterator = text.makeIterator()
        var pending: Character? = iterator.next()
        while let character = pending {
            pending = iterator.next()
            if character == "\n" || character == "\r\n" || character == "\r" { line += 1 }
            if quoted {
                if character == "\"" {
                    if pending == "\"" { field.append("\""); pending = iterator.next() } else { quoted = false }
                } else {
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"": quoted = true
            case ",": fields.append(field); field = ""
            case "\n", "\r\n", "\r":
                fields.append(field); field = ""
                if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(fields: fields, line: recordLine)) }
                fields = []
                recordLine = line
            default: field.append(character)
            }
        }
        if !field.isEmpty || !fields.isEmpty {
            fields.append(field)
            records.append(Record(fields: fields, line: recordLine))
        }
        return records
    }
}
