import Foundation

/// Eight grid points at a time: the cost at each, with every value a `SIMD8<Double>`, one grid
/// point per lane, computed exactly as `Network.cost` computes it.
///
/// Per point, the work is short loops over the examples whose sums must be taken in order
/// (fused multiply-adds in order of j, then + b, as `Dense.forward`; then the per-example
/// costs as `Network.cost` adds them), so each lane's cost has the bits `Network.cost` gives
/// with the two parameters set (the tests compare them). One point at a time, those serial
/// sums and the exponential's chain of dependent steps bound the speed; across eight points
/// the same operations run side by side in vector registers.
///
/// ```swift
/// let lanes = SweepLanes(evaluator)
/// let c = lanes.costs(x: SIMD8(-1, 0, 1, 2, 3, 4, 5, 6), y: SIMD8(repeating: 0.5))   // eight costs
/// ```
final class SweepLanes {
    typealias Lanes = SIMD8<Double>

    private let evaluator: SweepEvaluator
    private let n: Int
    /// For each layer from the first swept one on: its weights and biases as lanes (all equal
    /// except the swept ones), and its z and a for the n examples.
    // Constants once built (the pointees change, not the arrays): `let` spares the hot loops
    // the exclusivity checks that a class's `var` properties cost on every access.
    private let weights: [UnsafeMutablePointer<Lanes>]
    private let biases: [UnsafeMutablePointer<Lanes>]
    private let z: [UnsafeMutablePointer<Lanes>]
    private let a: [UnsafeMutablePointer<Lanes>]
    /// The swept neuron's weighted sums Σ_j W_rj a_j for the n examples (see `share(weight:)`).
    private let sums: UnsafeMutablePointer<Lanes>
    /// The inputs of the first swept layer (fixed), broadcast to lanes.
    private let aPrev: UnsafeMutablePointer<Lanes>
    /// The targets, `outputs × n`, broadcast to lanes.
    private let targets: UnsafeMutablePointer<Lanes>
    private let outputRows: Int

    init(_ evaluator: SweepEvaluator) {
        self.evaluator = evaluator
        let n = evaluator.data.count
        self.n = n
        func lanes(_ values: [Double]) -> UnsafeMutablePointer<Lanes> {
            let buffer = UnsafeMutablePointer<Lanes>.allocate(capacity: max(values.count, 1))
            for (i, v) in values.enumerated() { (buffer + i).initialize(to: Lanes(repeating: v)) }
            return buffer
        }
        let network = evaluator.network
        var weights: [UnsafeMutablePointer<Lanes>] = []
        var biases: [UnsafeMutablePointer<Lanes>] = []
        var z: [UnsafeMutablePointer<Lanes>] = []
        var a: [UnsafeMutablePointer<Lanes>] = []
        for l in evaluator.first..<network.depth {
            let layer = network.layers[l]
            weights.append(lanes(layer.W.values))
            biases.append(lanes(layer.b))
            z.append(lanes([Double](repeating: 0, count: layer.outputs * n)))
            // The first swept layer's fixed rows keep their base activations.
            a.append(lanes(l == evaluator.first ? evaluator.base.a[l + 1].values
                                                : [Double](repeating: 0, count: layer.outputs * n)))
        }
        self.weights = weights
        self.biases = biases
        self.z = z
        self.a = a
        sums = lanes([Double](repeating: 0, count: n))
        aPrev = lanes(evaluator.base.a[evaluator.first].values)
        targets = lanes(evaluator.data.targets.values)
        outputRows = network.layers[network.depth - 1].outputs
    }

    deinit {
        for buffer in weights + biases + z + a + [sums, aPrev, targets] { buffer.deallocate() }
    }

    private func set(_ p: ParameterName, _ value: Lanes) {
        let network = evaluator.network
        switch p {
        case .weight(let l, let r, let c):
            weights[l - 1 - evaluator.first][(r - 1) * network.layers[l - 1].inputs + (c - 1)] = value
        case .bias(let l, let i):
            biases[l - 1 - evaluator.first][i - 1] = value
        case .single(let isWeight, let l):
            if isWeight { weights[l - 1 - evaluator.first][0] = value } else { biases[l - 1 - evaluator.first][0] = value }
        }
    }

