import Drawing
import Foundation
import Testing
@testable import ChartSamples
@testable import Charts

/// A heatmap chart drawn again with only its path changing can keep the layer under the path
/// (`HeatmapChart.baseLayer`): what it puts back must be exactly what drawing gives.
struct LayerCacheTests {
    /// A panel at a fractional place, as an animation's cells are, drawn as a frame draws it.
    static func frame(scale: Double, _ draw: (Canvas, Rect) -> Void) throws -> RGBAImage {
        let canvas = try Canvas(width: 700, height: 420, format: .png, scale: scale)
        canvas.fillBackground(Theme.light.background)
        let panel = Rect(x: 20.25, y: 13.6, width: 431.3, height: 333.7)
        canvas.withState {
            canvas.clip(to: panel)
            draw(canvas, panel)
        }
        return try canvas.image()
    }

    static func frame(_ chart: HeatmapChart, scale: Double) throws -> RGBAImage {
        try frame(scale: scale) { chart.draw(on: $0, in: $1, theme: .light) }
    }

    static func frame(_ chart: LineChart, scale: Double) throws -> RGBAImage {
        try frame(scale: scale) { chart.draw(on: $0, in: $1, theme: .light) }
    }

    @Test("frames drawn through the cache have exactly the pixels of frames drawn in full", arguments: [1.0, 2.0])
    func cachedEqualsDrawn(scale: Double) throws {
        var chart = try sampleHeatmapChart()
        let full = try #require(chart.paths.first)
        let cache = LayerCache()
        var cached = chart
        cached.baseLayer = cache
        // The path grows frame by frame; the first frame fills the cache, the others use it.
        for count in [5, 17, 40] {
            let path = Series(name: full.name, x: Array(full.x.prefix(count)), y: Array(full.y.prefix(count)))
            chart.paths = [path]
            cached.paths = [path]
            let expected = try Self.frame(chart, scale: scale)
            let got = try Self.frame(cached, scale: scale)
            #expect(got.pixels == expected.pixels, "frame with \(count) path points at scale \(scale)")
        }
    }

    @Test("a different canvas size does not take another size's pixels")
    func sizeIsPartOfTheKey() throws {
        var chart = try sampleHeatmapChart()
        chart.baseLayer = LayerCache()
        _ = try Self.frame(chart, scale: 1)
        var plain = chart
        plain.baseLayer = nil
        #expect(try Self.frame(chart, scale: 2).pixels == Self.frame(plain, scale: 2).pixels)
    }

    @Test("a line chart over held axes, drawn through the cache as its curve grows, has the pixels of one drawn in full")
    func lineChartCachedEqualsDrawn() throws {
        let all = Series(name: "cost", x: (0..<200).map(Double.init), y: (0..<200).map { 0.5 * exp(-Double($0) / 40) + 0.01 })
        var chart = LineChart(title: "The training curve", subtitle: "", xTitle: "step", yTitle: "cost $C$", series: [],
                              markLastPoints: true)
        chart.fitting = [all]
        var cached = chart
        cached.baseLayer = LayerCache()
        for count in [3, 60, 200] {
            let part = Series(name: "cost", x: Array(all.x.prefix(count)), y: Array(all.y.prefix(count)))
            chart.series = [part]
            cached.series = [part]
            #expect(try Self.frame(cached, scale: 1).pixels == Self.frame(chart, scale: 1).pixels, "curve of \(count) points")
        }
    }

    @Test("fixed series drawn into the cached layer: each frame has the pixels of one drawn in full")
    func fixedSeriesCachedEqualsDrawn() throws {
        let t = (0..<60).map { Double($0) / 60 * 2 * Double.pi }
        let targets = Series(name: "target", x: t.map { 0.5 + 0.4 * cos($0) }, y: t.map { 0.5 + 0.4 * sin($0) },
                             kind: .lineAndMarkers)
        var chart = LineChart(title: "What it computes", subtitle: "", xTitle: "a1", yTitle: "a2", series: [], yScale: .linear)
        chart.alwaysShowLegend = true
        chart.equalAspect = true
        chart.fitting = [Series(name: "", x: [0, 1], y: [0, 1])]
        chart.fixedSeries = 1
        var cached = chart
        cached.baseLayer = LayerCache()
        for radius in [0.1, 0.25, 0.38] {
            // The network's curve, over the targets: a smaller circle each frame.
            let curve = Series(name: "network", x: t.map { 0.5 + radius * cos($0) }, y: t.map { 0.5 + radius * sin($0) })
            chart.series = [targets, curve]
            cached.series = [targets, curve]
            #expect(try Self.frame(cached, scale: 1).pixels == Self.frame(chart, scale: 1).pixels, "radius \(radius)")
        }
    }
}
