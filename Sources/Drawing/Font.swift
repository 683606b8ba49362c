/// A font: an explicit family, a size in canvas units, a weight and a slant.
///
/// Families are never left to fontconfig's defaults, so PNG, SVG and PDF all use the same
/// face. Math inside a `Label` uses `Font.mathFamily` at the same size and weight.
///
/// ```swift
/// let tickFont = Font.sans(size: 14)
/// let titleFont = Font.sans(size: 22, weight: .bold)
/// ```
public struct Font: Hashable, Sendable {
    public enum Weight: Sendable, Hashable { case regular, bold }
    public enum Slant: Sendable, Hashable { case upright, italic }

    public var family: String
    public var size: Double
    public var weight: Weight
    public var slant: Slant

    public init(family: String, size: Double, weight: Weight = .regular, slant: Slant = .upright) {
        self.family = family
        self.size = size
        self.weight = weight
        self.slant = slant
    }

    /// The family for labels.
    public static let sansFamily = "DejaVu Sans"
    /// The family for math: italic for variables, upright for digits and operators.
    public static let mathFamily = "DejaVu Serif"

    /// DejaVu Sans at a size.
    public static func sans(size: Double, weight: Weight = .regular) -> Font {
        Font(family: sansFamily, size: size, weight: weight)
    }

    /// The same font at another size.
    public func withSize(_ size: Double) -> Font {
        Font(family: family, size: size, weight: weight, slant: slant)
    }
}

extension Font {
    /// Checks through fontconfig that a family is installed, so a command can fail early.
    ///
    /// - Parameter family: e.g. `Font.sansFamily`.
    /// - Throws: `DrawingError.fontNotFound`, e.g. "font 'DejaVu Sans' not found; install
    ///   fonts-dejavu-core".
    ///
    /// ```swift
    /// try Font.requireInstalled(family: Font.sansFamily)
    /// ```
    public static func requireInstalled(family: String) throws {
        try FontAvailability.require(family)
    }
}
