/// A piece of a laid-out label: one string in one font at an offset from the label's origin.
///
/// `x` grows to the right; `y` is the baseline shift, negative for superscripts.
public struct TextRun: Equatable, Sendable {
    public var text: String
    public var font: Font
    public var x: Double
    public var y: Double

    public init(text: String, font: Font, x: Double, y: Double) {
        self.text = text
        self.font = font
        self.x = x
        self.y = y
    }
}
