/// The plane of a training run: the first two principal directions of the parameters it
/// went through, relative to where it ended (Li et al. 2018, §7).
///
/// The rows are θ_i − θ_final for every recorded step i (the last row is 0), centred by their
/// mean as PCA centres them (so does loss-landscape, through scikit-learn's `PCA`). With C
/// the centred rows, the principal directions are the right singular vectors of C; they come
/// from the m × m Gram matrix G = C Cᵀ (m, the recorded steps, is small; the parameters may
/// be many): G = U Λ Uᵀ by `SymmetricEigen`, then v_k = Cᵀ u_k / ‖Cᵀ u_k‖. The explained
/// variance of direction k is λ_k / Σλ = λ_k / trace(G). Each recorded θ_i is projected as
/// ((θ_i − θ_final)·v₁, (θ_i − θ_final)·v₂), so the run ends at (0, 0), on the plane
/// θ_final + α·v₁ + β·v₂. Each direction is signed so that the run starts at a coordinate
/// ≤ 0: the path runs towards +α (and +β).
///
/// ```swift
/// let pca = try TrajectoryPCA(trajectory: snapshots.map(ParameterVector.init), final: ParameterVector(trained))
/// pca.explainedVariance.0   // 0.87: PC1 holds 87 % of the variance
/// ```
public struct TrajectoryPCA: Sendable {
    /// θ_final, the plane's origin.
    public let center: ParameterVector
    /// v₁ and v₂, unit length.
    public let directions: (ParameterVector, ParameterVector)
    /// λ₁/Σλ and λ₂/Σλ.
    public let explainedVariance: (Double, Double)
    /// Each recorded θ_i as (α, β) on the plane, in the trajectory's order.
    public let coordinates: [(Double, Double)]

    /// Why a run has no plane.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// Fewer than three recorded steps.
        case tooFewSteps(Int)
        /// The run never moved (every row is 0), or moved along a line only.
        case noPlane(firstShare: Double?)

        public var description: String {
            switch self {
            case .tooFewSteps(let count):
                return "\(count) recorded step\(count == 1 ? "" : "s"); expected at least 3 (a run of 2 steps or more)"
            case .noPlane(nil):
                return "the parameters did not move; expected a run that trains"
            case .noPlane(.some):
                return "the run moved along a straight line (PC1 holds all of its variance); expected a run that turns, so that it spans a plane"
            }
        }
    }

    /// - Parameters:
    ///   - trajectory: θ_i at the recorded steps, in order, the last one θ_final or not.
    ///   - final: θ_final.
    /// - Throws: `Failure` when the rows do not span a plane.
    public init(trajectory: [ParameterVector], final: ParameterVector) throws {
        let m = trajectory.count
        guard m >= 3 else { throw Failure.tooFewSteps(m) }
        let finalValues = final.values
        let p = finalValues.count
        var rows = [Double](repeating: 0, count: m * p)
        for (i, theta) in trajectory.enumerated() {
            precondition(theta.shape == final.shape, "TrajectoryPCA: a step's shape differs from the final one")
            let values = theta.values
            for e in 0..<p { rows[i * p + e] = values[e] - finalValues[e] }
        }
        // Centred rows.
        var mean = [Double](repeating: 0, count: p)
        for i in 0..<m { for e in 0..<p { mean[e] += rows[i * p + e] } }
        for e in 0..<p { mean[e] /= Double(m) }
        var centred = rows
        for i in 0..<m { for e in 0..<p { centred[i * p + e] -= mean[e] } }
        // G = C Cᵀ.
        var gram = [Double](repeating: 0, count: m * m)
        centred.withUnsafeBufferPointer { c in
            for i in 0..<m {
                for j in i..<m {
                    var sum = 0.0
                    for e in 0..<p { sum = sum.addingProduct(c[i * p + e], c[j * p + e]) }
                    gram[i * m + j] = sum
                    gram[j * m + i] = sum
                }
            }
        }
        var trace = 0.0
        for i in 0..<m { trace += gram[i * m + i] }
        guard trace > 0 else { throw Failure.noPlane(firstShare: nil) }
        let (values, vectors) = SymmetricEigen.decompose(gram, size: m)
        // A second eigenvalue near rounding's level of the first (about 1e-16 of it for a
        // straight run) is no direction at all.
        guard values[1] > 1e-12 * values[0] else { throw Failure.noPlane(firstShare: values[0] / trace) }

        func direction(_ k: Int) -> [Double] {
            var v = [Double](repeating: 0, count: p)
            for i in 0..<m {
                let weight = vectors[k][i]
                for e in 0..<p { v[e] = v[e].addingProduct(weight, centred[i * p + e]) }
            }
            var squares = 0.0
            for x in v { squares += x * x }
            let length: Double = squares.squareRoot()
            // Signed so that the run's start has a coordinate ≤ 0.
            var start = 0.0
            for e in 0..<p { start = start.addingProduct(rows[e], v[e]) }
            let factor: Double = (start > 0 ? -1 : 1) / length
            return v.map { $0 * factor }
        }
        let v1 = direction(0), v2 = direction(1)
        center = final
        directions = (final.replacing(values: v1), final.replacing(values: v2))
        explainedVariance = (values[0] / trace, values[1] / trace)
        coordinates = (0..<m).map { i in
            var a = 0.0, b = 0.0
            for e in 0..<p {
                a = a.addingProduct(rows[i * p + e], v1[e])
                b = b.addingProduct(rows[i * p + e], v2[e])
            }
            return (a, b)
        }
    }

    /// The plane θ_final + α·v₁ + β·v₂ for `network`'s activations and cost.
    public func plane(for network: Network) -> ParameterPlane {
        var origin = network
        for l in origin.layers.indices {
            origin.layers[l].W = center.W[l]
            origin.layers[l].b = center.b[l]
        }
        return ParameterPlane(origin: origin, x: directions.0, y: directions.1)
    }
}
