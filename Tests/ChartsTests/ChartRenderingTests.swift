import Charts
import Drawing
import Foundation
import Testing
@testable import ChartSamples

private func renderPNG(width: Double = 800, height: Double = 500, scale: Double = 1,
                       _ draw: (Canvas) throws -> Void) throws -> RGBAImage {
    let canvas = try Canvas(width: width, height: height, format: .png, scale: scale)
    try draw(canvas)
    return try RGBAImage(pngData: try canvas.encoded())
}

@Test(arguments: ["light", "dark", "print"])
func backgroundFollowsTheme(name: String) throws {
    let theme = try #require(Theme.named(name))
    let image = try renderPNG { canvas in
        sampleLineChart(series: 2).draw(on: canvas, in: canvas.bounds, theme: theme)
    }
    #expect(image[2, 2] == theme.background)
    #expect(image[image.width - 3, image.height - 3] == theme.background)
}

@Test func costCurveGetsLogAxis() {
    #expect(sampleLineChart().resolvedYScale == .log)
    let flat = LineChart(series: [Series(name: "a", y: [1, 5, 40])])
    #expect(flat.resolvedYScale == .linear)
    let negative = LineChart(series: [Series(name: "a", y: [-1, 5, 4000])])
    #expect(negative.resolvedYScale == .linear)
}

@Test func seriesLineCrossesKnownPixel() throws {
    let theme = Theme.light
    let chart = LineChart(series: [Series(name: "flat", x: [0, 10], y: [0, 10])], yScale: .linear, grid: false)
    let canvas = try Canvas(width: 600, height: 400, format: .png)
    chart.draw(on: canvas, in: canvas.bounds, theme: theme)
    let area = canvas.bounds.inset(by: ChartSizing(for: canvas.bounds).padding)
    let axes = chart.axes().layout(in: area, text: canvas, sizing: ChartSizing(for: canvas.bounds)).axes
    let image = try RGBAImage(pngData: try canvas.encoded())
    let px = Int(axes.x.position(of: 5).rounded(.down))
    let py = Int(axes.y.position(of: 5).rounded(.down))
    #expect(image[px, py].distance(to: theme.palette[0]) < 0.08)
}

@Test func heatmapPixelsMapBackToGridValues() throws {
    let grid = try #require(Grid(columns: 11, rows: 6, x: 0...10, y: 0...5) { x, y in x + 2 * y })
    let colors = ColorScale(map: .viridis, domain: 0...20)
    let heatmap = Heatmap(grid: grid, colors: colors)
    let rect = Rect(x: 10, y: 20, width: 100, height: 50)
    let image = try renderPNG(width: 120, height: 80, scale: 2) { canvas in
        canvas.fillBackground(.white)
        heatmap.draw(on: canvas, in: rect)
    }
    let step: Double = 20.0 / 256
    for (px, py) in [(30, 50), (120, 90), (215, 135), (25, 139)] {
        // Device pixel centre → data coordinates (y grows upwards in the grid).
        let x: Double = (Double(px) + 0.5) / 2 - rect.minX
        let y: Double = rect.maxY - (Double(py) + 0.5) / 2
        let dataX: Double = x / rect.width * 10
        let dataY: Double = y / rect.height * 5
        let expected: Double = dataX + 2 * dataY
        let decoded: Double = colors.value(of: image[px, py])
        #expect(abs(decoded - expected) <= step, "pixel (\(px), \(py)): \(decoded) vs \(expected)")
    }
}

@Test func badCellsGetTheBadColour() throws {
    var values = [Double](repeating: 1, count: 16)
    values[5] = .nan        // column 1, row 1
    values[10] = .infinity  // column 2, row 2
    let grid = try #require(Grid(columns: 4, rows: 4, values: values, x: 0...3, y: 0...3))
    let colors = ColorScale(map: .viridis, domain: 0...2)
    let image = try renderPNG(width: 40, height: 40) { canvas in
        Heatmap(grid: grid, colors: colors).draw(on: canvas, in: canvas.bounds)
    }
    // Grid point (1, 1) sits at x = 1/3 of the width, y = 2/3 of the height from the top.
    #expect(image[13, 26] == ColorMap.viridis.badColor)
    #expect(image[26, 13] == ColorMap.viridis.badColor)
    #expect(image[2, 2].distance(to: colors.color(for: 1)) <= 0.5 / 255)
}

@Test func contourOfACircleIsClosedAndRound() throws {
    let grid = try #require(Grid(columns: 41, rows: 41, x: -2...2, y: -2...2) { x, y in (x * x + y * y).squareRoot() })
    let lines = Contours(grid: grid, levels: [1]).lines(at: 1)
    #expect(lines.count == 1)
    let line = try #require(lines.first)
    #expect(line.first == line.last)
    #expect(line.count > 30)
    for point in line {
        #expect(abs((point.x * point.x + point.y * point.y).squareRoot() - 1) < 0.01)
    }
}

