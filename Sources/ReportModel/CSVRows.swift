import Foundation
import ReportSyntax

/// Table rows from a CSV file named by `rows-from`.
extension DocumentBuilder {
    /// Rows from a CSV file (UTF-8, comma-separated, `"` quoting), placed in `grid`. A first line
    /// naming the columns' keys is a header and is skipped. Problems inside the file are located in it.
    func readCSVRows(_ node: SyntaxNode, columns: [TableColumn], style: String, into grid: inout TableGridBuilder) {
        guard let name = Values.text(node, what: "`rows-from`", diagnostics: diagnostics),
              let path = resolve(path: name, at: node.location, what: "CSV file") else { return }
        let limit = environment.limits.maximumFileBytes
        guard let handle = FileHandle(forReadingAtPath: path) else {
            diagnostics.error(node.location, "the CSV file `\(name)` cannot be read", hint: "check its permissions")
            return
        }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: limit + 1)) ?? Data()
        guard data.count <= limit else {
            diagnostics.error(node.location, "the CSV file `\(name)` is larger than \(limit / 1_000_000) MB", hint: "split the table")
            return
        }
        let file = environment.displayDirectory.isEmpty ? name : "\(environment.displayDirectory)/\(name)"
        let text: String
        switch UTF8Text.decode(data, file: file, hint: "save it as UTF-8: \"CSV UTF-8\" in Excel") {
        case let .success(decoded): text = decoded
        case let .failure(problem):
            diagnostics.add(problem, from: node.location)
            return
        }
        var records = CSV.parse(text)
        let keys = columns.map { $0.key ?? "" }
        if let first = records.first, first.fields == keys { records.removeFirst() }
        guard admitTableRows(records.count, at: node.location) else { return }
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
            grid.add(TableRow(location: location), cells: cells)
        }
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
