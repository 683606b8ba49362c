/// Cairo keeps pixels as premultiplied ARGB32 words; PNG files and `RGBAImage` want straight
/// (unpremultiplied) RGBA bytes. One conversion serves both.
enum PremultipliedARGB {
    /// Writes one pixel's straight RGBA to `out[0…3]`, rounding to nearest; a fully transparent
    /// pixel becomes 0, 0, 0, 0.
    ///
    /// - Parameters:
    ///   - word: the ARGB32 word (alpha in the top byte, colours premultiplied by it).
    ///   - alpha: the pixel's alpha, 0…255 (255 for cairo's RGB24 surfaces, whose top byte is unused).
    @inline(__always)
    static func unpremultiply(_ word: UInt32, alpha: UInt32, into out: UnsafeMutablePointer<UInt8>) {
        out[3] = UInt8(alpha)
        guard alpha > 0 else {
            out[0] = 0
            out[1] = 0
            out[2] = 0
            return
        }
        let red = (word >> 16) & 0xFF
        let green = (word >> 8) & 0xFF
        let blue = word & 0xFF
        out[0] = UInt8(min((red * 255 + alpha / 2) / alpha, 255))
        out[1] = UInt8(min((green * 255 + alpha / 2) / alpha, 255))
        out[2] = UInt8(min((blue * 255 + alpha / 2) / alpha, 255))
    }
}
