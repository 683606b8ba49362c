/// How a path is stroked: width, dash pattern, caps and joins.
///
/// - Parameters:
///   - width: line width in canvas units.
///   - dash: alternating on/off lengths in canvas units; empty for a solid line.
///   - cap: how open ends look.
///   - join: how corners look.
///
/// ```swift
/// canvas.stroke(.black, style: StrokeStyle(width: 2, dash: [6, 3], cap: .round))
/// ```
public struct StrokeStyle: Hashable, Sendable {
    public enum LineCap: Sendable, Hashable { case butt, round, square }
    public enum LineJoin: Sendable, Hashable { case miter, round, bevel }

    public var width: Double
    public var dash: [Double]
    public var cap: LineCap
    public var join: LineJoin

    public init(width: Double = 1, dash: [Double] = [], cap: LineCap = .butt, join: LineJoin = .miter) {
        self.width = width
        self.dash = dash
        self.cap = cap
        self.join = join
    }
}
