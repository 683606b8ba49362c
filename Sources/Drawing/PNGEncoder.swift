import CCairo

/// Writes RGBA pixels as a PNG with zlib directly.
///
/// Cairo's own PNG writer has no compression setting and dominated frame time; deflating at
/// a low level is several times faster for a slightly larger file. Writing the chunks
/// ourselves also lets us add `tEXt`/`iTXt` provenance without libpng's setjmp error handling,
/// which Swift cannot use.
enum PNGEncoder {
    /// How image rows are deflated.
    ///
    /// `Z_RLE` (runs only, no string matching) is what makes frames cheap: on chart images,
    /// whose filtered rows are mostly long runs of zeros, it is several times faster than
    /// level 3's string matching for files about a third larger.
    static let strategy = Z_RLE

    /// Encodes a cairo ARGB32 or RGB24 pixel buffer (premultiplied, native-endian words).
    ///
    /// An image whose every pixel is opaque is written as 8-bit RGB (colour type 2): the same
    /// pixels in three quarters of the bytes to filter and deflate. Otherwise RGBA (colour
    /// type 6), un-premultiplied exactly as `CairoImageSurface.rgbaImage` does.
    ///
    /// - Parameters:
    ///   - pixels: the first row's first byte; `stride` bytes from one row to the next.
    ///   - width, height: the size in pixels.
    ///   - alpha: false for RGB24 surfaces (every pixel opaque, the top byte unused).
    ///   - text: key/value pairs written as text chunks in the given order.
    ///   - level: zlib level 0...9 (0 stores without compressing; any other level uses
    ///     `strategy`, whose speed hardly depends on it).
    ///
    /// ```swift
    /// let png = try PNGEncoder.encode(pixels: data, width: 2, height: 2, stride: 8, alpha: true,
    ///                                 text: [("Software", "netfig")], level: 1)
    /// ```
    static func encode(
        pixels: UnsafePointer<UInt8>, width: Int, height: Int, stride: Int, alpha: Bool,
        text: [(key: String, value: String)], level: Int32
    ) throws -> [UInt8] {
        let opaque = !alpha || isOpaque(pixels: pixels, width: width, height: height, stride: stride)
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header: [UInt8] = []
        header += bigEndian(UInt32(width))
        header += bigEndian(UInt32(height))
        // 8-bit depth, colour type 2 (RGB) or 6 (RGBA), deflate, adaptive filtering, no interlace.
        header += [8, opaque ? 2 : 6, 0, 0, 0]
        appendChunk("IHDR", header, to: &png)
        for (key, value) in text {
            appendChunk(contentsOf: textChunk(key: key, value: value), to: &png)
        }
        let filtered = filter(pixels: pixels, width: width, height: height, stride: stride, channels: opaque ? 3 : 4)
        appendChunk("IDAT", try deflate(filtered, level: level), to: &png)
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

    /// One row of cairo words as straight (un-premultiplied) RGB or RGBA bytes.
    @inline(__always)
    private static func unpack(_ row: UnsafePointer<UInt32>, width: Int, channels: Int, into out: UnsafeMutablePointer<UInt8>) {
        if channels == 3 {
            for x in 0..<width {
                let word = row[x]
                out[3 * x] = UInt8(truncatingIfNeeded: word >> 16)
                out[3 * x + 1] = UInt8(truncatingIfNeeded: word >> 8)
                out[3 * x + 2] = UInt8(truncatingIfNeeded: word)
            }
            return
        }
        for x in 0..<width {
            let word = row[x]
            PremultipliedARGB.unpremultiply(word, alpha: (word >> 24) & 0xFF, into: out + 4 * x)
        }
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

    /// Filters every row with Up (the difference from the row above; the first row's "above"
    /// is zeros, which makes it None).
    ///
    /// Chart images are mostly flat areas and vertical runs, where Up leaves zeros for the
    /// run-length deflate. Choosing per row among None, Sub and Up (the PNG specification's
    /// heuristic) made files about 15 % smaller but its sums were a third of an animation
    /// frame's time; Up alone is one subtraction per byte, which vectorises.
    private static func filter(pixels: UnsafePointer<UInt8>, width: Int, height: Int, stride: Int, channels: Int) -> [UInt8] {
        let rowBytes = width * channels
        let count = (rowBytes + 1) * height
        let rows = UnsafeMutablePointer<UInt8>.allocate(capacity: 2 * rowBytes)
        defer { rows.deallocate() }
        return [UInt8](unsafeUninitializedCapacity: count) { output, initialized in
            guard let base = output.baseAddress else { return }
            var current = rows
            var previous = rows + rowBytes
            previous.initialize(repeating: 0, count: rowBytes)
            for y in 0..<height {
                let words = UnsafeRawPointer(pixels + y * stride).assumingMemoryBound(to: UInt32.self)
                unpack(words, width: width, channels: channels, into: current)
                let out = base + y * (rowBytes + 1)
                out[0] = 2
                for i in 0..<rowBytes { out[1 + i] = current[i] &- previous[i] }
                swap(&current, &previous)
            }
            initialized = count
        }
    }

    private static func deflate(_ data: [UInt8], level: Int32) throws -> [UInt8] {
        var stream = z_stream()
        let initStatus = deflateInit2_(&stream, level, Z_DEFLATED, 15, 8, level == 0 ? Z_DEFAULT_STRATEGY : strategy,
                                       zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard initStatus == Z_OK else { throw DrawingError.compression(message: "zlib status \(initStatus)") }
        defer { deflateEnd(&stream) }
        let capacity = Int(deflateBound(&stream, uLong(data.count)))
        var produced = 0
        var status = Z_OK
        // Uninitialised output: zero-filling a buffer the size of the image cost page faults per frame.
        let out = [UInt8](unsafeUninitializedCapacity: capacity) { destination, initialized in
            data.withUnsafeBufferPointer { source in
                stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
                stream.avail_in = uInt(source.count)
                stream.next_out = destination.baseAddress
                stream.avail_out = uInt(capacity)
                status = CCairo.deflate(&stream, Z_FINISH)
                produced = capacity - Int(stream.avail_out)
            }
            initialized = produced
        }
        guard status == Z_STREAM_END else { throw DrawingError.compression(message: "zlib status \(status)") }
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
            crc32(0, buffer.baseAddress, uInt(buffer.count))
        }
        png += bigEndian(UInt32(truncatingIfNeeded: crc))
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }
}
