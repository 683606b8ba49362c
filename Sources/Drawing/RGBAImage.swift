import CCairo

/// A raster image with 8-bit RGBA pixels in straight alpha, rows top to bottom.
///
/// Charts render heatmaps into one at the canvas's device-pixel size; tests decode PNGs
/// into one to check pixels.
///
/// ```swift
/// var image = RGBAImage(width: 2, height: 1, fill: .white)
/// image[1, 0] = Color(hex: 0xD55E00)
/// let decoded = try RGBAImage(contentsOfPNG: "out/figure.png")
/// ```
public struct RGBAImage: Hashable, Sendable {
    public let width: Int
    public let height: Int
    /// `width * height * 4` bytes: R, G, B, A per pixel, row-major from the top-left.
    public var pixels: [UInt8]

    /// An image of one colour.
    public init(width: Int, height: Int, fill: Color = .clear) {
        self.width = max(width, 0)
        self.height = max(height, 0)
        let b = fill.bytes
        var row: [UInt8] = []
        row.reserveCapacity(self.width * 4)
        for _ in 0..<self.width { row.append(contentsOf: [b.red, b.green, b.blue, b.alpha]) }
        var all: [UInt8] = []
        all.reserveCapacity(self.width * self.height * 4)
        for _ in 0..<self.height { all.append(contentsOf: row) }
        pixels = all
    }

    /// An image from raw RGBA bytes; nil if the count does not match the size.
    public init?(width: Int, height: Int, pixels: [UInt8]) {
        guard width >= 0, height >= 0, pixels.count == width * height * 4 else { return nil }
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The pixel at column `x`, row `y` (from the top).
    public subscript(x: Int, y: Int) -> Color {
        get {
            let i = (y * width + x) * 4
            return Color(bytes: pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3])
        }
        set {
            let i = (y * width + x) * 4
            let b = newValue.bytes
            pixels[i] = b.red
            pixels[i + 1] = b.green
            pixels[i + 2] = b.blue
            pixels[i + 3] = b.alpha
        }
    }

    /// Decodes PNG bytes.
    ///
    /// - Parameter pngData: a whole PNG file's bytes.
    /// - Throws: `DrawingError.invalidPNG` if cairo cannot decode them.
    public init(pngData: [UInt8]) throws {
        let source = PNGByteSource(bytes: pngData)
        let surface = withExtendedLifetime(source) {
            cairo_image_surface_create_from_png_stream({ closure, data, length in
                guard let closure, let data else { return CAIRO_STATUS_READ_ERROR }
                let source = Unmanaged<PNGByteSource>.fromOpaque(closure).takeUnretainedValue()
                return source.read(into: data, count: Int(length)) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_READ_ERROR
            }, Unmanaged.passUnretained(source).toOpaque())
        }
        let owner = try CairoImageSurface(adopting: surface, operation: "decoding a PNG")
        self = owner.rgbaImage()
    }

    /// Reads and decodes a PNG file.
    ///
    /// - Throws: `DrawingError.cannotRead` naming the path, or `.invalidPNG`.
    public init(contentsOfPNG path: String) throws {
        try self.init(pngData: FileOutput.read(path))
    }
}

/// Feeds bytes to cairo's PNG reader.
private final class PNGByteSource {
    let bytes: [UInt8]
    var offset = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    func read(into destination: UnsafeMutablePointer<UInt8>, count: Int) -> Bool {
        guard count <= bytes.count - offset else { return false }
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            destination.update(from: base + offset, count: count)
        }
        offset += count
        return true
    }
}
