import CCairo

/// Sole owner of a cairo image surface; destroys it when released.
final class CairoImageSurface {
    let pointer: OpaquePointer

    /// Takes ownership of a surface cairo returned, checking its status.
    init(adopting surface: OpaquePointer?, operation: String) throws {
        guard let surface else { throw DrawingError.cairo(operation: operation, message: "no surface") }
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            if operation.contains("PNG") {
                throw DrawingError.invalidPNG(reason: String(cString: cairo_status_to_string(status)))
            }
            throw DrawingError.cairo(operation: operation, message: String(cString: cairo_status_to_string(status)))
        }
        pointer = surface
    }

    /// A new ARGB32 surface holding an image's pixels (premultiplied, as cairo wants).
    convenience init(image: RGBAImage) throws {
        try self.init(adopting: cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(image.width), Int32(image.height)),
                      operation: "creating an image")
        cairo_surface_flush(pointer)
        let stride = Int(cairo_image_surface_get_stride(pointer))
        guard let data = cairo_image_surface_get_data(pointer) else {
            throw DrawingError.cairo(operation: "creating an image", message: "no pixel data")
        }
        image.pixels.withUnsafeBufferPointer { source in
            for y in 0..<image.height {
                let row = UnsafeMutableRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
                for x in 0..<image.width {
                    let i = (y * image.width + x) * 4
                    let alpha = UInt32(source[i + 3])
                    // Cairo stores premultiplied ARGB in native-endian 32-bit words; an opaque
                    // pixel (every pixel of a heatmap) is its colour as it is.
                    guard alpha != 255 else {
                        row[x] = 0xFF00_0000 | (UInt32(source[i]) << 16) | (UInt32(source[i + 1]) << 8) | UInt32(source[i + 2])
                        continue
                    }
                    let red = (UInt32(source[i]) * alpha + 127) / 255
                    let green = (UInt32(source[i + 1]) * alpha + 127) / 255
                    let blue = (UInt32(source[i + 2]) * alpha + 127) / 255
                    row[x] = (alpha << 24) | (red << 16) | (green << 8) | blue
                }
            }
        }
        cairo_surface_mark_dirty(pointer)
    }

    deinit {
        cairo_surface_destroy(pointer)
    }

    var width: Int { Int(cairo_image_surface_get_width(pointer)) }
    var height: Int { Int(cairo_image_surface_get_height(pointer)) }

    /// The pixels with alpha un-premultiplied.
    func rgbaImage() -> RGBAImage {
        cairo_surface_flush(pointer)
        let width = self.width
        let height = self.height
        var pixels = [UInt8](repeating: 0, count: width * height * 4)
        let stride = Int(cairo_image_surface_get_stride(pointer))
        let format = cairo_image_surface_get_format(pointer)
        if let data = cairo_image_surface_get_data(pointer) {
            pixels.withUnsafeMutableBufferPointer { out in
                guard let base = out.baseAddress else { return }
                for y in 0..<height {
                    let row = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
                    for x in 0..<width {
                        let word = row[x]
                        let alpha = format == CAIRO_FORMAT_RGB24 ? 255 : (word >> 24) & 0xFF
                        PremultipliedARGB.unpremultiply(word, alpha: alpha, into: base + (y * width + x) * 4)
                    }
                }
            }
        }
        return RGBAImage(width: width, height: height, pixels: pixels) ?? RGBAImage(width: 0, height: 0)
    }
}
