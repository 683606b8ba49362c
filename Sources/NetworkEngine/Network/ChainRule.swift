/// The chain rule for one parameter and one example, factor by factor, as the seed writes it:
///
///     ∂C_k/∂w^(l)_jk = ∂C_k/∂a^(l)_j · ∂a^(l)_j/∂z^(l)_j · ∂z^(l)_j/∂w^(l)_jk
///
/// with ∂z/∂w = a^(l−1)_k (∂z/∂b = 1), ∂a/∂z = σ′(z), and ∂C_k/∂a = 2(a − y) at the output
/// layer; below it, ∂C_k/∂a^(l)_j = Σ_i ∂C_k/∂a^(L)_i · ∂a^(L)_i/∂a^(l)_j, the seed's
/// product of ∂a^(m)/∂a^(m−1) = σ′(z^(m)) W^(m) through the later layers. The gradient
/// itself is backpropagation's (`Network.backward` on this example alone), the number
/// `eval` prints for a data set of this one example; the factors are computed apart, so
/// their product checks it.
///
/// ```swift
/// let rule = try ChainRule(network: net, input: [0], target: [1], parameter: .single(weight: false, layer: 1))
/// rule.gradient                                  // −1.1186026425530913 (the seed's ∂C_k/∂b)
/// rule.dCda * rule.dadz * rule.dzdp              // the same, factor by factor
/// ```
public struct ChainRule: Sendable {
    /// The parameter, in explicit form (`W2[1,3]`, `b1[1]`).
    public let parameter: ParameterName
    /// l (1-based), j (0-based neuron of layer l) and, for a weight, k (0-based neuron of layer l − 1).
    public let layer: Int
    public let neuron: Int
    public let source: Int?
    public let activation: Activation
    public let parameterValue: Double
    /// a^(l−1) for the example, the layer the parameter's weight reads from.
    public let previous: [Double]
    /// z^(l)_j and a^(l)_j.
    public let z: Double
    public let a: Double
    /// a^(L), the target y and C_k = Σ_i (a^(L)_i − y_i)².
    public let output: [Double]
    public let target: [Double]
    public let cost: Double
    /// ∂z/∂p: a^(l−1)_k for a weight, 1 for a bias.
    public let dzdp: Double
    /// ∂a/∂z = σ′(z^(l)_j).
    public let dadz: Double
    /// ∂C_k/∂a^(L) = 2(a^(L) − y).
    public let dCdOutput: [Double]
    /// ∂a^(L)_i/∂a^(l)_j for every output i (empty at the output layer, where a^(l)_j is one of them).
    public let dOutputda: [Double]
    /// ∂C_k/∂a^(l)_j.
    public let dCda: Double
    /// δ^(m) = ∂C_k/∂z^(m) of every layer m = 1…L (index m − 1), from backpropagation.
    public let deltas: [[Double]]
    /// ∂C_k/∂p from backpropagation.
    public let gradient: Double

    /// - Parameters:
    ///   - network: the network.
    ///   - input, target: one example.
    ///   - parameter: any name of one of the network's parameters.
    /// - Throws: `ParameterNameError` when the name is not in the network.
    public init(network: Network, input: [Double], target: [Double], parameter: ParameterName) throws {
        let explicit = try parameter.resolved(in: network)
        self.parameter = explicit
        let l: Int, j: Int, k: Int?
        switch explicit {
        case .weight(let layer, let row, let column): (l, j, k) = (layer, row - 1, column - 1)
        case .bias(let layer, let index): (l, j, k) = (layer, index - 1, nil)
        case .single: preconditionFailure("ChainRule: \(explicit) is not explicit")
        }
        layer = l
        neuron = j
        source = k
        let dense = network.layers[l - 1]
        activation = dense.activation
        parameterValue = k.map { dense.W[j, $0] } ?? dense.b[j]

        let pass = network.forward(Matrix(rows: input.count, columns: 1, values: input))
        let targets = Matrix(rows: target.count, columns: 1, values: target)
        let previous = pass.a[l - 1].values
        self.previous = previous
        z = pass.z[l - 1].values[j]
        a = pass.a[l].values[j]
        let output = pass.output.values
        self.output = output
        self.target = target
        cost = network.exampleCosts(pass, targets: targets)[0]

        dzdp = k.map { previous[$0] } ?? 1
        dadz = dense.activation.derivative(z: z, a: a)
        let dCdOutput = zip(output, target).map { 2 * ($0 - $1) }
        self.dCdOutput = dCdOutput
        // ∂a^(L)/∂a^(l)_j forward through the later layers: v ← σ′(z^(m)) ⊙ (W^(m) v).
        var v: [Double] = []
        if l < network.depth {
            v = [Double](repeating: 0, count: dense.outputs)
            v[j] = 1
            for m in l..<network.depth {
                let next = network.layers[m]
                let zs = pass.z[m].values, as_ = pass.a[m + 1].values
                v = (0..<next.outputs).map { i in
                    var sum = 0.0
                    for c in 0..<next.inputs { sum += next.W[i, c] * v[c] }
                    return next.activation.derivative(z: zs[i], a: as_[i]) * sum
                }
            }
        }
        dOutputda = v
        dCda = l == network.depth ? dCdOutput[j] : zip(dCdOutput, v).reduce(0) { $0 + $1.0 * $1.1 }

        // One example: its own mean and sum, so backpropagation gives ∂C_k/∂p itself.
        let backward = network.backward(pass, targets: targets)
        deltas = backward.delta.map(\.values)
        gradient = backward[explicit]
    }

    /// ∂C_k/∂p as the product of the three factors, multiplied in the seed's order.
    public var product: Double { dCda * dadz * dzdp }
}
