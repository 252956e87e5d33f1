import Foundation
import Graphics
import ReportModel

/// Stacked lines of the blocks official forms are made of: pictures (in cells and columns), rules,
/// and lines of labels with dotted leaders.
extension BlockSetter {
    /// The size a picture is drawn at: as the block asks, shrunk to fit `width` × `height` keeping
    /// its shape; the factor is below 1 when it was shrunk.
    func drawnSize(of block: ImageBlock, id: ImageID, width: Double, height: Double) -> (width: Double, height: Double, factor: Double) {
        let image = images.image(id)
        let aspect = Double(image.pixelHeight) / Double(image.pixelWidth)
        var drawn: (width: Double, height: Double)
        switch block.size {
        case .natural: drawn = (Double(image.pixelWidth) * Units.px, Double(image.pixelWidth) * Units.px * aspect)
        case let .width(w): drawn = (w, w * aspect)
        case let .height(h): drawn = (h / aspect, h)
        case let .both(w, h): drawn = (w, h)
        case let .fraction(f): drawn = (width * f, width * f * aspect)
        }
        guard height > 0, drawn.width > width || drawn.height > height else { return (drawn.width, drawn.height, 1) }
        let factor = min(width / drawn.width, height / drawn.height)
        return (drawn.width * factor, drawn.height * factor, factor)
    }

    /// The x of a thing `size` wide aligned in `width`.
    static func offset(of size: Double, in width: Double, align: HorizontalAlignment) -> Double {
        switch align {
        case .left, .justify: return 0
        case .center: return (width - size) / 2
        case .right: return width - size
        }
    }

    /// A picture in a cell or column: one line as tall as the picture (shrunk to the column's
    /// width), then its caption.
    func lines(_ block: ImageBlock, width: Double) -> [StackLine] {
        guard let id = images.id(forPath: block.path) else { return [] }  // every image is decoded before layout
        let size = drawnSize(of: block, id: id, width: width, height: .infinity)
        let x = Self.offset(of: size.width, in: width, align: block.align)
        let picture = StackLine(gapBefore: 0, pieces: [], drawings: [.image(id, Rect(x: x, y: 0, width: size.width, height: size.height))],
                                drawingHeight: size.height)
        return [picture] + (block.caption.map { lines($0, width: width) } ?? [])
    }

    /// A rule: one line as tall as its thickness, the style's space before it as its gap.
    func line(_ rule: RuleBlock, width: Double) -> StackLine {
        let length = rule.width.resolved(in: width)
        let x = Self.offset(of: length, in: width, align: rule.align)
        let y = rule.thickness / 2
        return StackLine(gapBefore: rule.spaceBefore, pieces: [],
                         drawings: [.line(from: Point(x: x, y: y), to: Point(x: x + length, y: y), width: rule.thickness, color: rule.color)],
                         drawingHeight: rule.thickness)
    }

    /// A form line: each field's label, then its dotted line up to the field's end, the value over
    /// the dots (or after the label, the dots going on after it). A value too long for its field
    /// wraps under its own start, on dots of its own. Pieces of one row share a baseline.
    func lines(_ leaders: LeaderLine, width: Double, change: StyleChange? = nil) -> [StackLine] {
        let style = style(leaders.style, change)
        let font = text.font(style)
        // Between a label and its value, and between fields: half an em, about two spaces.
        let space = font.size * 0.5
        let dotSize = max(0.5, font.size * 0.09)
        let spacing = font.size * 0.3
        /// Rows of pieces, and the dotted stretches of each row.
        var rows: [[(line: SetLine, x: Double)]] = []
        var dots: [[ClosedRange<Double>]] = []
        func add(_ line: SetLine?, x: Double, dotted: ClosedRange<Double>?, row: Int) {
            while rows.count <= row {
                rows.append([])
                dots.append([])
            }
            if let line { rows[row].append((line, x)) }
            if let dotted, dotted.upperBound - dotted.lowerBound >= spacing { dots[row].append(dotted) }
        }
        var x = 0.0
        for field in leaders.fields {
            let end = max(x, min(width, field.end?.resolved(in: width) ?? width))
            let label = field.label.isEmpty ? [] : text.set(field.label, style: style, width: max(1, width - x), align: .left, firstIndent: 0)
            let start = min(end, x + (label.map(\.width).max().map { $0 + space } ?? 0))
            let dotsStart = label.isEmpty ? start : start - space / 2
            let value = field.value.isEmpty ? [] : text.set(field.value, style: style, width: max(1, end - start - space), align: .left,
                                                           firstIndent: 0)
            for (row, line) in label.enumerated() { add(line, x: x, dotted: nil, row: row) }
            switch leaders.placement {
            case .over:
                for row in 0..<max(1, value.count) {
                    add(row < value.count ? value[row] : nil, x: start + space / 2, dotted: (row == 0 ? dotsStart : start)...end, row: row)
                }
            case .after:
                for (row, line) in value.enumerated() { add(line, x: start, dotted: nil, row: row) }
                let last = max(0, value.count - 1)
                let after = value.last.map { start + $0.width + space / 2 } ?? dotsStart
                add(nil, x: 0, dotted: after <= end ? after...end : nil, row: last)
            }
            x = end + space
        }
        return rows.indices.map { row in
            // Every piece of a row gets the row's baseline and height.
            let baseline = rows[row].map(\.line.baseline).max() ?? style.lineHeight * 0.75
            let height = max(style.lineHeight, rows[row].map { baseline + $0.line.height - $0.line.baseline }.max() ?? 0)
            let pieces = rows[row].map { piece -> (line: SetLine, x: Double) in
                var line = piece.line
                line.baseline = baseline
                line.height = height
                return (line, piece.x)
            }
            let y = baseline + font.size * 0.1
            let drawings = dots[row].map { stretch in
                PageItem.dots(from: Point(x: stretch.lowerBound, y: y), to: Point(x: stretch.upperBound, y: y), size: dotSize, spacing: spacing,
                              color: style.color)
            }
            return StackLine(gapBefore: row == 0 ? style.spaceBefore : 0, pieces: pieces, startsParagraph: row == 0, drawings: drawings,
                             drawingHeight: height)
        }
    }
}
