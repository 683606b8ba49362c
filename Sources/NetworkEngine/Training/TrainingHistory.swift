/// What a training run recorded.
///
/// `costs[t]` is the cost over the whole data set after t steps, so `costs[0]` is the
/// starting cost and `costs.last` the final one; empty when the caller recorded the costs
/// itself (`Trainer.train(…, recordingCosts: false)`). `snapshots[t]` is the network after t
/// steps, for the steps the caller asked to keep.
public struct TrainingHistory: Sendable {
    public var costs: [Double]
    public var snapshots: [Int: Network]
    /// The trained network.
    public var network: Network
    /// Steps actually taken.
    public var steps: Int
    /// The cost after the last step.
    public var finalCost: Double
}

/// Training stopped because the cost stopped being a finite number.
public struct DivergenceError: Error, Equatable, CustomStringConvertible {
    /// The step after which the cost was first NaN or infinite.
    public let step: Int
    public let cost: Double
    public let rate: Double

    public var description: String {
        // At step 0 no step has been taken: the rate cannot be the cause.
        guard step > 0 else {
            return "the cost is \(cost) before any training step; expected a finite cost at the spec's parameters "
                + "(check the weights, biases and data for huge values)"
        }
        return "training diverged: the cost became \(cost) at step \(step); lower the rate (now \(rate))"
    }
}
