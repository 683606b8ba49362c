/// How the per-example costs C_k = Σ_i (a_i − y_i)² combine into C.
///
/// The course uses the mean, with no factor ½; `sum` is the seed's plain total.
public enum CostReduction: String, CaseIterable, Sendable, Codable {
    case mean
    case sum

    /// The factor applied to Σ_k C_k (and to every gradient) for `count` examples.
    public func factor(examples count: Int) -> Double {
        switch self {
        case .mean: return 1 / Double(count)
        case .sum: return 1
        }
    }
}
