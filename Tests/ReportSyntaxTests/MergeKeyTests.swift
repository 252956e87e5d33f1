import Foundation
import XCTest
@testable import ReportSyntax

/// YAML anchors with merge keys: a mapping written once and reused with changes.
final class MergeKeyTests: XCTestCase {
    private func parse(_ yaml: String) throws -> SyntaxNode {
        try YAMLLoader.parse(data: Data(yaml.utf8), file: "r.yaml")
    }

    private func keys(_ node: SyntaxNode?) -> [String] { node?.mapping?.compactMap { $0.key.scalar } ?? [] }

    private func value(_ node: SyntaxNode?, _ key: String) -> SyntaxNode? { node?.mapping?.first { $0.key.scalar == key }?.value }

    func testMergeCopiesPairsTheMappingDoesNotGiveInPlaceOfTheKey() throws {
        let root = try parse("""
        base: &base {columns: [1cm, 1fr], header: [a, b], rows: [[x, y]]}
        copy:
          style: small
          <<: *base
          rows: [[p, q]]
        """)
        let copy = value(root, "copy")
        XCTAssertEqual(keys(copy), ["style", "columns", "header", "rows"])
        XCTAssertEqual(value(copy, "rows")?.sequence?.first?.sequence?.first?.scalar, "p")
        // Merged values keep the place they were written at (the anchor's line).
        XCTAssertEqual(value(copy, "header")?.location, SourceLocation(file: "r.yaml", line: 1, column: 43))
        XCTAssertEqual(value(copy, "rows")?.location.line, 5)
    }

    func testTheFirstOfSeveralMergedMappingsWins() throws {
        let root = try parse("""
        a: &a {size: 14, bold: true}
        b: &b {size: 16, italic: true}
        c: {<<: [*a, *b]}
        """)
        let c = value(root, "c")
        XCTAssertEqual(keys(c), ["size", "bold", "italic"])
        XCTAssertEqual(value(c, "size")?.scalar, "14")
    }

    func testMergesInsideTheAnchorAreAppliedToo() throws {
        let root = try parse("""
        a: &a {size: 14}
        b: &b {<<: *a, bold: true}
        c: {<<: *b}
        """)
        XCTAssertEqual(keys(value(root, "c")), ["size", "bold"])
    }

    func testAQuotedKeyIsAnOrdinaryKey() throws {
        let root = try parse("""
        c: {"<<": text}
        """)
        XCTAssertEqual(keys(value(root, "c")), ["<<"])
    }

    func testMergingSomethingElseIsAnErrorAtTheValue() {
        XCTAssertThrowsError(try parse("""
        t: &t text
        c:
          <<: *t
          d: [1]
        e: {<<: [{a: 1}, x]}
        """)) { error in
            XCTAssertEqual((error as? DiagnosticList)?.description, """
            r.yaml:1:4: error: `<<` merges a mapping, but this is a text (write `<<: *name` where `&name` marks a mapping, or a list of them: `<<: [*a, *b]`)
            r.yaml:5:18: error: `<<` merges a mapping, but this is a text (write `<<: *name` where `&name` marks a mapping, or a list of them: `<<: [*a, *b]`)
            """)
        }
    }
}
