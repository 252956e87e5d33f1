import Foundation
@testable import Graphics
import XCTest

/// A long run of Thai characters is given to Pango (and so to libthai) in pieces, which must cover the
/// run, start where shaping is unchanged, and leave the measured paragraph as one shaping gives it.
final class ThaiRunPiecesTests: XCTestCase {
    private static let fontFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fonts/Sarabun/Sarabun-Regular.ttf").path
    private let word = "เจ้าหน้าที่ตรวจสอบ"

    private func run(_ characters: Int) -> String {
        String(String(repeating: word, count: characters / word.unicodeScalars.count + 1).unicodeScalars.prefix(characters))
    }

    func testARunUpToTheLimitIsOnePieceAndALongerOneIsCut() {
        XCTAssertEqual(ThaiRunPieces.pieces(in: run(ThaiRunPieces.longest)).count, 0)
        let text = "ก " + run(3 * ThaiRunPieces.longest + 10) + " ITA " + run(2_500)
        let pieces = ThaiRunPieces.pieces(in: text)
        let utf8 = Array(text.utf8)
        let firstRun = 4..<(4 + 3 * (3 * ThaiRunPieces.longest + 10))  // after "ก " (4 bytes); 3 bytes a letter
        let inFirst = pieces.filter { firstRun.contains($0.bytes.lowerBound) }
        XCTAssertEqual(inFirst.first?.bytes.lowerBound, firstRun.lowerBound)
        XCTAssertEqual(inFirst.last?.bytes.upperBound, firstRun.upperBound)
        XCTAssertEqual(inFirst.map(\.index), Array(0..<inFirst.count))
        XCTAssertEqual(pieces.filter { !firstRun.contains($0.bytes.lowerBound) }.map(\.index), [0, 1, 2])
        for (piece, next) in zip(pieces, pieces.dropFirst()) where next.index > 0 {
            XCTAssertEqual(piece.bytes.upperBound, next.bytes.lowerBound, "pieces of a run meet")
            let characters = String(decoding: utf8[piece.bytes], as: UTF8.self).unicodeScalars
            XCTAssertGreaterThanOrEqual(characters.count, ThaiRunPieces.longest)
            let starts = String(decoding: utf8[next.bytes], as: UTF8.self).unicodeScalars.first!.value
            XCTAssertTrue((0x0E01...0x0E2E).contains(starts) || (0x0E40...0x0E44).contains(starts), "a piece starts a syllable")
            XCTAssertFalse((0x0E40...0x0E44).contains(characters.last!.value), "not after a leading vowel")
        }
    }

    func testARunWhereEveryConsonantFollowsALeadingVowelIsCutBeforeTheVowel() {
        let text = String(repeating: "เก", count: 1_500)
        let pieces = ThaiRunPieces.pieces(in: text)
        XCTAssertEqual(pieces.map(\.bytes.lowerBound), [0, 3_000, 6_000], "cut before letters 1,001 and 2,001 (leading vowels, 3 bytes each)")
        XCTAssertEqual(pieces.last?.bytes.upperBound, text.utf8.count)
    }

    func testARunWithoutASyllableStartIsCutAfterTwiceTheLengthBesideNoMark() {
        // Leading vowels only, then vowels with a mark on each: no place starts a syllable.
        for text in [String(repeating: "เ", count: 5_000), String(repeating: "า\u{0E48}", count: 2_500)] {
            // 5,000 characters of 3 bytes: cut before characters 2,001 and 4,001 (า, never its mark).
            XCTAssertEqual(ThaiRunPieces.pieces(in: text).map(\.bytes.lowerBound), [0, 6_000, 12_000])
        }
    }

    func testALongRunIsShapedAndBrokenAsItsWordsAre() throws {
        let shaper = TextShaper(library: try FontLibrary(files: [Self.fontFile]))
        let font = FontRequest(family: "Sarabun", size: 16)
        let measure = { (text: String) in shaper.measure(text: text, ranges: [StyledRange(bytes: 0..<text.utf8.count, font: font)]) }
        let count = 400
        let long = String(repeating: word, count: count)
        XCTAssertGreaterThan(ThaiRunPieces.pieces(in: long).count, 2)
        let one = measure(word), two = measure(word + word)
        let longMetrics = measure(long)
        // Every repeat after the first adds what the second adds to one word: shaping is unchanged.
        let repeatWidth = two.width(0..<two.utf8.count) - one.width(0..<one.utf8.count)
        XCTAssertEqual(longMetrics.width(0..<longMetrics.utf8.count),
                       one.width(0..<one.utf8.count) + Double(count - 1) * repeatWidth, accuracy: 1e-6)
        // libthai breaks each piece as it breaks it alone, and Pango allows no break where one starts.
        let inside = { (metrics: ParagraphMetrics) in metrics.positions.dropFirst().dropLast().filter { $0.contains(.lineBreak) }.count }
        let utf8 = Array(long.utf8)
        let alone = ThaiRunPieces.pieces(in: long).map { inside(measure(String(decoding: utf8[$0.bytes], as: UTF8.self))) }
        XCTAssertGreaterThan(alone.reduce(0, +), count)
        XCTAssertEqual(inside(longMetrics), alone.reduce(0, +))
    }
}
