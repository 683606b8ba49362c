import Charts
import Drawing
import Foundation
import NetworkEngine
import Testing
@testable import Figures

/// What issue 16's Playground parts draw: fits over the raw plane of a network fed features,
/// test examples drawn apart, discretized maps, residuals, architecture diagrams and names,
/// and the animation's test cost.
struct PlaygroundFigureTests {
    static let features = Features([.input(1), .input(2), .product(1, 2), .sine(2)], rawWidth: 2)
    static let xor = BuiltInSet.xor.generate(count: 60, noise: 0, seed: 3)
    static let network = Network.random(shape: [4, 5, 1], activations: [.tanh, .sigmoid], seed: 2, scale: 0.8)

    @Test("a network fed features is drawn over the data's own plane: each grid value is a(features(x1, x2))")
    func mapOverRawPlane() throws {
        let fit = try FitFigure(network: Self.network, data: Self.xor, features: Self.features, title: "", subtitle: "", samples: 7)
        #expect(fit.kind == .decisionMap)
        let grid = try #require(fit.outputGrid)
        let (xr, yr) = fit.plane
        for row in [0, 3, 6] {
            for column in [0, 2, 6] {
                let x1 = xr.lowerBound + Double(column) / 6 * (xr.upperBound - xr.lowerBound)
                let x2 = yr.lowerBound + Double(row) / 6 * (yr.upperBound - yr.lowerBound)
                let direct = Self.network([x1, x2, x1 * x2, sin(x2)])[0]
                #expect(abs(grid.values[row * 7 + column] - direct) <= 1e-15)
            }
        }
        let chart = fit.decisionMap(theme: .light)
        #expect(chart.xTitle.description.contains("x_1") && !chart.xTitle.description.contains("a^{(0)}"))
        // A network of 4 inputs without features has no picture; with them it is 2 → 1; with
        // features of 3 inputs, the refusal names the data's 3 inputs.
        #expect(FitFigure.kind(for: Self.network.shape) == nil)
        let threeD = Features([.input(1), .input(2), .input(3), .sine(1)], rawWidth: 3)
        #expect(throws: FitError.unsupportedShape([3, 5, 1])) {
            try FitFigure(network: Self.network, data: Dataset(inputs: [[0, 0, 0]], targets: [[0]]), features: threeD, title: "", subtitle: "")
        }
        let csv = FitFigure.csv(network: Self.network, data: Self.xor, features: Self.features).split(separator: "\n")
        #expect(csv[0] == "x1,x2,a1,y1")
        let first = csv[1].split(separator: ",").compactMap { Double($0) }
        #expect(first[2] == Self.network(Self.features(Self.xor.inputs.column(0)))[0])
    }

    @Test("test examples: a dark ring twice as wide as the training examples' light one, and a legend")
    func testExamples() throws {
        let (training, test) = TestSplit(examples: 60, testShare: 0.3, seed: 1).apply(to: Self.xor)
        let fit = try FitFigure(network: Self.network, data: training, features: Self.features, test: test, title: "", subtitle: "", samples: 20)
        let chart = fit.decisionMap(theme: .light)
        #expect(chart.markers.count == 60)
        let rings = chart.markers.suffix(18)
        #expect(rings.allSatisfy { $0.outline == .black && $0.outlineWidth == FitFigure.testRing })
        #expect(chart.markers.prefix(42).allSatisfy { $0.outline == Theme.light.background && $0.outlineWidth == nil })
        #expect(chart.legend.map(\.label.description) == ["training examples", "test examples"])
        // Without test examples: the figure it always was (thin dark rings, no legend).
        let plain = try FitFigure(network: Self.network, data: training, features: Self.features, title: "", subtitle: "", samples: 20)
            .decisionMap(theme: .light)
        #expect(plain.legend.isEmpty && plain.markers.allSatisfy { $0.outline == nil })
        // The rings are drawn: a test example's ring is dark where a training example's is light.
        let canvas = try Canvas(width: 960, height: 540, format: .png, scale: 1)
        let placed = chart.layout(in: canvas.bounds, text: canvas)
        chart.emit(placed, on: canvas, theme: .light)
        let image = try canvas.image()
        func ringPixel(_ marker: PointMarker) -> Color {
            let size = chart.pointSize(marker, placed.sizing, plot: placed.plot)
            let x = placed.axes.x.position(of: marker.x) + size / 2 - 0.6, y = placed.axes.y.position(of: marker.y)
            return image[Int(x.rounded(.down)), Int(y.rounded(.down))]
        }
        let isolated = { (m: PointMarker) in chart.markers.allSatisfy { other in
            (other.x == m.x && other.y == m.y) || hypot(other.x - m.x, other.y - m.y) > 1.2 } }
        let testMarker = try #require(rings.first(where: isolated))
        let trainingMarker = try #require(chart.markers.prefix(42).first(where: isolated))
        #expect(ringPixel(testMarker).luminance < 0.2, "\(ringPixel(testMarker))")
        #expect(ringPixel(trainingMarker).luminance > 0.6, "\(ringPixel(trainingMarker))")
    }

    @Test("discretize: the map takes the two classes' colours, the boundary still the outputs' 0.5 contour")
    func discretize() throws {
        var fit = try FitFigure(network: Self.network, data: Self.xor, features: Self.features, title: "", subtitle: "", samples: 30)
        fit.discretize = true
        let chart = fit.decisionMap(theme: .light)
        let outputs = try #require(fit.outputGrid)
        #expect(Set(chart.grid.values) == [0, 1])
        for (value, output) in zip(chart.grid.values, outputs.values) { #expect(value == (output >= 0.5 ? 1 : 0)) }
        #expect(chart.contourGrid?.values == outputs.values)
        #expect(chart.contourLevels == [0.5])
        #expect(chart.colorBarTitle.description.contains("0.5"))
    }

    @Test("a regression set's map: colours symmetric about 0, the level between signs at 0")
    func regressionMap() throws {
        let gaussians = BuiltInSet.gaussians.generate(count: 200, noise: 0, seed: 1)
        let low = gaussians.targets.values.min()!, high = gaussians.targets.values.max()!
        #expect(low < 0 && high > 0 && -low != high)
        let network = Network.random(shape: [2, 4, 1], activations: [.tanh, .identity], seed: 1, scale: 0.5)
        let chart = try FitFigure(network: network, data: gaussians, title: "", subtitle: "", samples: 10).decisionMap(theme: .light)
        let magnitude = max(-low, high)
        #expect(chart.colors?.domain == -magnitude...magnitude)
        // No boundary between classes in a regression's output, unless it is coloured by sign.
        #expect(chart.contourLevels == [])
        var bySign = try FitFigure(network: network, data: gaussians, title: "", subtitle: "", samples: 10)
        bySign.discretize = true
        #expect(bySign.decisionMap(theme: .light).contourLevels == [0])
        #expect(Set(bySign.decisionMap(theme: .light).grid.values) == [-magnitude, magnitude])
    }

    @Test("residuals: one segment per example from its target to the network's output, broken between them")
    func residuals() throws {
        let sine = BuiltInSet.sine.generate(count: 12, noise: 0.2, seed: 1)
        let network = Network.random(shape: [1, 4, 1], activations: [.tanh, .identity], seed: 3, scale: 0.7)
        var fit = try FitFigure(network: network, data: sine, title: "", subtitle: "")
        fit.residuals = true
        let chart = fit.lineChart(theme: .light)
        let segments = try #require(chart.series.first { $0.name.description.contains("residuals") })
        #expect(segments.count == 36)
        for k in 0..<12 {
            let x = sine.inputs[0, k]
            #expect(segments.x[3 * k] == x && segments.x[3 * k + 1] == x && segments.x[3 * k + 2].isNaN)
            #expect(segments.y[3 * k] == sine.targets[0, k])
            #expect(segments.y[3 * k + 1] == network([x])[0])
        }
        fit.residuals = false
        #expect(!fit.lineChart(theme: .light).series.contains { $0.name.description.contains("residuals") })
    }

    @Test("a 1 → 1 fit with test examples names both kinds, test examples in dark rings")
    func functionTest() throws {
        let sine = BuiltInSet.sine.generate(count: 20, noise: 0.1, seed: 1)
        let (training, test) = TestSplit(examples: 20, testShare: 0.25, seed: 1).apply(to: sine)
        let network = Network.random(shape: [1, 4, 1], activations: [.tanh, .identity], seed: 3, scale: 0.7)
        let chart = try FitFigure(network: network, data: training, test: test, title: "", subtitle: "").lineChart(theme: .light)
        let names = chart.series.map(\.name.description)
        #expect(names.contains("training examples") && names.contains("test examples"))
        let tests = try #require(chart.series.first { $0.name.description == "test examples" })
        #expect(tests.count == 5 && tests.style?.markerOutline == .black && tests.style?.markerOutlineWidth == FitFigure.testRing)
    }

    @Test("an architecture diagram: every edge alike, no colour bar, no width key, the room to the network")
    func architecture() throws {
        let network = Network.random(shape: [3, 4, 2], activations: [.tanh, .tanh], seed: 1, scale: 0.5)
        var diagram = NetworkDiagram(network: network, title: "t", subtitle: "3 → 4 → 2")
        diagram.coloring = .architecture
        let canvas = try Canvas(width: 960, height: 540, format: .png, scale: 1)
        let layout = diagram.layout(on: canvas, theme: .light)
        #expect(layout.edges.count == 20)
        #expect(Set(layout.edges.map(\.width)).count == 1 && Set(layout.edges.map(\.color)).count == 1)
        #expect(layout.colorBars.isEmpty && layout.widthLegend == nil)
        #expect(layout.texts.contains { $0.role == .subtitle && $0.label.description.contains("no weights given") })
        var weighted = diagram
        weighted.coloring = .weights
        let usual = weighted.layout(on: canvas, theme: .light)
        #expect(usual.colorBars.count == 1 && usual.widthLegend != nil)
        #expect(layout.networkRect.width > usual.networkRect.width)
    }

    @Test("names: layers' captions and neurons' labels as given; feature formulas left of the input column")
    func names() throws {
        let network = Network.random(shape: [2, 3, 1], activations: [.tanh, .sigmoid], seed: 1, scale: 0.5)
        var diagram = NetworkDiagram(network: network, title: "t")
        diagram.layerNames = [Label("x"), nil, Label("ŷ")]
        diagram.neuronNames = [nil, nil, [Label("ŷ")]]
        diagram.inputNames = [Label.math("x_{1}^{2}"), Label.math("\\sin\\,x_{2}")]
        let canvas = try Canvas(width: 960, height: 540, format: .png, scale: 1)
        let layout = diagram.layout(on: canvas, theme: .light)
        let captions = layout.texts.filter { $0.role == .caption }.map(\.label.description)
        #expect(captions.contains("x") && captions.contains("ŷ") && captions.contains { $0.contains("hidden") })
        let neurons = layout.texts.filter { $0.role == .neuron }
        #expect(neurons.contains { $0.label.description == "ŷ" })
        let inputs = layout.neurons.filter { $0.layer == 0 }.sorted { $0.index < $1.index }
        for (neuron, formula) in zip(inputs, ["x_{1}^{2}", "\\sin\\,x_{2}"]) {
            let side = try #require(neurons.first { $0.label.description.contains(formula) })
            #expect(side.rect.maxX < neuron.center.x - neuron.radius, "left of its circle")
            #expect(abs(side.rect.midY - neuron.center.y) < 1, "level with its circle")
            #expect(side.rect.minX >= 0)
        }
        // Inside the input circles, the seed's symbols stay.
        #expect(neurons.contains { $0.label.description.contains("a^{(0)}_{1}") })
    }

    @Test("the animation's curve panel: the test cost as a second series, each frame's the test examples' C")
    func animationTestCost() throws {
        let raw = BuiltInSet.xor.generate(count: 40, noise: 0.1, seed: 2)
        let (training, test) = TestSplit(examples: 40, testShare: 0.25, seed: 1).apply(to: raw)
        let options = TrainingOptions(rate: 0.05, steps: 60, optimizer: .adam)
        let start = Network.random(shape: [4, 3, 1], activations: [.tanh, .sigmoid], seed: 4, scale: 0.5)
        let w = ParameterName.weight(layer: 2, row: 1, column: 1), b = ParameterName.bias(layer: 2, index: 1)
        let plan = try AnimationPlan(network: start, data: Self.features.apply(to: training), test: Self.features.apply(to: test),
                                     features: Self.features, rawData: training, rawTest: test, training: options,
                                     settings: AnimationSettings(frames: 4, x: w, y: b, resolution: 8))
        let history = try Trainer(options: options).train(start, on: Self.features.apply(to: training),
                                                          testing: Self.features.apply(to: test), keeping: [0, 20, 40, 60])
        let testCosts = try #require(plan.testCosts)
        for frame in plan.frames {
            #expect(frame.testCost == history.testCosts[frame.step])
        }
        #expect(testCosts.points.allSatisfy { history.testCosts[$0.x] == $0.y })
        let chart = AnimationFrame.curveChart(costs: plan.costs, testCosts: plan.testCosts, through: 40, at: plan.frames[2])
        #expect(chart.series.map(\.name.description) == ["training", "test"])
        #expect(chart.series[1].x.last == 40 && chart.series[1].y.last == history.testCosts[40])
        #expect(plan.curveAxes.y.domain.lowerBound <= history.testCosts.min()! && plan.curveAxes.y.domain.upperBound >= history.testCosts.max()!)
        // The fit panel is over the raw plane: four panels for a 2 → 1 fit of a 4-feature network.
        let canvas = try Canvas(width: 1280, height: 720, format: .png, scale: 1)
        let frame = AnimationFrame(plan: plan, index: 3)
        #expect(frame.layout(on: canvas, theme: .light).map(\.0) == [.diagram, .surface, .curve, .fit])
        frame.draw(on: canvas, theme: .light)
        // Without test examples, one series as before.
        let plain = AnimationFrame.curveChart(costs: plan.costs, through: 40, at: plan.frames[2])
        #expect(plain.series.count == 1)
    }
}

