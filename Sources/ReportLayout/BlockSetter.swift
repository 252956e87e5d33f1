import Foundation
import Graphics
import ReportModel

/// Turns paragraphs, headings and lists (and, in cells and columns, pictures, rules and form lines)
/// into stacked lines at a given width; used for the body and for table cells alike.
final class BlockSetter {
    let text: TextSetter
    let document: Document
    /// The decoded pictures of the document's image blocks.
    let images: ImageLibrary

    init(text: TextSetter, document: Document, images: ImageLibrary) {
        self.text = text
        self.document = document
        self.images = images
    }

    /// A style changed for one use (a bold table row, a cell's alignment).
    typealias StyleChange = (inout TextStyle) -> Void

    func style(_ name: String, _ change: StyleChange?) -> TextStyle {
        var style = document.style(name)
        change?(&style)
        return style
    }

    /// Lines of one paragraph. The first line's gap is the style's space before.
    func lines(_ paragraph: Paragraph, width: Double, change: StyleChange? = nil,
               heading: (level: Int, title: String, listed: Bool)? = nil) -> [StackLine] {
        let style = style(paragraph.style, change)
        let left = style.leftIndent
        let set = text.set(paragraph.spans, style: style, width: max(1, width - left), align: paragraph.align,
                           firstIndent: paragraph.firstLineIndent)
        return set.enumerated().map { index, line in
            StackLine(gapBefore: index == 0 ? style.spaceBefore : 0, pieces: [(line, left)],
                      heading: index == 0 ? heading : nil,
                      startsParagraph: index == 0)
        }
    }

    /// Lines of a list: each item's marker in a hanging column, nested lists further in.
    func lines(_ list: ListBlock, width: Double, indent: Double? = nil, change: StyleChange? = nil) -> [StackLine] {
        let style = style(list.style, change)
        // Deep nesting stops indenting at half the width, so items never leave their box.
        let start = min(indent ?? style.firstLineIndent, width / 2)
        let widest = list.items.indices.map { list.marker.text(for: list.start + $0) }
            .map { text.shaper.width(of: $0, font: text.font(style)) }.max() ?? 0
        let markerWidth = min(max(0.75 * Units.cm, widest + style.size * 0.35), width / 4)
        let textWidth = max(1, width - start - markerWidth)
        var result: [StackLine] = []
        for (offset, item) in list.items.enumerated() {
            var itemStyle = document.style(item.paragraph.style)
            change?(&itemStyle)
            let marker = text.set(plain: list.marker.text(for: list.start + offset), style: itemStyle, width: markerWidth, align: .left)
            let body = text.set(item.paragraph.spans, style: itemStyle, width: textWidth, align: item.paragraph.align, firstIndent: 0)
            for (index, line) in body.enumerated() {
                var pieces = [(line: line, x: start + markerWidth)]
                if index == 0, let first = marker.first { pieces.insert((first, start), at: 0) }
                result.append(StackLine(gapBefore: index == 0 && offset > 0 ? itemStyle.spaceBefore : 0, pieces: pieces,
                                        startsParagraph: index == 0))
            }
            for child in item.children {
                if case let .list(nested) = child {
                    result += lines(nested, width: width, indent: start + markerWidth, change: change)
                }
            }
        }
        return result
    }

    /// Lines of the blocks in a table cell or column, with the spacing between them.
    func lines(_ blocks: [Block], width: Double, change: StyleChange?) -> [StackLine] {
        var result: [StackLine] = []
        var spaceAfter = 0.0
        for block in blocks {
            let previousSpaceAfter = spaceAfter
            var part: [StackLine]
            switch block {
            case let .paragraph(paragraph):
                part = lines(paragraph, width: width, change: change)
                spaceAfter = style(paragraph.style, change).spaceAfter
            case let .list(list):
                part = lines(list, width: width, indent: 0, change: change)
                spaceAfter = 0
            case let .image(image):
                part = lines(image, width: width)
                spaceAfter = 0
            case let .rule(rule):
                part = [line(rule, width: width)]
                spaceAfter = rule.spaceAfter
            case let .leaders(leaders):
                part = lines(leaders, width: width, change: change)
                spaceAfter = style(leaders.style, change).spaceAfter
            case let .spacer(height):
                part = [StackLine(gapBefore: 0, pieces: [], drawingHeight: height)]
                spaceAfter = 0
            default:
                continue
            }
            if !part.isEmpty {
                part[0].gapBefore = result.isEmpty ? 0 : part[0].gapBefore + previousSpaceAfter
            }
            result += part
        }
        return result
    }
}
