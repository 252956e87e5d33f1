import Foundation
import CPangoCairo

/// A PNG or JPEG picture ready to be drawn: its pixel size and the Cairo surface that carries it.
/// JPEG data is passed through to the PDF unchanged (Cairo's JPEG MIME data). Owns the surface.
public final class RasterImage {
    let surface: OpaquePointer
    public let pixelWidth: Int
    public let pixelHeight: Int

    deinit { cairo_surface_destroy(surface) }

    private init(surface: OpaquePointer, width: Int, height: Int) {
        self.surface = surface
        pixelWidth = width
        pixelHeight = height
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

    private static let saveAgain = "open it in an image editor and save it again as PNG or JPEG"

    /// Reads a PNG or JPEG file of at most `maximumBytes` and `maximumPixels`; the kind is told by the
    /// file's first bytes, not its name. The declared size is checked before any pixel is allocated.
    public static func load(path: String, maximumBytes: Int, maximumPixels: Int) throws -> RasterImage {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw LoadError("cannot be read") }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: maximumBytes + 1)) ?? Data()
        guard data.count <= maximumBytes else { throw LoadError("is larger than \(maximumBytes / 1_000_000) MB", hint: "scale it down") }
        let bytes = [UInt8](data)
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return try loadPNG(path: path, bytes: bytes, maximumPixels: maximumPixels) }
        if bytes.starts(with: [0xFF, 0xD8]) { return try loadJPEG(bytes: bytes, maximumPixels: maximumPixels) }
        throw LoadError(bytes.isEmpty ? "is empty" : "is neither a PNG nor a JPEG image")
    }

    private static func loadPNG(path: String, bytes: [UInt8], maximumPixels: Int) throws -> RasterImage {
        guard bytes.count >= 24 else { throw LoadError("is a truncated PNG file", hint: Self.saveAgain) }
        let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }
        let height = bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
        try checkSize(width: width, height: height, maximumPixels: maximumPixels)
        guard let surface = cairo_image_surface_create_from_png(path) else { throw LoadError("is a damaged PNG file", hint: Self.saveAgain) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            throw LoadError("is a damaged PNG file", hint: Self.saveAgain)
        }
        return RasterImage(surface: surface, width: Int(cairo_image_surface_get_width(surface)),
                           height: Int(cairo_image_surface_get_height(surface)))
    }

    private static func loadJPEG(bytes: [UInt8], maximumPixels: Int) throws -> RasterImage {
        guard let (width, height) = jpegSize(bytes) else { throw LoadError("is a damaged JPEG file (it has no frame header)", hint: Self.saveAgain) }
        try checkSize(width: width, height: height, maximumPixels: maximumPixels)
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height)) else {
            throw LoadError("needs more memory than there is (\(width)×\(height) pixels)", hint: "scale it down")
        }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            throw LoadError("needs more memory than there is (\(width)×\(height) pixels)", hint: "scale it down")
        }
        let copy = malloc(bytes.count)!
        bytes.withUnsafeBytes { copy.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
        cairo_surface_set_mime_data(surface, CAIRO_MIME_TYPE_JPEG, copy.assumingMemoryBound(to: UInt8.self),
                                    UInt(bytes.count), { free($0) }, copy)
        return RasterImage(surface: surface, width: width, height: height)
    }

    /// Refuses an empty picture or one larger than `maximumPixels` (each side is checked first, so the
    /// product of two garbage sizes cannot overflow).
    private static func checkSize(width: Int, height: Int, maximumPixels: Int) throws {
        guard width > 0, height > 0 else { throw LoadError("declares an empty picture (\(width)×\(height) pixels)", hint: Self.saveAgain) }
        guard width <= maximumPixels, height <= maximumPixels, width * height <= maximumPixels else {
            throw LoadError("is \(width)×\(height) pixels; pictures are limited to \(maximumPixels / 1_000_000) megapixels",
                            hint: "scale it down; an A4 page printed at 300 dpi needs about 9 megapixels")
        }
    }

    /// Width and height from a JPEG's start-of-frame marker.
    static func jpegSize(_ bytes: [UInt8]) -> (Int, Int)? {
        var i = 2
        while i + 9 < bytes.count {
            guard bytes[i] == 0xFF else { return nil }
            let marker = bytes[i + 1]
            if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) { i += 2; continue }
            let length = Int(bytes[i + 2]) << 8 | Int(bytes[i + 3])
            if (0xC0...0xCF).contains(marker), marker != 0xC4, marker != 0xC8, marker != 0xCC {
                let height = Int(bytes[i + 5]) << 8 | Int(bytes[i + 6])
                let width = Int(bytes[i + 7]) << 8 | Int(bytes[i + 8])
                return (width, height)
            }
            guard length >= 2 else { return nil }
            i += 2 + length
        }
        return nil
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
