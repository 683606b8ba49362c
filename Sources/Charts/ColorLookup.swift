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
/// let (r, g, b, a) = lookup.bytes(for: 0.5)   // viridis's middle colour
/// ```
struct ColorLookup: Sendable {
    private let table: [(red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8)]
    private let bad: (red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8)
    private let isLog: Bool
    private let low: Double
    private let span: Double

    /// - Parameter scale: the colour scale to reproduce.
    init(_ scale: ColorScale) {
        table = scale.map.colors.map(\.bytes)
        bad = scale.map.badColor.bytes
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

    /// The bytes of a value's colour; NaN, ±∞ and non-positive values on a log scale are bad.
    @inline(__always)
    func bytes(for value: Double) -> (red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8) {
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
        let count = table.count
        let clamped: Double = min(max(t, 0), 1)
        let index = min(Int(clamped * Double(count)), count - 1)
        return table[index]
    }
}
