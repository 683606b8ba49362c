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
