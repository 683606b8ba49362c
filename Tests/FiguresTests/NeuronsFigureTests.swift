import Charts
import Drawing
import Foundation
import Testing
@testable import Figures
@testable import NetworkEngine

/// The neurons figure, read back from its recorded scene.
struct NeuronsFigureTests {
    /// Every path of a drawn figure, in drawing order.
    static func paths(_ figure: NeuronsFigure, width: Double = 960, height: Double = 540) throws -> (paths: [ScenePath], texts: [String], images: [Rect]) {
        let canvas = try Canvas(width: width, height: height, format: .png, scale: 1)
        figure.draw(on: canvas, theme: .light)
        let recorder = RecordingRenderer()
        recorder.render(canvas.scene)
        var paths: [ScenePath] = [], texts: [String] = [], images: [Rect] = []
        for mark in recorder.marks {
            switch mark.kind {
            case .path(let path): paths.append(path)
            case .text(let text): texts.append(text.label.description)
            case .image(let image): images.append(image.rect)
            case .paint: break
            }
        }
        return (paths, texts, images)
    }

    /// a^(l) computed here with plain loops and Foundation's functions, apart from the engine's kernels.
    static func activation(_ network: Network, at x: [Double]) -> [[Double]] {
        var a = x, result: [[Double]] = []
        for layer in network.layers {
            a = (0..<layer.outputs).map { i in
                var z = layer.b[i]
                for j in 0..<layer.inputs { z += layer.W[i, j] * a[j] }
                switch layer.activation {
                case .tanh: return Foundation.tanh(z)
                case .sigmoid: return 1 / (1 + Foundation.exp(-z))
                case .relu: return max(z, 0)
                case .identity: return z
                }
            }
            result.append(a)
        }
        return result
    }

    @Test("each curve is its neuron's activation over the input line, on its layer's scale")
    func curves() throws {
        let network = Network.random(shape: [1, 3, 4, 2], activations: [.tanh, .sigmoid, .identity], seed: 5, scale: 1.2)
        let data = Dataset(inputs: [[-1.5], [0.2], [2]], targets: [[0, 0], [1, 1], [0, 1]])
        var figure = try NeuronsFigure(network: network, data: data, title: "t")
        figure.showsFit = false
        let drawn = try Self.paths(figure)
        // A thumbnail is its panel (a filled rectangle), its middle line, its curve, its frame.
        var curves: [(plot: Rect, points: [Point])] = []
        for (index, path) in drawn.paths.enumerated() {
            let points = path.segments.compactMap { segment -> Point? in
                switch segment {
                case .move(let p), .line(let p): return p
                default: return nil
                }
            }
            guard points.count == figure.samples, index >= 2, case .fill = drawn.paths[index - 2].paint,
                  case .rectangle(let plot)? = drawn.paths[index - 2].segments.first else { continue }
            curves.append((plot, points))
        }
        #expect(curves.count == 3 + 4 + 2)
        // a^(0) first: the inputs themselves, not drawn without features.
        let layers = figure.activations()
        #expect(layers.count == network.depth + 1)
        var index = 0
        for (l, layer) in network.layers.enumerated() {
            let range = NeuronsFigure.range(of: layers[l + 1], activation: layer.activation)
            for neuron in 0..<layer.outputs {
                let (plot, points) = curves[index]
                index += 1
                for (k, point) in points.enumerated() {
                    let x = data.inputs.values.min()! + Double(k) / Double(points.count - 1) * (data.inputs.values.max()! - data.inputs.values.min()!)
                    let expected = Self.activation(network, at: [x])[l][neuron]
                    let read = range.lowerBound + (plot.maxY - point.y) / plot.height * (range.upperBound - range.lowerBound)
                    #expect(abs(read - expected) <= 1e-9 * max(1, abs(expected)), "layer \(l + 1) neuron \(neuron + 1) at x = \(x)")
                    #expect(abs(point.x - (plot.minX + Double(k) / Double(points.count - 1) * plot.width)) < 1e-9)
                }
            }
        }
        // The unbounded layer's scale is what it takes; the bounded ones their activation's.
        #expect(NeuronsFigure.range(of: layers[1], activation: .tanh) == -1...1)
        #expect(NeuronsFigure.range(of: layers[3], activation: .identity) == layers[3].values.min()!...layers[3].values.max()!)
    }

