import Foundation
import ReportModel
import ReportSyntax
import XCTest

/// Reading the blocks of official forms: rules, leaders, columns, span sizes, indents, signers.
final class FormBlockReaderTests: XCTestCase {
    private func build(_ yaml: String) throws -> Document {
        let root = try YAMLLoader.parse(data: Data(yaml.utf8), file: "r.yaml")
        let builder = DocumentBuilder(environment: BuildEnvironment(baseDirectory: "/tmp", fontsDirectory: "/fonts", sourceDateEpoch: nil))
        return try builder.build(root).0
    }

    private func errors(_ yaml: String) -> [String] {
        do {
            _ = try build(yaml)
            XCTFail("expected errors")
            return []
        } catch let list as DiagnosticList {
            return list.items.map(\.description)
        } catch {
            XCTFail("unexpected \(error)")
            return []
        }
    }

    func testRuleLeadersAndColumnsAreRead() throws {
        let document = try build("""
            blocks:
              - rule
              - rule: 4cm
              - leaders:
                  - {label: ที่, value: กบ ๑/๒, to: 60%}
                  - {label: "**วันที่**"}
                value-position: after
              - columns:
                  - {width: 2cm, blocks: [ซ้าย]}
                  - {blocks: [{paragraph: ขวา, align: right}, {rule: 50%}]}
                gap: 0.5cm
                valign: bottom
            """)
        let blocks = document.sections[0].blocks
        guard case let .rule(full) = blocks[0], case let .rule(short) = blocks[1], case let .leaders(leaders) = blocks[2],
              case let .table(columns) = blocks[3] else { return XCTFail("\(blocks)") }
        XCTAssertEqual(full.width, .fraction(1))
        XCTAssertEqual(short.width, .length(4 * Units.cm))
        XCTAssertEqual(leaders.fields.map(\.end), [.fraction(0.6), nil])
        XCTAssertEqual(leaders.placement, .after)
        XCTAssertEqual(leaders.fields[1].label, [Span("วันที่", bold: true)])
        // Two columns and the gap between them: a borderless one-row table without padding.
        XCTAssertEqual(columns.columns.map(\.width), [.fixed(2 * Units.cm), .fixed(0.5 * Units.cm), .share(1)])
        XCTAssertEqual(columns.columns.map(\.verticalAlign), [.bottom, nil, .bottom])
        XCTAssertEqual(columns.borderWidth, 0)
        XCTAssertEqual(columns.padding, Insets(all: 0))
        XCTAssertEqual(columns.body.cells.count, 3)
        XCTAssertEqual(columns.body.cells[2].blocks.count, 2)
    }

    func testCentredParagraphsLoseTheInheritedIndentAndHangingIndentSetsBoth() throws {
        let document = try build("""
            styles:
              centred: {align: center}
              asked: {align: center, first-line-indent: 1cm}
              hanging: {hanging-indent: 1.5cm, left-indent: 0.5cm}
            blocks:
              - {paragraph: กลาง, align: center}
              - {paragraph: ขอเยื้อง, align: right, first-line-indent: 1cm}
              - paragraph: [{text: ใหญ่, size: 20, font: DejaVu Sans}]
            """)
        XCTAssertEqual(document.style("centred").firstLineIndent, 0)
        XCTAssertEqual(document.style("asked").firstLineIndent, Units.cm, accuracy: 1e-9)
        XCTAssertEqual(document.style("hanging").leftIndent, 2 * Units.cm, accuracy: 1e-9)
        XCTAssertEqual(document.style("hanging").firstLineIndent, -1.5 * Units.cm, accuracy: 1e-9)
        let blocks = document.sections[0].blocks
        guard case let .paragraph(centred) = blocks[0], case let .paragraph(asked) = blocks[1],
              case let .paragraph(large) = blocks[2] else { return XCTFail() }
        XCTAssertEqual(centred.firstLineIndent, 0)
        XCTAssertEqual(asked.firstLineIndent, Units.cm)
        XCTAssertEqual(large.spans, [Span("ใหญ่", size: 20, font: "DejaVu Sans")])
    }

    func testSignersLineOptionAppliesToEachUnlessOwn() throws {
        let document = try build("""
            blocks:
              - signature:
                  signers: [{name: ก}, {name: ข, line: true}]
                  line: false
            """)
        guard case let .signatures(block) = document.sections[0].blocks[0] else { return XCTFail() }
        XCTAssertEqual(block.signers.map(\.line), [false, true])
    }

    func testMistakesInFormBlocksAreReportedAtTheirPlace() {
        XCTAssertEqual(errors("""
            blocks:
              - leaders: [{label: ที่}, {label: วันที่}]
              - rule: {width: 120%}
              - columns: ซ้าย
              - paragraph: [{text: ใหญ่, font: Nosuch}]
            """), [
            "r.yaml:2:15: error: only the last field of a line may leave out `to` (it goes to the line's end) (give this field `to:`, where its dotted line ends (`60%` or `9cm` from the left))",
            "r.yaml:3:19: error: `width` must be from 1% to 100%, found `120%`",
            "r.yaml:4:14: error: `columns` needs a list of columns, like `- columns: [{width: 2cm, blocks: […]}, {blocks: […]}]`, found a text",
            "r.yaml:5:36: error: unknown font `Nosuch` (known fonts: Sarabun, DejaVu Sans; add others under `fonts`)",
        ])
    }
}
