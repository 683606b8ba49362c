import Foundation
import Testing
@testable import NetworkEngine

/// The chain figure's numbers: the seed's derivative, and each factor checked against an
/// independent computation (central differences of C_k, or the product of the others).
struct ChainRuleTests {
    /// The seed's NOT neuron at w = 2.3, b = −1.2, x = 0, y = 1: ∂C_k/∂b = −1.1186026425530913
    /// and ∂C_k/∂w = 0 (∂z/∂w = x = 0), factor by factor as the seed computes them.
    @Test func theSeedsDerivative() throws {
        let network = Network(layers: [Dense(W: Matrix(rows: 1, columns: 1, values: [2.3]), b: [-1.2], activation: .tanh)])
        let b = try ChainRule(network: network, input: [0], target: [1], parameter: .single(weight: false, layer: 1))
        #expect(b.gradient == -1.1186026425530913)
        #expect(b.product == -1.1186026425530913)
        // The seed's three factors: dCda = 2(a − y), dadz = 1/cosh²(z), dzdb = 1.
        let a = Activation.tanh.value(-1.2)
        #expect(b.a == a && b.z == -1.2)
        #expect(b.dCda == 2 * (a - 1))
        #expect(b.dadz == 1 / (cosh(-1.2) * cosh(-1.2)))
        #expect(b.dzdp == 1)
        #expect(b.cost == (a - 1) * (a - 1))
        let w = try ChainRule(network: network, input: [0], target: [1], parameter: .single(weight: true, layer: 1))
        #expect(w.gradient == 0 && w.dzdp == 0)
    }

    /// Every parameter of deeper networks, every activation: backpropagation's ∂C_k/∂p
    /// against central differences of C_k, and against the product of the figure's factors,
    /// whose ∂C_k/∂a comes from a forward (Jacobian) pass through the later layers, not from δ.
    @Test(arguments: [[1, 6, 7, 2], [4, 3, 2], [2, 5, 3, 1], [3, 1]])
    func factorsMultiplyToTheGradient(shape: [Int]) throws {
        for activation in Activation.allCases {
            let c = GradientCheckTests.Case(shape: shape, activation: activation, reduction: .mean)
            let (network, data) = GradientCheckTests.network(for: c, seed: 7)
            let k = 2
            let input = data.inputs.column(k), target = data.targets.column(k)
            let one = Dataset(inputs: [input], targets: [target])
            for l in 1...network.depth {
                let layer = network.layers[l - 1]
                let names = (0..<layer.outputs).flatMap { j in
                    (0..<layer.inputs).map { ParameterName.weight(layer: l, row: j + 1, column: $0 + 1) } + [.bias(layer: l, index: j + 1)]
                }
                for name in names {
                    let rule = try ChainRule(network: network, input: input, target: target, parameter: name)
                    let scale = max(abs(rule.gradient), 1e-3)
                    #expect(abs(rule.product - rule.gradient) <= 1e-12 * scale, "\(c) \(name): \(rule.product) vs \(rule.gradient)")
                    if !GradientCheckTests.crossesKink(network, one, name, h: 1e-3) {
                        let numeric = GradientCheckTests.numericDerivative({ value in
                            var copy = network
                            copy[name] = value
                            return copy.cost(one)
                        }, at: network[name])
                        #expect(abs(numeric - rule.gradient) <= 1e-7 * max(abs(numeric), 1), "\(c) \(name): \(numeric) vs \(rule.gradient)")
                    }
                    // δ of the parameter's neuron is ∂C_k/∂a · σ′(z), as the figure says.
                    #expect(abs(rule.deltas[l - 1][rule.neuron] - rule.dCda * rule.dadz) <= 1e-12 * max(abs(rule.deltas[l - 1][rule.neuron]), 1e-3))
                }
            }
        }
    }
}

/// −∇C at a grid of points, against central differences of the cost.
struct GradientFieldTests {
    @Test(arguments: [[1, 1], [2, 3, 1], [1, 6, 7, 2]])
    func arrowsAreTheNegativeGradient(shape: [Int]) throws {
        let c = GradientCheckTests.Case(shape: shape, activation: .tanh, reduction: .mean)
        let (network, data) = GradientCheckTests.network(for: c, seed: 11)
        let x = ParameterName.weight(layer: network.depth, row: 1, column: 1), y = ParameterName.bias(layer: 1, index: 1)
        let field = GradientField(network: network, data: data, x: x, y: y, xRange: -2...2, yRange: -1...3, count: 5)
        #expect(field.arrows.count == 25)
        for arrow in field.arrows {
            var moved = network
            moved[x] = arrow.x
            moved[y] = arrow.y
            let dx = GradientCheckTests.numericDerivative({ v in var n = moved; n[x] = v; return n.cost(data) }, at: arrow.x)
            let dy = GradientCheckTests.numericDerivative({ v in var n = moved; n[y] = v; return n.cost(data) }, at: arrow.y)
            #expect(abs(arrow.dx + dx) <= 1e-7 * max(1, abs(dx)))
            #expect(abs(arrow.dy + dy) <= 1e-7 * max(1, abs(dy)))
        }
        // Cell centres: the first arrow half a cell in from the corner.
        #expect(field.arrows[0].x == -1.6 && field.arrows[0].y == -0.6)
    }
}
