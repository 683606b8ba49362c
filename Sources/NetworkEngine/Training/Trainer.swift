/// Trains a network on a data set: full-batch or mini-batch steps with the chosen optimizer.
///
/// What it minimises is the cost C over the training examples plus the options'
/// `regularization` penalty R; what it reports as a step's cost is C, the data's cost (the
/// penalty and the cost over held-out test examples are there to ask for: `TrainingStep`).
///
/// ```swift
/// let trainer = Trainer(options: TrainingOptions(rate: 7, steps: 10_000))
/// let history = try trainer.train(heart, on: data, keeping: [0, 5_000, 10_000])
/// history.costs.last   // ≈ 1e-3
/// ```
public struct Trainer: Sendable {
    public var options: TrainingOptions

    public init(options: TrainingOptions) {
        self.options = options
    }

    /// Runs `options.steps` steps.
    ///
    /// - Parameters:
    ///   - network: the starting parameters.
    ///   - data: the examples; with a batch size, each epoch visits them in a fresh shuffled order.
    ///   - test: held-out examples, never trained on: their cost is recorded beside the
    ///     training cost (`testCosts`, `finalTestCost`) and offered to `observe`.
    ///   - keeping: steps whose parameters go into `snapshots` (0 is the start).
    ///   - moving: when given, only these parameters train; the others keep their values
    ///     (their gradients are zeroed, which leaves them still under every optimizer).
    ///   - recordingCosts: keep every step's cost (and test cost) in `costs` (and
    ///     `testCosts`); false for a run too long to hold them, whose caller records what it
    ///     needs through `observe`.
    ///   - observe: called after every step t = 0 … steps with the network after t steps
    ///     and its cost.
    ///   - progress: called now and then with the number of steps done.
    /// - Throws: `DivergenceError` when the cost becomes NaN or infinite.
    public func train(
        _ network: Network, on data: Dataset, testing test: Dataset? = nil, keeping: Set<Int> = [],
        moving: [ParameterName]? = nil, recordingCosts: Bool = true,
        observe: ((TrainingStep) -> Void)? = nil,
        progress: ((Int) -> Void)? = nil
    ) throws -> TrainingHistory {
        var network = network
        var optimizer = OptimizerState(optimizer: options.optimizer, rate: options.rate)
        var rng = Xoshiro256StarStar(seed: options.seed)
        var snapshots: [Int: Network] = [:]
        var costs: [Double] = [], testCosts: [Double] = []
        if recordingCosts { costs.reserveCapacity(options.steps + 1) }
        if recordingCosts, test != nil { testCosts.reserveCapacity(options.steps + 1) }
        var finalCost = Double.nan
        let batchSize = options.batchSize.map { min($0, data.count) }
        var order = Array(0..<data.count)
        var cursor = data.count
        // Often enough for a line every few seconds in a long run's log, rarely enough to cost nothing.
        let progressEvery = max(1, min(options.steps / 100, 10_000))

        // The forward and backward passes run in these, reused from step to step: all the
        // examples (for the cost, and full-batch steps) and, with a batch size, the batch.
        let everything = BatchKernel(shape: network.shape)
        everything.load(data)
        let batch = BatchKernel(shape: network.shape)
        // The test examples' forward pass, run only for the steps whose test cost is recorded
        // or asked for: without test examples, nothing.
        let tester = test.map { test in
            let kernel = BatchKernel(shape: network.shape)
            kernel.load(test)
            return kernel
        }
        var gradients = Gradients(dW: [], db: [], delta: [], inputGradient: Matrix(rows: 0, columns: 0))
        for step in 0...options.steps {
            if keeping.contains(step) { snapshots[step] = network }
            let cost = everything.forward(network)
            if step < options.steps {
                if let size = batchSize, size < data.count {
                    if cursor + size > data.count {
                        rng.shuffle(&order)
                        cursor = 0
                    }
                    batch.load(data, examples: Array(order[cursor..<(cursor + size)]))
                    cursor += size
                    _ = batch.forward(network)
                    batch.backward(network, into: &gradients)
                } else {
                    everything.backward(network, into: &gradients)
                }
                // The penalty's gradient joins the data's here, whichever kernel computed
                // that, so `moving`, the noise and every optimizer see ∂(C + R)/∂P.
                options.regularization.addGradient(of: network, to: &gradients)
            }
            guard cost.isFinite else { throw DivergenceError(step: step, cost: cost, rate: options.rate) }
            var testCost: Double?
            if recordingCosts {
                costs.append(cost)
                if let tester {
                    let value = tester.forward(network)
                    testCosts.append(value)
                    testCost = value
                }
            }
            finalCost = cost
            observe?(TrainingStep(step: step, network: network, cost: cost, regularization: options.regularization,
                                  knownTestCost: testCost, tester: tester))
            guard step < options.steps else { break }
            let used = moving.map { gradients.keepingOnly($0) } ?? gradients
            optimizer.apply(noisy(used, &rng), to: &network)
            if let progress, step % progressEvery == 0 { progress(step) }
        }
        progress?(options.steps)
        return TrainingHistory(costs: costs, testCosts: testCosts, snapshots: snapshots, network: network,
                               steps: options.steps, finalCost: finalCost,
                               finalTestCost: testCosts.last ?? tester?.forward(network))
    }

    /// The course's noise: one factor (1 + ε·noise) per Jacobian block, drawn in the order
    /// W^(1) … W^(L), b^(1) … b^(L).
    private func noisy(_ gradients: Gradients, _ rng: inout Xoshiro256StarStar) -> Gradients {
        guard options.noise != 0 else { return gradients }
        var result = gradients
        for l in result.dW.indices {
            let factor: Double = 1 + rng.nextNormal() * options.noise
            for i in result.dW[l].values.indices { result.dW[l].values[i] *= factor }
        }
        for l in result.db.indices {
            let factor: Double = 1 + rng.nextNormal() * options.noise
            for i in result.db[l].indices { result.db[l][i] *= factor }
        }
        return result
    }
}
