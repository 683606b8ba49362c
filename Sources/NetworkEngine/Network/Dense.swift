/// One fully connected layer: z = W a_prev + b, a = σ(z).
///
/// `W` has one row per neuron of this layer and one column per neuron of the previous one,
/// so `W[i, j]` is the seed's w^(l)_ij (0-based here, 1-based in names like `W2[1,3]`).
///
/// ```swift
/// let layer = Dense(W: Matrix([[1.3]]), b: [-0.1], activation: .tanh)
/// let (z, a) = layer.forward(Matrix([[1, 0]]))   // a = [[0.8336…, −0.0996…]]
/// ```
public struct Dense: Equatable, Sendable {
    public var W: Matrix
    public var b: [Double]
    public var activation: Activation

    public init(W: Matrix, b: [Double], activation: Activation) {
        precondition(b.count == W.rows, "Dense: \(b.count) biases for \(W.rows) neurons")
        self.W = W
        self.b = b
        self.activation = activation
    }

    public var inputs: Int { W.columns }
    public var outputs: Int { W.rows }

    /// The forward pass over a batch (one column per example): returns z and a.
    ///
    /// Each z is accumulated as Σ_j w_ij a_j with fused multiply-adds, in order of j, and b_i
    /// added last: the order the seed's `W @ x + b` took through its BLAS, so the seed's
    /// printed costs come out to the last bit (a plain multiply-then-add loop is 1 ulp off).
    public func forward(_ aPrev: Matrix) -> (z: Matrix, a: Matrix) {
        precondition(aPrev.rows == inputs, "Dense.forward: \(aPrev.rows) inputs, expected \(inputs)")
        let n = aPrev.columns
        var z = Matrix(rows: outputs, columns: n)
        var a = Matrix(rows: outputs, columns: n)
        aPrev.values.withUnsafeBufferPointer { x in
            z.values.withUnsafeMutableBufferPointer { zs in
                W.values.withUnsafeBufferPointer { weights in
                    b.withUnsafeBufferPointer { biases in
                        guard let x = x.baseAddress, let zs = zs.baseAddress, let w = weights.baseAddress,
                              let bias = biases.baseAddress else { return }
                        // z_ik = (Σ_j w_ij a_jk, fused multiply-adds in order of j) + b_i.
                        Self.rowSums(rows: outputs, terms: inputs, coefficients: w, rowStride: inputs, termStride: 1,
                                     inputs: x, examples: n, fused: true, bias: bias, into: zs)
                    }
                }
            }
            z.values.withUnsafeBufferPointer { zs in
                a.values.withUnsafeMutableBufferPointer { as_ in activation.apply(zs, into: as_) }
            }
        }
        return (z, a)
    }

    /// The backward pass: from ∂C_k/∂a of this layer (one column per example) to
    /// δ = ∂C_k/∂z, ∂C/∂W and ∂C/∂b (times `factor`) and ∂C_k/∂a_prev = Wᵀ δ, into buffers the
    /// caller owns.
    ///
    /// - Parameters:
    ///   - delta: ∂C_k/∂a of this layer on entry, δ = ∂C_k/∂z on return (`outputs × n`).
    ///   - z, a, aPrev: this layer's forward values and the previous layer's activations.
    ///   - factor: what ∂C/∂W and ∂C/∂b are multiplied by (1/N for the mean, 1 for the sum).
    ///   - dW, db: where ∂C/∂W (`outputs × inputs`) and ∂C/∂b go.
    ///   - dCdaPrev: where Wᵀ δ goes (`inputs × n`).
    public func backward(
        delta: UnsafeMutableBufferPointer<Double>, z: [Double], a: [Double], aPrev: [Double],
        examples n: Int, factor: Double,
        dW: UnsafeMutableBufferPointer<Double>, db: UnsafeMutableBufferPointer<Double>,
        dCdaPrev: UnsafeMutableBufferPointer<Double>
    ) {
        precondition(delta.count == outputs * n && z.count == outputs * n && a.count == outputs * n
                     && aPrev.count == inputs * n && dW.count == outputs * inputs && db.count == outputs
                     && dCdaPrev.count == inputs * n, "Dense.backward: buffers do not match \(n) examples")
        z.withUnsafeBufferPointer { zs in
            a.withUnsafeBufferPointer { as_ in activation.scaleByDerivative(delta, z: zs, a: as_) }
        }
        aPrev.withUnsafeBufferPointer { x in
            Self.weightGradients(delta: UnsafeBufferPointer(delta), aPrev: x, outputs: outputs, inputs: inputs,
                                 examples: n, factor: factor, dW: dW, db: db)
        }
        guard let d = delta.baseAddress, let out = dCdaPrev.baseAddress else { return }
        W.values.withUnsafeBufferPointer { weights in
            guard let w = weights.baseAddress else { return }
            // (Wᵀδ)_jk = Σ_i w_ij δ_ik, a product then a sum, in order of i.
            Self.rowSums(rows: inputs, terms: outputs, coefficients: w, rowStride: 1, termStride: inputs,
                         inputs: UnsafePointer(d), examples: n, fused: false, bias: nil, into: out)
        }
    }
}

