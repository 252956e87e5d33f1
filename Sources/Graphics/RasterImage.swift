import Foundation
import CPangoCairo
import CJPEG

/// A PNG or JPEG picture ready to be drawn: its size in pixels as the file declares it (layout's
/// natural size) and the Cairo surface that carries it. A PNG larger than `maximumSide` on a side
/// is decoded and scaled down at once to that (what the page can show), so the pixels kept for the
/// PDF stay bounded whatever the file says; JPEG data is checked by decoding it and then passed to
/// the PDF unchanged (Cairo's JPEG MIME data). Owns the surface.
public final class RasterImage {
    let surface: OpaquePointer
    public let pixelWidth: Int
    public let pixelHeight: Int
    /// Pixels the surface holds (after scaling down); what the picture costs in memory.
    public var keptPixels: Int { Int(cairo_image_surface_get_width(surface)) * Int(cairo_image_surface_get_height(surface)) }
    /// A CMYK JPEG written with Adobe's marker, whose colours are stored inverted: the PDF needs
    /// `/Decode [1 0 1 0 1 0 1 0]` for it (see `QPDFDocument.invertAdobeCMYKImages`).
    let isAdobeCMYK: Bool

    deinit { cairo_surface_destroy(surface) }

    private init(surface: OpaquePointer, width: Int, height: Int, isAdobeCMYK: Bool = false) {
        self.surface = surface
        pixelWidth = width
        pixelHeight = height
        self.isAdobeCMYK = isAdobeCMYK
    }

    /// Why a picture cannot be used: `reason` completes a sentence that starts with the file's name;
    /// `hint` says how to fix it.
    public struct LoadError: Error, Equatable {
        public let reason: String
        public let hint: String
        init(_ reason: String, hint: String = "give a PNG or JPEG file") {
            self.reason = reason
            self.hint = hint
        }
    }

    /// The sizes a picture must keep within.
    public struct Limits {
        /// Largest file, in bytes.
        public var maximumBytes: Int
        /// Most pixels a picture may declare (a PNG is decoded whole once, 4 bytes a pixel).
        public var maximumPixels: Int
        /// Longest side kept after decoding: larger PNGs are scaled down to it.
        public var maximumKeptSide: Int
        public init(maximumBytes: Int, maximumPixels: Int, maximumKeptSide: Int) {
            self.maximumBytes = maximumBytes
            self.maximumPixels = maximumPixels
            self.maximumKeptSide = maximumKeptSide
        }
    }

    /// Memory libjpeg may use to check a JPEG (a progressive one holds 2 bytes per sample).
    static let jpegCheckMemory = 160_000_000

    /// Cairo's largest image surface side (its pixel coordinates are 16-bit).
    static let cairoMaximumSide = 32_767

    private static let saveAgain = "open it in an image editor and save it again as PNG or JPEG"

