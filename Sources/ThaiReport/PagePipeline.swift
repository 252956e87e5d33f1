import Foundation
import ReportLayout

/// Lays pages out on a second thread while the calling thread draws them, in order: the PDF is the
/// one drawing them one after the other gives, byte for byte. At most `capacity` pages wait between
/// the two, so memory does not grow with the page count. With one thread (`THAIREPORT_THREADS=1`,
/// or a machine with one core) layout and drawing take turns on the calling thread.
struct PagePipeline {
    /// Threads to use: `THAIREPORT_THREADS` (1 or 2) when set, otherwise 2 on a machine with two cores or more.
    let threads: Int
    let capacity = 4

    init(environment: [String: String]) {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let asked = environment["THAIREPORT_THREADS"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        threads = max(1, min(2, asked ?? cores))
    }

    /// Runs `layout`, which hands each page to the closure it is given, and `draw`s every page in
    /// order; throws what `layout` throws, once the pages before the failure are drawn.
    func run(layout: @escaping (_ sink: (PageFrame) throws -> Void) throws -> Void, draw: (PageFrame) -> Void) throws {
        guard threads > 1 else {
            try layout(draw)
            return
        }
        let queue = PageQueue(capacity: capacity)
        let worker = Thread {
            do {
                try layout { queue.put($0) }
                queue.close(failure: nil)
            } catch {
                queue.close(failure: error)
            }
        }
        worker.stackSize = 8 << 20
        worker.start()
        // `draw` cannot fail, so every page is taken and the layout thread always runs to its end.
        while let page = queue.take() { draw(page) }
        if let failure = queue.failure { throw failure }
    }
}

/// The pages between the layout thread and the drawing thread: a bounded first-in first-out queue.
final class PageQueue {
    private let condition = NSCondition()
    private let capacity: Int
    private var pages: [PageFrame] = []
    private var head = 0
    private var closed = false
    private var storedFailure: Error?

    init(capacity: Int) { self.capacity = capacity }

    /// What the layout failed with, once `take` has returned nil.
    var failure: Error? {
        condition.lock()
        defer { condition.unlock() }
        return storedFailure
    }

    /// Waits for room, then adds `page`.
    func put(_ page: PageFrame) {
        condition.lock()
        defer { condition.unlock() }
        while pages.count - head >= capacity { condition.wait() }
        pages.append(page)
        condition.broadcast()
    }

    /// The next page, waiting for one; nil once the layout has ended and every page was taken.
    func take() -> PageFrame? {
        condition.lock()
        defer { condition.unlock() }
        while head == pages.count, !closed { condition.wait() }
        guard head < pages.count else { return nil }
        let page = pages[head]
        head += 1
        if head == pages.count {
            pages.removeAll(keepingCapacity: true)
            head = 0
        }
        condition.broadcast()
        return page
    }

    /// The layout has ended (the last thing its thread does), with `failure` or without.
    func close(failure: Error?) {
        condition.lock()
        defer { condition.unlock() }
        closed = true
        storedFailure = failure
        condition.broadcast()
    }
}
