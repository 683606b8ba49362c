import Charts
import Drawing
import Foundation
import NetworkEngine
import Testing
@testable import Figures

struct AnimationTests {
    static let not = Network(layers: [Dense(W: Matrix([[1.3]]), b: [-0.1], activation: .tanh)])
    static let notData = BuiltInSet.not.generate(count: 2, noise: 0, seed: 1)
    static let w = ParameterName.weight(layer: 1, row: 1, column: 1)
    static let b = ParameterName.bias(layer: 1, index: 1)

    @Test("frame steps: even and log spacing, always 0 and the last, no repeats")
    func spacing() {
        #expect(FrameSpacing.even.steps(total: 100, frames: 5) == [0, 25, 50, 75, 100])
        #expect(FrameSpacing.log.steps(total: 1000, frames: 5) == [0, 1, 10, 100, 1000])
        #expect(FrameSpacing.even.steps(total: 3, frames: 10) == [0, 1, 2, 3])
        #expect(FrameSpacing.log.steps(total: 10, frames: 8).first == 0)
        #expect(FrameSpacing.log.steps(total: 10, frames: 8).last == 10)
        #expect(FrameSpacing.even.steps(total: 50, frames: 1) == [50])
    }

    @Test("the plan's frames carry the training history's costs and parameters")
    func plan() throws {
        let options = TrainingOptions(rate: 0.5, steps: 40)
        let plan = try AnimationPlan(network: Self.not, data: Self.notData, training: options,
                                     settings: AnimationSettings(frames: 5, x: Self.w, y: Self.b, resolution: 16))
        let history = try Trainer(options: options).train(Self.not, on: Self.notData, keeping: [0, 10, 20, 30, 40])
        #expect(plan.frames.map(\.step) == [0, 10, 20, 30, 40])
        #expect(plan.frames.map(\.number) == [1, 2, 3, 4, 5])
        for frame in plan.frames {
            #expect(frame.cost == history.costs[frame.step])
            let network = try #require(history.snapshots[frame.step])
            #expect(frame.x == network[Self.w] && frame.y == network[Self.b])
        }
        #expect(plan.frames[0].fileName(extension: "png") == "frame_00001.png")
        // Two parameters in all: the surface cannot move, so it is computed once.
        #expect(plan.staticSurface != nil)
        #expect(plan.weightMagnitude == plan.networks.map { abs($0[Self.w]) }.max())
    }

    @Test("a long run's plan keeps its curve and path within the panels' budget, with exact frames and axes")
    func longPlan() throws {
        let options = TrainingOptions(rate: 0.05, steps: 100_000)
        let plan = try AnimationPlan(network: Self.not, data: Self.notData, training: options,
                                     settings: AnimationSettings(frames: 3, x: Self.w, y: Self.b, resolution: 4))
        let history = try Trainer(options: options).train(Self.not, on: Self.notData, keeping: [0, 50_000, 100_000])
        #expect(!plan.costs.isExact && !plan.path.isExact)
        #expect(plan.costs.points.count <= 4 * plan.costs.bucketCount)
        #expect(plan.path.entries.count <= AnimationPlan.exactSteps)
        for frame in plan.frames {
            #expect(frame.cost == history.costs[frame.step])
            let network = try #require(history.snapshots[frame.step])
            #expect(frame.x == network[Self.w] && frame.y == network[Self.b])
        }
        // The curve's axes are those of every cost.
        let all = Series(name: "", x: history.costs.indices.map(Double.init), y: history.costs)
        #expect(plan.curveAxes.y.domain == LineChart(series: [all]).axes().y.domain)
        #expect(plan.curveAxes.x.domain == LineChart(series: [all]).axes().x.domain)
        // A frame's curve ends at its own step and cost.
        let middle = AnimationFrame.curveChart(costs: plan.costs, through: 50_000, at: plan.frames[1]).series[0]
        #expect(middle.x.last == 50_000 && middle.y.last == history.costs[50_000])
    }

