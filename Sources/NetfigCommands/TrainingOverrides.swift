import ArgumentParser
import NetfigSpec
import NetworkEngine

/// `--steps`, `--rate`, `--optimizer`: the command line's say over the spec's `training:` block.
struct TrainingArguments: ParsableArguments {
    // .unconditional: `--steps -1` is a value to refuse with its range, not a missing one.
    @Option(parsing: .unconditional, help: "Training steps, e.g. --steps 50000 (default: the spec's, else 1000).")
    var steps: Int?

    @Option(parsing: .unconditional, help: "Learning rate, e.g. --rate 0.5 (default: the spec's, else the optimizer's: gd 3.5, momentum 0.35, adam 0.01).")
    var rate: Double?

    @Option(help: "gd, momentum or adam, e.g. --optimizer adam (default: the spec's, else gd).")
    var optimizer: Optimizer?

    /// Whether any of them was given.
    var isEmpty: Bool { steps == nil && rate == nil && optimizer == nil }

    func validate() throws {
        if let steps, steps < 0 || steps > SpecFile.maxSteps { throw ValidationError("--steps \(steps): expected 0 to \(SpecFile.maxSteps)") }
        if let rate, !(rate > 0 && rate.isFinite) { throw ValidationError("--rate \(rate): expected a finite number above 0") }
    }

    /// The spec's training settings with these on top.
    func options(for loaded: LoadedSpec) -> TrainingOptions {
        loaded.training(steps: steps, rate: rate, optimizer: optimizer)
    }
}

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
