/// A position in canvas units (PNG pixels before `scale`, SVG px, PDF pt), y downwards.
///
/// ```swift
/// canvas.move(to: Point(x: 10, y: 20))
/// ```
public struct Point: Hashable, Sendable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    public static let zero = Point(x: 0, y: 0)
}