    @Test("a frame's legend keeps clear of at most 256 of the run's fit curves, the first and last among them")
    func legendAvoidsBounded() throws {
        let fit = try FitFigure(network: Self.not, data: Self.notData, title: "", subtitle: "")
        let few = try AnimationPlan(network: Self.not, data: Self.notData, training: TrainingOptions(rate: 0.5, steps: 100),
                                    settings: AnimationSettings(frames: 101, x: Self.w, y: Self.b, resolution: 4))
        #expect(few.legendAvoids.map(\.y) == fit.curves(of: few.networks).map(\.y))
        let many = try AnimationPlan(network: Self.not, data: Self.notData, training: TrainingOptions(rate: 0.5, steps: 1000),
                                     settings: AnimationSettings(frames: 1001, x: Self.w, y: Self.b, resolution: 4))
        let all = fit.curves(of: many.networks)
        #expect(all.count == 1001)
        #expect(many.legendAvoids.count == 256)
        #expect(many.legendAvoids.first?.y == all.first?.y && many.legendAvoids.last?.y == all.last?.y)
    }

    @Test("plans and frames for each kind of fit panel: the curves the legend avoids are each frame's own, none for a decision map",
          arguments: [[1, 1], [1, 3, 2], [2, 3, 1]])
    func fitPanels(shape: [Int]) throws {
        let network = Network.random(shape: shape, activations: Array(repeating: .sigmoid, count: shape.count - 1), seed: 3, scale: 0.5)
        let data = (shape[0] == 2 ? BuiltInSet.xor : shape.last == 2 ? BuiltInSet.heart : BuiltInSet.not).generate(count: 12, noise: 0, seed: 1)
        let x = ParameterName.weight(layer: 1, row: 1, column: 1), y = ParameterName.bias(layer: 1, index: 1)
        let plan = try AnimationPlan(network: network, data: data, training: TrainingOptions(rate: 0.5, steps: 6),
                                     settings: AnimationSettings(frames: 3, x: x, y: y, resolution: 8, width: 640, height: 360))
        let fit = try FitFigure(network: network, data: data, title: "", subtitle: "")
        if fit.kind == .decisionMap {
            #expect(plan.legendAvoids.isEmpty && plan.fitAxes == nil)
        } else {
            // Three frames: the legend keeps clear of every frame's own curve.
            #expect(plan.legendAvoids.count == plan.networks.count)
            for (curve, frameNetwork) in zip(plan.legendAvoids, plan.networks) {
                let own = try #require(fit.curves(of: [frameNetwork]).first)
                #expect(curve.x == own.x && curve.y == own.y)
            }
        }
        for index in plan.frames.indices {
            let canvas = try Canvas(width: 640, height: 360, format: .png)
            AnimationFrame(plan: plan, index: index).draw(on: canvas, theme: .light)
            _ = try canvas.encoded()
        }
    }

    @Test("a frame's edge is drawn in the colour of the manifest's weight at that step, on the plan's fixed scale")
    func weightColours() throws {
        let plan = try AnimationPlan(network: Self.not, data: Self.notData, training: TrainingOptions(rate: 0.5, steps: 60),
                                     settings: AnimationSettings(frames: 4, x: Self.w, y: Self.b, resolution: 16, width: 960, height: 540))
        for index in plan.frames.indices {
            let frame = AnimationFrame(plan: plan, index: index)
            let canvas = try Canvas(width: 960, height: 540, format: .png)
            frame.draw(on: canvas, theme: .light)
            let image = try canvas.image()
            let (_, rect) = try #require(frame.layout(on: canvas, theme: .light).first { $0.0 == .diagram })
            let layout = frame.diagram(sizing: frame.sizing(on: canvas)).layout(on: canvas, in: rect, theme: .light)
            let edge = try #require(layout.edges.first)
            // Sample a little off the midpoint: the value label sits on the midpoint.
            let t = 0.3
            let x: Double = edge.from.x + t * (edge.to.x - edge.from.x)
            let y: Double = edge.from.y + t * (edge.to.y - edge.from.y)
            let shown = layout.edgeScale.value(of: image[Int(x), Int(y)])
            let weight = plan.frames[index].x
            #expect(abs(shown - weight) <= 2 * plan.weightMagnitude / 255 + 0.02, "frame \(index + 1): edge says \(shown), manifest \(weight)")
            #expect(layout.edgeScale.domain.upperBound == plan.weightMagnitude)
        }
    }

