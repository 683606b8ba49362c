import Testing
@testable import NetworkEngine

/// Backpropagation against an independent oracle: central finite differences of the cost.
struct GradientCheckTests {
    /// Shapes from 1 to 4 weight layers, widths 1 to 8.
    static let shapes: [[Int]] = [
        [1, 1], [3, 2], [8, 1], [1, 8],
        [4, 3, 2], [2, 8, 1], [5, 1, 5],
        [1, 6, 7, 2], [3, 4, 4, 3], [2, 5, 3, 6, 1], [8, 7, 6, 5, 4],
    ]

    struct Case: CustomTestStringConvertible, Sendable {
        let shape: [Int]
        let activation: Activation
        let reduction: CostReduction
        var testDescription: String { "\(shape) \(activation) \(reduction)" }
    }

    static let cases: [Case] = shapes.flatMap { shape in
        Activation.allCases.flatMap { activation in
            CostReduction.allCases.map { Case(shape: shape, activation: activation, reduction: $0) }
        }
    }

    /// A random network, with a mix of activations in the last layer so every pair meets.
    static func network(for c: Case, seed: UInt64) -> (Network, Dataset) {
        let depth = c.shape.count - 1
        var activations = Array(repeating: c.activation, count: depth)
        if depth > 1 { activations[depth - 1] = Activation.allCases[Int(seed) % Activation.allCases.count] }
        let network = Network.random(shape: c.shape, activations: activations, seed: seed, scale: 0.8, reduction: c.reduction)
        var rng = Xoshiro256StarStar(seed: seed &+ 1000)
        let n = 5
        let inputs = (0..<n).map { _ in (0..<c.shape[0]).map { _ in rng.nextUniform(-1.5, 1.5) } }
        let targets = (0..<n).map { _ in (0..<c.shape[depth]).map { _ in rng.nextUniform(-1, 1) } }
        return (network, Dataset(inputs: inputs, targets: targets))
    }

    /// Five-point central difference: error O(h⁴), about 1e-12 here, so the comparison can be
    /// tight without an absolute floor that would hide real errors.
    static func numericDerivative(_ f: (Double) -> Double, at x: Double, h: Double = 1e-3) -> Double {
        let a: Double = -f(x + 2 * h) + 8 * f(x + h)
        let b: Double = -8 * f(x - h) + f(x - 2 * h)
        return (a + b) / (12 * h)
    }

    /// Which ReLU units are on: when this changes within a stencil, the derivative is undefined
    /// there and the point is no test of backpropagation (skipped, counted, rare by construction).
    static func reluPattern(_ network: Network, _ data: Dataset) -> [Bool] {
        let pass = network.forward(data.inputs)
        return zip(network.layers, pass.z).flatMap { layer, z in layer.activation == .relu ? z.values.map { $0 > 0 } : [] }
    }

    static func crossesKink(_ network: Network, _ data: Dataset, _ p: ParameterName, h: Double) -> Bool {
        func pattern(_ value: Double) -> [Bool] {
            var copy = network
            copy[p] = value
            return reluPattern(copy, data)
        }
        let x = network[p]
        return pattern(x - 2 * h) != pattern(x + 2 * h)
    }

    static func expectClose(_ analytic: Double, _ numeric: Double, _ label: String) {
        let error = abs(analytic - numeric)
        let scale = max(abs(analytic), abs(numeric))
        #expect(error <= 1e-6 * scale + 1e-11, "\(label): backprop \(analytic), finite differences \(numeric)")
    }

    @Test("∂C/∂W and ∂C/∂b equal central finite differences", arguments: cases)
    func parameters(_ c: Case) {
        for seed: UInt64 in [1, 2] {
            let (network, data) = Self.network(for: c, seed: seed)
            let (_, gradients) = network.gradients(data)
            var checked = 0
            for l in 1...network.depth {
                let layer = network.layers[l - 1]
                var names: [ParameterName] = (1...layer.outputs).map { .bias(layer: l, index: $0) }
                for r in 1...layer.outputs {
                    for col in 1...layer.inputs { names.append(.weight(layer: l, row: r, column: col)) }
                }
                for p in names where !Self.crossesKink(network, data, p, h: 1e-3) {
                    let numeric = Self.numericDerivative({ value in
                        var copy = network
                        copy[p] = value
                        return copy.cost(data)
                    }, at: network[p])
                    Self.expectClose(gradients[p], numeric, "\(p.description) seed \(seed)")
                    checked += 1
                }
            }
            #expect(checked >= network.parameterCount * 9 / 10, "too many parameters sat on a ReLU kink")
        }
    }

