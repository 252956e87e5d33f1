import Foundation
import ReportSyntax
import ThaiText

/// Table rows from a CSV file named by `rows-from`.
extension DocumentBuilder {
    /// Keys of `rows-from` written as a mapping.
    static let csvKeys = ["file", "header-rows", "separator"]

    /// Rows from a CSV file (UTF-8), placed in `grid`: `rows-from: data.csv`, or
    /// `rows-from: {file: data.csv, header-rows: 1, separator: ";"}`. The separator is detected
    /// unless declared; title rows are skipped when declared, or when the first row names the
    /// columns' keys, repeats the table's header texts (`titles`), or holds titles (no number) in
    /// every numeric column. Blank rows and empty fields past the last column are ignored; problems
    /// inside the file are located in it.
    func readCSVRows(_ node: SyntaxNode, columns: [TableColumn], titles: [String], style: String, into grid: inout TableGridBuilder) {
        var nameNode = node
        var declaredTitleRows: Int?
        var declaredSeparator: Unicode.Scalar?
        if node.mapping != nil {
            guard let reader = MappingReader(node, context: "`rows-from`", allowed: Self.csvKeys, diagnostics: diagnostics) else { return }
            guard let file = reader.value("file") else {
                diagnostics.error(node.location, "`rows-from` needs `file`: the CSV file's name")
                return
            }
            nameNode = file
            declaredTitleRows = reader.int("header-rows", in: 0...100)
            if let separatorNode = reader.value("separator"), let text = Values.text(separatorNode, what: "`separator`", diagnostics: diagnostics) {
                let named = text == "tab" || text == "\\t" ? "\t" : text
                guard named.unicodeScalars.count == 1, let scalar = named.unicodeScalars.first, CSV.separators.contains(scalar) else {
                    diagnostics.error(separatorNode.location, "`separator` cannot be `\(text)`", hint: "write \",\", \";\" or tab")
                    return
                }
                declaredSeparator = scalar
            }
        }
        guard let name = Values.text(nameNode, what: "`rows-from`", diagnostics: diagnostics),
              let (file, text) = readCSVFile(name, at: nameNode.location) else { return }
        let separator = declaredSeparator ?? CSV.detectSeparator(text, columns: columns.count)
        let (parsed, problem) = CSV.parse(text, separator: separator)
        if let problem {
            diagnostics.add(Diagnostic(at: SourceLocation(file: file, line: problem.line, column: problem.column), problem.message, hint: problem.hint),
                            from: node.location)
        }
        var records = parsed.filter { !$0.isBlank }.map { record in
            // Spreadsheets write empty fields up to the widest row's last column: those past the table's are dropped.
            var trimmed = record
            while trimmed.fields.count > columns.count, trimmed.fields.last?.text.trimmingCharacters(in: .whitespaces).isEmpty == true {
                trimmed.fields.removeLast()
            }
            return trimmed
        }
        guard !records.isEmpty || problem != nil else {
            diagnostics.error(nameNode.location, "the CSV file `\(name)` has no rows", hint: "fill it, or remove `rows-from`")
            return
        }
        let titleRows = declaredTitleRows ?? (records.first.map { isTitleRow($0, columns: columns, titles: titles) } == true ? 1 : 0)
        records.removeFirst(min(titleRows, records.count))
        guard !records.isEmpty || problem != nil else {
            diagnostics.error(nameNode.location, "the CSV file `\(name)` has only its title row\(titleRows == 1 ? "" : "s"), no data",
                              hint: "fill it, or remove `rows-from`")
            return
        }
        guard admitTableRows(records.count, at: node.location) else { return }
        let otherSeparators = CSV.separators.filter { $0 != separator && text.unicodeScalars.prefix(4096).contains($0) }
        for record in records {
            let location = SourceLocation(file: file, line: record.line, column: 1)
            guard record.fields.count == columns.count else {
                var fix = record.fields.count < columns.count ? "add \(plural(columns.count - record.fields.count, "field"))"
                    : "remove \(plural(record.fields.count - columns.count, "field")), or quote a field that contains a \(separator == "," ? "comma" : separator == ";" ? "semicolon" : "tab"): \"1,000.50\""
                if let other = otherSeparators.first {
                    fix += "; if the file's fields are separated by `\(other == "\t" ? "tab" : String(Character(other)))`, declare it: `rows-from: {file: \(name), separator: \"\(other == "\t" ? "tab" : String(Character(other)))\"}`"
                }
                diagnostics.add(Diagnostic(at: location, "this CSV row has \(plural(record.fields.count, "field")); the table has \(plural(columns.count, "column"))",
                                           hint: fix), from: node.location)
                continue
            }
            let cells = record.fields.enumerated().map {
                textCell($0.element.text, column: columns[$0.offset], style: style,
                         location: SourceLocation(file: file, line: record.line, column: $0.element.column))
            }
            grid.add(TableRow(location: location), cells: cells)
        }
    }

    /// The text of the CSV file `name`, with the name messages give it; nil after reporting why not.
    private func readCSVFile(_ name: String, at location: SourceLocation) -> (file: String, text: String)? {
        guard let path = resolve(path: name, at: location, what: "CSV file") else { return nil }
        let limit = environment.limits.maximumFileBytes
        guard let handle = FileHandle(forReadingAtPath: path) else {
            diagnostics.error(location, "the CSV file `\(name)` cannot be read", hint: "check its permissions")
            return nil
        }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: limit + 1)) ?? Data()
        guard data.count <= limit else {
            diagnostics.error(location, "the CSV file `\(name)` is larger than \(limit / 1_000_000) MB", hint: "split the table")
            return nil
        }
        let file = environment.displayDirectory.isEmpty ? name : "\(environment.displayDirectory)/\(name)"
        switch UTF8Text.decode(data, file: file, hint: "save it as UTF-8: \"CSV UTF-8\" in Excel") {
        case let .success(decoded): return (file, decoded)
        case let .failure(problem):
            diagnostics.add(problem, from: location)
            return nil
        }
    }

    /// Whether the first row of a CSV file is a row of column titles: it names the columns' keys, or
    /// repeats texts of the table's header, or holds a title (a text, not a number) in every numeric column.
    private func isTitleRow(_ record: CSV.Record, columns: [TableColumn], titles: [String]) -> Bool {
        func squeezed(_ text: String) -> String { text.filter { !$0.isWhitespace } }
        let texts = record.texts.map(squeezed)
        if texts == columns.map({ squeezed($0.key ?? "") }) { return true }
        let headerTexts = Set(titles.map(squeezed).filter { !$0.isEmpty })
        if texts.contains(where: { !$0.isEmpty }), texts.allSatisfy({ $0.isEmpty || headerTexts.contains($0) }) { return true }
        let numeric = columns.indices.filter { columns[$0].number != nil && $0 < texts.count }
        return !numeric.isEmpty && numeric.allSatisfy { index in
            !texts[index].isEmpty && !Self.noAmount.contains(texts[index]) && ThaiFormatting.parseNumber(record.texts[index]) == nil
        }
    }
}

extension TableCell {
    /// The cell's text without styling: its paragraphs' runs, paragraphs joined by line ends.
    var plainText: String {
        blocks.compactMap { block -> String? in
            if case let .paragraph(paragraph) = block { return paragraph.spans.map(\.text).joined() }
            return nil
        }.joined(separator: "\n")
    }
}
