/// A training step's arithmetic over one batch (the forward pass, the cost, ∂C/∂W and
/// ∂C/∂b), with each example's values side by side, and the bits of `Network`'s `forward`,
/// `cost` and `backward`.
///
/// `Network` keeps a row per neuron. But ∂C/∂W_ij = Σ_k δ_ik a_jk has to be summed over the
/// examples k in order, since the trained numbers depend on it, so vector lanes cannot run
/// over the examples, and a row per neuron would have every layer of every step transpose
/// a or δ first. Here each example's a, z and δ are contiguous, so every sum runs with lanes
/// over neurons (or inputs), in `Network`'s order and from zero as it does. Only the weights
/// are copied each step (Wᵀ for the forward pass, W padded for Wᵀδ): a few dozen values.
///
/// Vectors are stored whole, so a store can run past an example's last value into the
/// next example's values. Examples are written in order, so the next example's own store
/// puts them right. Every buffer also has a vector's room after its end.
///
/// ```swift
/// let kernel = BatchKernel(shape: network.shape)
/// kernel.load(data)
/// let cost = kernel.forward(network)          // network.cost(data), bit for bit
/// kernel.backward(network, into: &gradients)  // network.backward's dW and db
/// ```
final class BatchKernel {
    typealias Lanes = SIMD8<Double>
    static let width = Lanes.scalarCount

    /// Neurons per layer, inputs first.
    let shape: [Int]
    /// The examples loaded.
    private(set) var count = 0

    private var storage: UnsafeMutablePointer<Double>
    private var capacity = 0
    // Offsets into `storage`. a[l] is a^(l) (a[0] the inputs); z, delta and the weight
    // copies are per weight layer.
    private var a: [Int] = [], z: [Int] = [], delta: [Int] = [], targets = 0
    private var transposedWeights: [Int] = [], paddedWeights: [Int] = [], paddedBiases: [Int] = []

    init(shape: [Int]) {
        precondition(shape.count >= 2 && shape.allSatisfy { $0 > 0 }, "BatchKernel: shape \(shape)")
        self.shape = shape
        storage = Self.allocate(0)
        layOut(examples: 0)
    }

    deinit { storage.deallocate() }

