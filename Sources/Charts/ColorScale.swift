import Drawing

/// Maps data values to colours through a colour map: linearly, on a log scale, or
/// diverging around 0 (symmetric ±max by default).
///
/// ```swift
/// let costColors = ColorScale(map: .viridis, domain: 0.01...2, kind: .log)
/// let weightColors = ColorScale.diverging(map: .redBlue, values: [-0.5, 1.3])  // ±1.3
/// weightColors.color(for: 0)  // the map's middle colour
/// ```
public struct ColorScale: Hashable, Sendable {
    public var map: ColorMap
    public var scale: Scale

    /// - Parameters:
    ///   - map: the colours.
    ///   - domain: the values at the map's two ends.
    ///   - kind: `.linear` or `.log` (positive domain).
    public init(map: ColorMap, domain: ClosedRange<Double>, kind: Scale.Kind = .linear) {
        self.map = map
        self.scale = Scale(kind: kind, domain: domain, start: 0, end: 1)
    }

    /// A linear scale centred at 0 from −m to m, where m is the largest |value| (or `magnitude`).
    public static func diverging(map: ColorMap = .redBlue, values: [Double] = [], magnitude: Double? = nil) -> ColorScale {
        let largest: Double = magnitude ?? values.filter(\.isFinite).map(abs).max() ?? 1
        let m: Double = largest > 0 ? largest : 1
        return ColorScale(map: map, domain: -m...m, kind: .linear)
    }

    /// A scale covering the finite values (positive ones for log).
    public static func fitting(_ values: [Double], map: ColorMap, kind: Scale.Kind = .linear) -> ColorScale {
        let usable = values.filter { $0.isFinite && (kind == .linear || $0 > 0) }
        let low = usable.min() ?? 0
        let high = usable.max() ?? 1
        return ColorScale(map: map, domain: low...high, kind: kind)
    }

    public var domain: ClosedRange<Double> { scale.domain }
    public var kind: Scale.Kind { scale.kind }

    /// The colour of a value; NaN, ±∞ and non-positive values on a log scale are bad.
    public func color(for value: Double) -> Color {
        guard value.isFinite else { return map.badColor }
        let t: Double = scale.normalized(value)
        return t.isNaN ? map.badColor : map.color(at: t)
    }

    /// The value a colour stands for, to within one colour-map bin (for tests).
    public func value(of color: Color) -> Double {
        let t: Double = map.position(of: color)
        return scale.value(at: t)
    }
}
