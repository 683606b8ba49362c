import Charts
import Drawing
import Foundation
import Testing

/// A long line kept as its pixels can show it: the extremes exact, the budget held, and the
/// drawn line the one every point draws.
struct BoundedSeriesTests {
    /// A cost-like run: a decay over three decades with a wobble (a momentum run's) and a
    /// spike, so buckets have lows and highs in their middle, not only at their ends.
    static func cost(_ step: Int) -> Double {
        let t = Double(step)
        let wobble: Double = 1 + 0.3 * sin(t / 37) * exp(-t / 300_000)
        let spike: Double = step == 123_457 ? 40 : 1
        return (0.001 + 2 * exp(-t / 40_000)) * wobble * spike
    }

    @Test("every point is kept up to the exact limit, in order")
    func exact() {
        var series = BoundedSeries(bucketCount: 64)
        for step in 0..<256 { series.append(x: step, y: Self.cost(step)) }
        #expect(series.isExact)
        #expect(series.points == (0..<256).map { BoundedSeries.Point(x: $0, y: Self.cost($0)) })
    }

    @Test("past it: the budget holds, and the first, the last and the extremes are exact")
    func reduced() {
        var series = BoundedSeries(bucketCount: 64)
        let count = 1_000_003
        var low = Double.infinity, high = -Double.infinity
        for step in 0..<count {
            let y = Self.cost(step)
            series.append(x: step, y: y)
            low = min(low, y)
            high = max(high, y)
        }
        let kept = series.points
        #expect(!series.isExact)
        #expect(kept.count <= 4 * 64)
        #expect(kept.first == BoundedSeries.Point(x: 0, y: Self.cost(0)))
        #expect(kept.last == BoundedSeries.Point(x: count - 1, y: Self.cost(count - 1)))
        #expect(kept.map(\.y).min() == low)
        #expect(kept.map(\.y).max() == high)
        #expect(kept.contains(BoundedSeries.Point(x: 123_457, y: Self.cost(123_457))))
        #expect(zip(kept, kept.dropFirst()).allSatisfy { $0.x < $1.x })
        #expect(series.count == count)
    }

    @Test("a line so far ends at the given point, its buckets cut there")
    func through() {
        var series = BoundedSeries(bucketCount: 8, exactLimit: 8)
        for step in 0..<1000 { series.append(x: step, y: Self.cost(step)) }
        let here = BoundedSeries.Point(x: 500, y: Self.cost(500))
        let points = series.points(through: 500, ending: here)
        #expect(points.last == here)
        #expect(points.allSatisfy { $0.x <= 500 })
        #expect(points.first?.x == 0)
    }

    /// The curve of 400 001 costs at 960×540 (scale 1), drawn from every point and from the
    /// reduction a 960-pixel figure keeps. Cairo's stroking is not exactly the same for a
    /// polyline and a thinned copy of it even where the thinning moves nothing (dropping
    /// points inside straight stretches alone changed up to 7 of 255 in about 700 pixels,
    /// whatever the thinning), so the test allows that much and no more: a dropped low, high
    /// or spike changes a column by far more (the spike alone is 255 on its tip).
    @Test("a curve drawn from the reduction has the pixels of the curve drawn from every point")
    func pixels() throws {
        let count = 400_001
        var all: [Double] = []
        all.reserveCapacity(count)
        var series = BoundedSeries(pixels: 960)
        for step in 0..<count {
            let y = Self.cost(step)
            all.append(y)
            series.append(x: step, y: y)
        }
        #expect(!series.isExact)
        let kept = series.points
        let full = Series(name: "cost", x: all.indices.map(Double.init), y: all)
        let reduced = Series(name: "cost", x: kept.map { Double($0.x) }, y: kept.map(\.y))
        func render(_ s: Series) throws -> RGBAImage {
            let canvas = try Canvas(width: 960, height: 540, format: .png, scale: 1)
            LineChart(title: "t", xTitle: "step", yTitle: "cost", series: [s], markLastPoints: true)
                .draw(on: canvas, in: canvas.bounds, theme: .light)
            return try RGBAImage(pngData: try canvas.encoded())
        }
        let a = try render(full), b = try render(reduced)
        var differing = 0, largest = 0
        for i in 0..<a.pixels.count where a.pixels[i] != b.pixels[i] {
            differing += 1
            largest = max(largest, abs(Int(a.pixels[i]) - Int(b.pixels[i])))
        }
        // At most a thousandth of the channel values, each within 8 of 255.
        #expect(largest <= 8 && differing <= 960 * 540 * 4 / 1000, "\(differing) channel values differ, by up to \(largest)")
    }
}
