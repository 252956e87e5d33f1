import Foundation

/// Strict UTF-8 decoding of the text files a description is made of (the description, CSV files).
/// Bytes that are not UTF-8 are reported where they are, never guessed at.
public enum UTF8Text {
    /// The text of `data` (a leading byte-order mark dropped), or an error at the first byte that is
    /// not UTF-8, naming the byte, its offset, line and column (`hint` says how to fix such a
    /// file), or at the first control character (`ControlCharacters.isRefused`).
    public static func decode(_ data: Data, file: String, hint: String) -> Result<String, Diagnostic> {
        var bytes = [UInt8](data)
        let skipped = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        bytes.removeFirst(skipped)
        if let text = String(validating: bytes, as: UTF8.self) {
            return ControlCharacters.firstRefused(in: text, file: file).map { .failure($0) } ?? .success(text)
        }
        // Walk whole characters up to the first sequence that is not valid UTF-8.
        var line = 1, column = 1, index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let length = byte < 0x80 ? 1 : byte >> 5 == 0b110 ? 2 : byte >> 4 == 0b1110 ? 3 : byte >> 3 == 0b11110 ? 4 : 0
            let end = index + length
            if length == 0 || end > bytes.count || String(validating: bytes[index..<end], as: UTF8.self) == nil { break }
            if byte == 0x0A { line += 1; column = 1 } else { column += 1 }
            index = end
        }
        let byte = String(format: "0x%02X", bytes[index])  // some byte is invalid, so the walk stopped before the end
        return .failure(Diagnostic(at: SourceLocation(file: file, line: line, column: column),
                                   "the file is not UTF-8 text: it has byte \(byte) at offset \(index + skipped)", hint: hint))
    }
}
