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

    @Test("however wide the plot, a line keeps at most 4 × 65 536 points: cairo's memory for its stroke is bounded with the figure's")
    func widestPlots() {
        for pixels in [960.0, 1920, 2048, 8000, 32_000] {
            var series = BoundedSeries(pixels: pixels)
            for step in 0..<1_000_000 { series.append(x: step, y: Self.cost(step)) }
            #expect(series.points.count <= 4 * 65_536, "\(pixels) pixels: \(series.points.count) points")
            // Thirty-two buckets a column up to 2048 pixels, so up to there the reduction
            // keeps at least two points a bucket's width of a thirty-second column.
            if pixels <= 2048 { #expect(series.points.count >= Int(pixels) * 32, "\(pixels) pixels: \(series.points.count) points") }
        }
    }

    /// The curve of 400 001 costs at 960×540 (scale 1), drawn from every point and from the
    /// reduction a 960-pixel figure keeps. What the reduction must keep is every column's
    /// extremes: so in every pixel column the ink (over half the line's colour) starts and
    /// ends on the same rows, give or take the one row that antialiasing can tip over the
    /// half, and a dropped low, high or spike moves that by far more (the spike alone by
    /// two hundred rows). Cairo's antialiasing of a polyline and of a thinned copy is not
    /// the same even where the thinning moves nothing (up to 11 of 255 on the band's edge at
    /// this geometry, 7 at an earlier one): those edges may differ, on at most a thousandth
    /// of the channel values.
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
        var differing = 0
        for i in 0..<a.pixels.count where a.pixels[i] != b.pixels[i] { differing += 1 }
        #expect(differing <= 960 * 540 * 4 / 1000, "\(differing) channel values differ")
        // The line is blue, (0, 0.45, 0.7), on white, the text and axes grey to black: a pixel
        // is the line's ink when blue exceeds red by half of what the line's colour does.
        func envelope(_ image: RGBAImage, column: Int) -> (Int, Int)? {
            let rows = (0..<image.height).filter { image[column, $0].blue - image[column, $0].red > 0.35 }
            return rows.first.map { ($0, rows.last!) }
        }
        var moved: [String] = []
        for column in 0..<a.width {
            let (top, bottom) = envelope(a, column: column) ?? (-9, -9), (top2, bottom2) = envelope(b, column: column) ?? (-9, -9)
            if abs(top - top2) > 1 || abs(bottom - bottom2) > 1 { moved.append("\(column): \(top)–\(bottom) vs \(top2)–\(bottom2)") }
        }
        let movedColumns = moved.count
        #expect(movedColumns == 0, "columns whose ink starts or ends on other rows: \(moved.prefix(10))")
    }
}