    /// Room for `count` doubles on a cache line's boundary, so that every buffer's vectors
    /// (each buffer starts on a whole vector) do not straddle two lines.
    private static func allocate(_ count: Int) -> UnsafeMutablePointer<Double> {
        UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * MemoryLayout<Double>.stride, alignment: 64)
            .bindMemory(to: Double.self, capacity: count)
    }

    /// The whole vectors a row of `rowLength` values takes.
    private static func chunks(_ rowLength: Int) -> Int { (rowLength + width - 1) / width }

    /// Places every buffer for `n` examples, each with a vector's room after it.
    private func layOut(examples n: Int) {
        var end = 0
        func take(_ values: Int) -> Int {
            defer { end += (values + 2 * Self.width - 1) / Self.width * Self.width }
            return end
        }
        let depth = shape.count - 1
        a = shape.map { take($0 * n) }
        z = shape.dropFirst().map { take($0 * n) }
        delta = shape.dropFirst().map { take($0 * n) }
        targets = take(shape[depth] * n)
        transposedWeights = (0..<depth).map { l in take(shape[l] * Self.chunks(shape[l + 1]) * Self.width) }
        paddedWeights = (0..<depth).map { l in take(shape[l + 1] * Self.chunks(shape[l]) * Self.width) }
        paddedBiases = (0..<depth).map { l in take(Self.chunks(shape[l + 1]) * Self.width) }
        if end > capacity {
            storage.deallocate()
            storage = Self.allocate(end)
            capacity = end
        }
        // Padding lanes take part in vector arithmetic whose results are discarded. They
        // start as zeros so that no lane reads uninitialised memory, and the weight copies'
        // padding stays zero.
        storage.initialize(repeating: 0, count: capacity)
        count = n
    }

    /// Loads the examples (all of them, or those at `indices` in that order), each one's
    /// inputs and targets side by side.
    func load(_ data: Dataset, examples indices: [Int]? = nil) {
        precondition(data.inputWidth == shape[0] && data.targetWidth == shape[shape.count - 1],
                     "BatchKernel: the data's widths do not match the network")
        let n = indices?.count ?? data.count
        if n != count { layOut(examples: n) }
        func transpose(_ matrix: Matrix, into offset: Int) {
            let rows = matrix.rows, columns = matrix.columns
            let out = storage + offset
            matrix.values.withUnsafeBufferPointer { values in
                for k in 0..<n {
                    let column = indices?[k] ?? k
                    for r in 0..<rows { out[k * rows + r] = values[r * columns + column] }
                }
            }
        }
        transpose(data.inputs, into: a[0])
        transpose(data.targets, into: targets)
    }

    /// The forward pass over the loaded examples; returns C, the mean (or sum) of the
    /// C_k = Σ_i (a_ik − y_ik)², as `Network.cost` adds them.
    func forward(_ network: Network) -> Double {
        precondition(network.shape == shape, "BatchKernel: the network's shape is \(network.shape), not \(shape)")
        let n = count
        for (l, layer) in network.layers.enumerated() {
            let m = shape[l], o = shape[l + 1], row = Self.paddedRow(o)
            let wT = storage + transposedWeights[l], bias = storage + paddedBiases[l]
            // Wᵀ with each column of W padded to whole vectors, so lanes run over neurons.
            layer.W.values.withUnsafeBufferPointer { w in
                for j in 0..<m {
                    for i in 0..<o { wT[j * row + i] = w[i * m + j] }
                }
            }
            for i in 0..<o { bias[i] = layer.b[i] }
            let zs = storage + z[l]
            // z_ik = (Σ_j w_ij a_jk, fused multiply-adds in order of j) + b_i, as `Dense.forward`.
            Self.exampleSums(Fused.self, examples: n, terms: m, inputs: storage + a[l], coefficients: wT,
                             bias: bias, into: zs, width: o)
            layer.activation.apply(UnsafeBufferPointer(start: zs, count: o * n),
                                   into: UnsafeMutableBufferPointer(start: storage + a[l + 1], count: o * n))
        }
        // C_k summed in order of i, then the C_k in order of k, as `Network.cost`.
        let o = shape[shape.count - 1]
        let output = storage + a[shape.count - 1], y = storage + targets
        var total = 0.0
        for k in 0..<n {
            var c = 0.0
            for i in 0..<o {
                let d = output[k * o + i] - y[k * o + i]
                c += d * d
            }
            total += c
        }
        return total * network.reduction.factor(examples: n)
    }

    /// Layer l's z, a and δ (l = 1…L) from the last `forward` and `backward`, one column per
    /// example as `Network` keeps them, for comparing the two bit for bit.
    func values(layer l: Int) -> (z: Matrix, a: Matrix, delta: Matrix) {
        let o = shape[l], n = count
        func matrix(_ offset: Int) -> Matrix {
            var m = Matrix(rows: o, columns: n)
            for k in 0..<n {
                for i in 0..<o { m[i, k] = storage[offset + k * o + i] }
            }
            return m
        }
        return (matrix(z[l - 1]), matrix(a[l]), matrix(delta[l - 1]))
    }

    /// Backpropagation after `forward(network)`: ∂C/∂W and ∂C/∂b into `gradients`, with the
    /// bits of `Network.backward` (its `delta` and `inputGradient` are left empty: training
    /// does not read them).
    func backward(_ network: Network, into gradients: inout Gradients) {
        precondition(network.shape == shape, "BatchKernel: the network's shape is \(network.shape), not \(shape)")
        let n = count, depth = network.depth
        let factor = network.reduction.factor(examples: n)
        let fits = gradients.dW.count == depth && gradients.db.count == depth && network.layers.indices.allSatisfy { l in
            let layer = network.layers[l]
            return gradients.dW[l].rows == layer.outputs && gradients.dW[l].columns == layer.inputs
                && gradients.db[l].count == layer.outputs
        }
        if !fits {
            gradients.dW = network.layers.map { Matrix(rows: $0.outputs, columns: $0.inputs) }
            gradients.db = network.layers.map { [Double](repeating: 0, count: $0.outputs) }
        }
        gradients.delta = []
        gradients.inputGradient = Matrix(rows: 0, columns: 0)
        // ∂C_k/∂a^(L) = 2(a − y).
        let top = shape[depth] * n
        let output = storage + a[depth], y = storage + targets, dTop = storage + delta[depth - 1]
        for i in 0..<top { dTop[i] = 2 * (output[i] - y[i]) }
        for l in stride(from: depth - 1, through: 0, by: -1) {
            let layer = network.layers[l]
            let o = shape[l + 1]
            let d = storage + delta[l]
            layer.activation.scaleByDerivative(UnsafeMutableBufferPointer(start: d, count: o * n),
                                               z: UnsafeBufferPointer(start: storage + z[l], count: o * n),
                                               a: UnsafeBufferPointer(start: storage + a[l + 1], count: o * n))
            gradients.dW[l].values.withUnsafeMutableBufferPointer { dW in
                gradients.db[l].withUnsafeMutableBufferPointer { db in
                    weightGradients(layer: l, factor: factor, dW: dW, db: db)
                }
            }
            if l > 0 { backpropagate(layer, layer: l) }
        }
    }

    /// ∂C/∂W_ij = f · Σ_k δ_ik a_jk and ∂C/∂b_i = f · Σ_k δ_ik, each sum over k in order with
    /// a separate multiply and add, as `Dense.backward`. ∂C/∂b_i is summed as the
    /// (m+1)-th input, whose value is 1 for every example: 1 · δ is δ exactly.
    ///
    /// A layer's m + 1 sums per neuron run with lanes over its neurons i or over its inputs j,
    /// whichever takes fewer vector multiply-and-adds per example (`lanesRunOverInputs`): the
    /// heart's output layer has 2 neurons and 7 inputs, so lanes over j take 2 where lanes
    /// over i take 8, each in a vector of which 2 lanes count. Either way up to four sums are
    /// computed at a time, as four chains of additions keep the adder busy where one waits on
    /// itself.
    private func weightGradients(layer l: Int, factor: Double,
                                 dW: UnsafeMutableBufferPointer<Double>, db: UnsafeMutableBufferPointer<Double>) {
        let m = shape[l], o = shape[l + 1]
        if Self.lanesRunOverInputs(inputs: m, outputs: o) {
            sumsOverInputs(layer: l, factor: factor, dW: dW, db: db)
        } else {
            sumsOverOutputs(layer: l, factor: factor, dW: dW, db: db)
        }
    }

    /// Whether ∂C/∂W's lanes run over a layer's inputs (else over its neurons): the way with
    /// fewer vector sums, (m + 1) per chunk of neurons against o per chunk of inputs and the 1.
    static func lanesRunOverInputs(inputs m: Int, outputs o: Int) -> Bool {
        chunks(m + 1) * o < chunks(o) * (m + 1)
    }

    typealias Scalars = (UnsafePointer<Double>, UnsafePointer<Double>, UnsafePointer<Double>, UnsafePointer<Double>)
    typealias Sums = (Lanes, Lanes, Lanes, Lanes)

    /// Up to four sums s_t = Σ_k x_t(k) · v(k) over the loaded examples k in order, `count` of
    /// them (a constant at each call, so that each call is its own loop): x_t(k) is one value,
    /// broadcast to every lane, `stride.t` after x_t(k − 1); v(k) is `vector` read at
    /// `vectors` + k · `step`. Everything steps by pointers, which spares this innermost
    /// loop the overflow checks of index arithmetic.
    @inline(__always)
    private func fourSums(_ count: Int, examples n: Int, scalars x: Scalars, stride: (Int, Int, Int, Int),
                          vectors: UnsafePointer<Double>, step: Int, vector: (UnsafePointer<Double>) -> Lanes) -> Sums {
        var s0 = Lanes(), s1 = Lanes(), s2 = Lanes(), s3 = Lanes()
        var x0 = x.0, x1 = x.1, x2 = x.2, x3 = x.3
        var p = vectors
        for _ in 0..<n {
            let v = vector(p)
            p += step
            s0 += Lanes(repeating: x0.pointee) * v
            if count > 1 { s1 += Lanes(repeating: x1.pointee) * v }
            if count > 2 { s2 += Lanes(repeating: x2.pointee) * v }
            if count > 3 { s3 += Lanes(repeating: x3.pointee) * v }
            x0 += stride.0; x1 += stride.1; x2 += stride.2; x3 += stride.3
        }
        return (s0, s1, s2, s3)
    }

    /// The same, choosing the loop for `count` sums.
    @inline(__always)
    private func sums(_ count: Int, examples n: Int, scalars x: Scalars, stride: (Int, Int, Int, Int),
                      vectors: UnsafePointer<Double>, step: Int, vector: (UnsafePointer<Double>) -> Lanes) -> Sums {
        switch count {
        case 1: fourSums(1, examples: n, scalars: x, stride: stride, vectors: vectors, step: step, vector: vector)
        case 2: fourSums(2, examples: n, scalars: x, stride: stride, vectors: vectors, step: step, vector: vector)
        case 3: fourSums(3, examples: n, scalars: x, stride: stride, vectors: vectors, step: step, vector: vector)
        default: fourSums(4, examples: n, scalars: x, stride: stride, vectors: vectors, step: step, vector: vector)
        }
    }

    /// Sum number `t` of four.
    @inline(__always)
    private static func sum(_ t: Int, of s: Sums) -> Lanes {
        switch t {
        case 0: s.0
        case 1: s.1
        case 2: s.2
        default: s.3
        }
    }

    /// Lanes over the neurons i (δ_·k is one vector); each sum is one input j, or the 1.
    private func sumsOverOutputs(layer l: Int, factor: Double,
                                 dW: UnsafeMutableBufferPointer<Double>, db: UnsafeMutableBufferPointer<Double>) {
        let n = count, m = shape[l], o = shape[l + 1]
        let d = UnsafePointer(storage + delta[l]), x = UnsafePointer(storage + a[l])
        withUnsafePointer(to: 1.0) { one in
            // Input j's values, from example 0 on, and the step between examples; input m is the 1.
            func input(_ j: Int) -> (UnsafePointer<Double>, Int) { j < m ? (x + j, m) : (one, 0) }
            for c in 0..<Self.chunks(o) {
                let lanes = min(Self.width, o - c * Self.width)
                var j = 0
                while j <= m {
                    let group = min(4, m + 1 - j)
                    let i0 = input(j), i1 = input(min(j + 1, m)), i2 = input(min(j + 2, m)), i3 = input(min(j + 3, m))
                    let s = sums(group, examples: n, scalars: (i0.0, i1.0, i2.0, i3.0), stride: (i0.1, i1.1, i2.1, i3.1),
                                 vectors: d + c * Self.width, step: o) { Self.load($0) }
                    for t in 0..<group {
                        let sum = Self.sum(t, of: s)
                        for e in 0..<lanes {
                            let i = c * Self.width + e
                            if j + t < m { dW[i * m + j + t] = sum[e] * factor } else { db[i] = sum[e] * factor }
                        }
                    }
                    j += 4
                }
            }
        }
    }

    /// Lanes over the inputs j and the 1 (a chunk of example k's activations, with the 1 put
    /// in the lane after its last input); each sum is one neuron i.
    private func sumsOverInputs(layer l: Int, factor: Double,
                                dW: UnsafeMutableBufferPointer<Double>, db: UnsafeMutableBufferPointer<Double>) {
        let n = count, m = shape[l], o = shape[l + 1]
        let d = UnsafePointer(storage + delta[l]), x = UnsafePointer(storage + a[l])
        let laneNumbers = SIMD8<Int64>(0, 1, 2, 3, 4, 5, 6, 7)
        for c in 0..<Self.chunks(m + 1) {
            // Lane e holds input c·8 + e; the lane of input m holds the 1, and the lanes after
            // it (the next example's first values, or the buffer's padding) are discarded.
            let isOne = laneNumbers .== Int64(m - c * Self.width)
            let lanes = min(Self.width, m + 1 - c * Self.width)
            var i = 0
            while i < o {
                let group = min(4, o - i)
                let s = sums(group, examples: n, scalars: (d + i, d + min(i + 1, o - 1), d + min(i + 2, o - 1), d + min(i + 3, o - 1)),
                             stride: (o, o, o, o), vectors: x + c * Self.width, step: m) {
                    Self.load($0).replacing(with: 1, where: isOne)
                }
                for t in 0..<group {
                    let sum = Self.sum(t, of: s)
                    for e in 0..<lanes {
                        let j = c * Self.width + e
                        if j < m { dW[(i + t) * m + j] = sum[e] * factor } else { db[i + t] = sum[e] * factor }
                    }
                }
                i += 4
            }
        }
    }

    /// ∂C_k/∂a^(l) = Wᵀ δ into the layer below's slot: (Wᵀδ)_jk = Σ_i w_ij δ_ik, a product
    /// then a sum, in order of i, as `Dense.backward`; lanes run over j.
    private func backpropagate(_ layer: Dense, layer l: Int) {
        let n = count, m = shape[l], o = shape[l + 1], row = Self.paddedRow(m)
        let w = storage + paddedWeights[l]
        layer.W.values.withUnsafeBufferPointer { values in
            for i in 0..<o {
                for j in 0..<m { w[i * row + j] = values[i * m + j] }
            }
        }
        // (Wᵀδ)_jk = Σ_i w_ij δ_ik, a product then a sum, in order of i.
        Self.exampleSums(Rounded.self, examples: n, terms: o, inputs: storage + delta[l], coefficients: w,
                         bias: nil, into: storage + delta[l - 1], width: m)
    }

    /// The lanes of the vectors that sums over a row of `width` outputs run in: 2 or 4 for
    /// narrow rows, else 8: where there is no FMA instruction (baseline x86-64), each lane of a
    /// fused multiply-add is a call into libm, so idle lanes (six of eight for the heart's
    /// two output neurons) would cost as much as the others.
    static func rowLanes(_ width: Int) -> Int { width <= 2 ? 2 : width <= 4 ? 4 : Self.width }

    /// The doubles a row of `width` outputs takes padded to whole vectors of `rowLanes(width)`.
    static func paddedRow(_ width: Int) -> Int {
        let lanes = rowLanes(width)
        return (width + lanes - 1) / lanes * lanes
    }

    /// out_k = Σ_t x_kt c_t (+ bias) for every example k, with x_k· the k-th example's
    /// `terms` values and c_t the t-th row of `coefficients` (`paddedRow(width)` values, lanes
    /// over the `width` outputs): each lane's sum from zero in order of t, rounded as `R`
    /// (`Fused` for z, `Rounded` for Wᵀδ), and the bias added last.
    @inline(__always)
    private static func exampleSums<R: SumRounding>(
        _ rounding: R.Type, examples n: Int, terms: Int, inputs x: UnsafeMutablePointer<Double>,
        coefficients: UnsafeMutablePointer<Double>, bias: UnsafeMutablePointer<Double>?,
        into out: UnsafeMutablePointer<Double>, width: Int
    ) {
        switch rowLanes(width) {
        case 2: exampleSums(SIMD2<Double>.self, rounding, examples: n, terms: terms, inputs: x, coefficients: coefficients,
                            bias: bias, into: out, width: width)
        case 4: exampleSums(SIMD4<Double>.self, rounding, examples: n, terms: terms, inputs: x, coefficients: coefficients,
                            bias: bias, into: out, width: width)
        default: exampleSums(Lanes.self, rounding, examples: n, terms: terms, inputs: x, coefficients: coefficients,
                             bias: bias, into: out, width: width)
        }
    }

    /// The same in vectors of type `V`.
    ///
    /// Four examples at a time (`WeightedSums`' chains), the rows of the coefficients shared
    /// and each example's values broadcast. An example's last vector runs past its `width`
    /// outputs into the next examples' (or the padding); its chunks are stored last to first,
    /// and examples in order, so every value is written last by its own example's store.
    @inline(__always)
    private static func exampleSums<V: SIMD, R: SumRounding>(
        _: V.Type, _ rounding: R.Type, examples n: Int, terms: Int, inputs x: UnsafeMutablePointer<Double>,
        coefficients: UnsafeMutablePointer<Double>, bias: UnsafeMutablePointer<Double>?,
        into out: UnsafeMutablePointer<Double>, width: Int
    ) where V.Scalar == Double {
        let lanes = V.scalarCount
        let chunks = (width + lanes - 1) / lanes, rowStride = chunks * lanes
        var k = 0
        while k + 4 <= n {
            let xk = UnsafePointer(x + k * terms)
            for c in stride(from: chunks - 1, through: 0, by: -1) {
                var s: InlineArray<4, V> = WeightedSums.sums(rounding, terms: terms,
                                                             shared: UnsafePointer(coefficients + c * lanes), Consecutive.self, step: rowStride,
                                                             chains: xk, Broadcast.self, apart: terms, step: 1)
                if let bias { WeightedSums.add(Consecutive.load(bias + c * lanes), to: &s) }
                WeightedSums.store(s, at: out + k * width + c * lanes, apart: width)
            }
            k += 4
        }
        while k < n {
            let xk = UnsafePointer(x + k * terms)
            for c in stride(from: chunks - 1, through: 0, by: -1) {
                var s: InlineArray<1, V> = WeightedSums.sums(rounding, terms: terms,
                                                             shared: UnsafePointer(coefficients + c * lanes), Consecutive.self, step: rowStride,
                                                             chains: xk, Broadcast.self, apart: terms, step: 1)
                if let bias { WeightedSums.add(Consecutive.load(bias + c * lanes), to: &s) }
                WeightedSums.store(s, at: out + k * width + c * lanes, apart: width)
            }
            k += 1
        }
    }

    @inline(__always)
    private static func load(_ p: UnsafePointer<Double>) -> Lanes {
        UnsafeRawPointer(p).loadUnaligned(as: Lanes.self)
    }
}