    @Test("two inputs give one square map per neuron; a large layer shows its ends around ⋮")
    func maps() throws {
        let network = Network.random(shape: [2, 20, 1], activations: [.tanh, .sigmoid], seed: 3, scale: 1)
        let data = Dataset(inputs: [[-1, -1], [1, 1], [0, 2]], targets: [[0], [1], [1]])
        var figure = try NeuronsFigure(network: network, data: data, title: "t")
        figure.showsFit = false
        let drawn = try Self.paths(figure)
        #expect(drawn.images.count == 11 + 1)
        #expect(drawn.images.allSatisfy { abs($0.width - $0.height) < 1e-9 })
        #expect(drawn.texts.contains("⋮"))
        #expect(drawn.texts.contains("20") && !drawn.texts.contains("7"))
        #expect(throws: NeuronsError.inputs(3)) {
            try NeuronsFigure(network: Network.random(shape: [3, 2], activations: [.tanh], seed: 1, scale: 1), data: data, title: "t")
        }
    }
}

/// A diagram's neurons drawn as what they compute (`diagram --neurons functions`).
struct DiagramFunctionsTests {
    @Test("every non-input neuron becomes a square map, in its layer's column; inputs stay circles")
    func maps() throws {
        let network = Network.random(shape: [2, 5, 1], activations: [.tanh, .sigmoid], seed: 4, scale: 1)
        let data = Dataset(inputs: [[-1, -1], [1, 1], [0, 2]], targets: [[0], [1], [1]])
        var diagram = NetworkDiagram(network: network, title: "t")
        diagram.neuronFunctions = try #require(NeuronFunctions(network: network, data: data))
        let drawn = try NetworkDiagramTests.Drawn(diagram, width: 960, height: 540)
        // The weights' colour bar is an image too, a tall one.
        let maps = drawn.images.filter { abs($0.width - $0.height) < 1e-9 }
        #expect(maps.count == 6 && drawn.images.count == 7)
        #expect(drawn.circles.count == 2)
        let columns = Dictionary(grouping: maps, by: { ($0.midX * 1000).rounded() })
        #expect(columns.values.map(\.count).sorted() == [1, 5])
        // Right of the inputs, the hidden layer before the output.
        let inputX = try #require(drawn.circles.first?.center.x)
        let hidden = try #require(columns.values.first { $0.count == 5 }?.first?.midX)
        let output = try #require(columns.values.first { $0.count == 1 }?.first?.midX)
        #expect(inputX < hidden && hidden < output)
        #expect(drawn.texts.contains { $0.label.hasPrefix("squares: each neuron's activation over the input plane") })
        #expect(NeuronFunctions(network: Network.random(shape: [3, 2], activations: [.tanh], seed: 1, scale: 1), data: data) == nil)
    }

    @Test("with features, the inputs are maps too where their formulas stand beside them: a horizontal diagram")
    func features() throws {
        let features = Features([.input(1), .product(1, 2), .sine(2)], rawWidth: 2)
        let network = Network.random(shape: [3, 4, 1], activations: [.tanh, .sigmoid], seed: 4, scale: 1)
        let data = Dataset(inputs: [[-1, -1], [1, 1], [0, 2]], targets: [[0], [1], [1]])
        var diagram = NetworkDiagram(network: network, title: "t")
        diagram.neuronFunctions = try #require(NeuronFunctions(network: network, data: data, features: features))
        diagram.inputNames = features.list.map { Label.math($0.tex) }
        let drawn = try NetworkDiagramTests.Drawn(diagram, width: 960, height: 540)
        let maps = drawn.images.filter { abs($0.width - $0.height) < 1e-9 }
        #expect(maps.count == 3 + 4 + 1 && drawn.circles.isEmpty)
        let columns = Dictionary(grouping: maps, by: { ($0.midX * 1000).rounded() })
        #expect(columns.values.map(\.count).sorted() == [1, 3, 4])
        // The features' column is the leftmost, each formula left of its map.
        let inputs = try #require(columns.min { $0.key < $1.key }?.value)
        #expect(inputs.count == 3)
        for (feature, map) in zip(features.list, inputs.sorted { $0.midY < $1.midY }) {
            let name = try #require(drawn.texts.first { $0.label == Label.math(feature.tex).description })
            #expect(name.box.maxX < map.minX && abs(name.box.midY - map.midY) < 1)
        }
        #expect(drawn.texts.contains { $0.label.hasPrefix("squares: each feature's value and neuron's activation over the input plane") })
        // Vertical, the formulas are the inputs' labels, inside them: the inputs keep their circles.
        diagram.orientation = .vertical
        let vertical = try NetworkDiagramTests.Drawn(diagram, width: 960, height: 540)
        #expect(vertical.circles.count == 3 && vertical.images.filter { abs($0.width - $0.height) < 1e-9 }.count == 4 + 1)
    }
}
