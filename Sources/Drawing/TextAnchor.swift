/// Which point of a label sits at the position it is drawn at.
///
/// Vertical positions use the label's ink: `.top` is the top of its tallest glyph,
/// `.middle` the middle of its ink, `.bottom` the bottom of its lowest descender.
///
/// ```swift
/// canvas.draw("0.5", font: font, color: .black, at: tick, anchor: .init(.center, .top))
/// ```
public struct TextAnchor: Hashable, Sendable {
    public enum Horizontal: Sendable, Hashable { case left, center, right }
    public enum Vertical: Sendable, Hashable { case top, middle, baseline, bottom }

    public var horizontal: Horizontal
    public var vertical: Vertical

    public init(_ horizontal: Horizontal, _ vertical: Vertical) {
        self.horizontal = horizontal
        self.vertical = vertical
    }

    public static let baselineLeft = TextAnchor(.left, .baseline)
    public static let center = TextAnchor(.center, .middle)
}
