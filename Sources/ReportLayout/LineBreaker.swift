import Foundation
import Graphics

/// Chooses where a paragraph's lines end, from its metrics (shaped once) and the break level of
/// every position (`LineBreakRules`). Positions of the lowest levels are candidates; inside a
/// stretch wider than its column the next level opens, one at a time (`enable`). Left, centred
/// and right text takes the longest line that fits (first fit); justified text chooses all its
/// breaks together (total fit, as Knuth and Plass), weighing the widest white each line gets (a
/// grown space, or the end of a line without spaces left short), how far a line a little too wide
/// shrinks its gaps to fit, and the cost of splitting a compound or a URL. Both are linear in the
/// paragraph: a line is measured from prefix sums, and total fit keeps at most `maxActive`
/// candidate line starts.
struct LineBreaker {
    let metrics: ParagraphMetrics
    let levels: [UInt8]
    /// Width of every line but the first, which is `firstIndent` narrower.
    let width: Double
    let firstIndent: Double
    /// The paragraph's largest font size: gaps are weighed, and how far a line may shrink is
    /// measured, in em of it.
    let size: Double

    /// Most candidate line starts total fit weighs for one line end.
    static let maxActive = 400
    /// Demerits for a line, on top of its badness (fewer lines are better, all else equal).
    static let lineDemerits = 10.0
    /// Penalty for breaking at a position of each level (index), once it is a candidate.
    static let penalties: [Double] = [0, 120, 30, 60, 90, 120, 180, 240]

    private var count: Int { metrics.utf8.count }

    /// The end of each line (exclusive byte offsets, increasing; the last is the paragraph's end).
    func lineEnds(justified: Bool) -> [Int] {
        guard count > 0 else { return [0] }
        let candidates = enable()
        return justified ? totalFit(candidates) : firstFit(candidates)
    }

    /// Ends of the text layer's words: free breaks after white space, and hard line breaks.
    func wordEnds() -> [Int] {
        guard count > 1 else { return [] }
        return (1..<count).filter { position in
            let attributes = metrics.positions[position]
            return attributes.contains(.mandatory) || (levels[position] == BreakLevel.free && attributes.contains(.afterWhite))
        }
    }

    /// Room for a line that starts at `start`.
    private func room(from start: Int) -> Double { start == 0 ? width - firstIndent : width }

    private func isMandatory(_ position: Int) -> Bool { position == count || metrics.positions[position].contains(.mandatory) }

    /// The candidate break positions, increasing, the paragraph's start and end included: positions
    /// of level `costly` or lower, hard breaks, and inside each stretch between them that is wider
    /// than its line, the positions of the next level that has any there (recursively).
    private func enable() -> [Int] {
        var enabled = [Bool](repeating: false, count: count + 1)
        enabled[0] = true
        enabled[count] = true
        for position in 1..<max(1, count) where levels[position] <= BreakLevel.costly || isMandatory(position) {
            enabled[position] = true
        }
        func relax(_ start: Int, _ end: Int, from lowest: UInt8) {
            guard end - start > 1, metrics.width(start..<end) > room(from: start) + 0.01, lowest <= BreakLevel.grapheme else { return }
            for level in lowest...BreakLevel.grapheme {
                let opened = ((start + 1)..<end).filter { levels[$0] <= level }
                guard !opened.isEmpty else { continue }
                for position in opened { enabled[position] = true }
                var from = start
                for position in opened + [end] {
                    relax(from, position, from: level + 1)
                    from = position
                }
                return
            }
        }
        var start = 0
        for position in 1...max(1, count) where enabled[position] {
            relax(start, position, from: BreakLevel.betweenWords)
            start = position
        }
        return (0...count).filter { enabled[$0] }
    }

    /// Longest lines that fit, left to right; a piece wider than its line stands alone.
    private func firstFit(_ candidates: [Int]) -> [Int] {
        var ends: [Int] = []
        var start = 0
        var lastFit: Int?
        var index = 1
        while index < candidates.count {
            let position = candidates[index]
            if metrics.width(start..<position) <= room(from: start) + 0.01 {
                if isMandatory(position) {
                    ends.append(position)
                    start = position
                    lastFit = nil
                } else {
                    lastFit = position
                }
                index += 1
            } else if let fit = lastFit {
                // Break at the last place that fitted, then look at this candidate again.
                ends.append(fit)
                start = fit
                lastFit = nil
            } else {
                ends.append(position)
                start = position
                index += 1
            }
        }
        if ends.last != count { ends.append(count) }
        return ends
    }

