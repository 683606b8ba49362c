/// What a training run recorded.
///
/// `costs[t]` is the cost over the whole data set after t steps, so `costs[0]` is the
/// starting cost and `costs.last` the final one; empty when the caller recorded the costs
/// itself (`Trainer.train(…, recordingCosts: false)`). `testCosts[t]` is the cost over the
/// held-out test examples at the same steps (empty without them). `snapshots[t]` is the
/// network after t steps, for the steps the caller asked to keep.
public struct TrainingHistory: Sendable {
    public var costs: [Double]
    public var testCosts: [Double]
    public var snapshots: [Int: Network]
    /// The trained network.
    public var network: Network
    /// Steps actually taken.
    public var steps: Int
    /// The cost after the last step.
    public var finalCost: Double
    /// The test examples' cost after the last step; nil without test examples.
    public var finalTestCost: Double?
}

/// One step of a training run as `Trainer.train` shows it to its observer: the network after
/// `step` steps and its cost over the training examples. The penalty and the test cost are
/// computed only when asked for, so a caller that records neither pays for neither.
///
/// ```swift
/// try trainer.train(network, on: training, testing: test, recordingCosts: false, observe: { s in
///     if s.step % 100 == 0 { print(s.step, s.cost, s.testCost() ?? .nan) }
/// })
/// ```
public struct TrainingStep {
    /// Steps taken so far (0: the start).
    public let step: Int
    public let network: Network
    /// C over the training examples, without the penalty.
    public let cost: Double
    let regularization: Regularization
    /// The test cost when the trainer has already computed it for this step.
    let knownTestCost: Double?
    /// The test examples' forward pass; nil without test examples.
    let tester: BatchKernel?

    /// R = λ₂/2 · Σ w² + λ₁ · Σ |w| of the network (0 without a penalty).
    public var penalty: Double { regularization.penalty(network) }

    /// C + R: the cost training minimises (C itself without a penalty).
    public var regularizedCost: Double { regularization.isNone ? cost : cost + penalty }

    /// C over the test examples (nil without any): a forward pass over them, unless the
    /// trainer has computed it for this step already.
    public func testCost() -> Double? { knownTestCost ?? tester?.forward(network) }
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
