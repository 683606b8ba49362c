import Charts
import Drawing
import Foundation
import Testing
@testable import Figures
@testable import NetworkEngine

/// The cost, example by example, read back from its recorded scene.
struct ExampleCostFigureTests {
    /// Every vertical two-point piece stroked in `color` inside `plot` (stems, residuals): its
    /// x and its two ends' y, top first.
    static func verticals(_ canvas: Canvas, in plot: Rect, color: Color) -> [(x: Double, top: Double, bottom: Double)] {
        let recorder = RecordingRenderer()
        recorder.render(canvas.scene)
        var found: [(x: Double, top: Double, bottom: Double)] = []
        for mark in recorder.marks {
            guard case .path(let path) = mark.kind, case .stroke(let stroke, _) = path.paint, stroke == color else { continue }
            var start: Point?
            for segment in path.segments {
                switch segment {
                case .move(let p): start = p
                case .line(let p):
                    if let s = start, s.x == p.x, s.y != p.y, plot.inset(by: -0.5).contains(s), plot.inset(by: -0.5).contains(p) {
                        found.append((p.x, min(s.y, p.y), max(s.y, p.y)))
                    }
                    start = p
                default: start = nil
                }
            }
        }
        return found
    }

    @Test("the NOT neuron's C_k are the seed's, tanh(1.3 x − 0.1) against its targets")
    func notCosts() {
        let network = Network(layers: [Dense(W: Matrix(rows: 1, columns: 1, values: [1.3]), b: [-0.1], activation: .tanh)])
        let data = Dataset(inputs: [[1], [0]], targets: [[0], [1]])
        let examples = ExampleCostFigure(network: network, data: data, title: "t", subtitle: "").examples
        let a1 = Foundation.tanh(1.2), a2 = Foundation.tanh(-0.1)
        #expect(examples.map(\.k) == [1, 2])
        #expect(examples.map(\.outputs) == [[a1], [a2]])
        #expect(examples.map(\.cost) == [a1 * a1, (a2 - 1) * (a2 - 1)])
        // The digits eval prints for assets/not.yaml.
        #expect(examples.map(\.cost) == [0.694980003792591, 1.209269698402472])
    }

    @Test("every stem rises to its example's C_k and every residual joins its target to its output, on the panels' scales; test examples follow")
    func drawnValues() throws {
        let network = Network.random(shape: [1, 5, 2], activations: [.tanh, .sigmoid], seed: 7, scale: 1.5)
        // 40 training examples (lines, stems alone) and 6 test ones.
        func set(_ n: Int, from start: Double) -> Dataset {
            let xs = (0..<n).map { start + Double($0) * 0.1 }
            return Dataset(inputs: xs.map { [$0] }, targets: xs.map { [0.5 + 0.4 * Foundation.sin(3 * $0), 0.5 + 0.3 * Foundation.cos(2 * $0)] })
        }
        let data = set(40, from: -2), test = set(6, from: 2.05)
        let figure = ExampleCostFigure(network: network, data: data, test: test, title: "t", subtitle: "")
        let canvas = try Canvas(width: 960, height: 540, format: .png, scale: 1)
        let layouts = figure.draw(on: canvas, theme: .light)
        try #require(layouts.count == 3)
        // Independent numbers: plain loops (NeuronsFigureTests.activation) and Σ (a − y)².
        var expected: [(outputs: [Double], targets: [Double], cost: Double)] = []
        for d in [data, test] {
            for k in 0..<d.count {
                let a = NeuronsFigureTests.activation(network, at: [d.inputs[0, k]]).last!
                let y = [d.targets[0, k], d.targets[1, k]]
                expected.append((a, y, zip(a, y).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }))
            }
        }
        // The costs panel: one stem per example, from 0 to C_k, at x = k.
        let costs = layouts[2]
        let stems = Self.verticals(canvas, in: costs.plot, color: Theme.light.seriesStyle(at: 0).color).sorted { $0.x < $1.x }
        try #require(stems.count == 46)
        for (k, stem) in stems.enumerated() {
            #expect(abs(stem.x - costs.axes.x.position(of: Double(k + 1))) < 1e-9)
            #expect(abs(costs.axes.y.value(at: stem.bottom)) < 1e-12)
            #expect(abs(costs.axes.y.value(at: stem.top) - expected[k].cost) <= 1e-9 * max(1, expected[k].cost), "C_\(k + 1)")
        }
        // Each output's panel: a residual per example from y_k to a_k.
        for i in 0..<2 {
            let panel = layouts[i]
            let residuals = Self.verticals(canvas, in: panel.plot, color: Theme.light.secondaryText.withAlpha(0.8)).sorted { $0.x < $1.x }
            try #require(residuals.count == 46)
            for (k, r) in residuals.enumerated() {
                let ends = [panel.axes.y.value(at: r.top), panel.axes.y.value(at: r.bottom)].sorted()
                let values = [expected[k].outputs[i], expected[k].targets[i]].sorted()
                #expect(abs(ends[0] - values[0]) < 1e-9 && abs(ends[1] - values[1]) < 1e-9, "output \(i + 1), example \(k + 1)")
            }
        }
    }
}
