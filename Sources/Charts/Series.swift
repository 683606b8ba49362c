import Drawing

/// One named set of (x, y) points, drawn as a line, markers, or both.
///
/// Non-finite points (and non-positive ones on a log axis) break the line.
///
/// ```swift
/// let cost = Series(name: "gd, rate 7", x: steps, y: costs)
/// let data = Series(name: "examples", x: xs, y: ys, kind: .markers)
/// ```
public struct Series: Sendable {
    public enum Kind: Hashable, Sendable {
        case line
        case markers
        case lineAndMarkers
    }

    public var name: Label
    public var x: [Double]
    public var y: [Double]
    public var kind: Kind
    /// Overrides the theme's style for this series.
    public var style: SeriesStyle?

    public init(name: Label, x: [Double], y: [Double], kind: Kind = .line, style: SeriesStyle? = nil) {
        self.name = name
        self.x = x
        self.y = y
        self.kind = kind
        self.style = style
    }

    /// A series of `y` against 0, 1, 2, ….
    public init(name: Label, y: [Double], kind: Kind = .line, style: SeriesStyle? = nil) {
        self.init(name: name, x: y.indices.map(Double.init), y: y, kind: kind, style: style)
    }

    /// The number of points drawn (the shorter of `x` and `y`).
    public var count: Int { min(x.count, y.count) }

    /// The last point with finite coordinates.
    public var lastFinitePoint: (x: Double, y: Double)? {
        var index = count - 1
        while index >= 0 {
            if x[index].isFinite && y[index].isFinite { return (x[index], y[index]) }
            index -= 1
        }
        return nil
    }
}