    /// The breaks with the least total demerits; a piece wider than its line stands alone. A line
    /// may also be a little wider than its room when its gaps can shrink to fit
    /// (`Justifier.shrinkCapacity`); it then weighs by how much of that it uses.
    private func totalFit(_ candidates: [Int]) -> [Int] {
        // Gaps justification may grow or shrink before each position, and those of them beside a
        // space: where a character (a base with its marks, ำ included) and a glyph cluster both
        // start, as `Justifier.gaps` finds them.
        var gapsBefore = [Int32](repeating: 0, count: count + 1)
        var spaceGapsBefore = [Int32](repeating: 0, count: count + 1)
        var previousIsSpace = false
        var byte = 0
        for character in String(decoding: metrics.utf8, as: UTF8.self) {
            let isGap = metrics.positions[byte].contains(.glyphCluster)
            let isSpace = metrics.utf8[byte] == 0x20
            let end = byte + character.utf8.count
            for inside in byte..<end {
                gapsBefore[inside + 1] = gapsBefore[byte] + (isGap ? 1 : 0)
                spaceGapsBefore[inside + 1] = spaceGapsBefore[byte] + (isGap && (isSpace || previousIsSpace) ? 1 : 0)
            }
            if isGap { previousIsSpace = isSpace }
            byte = end
        }
        /// The end of a line's content (trailing white space is not set).
        func contentEnd(_ start: Int, _ end: Int) -> Int {
            var content = end
            while content > start, ParagraphMetrics.isTrailingWhite(metrics.utf8[content - 1]) { content -= 1 }
            return content
        }
        /// The line's gaps beside spaces and between clusters: before each cluster but its first.
        func gaps(_ start: Int, _ content: Int) -> (space: Int, cluster: Int) {
            guard content > start + 1 else { return (0, 0) }
            let all = Int(gapsBefore[content] - gapsBefore[start + 1])
            let beside = Int(spaceGapsBefore[content] - spaceGapsBefore[start + 1])
            return (beside, all - beside)
        }
        /// Room left on the line from `start` to `end`: negative when it is wider than its room.
        func slack(_ start: Int, _ content: Int) -> Double {
            room(from: start) - (metrics.advance[content] - metrics.advance[start])
        }
        func fits(_ start: Int, _ end: Int) -> Bool {
            let content = contentEnd(start, end)
            let lineGaps = gaps(start, content)
            return slack(start, content) + Justifier.shrinkCapacity(spaceGaps: lineGaps.space, clusterGaps: lineGaps.cluster, size: size) >= -0.01
        }
        func demerits(_ start: Int, _ end: Int) -> Double {
            let penalty = end == count ? 0 : Self.penalties[Int(min(levels[end], BreakLevel.grapheme))]
            let content = contentEnd(start, end)
            let slack = slack(start, content)
            let (spaceGaps, clusterGaps) = gaps(start, content)
            if slack < -0.01 {
                // Shrunk to fit, the last line too: weighs as a space grown by half an em when all
                // the line's shrink is used.
                let capacity = Justifier.shrinkCapacity(spaceGaps: spaceGaps, clusterGaps: clusterGaps, size: size)
                let badness = 100 * cube(min(1, -slack / max(capacity, 1e-9)))
                return (Self.lineDemerits + badness) * (Self.lineDemerits + badness) + penalty * penalty
            }
            guard !isMandatory(end), slack > 0 else { return Self.lineDemerits * Self.lineDemerits + penalty * penalty }
            let shares = Justifier.shares(slack: slack, spaceGaps: spaceGaps, clusterGaps: clusterGaps, size: size)
            let spaceGrowth = 2 * shares.space / size, clusterGrowth = shares.cluster / size
            // A line without spaces whose letter gaps reach their limit stays short: the white left at
            // its end weighs as a space grown as wide would, so a hole between words is not preferred
            // to a shorter white at the line's end.
            let shortfall = spaceGaps == 0 ? max(0, slack - shares.cluster * Double(clusterGaps)) / size : 0
            let widest = max(spaceGrowth, shortfall)
            let badness = min(1e7, 100 * cube(widest / 0.5) + 100 * cube(clusterGrowth / Justifier.clusterLimit))
            return (Self.lineDemerits + badness) * (Self.lineDemerits + badness) + penalty * penalty
        }
        var total = [Double](repeating: .infinity, count: candidates.count)
        var previous = [Int](repeating: 0, count: candidates.count)
        total[0] = 0
        var earliest = 0
        for index in 1..<candidates.count {
            let end = candidates[index]
            while earliest < index, !fits(candidates[earliest], end) { earliest += 1 }
            if earliest == index {
                // Nothing fits: the piece since the last candidate stands alone, overfull.
                total[index] = total[index - 1] + 1e14
                previous[index] = index - 1
            } else {
                for from in max(earliest, index - Self.maxActive)..<index where total[from] < .infinity {
                    let value = total[from] + demerits(candidates[from], end)
                    if value < total[index] {
                        total[index] = value
                        previous[index] = from
                    }
                }
            }
            if isMandatory(end) { earliest = index }
        }
        var ends: [Int] = []
        var index = candidates.count - 1
        while index > 0 {
            ends.append(candidates[index])
            index = previous[index]
        }
        return ends.reversed()
    }
}

/// `x` cubed: a line's badness grows with the cube of how far its gaps stretch or shrink, as in TeX
/// (multiplied out: `pow` took a third of breaking a paragraph with a candidate at every letter).
private func cube(_ x: Double) -> Double { x * x * x }
