import Foundation
import Graphics
import ReportModel
import ReportSyntax
import ThaiText

/// Something the layout noticed that the user should know (an image scaled down to fit).
public struct LayoutWarning: Equatable {
    public var message: String
    public var location: SourceLocation?
}

/// Lays a document out into pages and hands each finished page to a sink, so memory does not grow
/// with the page count. Documents with a table of contents are laid out until the headings' page
/// numbers settle, then once more for the sink.
public final class LayoutEngine {
    let document: Document
    let blocks: BlockSetter
    let images: ImageLibrary
    public internal(set) var warnings: [LayoutWarning] = []
    /// Glyphs of set lines kept across the passes of a document with a contents page (`SetLineCache`).
    var lineCacheGlyphBudget = 1_000_000
    /// Most blocks a section's queue has held at once, placed ones not yet dropped included (tests
    /// check that a long section does not keep what it placed).
    public internal(set) var mostQueuedBlocks = 0

    /// `images` holds the decoded pictures of the document's image blocks; `dictionary`
    /// the Thai words kept whole when lines break (the document's own `words` are added to it).
    public init(document: Document, shaper: TextShaper, images: ImageLibrary, dictionary: ThaiDictionary = .empty) {
        self.document = document
        self.images = images
        blocks = BlockSetter(text: TextSetter(shaper: shaper, document: document, dictionary: dictionary), document: document, images: images)
    }

    /// Lays out every page, calling `sink` with each in order; returns the headings with their pages.
    @discardableResult
    public func layout(_ sink: (PageFrame) throws -> Void) throws -> [HeadingEntry] {
        var contents: [HeadingEntry] = []
        if document.needsPageReferences {
            // Every pass sets the same paragraphs (only the page numbers change): each is set once.
            blocks.text.lineCache = SetLineCache(glyphBudget: lineCacheGlyphBudget)
        }
        defer { blocks.text.lineCache = nil }
        if document.needsPageReferences {
            for _ in 0..<4 {
                let found = try run(contents: contents, sink: nil)
                if found == contents { break }
                contents = found
            }
            warnings = []
        }
        let headings = try withoutActuallyEscaping(sink) { try run(contents: contents, sink: $0) }
        let missing = blocks.text.shaper.missingCharacters
        if !missing.isEmpty {
            let list = missing.sorted { $0.value < $1.value }.map { String(format: "%@ (U+%04X)", String($0), $0.value) }
            warnings.append(LayoutWarning(message: "no font has \(list.joined(separator: ", ")); left out of the PDF: add a font that has them under `fonts`",
                                          location: nil))
        }
        return headings
    }

    /// One pass over the document; throws the errors of blocks that cannot be placed, with the
    /// warnings so far.
    private func run(contents: [HeadingEntry], sink: ((PageFrame) throws -> Void)?) throws -> [HeadingEntry] {
        var paginator = Paginator(engine: self, sink: sink)
        for section in document.sections {
            try paginator.startSection(section.page)
            // The blocks ahead, made as needed (lookahead for keep-with-next): `queue[head...]`.
            // `chainRoom` holds, once known, the room a flow's keep-with-next chain needs after
            // its own lead (the gaps and the leads of the blocks it keeps with), computed for a
            // whole chain at once from its end back, so a chain of n blocks costs n, not n².
            var queue: [QueuedBlock] = []
            var chainRoom: [Double?] = []
            var head = 0
            var nextBlock = 0
            func upcoming(at offset: Int) -> QueuedBlock? {
                while queue.count - head <= offset, nextBlock < section.blocks.count {
                    let made = queued(section.blocks[nextBlock], page: section.page, contents: contents)
                    queue += made
                    chainRoom += Array(repeating: nil, count: made.count)
                    nextBlock += 1
                    mostQueuedBlocks = max(mostQueuedBlocks, queue.count)
                }
                return head + offset < queue.count ? queue[head + offset] : nil
            }
            func flow(at offset: Int) -> (any Flowable)? {
                if case let .flow(flow) = upcoming(at: offset) { return flow }
                return nil
            }
            /// Whether the flow at `offset` shares its page with the next one (it keeps with the
            /// next, or that one keeps with the previous).
            func keptWithFollowing(at offset: Int) -> Bool {
                flow(at: offset)?.keepWithNext == true || flow(at: offset + 1)?.keepWithPrevious == true
            }
            func roomAfterLead(at offset: Int) -> Double {
                if let known = chainRoom[head + offset] { return known }
                var end = offset
                while keptWithFollowing(at: end), flow(at: end + 1) != nil { end += 1 }
                var room = 0.0
                chainRoom[head + end] = room
                for index in stride(from: end - 1, through: offset, by: -1) {
                    let keeper = flow(at: index)!, following = flow(at: index + 1)!
                    room += following.spaceBefore + keeper.spaceAfter + following.leadHeight
                    chainRoom[head + index] = room
                }
                return room
            }
            while let next = upcoming(at: 0) {
                guard case var .flow(current) = next else {
                    head += 1
                    try paginator.breakPage()
                    continue
                }
                // Room needed for a chain of kept blocks and the start of the one after.
                let needed = keptWithFollowing(at: 0) ? current.leadHeight + roomAfterLead(at: 0) : 0
                // A block kept with the previous one stays with its last part, not only its first.
                if let following = flow(at: 1), following.keepWithPrevious {
                    current = current.keepingEnd(withRoom: following.spaceBefore + following.leadHeight)
                }
                head += 1
                // Placed blocks are dropped in batches (each costs as many moves as blocks stay), so
                // a section holds the set lines of a few dozen blocks, not of all it placed.
                if head >= 64, head * 2 >= queue.count {
                    queue.removeFirst(head)
                    chainRoom.removeFirst(head)
                    head = 0
                }
                try paginator.place(current, keepingRoom: needed)
            }
        }
        try paginator.finish()
        if !paginator.problems.isEmpty {
            let found = DiagnosticCollector()
            for warning in warnings { found.warning(warning.location, warning.message) }
            for problem in paginator.problems { found.add(problem) }
            throw DiagnosticList(found.sorted)
        }
        return paginator.headings
    }
}

/// A block of a section waiting to be placed: a flow, or a forced page break.
enum QueuedBlock {
    case flow(any Flowable)
    case pageBreak
}
