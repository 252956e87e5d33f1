/// Paths as the user wrote them, taken apart without Foundation's `NSString` path methods:
/// swift-corelibs-foundation (Swift 6.0) traps in `deletingLastPathComponent` on a name of one
/// character (`y`, `ก`, `.`), which made `thaireport render y` and `image: {file: y}` crash.
public enum PathText {
    /// The folder part of `path`, as `NSString.deletingLastPathComponent` defines it: empty for a
    /// bare name, `/` for a name in the root; slashes at the end and doubled slashes are ignored.
    /// Works on the UTF-8 bytes (a `/` is never part of another character), in time linear in the path.
    public static func folder(of path: String) -> String {
        let slash = UInt8(ascii: "/")
        let bytes = Array(path.utf8)
        var end = bytes.count
        while end > 1, bytes[end - 1] == slash { end -= 1 }
        guard var folderEnd = bytes[..<end].lastIndex(of: slash) else { return "" }
        while folderEnd > 0, bytes[folderEnd - 1] == slash { folderEnd -= 1 }
        return folderEnd == 0 ? "/" : String(decoding: bytes[..<folderEnd], as: UTF8.self)
    }
}