    @Test("when every parameter trains, each frame's surface is the slice through that frame's parameters")
    func movingSlice() throws {
        let network = Network.random(shape: [1, 3, 1], activations: [.tanh, .sigmoid], seed: 2, scale: 0.5)
        let data = BuiltInSet.not.generate(count: 2, noise: 0, seed: 1)
        let x = ParameterName.weight(layer: 2, row: 1, column: 1), y = ParameterName.bias(layer: 2, index: 1)
        let plan = try AnimationPlan(network: network, data: data, training: TrainingOptions(rate: 1, steps: 30),
                                     settings: AnimationSettings(frames: 3, x: x, y: y, resolution: 5))
        #expect(plan.staticSurface == nil)
        let surface = plan.surface(for: 2)
        var slice = plan.networks[2]
        slice[x] = surface.xValue(1)
        slice[y] = surface.yValue(3)
        #expect(abs(surface.value(column: 1, row: 3) - slice.cost(data)) < 1e-12)
        #expect(plan.surface(for: 0).values != surface.values)
        #expect(plan.surfaceColors.lowerBound < plan.surfaceColors.upperBound)
    }
}

/// The colours an animation fixes for all its frames, one frame's values at a time.
struct AnimationColorRangeTests {
    /// The rule as its documentation states it, by selection over all the values at once:
    /// t, the finite values' k-th smallest (k = count / 10, from 0); log when t > 0 and
    /// high / t ≥ 100, over six decades at most below the highest; else the finite range.
    static func reference(_ values: [Double]) -> (ClosedRange<Double>, Bool) {
        let finite = values.filter(\.isFinite).sorted()
        guard let low = finite.first, let high = finite.last, low < high else { return (0...1, false) }
        let t = finite[finite.count / 10]
        if t > 0, high / t >= 100, let lowest = finite.first(where: { $0 > 0 }) {
            return (CostSurfaceFigure.logDomain(lowestPositive: lowest, highest: high), true)
        }
        return (low...high, false)
    }

    @Test("in parts, held one at a time, the frames' costs get the range and scale of all of them at once", arguments: 0..<40)
    func parts(_ seed: Int) {
        var rng = Xoshiro256StarStar(seed: UInt64(seed))
        let parts = Int.random(in: 1...6, using: &rng)
        // Costs over a few decades or many, some zero or negative, some not finite.
        let decades = Double.random(in: 0.5...8, using: &rng)
        let values: [[Double]] = (0..<parts).map { _ in
            (0..<Int.random(in: 0...40, using: &rng)).map { _ in
                switch Int.random(in: 0..<20, using: &rng) {
                case 0: return 0
                case 1: return -Double.random(in: 0...1, using: &rng)
                case 2: return [Double.nan, .infinity][Int.random(in: 0...1, using: &rng)]
                default: return pow(10, -Double.random(in: 0...decades, using: &rng))
                }
            }
        }
        var calls = 0
        let streamed = AnimationPlan.colorRange(parts: parts) { calls += 1; return values[$0] }
        let expected = Self.reference(values.flatMap { $0 })
        #expect(streamed.0 == expected.0 && streamed.1 == expected.1, "seed \(seed)")
        #expect(calls == parts || calls == 2 * parts)
    }
}

extension AnimationColorRangeTests {
    @Test("at the rule's edges: high / t exactly 100, just under, and exactly k values under the limit")
    func edges() {
        // 20 values, k = 2: t is the third smallest.
        let cases: [[Double]] = [
            [0.001, 0.002] + Array(repeating: 0.5, count: 17) + [1],         // two under the limit: t = 0.5, linear
            [0.001, 0.002, 0.01] + Array(repeating: 0.5, count: 16) + [1],   // t = 0.01: high / t = 100, log
            [0.001, 0.002, 0.01.nextUp] + Array(repeating: 0.5, count: 16) + [1],  // just over: linear
            [0, -1, 0.01] + Array(repeating: 0.5, count: 16) + [1],           // two not positive: still t = 0.01, log
            [0, -1, 0] + Array(repeating: 0.5, count: 16) + [1],              // t = 0: linear
        ]
        for (index, values) in cases.enumerated() {
            for split in [1, 3, 20] {
                let parts = stride(from: 0, to: values.count, by: (values.count + split - 1) / split).map { Array(values[$0..<min($0 + (values.count + split - 1) / split, values.count)]) }
                let streamed = AnimationPlan.colorRange(parts: parts.count) { parts[$0] }
                let expected = Self.reference(values)
                #expect(streamed.0 == expected.0 && streamed.1 == expected.1, "case \(index), \(split) parts")
            }
            #expect(Self.reference(values).1 == [false, true, false, true, false][index], "case \(index)")
        }
    }
}
