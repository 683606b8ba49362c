import Charts
import Drawing
import Foundation
import NetworkEngine
import Testing
@testable import Figures

struct CostSurfaceFigureTests {
    static let heart = Network.random(shape: [1, 6, 7, 2], activations: [.sigmoid, .sigmoid, .sigmoid], seed: 1, scale: 0.5)
    static let data = BuiltInSet.heart.generate(count: 100, noise: 0, seed: 1)
    static let w = ParameterName.weight(layer: 3, row: 1, column: 1)
    static let b = ParameterName.bias(layer: 3, index: 1)

    func render(_ figure: CostSurfaceFigure, theme: Theme = .light) throws -> (RGBAImage, Axes, ColorScale) {
        let canvas = try Canvas(width: 960, height: 540, format: .png, scale: 1)
        figure.draw(on: canvas, theme: theme)
        let chart = try #require(figure.chart(theme: theme))
        let axes = chart.layout(in: canvas.bounds, text: canvas).axes
        return (try canvas.image(), axes, chart.resolvedColors(theme: theme))
    }

    @Test("a heatmap pixel at a grid point maps back through the colour map to the engine's cost there", arguments: ["light", "dark"])
    func pixelsAreCosts(_ themeName: String) throws {
        let theme = try #require(Theme.named(themeName))
        let surface = CostSurface(network: Self.heart, data: Self.data, x: Self.w, y: Self.b, xRange: -4...4, yRange: -3...3, resolution: (x: 9, y: 7))
        var figure = CostSurfaceFigure(surface: surface, network: Self.heart, title: "t", subtitle: "s", contours: 0)
        figure.markMinimum = false
        let (image, axes, colors) = try render(figure, theme: theme)
        let span: Double = colors.domain.upperBound - colors.domain.lowerBound
        let oneStep: Double = span / 255
        let grid = try #require(figure.grid)
        // Interior grid points (the frame covers the outermost pixels).
        for row in 1..<6 {
            for column in 1..<8 {
                var network = Self.heart
                network[Self.w] = surface.xValue(column)
                network[Self.b] = surface.yValue(row)
                let cost = network.cost(Self.data)
                #expect(grid.value(column: column, row: row) == cost, "(\(column), \(row)): grid holds the engine's cost")
                // The pixel holding the grid point shows the surface at its centre, up to half
                // a pixel away: the cost there, bilinear between grid points as the heatmap
                // draws it.
                let px = Int(axes.x.position(of: surface.xValue(column)))
                let py = Int(axes.y.position(of: surface.yValue(row)))
                let shown = colors.value(of: image[px, py])
                let atCentre = grid.interpolated(x: axes.x.value(at: Double(px) + 0.5), y: axes.y.value(at: Double(py) + 0.5))
                #expect(abs(shown - atCentre) <= oneStep, "(\(column), \(row)): pixel says \(shown), surface \(atCentre)")
                #expect(abs(atCentre - cost) <= span / 50, "(\(column), \(row)): half a pixel from the grid point")
            }
        }
    }

    @Test("the path's end marker sits where the descent ended, its start where the spec's values are")
    func pathEnds() throws {
        let path = try DescentPath(network: Self.heart, data: Self.data, x: Self.w, y: Self.b, options: TrainingOptions(rate: 7, steps: 300))
        let surface = CostSurface(network: Self.heart, data: Self.data, x: Self.w, y: Self.b, xRange: -3...3, yRange: -3...3, resolution: (x: 64, y: 64))
        let figure = CostSurfaceFigure(surface: surface, path: path, network: Self.heart, title: "t", subtitle: "s", contours: 0)
        let (image, axes, _) = try render(figure)
        let end = try #require(path.points.last)
        #expect(abs(end.x - path.points[0].x) > 0.3, "the descent should move visibly")
        // The start marker is white, the end marker the orange the path ends in (the path is
        // coloured by step between them), each with a dark outline; viridis has neither.
        for (point, color) in [(end, CostSurfaceFigure.pathEnd), (path.points[0], Color.white)] {
            let px = Int(axes.x.position(of: point.x))
            let py = Int(axes.y.position(of: point.y))
            #expect(image[px, py].distance(to: color) < 0.05, "no marker at (\(point.x), \(point.y)): \(image[px, py])")
        }
    }

