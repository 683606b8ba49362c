extension Network {
    /// A network of the given shape with every weight and bias drawn from N(0, scale²).
    ///
    /// Draws follow the course's order: all of W^(1), W^(2), …, then b^(1), b^(2), …, each
    /// row-major. Every draw is made even when the caller will overwrite some values, so
    /// giving the weights in a spec does not change the biases drawn for the same seed.
    ///
    /// - Parameters:
    ///   - shape: neurons per layer, input first (`[1, 6, 7, 2]`).
    ///   - activations: one per weight layer.
    ///   - seed, scale: the generator's seed and the standard deviation.
    ///
    /// ```swift
    /// let heart = Network.random(shape: [1, 6, 7, 2], activations: Array(repeating: .sigmoid, count: 3), seed: 1, scale: 0.5)
    /// ```
    public static func random(
        shape: [Int], activations: [Activation], seed: UInt64, scale: Double,
        reduction: CostReduction = .mean
    ) -> Network {
        precondition(shape.count >= 2 && activations.count == shape.count - 1, "Network.random: shape and activations disagree")
        var rng = Xoshiro256StarStar(seed: seed)
        var weights: [Matrix] = []
        for l in 1..<shape.count {
            let values = (0..<(shape[l] * shape[l - 1])).map { _ in scale * rng.nextNormal() }
            weights.append(Matrix(rows: shape[l], columns: shape[l - 1], values: values))
        }
        var biases: [[Double]] = []
        for l in 1..<shape.count {
            biases.append((0..<shape[l]).map { _ in scale * rng.nextNormal() })
        }
        let layers = (0..<weights.count).map { Dense(W: weights[$0], b: biases[$0], activation: activations[$0]) }
        return Network(layers: layers, reduction: reduction)
    }
}
