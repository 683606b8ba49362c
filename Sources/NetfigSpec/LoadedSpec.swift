import Foundation
import NetworkEngine

/// A spec file read, checked and turned into things the engine uses.
///
/// ```swift
/// let loaded = try SpecFile.load("assets/not.yaml")
/// let pass = loaded.network.forward(loaded.data.inputs)
/// ```
public struct LoadedSpec: Sendable {
    /// The path as the user gave it (for messages).
    public var path: String
    /// The spec as written.
    public var spec: Spec
    /// The network at the spec's parameters (given or drawn).
    public var network: Network
    /// The examples training uses: all of the data's, or those not held out by `test:`.
    public var data: Dataset
    /// The held-out test examples (`data.test`), never trained on; nil when the spec has none.
    public var test: Dataset?
    /// The spec's `training:` block after defaults.
    public var training: TrainingOptions
    /// A short hash of the spec file (and of the data file it names), for provenance.
    public var hash: String
}
