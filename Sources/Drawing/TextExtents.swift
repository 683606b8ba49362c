/// The size of a laid-out label, in canvas units.
///
/// - `width`: the advance width (where the next label would start).
/// - `ascent`: how far the ink reaches above the baseline (≥ 0).
/// - `descent`: how far the ink reaches below the baseline (≥ 0).
///
/// ```swift
/// let e = canvas.measure(.math("a^{(1)}_2"), font: .sans(size: 20))
/// let boxHeight = e.ascent + e.descent
/// ```
public struct TextExtents: Hashable, Sendable {
    public var width: Double
    public var ascent: Double
    public var descent: Double

    public init(width: Double, ascent: Double, descent: Double) {
        self.width = width
        self.ascent = ascent
        self.descent = descent
    }

    /// Ink height: ascent plus descent.
    public var height: Double { ascent + descent }
}
