import Foundation

/// Adds what Cairo's PDF writer has no API for (the catalog's /Lang) as a standard PDF incremental
/// update appended to the finished file: a new revision of the catalog object, its cross-reference
/// section and a trailer pointing back at Cairo's (`/Prev`). Earlier bytes are left untouched.
enum PDFCatalogUpdate {
    static func setLanguage(_ language: String, inFile path: String) throws {
        guard let handle = FileHandle(forUpdatingAtPath: path) else {
            throw GraphicsError("cannot reopen \(path) to set the document language")
        }
        defer { try? handle.close() }
        let data = [UInt8](try handle.readToEnd() ?? Data())
        // The trailer is at the end of the file; only the catalog object is read besides it.
        let tail = String(decoding: data.suffix(4096), as: UTF8.self)
        guard let trailerRange = tail.range(of: "trailer", options: .backwards),
              let startxrefRange = tail.range(of: "startxref", options: .backwards),
              let previousXref = Int(tail[startxrefRange.upperBound...].split(whereSeparator: \.isNewline).first?
                .trimmingCharacters(in: .whitespaces) ?? ""),
              let root = PDFPattern(#"/Root\s+(\d+)\s+0\s+R"#).first(in: String(tail[trailerRange.lowerBound...])),
              let size = PDFPattern(#"/Size\s+(\d+)"#).first(in: String(tail[trailerRange.lowerBound...])) else {
            throw GraphicsError("\(path) has no PDF trailer that can be updated")
        }
        let info = PDFPattern(#"/Info\s+(\d+)\s+0\s+R"#).first(in: String(tail[trailerRange.lowerBound...]))
        guard let objectStart = data.range(of: Array("\n\(root) 0 obj".utf8)),
              let objectEnd = data[objectStart.upperBound...].range(of: Array("endobj".utf8)) else {
            throw GraphicsError("\(path) has no catalog object that can be updated")
        }
        let text = String(decoding: data[objectStart.upperBound..<objectEnd.lowerBound], as: UTF8.self)
        guard let dictStart = text.range(of: "<<"), let dictEnd = text.range(of: ">>", options: .backwards),
              dictStart.upperBound <= dictEnd.lowerBound else {
            throw GraphicsError("\(path) has no catalog object that can be updated")
        }
        let body = text[dictStart.upperBound..<dictEnd.lowerBound]
        let escaped = language.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "(", with: "\\(").replacingOccurrences(of: ")", with: "\\)")
        var update = "\n"
        let objectOffset = data.count + update.utf8.count
        update += "\(root) 0 obj\n<<\(body)   /Lang (\(escaped))\n>>\nendobj\n"
        let xrefOffset = data.count + update.utf8.count
        update += "xref\n\(root) 1\n" + String(format: "%010d 00000 n \n", objectOffset)
        update += "trailer\n<< /Size \(size)\n   /Root \(root) 0 R\n"
        if let info { update += "   /Info \(info) 0 R\n" }
        update += "   /Prev \(previousXref)\n>>\nstartxref\n\(xrefOffset)\n%%EOF\n"
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(update.utf8))
    }
}
