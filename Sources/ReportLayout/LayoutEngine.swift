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
            var queue: [QueuedBlock] = []
            var nextBlock = 0
            /// Flows of the blocks ahead, made as needed (lookahead for keep-with-next).
            func upcoming(at offset: Int) -> QueuedBlock? {
                while queue.count <= offset, nextBlock < section.blocks.count {
                    queue += queued(section.blocks[nextBlock], page: section.page, contents: contents)
                    nextBlock += 1
                }
                return offset < queue.count ? queue[offset] : nil
            }
            func flow(at offset: Int) -> (any Flowable)? {
                if case let .flow(flow) = upcoming(at: offset) { return flow }
                return nil
            }
            while let current = upcoming(at: 0) {
                queue.removeFirst()
                guard case var .flow(current) = current else {
                    try paginator.breakPage()
                    continue
                }
                /// Whether `block` shares its page with the block at `offset` (it keeps with the next, or
                /// that one keeps with the previous).
                func keptWithFollowing(_ block: any Flowable, at offset: Int) -> Bool {
                    block.keepWithNext || flow(at: offset)?.keepWithPrevious == true
                }
                // Room needed for a chain of keep-with-next blocks and the start of the one after.
                var needed = keptWithFollowing(current, at: 0) ? current.leadHeight : 0
                var keeper = current
                var offset = 0
                while keptWithFollowing(keeper, at: offset), let following = flow(at: offset) {
                    needed += following.spaceBefore + keeper.spaceAfter + following.leadHeight
                    keeper = following
                    offset += 1
                }
                // A block kept with the previous one stays with its last part, not only its first.
                if let following = flow(at: 0), following.keepWithPrevious {
                    current = current.keepingEnd(withRoom: following.spaceBefore + following.leadHeight)
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
