import Foundation

/// A CSV reader for files as spreadsheets write them: fields split by one separator (`,`, `;` or a
/// tab), `"` quotes with `""` for a quote inside, CRLF, LF or CR line ends. A quote that does not
/// open or close a field, or one never closed, is a problem at the quote, so that a stray quote
/// never swallows the lines after it.
enum CSV {
    /// One field and the column (1-based, in Unicode scalars) where it starts.
    struct Field: Equatable {
        var text: String
        var column: Int
    }

    /// One line of fields (a quoted field may span lines), with the line it starts on (1-based).
    struct Record: Equatable {
        var fields: [Field]
        var line: Int

        var texts: [String] { fields.map(\.text) }
        /// Whether every field is empty or spaces (a blank row as spreadsheets write them: `,,,`).
        var isBlank: Bool { fields.allSatisfy { $0.text.trimmingCharacters(in: .whitespaces).isEmpty } }
    }

    /// A malformed quote, where it is.
    struct Problem: Equatable {
        var message: String
        var hint: String
        var line: Int
        var column: Int
    }

    /// The separators a file may use, tried in this order when none is declared.
    static let separators: [Unicode.Scalar] = [",", ";", "\t"]

    /// The separator of `text`: the one that splits its first line into `columns` fields (trailing
    /// empty fields aside), else the one that splits it into the most fields, else a comma.
    static func detectSeparator(_ text: String, columns: Int) -> Unicode.Scalar {
        let firstLine = String(text.unicodeScalars.prefix { $0 != "\n" && $0 != "\r" })
        var best: (separator: Unicode.Scalar, count: Int) = (",", 1)
        for separator in separators {
            guard let record = parse(firstLine, separator: separator).records.first else { continue }
            let count = record.fields.count - record.fields.reversed().prefix { $0.text.isEmpty }.count
            if count == columns { return separator }
            if count > best.count { best = (separator, count) }
        }
        return best.separator
    }

    /// The records of `text` split by `separator`, and the first malformed quote if there is one
    /// (records after it are not read).
    static func parse(_ text: String, separator: Unicode.Scalar) -> (records: [Record], problem: Problem?) {
        var records: [Record] = []
        var fields: [Field] = []
        var field = String.UnicodeScalarView()
        var fieldColumn = 1
        var line = 1, column = 1
        var recordLine = 1
        /// Where the open quote is, while inside a quoted field.
        var openQuote: (line: Int, column: Int)?
        /// Where the quote that opened the field just closed was.
        var closedQuote: (line: Int, column: Int)?
        /// Whether the field's closing quote has been read (only a separator or a line end may follow).
        var closed = false
        let scalars = Array(text.unicodeScalars)
        var index = 0
        func endField() {
            fields.append(Field(text: String(field), column: fieldColumn))
            field = String.UnicodeScalarView()
            closed = false
            closedQuote = nil
        }
        while index < scalars.count {
            let scalar = scalars[index]
            let isLineEnd = scalar == "\n" || scalar == "\r"
            // CRLF is one line end.
            let width = scalar == "\r" && index + 1 < scalars.count && scalars[index + 1] == "\n" ? 2 : 1
            defer {
                index += width
                if isLineEnd { line += 1; column = 1 } else { column += 1 }
            }
            if let quote = openQuote {
                if scalar == "\"" {
                    if index + 1 < scalars.count, scalars[index + 1] == "\"" {
                        field.append("\"")
                        index += 1
                        column += 1
                    } else {
                        openQuote = nil
                        closedQuote = quote
                        closed = true
                    }
                } else {
                    field.append(contentsOf: scalars[index..<index + width])
                }
                continue
            }
            if scalar == separator {
                endField()
                fieldColumn = column + 1
            } else if isLineEnd {
                endField()
                records.append(Record(fields: fields, line: recordLine))
                fields = []
                recordLine = line + 1
                fieldColumn = 1
            } else if closed {
                // A quote that opened a field on an earlier line and met a stray quote here: the
                // opening one is the likely mistake.
                if let quote = closedQuote, quote.line < line {
                    return (records, Problem(message: "the quote opened here runs over \(line - quote.line + 1) lines to a quote on line \(line)",
                                             hint: "close the field on its own line with \", or write a quote inside it as \"\"",
                                             line: quote.line, column: quote.column))
                }
                return (records, Problem(message: "a quoted field ends here, but `\(Character(scalar))` follows its closing quote",
                                         hint: "write a quote inside a quoted field as \"\", or end the field with a separator",
                                         line: line, column: column - 1))
            } else if scalar == "\"" {
                guard field.isEmpty else {
                    return (records, Problem(message: "a quote in the middle of a field",
                                             hint: "quote the whole field and double the quote inside it: \"12\"\" screen\"",
                                             line: line, column: column))
                }
                openQuote = (line, column)
            } else {
                field.append(scalar)
            }
        }
        if let quote = openQuote {
            return (records, Problem(message: "the quote opened here is never closed",
                                     hint: "close the field with \", or write a quote inside it as \"\"",
                                     line: quote.line, column: quote.column))
        }
        if !field.isEmpty || !fields.isEmpty || closed {
            endField()
            records.append(Record(fields: fields, line: recordLine))
        }
        return (records, nil)
    }
}
