import Charts
import Drawing
import Foundation
import Testing

private func labels(_ ticks: [Tick]) -> [String] {
    ticks.filter { !$0.label.isEmpty }.map(\.label.description)
}

@Test func unitIntervalTicks() {
    #expect(labels(Ticks.linear(in: 0...1, count: 5)) == ["0", "0.2", "0.4", "0.6", "0.8", "1"])
}

@Test func tenthsTicksHaveNoFloatNoise() {
    let ticks = Ticks.linear(in: 0.1...0.3, count: 5)
    #expect(labels(ticks) == ["0.1", "0.15", "0.2", "0.25", "0.3"])
    #expect(ticks.map(\.value) == [0.1, 0.15, 0.2, 0.25, 0.3])
}

@Test func negativeRangeTicks() {
    #expect(labels(Ticks.linear(in: -7.3...12, count: 5)) == ["\u{2212}5", "0", "5", "10"])
}

@Test("a narrow axis still gets two labelled ticks: a finer step where the one asked for leaves one")
func atLeastTwoTicks() {
    // Two ticks asked on 0.05…0.95 give a step of 0.5, whose only multiple inside is 0.5.
    #expect(labels(Ticks.linear(in: 0.05...0.95, count: 2)) == ["0.2", "0.4", "0.6", "0.8"])
    // 1.3…2.7 with a step of 1 holds only 2; the next finer step, 0.5, holds 1.5, 2, 2.5.
    #expect(labels(Ticks.linear(in: 1.3...2.7, count: 1)) == ["1.5", "2", "2.5"])
    // Where the step asked for already gives two, it stays.
    #expect(labels(Ticks.linear(in: 0...1, count: 2)) == ["0", "0.5", "1"])
}

@Test func logTicksOverFourDecades() {
    let ticks = Ticks.log(in: 1e-4...3)
    let majors = ticks.filter(\.isMajor)
    #expect(labels(majors) == ["$10^{-4}$", "$10^{-3}$", "$10^{-2}$", "$10^{-1}$", "$10^{0}$"])
    #expect(majors.map(\.value) == [1e-4, 1e-3, 1e-2, 1e-1, 1])
    let minors = ticks.filter { !$0.isMajor }.map(\.value)
    #expect(minors.contains(2e-4))
    #expect(minors.contains(9e-2))
    #expect(minors.contains(3))
    #expect(!minors.contains { $0 > 3 })
}

@Test func manyDecadesAreThinned() {
    let majors = Ticks.log(in: 1e-12...1e3, count: 6).filter(\.isMajor)
    #expect(majors.count <= 8)
    #expect(majors.count >= 4)
}

/// A short plot over three decades labels every other one: both ends, not the middle alone
/// (an animation's cost panel read "10^-2" and nothing else).
@Test func thinnedDecadesLabelAsManyAsTheyCan() {
    let labelled = Ticks.log(in: 1e-3...0.3, count: 2).filter { !$0.label.isEmpty }
    #expect(labels(labelled) == ["$10^{-3}$", "$10^{-1}$"])
    // Where multiples of the step label as many, they are kept.
    #expect(labels(Ticks.log(in: 1e-4...1, count: 3).filter { !$0.label.isEmpty }) == ["$10^{-4}$", "$10^{-2}$", "$10^{0}$"])
}

@Test func narrowLogRangeStillLabelled() {
    let labelled = Ticks.log(in: 0.15...0.9).filter { !$0.label.isEmpty }
    #expect(labelled.count >= 2)
    #expect(labels(labelled).allSatisfy { $0.count <= 4 })
}

@Test(arguments: [(0.0, 0.7), (1e-3, 2.3e-3), (-1e5, 3e5), (12.0, 17.0), (-0.003, 0.004), (0.1, 0.7), (3e6, 9e6)])
func labelsAreShortAndExact(range: (Double, Double)) throws {
    let ticks = Ticks.linear(in: range.0...range.1, count: 6)
    #expect(ticks.count >= 2)
    for tick in ticks {
        let text = tick.label.description
        #expect(text.count <= 20, "\(text)")
        #expect(!text.contains("0000001") && !text.contains("99999"), "\(text)")
    }
    // Values are integer multiples of the step, so the differences are all equal.
    let values = ticks.map(\.value)
    let gaps = zip(values, values.dropFirst()).map { $1 - $0 }
    let first = try #require(gaps.first)
    #expect(gaps.allSatisfy { abs($0 - first) <= abs(first) * 1e-9 })
}

@Test func formatterSharedByCompactLabels() {
    #expect(TickFormatter.decimal(-0.0, decimals: 2) == "0")
    #expect(TickFormatter.decimal(0.30000000000000004, decimals: 2) == "0.3")
    #expect(TickFormatter.compact(0.00123).description == "0.00123")
    #expect(TickFormatter.compact(0.000123).description == "$1.23\\times 10^{-4}$")
    #expect(TickFormatter.compact(0.0123).description == "0.0123")
}

@Test func scalesMapBothWays() {
    let linear = Scale(kind: .linear, domain: -1...3, start: 100, end: 500)
    #expect(linear.position(of: 1) == 300)
    #expect(abs(linear.value(at: 400) - 2) < 1e-12)
    let log = Scale(kind: .log, domain: 1e-3...1e-1, start: 500, end: 100)
    #expect(abs(log.position(of: 1e-2) - 300) < 1e-9)
    #expect(abs(log.value(at: 300) - 1e-2) < 1e-15)
    #expect(log.position(of: 0).isNaN)
}

@Test func nicedDomainSnapsOnlyNearRoundEnds() {
    #expect(Scale(kind: .linear, domain: -3...2.95).niced(count: 6).domain == -3...3)
    #expect(Scale(kind: .linear, domain: 0...2.5).niced(count: 6).domain == 0...2.5)
    #expect(Scale(kind: .linear, domain: 0.1...0.298).niced(count: 5).domain == 0.1...0.3)
}

@Test("decimal rounds as String(format:) does, trims zeros and uses a true minus sign")
func decimalMatchesFoundationFormatting() {
    // The straightforward version, built on Foundation, as an independent reference.
    func reference(_ value: Double, _ decimals: Int) -> String {
        var text = String(format: "%.\(decimals)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        if text == "-0" { text = "0" }
        return text.replacingOccurrences(of: "-", with: "\u{2212}")
    }
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    for i in 0..<20_000 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        let magnitude: Double = pow(10, Double(Int(state % 40) - 20))
        let random: Double = (Double(state >> 11) / Double(UInt64(1) << 53) - 0.5) * magnitude
        let decimals = Int((state >> 7) % 16)
        // Random values, tick-like multiples of a step (halfway cases included), and the edges.
        for value in [random, Double(i % 1000) * 0.05, -Double(i % 77) * 0.2, 0.125, -0.0, 1e300, -1e-9, .nan, .infinity] {
            #expect(TickFormatter.decimal(value, decimals: decimals) == reference(value, decimals), "\(value), \(decimals) decimals")
        }
    }
    #expect(TickFormatter.decimal(-2.5, decimals: 1) == "\u{2212}2.5")
}
