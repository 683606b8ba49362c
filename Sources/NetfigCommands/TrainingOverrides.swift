import NetfigSpec
import NetworkEngine

extension LoadedSpec {
    /// The spec's training settings with the command line's on top. A new optimizer without a
    /// rate takes that optimizer's default, unless the spec names a rate.
    func training(steps: Int?, rate: Double?, optimizer: Optimizer?) -> TrainingOptions {
        var options = training
        if let steps { options.steps = steps }
        if let optimizer {
            options.optimizer = optimizer
            if rate == nil, spec.training?.rate == nil { options.rate = optimizer.defaultRate }
        }
        if let rate { options.rate = rate }
        return options
    }
}
