import NetworkEngine

/// A spec file's contents: one network, its data and optionally its training, as the user
/// wrote them (before defaults and checks; `SpecFile.load` turns it into a `LoadedSpec`).
///
/// One `Codable` schema serves YAML and JSON. Every type here rejects unknown keys, so a
/// typo is an error instead of a silently ignored setting.
///
/// ```yaml
/// layers: [1, 1]
/// activation: tanh
/// weights: [[[1.3]]]
/// biases: [[-0.1]]
/// data: {set: not}
/// ```
public struct Spec: Codable, Equatable, Sendable {
    /// The figures' default title (`$…$` is math), e.g. `title: The NOT neuron`.
    public var title: String?
    /// Neurons per layer, input layer first.
    public var layers: [Int]
    /// One activation for every layer, or one per non-input layer.
    public var activation: ActivationChoice
    /// W^(l) for l = 1 … L, each as rows (neurons of layer l) of columns (neurons of layer l−1).
    public var weights: [[[Double]]]?
    /// b^(l) for l = 1 … L.
    public var biases: [[Double]]?
    /// How to draw the weights and biases the spec does not give.
    public var initialization: InitSpec?
    /// `mean` (default) or `sum` over examples.
    public var cost: CostReduction?
    public var data: DataSpec
    public var training: TrainingSpec?

    public init(
        layers: [Int], activation: ActivationChoice, weights: [[[Double]]]? = nil,
        biases: [[Double]]? = nil, initialization: InitSpec? = nil, cost: CostReduction? = nil,
        data: DataSpec, training: TrainingSpec? = nil, title: String? = nil
    ) {
        self.title = title
        self.layers = layers
        self.activation = activation
        self.weights = weights
        self.biases = biases
        self.initialization = initialization
        self.cost = cost
        self.data = data
        self.training = training
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case title, layers, activation, weights, biases
        case initialization = "init"
        case cost, data, training
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        // Each field on its own: with a ProblemLog, a bad field is recorded and the rest are
        // still read, so one run reports every problem. The placeholders are never used then.
        title = try decoder.attempt { try c.decodeIfPresent(String.self, forKey: .title) } ?? nil
        layers = try decoder.attempt { try c.decode([Int].self, forKey: .layers) } ?? []
        activation = try decoder.attempt { try c.decode(ActivationChoice.self, forKey: .activation) } ?? .all(.identity)
        weights = try decoder.attempt { try c.decodeIfPresent([[[Double]]].self, forKey: .weights) } ?? nil
        biases = try decoder.attempt { try c.decodeIfPresent([[Double]].self, forKey: .biases) } ?? nil
        initialization = try decoder.attempt { try c.decodeIfPresent(InitSpec.self, forKey: .initialization) } ?? nil
        cost = try decoder.attempt { try c.decodeChoiceIfPresent(CostReduction.self, forKey: .cost) } ?? nil
        data = try decoder.attempt { try c.decode(DataSpec.self, forKey: .data) } ?? .inline(inputs: [], targets: [])
        training = try decoder.attempt { try c.decodeIfPresent(TrainingSpec.self, forKey: .training) } ?? nil
    }
}

/// `activation: tanh` or `activation: [sigmoid, sigmoid, identity]`.
public enum ActivationChoice: Codable, Equatable, Sendable {
    case all(Activation)
    case perLayer([Activation])

    public init(from decoder: any Decoder) throws {
        let single = try decoder.singleValueContainer()
        if let name = try? single.decode(String.self) {
            self = .all(try Activation.parse(name, codingPath: decoder.codingPath))
            return
        }
        guard let names = try? single.decode([String].self) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "expected an activation (\(Activation.choices)) or a list of them, one per non-input layer"))
        }
        self = .perLayer(try names.enumerated().map { index, name in
            try Activation.parse(name, codingPath: decoder.codingPath + [AnyKey(index)])
        })
    }

    public func encode(to encoder: any Encoder) throws {
        var single = encoder.singleValueContainer()
        switch self {
        case .all(let activation): try single.encode(activation)
        case .perLayer(let list): try single.encode(list)
        }
    }
}

/// `init: {seed: 1, scale: 0.5}`: weights and biases the spec omits are drawn from N(0, scale²).
public struct InitSpec: Codable, Equatable, Sendable {
    public var seed: UInt64?
    public var scale: Double?

    public init(seed: UInt64? = nil, scale: Double? = nil) {
        self.seed = seed
        self.scale = scale
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case seed, scale }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        seed = try decoder.attempt { try c.decodeIfPresent(UInt64.self, forKey: .seed) } ?? nil
        scale = try decoder.attempt { try c.decodeIfPresent(Double.self, forKey: .scale) } ?? nil
    }
}

/// The `training:` block: defaults for `train`, `animate` and `surface --descent`.
public struct TrainingSpec: Codable, Equatable, Sendable {
    public var rate: Double?
    public var steps: Int?
    public var optimizer: Optimizer?
    public var batch: BatchChoice?
    public var noise: Double?
    public var seed: UInt64?

