import Drawing
import Foundation
import Testing
@testable import ChartSamples
@testable import Charts

/// A chart drawn again and again with only its data changing (an animation's panel) can keep
/// its base layer as pixels: what the cache puts back must be exactly what drawing gives.
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

    /// The chart's base and data drawn as an animation's frame draws them (contour labels
    /// independent of the moving path), directly or with the base through `cache`.
    static func frame(_ chart: HeatmapChart, scale: Double, cache: LayerCache? = nil) throws -> RGBAImage {
        try frame(scale: scale) { canvas, rect in
            let placed = chart.layout(in: rect, text: canvas)
            guard let cache else {
                chart.emitBase(placed, on: canvas, theme: .light)
                return chart.emitData(placed, on: canvas, theme: .light)
            }
            LayerCache.draw(cache, on: canvas, under: rect) { chart.emitBase(placed, on: canvas, theme: .light) }
            chart.emitData(placed, on: canvas, theme: .light)
        }
    }

    static func frame(_ chart: LineChart, scale: Double, cache: LayerCache? = nil, steady: Int = 0) throws -> RGBAImage {
        try frame(scale: scale) { canvas, rect in
            let placed = chart.layout(in: rect, text: canvas)
            guard let cache else { return chart.emit(placed, on: canvas, theme: .light) }
            LayerCache.draw(cache, on: canvas, under: rect) {
                chart.emitBase(placed, on: canvas, theme: .light, throughSeries: steady)
            }
            chart.emitData(placed, on: canvas, theme: .light, fromSeries: steady)
        }
    }

    @Test("frames drawn through the cache have exactly the pixels of frames drawn in full", arguments: [1.0, 2.0])
    func cachedEqualsDrawn(scale: Double) throws {
        var chart = try sampleHeatmapChart()
        let full = try #require(chart.paths.first)
        let cache = LayerCache()
        // The path grows frame by frame; the first frame fills the cache, the others use it.
        for count in [5, 17, 40] {
            chart.paths = [Series(name: full.name, x: Array(full.x.prefix(count)), y: Array(full.y.prefix(count)))]
            let expected = try Self.frame(chart, scale: scale)
            let got = try Self.frame(chart, scale: scale, cache: cache)
            #expect(got.pixels == expected.pixels, "frame with \(count) path points at scale \(scale)")
        }
    }

    @Test("the cache puts pixels back: a base drawn differently after the first frame does not show")
    func cacheIsUsed() throws {
        let chart = try sampleHeatmapChart()
        let cache = LayerCache()
        _ = try Self.frame(chart, scale: 1, cache: cache)
        var other = chart
        other.grid = try #require(sampleGrid(withHole: false))
        // Through the cache, the second frame shows the first frame's heatmap, not its own:
        // proof that the equalities above compare kept pixels, not a second drawing.
        #expect(try Self.frame(other, scale: 1, cache: cache).pixels != Self.frame(other, scale: 1).pixels)
    }

    @Test("a different canvas size does not take another size's pixels")
    func sizeIsPartOfTheKey() throws {
        let chart = try sampleHeatmapChart()
        let cache = LayerCache()
        _ = try Self.frame(chart, scale: 1, cache: cache)
        #expect(try Self.frame(chart, scale: 2, cache: cache).pixels == Self.frame(chart, scale: 2).pixels)
    }

    @Test("a line chart over fixed axes, drawn through the cache as its curve grows, has the pixels of one drawn in full")
    func lineChartCachedEqualsDrawn() throws {
        let all = Series(name: "cost", x: (0..<200).map(Double.init), y: (0..<200).map { 0.5 * exp(-Double($0) / 40) + 0.01 })
        var chart = LineChart(title: "The training curve", subtitle: "", xTitle: "step", yTitle: "cost $C$", series: [],
                              markLastPoints: true)
        chart.fixedAxes = chart.axes(holding: [all])
        let cache = LayerCache()
        for count in [3, 60, 200] {
            chart.series = [Series(name: "cost", x: Array(all.x.prefix(count)), y: Array(all.y.prefix(count)))]
            #expect(try Self.frame(chart, scale: 1, cache: cache).pixels == Self.frame(chart, scale: 1).pixels, "curve of \(count) points")
        }
    }

    @Test("steady series drawn into the cached layer: each frame has the pixels of one drawn in full")
    func steadySeriesCachedEqualsDrawn() throws {
        let t = (0..<60).map { Double($0) / 60 * 2 * Double.pi }
        let targets = Series(name: "target", x: t.map { 0.5 + 0.4 * cos($0) }, y: t.map { 0.5 + 0.4 * sin($0) },
                             kind: .lineAndMarkers)
        var chart = LineChart(title: "What it computes", subtitle: "", xTitle: "a1", yTitle: "a2", series: [], yScale: .linear)
        chart.alwaysShowLegend = true
        chart.equalAspect = true
        chart.fixedAxes = chart.axes(holding: [Series(name: "", x: [0, 1], y: [0, 1])])
        let cache = LayerCache()
        for radius in [0.1, 0.25, 0.38] {
            // The network's curve, over the targets: a smaller circle each frame.
            let curve = Series(name: "network", x: t.map { 0.5 + radius * cos($0) }, y: t.map { 0.5 + radius * sin($0) })
            chart.series = [targets, curve]
            #expect(try Self.frame(chart, scale: 1, cache: cache, steady: 1).pixels == Self.frame(chart, scale: 1).pixels,
                    "radius \(radius)")
        }
    }
}
