import NetworkEngine

/// Seeded uniform numbers written as JSON arrays, each in the digits that read back to the
/// same double: the weights, biases and examples of the oracle tests' specs.
struct SeededJSON {
    var rng: Xoshiro256StarStar

    init(seed: UInt64) {
        rng = Xoshiro256StarStar(seed: seed)
    }

    /// `[u₁, u₂, …]`: `count` numbers uniform in low…high.
    mutating func numbers(_ count: Int, _ low: Double, _ high: Double) -> String {
        "[" + (0..<count).map { _ in "\(rng.nextUniform(low, high))" }.joined(separator: ", ") + "]"
    }

    /// `count` rows of `width` numbers each.
    mutating func rows(_ count: Int, _ width: Int, _ low: Double, _ high: Double) -> String {
        "[" + (0..<count).map { _ in numbers(width, low, high) }.joined(separator: ", ") + "]"
    }
}
