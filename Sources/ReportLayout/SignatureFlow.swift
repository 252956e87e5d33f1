import Foundation
import Graphics
import ReportModel

extension LayoutEngine {
    /// The shortest dotted line a signer is given to sign on.
    static let shortestSigningLine = 3 * Units.cm
    /// Share of a signer's column its text may take, leaving a margin between neighbours.
    static let signerColumnUse = 0.92

    /// Signature blocks side by side: one alone stands in the right half; several share the width
    /// in rows of as many as fit legibly (each signer's name whole on one line, and its label and
    /// role with at least `shortestSigningLine` of dots between them). A last row that is not full
    /// is centred. The block is placed whole, on the page of the last lines before it.
    func signatureFlow(_ block: SignatureBlock, width: Double) -> any Flowable {
        let style = document.style(block.style)
        let font = blocks.text.font(style)
        let shaper = blocks.text.shaper
        let dot = max(0.1, shaper.width(of: ".", font: font))
        let labels = block.signers.map { [$0.label, $0.role].compactMap { $0 }.joined(separator: "  ") }
        let needs = zip(block.signers, labels).map { signer, label -> Double in
            let name = signer.name.map { shaper.width(of: "(\($0))", font: font) } ?? 0
            let line = signer.line ? shaper.width(of: label, font: font) + 2 * dot + Self.shortestSigningLine : 0
            return max(name, line) / Self.signerColumnUse
        }
        let widest = needs.max() ?? 0
        let count = block.signers.count
        let perRow = count == 1 ? 1 : max(1, min(count, Int(width / max(1, widest))))
        let columnWidth = count == 1 ? min(width, max(width / 2, widest)) : width / Double(perRow)
        var columns: [[SetLine]] = []
        for (signer, label) in zip(block.signers, labels) {
            var lines: [SetLine] = []
            if signer.line {
                // The dotted line takes what the label and role leave of the column (at most 30 dots).
                let room = columnWidth * Self.signerColumnUse - shaper.width(of: label, font: font)
                let dots = String(repeating: ".", count: max(3, min(30, Int(room / dot))))
                let first = [signer.label, dots, signer.role].compactMap { $0 }.joined(separator: " ")
                lines += blocks.text.set([Span(first, keepTogether: true)], style: style, width: columnWidth, align: .center, firstIndent: 0)
            }
            if let name = signer.name {
                lines += blocks.text.set([Span("(\(name))", keepTogether: true)], style: style, width: columnWidth, align: .center, firstIndent: 0)
            }
            for position in signer.position {
                lines += blocks.text.set(plain: position, style: style, width: columnWidth, align: .center)
            }
            columns.append(lines)
        }
        // Rows of `perRow` signers: where each column starts and how tall each row is.
        var placed: [(lines: [SetLine], x: Double, top: Double)] = []
        var height = 0.0
        for rowStart in stride(from: 0, to: count, by: perRow) {
            let row = rowStart..<min(count, rowStart + perRow)
            let startX = count == 1 ? width - columnWidth : (width - Double(row.count) * columnWidth) / 2
            let top = height + block.signingSpace
            for (offset, index) in row.enumerated() {
                placed.append((columns[index], startX + Double(offset) * columnWidth, top))
            }
            height = top + (row.map { columns[$0].reduce(0) { $0 + $1.height } }.max() ?? 0)
        }
        return WholeFlow(height: height, spaceBefore: max(style.spaceBefore, 12), spaceAfter: style.spaceAfter, keepWithPrevious: true,
                         location: block.location,
                         tooTall: ("the signature block", "shorten the signers' `position` lines or `space`, or make the style smaller")) { page, left, top in
            for column in placed {
                var y = top + column.top
                for line in column.lines {
                    page.draw(line, x: left + column.x, top: y)
                    y += line.height
                }
            }
        }
    }
}
