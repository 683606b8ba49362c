import Foundation

/// Maps data values to canvas positions, linearly or on a base-10 log scale, and back.
///
/// - Parameters:
///   - kind: `.linear` or `.log`.
///   - domain: the data interval (positive for log).
///   - start: the canvas position of `domain.lowerBound`.
///   - end: the canvas position of `domain.upperBound` (smaller than `start` for y axes).
///
/// ```swift
/// let y = Scale(kind: .log, domain: 1e-3...0.1, start: 500, end: 50)
/// y.position(of: 1e-2) // 275
/// y.value(at: 275)     // 0.01
/// ```
public struct Scale: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case linear
        case log
    }

    public var kind: Kind
    public var domain: ClosedRange<Double>
    public var start: Double
    public var end: Double
    /// Ticks only at whole numbers (a count of examples, of steps): no 1.5th example.
    public var wholeNumbers = false

    public init(kind: Kind, domain: ClosedRange<Double>, start: Double = 0, end: Double = 1) {
        self.kind = kind
        self.domain = Scale.usable(domain, kind: kind)
        self.start = start
        self.end = end
    }

    /// The canvas position of a value; NaN for non-positive values on a log scale.
    public func position(of value: Double) -> Double {
        let t: Double = normalized(value)
        return start + t * (end - start)
    }

    /// Where a value lies in the domain: 0 at the lower bound, 1 at the upper.
    public func normalized(_ value: Double) -> Double {
        switch kind {
        case .linear:
            return (value - domain.lowerBound) / (domain.upperBound - domain.lowerBound)
        case .log:
            guard value > 0 else { return .nan }
            let low: Double = log10(domain.lowerBound)
            let high: Double = log10(domain.upperBound)
            return (log10(value) - low) / (high - low)
        }
    }

    /// The value at a canvas position.
    public func value(at position: Double) -> Double {
        let t: Double = (position - start) / (end - start)
        switch kind {
        case .linear:
            return domain.lowerBound + t * (domain.upperBound - domain.lowerBound)
        case .log:
            let low: Double = log10(domain.lowerBound)
            let high: Double = log10(domain.upperBound)
            return pow(10, low + t * (high - low))
        }
    }

    /// The same scale spread over other canvas positions.
    public func spanning(_ start: Double, _ end: Double) -> Scale {
        var scale = Scale(kind: kind, domain: domain, start: start, end: end)
        scale.wholeNumbers = wholeNumbers
        return scale
    }

    /// Ticks for this scale, about `count` labelled ones.
    public func ticks(count: Int) -> [Tick] {
        switch kind {
        case .linear:
            let ticks = Ticks.linear(in: domain, count: count)
            guard wholeNumbers, ticks.contains(where: { $0.value != $0.value.rounded() }) else { return ticks }
            // A step under 1, so a short domain: each whole number in it.
            return stride(from: domain.lowerBound.rounded(.up), through: domain.upperBound.rounded(.down), by: 1)
                .map { Tick(value: $0, label: TickFormatter.label(for: $0, step: 1)) }
        case .log: return Ticks.log(in: domain, count: count)
        }
    }

    /// The scale with a linear domain widened to the nearest tick multiples, but only where that
    /// adds at most `tolerance` of the span (so 0…2.95 becomes 0…3, while 0…2.5 stays).
    ///
    /// - Parameters:
    ///   - count: the tick count the axis will ask for.
    ///   - tolerance: the largest widening per end, as a fraction of the span.
    public func niced(count: Int, tolerance: Double = 0.03) -> Scale {
        guard kind == .linear else { return self }
        let low = domain.lowerBound
        let high = domain.upperBound
        let increment = Ticks.increment(lower: low, upper: high, count: count)
        let span: Double = high - low
        let niceLow: Double
        let niceHigh: Double
        if increment > 0 {
            niceLow = (low / increment).rounded(.down) * increment
            niceHigh = (high / increment).rounded(.up) * increment
        } else {
            let inverse: Double = -increment
            niceLow = (low * inverse).rounded(.down) / inverse
            niceHigh = (high * inverse).rounded(.up) / inverse
        }
        let newLow: Double = low - niceLow <= span * tolerance ? niceLow : low
        let newHigh: Double = niceHigh - high <= span * tolerance ? niceHigh : high
        var scale = Scale(kind: kind, domain: newLow...newHigh, start: start, end: end)
        scale.wholeNumbers = wholeNumbers
        return scale
    }

    /// A domain the scale can use: finite, positive for log, and not empty.
    static func usable(_ domain: ClosedRange<Double>, kind: Kind) -> ClosedRange<Double> {
        var low = domain.lowerBound.isFinite ? domain.lowerBound : 0
        var high = domain.upperBound.isFinite ? domain.upperBound : low + 1
        switch kind {
        case .linear:
            if high <= low {
                let pad: Double = low == 0 ? 1 : abs(low) * 0.1
                low -= pad
                high += pad
            }
        case .log:
            if low <= 0 { low = high > 0 ? high / 1000 : 1 }
            if high <= low { high = low * 10; low /= 10 }
        }
        return low...high
    }
}
