import Foundation
import Graphics
import ReportModel
import ThaiText

/// Each kind of block becomes the flows that place it: stacks of lines, tables, and whole blocks.
extension LayoutEngine {
    /// What `block` puts in the queue of blocks to place.
    func queued(_ block: Block, page: PageSetup, contents: [HeadingEntry]) -> [QueuedBlock] {
        if case .pageBreak = block { return [.pageBreak] }
        return flows(block, page: page, contents: contents).map(QueuedBlock.flow)
    }

    private func flows(_ block: Block, page: PageSetup, contents: [HeadingEntry]) -> [any Flowable] {
        let width = page.textWidth
        switch block {
        case let .paragraph(paragraph):
            let style = document.style(paragraph.style)
            return [StackFlow(lines: strip(blocks.lines(paragraph, width: width)), spaceBefore: style.spaceBefore,
                              spaceAfter: style.spaceAfter, keepWithNext: style.keepWithNext, location: paragraph.location)]
        case let .heading(heading):
            let style = document.style(heading.paragraph.style)
            return [StackFlow(lines: strip(blocks.lines(heading.paragraph, width: width, heading: (heading.level, heading.listedTitle, heading.listed))),
                              spaceBefore: style.spaceBefore, spaceAfter: style.spaceAfter, keepWithNext: true,
                              location: heading.paragraph.location)]
        case let .list(list):
            let style = document.style(list.style)
            return [StackFlow(lines: blocks.lines(list, width: width), spaceBefore: style.spaceBefore, spaceAfter: style.spaceAfter,
                              keepWithNext: false, location: list.location)]
        case let .table(table):
            return [TableFlow(table: table, width: width, pageHeight: page.textHeight, setter: blocks)]
        case .pageBreak:
            return []
        case let .spacer(height):
            return [SpacerFlow(height: height)]
        case let .image(image):
            return imageFlows(image, page: page)
        case let .signatures(signature):
            return [signatureFlow(signature, width: width)]
        case let .toc(toc):
            return tocFlows(toc, width: width, contents: contents)
        case let .rule(rule):
            var line = blocks.line(rule, width: width)
            line.gapBefore = 0
            return [StackFlow(lines: [line], spaceBefore: rule.spaceBefore, spaceAfter: rule.spaceAfter, keepWithNext: false, location: rule.location)]
        case let .leaders(leaders):
            let style = document.style(leaders.style)
            return [StackFlow(lines: strip(blocks.lines(leaders, width: width)), spaceBefore: style.spaceBefore, spaceAfter: style.spaceAfter,
                              keepWithNext: style.keepWithNext, location: leaders.location)]
        }
    }

    /// Lines of a block placed on its own: the style's space before is the flow's, not the line's.
    private func strip(_ lines: [StackLine]) -> [StackLine] {
        guard var first = lines.first else { return lines }
        first.gapBefore = 0
        return [first] + lines.dropFirst()
    }

    private func imageFlows(_ block: ImageBlock, page: PageSetup) -> [any Flowable] {
        guard let id = images.id(forPath: block.path) else { return [] }  // every image is decoded before layout
        var captionLines: [StackLine] = []
        if let caption = block.caption { captionLines = blocks.lines(caption, width: page.textWidth) }
        let captionHeight = captionLines.reduce(0) { $0 + $1.gapBefore + $1.height }
        let limitHeight = page.textHeight - captionHeight
        // A caption taller than the page leaves nothing to scale the picture into: the flow reports it.
        let (width, height, factor) = blocks.drawnSize(of: block, id: id, width: page.textWidth, height: limitHeight)
        if factor < 1 {
            warnings.append(LayoutWarning(message: String(format: "the image is larger than the page's text area; drawn at %.0f%% of its size", factor * 100),
                                          location: block.location))
        }
        let x = BlockSetter.offset(of: width, in: page.textWidth, align: block.align)
        let drawn = (width, height)
        return [WholeFlow(height: height + captionHeight, spaceBefore: 6, spaceAfter: 6, location: block.location,
                          tooTall: ("the image with its caption", "shorten the caption")) { page, left, top in
            page.items.append(.image(id, Rect(x: left + x, y: top, width: drawn.0, height: drawn.1)))
            var y = top + drawn.1
            for line in captionLines {
                y += line.gapBefore
                page.draw(line, x: left, top: y)
                y += line.height
            }
        }]
    }

    /// The contents title and one stack of entries: title, dot leaders, page number.
    private func tocFlows(_ toc: TableOfContents, width: Double, contents: [HeadingEntry]) -> [any Flowable] {
        var flows: [any Flowable] = []
        if let title = toc.title {
            let style = document.style(toc.titleStyle)
            flows.append(StackFlow(lines: strip(blocks.lines(Paragraph(spans: [Span(title)], style: toc.titleStyle), width: width)),
                                   spaceBefore: style.spaceBefore, spaceAfter: style.spaceAfter, keepWithNext: true, location: toc.location))
        }
        let style = document.style(toc.style)
        let font = blocks.text.font(style)
        let indentStep = 0.75 * Units.cm
        let dot = max(0.1, blocks.text.shaper.width(of: ".", font: font))
        let numbers = contents.map { entry in
            // Written as the heading's pages are numbered (front matter in ก ข ค or Roman numerals).
            let numbering = PageNumbering(position: .none, style: .plain, format: entry.format, digits: document.digits, skipFirstPage: false)
            return toc.pageRanges && entry.lastPage > entry.page
                ? "\(numbering.text(for: entry.page)) - \(numbering.text(for: entry.lastPage))" : numbering.text(for: entry.page)
        }
        // Leaders of every entry end at one x, a dot's width before the widest page number.
        let numberWidth = (numbers.map { blocks.text.shaper.width(of: $0, font: font) }.max() ?? 0) + dot
        let leadersEnd = width - numberWidth
        var lines: [StackLine] = []
        if let label = toc.pageHeading, let labelLine = blocks.text.set(plain: label, style: style, width: width, align: .left).first {
            lines.append(StackLine(gapBefore: 0, pieces: [(labelLine, width - labelLine.width)], startsParagraph: true))
        }
        for (entry, numberText) in zip(contents, numbers) where entry.level <= toc.depth {
            let indent = Double(entry.level - 1) * indentStep
            let textLines = blocks.text.set(plain: entry.title, style: style, width: leadersEnd - dot * 3 - indent, align: .left)
            let number = blocks.text.set(plain: numberText, style: style, width: numberWidth, align: .right)
            for (index, line) in textLines.enumerated() {
                var pieces = [(line: line, x: indent)]
                if index == textLines.count - 1 {
                    let count = Int((leadersEnd - indent - line.width - dot) / dot)
                    if count > 1, let leader = blocks.text.set(plain: String(repeating: ".", count: count), style: style,
                                                                width: width, align: .left).first {
                        pieces.append((leader, leadersEnd - leader.width))
                    }
                    if let numberLine = number.first { pieces.append((numberLine, leadersEnd)) }
                }
                lines.append(StackLine(gapBefore: index == 0 ? style.spaceBefore : 0, pieces: pieces, startsParagraph: index == 0))
            }
        }
        if !lines.isEmpty {
            flows.append(StackFlow(lines: strip(lines), spaceBefore: 0, spaceAfter: style.spaceAfter, keepWithNext: false, minimumRun: 1,
                                   location: toc.location))
        }
        return flows
    }
}
