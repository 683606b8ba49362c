import Drawing
import Foundation

/// Turns tick values into labels; the one formatter behind axes, colour bars and contour labels.
///
/// Labels show as many decimals as the tick step needs and no more (`0.15`, not
/// `0.15000000000000002`), use a true minus sign, and switch to `m × 10^e` for very large or
/// small magnitudes.
///
/// ```swift
/// TickFormatter.label(for: 0.3, step: 0.05).description // "0.3"
/// TickFormatter.powerOfTen(-4).description             // "$10^{-4}$"
/// ```
public enum TickFormatter {
    /// The label of a linear tick.
    ///
    /// - Parameters:
    ///   - value: the tick's value, a multiple of `step`.
    ///   - step: the distance between ticks; decides the decimals.
    public static func label(for value: Double, step: Double) -> Label {
        let magnitude: Double = abs(value)
        let absoluteStep: Double = abs(step)
        if magnitude >= 1e6 || (absoluteStep > 0 && absoluteStep < 1e-4 && magnitude >= absoluteStep) {
            return scientific(value, step: absoluteStep)
        }
        return .plain(decimal(value, decimals: decimals(for: absoluteStep)))
    }

    /// `10^{exponent}` as math.
    public static func powerOfTen(_ exponent: Int) -> Label {
        .math("10^{\(exponent)}")
    }

    /// How many decimals a 1-2-5 step needs: 0.05 → 2, 0.2 → 1, 5 → 0.
    public static func decimals(for step: Double) -> Int {
        guard step > 0, step.isFinite else { return 0 }
        let needed: Double = (-log10(step) - 1e-9).rounded(.up)
        return Int(min(max(needed, 0), 15))
    }

    /// A value with at most `decimals` decimals, trailing zeros trimmed, true minus sign.
    ///
    /// C's `vsnprintf` with "%.*f" (the rounding `String(format:)` uses too) and the trimming
    /// done on its bytes: every frame of an animation formats its tick labels again, and
    /// `String(format:)` with Foundation's string edits took three times as long.
    public static func decimal(_ value: Double, decimals: Int) -> String {
        // 309 digits before the point at most (Double's largest), a sign, the point and up to 40 decimals.
        let capacity = 360
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: capacity) { buffer -> String in
            guard let base = buffer.baseAddress else { return "" }
            let places = Int32(min(max(decimals, 0), 40))
            let written = withVaList([places, value]) { vsnprintf(base, capacity, "%.*f", $0) }
            var bytes = UnsafeRawBufferPointer(start: base, count: Int(min(max(written, 0), Int32(capacity - 1))))
            if bytes.contains(UInt8(ascii: ".")) {
                var end = bytes.count
                while end > 0, bytes[end - 1] == UInt8(ascii: "0") { end -= 1 }
                if end > 0, bytes[end - 1] == UInt8(ascii: ".") { end -= 1 }
                bytes = UnsafeRawBufferPointer(rebasing: bytes[0..<end])
            }
            if bytes.elementsEqual("-0".utf8) { return "0" }
            let text = String(decoding: bytes, as: UTF8.self)
            return bytes.first == UInt8(ascii: "-") ? "\u{2212}" + text.dropFirst() : text
        }
    }

    /// A compact label for a value without a known step, e.g. an annotation: 4 significant
    /// digits, scientific when very large or small.
    public static func compact(_ value: Double) -> Label {
        guard value.isFinite else { return .plain(value.isNaN ? "NaN" : (value > 0 ? "∞" : "−∞")) }
        let magnitude: Double = abs(value)
        if magnitude != 0 && (magnitude < 1e-3 || magnitude >= 1e6) {
            let exponent = Int(log10(magnitude).rounded(.down))
            let mantissa: Double = value / pow(10, Double(exponent))
            let digits = decimal(mantissa, decimals: 3)
            return .math("\(digits)\\times 10^{\(exponent)}")
        }
        let digits: Double = magnitude == 0 ? 0 : log10(magnitude).rounded(.down)
        let decimalsNeeded = Int(max(0, 3 - digits))
        return .plain(decimal(value, decimals: decimalsNeeded))
    }

    private static func scientific(_ value: Double, step: Double) -> Label {
        guard value != 0 else { return .plain("0") }
        let exponent = Int(log10(abs(value)).rounded(.down))
        let scaleFactor: Double = pow(10, Double(exponent))
        let mantissa: Double = value / scaleFactor
        let mantissaStep: Double = step / scaleFactor
        let text = decimal(mantissa, decimals: decimals(for: max(mantissaStep, 1e-3)))
        if text == "1" { return .math("10^{\(exponent)}") }
        if text == "\u{2212}1" { return .math("-10^{\(exponent)}") }
        return .math("\(text)\\times 10^{\(exponent)}")
    }
}
