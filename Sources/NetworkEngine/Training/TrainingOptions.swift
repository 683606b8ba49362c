/// How to train: the spec's `training:` block, after defaults.
///
/// ```swift
/// let options = TrainingOptions(rate: 7, steps: 10_000)   // the course's test cell
/// ```
public struct TrainingOptions: Equatable, Sendable {
    public var rate: Double
    public var steps: Int
    public var optimizer: Optimizer
    /// Examples per step; `nil` is the full batch.
    public var batchSize: Int?
    /// The course's noise: each step, each Jacobian block is multiplied by (1 + ε·noise),
    /// ε a standard-normal draw (so factors can be negative).
    public var noise: Double
    /// Seeds mini-batch shuffling and the noise draws.
    public var seed: UInt64
    /// The penalty on the weights added to the cost that training minimises (none by default).
    public var regularization: Regularization

    public init(
        rate: Double? = nil, steps: Int = 1000, optimizer: Optimizer = .gd,
        batchSize: Int? = nil, noise: Double = 0, seed: UInt64 = 1,
        regularization: Regularization = .none
    ) {
        self.rate = rate ?? optimizer.defaultRate
        self.steps = steps
        self.optimizer = optimizer
        self.batchSize = batchSize
        self.noise = noise
        self.seed = seed
        self.regularization = regularization
    }
}
