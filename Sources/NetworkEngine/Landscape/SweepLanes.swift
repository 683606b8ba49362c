import Foundation

/// Four grid points at a time: `SweepEvaluator.cost` with every value a `SIMD4<Double>`, one
/// grid point per lane.
///
/// Per point, the work is short loops over the examples whose sums must be taken in order
/// (to keep the same bits as `Network.cost`); one point at a time, that serial sum and the
/// activations' latency bound the speed. Across four points the same operations run side by
/// side in vector registers, each lane in the scalar order, so each lane's cost has exactly
/// the bits the scalar path gives (the tests compare them).
///
/// ```swift
/// let lanes = SweepLanes(evaluator)
/// let c = lanes.costs(x: SIMD4(-1, 0, 1, 2), y: SIMD4(repeating: 0.5))   // four costs
/// ```
final class SweepLanes {
    typealias Lanes = SIMD4<Double>

    private let evaluator: SweepEvaluator
    private let n: Int
    /// For each layer from the first swept one on: its weights and biases as lanes (all four
    /// equal except the swept ones), and its z and a for the n examples.
    // Constants once built (the pointees change, not the arrays): `let` spares the hot loops
    // the exclusivity checks that a class's `var` properties cost on every access.
    private let weights: [UnsafeMutablePointer<Lanes>]
    private let biases: [UnsafeMutablePointer<Lanes>]
    private let z: [UnsafeMutablePointer<Lanes>]
    private let a: [UnsafeMutablePointer<Lanes>]
    /// The inputs of the first swept layer (fixed), broadcast to lanes.
    private let aPrev: UnsafeMutablePointer<Lanes>
    /// The targets, `outputs × n`, broadcast to lanes.
    private let targets: UnsafeMutablePointer<Lanes>
    private let outputCount: Int

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
        aPrev = lanes(evaluator.base.a[evaluator.first].values)
        targets = lanes(evaluator.data.targets.values)
        outputCount = evaluator.data.targets.values.count
    }

    deinit {
        for buffer in weights + biases + z + a + [aPrev, targets] { buffer.deallocate() }
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

    /// The cost at four (x, y) points, lane by lane equal to `SweepEvaluator.cost`.
    func costs(x: Lanes, y: Lanes) -> Lanes {
        set(evaluator.x, x)
        set(evaluator.y, y)
        let network = evaluator.network
        let first = evaluator.first
        let n = self.n
        let layer = network.layers[first]
        let isOutput = first == network.depth - 1

        if isOutput {
            var total = Lanes(repeating: 0)
            for i in evaluator.baseRowCosts.indices where !evaluator.movingRows.contains(i) {
                total += Lanes(repeating: evaluator.baseRowCosts[i])
            }
            for r in evaluator.movingRows {
                row(r, of: layer, slot: 0)
                let out = a[0] + r * n
                let y = targets + r * n
                for k in 0..<n {
                    let d = out[k] - y[k]
                    total += d * d
                }
            }
            return total * evaluator.factor
        }

        for r in evaluator.movingRows { row(r, of: layer, slot: 0) }
        for l in (first + 1)..<network.depth {
            let slot = l - first
            let next = network.layers[l]
            for i in 0..<next.outputs { row(i, of: next, slot: slot) }
        }
        var total = Lanes(repeating: 0)
        let output = a[a.count - 1]
        for i in 0..<outputCount {
            let d = output[i] - targets[i]
            total += d * d
        }
        return total * evaluator.factor
    }

    /// z and σ(z) of neuron `r` of a layer for every example, as `Dense.forward` computes
    /// them (fused multiply-adds in order of j, then + b), into slot `slot`'s buffers.
    private func row(_ r: Int, of layer: Dense, slot: Int) {
        let n = self.n
        let inputs = layer.inputs
        let input = slot == 0 ? aPrev : a[slot - 1]
        let w = weights[slot] + r * inputs
        let zs = z[slot] + r * n
        let out = a[slot] + r * n
        for k in 0..<n { zs[k] = Lanes(repeating: 0) }
        for j in 0..<inputs {
            let wrj = w[j]
            let x = input + j * n
            for k in 0..<n { zs[k] = zs[k].addingProduct(wrj, x[k]) }
        }
        let br = biases[slot][r]
        for k in 0..<n { zs[k] += br }
        switch layer.activation {
        case .sigmoid:
            // The fast path for every example, one check for the whole row after it (a branch
            // per vector cost more than the exponential), glibc for the rare lanes past ±708.
            let limit = Lanes(repeating: Exponential.fastLimit)
            var outside = SIMDMask<SIMD4<Int64>>(repeating: false)
            for k in 0..<n {
                let x = -zs[k]
                let clamped = x.replacing(with: -limit, where: x .< -limit).replacing(with: limit, where: x .> limit)
                out[k] = 1 / (1 + Exponential.reduced(clamped))
                outside .|= .!((x .< limit) .& (x .> -limit))
            }
            if any(outside) {
                for k in 0..<n { out[k] = Exponential.sigmoid(zs[k]) }
            }
        case .tanh:
            for k in 0..<n {
                let v = zs[k]
                out[k] = Lanes(Foundation.tanh(v[0]), Foundation.tanh(v[1]), Foundation.tanh(v[2]), Foundation.tanh(v[3]))
            }
        case .relu:
            for k in 0..<n { out[k] = zs[k].replacing(with: 0, where: .!(zs[k] .> 0)) }
        case .identity:
            for k in 0..<n { out[k] = zs[k] }
        }
    }
}
