/// Every limit that keeps a hostile or mistaken description from exhausting the machine, in one
/// place. Each is checked where that input is read, before the work it bounds, and is refused with
/// a located message that names the limit. The README's "Limits" section lists them.
public struct InputLimits {
    /// Largest file read: the description, and each CSV or image file it names (bytes). A template
    /// may write at most this much text into the description it makes.
    public var maximumFileBytes = 20_000_000
    /// Most YAML values (scalars, lists, mappings, keys) once aliases are expanded: stops
    /// "billion laughs" files before any tree is built. The description a template makes may hold
    /// at most as many.
    public var maximumNodes = 1_000_000
    /// Most values that aliases (`*name`) repeat, all aliases together: one record repeated
    /// thousands of times makes thousands of pages from a few lines.
    public var maximumAliasedValues = 10_000
    /// Most text (bytes) that aliases repeat, all aliases together.
    public var maximumAliasedTextBytes = 500_000
    /// Deepest nesting of lists and mappings.
    public var maximumDepth = 64
    /// Deepest nesting inside one template expression (parentheses, operators, calls).
    public var maximumExpressionDepth = 64
    /// Longest chain of template `let` definitions used inside one another (each may nest its
    /// expressions as deep as the limit above, so this bounds how deep computing a value goes).
    public var maximumDefinitionDepth = 16
    /// Most steps filling in a template may take: each loop pass, each expression part computed and
    /// each list item read counts one.
    public var maximumTemplateSteps = 10_000_000
    /// Most table body rows in one description, all tables and CSV files together.
    public var maximumTableRows = 20_000
    /// Largest picture, in pixels (a PNG is decoded whole once, 4 bytes per pixel, before it is
    /// scaled down to the side below).
    public var maximumImagePixels = 50_000_000
    /// Resolution (dots per inch) a picture keeps at the largest size the page can show it (the
    /// longer side of the text area): a PNG with more pixels is scaled down to it as it is read
    /// (a JPEG is passed to the PDF as it is).
    public var imageResolution = 300.0
    /// Most pixels of all the description's pictures together, as kept.
    public var maximumTotalImagePixels = 60_000_000

    public init() {}
    public static let standard = InputLimits()
}
