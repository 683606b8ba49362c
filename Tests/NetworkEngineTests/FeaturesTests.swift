import Foundation
import Testing
@testable import NetworkEngine

/// Playground's feature inputs: the grammar, the values, and gradients carried through them
/// to the data's raw inputs, against central finite differences.
struct FeaturesTests {
    @Test("the grammar reads Playground's seven features and their kin, and nothing else")
    func grammar() {
        let read: [(String, Feature)] = [
            ("x1", .input(1)), ("x2", .input(2)), ("x1^2", .square(1)), ("x2^2", .square(2)),
            ("x1*x2", .product(1, 2)), ("sin(x1)", .sine(1)), ("sin(x2)", .sine(2)),
            (" x2 * x1 ", .product(2, 1)), ("sin( x3 )", .sine(3)), ("x12^2", .square(12)),
        ]
        for (text, feature) in read {
            #expect(Feature(parsing: text) == feature, "\(text)")
        }
        for text in ["", "x", "x0", "x01", "y", "X1", "x1^3", "x1*x1", "x1**2", "sin x1", "sin(x1", "cos(x1)", "x1+x2", "2*x1", "x1²", "x-1"] {
            #expect(Feature(parsing: text) == nil, "\(text)")
        }
        for feature in read.map(\.1) { #expect(Feature(parsing: feature.description) == feature) }
    }

    @Test("values and local derivatives, by hand")
    func values() {
        let x = [0.5, -2.0, 3.0]
        #expect(Feature.input(2).value(x) == -2)
        #expect(Feature.square(2).value(x) == 4)
        #expect(Feature.product(1, 3).value(x) == 1.5)
        #expect(Feature.sine(1).value(x) == sin(0.5))
        #expect(Feature.product(1, 3).derivative(x) == [3, 0, 0.5])
        #expect(Feature.square(2).derivative(x) == [0, -4, 0])
        #expect(Feature.sine(3).derivative(x) == [0, 0, cos(3.0)])
        let features = Features([.input(1), .square(2), .product(1, 2), .sine(1)], rawWidth: 2)
        let data = Dataset(inputs: [[1, 2], [-3, 0.5]], targets: [[1], [0]])
        let seen = features.apply(to: data)
        #expect(seen.inputWidth == 4 && seen.targets == data.targets)
        #expect(seen.inputs.column(0) == [1, 4, 2, sin(1.0)])
        #expect(seen.inputs.column(1) == [-3, 0.25, -1.5, sin(-3.0)])
        #expect(features([1, 2]) == seen.inputs.column(0))
    }

    static let featureLists: [[Feature]] = [
        [.input(1), .input(2), .square(1), .square(2), .product(1, 2), .sine(1), .sine(2)],
        [.sine(2), .product(2, 1), .square(1)],
        [.product(1, 2)],
        [.input(1), .square(1), .sine(1)],
    ]

    @Test("∂C_k/∂x through the features equals central finite differences", arguments: Activation.allCases)
    func rawGradient(_ activation: Activation) {
        for (seed, list) in Self.featureLists.enumerated() {
            let rawWidth = list.flatMap(\.inputs).max() ?? 1
            let features = Features(list, rawWidth: rawWidth)
            let network = Network.random(shape: [list.count, 5, 2], activations: [activation, .sigmoid], seed: UInt64(seed + 1), scale: 0.7)
            var rng = Xoshiro256StarStar(seed: UInt64(seed + 40))
            for _ in 0..<4 {
                let x = (0..<rawWidth).map { _ in rng.nextUniform(-2, 2) }
                let y = [rng.nextUniform(0, 1), rng.nextUniform(0, 1)]
                func cost(_ raw: [Double]) -> Double {
                    network.cost(Dataset(inputs: [features(raw)], targets: [y]))
                }
                let (_, gradients) = network.gradients(Dataset(inputs: [features(x)], targets: [y]))
                let analytic = features.rawGradient(x, featureGradient: gradients.inputGradient.column(0))
                for k in 0..<rawWidth {
                    // A ReLU unit switching within the stencil makes the derivative undefined there.
                    func pattern(_ t: Double) -> [Bool] {
                        var moved = x
                        moved[k] = t
                        return network.forward(Matrix(rows: list.count, columns: 1, values: features(moved))).z.flatMap { $0.values.map { $0 > 0 } }
                    }
                    if activation == .relu, pattern(x[k] - 2e-3) != pattern(x[k] + 2e-3) { continue }
                    let numeric = GradientCheckTests.numericDerivative({ t in
                        var moved = x
                        moved[k] = t
                        return cost(moved)
                    }, at: x[k])
                    GradientCheckTests.expectClose(analytic[k], numeric, "\(list) ∂C/∂x\(k + 1) at \(x)")
                }
            }
        }
    }

    @Test("weight gradients of a network fed features equal central finite differences")
    func parameterGradients() {
        let features = Features(Self.featureLists[0], rawWidth: 2)
        let raw = BuiltInSet.xor.generate(count: 12, noise: 0.1, seed: 5)
        let data = features.apply(to: raw)
        let network = Network.random(shape: [7, 4, 1], activations: [.tanh, .sigmoid], seed: 9, scale: 0.5)
        let (_, gradients) = network.gradients(data)
        for l in 1...network.depth {
            let layer = network.layers[l - 1]
            for r in 1...layer.outputs {
                for c in 1...layer.inputs {
                    let p = ParameterName.weight(layer: l, row: r, column: c)
                    let numeric = GradientCheckTests.numericDerivative({ value in
                        var copy = network
                        copy[p] = value
                        return copy.cost(data)
                    }, at: network[p])
                    GradientCheckTests.expectClose(gradients[p], numeric, p.description)
                }
            }
        }
    }
}
