import Foundation
import Graphics
import ReportModel
import ReportSyntax

/// Where a flowing block is placed: the left edge and top of the free space, its width and height.
struct Region {
    var x: Double
    var y: Double
    var width: Double
    var height: Double
    /// True when nothing has been placed in this region yet (the block must make progress here).
    var atTop: Bool
    /// The block placed just before keeps with this one, yet the two (with the rest of their chain)
    /// are taller than a page: this block starts here, cutting a part it would rather keep whole,
    /// so the one before is not left alone at the foot of a page.
    var startsKeptChain = false
}

/// What placing a flow in a region did. The block's resume point is a value the paginator keeps.
enum Placement<Resume: Equatable> {
    /// The rest of the block was placed; it took `height`.
    case finished(height: Double)
    /// A part `height` tall was placed; the block goes on from `resume` in the next region.
    case split(height: Double, resume: Resume)
    /// Nothing may go in this region (never the answer in an empty one); the block goes on in the next.
    case needsNextRegion
    /// Nothing can be placed even in an empty region: the error, at the block's place, that stops
    /// the render.
    case overflow(Diagnostic)
}

/// A block being laid out across pages. Placing is a function of where the block resumes: each call
/// places the part from `resume` (nil: the start) that fits and says where the rest resumes.
protocol Flowable {
    /// Where a block split across pages goes on.
    associatedtype Resume: Equatable
    var spaceBefore: Double { get }
    var spaceAfter: Double { get }
    /// Keep on the same page as the first part of the next block.
    var keepWithNext: Bool { get }
    /// Keep on the same page as the last part of the block before (a signature under its text).
    var keepWithPrevious: Bool { get }
    /// Nothing to place: the paginator passes over the block, spacing and all.
    var isEmpty: Bool { get }
    /// Height of the smallest first part this block may place (e.g. two lines of a paragraph).
    var leadHeight: Double { get }
    /// Where the block was written, for errors.
    var location: SourceLocation? { get }
    /// Places the part from `resume` that fits in `region`; draws on `page` only when it places something.
    func place(from resume: Resume?, in region: Region, on page: inout PageFrame) -> Placement<Resume>
    /// This flow, made to leave `room` below its last part on that part's page (for the block kept
    /// with it); flows that place their end whole anyway return themselves.
    func keepingEnd(withRoom room: Double) -> any Flowable
}

extension Flowable {
    var keepWithPrevious: Bool { false }
    func keepingEnd(withRoom room: Double) -> any Flowable { self }

    /// The error for a block whose smallest part (a line, a whole signature) is taller than an empty page.
    func tallerThanPage(_ what: String, height: Double, page: Double, fix: String) -> Placement<Resume> {
        return .overflow(Diagnostic(at: location, "\(what) is \(Units.centimetres(height)) tall, taller than the page's text area (\(Units.centimetres(page)))",
                                    hint: fix))
    }
}

/// One line of a stack: the gap above it and the set lines drawn side by side on it (a list
/// marker and its text, a contents entry and its page number).
struct StackLine {
    var gapBefore: Double
    var pieces: [(line: SetLine, x: Double)]
    /// Marks where a heading starts, so its page can be recorded.
    var heading: (level: Int, title: String, listed: Bool)?
    /// The first line of a paragraph or list item.
    var startsParagraph = true
    /// Pictures and lines drawn with the line (a picture in a cell, a rule, a leader's dots), placed
    /// from the line's top-left corner, and the height they take.
    var drawings: [PageItem] = []
    var drawingHeight = 0.0

    var height: Double { max(pieces.map(\.line.height).max() ?? 0, drawingHeight) }
}