extension Dense {
    typealias Lanes = SIMD8<Double>

    /// out_ok = Σ_t c_ot x_tk (+ bias_o) for every row o and example k, with
    /// c_ot = `coefficients[o · rowStride + t · termStride]` and x_t· the t-th row of `inputs`
    /// (n values): each sum from zero in order of t, by fused multiply-adds when `fused`, else
    /// a rounded product then a rounded sum, and the bias added last.
    ///
    /// The plain loop's bits, eight examples to a vector and four vectors side by side, the
    /// sums in registers: each sum is a chain of dependent steps, and 32 independent ones keep
    /// the floating-point units busy where one row at a time went through memory on every step.
    @inline(__always)
    static func rowSums(
        rows: Int, terms: Int, coefficients c: UnsafePointer<Double>, rowStride: Int, termStride: Int,
        inputs x: UnsafePointer<Double>, examples n: Int, fused: Bool, bias: UnsafePointer<Double>?,
        into out: UnsafeMutablePointer<Double>
    ) {
        @inline(__always) func load(_ p: UnsafePointer<Double>) -> Lanes { UnsafeRawPointer(p).loadUnaligned(as: Lanes.self) }
        @inline(__always) func step(_ sum: Lanes, _ coefficient: Lanes, _ value: Lanes) -> Lanes {
            fused ? sum.addingProduct(coefficient, value) : sum + coefficient * value
        }
        let width = Lanes.scalarCount
        for o in 0..<rows {
            let row = out + o * n
            let co = c + o * rowStride
            var k = 0
            while k + 4 * width <= n {
                var s0 = Lanes(), s1 = Lanes(), s2 = Lanes(), s3 = Lanes()
                for t in 0..<terms {
                    let coefficient = Lanes(repeating: co[t * termStride])
                    let xt = x + t * n + k
                    s0 = step(s0, coefficient, load(xt))
                    s1 = step(s1, coefficient, load(xt + width))
                    s2 = step(s2, coefficient, load(xt + 2 * width))
                    s3 = step(s3, coefficient, load(xt + 3 * width))
                }
                if let bias {
                    let b = Lanes(repeating: bias[o])
                    s0 += b; s1 += b; s2 += b; s3 += b
                }
                let r = UnsafeMutableRawPointer(row + k), size = MemoryLayout<Lanes>.size
                r.storeBytes(of: s0, as: Lanes.self)
                r.storeBytes(of: s1, toByteOffset: size, as: Lanes.self)
                r.storeBytes(of: s2, toByteOffset: 2 * size, as: Lanes.self)
                r.storeBytes(of: s3, toByteOffset: 3 * size, as: Lanes.self)
                k += 4 * width
            }
            while k + width <= n {
                var s = Lanes()
                for t in 0..<terms { s = step(s, Lanes(repeating: co[t * termStride]), load(x + t * n + k)) }
                if let bias { s += Lanes(repeating: bias[o]) }
                UnsafeMutableRawPointer(row + k).storeBytes(of: s, as: Lanes.self)
                k += width
            }
            while k < n {
                var s = 0.0
                for t in 0..<terms {
                    let coefficient = co[t * termStride], value = x[t * n + k]
                    s = fused ? s.addingProduct(coefficient, value) : s + coefficient * value
                }
                if let bias { s += bias[o] }
                row[k] = s
                k += 1
            }
        }
    }
}

