import Foundation
import ReportModel
import ReportSyntax
import XCTest

/// One rule for every date of the format: a year above 2400 is a Buddhist Era year, so the PDF's
/// date of `created: 2567-10-15` is the day a template prints as ๑๕ ตุลาคม ๒๕๖๗.
final class DateRuleTests: XCTestCase {
    private func created(_ written: String) throws -> Int? {
        let root = try YAMLLoader.parse(data: Data("metadata: {created: \"\(written)\"}\nblocks: [ก]\n".utf8), file: "r.yaml")
        let builder = DocumentBuilder(environment: BuildEnvironment(baseDirectory: "/tmp", fontsDirectory: "/fonts", sourceDateEpoch: nil))
        return try builder.build(root).0.metadata.created
    }

    func testABuddhistEraCreationDateIsTheSameDay() throws {
        // 2024-10-15 00:00 UTC, by hand: 20,011 days after 1970-01-01 × 86,400 s.
        XCTAssertEqual(try created("2024-10-15"), 1_728_950_400)
        XCTAssertEqual(try created("2567-10-15"), 1_728_950_400)
        XCTAssertEqual(try created("๒๕๖๗-๑๐-๑๕"), 1_728_950_400)
        XCTAssertEqual(try created("2567-10-15T09:30:00Z"), 1_728_950_400 + 9 * 3600 + 30 * 60)
        // Bangkok time is 7 hours ahead of UTC.
        XCTAssertEqual(try created("2024-10-15T09:30:00+07:00"), 1_728_950_400 + 2 * 3600 + 30 * 60)
        XCTAssertEqual(try created("1969-12-31T23:59:59Z"), -1)
    }

    func testATimeThatIsNotRFC3339IsAnError() {
        for written in ["2024-10-15T24:00:00Z", "2024-10-15T09:30Z", "2024-10-15T09:30:00", "2024-10-15 09:30:00Z", "2024-10-15T09:30:00+0700"] {
            XCTAssertThrowsError(try created(written), written) { error in
                XCTAssertEqual((error as? DiagnosticList)?.items.map(\.description),
                               ["r.yaml:1:21: error: `created` must be a date like `2024-11-17` or `2024-11-17T09:30:00Z`, found `\(written)`"])
            }
        }
    }

    func testAnImpossibleCreationDateIsAnError() {
        XCTAssertThrowsError(try created("2567-02-30")) { error in
            XCTAssertEqual((error as? DiagnosticList)?.items.map(\.description),
                           ["r.yaml:1:21: error: `created` must be a date like `2024-11-17` or `2024-11-17T09:30:00Z`, found `2567-02-30`"])
        }
    }
}
