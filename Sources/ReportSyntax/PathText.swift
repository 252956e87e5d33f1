/// Paths as the user wrote them, taken apart without Foundation's `NSString` path methods:
/// swift-corelibs-foundation (Swift 6.0) traps in `deletingLastPathComponent` on a name of one
/// character (`y`, `ก`, `.`), which made `thaireport render y` and `image: {file: y}` crash.
public enum PathText {
    /// The folder part of `path`, as `NSString.deletingLastPathComponent` defines it: empty for a
    /// bare name, `/` for a name in the root; slashes at the end and doubled slashes are ignored.
    public static func folder(of path: String) -> String {
        var rest = Substring(path)
        while rest.count > 1, rest.hasSuffix("/") { rest.removeLast() }
        guard let slash = rest.lastIndex(of: "/") else { return "" }
        var folder = rest[..<slash]
        while folder.hasSuffix("/") { folder.removeLast() }
        return folder.isEmpty ? "/" : String(folder)
    }
}
