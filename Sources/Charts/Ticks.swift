import Drawing
import Foundation

/// Nice tick values: integer multiples of a 1-2-5 step (Heckbert; d3's `tickIncrement`).
///
/// Values are computed as `i * step` or `i / inverse` from integers, never by accumulating
/// `+= step`, so 0.3 prints as 0.3.
///
/// ```swift
/// Ticks.linear(in: -7.3...12, count: 5).map(\.value) // [-5, 0, 5, 10]
/// Ticks.log(in: 1e-4...3).filter(\.isMajor).count  // 5 decades
/// ```
public enum Ticks {
    /// d3's `tickIncrement`: the step when positive, minus the inverse step when negative
    /// (so 0.05 is returned exactly as -20).
    ///
    /// - Parameters:
    ///   - lower: start of the range.
    ///   - upper: end of the range, greater than `lower`.
    ///   - count: roughly how many ticks are wanted.
    public static func increment(lower: Double, upper: Double, count: Int) -> Double {
        let rawStep: Double = (upper - lower) / Double(max(count, 1))
        guard rawStep > 0, rawStep.isFinite else { return 1 }
        let power: Double = log10(rawStep).rounded(.down)
        let error: Double = rawStep / pow(10, power)
        let factor: Double
        if error >= 50.0.squareRoot() {
            factor = 10
        } else if error >= 10.0.squareRoot() {
            factor = 5
        } else if error >= 2.0.squareRoot() {
            factor = 2
        } else {
            factor = 1
        }
        if power >= 0 { return factor * pow(10, power) }
        return -pow(10, -power) / factor
    }

    /// Linear ticks inside a domain, each labelled: at least two wherever the domain has any
    /// width (matplotlib's `MaxNLocator` asks the same), so that an axis can always be read.
    /// Where the step for `count` leaves fewer, as 0.5 does on 0.05…0.95, the next finer step
    /// of the 1-2-5 series is taken (0.2: 0.2, 0.4, 0.6, 0.8).
    ///
    /// - Parameters:
    ///   - domain: the values to cover; ticks lie inside it.
    ///   - count: roughly how many ticks are wanted.
    public static func linear(in domain: ClosedRange<Double>, count: Int = 5) -> [Tick] {
        let lower = domain.lowerBound
        let upper = domain.upperBound
        // A span that overflows (−1e308…1e308) has no nice step: no ticks rather than a loop.
        guard lower.isFinite, upper.isFinite, (upper - lower).isFinite else { return [] }
        guard upper > lower else {
            return [Tick(value: lower, label: TickFormatter.label(for: lower, step: max(abs(lower), 1)))]
        }
        // Asking for one more tick at a time reaches a finer step within a few asks: by
        // count + 8 the step is at most about a sixth of the span.
        var ticks: [Tick] = []
        for wanted in max(count, 1)...(max(count, 1) + 8) {
            ticks = linear(lower: lower, upper: upper, increment: increment(lower: lower, upper: upper, count: wanted))
            if ticks.count >= 2 { break }
        }
        return ticks
    }

    /// The multiples of a `increment` step (as `increment(lower:upper:count:)` gives it) in
    /// lower…upper.
    private static func linear(lower: Double, upper: Double, increment: Double) -> [Tick] {
        let step: Double = increment > 0 ? increment : -1 / increment
        let values: [Double]
        if increment > 0 {
            var first: Double = (lower / increment).rounded()
            var last: Double = (upper / increment).rounded()
            if first * increment < lower { first += 1 }
            if last * increment > upper { last -= 1 }
            values = first <= last && last - first < 10_000 ? stride(from: first, through: last, by: 1).map { $0 * increment } : []
        } else {
            let inverse: Double = -increment
            var first: Double = (lower * inverse).rounded()
            var last: Double = (upper * inverse).rounded()
            if first / inverse < lower { first += 1 }
            if last / inverse > upper { last -= 1 }
            values = first <= last && last - first < 10_000 ? stride(from: first, through: last, by: 1).map { $0 / inverse } : []
        }
        return values.map { Tick(value: $0, label: TickFormatter.label(for: $0, step: step)) }
    }

    /// Base-10 log ticks: labelled decades (`10^{-4}` …), minor ticks at 2…9 × 10^e when
    /// there are few decades; when decades are many, every k-th is labelled.
    ///
    /// - Parameters:
    ///   - domain: positive values to cover.
    ///   - count: roughly how many labelled ticks are wanted.
    public static func log(in domain: ClosedRange<Double>, count: Int = 6) -> [Tick] {
        let lower = max(domain.lowerBound, Double.leastNormalMagnitude)
        let upper = max(domain.upperBound, lower)
        guard lower.isFinite, upper.isFinite else { return [] }
        let lowLog: Double = log10(lower)
        let highLog: Double = log10(upper)
        let firstDecade = Int((lowLog - 1e-9).rounded(.up))
        let lastDecade = Int((highLog + 1e-9).rounded(.down))
        let decadeCount = max(lastDecade - firstDecade + 1, 0)
        let every = max(1, Int((Double(decadeCount) / Double(max(count, 1))).rounded(.up)))
        // Every k-th decade from a multiple of k (10^-4, 10^-2, 10^0), unless that labels fewer
        // than counting from the first: 10^-3 … 10^-1 by twos labels both ends, not 10^-2 alone.
        let labelledAtMultiples = decadeCount > 0 ? (firstDecade...lastDecade).filter { $0 % every == 0 }.count : 0
        let phase = labelledAtMultiples * every >= decadeCount ? 0 : firstDecade
        var ticks: [Tick] = []
        if decadeCount > 0 {
            for exponent in firstDecade...lastDecade {
                let value = decade(exponent)
                if (exponent - phase) % every == 0 {
                    ticks.append(Tick(value: value, label: TickFormatter.powerOfTen(exponent)))
                } else {
                    ticks.append(Tick(value: value, label: Label.plain(""), isMajor: false))
                }
            }
        }
        let span: Double = highLog - lowLog
        if every == 1 && span <= 6 {
            let labelMinors = ticks.filter(\.isMajor).count < 2
            for exponent in Int(lowLog.rounded(.down))...Int(highLog.rounded(.down)) {
                for mantissa in 2...9 {
                    guard let value = Double("\(mantissa)e\(exponent)"), value >= lower * (1 - 1e-12),
                          value <= upper * (1 + 1e-12) else { continue }
                    // With fewer than two decades in view, label 2 and 5 so the axis can be read.
                    let labelled = labelMinors && (mantissa == 2 || mantissa == 5)
                    let step: Double = decade(exponent)
                    let label = labelled ? TickFormatter.label(for: value, step: step) : Label.plain("")
                    ticks.append(Tick(value: value, label: label, isMajor: labelled))
                }
            }
        }
        return ticks.sorted { $0.value < $1.value }
    }

    /// 10^e parsed from text, so it is the double nearest the decimal power.
    static func decade(_ exponent: Int) -> Double {
        Double("1e\(exponent)") ?? pow(10, Double(exponent))
    }
}