    @Test("CSV rows are x,y,cost under the parameters' names, in full precision")
    func csv() {
        let surface = CostSurface(network: Self.heart, data: Self.data, x: Self.w, y: Self.b, xRange: 0...1, yRange: 0...2, resolution: (x: 2, y: 3))
        let lines = CostSurfaceFigure(surface: surface, network: Self.heart, title: "", subtitle: "").csv.split(separator: "\n")
        #expect(lines.count == 7)
        #expect(lines[0] == "W3[1,1],b3[1],cost")
        #expect(lines[1] == "0.0,0.0,\(surface.value(column: 0, row: 0))")
        #expect(lines[6] == "1.0,2.0,\(surface.value(column: 1, row: 2))")
    }

    @Test("automatic colour scaling: linear for the NOT neuron's narrow valley, log when most of the surface spans decades")
    func scaling() {
        let not = Network(layers: [Dense(W: Matrix([[1.3]]), b: [-0.1], activation: .tanh)])
        let notData = BuiltInSet.not.generate(count: 2, noise: 0, seed: 1)
        let w1 = ParameterName.weight(layer: 1, row: 1, column: 1), b1 = ParameterName.bias(layer: 1, index: 1)
        let valley = CostSurface(network: not, data: notData, x: w1, y: b1, xRange: -10...10, yRange: -10...10, resolution: (x: 101, y: 101))
        #expect(!CostSurfaceFigure(surface: valley, network: not, title: "", subtitle: "").isLog)
        // A bowl C = (w² + b²)·k spans decades over most of its area.
        let bowl = Network(layers: [Dense(W: Matrix([[1]]), b: [0], activation: .identity)])
        let bowlData = Dataset(inputs: [[1]], targets: [[0]])
        let wide = CostSurface(network: bowl, data: bowlData, x: w1, y: b1, xRange: -100...100, yRange: -0.01...0.01, resolution: (x: 101, y: 3))
        let figure = CostSurfaceFigure(surface: wide, network: bowl, title: "", subtitle: "")
        #expect(figure.isLog)
        let domain = figure.colorDomain(try! #require(figure.grid), log: true)
        #expect(domain.lowerBound >= domain.upperBound * 1e-6)
    }
}

/// The automatic log rule by counting equals the rule by its definition: sort the finite
/// values, take the tenth percentile t, and ask t > 0 and high / t ≥ 100.
struct SpansDecadesTests {
    static func byDefinition(_ values: [Double]) -> Bool {
        let finite = values.filter(\.isFinite).sorted()
        guard let high = finite.last else { return false }
        let tenth = finite[finite.count / 10]
        return tenth > 0 && high / tenth >= 100
    }

    @Test("random costs, zeros, negatives, infinities and NaN: the same answer as sorting")
    func randomValues() {
        var state: UInt64 = 7
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        var agreed = 0
        for trial in 0..<2000 {
            let count = 1 + trial % 37
            let spread = pow(10, 4 * next())      // highs from 1 to 10⁴ times the lows
            let values: [Double] = (0..<count).map { _ in
                switch next() {
                case ..<0.05: return 0
                case ..<0.08: return -next()
                case ..<0.10: return .infinity
                case ..<0.12: return .nan
                default: return pow(spread, next()) * 1e-3
                }
            }
            #expect(CostSurfaceFigure.spansDecades(values) == Self.byDefinition(values), "\(values)")
            if Self.byDefinition(values) { agreed += 1 }
        }
        // Both answers occur, so the comparison says something.
        #expect(agreed > 100 && agreed < 1900)
    }

