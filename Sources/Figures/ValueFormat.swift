import Charts
import Drawing
import Foundation

/// Numbers on a diagram: a given number of significant digits, trailing zeros trimmed, a true
/// minus sign, and `m × 10^e` for magnitudes below 10⁻⁴ or from 10⁵ up.
///
/// - Parameter digits: significant digits, 1…15.
///
/// ```swift
/// ValueFormat(digits: 3).label(0.76159416)   // "0.762"
/// ValueFormat(digits: 3).label(-2.5)         // "−2.5"
/// ValueFormat(digits: 2).label(0.0000123)    // "1.2 × 10⁻⁵" (as math)
/// ```
public struct ValueFormat: Hashable, Sendable {
    public var digits: Int

    public init(digits: Int) {
        self.digits = min(max(digits, 1), 15)
    }

    public func label(_ value: Double) -> Label {
        guard value.isFinite else { return .plain(value.isNaN ? "NaN" : (value > 0 ? "∞" : "−∞")) }
        let magnitude: Double = abs(value)
        if magnitude == 0 { return .plain("0") }
        let exponent = Int(log10(magnitude).rounded(.down))
        if exponent < -4 || exponent >= 5 {
            let mantissa: Double = value / pow(10, Double(exponent))
            let text = TickFormatter.decimal(mantissa, decimals: digits - 1)
            return .math("\(text)\\times 10^{\(exponent)}")
        }
        let decimals = max(0, digits - 1 - exponent)
        return .plain(TickFormatter.decimal(value, decimals: decimals))
    }

    /// "[0.3, 0.4, 0.1]", shortened to the first `limit` values and a count for long vectors.
    public func vector(_ values: [Double], limit: Int = 4) -> Label {
        var label = Label.plain("[")
        for (index, value) in values.prefix(limit).enumerated() {
            if index > 0 { label = label + Label.plain(", ") }
            label = label + self.label(value)
        }
        if values.count > limit { label = label + Label.plain(", … (\(values.count) values)") }
        return label + Label.plain("]")
    }
}
