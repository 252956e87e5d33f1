import Foundation
import XCTest
@testable import ThaiText

/// The packed word list: what `scripts/pack-words.py` writes is what the text gives, it reads back
/// as the same dictionary, and a damaged file is refused with a reason.
final class ThaiWordListTests: XCTestCase {
    private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func testCommittedPackedListIsTheTextPacked() throws {
        let text = try ThaiDictionary(contentsOfFile: root.appendingPathComponent("Dictionary/thai-words.txt").path)
        let packed = try Data(contentsOf: root.appendingPathComponent("Dictionary/thai-words.packed"))
        XCTAssertTrue(Array(packed) == text.packed(),
                      "Dictionary/thai-words.packed is stale: run `python3 scripts/pack-words.py` after editing thai-words.txt")
    }

    func testPackedListReadsBackAsTheSameDictionary() throws {
        let words = ThaiDictionary(words: ["งบ", "ประมาณ", "งบประมาณ", "การ", "บริหาร", "ส่วน", "ตำบล", "ที่", "ดี"])
        let read = try words.packed().withUnsafeBytes { try ThaiDictionary(packed: $0) }
        XCTAssertEqual(read.packed(), words.packed())
        XCTAssertEqual(read.count, 9)
        let text = "การบริหารงบประมาณส่วนตำบลที่ดี"
        XCTAssertEqual(read.words(in: text), words.words(in: text))
        XCTAssertEqual(read.words(in: text).count, 7)
        XCTAssertTrue(read.adding(["โคกตูม"]).contains("โคกตูม"))
        XCTAssertTrue(read.adding(["โคกตูม"]).contains("งบประมาณ"))
    }

    func testBundledPackedFileLoads() throws {
        let bundled = try ThaiDictionary(packedFile: root.appendingPathComponent("Dictionary/thai-words.packed").path)
        XCTAssertGreaterThan(bundled.count, 50_000)
        XCTAssertTrue(bundled.contains("รับผิดชอบ"))
    }

    func testDamagedPackedListsAreRefused() {
        let good = ThaiDictionary(words: ["งบ", "งาน"]).packed()
        func problem(_ bytes: [UInt8]) -> String? {
            do {
                _ = try bytes.withUnsafeBytes { try ThaiDictionary(packed: $0) }
                return nil
            } catch {
                return "\(error)"
            }
        }
        XCTAssertNil(problem(good))
        XCTAssertEqual(problem(Array("THWORDS2".utf8) + good.dropFirst(8)), "damaged packed word list: it does not start with THWORDS1")
        XCTAssertEqual(problem(Array(good.dropLast())), "damaged packed word list: its length does not match its node count")
        var swapped = good
        // The root's one child is ง; the node after it has the children บ and า: put them out of order.
        swapped.swapAt(swapped.count - 2, swapped.count - 3)
        XCTAssertEqual(problem(swapped), "damaged packed word list: the letters of node 1 are not Thai letters in order")
        var wrongCount = good
        wrongCount[8] = 3
        XCTAssertEqual(problem(wrongCount), "damaged packed word list: its counts do not match its nodes")
        var orphan = good
        orphan[16] = 0  // the root loses its child
        XCTAssertEqual(problem(orphan), "damaged packed word list: node 1 has no parent")
    }
}