    /// Reads a PNG or JPEG file within `limits`; the kind is told by the file's first bytes, not its
    /// name. The declared size is checked before any pixel is allocated.
    public static func load(path: String, limits: Limits) throws -> RasterImage {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw LoadError("cannot be read") }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: limits.maximumBytes + 1)) ?? Data()
        guard data.count <= limits.maximumBytes else {
            throw LoadError("is larger than \(limits.maximumBytes / 1_000_000) MB", hint: "scale it down")
        }
        let bytes = [UInt8](data)
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return try loadPNG(path: path, bytes: bytes, limits: limits) }
        if bytes.starts(with: [0xFF, 0xD8]) { return try loadJPEG(bytes: bytes, limits: limits) }
        throw LoadError(bytes.isEmpty ? "is empty" : "is neither a PNG nor a JPEG image")
    }

    private static func loadPNG(path: String, bytes: [UInt8], limits: Limits) throws -> RasterImage {
        guard bytes.count >= 24 else { throw LoadError("is a truncated PNG file", hint: Self.saveAgain) }
        let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }
        let height = bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
        try checkSize(width: width, height: height, maximumPixels: limits.maximumPixels)
        guard let decoded = cairo_image_surface_create_from_png(path) else { throw LoadError("is a damaged PNG file", hint: Self.saveAgain) }
        let status = cairo_surface_status(decoded)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(decoded)
            if status == CAIRO_STATUS_NO_MEMORY { throw outOfMemory(width, height) }
            throw LoadError("is a damaged PNG file", hint: Self.saveAgain)
        }
        let surface = try scaledDown(decoded, maximumSide: limits.maximumKeptSide)
        return RasterImage(surface: surface, width: width, height: height)
    }

    /// `decoded` itself when it fits in `maximumSide`, otherwise a copy scaled down to fit (the
    /// decoded surface is released either way once the copy is made).
    private static func scaledDown(_ decoded: OpaquePointer, maximumSide: Int) throws -> OpaquePointer {
        let width = Int(cairo_image_surface_get_width(decoded)), height = Int(cairo_image_surface_get_height(decoded))
        let scale = Double(maximumSide) / Double(max(width, height))
        guard scale < 1 else { return decoded }
        defer { cairo_surface_destroy(decoded) }
        let keptWidth = max(1, Int((Double(width) * scale).rounded())), keptHeight = max(1, Int((Double(height) * scale).rounded()))
        guard let kept = cairo_image_surface_create(cairo_image_surface_get_format(decoded), Int32(keptWidth), Int32(keptHeight)),
              cairo_surface_status(kept) == CAIRO_STATUS_SUCCESS else { throw outOfMemory(width, height) }
        let cairo = cairo_create(kept)
        cairo_scale(cairo, Double(keptWidth) / Double(width), Double(keptHeight) / Double(height))
        cairo_set_source_surface(cairo, decoded, 0, 0)
        cairo_pattern_set_filter(cairo_get_source(cairo), CAIRO_FILTER_GOOD)
        cairo_set_operator(cairo, CAIRO_OPERATOR_SOURCE)
        cairo_paint(cairo)
        cairo_destroy(cairo)
        return kept
    }

    private static func loadJPEG(bytes: [UInt8], limits: Limits) throws -> RasterImage {
        var info = thaireport_jpeg_info()
        let verdict = thaireport_jpeg_verify(bytes, UInt(bytes.count), cairoMaximumSide, limits.maximumPixels, jpegCheckMemory, &info)
        let message = withUnsafeBytes(of: info.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        if verdict == 1, info.width == 0 {
            throw LoadError("is a damaged JPEG file; libjpeg reads: \(message.lowercased())", hint: Self.saveAgain)
        }
        let width = Int(info.width), height = Int(info.height)
        try checkSize(width: width, height: height, maximumPixels: limits.maximumPixels)
        switch verdict {
        case 0: break
        case 1 where message.contains("Backing store"):
            throw LoadError("is a progressive JPEG of \(width)×\(height) pixels, too large to check within \(jpegCheckMemory / 1_000_000) MB",
                            hint: "save it as a baseline (not progressive) JPEG, or scale it down")
        case 2 where message.lowercased().contains("premature end"):
            throw LoadError("is a truncated JPEG file: its picture data ends before the picture does", hint: Self.saveAgain)
        default:
            throw LoadError("is a damaged JPEG file; libjpeg reads: \(message.lowercased())", hint: Self.saveAgain)
        }
        // The surface only gives the picture its size: its pixels are never drawn (the PDF takes
        // the JPEG data), and untouched zeroed memory is not kept by the system.
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height)) else { throw outOfMemory(width, height) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            throw outOfMemory(width, height)
        }
        let copy = malloc(bytes.count)!
        bytes.withUnsafeBytes { copy.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
        cairo_surface_set_mime_data(surface, CAIRO_MIME_TYPE_JPEG, copy.assumingMemoryBound(to: UInt8.self),
                                    UInt(bytes.count), { free($0) }, copy)
        return RasterImage(surface: surface, width: width, height: height, isAdobeCMYK: info.adobeCMYK != 0)
    }

    private static func outOfMemory(_ width: Int, _ height: Int) -> LoadError {
        LoadError("needs more memory than there is (\(width)×\(height) pixels)", hint: "scale it down")
    }

    /// Refuses an empty picture, one with a side past Cairo's limit, or one larger than
    /// `maximumPixels` (each side is checked first, so the product of two garbage sizes cannot overflow).
    private static func checkSize(width: Int, height: Int, maximumPixels: Int) throws {
        guard width > 0, height > 0 else { throw LoadError("declares an empty picture (\(width)×\(height) pixels)", hint: Self.saveAgain) }
        guard width <= maximumPixels, height <= maximumPixels, width * height <= maximumPixels else {
            throw LoadError("is \(width)×\(height) pixels; pictures are limited to \(maximumPixels / 1_000_000) megapixels",
                            hint: "scale it down; an A4 page printed at 300 dpi needs about 9 megapixels")
        }
        guard width <= cairoMaximumSide, height <= cairoMaximumSide else {
            throw LoadError("is \(width)×\(height) pixels; Cairo, which draws the PDF, takes at most 32,767 pixels a side",
                            hint: "scale it down; an A4 page printed at 300 dpi is 2,480×3,508 pixels")
        }
    }
}

/// A picture as plain data: an index into the `ImageLibrary` that holds it.
public struct ImageID: Hashable, Codable {
    public let index: Int
    public init(index: Int) { self.index = index }
}

/// The decoded pictures of a document, each once, by path; layout refers to them by `ImageID` and
/// the renderer draws them from here.
public final class ImageLibrary {
    private var images: [RasterImage] = []
    private var idsByPath: [String: ImageID] = [:]

    public init() {}

    /// Adds a picture read from `path`.
    @discardableResult
    public func add(_ image: RasterImage, path: String) -> ImageID {
        let id = ImageID(index: images.count)
        images.append(image)
        idsByPath[path] = id
        return id
    }

    /// The picture read from `path`, if any.
    public func id(forPath path: String) -> ImageID? { idsByPath[path] }

    /// The picture an identifier stands for.
    public func image(_ id: ImageID) -> RasterImage { images[id.index] }
}
