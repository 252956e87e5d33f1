import Foundation
import ReportSyntax
@testable import ReportTemplates
import XCTest

/// Writing located nodes back as YAML (`thaireport new` and `thaireport expand`): every text reads
/// back exactly as it was, whatever YAML would otherwise make of it.
final class YAMLTextTests: XCTestCase {
    private let at = SourceLocation(file: "t", line: 1, column: 1)

    private func scalar(_ text: String) -> SyntaxNode { SyntaxNode(.scalar(text), at: at) }

    /// The texts of `node`, depth first.
    private func texts(_ node: SyntaxNode) -> [String] {
        switch node.value {
        case let .scalar(text): return [text]
        case .null: return ["<null>"]
        case let .sequence(items): return items.flatMap(texts)
        case let .mapping(pairs): return pairs.flatMap { texts($0.key) + texts($0.value) }
        }
    }

    func testTextsReadBackExactly() throws {
        let samples = ["ธรรมดา", "", " นำหน้า", "ตามหลัง ", "yes", "No", "null", "~", "- ขีด", "# ไม่ใช่หมายเหตุ", "ก: ข",
                       "ก #ข", "ลงท้าย:", "\"คำพูด\"", "'เดี่ยว'", "back\\slash", "แท็บ\tกลาง", "*ดาว*", "{วงเล็บ}", "[ก, ข]",
                       "บรรทัด ๑\nบรรทัด ๒", "\n", "ขึ้นบรรทัดท้าย\n", "  ย่อหน้า\nสอง", "ว่าง\n\nกลาง", "๒๕๖๗", "1.50", "0x1F", "%ร้อย", "@at"]
        let node = SyntaxNode(.mapping([
            (scalar("blocks"), SyntaxNode(.sequence(samples.map { SyntaxNode(.mapping([(scalar("text"), scalar($0))]), at: at) }), at: at)),
            (scalar("list"), SyntaxNode(.sequence(samples.map(scalar) + [SyntaxNode(.null, at: at)]), at: at)),
            (scalar("a key: with colon"), scalar("value")),
            (scalar("empty"), SyntaxNode(.mapping([]), at: at)),
        ]), at: at)
        let written = YAMLText.document(node)
        let read = try YAMLLoader.parse(data: Data(written.utf8), file: "written.yaml")
        XCTAssertEqual(texts(read), texts(node), written)
    }
}
