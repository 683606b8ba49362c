import Drawing
import Foundation

/// A colour scale prepared for millions of lookups: the map's colours as bytes and the
/// scale's constants (log10 of the domain's ends) computed once.
///
/// Gives exactly the bytes of `scale.color(for: value).bytes`, through the same arithmetic
/// in the same order, only without re-deriving the constants and rounding the colour per
/// pixel; a heatmap of a 1024² grid at 1600×1200 pixels spent most of its time there.
///
/// ```swift
/// let lookup = ColorLookup(ColorScale(map: .viridis, domain: 0...1))
/// let pixel = lookup.pixel(for: 0.5)   // viridis's middle colour, as RGBA bytes in memory order
/// ```
struct ColorLookup: Sendable {
    /// The colours as pixels: R, G, B, A bytes in memory order, so one 32-bit store writes one
    /// `RGBAImage` pixel.
    private let table: [UInt32]
    private let bad: UInt32
    private let isLog: Bool
    private let low: Double
    private let span: Double

    /// - Parameter scale: the colour scale to reproduce.
    init(_ scale: ColorScale) {
        table = scale.map.colors.map(Self.pixel)
        bad = Self.pixel(scale.map.badColor)
        let domain = scale.domain
        switch scale.kind {
        case .linear:
            isLog = false
            low = domain.lowerBound
            span = domain.upperBound - domain.lowerBound
        case .log:
            isLog = true
            let lowLog: Double = log10(domain.lowerBound)
            let highLog: Double = log10(domain.upperBound)
            low = lowLog
            span = highLog - lowLog
        }
    }

    private static func pixel(_ color: Color) -> UInt32 {
        let b = color.bytes
        return UInt32(littleEndian: UInt32(b.red) | UInt32(b.green) << 8 | UInt32(b.blue) << 16 | UInt32(b.alpha) << 24)
    }

    /// The pixel of a value's colour; NaN, ±∞ and non-positive values on a log scale are bad.
    @inline(__always)
    func pixel(for value: Double) -> UInt32 {
        guard value.isFinite else { return bad }
        let t: Double
        if isLog {
            guard value > 0 else { return bad }
            t = (log10(value) - low) / span
        } else {
            t = (value - low) / span
        }
        guard !t.isNaN else { return bad }
        // As ColorMap.color(at:): the bin that t falls into, the ends clamped.
        return table.withUnsafeBufferPointer { colors in
            let count = colors.count
            let clamped: Double = min(max(t, 0), 1)
            return colors[min(Int(clamped * Double(count)), count - 1)]
        }
    }
}