    /// The cost at eight (x, y) points.
    func costs(x: Lanes, y: Lanes) -> Lanes {
        set(evaluator.x, x)
        set(evaluator.y, y)
        let layer = evaluator.network.layers[evaluator.first]
        for r in evaluator.movingRows {
            weightedSum(r, of: layer, slot: 0, into: z[0] + r * n)
            activate(r, of: layer, slot: 0, bias: biases[0][r])
        }
        return cost()
    }

    /// Sets the weight (the parameter on `evaluator.weightAxis`) and computes the swept
    /// neuron's weighted sums, which `costs(bias:)` then shares among many biases.
    func share(weight: Lanes) {
        precondition(evaluator.weightAxis != nil, "SweepLanes: the swept parameters are not a weight and its bias")
        set(evaluator.weightAxis == .x ? evaluator.x : evaluator.y, weight)
        let r = evaluator.movingRows[0]
        weightedSum(r, of: evaluator.network.layers[evaluator.first], slot: 0, into: sums)
    }

    /// The cost at eight values of the bias, with the weight last given to `share(weight:)`:
    /// the same bits as `costs(x:y:)` at those points.
    func costs(bias: Lanes) -> Lanes {
        let r = evaluator.movingRows[0]
        let zs = z[0] + r * n
        for k in 0..<n { zs[k] = sums[k] }
        activate(r, of: evaluator.network.layers[evaluator.first], slot: 0, bias: bias)
        return cost()
    }

    /// C from the first swept layer's activations: the later layers, then the per-example
    /// costs C_k = Σ_i (a_i − y_i)² summed over k, in `Network.cost`'s order.
    private func cost() -> Lanes {
        let network = evaluator.network
        for l in (evaluator.first + 1)..<network.depth {
            let slot = l - evaluator.first
            let next = network.layers[l]
            for i in 0..<next.outputs {
                weightedSum(i, of: next, slot: slot, into: z[slot] + i * n)
                activate(i, of: next, slot: slot, bias: biases[slot][i])
            }
        }
        let output = a[a.count - 1]
        var total = Lanes(repeating: 0)
        for k in 0..<n {
            var example = Lanes(repeating: 0)
            for i in 0..<outputRows {
                let d = output[i * n + k] - targets[i * n + k]
                example += d * d
            }
            total += example
        }
        return total * evaluator.factor
    }

    /// Σ_j W_rj a_j of neuron `r` for every example, as `Dense.forward` accumulates it (fused
    /// multiply-adds in order of j), before the bias.
    private func weightedSum(_ r: Int, of layer: Dense, slot: Int, into zs: UnsafeMutablePointer<Lanes>) {
        let n = self.n
        let inputs = layer.inputs
        let input = slot == 0 ? aPrev : a[slot - 1]
        let w = weights[slot] + r * inputs
        for k in 0..<n { zs[k] = Lanes(repeating: 0) }
        for j in 0..<inputs {
            let wrj = w[j]
            let x = input + j * n
            for k in 0..<n { zs[k] = zs[k].addingProduct(wrj, x[k]) }
        }
    }

    /// z += b and a = σ(z) of neuron `r` for every example, into slot `slot`'s buffers.
    private func activate(_ r: Int, of layer: Dense, slot: Int, bias: Lanes) {
        let n = self.n
        let zs = z[slot] + r * n
        let out = a[slot] + r * n
        for k in 0..<n { zs[k] += bias }
        switch layer.activation {
        case .sigmoid:
            // The lanes of all n examples as one buffer of doubles: the buffer loop vectorises
            // the exponential, with the bits it gives one value at a time.
            let count = n * Lanes.scalarCount
            zs.withMemoryRebound(to: Double.self, capacity: count) { zd in
                out.withMemoryRebound(to: Double.self, capacity: count) { ad in
                    Exponential.sigmoid(UnsafeBufferPointer(start: zd, count: count), into: UnsafeMutableBufferPointer(start: ad, count: count))
                }
            }
        case .tanh:
            for k in 0..<n {
                let v = zs[k]
                var t = Lanes()
                for lane in 0..<Lanes.scalarCount { t[lane] = Foundation.tanh(v[lane]) }
                out[k] = t
            }
        case .relu:
            for k in 0..<n { out[k] = zs[k].replacing(with: 0, where: .!(zs[k] .> 0)) }
        case .identity:
            for k in 0..<n { out[k] = zs[k] }
        }
    }
}
