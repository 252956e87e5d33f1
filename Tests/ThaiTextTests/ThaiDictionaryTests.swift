import Foundation
import ThaiText
import XCTest

/// Segmentation of Thai text into dictionary words.
final class ThaiDictionaryTests: XCTestCase {
    private let dictionary = ThaiDictionary(words: ["งบ", "ประมาณ", "งบประมาณ", "การ", "บริหาร", "ส่วน", "ตำบล", "ที่", "ดี", "รับ", "ผิด", "ชอบ", "รับผิดชอบ"])

    private func words(_ text: String) -> [String] {
        let utf8 = Array(text.utf8)
        return dictionary.words(in: text).map { String(decoding: utf8[$0], as: UTF8.self) }
    }

    func testFewestWordsWin() {
        XCTAssertEqual(words("งบประมาณ"), ["งบประมาณ"])
        XCTAssertEqual(words("ผู้รับผิดชอบงบประมาณ"), ["รับผิดชอบ", "งบประมาณ"])
        XCTAssertEqual(words("การบริหารส่วนตำบล"), ["การ", "บริหาร", "ส่วน", "ตำบล"])
    }

    func testAnotherSegmentersBoundariesSettleATie() {
        // แนว|ทางการ|จัดการ and แนวทาง|การ|จัดการ are both three words; libthai's boundaries decide.
        let dictionary = ThaiDictionary(words: ["แนว", "ทาง", "แนวทาง", "ทางการ", "การ", "จัดการ", "มาตร", "มาตรการ", "ออก"])
        func words(_ text: String, boundaries: Set<Int>) -> [String] {
            let utf8 = Array(text.utf8)
            return dictionary.words(in: text, agreesAt: { boundaries.contains($0) }).map { String(decoding: utf8[$0], as: UTF8.self) }
        }
        let guideline = "แนวทางการจัดการ"
        XCTAssertEqual(words(guideline, boundaries: [18, 27]), ["แนวทาง", "การ", "จัดการ"])
        XCTAssertEqual(words(guideline, boundaries: [9, 27]), ["แนว", "ทางการ", "จัดการ"])
        XCTAssertEqual(words("มาตรการออก", boundaries: [21]), ["มาตรการ", "ออก"])
        // Fewer words still win over agreement.
        XCTAssertEqual(words("แนวทาง", boundaries: [9]), ["แนวทาง"])
    }

    func testRangesAreUTF8BytesAcrossOtherText() {
        let text = "ITA ๒๕๖๘ งบประมาณ (ดี)"
        let ranges = dictionary.words(in: text)
        XCTAssertEqual(ranges.count, 2)
        XCTAssertEqual(String(decoding: Array(text.utf8)[ranges[0]], as: UTF8.self), "งบประมาณ")
    }

    func testAWordNeverEndsBeforeAMarkOrFollowingVowel() {
        // ที่ is in the list but ที is not: ที่ี never splits as ที + ่.
        XCTAssertEqual(ThaiDictionary(words: ["ที", "ที่"]).words(in: "ที่").count, 1)
        XCTAssertEqual(ThaiDictionary(words: ["ดี"]).words(in: "ดีี"), [])
    }

    func testACompoundSplitsIntoTheSmallerWordsItIsMadeOf() {
        let text = "ITA งบประมาณรับผิดชอบ"
        let utf8 = Array(text.utf8)
        let ranges = dictionary.words(in: text)
        XCTAssertEqual(dictionary.parts(of: ranges[0], in: text).map { String(decoding: utf8[$0], as: UTF8.self) }, ["งบ", "ประมาณ"])
        XCTAssertEqual(dictionary.parts(of: ranges[1], in: text).map { String(decoding: utf8[$0], as: UTF8.self) }, ["รับ", "ผิด", "ชอบ"])
        // ประมาณ is not made of smaller words; บริหารส่วน is, but a word ending before ะ is not a part.
        let single = "ประมาณ"
        XCTAssertEqual(dictionary.parts(of: 0..<single.utf8.count, in: single), [])
        XCTAssertEqual(ThaiDictionary(words: ["ที", "ที่ดี", "ดี"]).parts(of: 0..<"ที่ดี".utf8.count, in: "ที่ดี"), [])
    }

    func testACompoundSplitsIntoItsEvenestFewestParts() {
        // องค์ + การบริหาร and องค์การ + บริหาร are both four parts with ส่วน + ตำบล; the evener is kept.
        let entry = "องค์การบริหารส่วนตำบล"
        let words = ThaiDictionary(words: ["องค์", "องค์การ", "การบริหาร", "บริหาร", "ส่วน", "ตำบล", entry])
        let utf8 = Array(entry.utf8)
        XCTAssertEqual(words.parts(of: 0..<utf8.count, in: entry).map { String(decoding: utf8[$0], as: UTF8.self) },
                       ["องค์การ", "บริหาร", "ส่วน", "ตำบล"])
    }

    func testContainsAddingAndFilters() {
        XCTAssertTrue(dictionary.contains("งบประมาณ"))
        XCTAssertFalse(dictionary.contains("งบประ"))
        let larger = dictionary.adding(["โคกตูม", "E-Service", "ก"])
        XCTAssertTrue(larger.contains("โคกตูม"))
        XCTAssertFalse(larger.contains("E-Service"), "only Thai letters")
        XCTAssertEqual(larger.count, dictionary.count + 1)
        XCTAssertEqual(ThaiDictionary.empty.words(in: "งบประมาณ"), [])
    }

    func testBundledListKeepsCommonCompounds() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let bundled = try ThaiDictionary(contentsOfFile: root.appendingPathComponent("Dictionary/thai-words.txt").path)
        XCTAssertGreaterThan(bundled.count, 50_000)
        for word in ["งบประมาณ", "รับผิดชอบ", "ผู้บริหาร", "ซื่อสัตย์"] {
            XCTAssertTrue(bundled.contains(word), word)
        }
    }
}
