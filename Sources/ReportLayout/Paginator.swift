import Foundation
import Graphics
import ReportModel
import ReportSyntax
import ThaiText

extension LayoutEngine {
    /// Fills pages with flows: keeps the cursor, starts new pages when a flow needs one, and finishes
    /// each page with its header, footer and page number before passing it on.
    struct Paginator {
        let sink: ((PageFrame) throws -> Void)?
        private(set) var headings: [HeadingEntry] = []
        /// Errors found while placing: blocks that cannot make progress even on an empty page.
        private(set) var problems: [Diagnostic] = []
        /// Indices in `headings` of headings with nothing above them on their page.
        private var headingsStartingPage = Set<Int>()
        private var page: PageFrame?
        private var setup: PageSetup?
        private var cursor = 0.0
        private var previousSpaceAfter = 0.0
        private var pageIndex = 0
        private var pageNumber = 0
        /// Nothing has been placed on the current page yet.
        private var atTop = true
        /// The last flow placed keeps with the next, and their chain is taller than a page.
        private var keptChainTooTall = false
        let engine: LayoutEngine

        init(engine: LayoutEngine, sink: ((PageFrame) throws -> Void)?) {
            self.engine = engine
            self.sink = sink
        }

        mutating func startSection(_ setup: PageSetup) throws {
            try finishPage()
            self.setup = setup
            if let restart = setup.pageNumbers.restartAt { pageNumber = restart - 1 }
            newPage()
        }

        /// Starts a new page unless the current one is still empty.
        mutating func breakPage() throws {
            guard !atTop else { return }
            try finishPage()
            newPage()
        }

        /// Places all of `flow`, first making sure `room` is left for it and what it keeps with. The
        /// flow's resume point is kept here between pages. A flow that cannot make progress on an
        /// empty page is reported at its place and left out.
        mutating func place<Flow: Flowable>(_ flow: Flow, keepingRoom room: Double) throws {
            let startsKeptChain = keptChainTooTall && !atTop
            keptChainTooTall = false
            guard let setup, !flow.isEmpty else { return }
            keptChainTooTall = room > setup.textHeight
            let bottom = setup.margins.top + setup.textHeight
            var resume: Flow.Resume?
            var first = true
            while true {
                let gap = atTop ? 0 : previousSpaceAfter + flow.spaceBefore
                if first, !atTop, room > 0, cursor + gap + room > bottom + 0.01, room <= setup.textHeight {
                    try finishPage()
                    newPage()
                    continue
                }
                let region = Region(x: setup.margins.left, y: cursor + gap, width: setup.textWidth,
                                    height: max(0, bottom - cursor - gap), atTop: atTop, startsKeptChain: first && startsKeptChain)
                switch flow.place(from: resume, in: region, on: &page!) {
                case let .finished(height):
                    advance(by: gap + height, after: flow)
                    return
                case let .split(height, next):
                    // On an empty page a part must be placed and the resume point move on.
                    guard !atTop || (height > 0 && next != resume) else { return reportNoProgress(flow) }
                    advance(by: gap + height, after: flow)
                    resume = next
                    first = false
                    try finishPage()
                    newPage()
                case .needsNextRegion:
                    guard !atTop else { return reportNoProgress(flow) }
                    try finishPage()
                    newPage()
                case let .overflow(problem):
                    problems.append(problem)
                    return
                }
            }
        }

        /// Moves the cursor down past a placed part of `flow`.
        private mutating func advance<Flow: Flowable>(by height: Double, after flow: Flow) {
            cursor += height
            if height > 0 { atTop = false }
            previousSpaceAfter = flow.spaceAfter
        }

        private mutating func reportNoProgress<Flow: Flowable>(_ flow: Flow) {
            problems.append(Diagnostic(at: flow.location, "nothing of this block fits on an empty page", hint: "make it smaller"))
        }

