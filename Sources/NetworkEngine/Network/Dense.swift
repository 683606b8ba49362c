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
    /// The training and cost-surface kernels compute these bits too (`Kernels/`).
    public func forward(_ aPrev: Matrix) -> (z: Matrix, a: Matrix) {
        precondition(aPrev.rows == inputs, "Dense.forward: \(aPrev.rows) inputs, expected \(inputs)")
        let n = aPrev.columns
        var z = Matrix(rows: outputs, columns: n)
        var a = Matrix(rows: outputs, columns: n)
        for i in 0..<outputs {
            for k in 0..<n {
                var sum = 0.0
                for j in 0..<inputs { sum = sum.addingProduct(W[i, j], aPrev[j, k]) }
                let zik: Double = sum + b[i]
                z[i, k] = zik
                a[i, k] = activation.value(zik)
            }
        }
        return (z, a)
    }

    /// The backward pass: from ∂C_k/∂a of this layer (one column per example) to
    /// δ = ∂C_k/∂z, ∂C/∂W and ∂C/∂b (times `factor`) and ∂C_k/∂a_prev = Wᵀ δ, into buffers the
    /// caller owns.
    ///
    /// Every sum starts from zero and runs in order, a rounded product then a rounded sum: the
    /// training kernel reproduces exactly these bits.
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
        // δ_ik = ∂C_k/∂a_ik · σ′(z_ik).
        for e in 0..<(outputs * n) { delta[e] = activation.chain(delta[e], z: z[e], a: a[e]) }
        for i in 0..<outputs {
            // ∂C/∂W_ij = f · Σ_k δ_ik a_jk.
            for j in 0..<inputs {
                var sum = 0.0
                for k in 0..<n { sum += delta[i * n + k] * aPrev[j * n + k] }
                dW[i * inputs + j] = sum * factor
            }
            // ∂C/∂b_i = f · Σ_k δ_ik.
            var sum = 0.0
            for k in 0..<n { sum += delta[i * n + k] }
            db[i] = sum * factor
        }
        // ∂C_k/∂a_jk of the layer below: (Wᵀδ)_jk = Σ_i w_ij δ_ik.
        for j in 0..<inputs {
            for k in 0..<n {
                var sum = 0.0
                for i in 0..<outputs { sum += W[i, j] * delta[i * n + k] }
                dCdaPrev[j * n + k] = sum
            }
        }
    }
}
