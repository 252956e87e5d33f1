import Foundation
import ReportSyntax

/// Reading the blocks of official forms that any description may use: rules, lines of labels with
/// dotted leaders, and blocks side by side in columns.
extension DocumentBuilder {
    /// A horizontal extent: a length (`8cm`) or a share of the width (`60%`).
    func extent(_ node: SyntaxNode, what: String) -> Extent? {
        if let text = node.scalar, text.hasSuffix("%") {
            guard let percent = Double(text.dropLast().trimmingCharacters(in: .whitespaces)), percent > 0, percent <= 100 else {
                diagnostics.error(node.location, "\(what) must be from 1% to 100%, found `\(text)`")
                return nil
            }
            return .fraction(percent / 100)
        }
        guard let points = Values.length(node, what: what, diagnostics: diagnostics) else { return nil }
        guard points > 0 else {
            diagnostics.error(node.location, "\(what) must be more than 0")
            return nil
        }
        return .length(points)
    }

    func readRule(_ reader: MappingReader) -> Block? {
        let width = reader.value("width").flatMap { extent($0, what: "`width`") } ?? .fraction(1)
        let thickness = reader.length("thickness") ?? 0.5
        guard thickness > 0, thickness <= 2 * Units.cm else {
            diagnostics.error(reader.keyLocation("thickness"), "a rule's `thickness` must be more than 0 and at most 2cm")
            return nil
        }
        return .rule(RuleBlock(width: width, thickness: thickness, align: reader.choice("align", HorizontalAlignment.self) ?? .center,
                               color: reader.color("color") ?? .black, spaceBefore: reader.length("space-before") ?? 6,
                               spaceAfter: reader.length("space-after") ?? 6, location: reader.node.location))
    }

    func readLeaders(_ reader: MappingReader) -> Block? {
        guard let list = reader.value("fields"), let items = list.sequence, !items.isEmpty else {
            let found = reader.value("fields").flatMap { $0.sequence == nil ? ", found \($0.kindName)" : nil } ?? ""
            diagnostics.error(reader.value("fields")?.location ?? reader.node.location,
                              "`leaders` needs a list of fields, like `- leaders: [{label: ที่, value: …, to: 60%}, {label: วันที่}]`\(found)")
            return nil
        }
        var fields: [LeaderField] = []
        for (index, item) in items.enumerated() {
            guard let field = MappingReader(item, context: "a leader field", allowed: ["label", "value", "to"], diagnostics: diagnostics) else { continue }
            let label = field.value("label").flatMap(readSpans) ?? []
            let value = field.value("value").flatMap(readSpans) ?? []
            let end = field.value("to").flatMap { extent($0, what: "`to`") }
            if end == nil, !field.has("to"), index < items.count - 1 {
                diagnostics.error(item.location, "only the last field of a line may leave out `to` (it goes to the line's end)",
                                  hint: "give this field `to:`, where its dotted line ends (`60%` or `9cm` from the left)")
            }
            fields.append(LeaderField(label: label, value: value, end: end))
        }
        return .leaders(LeaderLine(fields: fields, style: styleName(reader, default: StyleSheet.body),
                                   placement: reader.choice("value-position", LeaderPlacement.self) ?? .over, location: reader.node.location))
    }

    /// Columns side by side, read as a table of one row without borders or padding: each column is
    /// `{width, valign, align, blocks}`; `gap` puts empty space between columns.
    func readColumns(_ reader: MappingReader) -> Block? {
        guard let list = reader.value("columns"), let items = list.sequence, !items.isEmpty else {
            let found = reader.value("columns").flatMap { $0.sequence == nil ? ", found \($0.kindName)" : nil } ?? ""
            diagnostics.error(reader.value("columns")?.location ?? reader.node.location,
                              "`columns` needs a list of columns, like `- columns: [{width: 2cm, blocks: […]}, {blocks: […]}]`\(found)")
            return nil
        }
        let style = styleName(reader, default: StyleSheet.body)
        let gap = reader.length("gap") ?? 0
        let valign = reader.choice("valign", VerticalAlignment.self) ?? .top
        var columns: [TableColumn] = []
        var cells: [TableCell] = []
        for (index, item) in items.enumerated() {
            if index > 0, gap > 0 {
                columns.append(TableColumn(key: nil, width: .fixed(gap), align: nil, verticalAlign: nil, number: nil))
                cells.append(TableCell(blocks: [], location: item.location))
            }
            guard let column = MappingReader(item, context: "column \(index + 1)", allowed: ["width", "valign", "align", "blocks"],
                                             diagnostics: diagnostics) else { continue }
            var blocks: [Block] = []
            if let node = column.value("blocks") { blocks = cellBlocks(node.sequence ?? [node], style: style) }
            columns.append(TableColumn(key: nil, width: column.value("width").flatMap(columnWidth) ?? .share(1),
                                       align: column.choice("align", HorizontalAlignment.self),
                                       verticalAlign: column.choice("valign", VerticalAlignment.self) ?? valign, number: nil))
            cells.append(TableCell(blocks: blocks, location: item.location))
        }
        var body = TableGridBuilder(columns: columns.count, part: "columns", diagnostics: diagnostics)
        body.add(TableRow(location: reader.node.location), cells: cells)
        let header = TableGridBuilder(columns: columns.count, part: "header", diagnostics: diagnostics)
        return .table(Table(columns: columns, header: header.finish(), body: body.finish(), style: style, headerStyle: style,
                            padding: Insets(all: 0), borderWidth: 0, headerShade: nil, repeatHeader: false, location: reader.node.location))
    }
}
