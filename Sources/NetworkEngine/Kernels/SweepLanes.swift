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
    /// The inputs of each of those layers, one source per input row: lanes where the row moves
    /// with the swept parameters, plain doubles (the base pass's values) where it does not.
    /// Fixed rows as doubles take an eighth of the memory (the first swept layer's rows and
    /// its inputs stay in the level-1 cache) and one broadcast per use.
    private let inputs: [Rows]
    /// The swept neuron's weighted sums Σ_j W_rj a_j for the n examples (see `share(weight:)`).
    private let sums: UnsafeMutablePointer<Lanes>
    /// The targets, `outputs × n`.
    private let targets: UnsafeMutablePointer<Double>
    private let outputRows: Int
    /// Everything allocated here, to free.
    private let owned: [UnsafeMutableRawPointer]

    /// A layer's input rows: row j is `lanes[j]` (n lanes) when not nil, else `fixed[j]` (n
    /// doubles).
    private struct Rows {
        let lanes: UnsafeMutablePointer<UnsafeMutablePointer<Lanes>?>
        let fixed: UnsafeMutablePointer<UnsafePointer<Double>?>
    }

    init(_ evaluator: SweepEvaluator) {
        self.evaluator = evaluator
        let n = evaluator.data.count
        self.n = n
        var owned: [UnsafeMutableRawPointer] = []
        func lanes(_ values: [Double]) -> UnsafeMutablePointer<Lanes> {
            let buffer = UnsafeMutablePointer<Lanes>.allocate(capacity: max(values.count, 1))
            for (i, v) in values.enumerated() { (buffer + i).initialize(to: Lanes(repeating: v)) }
            owned.append(UnsafeMutableRawPointer(buffer))
            return buffer
        }
        func doubles(_ values: [Double]) -> UnsafeMutablePointer<Double> {
            let buffer = UnsafeMutablePointer<Double>.allocate(capacity: max(values.count, 1))
            buffer.initialize(from: values, count: values.count)
            owned.append(UnsafeMutableRawPointer(buffer))
            return buffer
        }
        func rows(_ count: Int) -> Rows {
            let rows = Rows(lanes: .allocate(capacity: count), fixed: .allocate(capacity: count))
            rows.lanes.initialize(repeating: nil, count: count)
            rows.fixed.initialize(repeating: nil, count: count)
            owned.append(UnsafeMutableRawPointer(rows.lanes))
            owned.append(UnsafeMutableRawPointer(rows.fixed))
            return rows
        }
        let network = evaluator.network
        var weights: [UnsafeMutablePointer<Lanes>] = []
        var biases: [UnsafeMutablePointer<Lanes>] = []
        var z: [UnsafeMutablePointer<Lanes>] = []
        var a: [UnsafeMutablePointer<Lanes>] = []
        var inputs: [Rows] = []
        for l in evaluator.first..<network.depth {
            let layer = network.layers[l]
            weights.append(lanes(layer.W.values))
            biases.append(lanes(layer.b))
            z.append(lanes([Double](repeating: 0, count: layer.outputs * n)))
            // The first swept layer's fixed rows keep their base activations (the cost reads
            // them when it is the output layer).
            a.append(lanes(l == evaluator.first ? evaluator.base.a[l + 1].values
                                                : [Double](repeating: 0, count: layer.outputs * n)))
            let input = rows(layer.inputs)
            if l == evaluator.first {
                // The first swept layer's inputs are fixed.
                let values = doubles(evaluator.base.a[l].values)
                for j in 0..<layer.inputs { input.fixed[j] = UnsafePointer(values + j * n) }
            } else if l == evaluator.first + 1 {
                // The next layer's inputs move only in the swept layer's moving rows.
                let values = doubles(evaluator.base.a[l].values)
                for j in 0..<layer.inputs {
                    if evaluator.movingRows.contains(j) { input.lanes[j] = a[0] + j * n } else { input.fixed[j] = UnsafePointer(values + j * n) }
                }
            } else {
                for j in 0..<layer.inputs { input.lanes[j] = a[a.count - 2] + j * n }
            }
            inputs.append(input)
        }
        self.weights = weights
        self.biases = biases
        self.z = z
        self.a = a
        self.inputs = inputs
        sums = lanes([Double](repeating: 0, count: n))
        targets = doubles(evaluator.data.targets.values)
        outputRows = network.layers[network.depth - 1].outputs
        self.owned = owned
    }

    deinit {
        for buffer in owned { buffer.deallocate() }
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
            weightedSum(r, of: layer, slot: 0, plus: biases[0][r], into: z[0] + r * n)
            activate(r, of: layer, slot: 0)
        }
        return cost()
    }

    /// Sets the weight (the parameter on `evaluator.weightAxis`) and computes the swept
    /// neuron's weighted sums, which `costs(bias:)` then shares among many biases.
    func share(weight: Lanes) {
        precondition(evaluator.weightAxis != nil, "SweepLanes: the swept parameters are not a weight and its bias")
        set(evaluator.weightAxis == .x ? evaluator.x : evaluator.y, weight)
        let r = evaluator.movingRows[0]
        weightedSum(r, of: evaluator.network.layers[evaluator.first], slot: 0, plus: nil, into: sums)
    }

    /// The cost at eight values of the bias, with the weight last given to `share(weight:)`:
    /// the same bits as `costs(x:y:)` at those points.
    func costs(bias: Lanes) -> Lanes {
        let r = evaluator.movingRows[0]
        let zs = z[0] + r * n
        for k in 0..<n { zs[k] = sums[k] + bias }
        activate(r, of: evaluator.network.layers[evaluator.first], slot: 0)
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
                weightedSum(i, of: next, slot: slot, plus: biases[slot][i], into: z[slot] + i * n)
                activate(i, of: next, slot: slot)
            }
        }
        let output = a[a.count - 1]
        var total = Lanes(repeating: 0)
        for k in 0..<n {
            var example = Lanes(repeating: 0)
            for i in 0..<outputRows {
                let d = output[i * n + k] - Lanes(repeating: targets[i * n + k])
                example += d * d
            }
            total += example
        }
        return total * evaluator.factor
    }

    /// Σ_j W_rj a_j (+ b) of neuron `r` for every example, as `Dense.forward` computes it
    /// (fused multiply-adds in order of j, then the bias when given).
    ///
    /// Four examples at a time, their sums in registers (`WeightedSums`' chains), W_rj's lanes
    /// shared; each input row is lanes or a broadcast double, whichever it is stored as.
    private func weightedSum(_ r: Int, of layer: Dense, slot: Int, plus bias: Lanes?, into zs: UnsafeMutablePointer<Lanes>) {
        let inputs = layer.inputs
        let rows = self.inputs[slot]
        let w = weights[slot] + r * inputs
        @inline(__always) func sums<let Q: Int>(from k: Int) -> InlineArray<Q, Lanes> {
            var s = InlineArray<Q, Lanes>(repeating: Lanes())
            for j in 0..<inputs {
                if let x = rows.lanes[j] {
                    WeightedSums.step(&s, Fused.self, shared: w[j], chains: UnsafePointer(x + k), Consecutive.self, apart: 1)
                } else {
                    WeightedSums.step(&s, Fused.self, shared: w[j], chains: rows.fixed[j].unsafelyUnwrapped + k, Broadcast.self, apart: 1)
                }
            }
            if let bias { WeightedSums.add(bias, to: &s) }
            return s
        }
        var k = 0
        while k + 4 <= n {
            let s: InlineArray<4, Lanes> = sums(from: k)
            zs[k] = s[0]
            zs[k + 1] = s[1]
            zs[k + 2] = s[2]
            zs[k + 3] = s[3]
            k += 4
        }
        while k < n {
            let s: InlineArray<1, Lanes> = sums(from: k)
            zs[k] = s[0]
            k += 1
        }
    }

    /// a = σ(z) of neuron `r` for every example, from slot `slot`'s z into its a.
    private func activate(_ r: Int, of layer: Dense, slot: Int) {
        let n = self.n
        let zs = z[slot] + r * n
        let out = a[slot] + r * n
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
            // glibc's tanh, one lane at a time (its bits are what `netfig eval` prints). An
            // example whose z is the same in every lane, as when the swept weight's input is 0
            // (z is then the bias alone, whatever the weight), needs one call, not eight.
            for k in 0..<n {
                let v = zs[k]
                let bits = unsafeBitCast(v, to: SIMD8<UInt64>.self)
                if all(bits .== SIMD8(repeating: bits[0])) {
                    out[k] = Lanes(repeating: Foundation.tanh(v[0]))
                    continue
                }
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