    @Test("at the boundary: the tenth percentile exactly at, one ulp below and one ulp above the limit")
    func boundary() {
        for high in [1.0, 3.0, 0.7, 123.456, 1e-300, 5e-310] {
            let limit = CostSurfaceFigure.tenthLimit(high)
            #expect(high / limit >= 100 && high / limit.nextUp < 100)
            for tenth in [limit.nextDown, limit, limit.nextUp] {
                // 10 values: the tenth percentile (k = 1) is `tenth`; one smaller, the rest up to `high`.
                let values = [tenth / 2, tenth] + [Double](repeating: high / 2, count: 7) + [high]
                #expect(CostSurfaceFigure.spansDecades(values) == Self.byDefinition(values), "high \(high), tenth \(tenth)")
            }
        }
    }
}

struct NonFiniteSurfaceTests {
    @Test("cells whose cost is not finite render in the bad colour, with a key under the colour bar")
    func badCells() throws {
        let line = Network(layers: [Dense(W: Matrix([[1]]), b: [0], activation: .identity)])
        let data = Dataset(inputs: [[1]], targets: [[0]])
        let w = ParameterName.weight(layer: 1, row: 1, column: 1), b = ParameterName.bias(layer: 1, index: 1)
        let surface = CostSurface(network: line, data: data, x: w, y: b, xRange: -1e200...1e200, yRange: -1...1, resolution: (x: 5, y: 5))
        #expect(surface.values.contains(.infinity))
        var figure = CostSurfaceFigure(surface: surface, network: line, title: "t", subtitle: "s", contours: 4)
        figure.markMinimum = false
        let canvas = try Canvas(width: 640, height: 360, format: .png)
        figure.draw(on: canvas, theme: .light)
        let image = try canvas.image()
        let chart = try #require(figure.chart(theme: .light))
        let axes = chart.layout(in: canvas.bounds, text: canvas).axes
        let bad = chart.resolvedColors(theme: .light).map.badColor
        let px = Int(axes.x.position(of: -7.5e199)), py = Int(axes.y.position(of: 0.5))
        #expect(image[px, py].distance(to: bad) < 0.02)
        // The key's swatch sits at the bottom right, in the bad colour too.
        let swatches = (0..<image.width).filter { x in (image.height - 60..<image.height).contains { image[x, $0].distance(to: bad) < 0.02 } }
        #expect(swatches.contains { $0 > Int(axes.x.position(of: 1e200)) })
    }
}

/// Equal units on a cost surface: a unit of w as long as a unit of b, and automatic windows
/// widened so that the surface still fills the plot.
struct EqualAspectTests {
    @Test("the short automatic window is widened about its centre to the plot's shape; a given one is not")
    func windows() {
        let widened = CostSurfaceFigure.equalUnitWindows(x: -2...2, y: 0...1, widenX: true, widenY: true, aspect: 2)
        #expect(widened.x == -2...2 && widened.y == -0.5...1.5)
        let wider = CostSurfaceFigure.equalUnitWindows(x: 0...1, y: -5...5, widenX: true, widenY: true, aspect: 2)
        #expect(wider.x == -9.5...10.5 && wider.y == -5...5)
        let kept = CostSurfaceFigure.equalUnitWindows(x: -2...2, y: 0...1, widenX: true, widenY: false, aspect: 2)
        #expect(kept.x == -2...2 && kept.y == 0...1)
    }

    @Test("drawn with equal units, one unit of x and one of y are equally long on the canvas; stretched, they are not")
    func units() throws {
        let not = Network(layers: [Dense(W: Matrix([[1.3]]), b: [-0.1], activation: .tanh)])
        let data = Dataset(inputs: [[1], [0]], targets: [[0], [1]])
        let w = ParameterName.weight(layer: 1, row: 1, column: 1), b = ParameterName.bias(layer: 1, index: 1)
        let surface = CostSurface(network: not, data: data, x: w, y: b, xRange: -10...10, yRange: -10...10, resolution: (x: 16, y: 16))
        let canvas = try Canvas(width: 960, height: 540, format: .png, scale: 1)
        var figure = CostSurfaceFigure(surface: surface, network: not, title: "t", subtitle: "s", contours: 4)
        for equal in [true, false] {
            figure.equalAspect = equal
            let axes = try #require(figure.chart(theme: .light)).layout(in: canvas.bounds, text: canvas).axes
            let xUnit = abs(axes.x.position(of: 1) - axes.x.position(of: 0))
            let yUnit = abs(axes.y.position(of: 1) - axes.y.position(of: 0))
            // Within the pixel the plot's edges are snapped to.
            #expect((abs(xUnit - yUnit) < 0.1) == equal, "equal \(equal): \(xUnit) against \(yUnit)")
        }
    }
}