    public init(
        rate: Double? = nil, steps: Int? = nil, optimizer: Optimizer? = nil,
        batch: BatchChoice? = nil, noise: Double? = nil, seed: UInt64? = nil
    ) {
        self.rate = rate
        self.steps = steps
        self.optimizer = optimizer
        self.batch = batch
        self.noise = noise
        self.seed = seed
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case rate, steps, optimizer, batch, noise, seed }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        rate = try decoder.attempt { try c.decodeIfPresent(Double.self, forKey: .rate) } ?? nil
        steps = try decoder.attempt { try c.decodeIfPresent(Int.self, forKey: .steps) } ?? nil
        optimizer = try decoder.attempt { try c.decodeChoiceIfPresent(Optimizer.self, forKey: .optimizer) } ?? nil
        batch = try decoder.attempt { try c.decodeIfPresent(BatchChoice.self, forKey: .batch) } ?? nil
        noise = try decoder.attempt { try c.decodeIfPresent(Double.self, forKey: .noise) } ?? nil
        seed = try decoder.attempt { try c.decodeIfPresent(UInt64.self, forKey: .seed) } ?? nil
    }
}

/// `batch: full` or `batch: 32`.
public enum BatchChoice: Codable, Equatable, Sendable {
    case full
    case size(Int)

    public init(from decoder: any Decoder) throws {
        let single = try decoder.singleValueContainer()
        if let size = try? single.decode(Int.self) {
            self = .size(size)
        } else if let word = try? single.decode(String.self), word == "full" {
            self = .full
        } else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath, debugDescription: "expected 'full' or a whole number of examples"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var single = encoder.singleValueContainer()
        switch self {
        case .full: try single.encode("full")
        case .size(let n): try single.encode(n)
        }
    }
}

/// Where the examples come from: inline, a built-in set, or a CSV file.
public enum DataSpec: Codable, Equatable, Sendable {
    /// `{inputs: [[1], [0]], targets: [[0], [1]]}`, one row per example.
    case inline(inputs: [[Double]], targets: [[Double]])
    /// `{set: heart, count: 100, noise: 0, seed: 1}`.
    case builtIn(set: BuiltInSet, count: Int?, noise: Double?, seed: UInt64?)
    /// `{file: points.csv, inputs: 2}`: the first `inputs` columns are inputs, the rest targets;
    /// the path is relative to the spec file.
    case file(path: String, inputs: Int)

    enum InlineKeys: String, CodingKey, CaseIterable { case inputs, targets }
    enum SetKeys: String, CodingKey, CaseIterable { case set, count, noise, seed }
    enum FileKeys: String, CodingKey, CaseIterable { case file, inputs }

    public init(from decoder: any Decoder) throws {
        let probe = try decoder.container(keyedBy: AnyKey.self)
        let keys = Set(probe.allKeys.map(\.stringValue))
        if keys.contains("file") {
            try decoder.rejectUnknownKeys(FileKeys.self)
            let c = try decoder.container(keyedBy: FileKeys.self)
            self = .file(path: try c.decode(String.self, forKey: .file), inputs: try c.decode(Int.self, forKey: .inputs))
        } else if keys.contains("set") {
            try decoder.rejectUnknownKeys(SetKeys.self)
            let c = try decoder.container(keyedBy: SetKeys.self)
            let count = try decoder.attempt { try c.decodeIfPresent(Int.self, forKey: .count) } ?? nil
            let noise = try decoder.attempt { try c.decodeIfPresent(Double.self, forKey: .noise) } ?? nil
            let seed = try decoder.attempt { try c.decodeIfPresent(UInt64.self, forKey: .seed) } ?? nil
            self = .builtIn(set: try c.decodeChoice(BuiltInSet.self, forKey: .set), count: count, noise: noise, seed: seed)
        } else {
            guard keys.contains("inputs") || keys.contains("targets") else {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: decoder.codingPath,
                    debugDescription: "expected inline data {inputs, targets}, a built-in set {set: heart} or a file {file: points.csv, inputs: 1}"))
            }
            try decoder.rejectUnknownKeys(InlineKeys.self)
            let c = try decoder.container(keyedBy: InlineKeys.self)
            let inputs = try decoder.attempt { try c.decode([[Double]].self, forKey: .inputs) }
            let targets = try decoder.attempt { try c.decode([[Double]].self, forKey: .targets) }
            self = .inline(inputs: inputs ?? [], targets: targets ?? [])
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .inline(let inputs, let targets):
            var c = encoder.container(keyedBy: InlineKeys.self)
            try c.encode(inputs, forKey: .inputs)
            try c.encode(targets, forKey: .targets)
        case .builtIn(let set, let count, let noise, let seed):
            var c = encoder.container(keyedBy: SetKeys.self)
            try c.encode(set, forKey: .set)
            try c.encodeIfPresent(count, forKey: .count)
            try c.encodeIfPresent(noise, forKey: .noise)
            try c.encodeIfPresent(seed, forKey: .seed)
        case .file(let path, let inputs):
            var c = encoder.container(keyedBy: FileKeys.self)
            try c.encode(path, forKey: .file)
            try c.encode(inputs, forKey: .inputs)
        }
    }
}
