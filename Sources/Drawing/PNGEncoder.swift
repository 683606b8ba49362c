import CCairo

/// Writes RGBA pixels as a PNG with zlib directly.
///
/// Cairo's own PNG writer has no compression setting and dominated frame time; deflating at
/// a low level is several times faster for a slightly larger file. Writing the chunks
/// ourselves also lets us add `tEXt`/`iTXt` provenance without libpng's setjmp error handling,
/// which Swift cannot use.
enum PNGEncoder {
    /// Encodes an image.
    ///
    /// - Parameters:
    ///   - image: the pixels.
    ///   - text: key/value pairs written as text chunks in the given order.
    ///   - level: zlib level 0...9; 1–3 is fast and still small for charts.
    static func encode(_ image: RGBAImage, text: [(key: String, value: String)], level: Int32) throws -> [UInt8] {
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header: [UInt8] = []
        header += bigEndian(UInt32(image.width))
        header += bigEndian(UInt32(image.height))
        // 8-bit depth, colour type 6 (RGBA), deflate, adaptive filtering, no interlace.
        header += [8, 6, 0, 0, 0]
        appendChunk("IHDR", header, to: &png)
        for (key, value) in text {
            appendChunk(contentsOf: textChunk(key: key, value: value), to: &png)
        }
        let filtered = filter(image)
        appendChunk("IDAT", try deflate(filtered, level: level), to: &png)
        appendChunk("IEND", [], to: &png)
        return png
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

    /// Picks per row the filter (None, Sub or Up) with the smallest sum of absolute
    /// differences, the heuristic the PNG specification recommends.
    private static func filter(_ image: RGBAImage) -> [UInt8] {
        let rowBytes = image.width * 4
        var out = [UInt8](repeating: 0, count: (rowBytes + 1) * image.height)
        var sub = [UInt8](repeating: 0, count: rowBytes)
        var up = [UInt8](repeating: 0, count: rowBytes)
        image.pixels.withUnsafeBufferPointer { pixels in
            out.withUnsafeMutableBufferPointer { output in
                for y in 0..<image.height {
                    let row = y * rowBytes
                    var costNone = 0
                    var costSub = 0
                    var costUp = 0
                    for i in 0..<rowBytes {
                        let value = pixels[row + i]
                        let left: UInt8 = i >= 4 ? pixels[row + i - 4] : 0
                        let above: UInt8 = y > 0 ? pixels[row - rowBytes + i] : 0
                        let s = value &- left
                        let u = value &- above
                        sub[i] = s
                        up[i] = u
                        costNone += Int(Int8(bitPattern: value).magnitude)
                        costSub += Int(Int8(bitPattern: s).magnitude)
                        costUp += Int(Int8(bitPattern: u).magnitude)
                    }
                    let start = y * (rowBytes + 1)
                    if costUp <= costSub && costUp <= costNone {
                        output[start] = 2
                        for i in 0..<rowBytes { output[start + 1 + i] = up[i] }
                    } else if costSub <= costNone {
                        output[start] = 1
                        for i in 0..<rowBytes { output[start + 1 + i] = sub[i] }
                    } else {
                        output[start] = 0
                        for i in 0..<rowBytes { output[start + 1 + i] = pixels[row + i] }
                    }
                }
            }
        }
        return out
    }

    private static func deflate(_ data: [UInt8], level: Int32) throws -> [UInt8] {
        var capacity = compressBound(uLong(data.count))
        var out = [UInt8](repeating: 0, count: Int(capacity))
        let status = data.withUnsafeBufferPointer { source in
            out.withUnsafeMutableBufferPointer { destination in
                compress2(destination.baseAddress, &capacity, source.baseAddress, uLong(data.count), level)
            }
        }
        guard status == Z_OK else { throw DrawingError.compression(message: "zlib status \(status)") }
        out.removeLast(out.count - Int(capacity))
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
