import XCTest
@testable import Graphics

/// How a run's clusters become the words of the PDF's text layer, in either direction.
final class TextLayerTests: XCTestCase {
    func testClustersRunToTheNextLargerStartInEitherDirection() {
        let leftToRight = TextShaper.clusters([(0, 0..<1), (3, 1..<3), (9, 3..<4)], itemLength: 12)
        XCTAssertEqual(leftToRight.map(\.bytes), [0..<3, 3..<9, 9..<12])
        let rightToLeft = TextShaper.clusters([(9, 0..<1), (3, 1..<2), (0, 2..<4)], itemLength: 12)
        XCTAssertEqual(rightToLeft.map(\.bytes), [9..<12, 3..<9, 0..<3])
        XCTAssertEqual(rightToLeft.map(\.glyphs), [0..<1, 1..<2, 2..<4])
    }

    func testWordsSplitAtBreaksInsideTheRun() {
        XCTAssertEqual(TextShaper.words(in: 10..<30, breaks: [4, 10, 15, 22, 30, 40]), [0..<5, 5..<12, 12..<20])
        XCTAssertEqual(TextShaper.words(in: 0..<6, breaks: []), [0..<6])
    }

    func testWordsGroupClustersInLogicalOrderForRightToLeftRuns() {
        // Visual order of a right-to-left run: the last word's clusters come first.
        let clusters = [GlyphCluster(bytes: 6..<8, glyphs: 0..<1), GlyphCluster(bytes: 4..<6, glyphs: 1..<2),
                        GlyphCluster(bytes: 2..<4, glyphs: 2..<3), GlyphCluster(bytes: 0..<2, glyphs: 3..<5)]
        let order = TextLayer.logicalOrder(of: clusters)
        XCTAssertEqual(order, [3, 2, 1, 0])
        let words = TextLayer.words(of: clusters, order: order, words: [0..<4, 4..<8])
        XCTAssertEqual(words.map(\.bytes), [0..<4, 4..<8])
        XCTAssertEqual(words[0].clusters.map { clusters[order[$0]].bytes }, [0..<2, 2..<4])
        XCTAssertEqual(words[1].clusters.map { clusters[order[$0]].glyphs }, [1..<2, 0..<1])
        // Neither order: sorted by text.
        XCTAssertEqual(TextLayer.logicalOrder(of: [clusters[1], clusters[3], clusters[0]]), [1, 0, 2])
    }
}