        mutating func finish() throws {
            let lastNumber = page?.number ?? headings.last?.page ?? 0
            try finishPage(isOnlyPage: pageIndex == 1)
            // Each part ends where the next heading of its level or higher begins.
            for index in headings.indices {
                let next = headings[(index + 1)...].firstIndex { $0.level <= headings[index].level }
                let end = next.map { headingsStartingPage.contains($0) ? headings[$0].page - 1 : headings[$0].page } ?? lastNumber
                headings[index].lastPage = max(headings[index].page, end)
            }
        }

        private mutating func newPage() {
            guard let setup else { return }
            pageIndex += 1
            pageNumber += 1
            let size = setup.size
            page = PageFrame(index: pageIndex, number: pageNumber, width: size.width, height: size.height,
                             textArea: Rect(x: setup.margins.left, y: setup.margins.top, width: setup.textWidth, height: setup.textHeight))
            cursor = setup.margins.top
            atTop = true
            previousSpaceAfter = 0
        }

        /// Decorates the current page and hands it on; `isOnlyPage` when it is the document's only page.
        private mutating func finishPage(isOnlyPage: Bool = false) throws {
            guard var finished = page, let setup else { return }
            page = nil
            decorate(&finished, setup: setup, isOnlyPage: isOnlyPage)
            for bookmark in finished.bookmarks {
                // A heading starts its page when no text of the body stands above it.
                let startsPage = !finished.lines.contains { $0.top < bookmark.y - 0.5 && $0.top >= finished.textArea.y - 0.5 }
                if startsPage { headingsStartingPage.insert(headings.count) }
                headings.append(HeadingEntry(level: bookmark.level, title: bookmark.title, page: finished.number,
                                             format: setup.pageNumbers.format))
            }
            try sink?(finished)
        }

        /// Header, footer and page number. A document of one page is not numbered unless its numbering
        /// says `single-page: true`.
        private func decorate(_ page: inout PageFrame, setup: PageSetup, isOnlyPage: Bool) {
            let numbering = setup.pageNumbers
            let numberText = numbering.text(for: page.number)
            let showNumber = !(numbering.skipFirstPage && page.index == 1) && !(isOnlyPage && !numbering.singlePage)
            let left = setup.margins.left
            let width = setup.textWidth
            let plainNumber = numbering.plainText(for: page.number)
            func put(_ text: String, style name: String, align: HorizontalAlignment, top: Bool) {
                // On an unnumbered page, texts that show the page number are left out too.
                if !showNumber, text.contains("{page}") { return }
                let style = engine.document.style(name)
                let expanded = text.replacingOccurrences(of: "{page}", with: plainNumber)
                let lines = engine.blocks.text.set(plain: expanded, style: style, width: width, align: align)
                let height = lines.reduce(0) { $0 + $1.height }
                var y = top ? setup.headerDistance : page.height - setup.footerDistance - height
                for line in lines {
                    page.draw(line, x: left, top: y)
                    y += line.height
                }
            }
            for (text, align) in [(setup.header.left, HorizontalAlignment.left), (setup.header.center, .center), (setup.header.right, .right)] {
                if let text { put(text, style: setup.header.style, align: align, top: true) }
            }
            for (text, align) in [(setup.footer.left, HorizontalAlignment.left), (setup.footer.center, .center), (setup.footer.right, .right)] {
                if let text { put(text, style: setup.footer.style, align: align, top: false) }
            }
            guard showNumber else { return }
            switch numbering.position {
            case .none: break
            case .topLeft: put(numberText, style: setup.header.style, align: .left, top: true)
            case .topCenter: put(numberText, style: setup.header.style, align: .center, top: true)
            case .topRight: put(numberText, style: setup.header.style, align: .right, top: true)
            case .bottomLeft: put(numberText, style: setup.footer.style, align: .left, top: false)
            case .bottomCenter: put(numberText, style: setup.footer.style, align: .center, top: false)
            case .bottomRight: put(numberText, style: setup.footer.style, align: .right, top: false)
            }
        }
    }
}
