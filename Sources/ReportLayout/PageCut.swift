import Foundation

/// Where a run of stacked lines may be cut by a page break: never leaving one line of a paragraph
/// alone at the foot of a page or at the head of the next (orphans and widows). Line breaks inside
/// a paragraph are `LineBreakRules`' concern.
enum PageCut {
    /// The most lines, at most `fit`, that may be placed from `start` before a page break (0 when
    /// no cut is acceptable). Each cut tried looks only at the lines beside it.
    static func linesBefore(_ lines: [StackLine], from start: Int, fitting fit: Int) -> Int {
        let end = lines.count
        if start + fit >= end { return end - start }
        var count = fit
        while count > 0 {
            let cut = start + count
            if lines[cut].startsParagraph { return count }
            // At least two lines of the paragraph above the cut (on this page, or it began on an
            // earlier one), and at least two below it.
            let orphanFree = cut - 1 > 0 && !lines[cut - 1].startsParagraph
            let widowFree = cut + 1 < end && !lines[cut + 1].startsParagraph
            if orphanFree, widowFree { return count }
            count -= 1
        }
        return 0
    }
}
