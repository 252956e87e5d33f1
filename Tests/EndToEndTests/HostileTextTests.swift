import Foundation
import XCTest

/// Control characters and escapes that are not characters: each refused at its place, and nothing
/// printed raw to the terminal.
final class HostileTextTests: HostileTestCase {
    private static let noPrint = "which cannot be printed (delete it; it often comes with text copied from another program)"

    func testControlCharacterEscapeIsAnErrorAtTheEscape() throws {
        try assertRefused("""
        blocks:
          - "first line
            then \\0 the rest"
        """, """
        r.yaml:3:10: error: `\\0` makes the control character U+0000 (NUL), which cannot be printed (delete it; a line break is written `\\n`)
        1 error in the description; nothing was written

        """)
    }

    func testRawEscapeCharacterIsLocatedAndNotEchoed() throws {
        try assertRefused("blocks:\n  - plain \u{1B}[31mred\n", """
        r.yaml:2:11: error: the file has the control character U+001B (escape) here, \(Self.noPrint)
        1 error in the description; nothing was written

        """)
    }

    func testNULInACSVFieldIsAnErrorInTheCSVFile() throws {
        try assertRefused("""
        blocks:
          - table:
              columns: [1cm, 1fr]
              rows-from: data.csv
        """, files: ["data.csv": Data("1,first\n2,sec\u{0}ond\n".utf8)], """
        data.csv:2:6: error: the file has the control character U+0000 (NUL) here, \(Self.noPrint)
        1 error in the description; nothing was written

        """)
    }

    func testALetterWithTooManyMarksIsAnErrorAtTheFirstExtraMark() throws {
        let marks = "a letter here carries more than 30 combining marks (vowel or tone marks), which no text needs "
            + "(delete the repeated marks; they often come from a key held down or text copied from another program)"
        // 30 marks on ก are accepted; the 31st, at column 36 (after "  - ก" and 30 marks), is the error.
        try assertRefused("blocks:\n  - ก" + String(repeating: "\u{0E48}", count: 31) + " ข\n", """
        r.yaml:2:36: error: \(marks)
        1 error in the description; nothing was written

        """)
        // Marks made by escapes in a quoted text are counted too; the error is at the quote.
        try assertRefused("blocks:\n  - \"ก" + String(repeating: "\\u0E48", count: 40) + "\"\n", """
        r.yaml:2:5: error: \(marks)
        1 error in the description; nothing was written

        """)
    }

    func testMessagesShowFormattingCharactersAsCodes() throws {
        try assertRefused("blocks:\n  - image: \"evil\\u202Egnp.png\"\n", """
        r.yaml:2:12: error: the image `evil<U+202E>gnp.png` does not exist (paths are relative to the description's folder \(folder.path))
        1 error in the description; nothing was written

        """)
    }

    func testLoneSurrogateEscapeIsAboutTheEscape() throws {
        try assertRefused("blocks:\n  - ok\n  - \"emoji \\ud83d\\ude00 here\"\n", """
        r.yaml:3:12: error: `\\ud83d` is not a character: D800 to DFFF are halves of a UTF-16 pair, which YAML does not join (write the character itself, or its code point as one escape: \\U0001F600 for 😀)
        1 error in the description; nothing was written

        """)
    }

    func testUnknownAndShortEscapesAreAboutTheEscape() throws {
        try assertRefused("blocks:\n  - \"C:\\qfolder\"\n", """
        r.yaml:2:8: error: `\\q` is not an escape YAML knows (write a backslash as `\\\\`, or write the text in single quotes, where \\ is an ordinary character)
        1 error in the description; nothing was written

        """)
        try assertRefused("blocks:\n  - \"\\x4G\"\n", """
        r.yaml:2:6: error: `\\x4G` is not a complete escape: `\\x` takes 2 hexadecimal digits (give all its digits, or write the text in single quotes, where \\ is an ordinary character)
        1 error in the description; nothing was written

        """)
    }
}

/// A layout error is reported with the warnings found while the description was read.
final class LayoutErrorWarningTests: HostileTestCase {
    func testLayoutErrorKeepsTheTemplatesWarnings() throws {
        try write("t/template.yaml", Data("""
        fields: {done: number, planned: number, position: text}
        document:
          blocks:
            - warn-if: done > planned
              at: done
              message: more done than planned
            - signature: {name: นายสมชาย ใจดี, position: "${position}"}
        """.utf8))
        let lines = (1...60).map { "ตำแหน่งบรรทัดที่ \($0)" }.joined(separator: "\n")
        try assertRefused("template: ./t\ndone: 9\nplanned: 8\nposition: |\n\(lines.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))\n", """
        r.yaml:2:7: warning: more done than planned
        t/template.yaml:7:18: error: the signature block is 46.1 cm tall, taller than the page's text area (25.2 cm) (shorten the signers' `position` lines or `space`, or make the style smaller)
        1 error in the description; nothing was written

        """)
    }
}
