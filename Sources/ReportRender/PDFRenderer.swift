import Foundation
import Graphics
import ReportLayout
import ReportModel
import ThaiText

/// Draws laid-out pages into a PDF with Cairo, one page at a time, and builds the PDF outline from
/// the pages' bookmarks. Makes no layout decision.
public final class PDFRenderer {
    private let canvas: PDFCanvas
    /// Outline ids of the latest bookmark at each level, to nest deeper ones under it.
    private var outlineParents: [(level: Int, id: Int32)] = []

    /// Starts a PDF at `path` with the document's information; pages are drawn with the fonts and
    /// pictures they refer to.
    public init(path: String, metadata: Metadata, fonts: FontLibrary, images: ImageLibrary) throws {
        canvas = try PDFCanvas(path: path, metadata: PDFMetadata(
            title: metadata.title, author: metadata.author, subject: metadata.subject,
            keywords: metadata.keywords.isEmpty ? nil : metadata.keywords.joined(separator: ", "),
            creator: "thaireport", creationDate: metadata.created.map(PDFRenderer.pdfDate), language: metadata.language),
            fonts: fonts, images: images)
    }

    /// Number of pages drawn so far.
    public var pageCount: Int { canvas.pageCount }

    /// Draws one page.
    public func draw(_ page: PageFrame) {
        canvas.beginPage(width: page.width, height: page.height)
        for item in page.items {
            switch item {
            case let .text(text):
                let color = rgb(text.color)
                for run in text.runs { canvas.draw(run: run, x: text.x, baseline: text.baseline, color: color) }
            case let .fill(rect, color):
                canvas.fill(x: rect.x, y: rect.y, width: rect.width, height: rect.height, color: rgb(color))
            case let .line(from, to, width, color):
                canvas.line(from: (from.x, from.y), to: (to.x, to.y), width: width, color: rgb(color))
            case let .image(id, rect):
                canvas.draw(image: id, x: rect.x, y: rect.y, width: rect.width, height: rect.height)
            case let .dots(from, to, size, spacing, color):
                canvas.dots(from: (from.x, from.y), to: (to.x, to.y), size: size, spacing: spacing, color: rgb(color))
            }
        }
        for bookmark in page.bookmarks {
            while let last = outlineParents.last, last.level >= bookmark.level { outlineParents.removeLast() }
            let id = canvas.addOutline(title: bookmark.title, parent: outlineParents.last?.id ?? 0, page: page.index,
                                       y: bookmark.y, open: bookmark.level == 1)
            outlineParents.append((bookmark.level, id))
        }
    }

    /// Writes the PDF file.
    public func finish() throws { try canvas.finish() }

    private func rgb(_ color: Color) -> RGB { (color.red, color.green, color.blue) }

    /// `YYYY-MM-DDTHH:MM:SSZ` form Cairo writes as the PDF date, from seconds since 1970 (UTC).
    /// Plain arithmetic: no date formatter (and its ICU data) is loaded.
    static func pdfDate(_ seconds: Int) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let time = seconds - days * 86_400
        guard let date = ThaiFormatting.CalendarDate(daysSince1970: days) else { return "0001-01-01T00:00:00Z" }
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", date.year, date.month, date.day, time / 3600, time / 60 % 60, time % 60)
    }
}
