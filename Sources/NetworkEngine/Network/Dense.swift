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
                a.values.withUnsafeMutableBufferPointer { as_ in
                    forward(x, columns: n, z: zs, a: as_)
                }
            }
        }
        return (z, a)
    }

    /// The forward pass into buffers the caller owns (one column per example, `outputs × n`
    /// values each), for loops that run it millions of times without allocating.
    ///
    /// The same arithmetic in the same order as `forward(_:)`, so the same bits.
    ///
    /// - Parameters:
    ///   - aPrev: the previous layer's activations, `inputs × n`.
    ///   - n: the number of examples.
    ///   - z, a: where z and σ(z) go; `z` is overwritten from zero.
    ///
    /// ```swift
    /// layer.forward(x, columns: 100, z: zBuffer, a: aBuffer)
    /// ```
    @inlinable
    public func forward(
        _ aPrev: UnsafeBufferPointer<Double>, columns n: Int,
        z: UnsafeMutableBufferPointer<Double>, a: UnsafeMutableBufferPointer<Double>
    ) {
        precondition(aPrev.count >= inputs * n && z.count >= outputs * n && a.count >= outputs * n,
                     "Dense.forward: buffers too small for \(n) examples")
        guard let x = aPrev.baseAddress, let zs = z.baseAddress else { return }
        let inputs = self.inputs
        W.values.withUnsafeBufferPointer { weights in
            guard let w = weights.baseAddress else { return }
            for i in 0..<outputs {
                let row = zs + i * n
                row.update(repeating: 0, count: n)
                for j in 0..<inputs {
                    let wij = w[i * inputs + j]
                    let xRow = x + j * n
                    for k in 0..<n { row[k] = row[k].addingProduct(wij, xRow[k]) }
                }
                let bi = b[i]
                for k in 0..<n { row[k] += bi }
            }
        }
        activation.apply(UnsafeBufferPointer(rebasing: z[0..<(outputs * n)]),
                         into: UnsafeMutableBufferPointer(rebasing: a[0..<(outputs * n)]))
    }

    /// The backward pass: from ∂C_k/∂a of this layer (one column per example) to
    /// δ = ∂C_k/∂z, ∂C/∂W and ∂C/∂b (times `factor`) and ∂C_k/∂a_prev = Wᵀ δ, into buffers the
    /// caller owns, so that training loops run it every step without allocating.
    ///
    /// - Parameters:
    ///   - delta: ∂C_k/∂a of this layer on entry, δ = ∂C_k/∂z on return (`outputs × n`).
    ///   - z, a, aPrev: this layer's forward values and the previous layer's activations.
    ///   - factor: what ∂C/∂W and ∂C/∂b are multiplied by (1/N for the mean, 1 for the sum).
    ///   - dW, db: where ∂C/∂W (`outputs × inputs`) and ∂C/∂b go.
    ///   - dCdaPrev: where Wᵀ δ goes (`inputs × n`), or nil when it is not needed.
    public func backward(
        delta: UnsafeMutableBufferPointer<Double>, z: [Double], a: [Double], aPrev: [Double],
        examples n: Int, factor: Double,
        dW: UnsafeMutableBufferPointer<Double>, db: UnsafeMutableBufferPointer<Double>,
        dCdaPrev: UnsafeMutableBufferPointer<Double>?
    ) {
        precondition(delta.count == outputs * n && z.count == outputs * n && a.count == outputs * n
                     && aPrev.count == inputs * n && dW.count == outputs * inputs && db.count == outputs
                     && (dCdaPrev?.count ?? inputs * n) == inputs * n, "Dense.backward: buffers do not match \(n) examples")
        z.withUnsafeBufferPointer { zs in
            a.withUnsafeBufferPointer { as_ in activation.scaleByDerivative(delta, z: zs, a: as_) }
        }
        aPrev.withUnsafeBufferPointer { x in
            Self.weightGradients(delta: UnsafeBufferPointer(delta), aPrev: x, outputs: outputs, inputs: inputs,
                                 examples: n, factor: factor, dW: dW, db: db)
        }
        guard let dCdaPrev, let d = delta.baseAddress, let out = dCdaPrev.baseAddress else { return }
        out.update(repeating: 0, count: inputs * n)
        W.values.withUnsafeBufferPointer { w in
            for i in 0..<outputs {
                let deltaRow = d + i * n
                for j in 0..<inputs {
                    let wij = w[i * inputs + j]
                    let outRow = out + j * n
                    // Pointers, not indices: index arithmetic's overflow checks kept this
                    // loop from vectorising.
                    for k in 0..<n { outRow[k] += wij * deltaRow[k] }
                }
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
        typealias Lanes = SIMD8<Double>
        let width = Lanes.scalarCount
        let chunks = inputs / width + 1  // room for the 1
        let columns = UnsafeMutablePointer<Lanes>.allocate(capacity: n * chunks)
        defer { columns.deallocate() }
        columns.initialize(repeating: Lanes(), count: n * chunks)
        columns.withMemoryRebound(to: Double.self, capacity: n * chunks * width) { transposed in
            for k in 0..<n {
                let row = transposed + k * chunks * width
                for j in 0..<inputs { row[j] = x[j * n + k] }
                row[inputs] = 1
            }
        }
        func store(_ sum: Lanes, row i: Int, chunk c: Int) {
            for lane in 0..<width {
                let j = c * width + lane
                if j < inputs { dW[i * inputs + j] = sum[lane] * factor } else if j == inputs { db[i] = sum[lane] * factor }
            }
        }
        var i = 0
        while i < outputs {
            // Four rows at once; past the last row, the group repeats it and discards the copies.
            let r0 = i, r1 = min(i + 1, outputs - 1), r2 = min(i + 2, outputs - 1), r3 = min(i + 3, outputs - 1)
            for c in 0..<chunks {
                var s0 = Lanes(), s1 = Lanes(), s2 = Lanes(), s3 = Lanes()
                for k in 0..<n {
                    let column = columns[k * chunks + c]
                    s0 += d[r0 * n + k] * column
                    s1 += d[r1 * n + k] * column
                    s2 += d[r2 * n + k] * column
                    s3 += d[r3 * n + k] * column
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

