import Dispatch

/// What every grid point of a plane's cost surface shares, computed once: the first layer's
/// z¹₀, u and v for every example (`ParameterPlane`), the targets, each example's values
/// side by side. Built once per surface and read by every thread's `PlaneLanes`.
struct PlaneEvaluator: Sendable {
    let plane: ParameterPlane
    let examples: Int
    /// (z¹₀, u, v) of neuron i for example k at `first[(k · neurons + i) · 3 …]`.
    let first: [Double]
    /// Target i of example k at `targets[k · outputs + i]`.
    let targets: [Double]
    let factor: Double

    init(plane: ParameterPlane, data: Dataset) {
        let network = plane.origin
        precondition(data.inputWidth == network.shape[0] && data.targetWidth == network.shape[network.depth],
                     "PlaneEvaluator: the data's widths do not match the network")
        self.plane = plane
        examples = data.count
        first = Self.firstLayerTerms(plane, inputs: data.inputs)
        targets = data.targets.transposed.values
        factor = network.reduction.factor(examples: data.count)
    }

    /// z¹₀, u and v, interleaved by example and neuron, with the bits of
    /// `ParameterPlane.firstLayerTerms` (`Dense.forward`'s sums).
    ///
    /// Each sum runs over the inputs in order, as `Dense.forward`'s; lanes run over eight
    /// examples, four vectors of them at a time, so each input row is read once for the
    /// three sums and 32 examples. A 784 → 32 layer over 2,000 examples is 150 million
    /// multiply-adds: the one part of a grid whose work grows with the inputs, and the same
    /// for any number of grid points. The neurons are shared among threads (`threads`,
    /// default every core).
    static func firstLayerTerms(_ plane: ParameterPlane, inputs x: Matrix, threads: Int? = nil) -> [Double] {
        let layer = plane.origin.layers[0]
        let rows = layer.outputs, n = x.columns
        var out = [Double](repeating: 0, count: n * rows * 3)
        let matrices = [layer.W.values, plane.x.W[0].values, plane.y.W[0].values]
        let biases = [layer.b, plane.x.b[0], plane.y.b[0]]
        let workers = max(1, min(threads ?? System.coreCount, rows))
        out.withUnsafeMutableBufferPointer { buffer in
            let result = UncheckedBuffer(buffer)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                x.values.withUnsafeBufferPointer { xs in
                    matrices[0].withUnsafeBufferPointer { w0 in
                        matrices[1].withUnsafeBufferPointer { w1 in
                            matrices[2].withUnsafeBufferPointer { w2 in
                                for i in stride(from: worker, to: rows, by: workers) {
                                    neuronTerms(i, weights: (w0, w1, w2), biases: (biases[0][i], biases[1][i], biases[2][i]),
                                                inputs: xs, examples: n, rows: rows, into: result)
                                }
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// Neuron i's three sums for every example.
    private static func neuronTerms(
        _ i: Int, weights w: (UnsafeBufferPointer<Double>, UnsafeBufferPointer<Double>, UnsafeBufferPointer<Double>),
        biases: (Double, Double, Double), inputs xs: UnsafeBufferPointer<Double>, examples n: Int, rows: Int,
        into result: UncheckedBuffer
    ) {
        typealias Lanes = SIMD8<Double>
        guard let base = xs.baseAddress else { return }
        let m = w.0.count / rows
        func store(_ sums: InlineArray<4, Lanes>, term t: Int, bias: Double, from k: Int) {
            var z = sums
            WeightedSums.add(Lanes(repeating: bias), to: &z)
            for q in 0..<4 {
                for lane in 0..<8 { result[((k + 8 * q + lane) * rows + i) * 3 + t] = z[q][lane] }
            }
        }
        var k = 0
        while k + 32 <= n {
            var s0 = InlineArray<4, Lanes>(repeating: Lanes()), s1 = s0, s2 = s0
            for j in 0..<m {
                let x = base + j * n + k
                WeightedSums.step(&s0, Fused.self, shared: Lanes(repeating: w.0[i * m + j]), chains: x, Consecutive.self, apart: 8)
                WeightedSums.step(&s1, Fused.self, shared: Lanes(repeating: w.1[i * m + j]), chains: x, Consecutive.self, apart: 8)
                WeightedSums.step(&s2, Fused.self, shared: Lanes(repeating: w.2[i * m + j]), chains: x, Consecutive.self, apart: 8)
            }
            store(s0, term: 0, bias: biases.0, from: k)
            store(s1, term: 1, bias: biases.1, from: k)
            store(s2, term: 2, bias: biases.2, from: k)
            k += 32
        }
        while k < n {
            for (t, (weights, bias)) in [(w.0, biases.0), (w.1, biases.1), (w.2, biases.2)].enumerated() {
                var sum = 0.0
                for j in 0..<m { sum = sum.addingProduct(weights[i * m + j], base[j * n + k]) }
                result[(k * rows + i) * 3 + t] = sum + bias
            }
            k += 1
        }
    }
}

/// Eight points of a plane's grid at a time: the cost at θ(α, β) with every value a
/// `SIMD8<Double>`, one grid point per lane, with the bits of `ParameterPlane.cost`.
///
/// Per point, the first layer is z¹ = (z¹₀ + α·u) + β·v (two fused multiply-adds) from the
/// shared terms, and every later layer a weighted sum with θ(α, β)'s weights, made once per
/// eight points. Examples go eight at a time through every layer and into the cost (in order
/// of k, as `Network.cost` adds them), so a block's activations stay in the level-1 cache
/// whatever the number of examples, and the eight sums of a neuron are independent chains
/// side by side.
///
/// ```swift
/// let lanes = PlaneLanes(evaluator)
/// let c = lanes.costs(alpha: SIMD8(-1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75), beta: SIMD8(repeating: 0))
/// ```
final class PlaneLanes {
    typealias Lanes = SIMD8<Double>
    static let block = 8

    private let evaluator: PlaneEvaluator
    private let shape: [Int]
    private let activations: [Activation]
    /// For layers 2 … L (index l − 2): θ(α, β)'s weights and biases as lanes.
    private let weights: [UnsafeMutablePointer<Lanes>]
    private let biases: [UnsafeMutablePointer<Lanes>]
    /// For layers 1 … L (index l − 1): z and a of a block's examples, `neuron · block + e`.
    private let z: [UnsafeMutablePointer<Lanes>]
    private let a: [UnsafeMutablePointer<Lanes>]
    private let owned: [UnsafeMutableRawPointer]

    init(_ evaluator: PlaneEvaluator) {
        self.evaluator = evaluator
        let network = evaluator.plane.origin
        shape = network.shape
        activations = network.layers.map(\.activation)
        var owned: [UnsafeMutableRawPointer] = []
        func lanes(_ count: Int) -> UnsafeMutablePointer<Lanes> {
            let buffer = UnsafeMutablePointer<Lanes>.allocate(capacity: max(count, 1))
            buffer.initialize(repeating: Lanes(), count: max(count, 1))
            owned.append(UnsafeMutableRawPointer(buffer))
            return buffer
        }
        weights = network.layers.dropFirst().map { lanes($0.W.values.count) }
        biases = network.layers.dropFirst().map { lanes($0.b.count) }
        z = network.layers.map { lanes($0.outputs * Self.block) }
        a = network.layers.map { lanes($0.outputs * Self.block) }
        self.owned = owned
    }

    deinit {
        for buffer in owned { buffer.deallocate() }
    }

    /// The cost at eight points (α, β).
    func costs(alpha: Lanes, beta: Lanes) -> Lanes {
        let plane = evaluator.plane
        // θ(α, β) for layers 2 … L: (θ + α·δ) + β·η, as `ParameterPlane.layer`.
        for l in 1..<shape.count - 1 {
            let layer = plane.origin.layers[l]
            let w = weights[l - 1], b = biases[l - 1]
            let dW = plane.x.W[l].values, eW = plane.y.W[l].values, db = plane.x.b[l], eb = plane.y.b[l]
            for e in layer.W.values.indices { w[e] = Lanes(repeating: layer.W.values[e]) + alpha * dW[e] + beta * eW[e] }
            for i in layer.b.indices { b[i] = Lanes(repeating: layer.b[i]) + alpha * db[i] + beta * eb[i] }
        }
        let n = evaluator.examples, outputs = shape[shape.count - 1]
        var total = Lanes()
        evaluator.first.withUnsafeBufferPointer { first in
            evaluator.targets.withUnsafeBufferPointer { targets in
                var k = 0
                while k < n {
                    let count = min(Self.block, n - k)
                    forward(examples: k, count: count, alpha: alpha, beta: beta, first: first)
                    // C_k = Σ_i (a_ik − y_ik)² in order of i, then the C_k in order of k.
                    let output = a[a.count - 1]
                    for e in 0..<count {
                        var example = Lanes()
                        for i in 0..<outputs {
                            let d = output[i * Self.block + e] - Lanes(repeating: targets[(k + e) * outputs + i])
                            example += d * d
                        }
                        total += example
                    }
                    k += count
                }
            }
        }
        return total * evaluator.factor
    }

    /// Every layer's a for examples k ..< k + count (count ≤ `block`).
    private func forward(examples k: Int, count: Int, alpha: Lanes, beta: Lanes, first: UnsafeBufferPointer<Double>) {
        let neurons = shape[1]
        let z1 = z[0]
        for e in 0..<count {
            let terms = (k + e) * neurons * 3
            for i in 0..<neurons {
                let t = terms + i * 3
                let z0 = Lanes(repeating: first[t])
                z1[i * Self.block + e] = z0.addingProduct(alpha, Lanes(repeating: first[t + 1])).addingProduct(beta, Lanes(repeating: first[t + 2]))
            }
        }
        activate(0)
        for l in 1..<shape.count - 1 {
            if count == Self.block { weightedSums8(layer: l) } else { weightedSums(layer: l, count: count) }
            activate(l)
        }
    }

    /// z = Σ_j W_ij a_j (fused multiply-adds in order of j) + b_i of layer l + 1 (0-based l),
    /// eight examples side by side (`WeightedSums`' chains): eight independent chains keep both
    /// of a core's multiply-add units busy through each one's four-cycle latency (four chains
    /// kept one).
    private func weightedSums8(layer l: Int) {
        let inputs = shape[l], outputs = shape[l + 1]
        let w = weights[l - 1], b = biases[l - 1], x = UnsafePointer(a[l - 1]), out = z[l]
        for i in 0..<outputs {
            var s: InlineArray<8, Lanes> = WeightedSums.sums(Fused.self, terms: inputs,
                                                             shared: UnsafePointer(w + i * inputs), Consecutive.self, step: 1,
                                                             chains: x, Consecutive.self, apart: 1, step: Self.block)
            WeightedSums.add(b[i], to: &s)
            WeightedSums.store(s, at: out + i * Self.block, apart: 1)
        }
    }

    /// The same for fewer examples (the last block).
    private func weightedSums(layer l: Int, count: Int) {
        let inputs = shape[l], outputs = shape[l + 1]
        let w = weights[l - 1], b = biases[l - 1], x = UnsafePointer(a[l - 1]), out = z[l]
        for i in 0..<outputs {
            for e in 0..<count {
                var s: InlineArray<1, Lanes> = WeightedSums.sums(Fused.self, terms: inputs,
                                                                 shared: UnsafePointer(w + i * inputs), Consecutive.self, step: 1,
                                                                 chains: x + e, Consecutive.self, apart: 1, step: Self.block)
                WeightedSums.add(b[i], to: &s)
                out[i * Self.block + e] = s[0]
            }
        }
    }

    /// a = σ(z) of layer l + 1 (0-based l) over the whole block (the last block's unused
    /// examples hold earlier values, never read).
    private func activate(_ l: Int) {
        let count = shape[l + 1] * Self.block * Lanes.scalarCount
        z[l].withMemoryRebound(to: Double.self, capacity: count) { zs in
            a[l].withMemoryRebound(to: Double.self, capacity: count) { out in
                activations[l].apply(UnsafeBufferPointer(start: zs, count: count), into: UnsafeMutableBufferPointer(start: out, count: count))
            }
        }
    }
}