/// The NOT neuron's plateau (both outputs saturated at 1) has cost 0.5 to the last bit, a
/// contour level: which side a point falls is decided by rounding, and a line there would
/// trace the grid. Only edges with an end clearly off the level carry the line.
@Test func aPlateauAtTheLevelDrawsNoStaircase() throws {
    // A plateau at 0.5 with values a unit in the last place either side, in a checkerboard,
    // left of x = 0; right of it the values rise through 0.5 along the line x = 0.5.
    let grid = try #require(Grid(columns: 21, rows: 21, x: -1...1, y: -1...1) { x, y in
        if x < 0 { return (Int((x + 1) * 10 + 0.5) + Int((y + 1) * 10 + 0.5)) % 2 == 0 ? 0.5.nextUp : 0.5.nextDown }
        return x
    })
    let lines = Contours(grid: grid, levels: [0.5]).lines(at: 0.5)
    #expect(lines.count == 1)
    let points = lines.flatMap { $0 }
    #expect(points.allSatisfy { abs($0.x - 0.5) < 1e-12 }, "\(points.filter { abs($0.x - 0.5) >= 1e-12 })")
    // Values far below one: resolved relative to the level, as a log scale's levels need.
    let tiny = try #require(Grid(columns: 21, rows: 21, x: -1...1, y: -1...1) { x, _ in 1e-17 * (1 + x) })
    let tinyLines = Contours(grid: tiny, levels: [1e-17]).lines(at: 1e-17)
    #expect(tinyLines.count == 1 && tinyLines[0].allSatisfy { abs($0.x) < 1e-12 })
}

@Test func contourLevelsAreNiceAndInside() throws {
    let grid = try #require(sampleGrid())
    let levels = Contours.levels(for: grid, count: 8)
    let range = try #require(grid.finiteRange())
    #expect(levels.count >= 4)
    #expect(levels.allSatisfy { range.contains($0) })
    let logLevels = Contours.levels(for: grid, count: 6, kind: .log)
    #expect(logLevels.allSatisfy { [1.0, 2, 5].contains(($0 / pow(10, log10($0).rounded(.down)) * 1000).rounded() / 1000) })
}

@Test func legendAvoidsTheData() {
    let plot = Rect(x: 0, y: 0, width: 400, height: 300)
    // Data crowd the top right.
    let points = (0..<50).map { Point(x: 300 + Double($0), y: 10 + Double($0)) }
    let placed = Legend.bestCorner(width: 100, height: 60, in: plot, avoiding: points, margin: 5)
    #expect(placed.corner != .topRight)
    #expect(!points.contains { placed.box.contains($0) })
}

/// At every size nothing may touch the canvas edge: a label that fell off would leave ink there.
@Test(arguments: [(400.0, 300.0), (640.0, 480.0), (1600.0, 1000.0), (2400.0, 1600.0)])
func nothingFallsOffTheCanvas(size: (Double, Double)) throws {
    let theme = Theme.light
    for draw in [{ (canvas: Canvas) in _ = sampleLineChart(series: 3).draw(on: canvas, in: canvas.bounds, theme: theme) },
                 { (canvas: Canvas) in _ = try sampleHeatmapChart().draw(on: canvas, in: canvas.bounds, theme: theme) }] {
        let image = try renderPNG(width: size.0, height: size.1) { try draw($0) }
        let border = 3
        for y in 0..<image.height {
            for x in 0..<image.width where x < border || y < border || x >= image.width - border || y >= image.height - border {
                if image[x, y] != theme.background {
                    Issue.record("ink at (\(x), \(y)) on a \(size) canvas")
                    return
                }
            }
        }
    }
}

@Test func printThemeSeriesDifferBeyondColour() {
    let styles = (0..<4).map { Theme.print.seriesStyle(at: $0) }
    #expect(Set(styles.map(\.dash)).count == 4)
    #expect(Set(styles.map(\.marker)).count == 4)
}

/// Contours read on any colour map: a level painted dark gets a white line and label, a
/// level painted light a black one (at the theme's opacity).
@Test func contoursContrastWithTheMapUnderThem() throws {
    let grid = try #require(Grid(columns: 40, rows: 40, x: 0...1, y: 0...1) { x, _ in x })
    let chart = HeatmapChart(grid: grid, colors: ColorScale(map: .greys, domain: 0...1), contourLevels: [0.1, 0.9])
    let canvas = try Canvas(width: 600, height: 400, format: .png)
    chart.draw(on: canvas, in: canvas.bounds, theme: .light)
    let recorder = RecordingRenderer()
    recorder.render(canvas.scene)
    // The two contour strokes, in level order: greys runs from black (0) to white (1).
    let strokes: [Color] = recorder.marks.compactMap { mark in
        guard case .path(let path) = mark.kind, case .stroke(let color, _) = path.paint,
              color.alpha == Theme.light.contour.alpha, color.red == color.green, color.green == color.blue else { return nil }
        return color
    }
    #expect(strokes.count == 2)
    #expect(strokes.first?.red == 1, "the dark level's line is white")
    #expect(strokes.last?.red == 0, "the light level's line is black")
    let contourFont = ChartSizing(for: canvas.bounds).contourLabelFont
    let labels = recorder.texts.filter { $0.text.runs.first?.font == contourFont }
    #expect(labels.map(\.text.color.red) == [1, 0])
}
