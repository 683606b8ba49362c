import Drawing

/// A scatter or series marker shape.
///
/// ```swift
/// MarkerShape.triangle.addPath(to: canvas, at: Point(x: 10, y: 10), size: 8)
/// canvas.fill(.black)
/// ```
public enum MarkerShape: Hashable, Sendable, CaseIterable {
    case circle
    case square
    case triangle
    case diamond
    case cross

    /// Whether the shape is drawn by stroking (cross) rather than filling.
    public var isStroked: Bool { self == .cross }

    /// Adds the shape's outline centred at `center`; `size` is the overall width.
    public func addPath(to canvas: Canvas, at center: Point, size: Double) {
        let r: Double = size / 2
        switch self {
        case .circle:
            canvas.circle(center: center, radius: r)
        case .square:
            let side: Double = size * 0.85
            canvas.rectangle(Rect(x: center.x - side / 2, y: center.y - side / 2, width: side, height: side))
        case .triangle:
            let h: Double = r * 1.1
            canvas.move(to: Point(x: center.x, y: center.y - h))
            canvas.line(to: Point(x: center.x + h * 0.95, y: center.y + h * 0.65))
            canvas.line(to: Point(x: center.x - h * 0.95, y: center.y + h * 0.65))
            canvas.closePath()
        case .diamond:
            let d: Double = r * 1.15
            canvas.move(to: Point(x: center.x, y: center.y - d))
            canvas.line(to: Point(x: center.x + d * 0.8, y: center.y))
            canvas.line(to: Point(x: center.x, y: center.y + d))
            canvas.line(to: Point(x: center.x - d * 0.8, y: center.y))
            canvas.closePath()
        case .cross:
            canvas.move(to: Point(x: center.x - r, y: center.y - r))
            canvas.line(to: Point(x: center.x + r, y: center.y + r))
            canvas.move(to: Point(x: center.x - r, y: center.y + r))
            canvas.line(to: Point(x: center.x + r, y: center.y - r))
        }
    }

    /// Draws one marker, filled (or stroked for a cross), with an optional outline.
    ///
    /// - Parameter outlineWidth: the outline's width as a share of `size` (default 1/8).
    public func draw(on canvas: Canvas, at center: Point, size: Double, color: Color, outline: Color? = nil,
                     outlineWidth: Double? = nil) {
        addPath(to: canvas, at: center, size: size)
        if isStroked {
            canvas.stroke(color, style: StrokeStyle(width: max(size / 5, 1), cap: .round))
        } else if let outline {
            canvas.fill(color, keepPath: true)
            canvas.stroke(outline, style: StrokeStyle(width: max(size * (outlineWidth ?? 0.125), 0.75)))
        } else {
            canvas.fill(color)
        }
    }
}
