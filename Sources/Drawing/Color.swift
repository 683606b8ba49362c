/// A colour with straight (not premultiplied) alpha, each channel in 0...1.
///
/// ```swift
/// let orange = Color(hex: 0xE69F00)
/// let faint = orange.withAlpha(0.3)
/// ```
public struct Color: Hashable, Sendable, CustomStringConvertible {
    public var red: Double
    public var green: Double
    public var blue: Double
    public var alpha: Double

    /// A colour from channels in 0...1; values outside are clamped when drawn.
    public init(red: Double, green: Double, blue: Double, alpha: Double = 1) {
        self.red = red
        self.green = green
        self.blue = blue
        self.alpha = alpha
    }

    /// A colour from a 24-bit `0xRRGGBB` value.
    ///
    /// - Parameters:
    ///   - hex: e.g. `0x0072B2` for Okabe–Ito blue.
    ///   - alpha: opacity in 0...1.
    public init(hex: UInt32, alpha: Double = 1) {
        self.init(
            red: Double((hex >> 16) & 0xFF) / 255,
            green: Double((hex >> 8) & 0xFF) / 255,
            blue: Double(hex & 0xFF) / 255,
            alpha: alpha)
    }

    /// A colour from 8-bit channels, as decoded from a PNG.
    public init(bytes red: UInt8, _ green: UInt8, _ blue: UInt8, _ alpha: UInt8 = 255) {
        self.init(red: Double(red) / 255, green: Double(green) / 255,
                  blue: Double(blue) / 255, alpha: Double(alpha) / 255)
    }

    /// The same colour with another opacity.
    public func withAlpha(_ alpha: Double) -> Color {
        Color(red: red, green: green, blue: blue, alpha: alpha)
    }

    /// Linear interpolation in RGB: `t = 0` gives `self`, `t = 1` gives `other`.
    public func mixed(with other: Color, _ t: Double) -> Color {
        let s: Double = 1 - t
        return Color(red: red * s + other.red * t, green: green * s + other.green * t,
                     blue: blue * s + other.blue * t, alpha: alpha * s + other.alpha * t)
    }

    /// Relative luminance (Rec. 709 weights on the stored values), for greyscale checks.
    public var luminance: Double { 0.2126 * red + 0.7152 * green + 0.0722 * blue }

    /// The largest channel difference to another colour, in 0...1 (alpha included).
    public func distance(to other: Color) -> Double {
        max(abs(red - other.red), abs(green - other.green),
            abs(blue - other.blue), abs(alpha - other.alpha))
    }

    /// The channels as 8-bit values, rounded, clamped.
    public var bytes: (red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8) {
        (Color.byte(red), Color.byte(green), Color.byte(blue), Color.byte(alpha))
    }

    static func byte(_ value: Double) -> UInt8 {
        let clamped: Double = min(max(value, 0), 1)
        return UInt8((clamped * 255).rounded())
    }

    public var description: String {
        let b = bytes
        return "rgba(\(b.red), \(b.green), \(b.blue), \(b.alpha))"
    }

    public static let black = Color(red: 0, green: 0, blue: 0)
    public static let white = Color(red: 1, green: 1, blue: 1)
    public static let clear = Color(red: 0, green: 0, blue: 0, alpha: 0)
}
