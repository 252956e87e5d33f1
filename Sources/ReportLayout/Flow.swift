import Foundation
import Graphics
import ReportModel

/// Where a flowing block is placed: the left edge and top of the free space, its width and height.
struct Region {
    var x: Double
    var y: Double
    var width: Double
    var height: Double
    /// True when nothing has been placed in this region yet (the block must make progress here).
    var atTop: Bool
}

/// A block being laid out across pages. It keeps its own resume point: each call places the next
/// part that fits and remembers where to continue.
protocol Flowable: AnyObject {
    var spaceBefore: Double { get }
    var spaceAfter: Double { get }
    /// Keep on the same page as the first part of the next block.
    var keepWithNext: Bool { get }
    /// True once everything has been placed.
    var isFinished: Bool { get }
    /// Height of the smallest first part this block may place (e.g. two lines of a paragraph).
    var leadHeight: Double { get }
    /// Places the next part that fits in `region`, appending to `page`; returns the height used,
    /// or nil when nothing may go in this region (never nil when `region.atTop`).
    func place(in region: Region, on page: inout PageFrame) -> Double?
}

/// One line of a stack: the gap above it and the set lines drawn side by side on it (a list
/// marker and its text, a contents entry and its page number).
struct StackLine {
    var gapBefore: Double
    var pieces: [(line: SetLine, x: Double)]
    var height: Double { pieces.map(\.line.height).max() ?? 0 }
    /// Marks where a heading starts, so its page can be recorded.
    var heading: (level: Int, title: String, listed: Bool)?
    /// The first line of a paragraph or list item.
    var startsParagraph = true
}

/// Where a run of stacked lines may be cut between pages: never leaving one line of a paragraph
/// alone at the foot of a page or at the head of the next.
enum LineBreaking {
    /// The most lines, at most `fit`, that may be placed from `start` before a page break
    /// (0 when no cut is acceptable).
    static func count(_ lines: [StackLine], from start: Int, fit: Int) -> Int {
        let end = lines.count
        if start + fit >= end { return end - start }
        var count = fit
        while count > 0 {
            let cut = start + count
            if lines[cut].startsParagraph { return count }
            var paragraphStart = cut
            while paragraphStart > 0, !lines[paragraphStart].startsParagraph { paragraphStart -= 1 }
            var paragraphEnd = cut + 1
            while paragraphEnd < end, !lines[paragraphEnd].startsParagraph { paragraphEnd += 1 }
            let before = cut - max(paragraphStart, start)
            let orphanFree = paragraphStart < start || before >= 2
            if orphanFree, paragraphEnd - cut >= 2 { return count }
            count -= 1
        }
        return 0
    }
}

extension PageFrame {
    /// Draws a stack line with its top at `top` and its left edge at `x`.
    mutating func draw(_ stackLine: StackLine, x: Double, top: Double) {
        for piece in stackLine.pieces {
            draw(piece.line, x: x + piece.x, top: top)
        }
    }

    /// Draws a set line with its top-left corner at (`x`, `top`).
    mutating func draw(_ line: SetLine, x: Double, top: Double) {
        let baseline = top + line.baseline
        if !line.runs.isEmpty {
            items.append(.text(PlacedText(x: x, baseline: baseline, top: top, bottom: top + line.height, runs: line.runs,
                                          width: line.width, color: line.color)))
        }
        for segment in line.underlines {
            let y = baseline + line.underlineOffset
            items.append(.line(from: Point(x: x + segment.lowerBound, y: y), to: Point(x: x + segment.upperBound, y: y),
                               width: line.underlineThickness, color: line.color))
        }
    }
}

/// Lines that flow down the page and split between any two lines, with orphan and widow control:
/// paragraphs, lists and tables of contents.
final class StackFlow: Flowable {
    let lines: [StackLine]
    let spaceBefore: Double
    let spaceAfter: Double
    let keepWithNext: Bool
    /// Lines that must stay together at a page break, at the start and at the end (2 = no single
    /// line alone at the foot or head of a page).
    let minimumRun: Int
    private(set) var next = 0

    init(lines: [StackLine], spaceBefore: Double, spaceAfter: Double, keepWithNext: Bool, minimumRun: Int = 2) {
        self.lines = lines
        self.spaceBefore = spaceBefore
        self.spaceAfter = spaceAfter
        self.keepWithNext = keepWithNext
        self.minimumRun = minimumRun
    }

    var isFinished: Bool { next >= lines.count }

    /// Height of the fewest lines that may start the block at a page foot: with widow and orphan
    /// control, a three-line paragraph cannot leave one or two lines behind, so its lead is all three.
    var leadHeight: Double {
        let remaining = lines.count - next
        guard remaining > 0 else { return 0 }
        var count = 1
        if minimumRun > 1 {
            while count < remaining, LineBreaking.count(lines, from: next, fit: count) != count { count += 1 }
        }
        return lines[next..<(next + count)].enumerated().reduce(0) { $0 + ($1.offset == 0 ? 0 : $1.element.gapBefore) + $1.element.height }
    }

    func place(in region: Region, on page: inout PageFrame) -> Double? {
        // How many lines fit.
        var used = 0.0
        var fit = 0
        for index in next..<lines.count {
            let gap = index == next ? 0 : lines[index].gapBefore
            guard used + gap + lines[index].height <= region.height + 0.01 else { break }
            used += gap + lines[index].height
            fit += 1
        }
        var count = minimumRun > 1 ? LineBreaking.count(lines, from: next, fit: fit) : fit
        if count == 0 {
            guard region.atTop else { return nil }
            count = max(1, fit)
        }
        var y = region.y
        for index in next..<(next + count) {
            if index != next { y += lines[index].gapBefore }
            if let heading = lines[index].heading, heading.listed {
                page.bookmarks.append(Bookmark(level: heading.level, title: heading.title, y: y))
            }
            page.draw(lines[index], x: region.x, top: y)
            y += lines[index].height
        }
        next += count
        return y - region.y
    }
}

/// A block that is placed whole or not at all: an image, a signature block, a spacer.
final class WholeFlow: Flowable {
    let height: Double
    let spaceBefore: Double
    let spaceAfter: Double
    let keepWithNext = false
    /// Dropped when it would come first on a page (spacers).
    let droppedAtTop: Bool
    private let draw: (inout PageFrame, Double, Double) -> Void
    private(set) var isFinished = false

    /// `draw` receives the page and the top-left corner.
    init(height: Double, spaceBefore: Double = 0, spaceAfter: Double = 0, droppedAtTop: Bool = false,
         draw: @escaping (inout PageFrame, Double, Double) -> Void) {
        self.height = height
        self.spaceBefore = spaceBefore
        self.spaceAfter = spaceAfter
        self.droppedAtTop = droppedAtTop
        self.draw = draw
    }

    var leadHeight: Double { height }

    func place(in region: Region, on page: inout PageFrame) -> Double? {
        if droppedAtTop, region.atTop {
            isFinished = true
            return 0
        }
        guard height <= region.height + 0.01 || region.atTop else { return nil }
        draw(&page, region.x, region.y)
        isFinished = true
        return height
    }
}
