import CPNG

/// Writes RGBA pixels as a PNG, deflated with ISA-L's igzip.
///
/// Cairo's own PNG writer has no compression setting and dominated frame time. igzip (Intel's
/// Intelligent Storage Acceleration Library, vectorised for each processor at run time) is
/// several times as fast as the other deflaters tried (libdeflate's level 1 took 20 times
/// as long on a 1920×1080 chart); BENCHMARKS.md has the figures.
///
/// Files netfig keeps are written at igzip's level 0: levels 1 and 2 gave a second, equally
/// valid stream for the same bytes on about one run in 400 when the machine was busy (an AMD
/// EPYC: `tools/isal-determinism.sh` shows it with igzip alone), which broke "same spec,
/// same bytes"; level 0 gave one stream in every run, at about 40 % more bytes. Writing the chunks ourselves also lets us add
/// `tEXt`/`iTXt` provenance without libpng's setjmp error handling, which Swift cannot use.
enum PNGEncoder {
    /// Encodes a cairo ARGB32 or RGB24 pixel buffer (premultiplied, native-endian words).
    ///
    /// An image whose every pixel is opaque is written as 8-bit RGB (colour type 2): the same
    /// pixels in three quarters of the bytes to deflate. Otherwise RGBA (colour
    /// type 6), un-premultiplied exactly as `CairoImageSurface.rgbaImage` does.
    ///
    /// - Parameters:
    ///   - pixels: the first row's first byte; `stride` bytes from one row to the next.
    ///   - width, height: the size in pixels.
    ///   - alpha: false for RGB24 surfaces (every pixel opaque, the top byte unused).
    ///   - text: key/value pairs written as text chunks in the given order.
    ///   - level: igzip's level: 0 for files kept (see above), 1 or 2 for throwaway copies.
    ///
    /// ```swift
    /// let png = try PNGEncoder.encode(pixels: data, width: 2, height: 2, stride: 8, alpha: true,
    ///                                 text: [("Software", "netfig")], level: 2)
    /// ```
    static func encode(
        pixels: UnsafePointer<UInt8>, width: Int, height: Int, stride: Int, alpha: Bool,
        text: [(key: String, value: String)], level: Int
    ) throws -> [UInt8] {
        let opaque = !alpha || isOpaque(pixels: pixels, width: width, height: height, stride: stride)
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header: [UInt8] = []
        header += bigEndian(UInt32(width))
        header += bigEndian(UInt32(height))
        // 8-bit depth, colour type 2 (RGB) or 6 (RGBA), deflate, filter method 0 (each row says
        // which filter it used: here none), no interlace.
        header += [8, opaque ? 2 : 6, 0, 0, 0]
        appendChunk("IHDR", header, to: &png)
        for (key, value) in text {
            appendChunk(contentsOf: textChunk(key: key, value: value), to: &png)
        }
        let rows = opaque ? rowsRGB(pixels: pixels, width: width, height: height, stride: stride)
                          : rowsRGBA(pixels: pixels, width: width, height: height, stride: stride)
        appendChunk("IDAT", try deflate(rows, level: level), to: &png)
        appendChunk("IEND", [], to: &png)
        return png
    }

    /// Whether every pixel's alpha byte is 255.
    private static func isOpaque(pixels: UnsafePointer<UInt8>, width: Int, height: Int, stride: Int) -> Bool {
        for y in 0..<height {
            let row = UnsafeRawPointer(pixels + y * stride).assumingMemoryBound(to: UInt32.self)
            // An AND over the row (which vectorises) instead of a test per pixel.
            var all: UInt32 = 0xFF00_0000
            for x in 0..<width { all &= row[x] }
            if all & 0xFF00_0000 != 0xFF00_0000 { return false }
        }
        return true
    }

    /// A `tEXt` chunk when key and value are Latin-1, else an uncompressed `iTXt` chunk.
    private static func textChunk(key: String, value: String) -> (String, [UInt8]) {
        let keyword: [UInt8] = Array(key.unicodeScalars.filter { $0.value >= 32 && $0.value < 127 }.prefix(79)
            .map { UInt8($0.value) })
        let safeKeyword = keyword.isEmpty ? Array("Comment".utf8) : keyword
        if value.unicodeScalars.allSatisfy({ $0.value < 256 && $0.value != 0 }) {
            let latin1 = value.unicodeScalars.map { UInt8($0.value) }
            return ("tEXt", safeKeyword + [0] + latin1)
        }
        // iTXt: keyword, NUL, compression flag, method, empty language tag, empty translated keyword.
        return ("iTXt", safeKeyword + [0, 0, 0, 0, 0] + Array(value.utf8))
    }

    // No row is filtered (filter type None). Chart images are mostly flat areas, text and
    // colour-mapped heatmaps, whose pixels repeat exactly: deflate's string matching finds
    // those repeats in the raw rows, and filtering only hides them (measured smaller and
    // faster than Up, Sub, Average and Paeth on frames and figures: see the commit history).

    /// Opaque pixels as RGB rows (the common case: every frame and figure).
    private static func rowsRGB(pixels: UnsafePointer<UInt8>, width: Int, height: Int, stride: Int) -> [UInt8] {
        let count = (3 * width + 1) * height
        return [UInt8](unsafeUninitializedCapacity: count) { output, initialized in
            guard let base = output.baseAddress else { return }
            netfig_png_rgb_rows(pixels, width, height, stride, base)
            initialized = count
        }
    }

    /// Pixels with transparency as un-premultiplied RGBA rows.
    private static func rowsRGBA(pixels: UnsafePointer<UInt8>, width: Int, height: Int, stride: Int) -> [UInt8] {
        let rowBytes = width * 4
        let count = (rowBytes + 1) * height
        return [UInt8](unsafeUninitializedCapacity: count) { output, initialized in
            guard let base = output.baseAddress else { return }
            for y in 0..<height {
                let words = UnsafeRawPointer(pixels + y * stride).assumingMemoryBound(to: UInt32.self)
                let out = base + y * (rowBytes + 1)
                out[0] = 0
                for x in 0..<width {
                    PremultipliedARGB.unpremultiply(words[x], alpha: (words[x] >> 24) & 0xFF, into: out + 1 + 4 * x)
                }
            }
            initialized = count
        }
    }

    /// The image data as one zlib stream (what IDAT holds).
    private static func deflate(_ data: [UInt8], level: Int) throws -> [UInt8] {
        let capacity = netfig_png_deflate_bound(data.count)
        // Uninitialised output: zero-filling a buffer the size of the image cost page faults per frame.
        let out = [UInt8](unsafeUninitializedCapacity: capacity) { destination, initialized in
            initialized = data.withUnsafeBufferPointer { source in
                guard let input = source.baseAddress, let output = destination.baseAddress else { return 0 }
                return netfig_png_deflate(input, source.count, Int32(level), output)
            }
        }
        // Even empty data makes a zlib stream of a few bytes: none means ISA-L failed.
        guard !out.isEmpty else {
            throw DrawingError.compression(message: "ISA-L could not compress the image data")
        }
        return out
    }

    private static func appendChunk(_ type: String, _ data: [UInt8], to png: inout [UInt8]) {
        appendChunk(contentsOf: (type, data), to: &png)
    }

    private static func appendChunk(contentsOf chunk: (String, [UInt8]), to png: inout [UInt8]) {
        let typeBytes = Array(chunk.0.utf8)
        png += bigEndian(UInt32(chunk.1.count))
        let body = typeBytes + chunk.1
        png += body
        let crc = body.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { netfig_png_crc32(0, $0, buffer.count) } ?? 0
        }
        png += bigEndian(crc)
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }
}
