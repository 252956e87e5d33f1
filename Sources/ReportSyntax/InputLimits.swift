/// Every limit that keeps a hostile or mistaken description from exhausting the machine, in one
/// place. Each is checked where that input is read, before the work it bounds, and is refused with
/// a located message that names the limit. The README's "Limits" section lists them.
public struct InputLimits {
    /// Largest file read: the description, and each CSV or image file it names (bytes).
    public var maximumFileBytes = 20_000_000
    /// Most YAML values (scalars, lists, mappings, keys) once aliases are expanded: stops
    /// "billion laughs" files before any tree is built.
    public var maximumNodes = 1_000_000
    /// Deepest nesting of lists and mappings.
    public var maximumDepth = 64
    /// Most table body rows in one description, all tables and CSV files together.
    public var maximumTableRows = 20_000
    /// Largest picture, in pixels (a decoded picture takes 4 bytes per pixel).
    public var maximumImagePixels = 50_000_000
    /// Most pixels of all the description's pictures together.
    public var maximumTotalImagePixels = 100_000_000

    public init() {}
    public static let standard = InputLimits()
}
