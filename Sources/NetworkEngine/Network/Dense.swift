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
    /// δ = ∂C_k/∂z, the summed ∂C/∂W and ∂C/∂b (not yet divided by the number of examples),
    /// and ∂C_k/∂a_prev = Wᵀ δ.
    ///
    /// - Parameters:
    ///   - dCda: ∂C_k/∂a for each example; becomes δ.
    ///   - z, a: this layer's forward values.
    ///   - aPrev: the previous layer's activations.
    ///   - needInputGradient: whether to compute Wᵀ δ (not needed below the first layer).
    public func backward(
        dCda: Matrix, z: Matrix, a: Matrix, aPrev: Matrix, needInputGradient: Bool = true
    ) -> (delta: Matrix, dW: Matrix, db: [Double], dCdaPrev: Matrix?) {
        var delta = dCda
        z.values.withUnsafeBufferPointer { zs in
            a.values.withUnsafeBufferPointer { as_ in
                delta.values.withUnsafeMutableBufferPointer { activation.scaleByDerivative($0, z: zs, a: as_) }
            }
        }
        let n = aPrev.columns
        var dW = Matrix(rows: outputs, columns: inputs)
        var db = [Double](repeating: 0, count: outputs)
        delta.values.withUnsafeBufferPointer { d in
            aPrev.values.withUnsafeBufferPointer { x in
                dW.values.withUnsafeMutableBufferPointer { dw in
                    for i in 0..<outputs {
                        let row = i * n
                        var sum = 0.0
                        for k in 0..<n { sum += d[row + k] }
                        db[i] = sum
                        // Each sum runs over k in order (the same bits as one at a time), but four
                        // of them side by side: one serial chain of adds was the backward pass's
                        // bottleneck, and four independent ones fill the adder's pipeline.
                        var j = 0
                        while j + 4 <= inputs {
                            var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
                            let x0 = j * n, x1 = x0 + n, x2 = x1 + n, x3 = x2 + n
                            for k in 0..<n {
                                let dk = d[row + k]
                                s0 += dk * x[x0 + k]
                                s1 += dk * x[x1 + k]
                                s2 += dk * x[x2 + k]
                                s3 += dk * x[x3 + k]
                            }
                            dw[i * inputs + j] = s0
                            dw[i * inputs + j + 1] = s1
                            dw[i * inputs + j + 2] = s2
                            dw[i * inputs + j + 3] = s3
                            j += 4
                        }
                        while j < inputs {
                            let xRow = j * n
                            var s = 0.0
                            for k in 0..<n { s += d[row + k] * x[xRow + k] }
                            dw[i * inputs + j] = s
                            j += 1
                        }
                    }
                }
            }
        }
        guard needInputGradient else { return (delta, dW, db, nil) }
        var dPrev = Matrix(rows: inputs, columns: n)
        W.values.withUnsafeBufferPointer { w in
            delta.values.withUnsafeBufferPointer { d in
                dPrev.values.withUnsafeMutableBufferPointer { out in
                    for i in 0..<outputs {
                        let row = i * n
                        for j in 0..<inputs {
                            let wij = w[i * inputs + j]
                            let outRow = j * n
                            for k in 0..<n { out[outRow + k] += wij * d[row + k] }
                        }
                    }
                }
            }
        }
        return (delta, dW, db, dPrev)
    }
}
