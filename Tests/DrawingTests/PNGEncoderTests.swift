@testable import Drawing
import Testing

/// The encoder's own output, decoded by libpng (through cairo), which checks every chunk's
/// CRC and the zlib stream's checksum.
struct PNGEncoderTests {
    /// Cairo's pixel words (0xAARRGGBB, premultiplied) from SplitMix64: noise, which no
    /// deflate can shrink, so the output runs past the input's size.
    static func noise(width: Int, height: Int, transparentEvery: Int? = nil) -> [UInt32] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        return (0..<(width * height)).map { index in
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            if let every = transparentEvery, index % every == 0 { return 0 }
            return 0xFF00_0000 | UInt32(truncatingIfNeeded: z) & 0x00FF_FFFF
        }
    }

    static func encodeAndDecode(_ words: [UInt32], width: Int, height: Int) throws -> RGBAImage {
        let png = try words.withUnsafeBytes { bytes in
            try PNGEncoder.encode(pixels: bytes.bindMemory(to: UInt8.self).baseAddress!, width: width, height: height,
                                  stride: width * 4, alpha: true, text: [("Software", "netfig test")], level: 2)
        }
        return try RGBAImage(pngData: png)
    }

    @Test("incompressible pixels, RGB (opaque) and RGBA, small and several megabytes, decode to themselves",
          arguments: [(7, 5, nil), (1200, 900, nil), (301, 203, 3)] as [(Int, Int, Int?)])
    func noiseRoundTrips(width: Int, height: Int, transparentEvery: Int?) throws {
        let words = Self.noise(width: width, height: height, transparentEvery: transparentEvery)
        let image = try Self.encodeAndDecode(words, width: width, height: height)
        #expect(image.width == width && image.height == height)
        let expected = words.flatMap { word -> [UInt8] in
            [UInt8(truncatingIfNeeded: word >> 16), UInt8(truncatingIfNeeded: word >> 8), UInt8(truncatingIfNeeded: word),
             UInt8(truncatingIfNeeded: word >> 24)]
        }
        #expect(image.pixels == expected)
    }
}
