import Foundation
import NetworkEngine

/// A spec file read, checked and turned into things the engine uses.
///
/// ```swift
/// let loaded = try SpecFile.load("assets/not.yaml", needs: .examples(for: "eval"))
/// let data = try loaded.requireData(for: "eval")
/// let pass = loaded.network.forward(data.inputs)
/// ```
public struct LoadedSpec: Sendable {
    /// The path as the user gave it (for messages).
    public var path: String
    /// The spec as written.
    public var spec: Spec
    /// The network at the spec's parameters (given or drawn).
    public var network: Network
    /// The examples training uses, as the network sees them (its inputs are the features
    /// when the spec has `features:`): all of the data's, or those not held out by `test:`;
    /// nil when the spec has no data.
    public var data: Dataset?
    /// The held-out test examples (`data.test`), never trained on, as the network sees them;
    /// nil when the spec has none.
    public var test: Dataset?
    /// `data` with the data's own inputs, before any features (the plane a fit is drawn over).
    public var rawData: Dataset?
    /// `test` with the data's own inputs.
    public var rawTest: Dataset?
    /// The inputs computed from the data's (`features:`); nil: the network sees the data's inputs.
    public var features: Features?
    /// The spec's `training:` block after defaults.
    public var training: TrainingOptions
    /// A short hash of the spec file (and of the data file it names), for provenance.
    public var hash: String

    /// Whether the spec chose its parameters (`weights:`, `biases:` or `init:`), rather than
    /// leaving them to the default draw: a spec with `layers` alone describes an architecture,
    /// whose drawn weights mean nothing.
    public var givesParameters: Bool {
        spec.weights != nil || spec.biases != nil || spec.initialization != nil
    }

    /// The training examples, or the problem a command that needs them reports.
    ///
    /// - Throws: `SpecErrors` naming the file and saying how to add data.
    public func requireData(for command: String) throws -> Dataset {
        guard let data else { throw SpecErrors(SpecNeeds.missingData(path: path, command: command)) }
        return data
    }
}

/// What a command needs of a spec beyond a network, checked with the spec's own problems so
/// that one run reports them all.
///
/// ```swift
/// let loaded = try SpecFile.load(path, needs: .examples(for: "train"))
/// ```
public struct SpecNeeds: Sendable, Equatable {
    /// The command, as the message names it ("eval", "diagram --color gradients").
    public var command: String
    /// Whether it needs examples (`data:`).
    public var data: Bool

    public init(command: String, data: Bool) {
        self.command = command
        self.data = data
    }

    /// A command that computes over the examples.
    public static func examples(for command: String) -> SpecNeeds { SpecNeeds(command: command, data: true) }

    /// The problem of a spec without `data:` for a command that needs it.
    static func missingData(path: String, command: String) -> SpecError {
        SpecError(file: path, field: "data",
                  message: "missing; \(command) needs examples: add a data: block, as in data: {set: xor}, data: {inputs: [[0], [1]], targets: [[1], [0]]} or data: {file: points.csv, inputs: 2}")
    }
}
