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
    public func forward(_ inputs: Matrix) -> ForwardPass {
        var z: [Matrix] = []
        var a: [Matrix] = [inputs]
        z.reserveCapacity(layers.count)
        a.reserveCapacity(layers.count + 1)
        for layer in layers {
            let (zl, al) = layer.forward(a[a.count - 1])
            z.append(zl)
            a.append(al)
        }
        return ForwardPass(z: z, a: a)
    }

    /// The network's output for one input vector.
    public func callAsFunction(_ input: [Double]) -> [Double] {
        forward(Matrix(rows: input.count, columns: 1, values: input)).output.values
    }

    /// C_k = Σ_i (a_i − y_i)² for every example (one column of `targets` each).
    public func exampleCosts(_ pass: ForwardPass, targets: Matrix) -> [Double] {
        let output = pass.output
        precondition(output.rows == targets.rows && output.columns == targets.columns, "Network: targets are \(targets.rows)×\(targets.columns), output is \(output.rows)×\(output.columns)")
        var costs = [Double](repeating: 0, count: output.columns)
        for i in 0..<output.rows {
            for k in 0..<output.columns {
                let d = output[i, k] - targets[i, k]
                costs[k] += d * d
            }
        }
        return costs
    }

    /// C over a data set: the mean (or sum) of the C_k.
    public func cost(_ data: Dataset) -> Double {
        let costs = exampleCosts(forward(data.inputs), targets: data.targets)
        return costs.reduce(0, +) * reduction.factor(examples: costs.count)
    }

    /// Backpropagation: ∂C/∂W^(l), ∂C/∂b^(l) for every layer, δ^(l) and ∂C_k/∂a^(0) per example.
    ///
    /// δ^(L) = 2(a^(L) − y) ⊙ σ′(z^(L)); δ^(l) = (W^(l+1)ᵀ δ^(l+1)) ⊙ σ′(z^(l));
    /// ∂C/∂W^(l) = f · δ^(l) a^(l−1)ᵀ and ∂C/∂b^(l) = f · Σ_k δ^(l)_k, with f = 1/N for the
    /// mean and 1 for the sum.
    public func backward(_ pass: ForwardPass, targets: Matrix) -> Gradients {
        let output = pass.output
        precondition(output.rows == targets.rows && output.columns == targets.columns, "Network: targets do not match the output")
        var dCda = Matrix(rows: output.rows, columns: output.columns)
        for i in dCda.values.indices { dCda.values[i] = 2 * (output.values[i] - targets.values[i]) }

        let factor = reduction.factor(examples: output.columns)
        var dW = [Matrix](repeating: Matrix(rows: 0, columns: 0), count: layers.count)
        var db = [[Double]](repeating: [], count: layers.count)
        var delta = [Matrix](repeating: Matrix(rows: 0, columns: 0), count: layers.count)
        var inputGradient = Matrix(rows: 0, columns: 0)
        for l in stride(from: layers.count - 1, through: 0, by: -1) {
            let step = layers[l].backward(dCda: dCda, z: pass.z[l], a: pass.a[l + 1], aPrev: pass.a[l])
            delta[l] = step.delta
            dW[l] = step.dW
            for i in dW[l].values.indices { dW[l].values[i] *= factor }
            db[l] = step.db.map { $0 * factor }
            if let next = step.dCdaPrev {
                if l == 0 { inputGradient = next } else { dCda = next }
            }
        }
        return Gradients(dW: dW, db: db, delta: delta, inputGradient: inputGradient)
    }

    /// Cost and gradients over a data set in one pass.
    public func gradients(_ data: Dataset) -> (cost: Double, gradients: Gradients) {
        let pass = forward(data.inputs)
        let costs = exampleCosts(pass, targets: data.targets)
        let cost = costs.reduce(0, +) * reduction.factor(examples: costs.count)
        return (cost, backward(pass, targets: data.targets))
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
