import Charts
import Drawing
import Foundation
import NetworkEngine
import Testing
@testable import Figures

struct FitFigureTests {
    static let heartData = BuiltInSet.heart.generate(count: 100, noise: 0, seed: 1)
    static let heart = Network.random(shape: [1, 6, 7, 2], activations: [.sigmoid, .sigmoid, .sigmoid], seed: 1, scale: 0.5)

    @Test("the kind follows the shape; other shapes are refused with a clear reason")
    func kinds() throws {
        #expect(FitFigure.kind(for: [1, 1]) == .function)
        #expect(FitFigure.kind(for: [1, 6, 7, 2]) == .curve)
        #expect(FitFigure.kind(for: [2, 8, 1]) == .decisionMap)
        #expect(FitFigure.kind(for: [3, 2]) == nil)
        let vector = Network.random(shape: [3, 2], activations: [.tanh], seed: 1, scale: 1)
        let data = Dataset(inputs: [[0, 0, 0]], targets: [[0, 0]])
        #expect(throws: FitError.unsupportedShape([3, 2])) { try FitFigure(network: vector, data: data, title: "", subtitle: "") }
        #expect(FitError.unsupportedShape([3, 2]).description.contains("this one is 3 → 2"))
    }

    @Test("the drawn curve is the network's output at evenly spaced inputs over the data's range")
    func curve() throws {
        let fit = try FitFigure(network: Self.heart, data: Self.heartData, title: "", subtitle: "", samples: 5)
        let chart = fit.lineChart(theme: .light)
        let network = try #require(chart.series.last)
        #expect(network.count == 5)
        for (i, x) in [0.0, 0.2475, 0.495, 0.7425, 0.99].enumerated() {
            let a = Self.heart([x])
            #expect(abs(network.x[i] - a[0]) < 1e-15 && abs(network.y[i] - a[1]) < 1e-15)
        }
        let target = try #require(chart.series.first)
        #expect(target.x.count == 100 && target.x[25] == Self.heartData.targets[0, 25])
        #expect(chart.equalAspect)
    }

    @Test("history curves are faint and stay out of the legend")
    func history() throws {
        let fit = try FitFigure(network: Self.heart, data: Self.heartData, history: [Self.heart, Self.heart], title: "", subtitle: "")
        let chart = fit.lineChart(theme: .light)
        #expect(chart.series.count == 4)
        let faint = chart.series.filter { $0.name.isEmpty }
        #expect(faint.count == 2)
        #expect(faint.allSatisfy { ($0.style?.color.alpha ?? 1) < 0.5 })
    }

    @Test("a decision map shows the network's output: a pixel's colour reads back as a(x1, x2)")
    func decisionMap() throws {
        let xor = BuiltInSet.xor.generate(count: 40, noise: 0, seed: 1)
        let network = Network.random(shape: [2, 4, 1], activations: [.tanh, .sigmoid], seed: 5, scale: 1)
        let fit = try FitFigure(network: network, data: xor, title: "t", subtitle: "s", samples: 60)
        let chart = fit.decisionMap(theme: .light)
        #expect(chart.contourLevels == [0.5])
        #expect(chart.markers.count == 40)
        let canvas = try Canvas(width: 960, height: 540, format: .png, scale: 1)
        fit.draw(on: canvas, theme: .light)
        let image = try canvas.image()
        let placed = chart.layout(in: canvas.bounds, text: canvas)
        let axes = placed.axes, plot = placed.plot
        let colors = fit.decisionColors(theme: .light)
        var checked = 0
        // Sample pixels away from the examples' markers and the boundary line.
        for (px, py) in [(0.1, 0.1), (0.9, 0.1), (0.5, 0.9), (0.1, 0.9), (0.9, 0.85), (0.3, 0.5)] {
            let x = plot.minX + px * plot.width, y = plot.minY + py * plot.height
            let (u, v) = (axes.x.value(at: x), axes.y.value(at: y))
            let nearExample = (0..<xor.count).contains { abs(axes.x.position(of: xor.inputs[0, $0]) - x) < 20 && abs(axes.y.position(of: xor.inputs[1, $0]) - y) < 20 }
            let output = network([u, v])[0]
            guard !nearExample, abs(output - 0.5) > 0.05 else { continue }
            let shown = colors.value(of: image[Int(x), Int(y)])
            #expect(abs(shown - output) < 0.02, "at (\(u), \(v)): shown \(shown), network \(output)")
            checked += 1
        }
        #expect(checked >= 3)
    }