extension PageFrame {
    /// Draws a stack line with its top at `top` and its left edge at `x`.
    mutating func draw(_ stackLine: StackLine, x: Double, top: Double) {
        for piece in stackLine.pieces {
            draw(piece.line, x: x + piece.x, top: top)
        }
        items += stackLine.drawings.map { $0.moved(dx: x, dy: top) }
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
struct StackFlow: Flowable {
    /// Where a split stack goes on: its first line not yet placed.
    struct Resume: Equatable {
        var line: Int
    }

    let lines: [StackLine]
    let spaceBefore: Double
    let spaceAfter: Double
    let keepWithNext: Bool
    /// Lines that must stay together at a page break, at the start and at the end (2 = no single
    /// line alone at the foot or head of a page).
    let minimumRun: Int
    let location: SourceLocation?
    /// Room left below the last line on its page, for the block kept with this one's end.
    private(set) var endRoom = 0.0

    init(lines: [StackLine], spaceBefore: Double, spaceAfter: Double, keepWithNext: Bool, minimumRun: Int = 2,
         location: SourceLocation?) {
        self.lines = lines
        self.spaceBefore = spaceBefore
        self.spaceAfter = spaceAfter
        self.keepWithNext = keepWithNext
        self.minimumRun = minimumRun
        self.location = location
    }

    var isEmpty: Bool { lines.isEmpty }

    func keepingEnd(withRoom room: Double) -> any Flowable {
        var kept = self
        kept.endRoom = room
        return kept
    }

    /// Height of the fewest lines that may start the block at a page foot: with widow and orphan
    /// control, a three-line paragraph cannot leave one or two lines behind, so its lead is all three.
    var leadHeight: Double {
        guard !lines.isEmpty else { return 0 }
        var count = 1
        if minimumRun > 1 {
            while count < lines.count, PageCut.linesBefore(lines, from: 0, fitting: count) != count { count += 1 }
        }
        return lines[0..<count].enumerated().reduce(0) { $0 + ($1.offset == 0 ? 0 : $1.element.gapBefore) + $1.element.height }
    }

    func place(from resume: Resume?, in region: Region, on page: inout PageFrame) -> Placement<Resume> {
        let next = resume?.line ?? 0
        // How many lines fit.
        var used = 0.0
        var fit = 0
        for index in next..<lines.count {
            let gap = index == next ? 0 : lines[index].gapBefore
            guard used + gap + lines[index].height <= region.height + 0.01 else { break }
            used += gap + lines[index].height
            fit += 1
        }
        var count = minimumRun > 1 ? PageCut.linesBefore(lines, from: next, fitting: fit) : fit
        // The rest fits but leaves no room for the block kept with this one's end: the last lines
        // (at least `minimumRun`) go on to the next page with it.
        if endRoom > 0, next + count == lines.count, used + spaceAfter + endRoom > region.height + 0.01 {
            let held = min(lines.count - next, max(1, minimumRun))
            let shorter = lines.count - next - held
            let kept = shorter > 0 ? (minimumRun > 1 ? PageCut.linesBefore(lines, from: next, fitting: shorter) : shorter) : 0
            if kept > 0 || !region.atTop { count = kept }
        }
        if count == 0 {
            guard region.atTop else { return .needsNextRegion }
            guard fit > 0 else {
                return tallerThanPage("a line of this block", height: lines[next].height, page: region.height,
                                      fix: "make the style's `size` or `line-spacing` smaller")
            }
            count = fit
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
        let end = next + count
        return end < lines.count ? .split(height: y - region.y, resume: Resume(line: end)) : .finished(height: y - region.y)
    }
}

/// A block that is placed whole or not at all: an image, a signature block. One taller than an
/// empty page is an error, never cut.
struct WholeFlow: Flowable {
    /// A whole block never resumes.
    typealias Resume = Never

    let height: Double
    let spaceBefore: Double
    let spaceAfter: Double
    let keepWithNext = false
    let keepWithPrevious: Bool
    let isEmpty = false
    let location: SourceLocation?
    /// What the block is and how to make it shorter, for the error when it is taller than a page.
    private let tooTall: (what: String, fix: String)
    private let draw: (inout PageFrame, Double, Double) -> Void

    /// `draw` receives the page and the top-left corner.
    init(height: Double, spaceBefore: Double, spaceAfter: Double, keepWithPrevious: Bool = false, location: SourceLocation?,
         tooTall: (what: String, fix: String), draw: @escaping (inout PageFrame, Double, Double) -> Void) {
        self.height = height
        self.keepWithPrevious = keepWithPrevious
        self.spaceBefore = spaceBefore
        self.spaceAfter = spaceAfter
        self.location = location
        self.tooTall = tooTall
        self.draw = draw
    }

    var leadHeight: Double { height }

    func place(from resume: Never?, in region: Region, on page: inout PageFrame) -> Placement<Never> {
        guard height <= region.height + 0.01 else {
            guard region.atTop else { return .needsNextRegion }
            return tallerThanPage(tooTall.what, height: height, page: region.height, fix: tooTall.fix)
        }
        draw(&page, region.x, region.y)
        return .finished(height: height)
    }
}

/// Vertical space: dropped at the top of a page, and where it does not fit (the next block starts
/// the next page).
struct SpacerFlow: Flowable {
    /// A spacer never resumes.
    typealias Resume = Never

    let height: Double
    let spaceBefore = 0.0
    let spaceAfter = 0.0
    let keepWithNext = false
    let isEmpty = false
    let location: SourceLocation? = nil

    var leadHeight: Double { height }

    func place(from resume: Never?, in region: Region, on page: inout PageFrame) -> Placement<Never> {
        if region.atTop { return .finished(height: 0) }
        return height <= region.height + 0.01 ? .finished(height: height) : .needsNextRegion
    }
}