extension Dense {
    /// ∂C/∂W_ij = f · Σ_k δ_ik a_jk and ∂C/∂b_i = f · Σ_k δ_ik, each sum taken over k in order
    /// with a separate multiply and add (the bits of the plain loop), but eight j at a time.
    ///
    /// One sum is a chain of n dependent additions, which bounded the backward pass. Here the
    /// inputs are transposed so that a_·k is a row of lanes, with a 1 after the last input (δ·1
    /// is δ exactly, so that lane sums ∂C/∂b in the same order), and four rows i run side by
    /// side: each lane is still one sum in the order of k, and 8 × 4 of them fill the pipeline.
    static func weightGradients(
        delta d: UnsafeBufferPointer<Double>, aPrev x: UnsafeBufferPointer<Double>,
        outputs: Int, inputs: Int, examples n: Int, factor: Double,
        dW: UnsafeMutableBufferPointer<Double>, db: UnsafeMutableBufferPointer<Double>
    ) {
        let width = Lanes.scalarCount
        let chunks = inputs / width + 1  // room for the 1
        func store(_ sum: Lanes, row i: Int, chunk c: Int) {
            for lane in 0..<width {
                let j = c * width + lane
                if j < inputs { dW[i * inputs + j] = sum[lane] * factor } else if j == inputs { db[i] = sum[lane] * factor }
            }
        }
        // On the stack when it fits: this runs for every layer of every training step.
        withUnsafeTemporaryAllocation(of: Lanes.self, capacity: max(n * chunks, 1)) { buffer in
            guard let columns = buffer.baseAddress, let x = x.baseAddress, let d = d.baseAddress else { return }
            // Row k is (a_0k, …, a_(inputs−1)k, 1, 0, …): first the 1 and the zeros, whole vectors
            // at a time, then the inputs one row of a at a time, read in order (a loop per k
            // over a handful of inputs, and a memset for the zeros, took most of this
            // function's time).
            var one = Lanes()
            one[inputs % width] = 1
            for k in 0..<n {
                for c in 0..<chunks { columns[k * chunks + c] = c == chunks - 1 ? one : Lanes() }
            }
            columns.withMemoryRebound(to: Double.self, capacity: n * chunks * width) { transposed in
                let stride = chunks * width
                for j in 0..<inputs {
                    var source = x + j * n, target = transposed + j
                    for _ in 0..<n {
                        target.pointee = source.pointee
                        source += 1
                        target += stride
                    }
                }
            }
            var i = 0
            while i < outputs {
                // Four rows at once; past the last row, the group repeats it and discards the copies.
                let r0 = i, r1 = min(i + 1, outputs - 1), r2 = min(i + 2, outputs - 1), r3 = min(i + 3, outputs - 1)
                for c in 0..<chunks {
                    var s0 = Lanes(), s1 = Lanes(), s2 = Lanes(), s3 = Lanes()
                    // By pointer steps: index arithmetic's overflow checks cost as much as the sums.
                    var d0 = d + r0 * n, d1 = d + r1 * n, d2 = d + r2 * n, d3 = d + r3 * n
                    var column = UnsafePointer(columns + c)
                    for _ in 0..<n {
                        let a = column.pointee
                        s0 += d0.pointee * a
                        s1 += d1.pointee * a
                        s2 += d2.pointee * a
                        s3 += d3.pointee * a
                        d0 += 1; d1 += 1; d2 += 1; d3 += 1
                        column += chunks
                    }
                    store(s0, row: r0, chunk: c)
                    if r1 > r0 { store(s1, row: r1, chunk: c) }
                    if r2 > r1 { store(s2, row: r2, chunk: c) }
                    if r3 > r2 { store(s3, row: r3, chunk: c) }
                }
                i += 4
            }
        }
    }
}

