import Foundation

/// A regular expression over the text of PDF objects, compiled once; the shared way the PDF passes
/// (`PDFWordSpans`, `PDFCatalogUpdate`) read keys out of Cairo's dictionaries.
struct PDFPattern {
    private let regex: NSRegularExpression

    /// `pattern` must be valid: every use is a literal in this module.
    init(_ pattern: String) {
        regex = try! NSRegularExpression(pattern: pattern)
    }

    /// The captured groups (1, 2, …) of every match in `text`.
    func matches(in text: String) -> [[String]] {
        regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
            (1..<match.numberOfRanges).map { group in Range(match.range(at: group), in: text).map { String(text[$0]) } ?? "" }
        }
    }

    /// The first group of the first match in `text`.
    func first(in text: String) -> String? { matches(in: text).first?.first }

    /// The first group of every match in `text`, as integers.
    func integers(in text: String) -> [Int] { matches(in: text).compactMap { $0.first.flatMap { Int($0) } } }
}
