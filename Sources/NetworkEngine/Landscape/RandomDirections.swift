/// Random Gaussian directions for a plane through a network's parameters, scaled to the
/// network's own (Li et al., "Visualizing the Loss Landscape of Neural Nets", NeurIPS 2018).
///
/// δ and η are drawn from one xoshiro256** generator seeded with `seed`: every entry of δ
/// from N(0, 1) in the course's order (all of W^(1) … W^(L) row by row, then b^(1) … b^(L),
/// as `Network.random` draws a network), then every entry of η the same way. Bias entries
/// are drawn even when `biases` is `.zero`, so the weights' directions do not depend on it.
///
/// ```swift
/// let (delta, eta) = RandomDirections.pair(for: network, seed: 1, normalization: .filter, biases: .zero)
/// ```
public enum RandomDirections {
    /// How a random direction is scaled to the network's parameters θ.
    public enum Normalization: String, CaseIterable, Sendable {
        /// Each neuron's filter (its row of W, and its bias with `Biases.keep`) rescaled to the
        /// length of the same row of θ.
        case filter
        /// Each layer's whole W (and b with `.keep`) rescaled to the length of θ's.
        case layer
        /// As drawn.
        case none
    }

    /// What a random direction does to the biases.
    public enum Biases: String, CaseIterable, Sendable {
        /// Biases stay at θ's values: the direction's bias entries are 0.
        case zero
        /// Biases move too; under filter (layer) normalisation a neuron's bias is part of its
        /// filter (its layer's), normalised with its weights.
        case keep
    }

    /// δ and η for `network`: drawn, then normalised to its parameters.
    public static func pair(for network: Network, seed: UInt64, normalization: Normalization,
                            biases: Biases) -> (delta: ParameterVector, eta: ParameterVector) {
        var rng = Xoshiro256StarStar(seed: seed)
        let theta = ParameterVector(network)
        let delta = gaussian(like: theta, rng: &rng)
        let eta = gaussian(like: theta, rng: &rng)
        return (normalized(delta, to: theta, normalization, biases: biases),
                normalized(eta, to: theta, normalization, biases: biases))
    }

    /// Standard normal draws in the course's order: W^(1) … W^(L), then b^(1) … b^(L).
    public static func gaussian(like shape: ParameterVector, rng: inout Xoshiro256StarStar) -> ParameterVector {
        var result = shape
        for l in result.W.indices {
            for i in result.W[l].values.indices { result.W[l].values[i] = rng.nextNormal() }
        }
        for l in result.b.indices {
            for i in result.b[l].indices { result.b[l][i] = rng.nextNormal() }
        }
        return result
    }

    /// `direction` scaled to `theta`, its biases zeroed or kept.
    ///
    /// Each group of entries (a neuron's row, a layer, or none) is multiplied by
    /// ‖θ's group‖ / ‖direction's group‖, lengths summed in order of the entries (W's row,
    /// then the bias); a group of the direction whose length is 0 stays 0.
    public static func normalized(_ direction: ParameterVector, to theta: ParameterVector, _ normalization: Normalization,
                                  biases: Biases) -> ParameterVector {
        precondition(direction.shape == theta.shape, "RandomDirections: shapes differ")
        var result = direction
        let keep = biases == .keep
        if !keep {
            for l in result.b.indices { result.b[l] = [Double](repeating: 0, count: result.b[l].count) }
        }
        for l in result.W.indices {
            let rows = result.W[l].rows, columns = result.W[l].columns
            switch normalization {
            case .none:
                break
            case .filter:
                for i in 0..<rows {
                    let entries = (i * columns)..<((i + 1) * columns)
                    var thetaSquares = 0.0, squares = 0.0
                    for e in entries {
                        thetaSquares += theta.W[l].values[e] * theta.W[l].values[e]
                        squares += result.W[l].values[e] * result.W[l].values[e]
                    }
                    if keep {
                        thetaSquares += theta.b[l][i] * theta.b[l][i]
                        squares += result.b[l][i] * result.b[l][i]
                    }
                    let factor = scale(thetaSquares, squares)
                    for e in entries { result.W[l].values[e] *= factor }
                    if keep { result.b[l][i] *= factor }
                }
            case .layer:
                var thetaSquares = 0.0, squares = 0.0
                for e in result.W[l].values.indices {
                    thetaSquares += theta.W[l].values[e] * theta.W[l].values[e]
                    squares += result.W[l].values[e] * result.W[l].values[e]
                }
                if keep {
                    for i in 0..<rows {
                        thetaSquares += theta.b[l][i] * theta.b[l][i]
                        squares += result.b[l][i] * result.b[l][i]
                    }
                }
                let factor = scale(thetaSquares, squares)
                for e in result.W[l].values.indices { result.W[l].values[e] *= factor }
                if keep { for i in 0..<rows { result.b[l][i] *= factor } }
            }
        }
        return result
    }

    /// ‖θ‖ / ‖d‖ from the sums of squares; 0 when d has no length (its entries stay 0).
    private static func scale(_ thetaSquares: Double, _ squares: Double) -> Double {
        guard squares > 0 else { return 0 }
        let thetaNorm: Double = thetaSquares.squareRoot()
        let norm: Double = squares.squareRoot()
        return thetaNorm / norm
    }
}