    @Test("CSV has inputs, outputs and targets for every example, in full precision")
    func csv() {
        let data = Dataset(inputs: [[1], [0]], targets: [[0], [1]])
        let not = Network(layers: [Dense(W: Matrix([[1.3]]), b: [-0.1], activation: .tanh)])
        let lines = FitFigure.csv(network: not, data: data).split(separator: "\n")
        #expect(lines == ["x1,a1,y1", "1.0,0.8336546070121552,0.0", "0.0,-0.09966799462495582,1.0"])
    }

    @Test("a 1 → 1 fit's axes hold the final function and the examples, not a wild earlier curve, which is clipped")
    func axesFollowTheFinalFit() throws {
        let final = Network(layers: [Dense(W: Matrix([[1.0]]), b: [0], activation: .identity)])
        let wild = Network(layers: [Dense(W: Matrix([[-30.0]]), b: [0], activation: .identity)])
        let data = Dataset(inputs: [[-1, 0, 1]], targets: [[-1, 0, 1]])
        let fit = try FitFigure(network: final, data: data, history: [wild], title: "", subtitle: "")
        let chart = fit.lineChart(theme: .light)
        let axes = try #require(chart.fixedAxes)
        // The final line and the examples span about −1.1…1.1; the earlier one ±33.
        #expect(axes.y.domain.lowerBound > -2 && axes.y.domain.upperBound < 2, "\(axes.y.domain)")
        #expect(chart.series.count == 3 && chart.series[0].y.contains { abs($0) > 30 }, "the earlier curve is still drawn")
        // Without history nothing is fixed: the axes are the chart's own.
        #expect(try FitFigure(network: final, data: data, title: "", subtitle: "").lineChart(theme: .light).fixedAxes == nil)
    }

    @Test("--x-range draws a 1 → 1 function over the given inputs")
    func inputWindow() throws {
        let network = Network(layers: [Dense(W: Matrix([[1.3]]), b: [-0.1], activation: .tanh)])
        var fit = try FitFigure(network: network, data: Dataset(inputs: [[0, 1]], targets: [[1, 0]]), title: "", subtitle: "", samples: 9)
        fit.inputWindow = -4...4
        let line = try #require(fit.lineChart(theme: .light).series.first)
        #expect(line.x.first == -4 && line.x.last == 4 && line.count == 9)
        #expect(line.y[0] == tanh(1.3 * -4 - 0.1))
    }

    @Test("a decision map's history shows the earlier boundaries: faint 0.5 contours of the earlier networks' grids")
    func decisionMapHistory() throws {
        let data = BuiltInSet.xor.generate(count: 50, noise: 0, seed: 1)
        let shape = [2, 4, 1]
        let networks = (1...3).map { Network.random(shape: shape, activations: [.tanh, .sigmoid], seed: UInt64($0), scale: 1) }
        let fit = try FitFigure(network: networks[2], data: data, history: Array(networks[0..<2]), title: "", subtitle: "", samples: 20)
        let chart = fit.decisionMap(theme: .light)
        #expect(chart.earlierContours.count == 2)
        let first = try #require(chart.earlierContours.first)
        #expect(first.level == 0.5)
        // The grid is the earlier network's output: its corner value is that network's output there.
        let (xr, yr) = fit.plane
        #expect(first.grid.value(column: 0, row: 0) == networks[0]([xr.lowerBound, yr.lowerBound])[0])
        // Forty at most, however long the history.
        let many = try FitFigure(network: networks[2], data: data, history: Array(repeating: networks[0], count: 100), title: "", subtitle: "", samples: 8)
        #expect(many.decisionMap(theme: .light).earlierContours.count == 40)
    }
}
