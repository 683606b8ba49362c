import Charts

/// A rate (or noise) as figures and saved specs show it: six decimals at most for the usual
/// sizes, and Swift's shortest form (`1e+300`) beyond, where decimals would run to hundreds of
/// digits or round to 0.
///
/// ```swift
/// RateText.format(0.5)     // "0.5"
/// RateText.format(1e300)   // "1e+300"
/// ```
enum RateText {
    static func format(_ value: Double) -> String {
        let size = abs(value)
        guard value.isFinite, size < 1e6, size == 0 || size >= 1e-6 else { return "\(value)" }
        return TickFormatter.decimal(value, decimals: 6)
    }
}
