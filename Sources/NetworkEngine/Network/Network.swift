/// A feed-forward network of dense layers, with the squared-error cost.
///
/// Layer 0 is the input; `layers[l − 1]` computes a^(l) from a^(l−1), so the seed's
/// W^(l) is `layers[l − 1].W`.
///
/// ```swift
/// let not = Network(layers: [Dense(W: Matrix([[1.3]]), b: [-0.1], activation: .tanh)])
/// let pass = not.forward(Matrix([[1, 0]]))   // pass.output = [[0.8336…, −0.0996…]]
/// ```
public struct Network: Equatable, Sendable {
    public var layers: [Dense]
    public var reduction: CostReduction

    public init(layers: [Dense], reduction: CostReduction = .mean) {
        for (l, pair) in zip(layers, layers.dropFirst()).enumerated() {
            precondition(pair.0.outputs == pair.1.inputs, "Network: layer \(l + 1) has \(pair.0.outputs) outputs but layer \(l + 2) takes \(pair.1.inputs)")
        }
        precondition(!layers.isEmpty, "Network: no layers")
        self.layers = layers
        self.reduction = reduction
    }

    /// Neurons per layer, input first: `[1, 6, 7, 2]` for the course's heart network.
    public var shape: [Int] { [layers[0].inputs] + layers.map(\.outputs) }

    /// The number of weight layers L.
    public var depth: Int { layers.count }

    /// The total number of weights and biases.
    public var parameterCount: Int { layers.reduce(0) { $0 + $1.W.values.count + $1.b.count } }

    /// The forward pass over a batch (one column per example), keeping z and a of every layer.
    ///
    /// (Training runs its steps in `BatchKernel`, which computes the same bits.)
    public func forward(_ inputs: Matrix) -> ForwardPass {
        var pass = ForwardPass(z: [], a: [inputs])
        for layer in layers {
            let (z, a) = layer.forward(pass.output)
            pass.z.append(z)
            pass.a.append(a)
        }
        return pass
    }

    /// The network's output for one input vector.
    public func callAsFunction(_ input: [Double]) -> [Double] {
        forward(Matrix(rows: input.count, columns: 1, values: input)).output.values
    }

    /// C_k = Σ_i (a_i − y_i)² for every example (one column of `targets` each).
    public func exampleCosts(_ pass: ForwardPass, targets: Matrix) -> [Double] {
        var costs = [Double](repeating: 0, count: pass.output.columns)
        Self.forEachExampleCost(pass, targets: targets) { k, c in costs[k] = c }
        return costs
    }

    /// C over a data set: the mean (or sum) of the C_k.
    public func cost(_ data: Dataset) -> Double {
        cost(forward(data.inputs), targets: data.targets)
    }

    /// C from a forward pass: the mean (or sum) of the C_k, added in order of k.
    public func cost(_ pass: ForwardPass, targets: Matrix) -> Double {
        var total = 0.0
        Self.forEachExampleCost(pass, targets: targets) { _, c in total += c }
        return total * reduction.factor(examples: pass.output.columns)
    }

    /// Calls `body` with k and C_k = Σ_i (a_ik − y_ik)² (summed in order of i) for every
    /// example in order: what `exampleCosts` lists and `cost` adds up without a list (it
    /// runs every training step).
    @inline(__always)
    private static func forEachExampleCost(_ pass: ForwardPass, targets: Matrix, _ body: (Int, Double) -> Void) {
        let output = pass.output
        precondition(output.rows == targets.rows && output.columns == targets.columns, "Network: targets are \(targets.rows)×\(targets.columns), output is \(output.rows)×\(output.columns)")
        let rows = output.rows, n = output.columns
        output.values.withUnsafeBufferPointer { a in
            targets.values.withUnsafeBufferPointer { y in
                for k in 0..<n {
                    var c = 0.0
                    for i in 0..<rows {
                        let d = a[i * n + k] - y[i * n + k]
                        c += d * d
                    }
                    body(k, c)
                }
            }
        }
    }

    /// Backpropagation: ∂C/∂W^(l), ∂C/∂b^(l) for every layer, δ^(l) and ∂C_k/∂a^(0) per example.
    ///
    /// δ^(L) = 2(a^(L) − y) ⊙ σ′(z^(L)); δ^(l) = (W^(l+1)ᵀ δ^(l+1)) ⊙ σ′(z^(l));
    /// ∂C/∂W^(l) = f · δ^(l) a^(l−1)ᵀ and ∂C/∂b^(l) = f · Σ_k δ^(l)_k, with f = 1/N for the
    /// mean and 1 for the sum.
    public func backward(_ pass: ForwardPass, targets: Matrix) -> Gradients {
        let output = pass.output
        precondition(output.rows == targets.rows && output.columns == targets.columns, "Network: targets do not match the output")
        let n = output.columns
        let factor = reduction.factor(examples: n)
        var dW = layers.map { Matrix(rows: $0.outputs, columns: $0.inputs) }
        var db = layers.map { [Double](repeating: 0, count: $0.outputs) }
        var deltas = [Matrix](repeating: Matrix(rows: 0, columns: 0), count: layers.count)
        // ∂C_k/∂a of the layer being worked on, which it turns into δ while writing the
        // ∂C_k/∂a of the layer below (Wᵀδ).
        var dCda = Matrix(rows: output.rows, columns: n, values: zip(output.values, targets.values).map { 2 * ($0 - $1) })
        for l in stride(from: layers.count - 1, through: 0, by: -1) {
            let layer = layers[l]
            var delta = dCda
            var below = Matrix(rows: layer.inputs, columns: n)
            delta.values.withUnsafeMutableBufferPointer { d in
                dW[l].values.withUnsafeMutableBufferPointer { dw in
                    db[l].withUnsafeMutableBufferPointer { dbs in
                        below.values.withUnsafeMutableBufferPointer { prev in
                            layer.backward(delta: d, z: pass.z[l].values, a: pass.a[l + 1].values, aPrev: pass.a[l].values,
                                           examples: n, factor: factor, dW: dw, db: dbs, dCdaPrev: prev)
                        }
                    }
                }
            }
            deltas[l] = delta
            dCda = below
        }
        return Gradients(dW: dW, db: db, delta: deltas, inputGradient: dCda)
    }

    /// Cost and gradients over a data set in one pass.
    public func gradients(_ data: Dataset) -> (cost: Double, gradients: Gradients) {
        let pass = forward(data.inputs)
        return (cost(pass, targets: data.targets), backward(pass, targets: data.targets))
    }
}

/// What the forward pass keeps: z^(l) for l = 1…L and a^(l) for l = 0…L.
public struct ForwardPass: Sendable {
    /// z[l − 1] is z^(l).
    public var z: [Matrix]
    /// a[l] is a^(l); a[0] is the input.
    public var a: [Matrix]

    public var output: Matrix { a[a.count - 1] }
}

/// The backward pass's results.
public struct Gradients: Sendable {
    /// dW[l − 1] is ∂C/∂W^(l).
    public var dW: [Matrix]
    /// db[l − 1] is ∂C/∂b^(l).
    public var db: [[Double]]
    /// delta[l − 1] is δ^(l) = ∂C_k/∂z^(l), one column per example (not scaled by 1/N).
    public var delta: [Matrix]
    /// ∂C_k/∂a^(0), one column per example (not scaled by 1/N).
    public var inputGradient: Matrix
}