    /// Penalties with each term alone and both together.
    static let penalties: [Regularization] = [Regularization(l2: 0.3), Regularization(l1: 0.05), Regularization(l2: 0.02, l1: 0.4)]

    @Test("∂(C + R)/∂W and ∂(C + R)/∂b equal central finite differences of C + R, for L2, L1 and both", arguments: cases)
    func regularized(_ c: Case) {
        for (seed, penalty) in zip([4, 5, 6] as [UInt64], Self.penalties) {
            let (network, data) = Self.network(for: c, seed: seed)
            var (_, gradients) = network.gradients(data)
            penalty.addGradient(of: network, to: &gradients)
            let h = 1e-3
            var checked = 0
            for l in 1...network.depth {
                let layer = network.layers[l - 1]
                var names: [ParameterName] = (1...layer.outputs).map { .bias(layer: l, index: $0) }
                for r in 1...layer.outputs {
                    for col in 1...layer.inputs { names.append(.weight(layer: l, row: r, column: col)) }
                }
                // |w| has a kink at 0 as ReLU has at its threshold: a stencil across it tests nothing.
                for p in names where !Self.crossesKink(network, data, p, h: h) && !(penalty.l1 > 0 && abs(network[p]) <= 2 * h) {
                    let numeric = Self.numericDerivative({ value in
                        var copy = network
                        copy[p] = value
                        let cost: Double = copy.cost(data)
                        return cost + penalty.penalty(copy)
                    }, at: network[p], h: h)
                    Self.expectClose(gradients[p], numeric, "\(p.description) seed \(seed) \(penalty)")
                    checked += 1
                }
            }
            #expect(checked >= network.parameterCount * 8 / 10, "too many parameters sat on a kink")
        }
    }

    @Test("the penalty leaves the biases' gradients alone and gives a zero weight no L1 push (sign(0) = 0)")
    func penaltyOnWeightsOnly() {
        var network = Network.random(shape: [2, 3, 1], activations: [.tanh, .sigmoid], seed: 8, scale: 0.8)
        network.layers[0].W[1, 0] = 0
        let data = Dataset(inputs: [[0.5, -1], [1, 2]], targets: [[1], [0]])
        let (_, plain) = network.gradients(data)
        var gradients = plain
        Regularization(l2: 0.7, l1: 0.3).addGradient(of: network, to: &gradients)
        #expect(gradients.db == plain.db)
        #expect(gradients.dW[0][1, 0] == plain.dW[0][1, 0])
        #expect(gradients.dW[0][0, 1] == plain.dW[0][0, 1] + (0.7 * network.layers[0].W[0, 1] + 0.3 * (network.layers[0].W[0, 1] > 0 ? 1 : -1)))
        var untouched = plain
        Regularization.none.addGradient(of: network, to: &untouched)
        #expect(untouched.dW == plain.dW && untouched.db == plain.db)
        #expect(Regularization.none.penalty(network) == 0)
    }

    @Test("∂C_k/∂a0 equals finite differences of C_k in the input", arguments: cases.filter { $0.reduction == .sum })
    func input(_ c: Case) {
        let (network, data) = Self.network(for: c, seed: 3)
        let (_, gradients) = network.gradients(data)
        var checked = 0
        for k in 0..<data.count {
            let example = data.subset([k])
            for j in 0..<data.inputWidth {
                func moved(_ value: Double) -> Dataset {
                    var copy = example
                    copy.inputs[j, 0] = value
                    return copy
                }
                let x = example.inputs[j, 0]
                if Self.reluPattern(network, moved(x - 2e-3)) != Self.reluPattern(network, moved(x + 2e-3)) { continue }
                let numeric = Self.numericDerivative({ network.cost(moved($0)) }, at: x)
                Self.expectClose(gradients.inputGradient[j, k], numeric, "∂C_\(k)/∂a0_\(j)")
                checked += 1
            }
        }
        #expect(checked >= data.count * data.inputWidth * 8 / 10, "too many inputs sat on a ReLU kink")
    }

    @Test("δ of every layer is ∂C_k/∂z, so ∂C/∂b is the (scaled) sum of δ over examples")
    func deltaIsBiasGradient() {
        let (network, data) = Self.network(for: Case(shape: [2, 5, 3], activation: .tanh, reduction: .mean), seed: 7)
        let (_, gradients) = network.gradients(data)
        for l in 0..<network.depth {
            for i in 0..<network.layers[l].outputs {
                let sum = (0..<data.count).map { gradients.delta[l][i, $0] }.reduce(0, +)
                #expect(abs(sum / Double(data.count) - gradients.db[l][i]) < 1e-15)
            }
        }
    }
}
