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
    /// The inputs the network sees, computed from the data's (`[x1, x2, x1^2, x1*x2, sin(x1)]`),
    /// as written; nil: the data's inputs themselves.
    public var features: [String]?
    /// The examples; nil for a spec that only describes a network (an architecture diagram).
    public var data: DataSpec?
    public var training: TrainingSpec?
    /// Names for the diagram's layers and neurons.
    public var labels: LabelsSpec?

    public init(
        layers: [Int], activation: ActivationChoice, weights: [[[Double]]]? = nil,
        biases: [[Double]]? = nil, initialization: InitSpec? = nil, cost: CostReduction? = nil,
        features: [String]? = nil, data: DataSpec?, training: TrainingSpec? = nil, title: String? = nil,
        labels: LabelsSpec? = nil
    ) {
        self.title = title
        self.layers = layers
        self.activation = activation
        self.weights = weights
        self.biases = biases
        self.initialization = initialization
        self.cost = cost
        self.features = features
        self.data = data
        self.training = training
        self.labels = labels
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case title, layers, activation, weights, biases
        case initialization = "init"
        case cost, features, data, training, labels
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
        features = try decoder.attempt { try c.decodeIfPresent([String].self, forKey: .features) } ?? nil
        data = try decoder.attempt { try c.decodeIfPresent(DataSpec.self, forKey: .data) } ?? nil
        training = try decoder.attempt { try c.decodeIfPresent(TrainingSpec.self, forKey: .training) } ?? nil
        labels = try decoder.attempt { try c.decodeIfPresent(LabelsSpec.self, forKey: .labels) } ?? nil
    }
}

/// `labels:`: names for the diagram's layers and neurons, in place of the seed's notation;
/// `$…$` is math, as in titles.
///
/// ```yaml
/// labels:
///   layers: [x, hidden, ŷ]                 # one per layer, input first
///   neurons: [[$x_1$, $x_2$], [], [ŷ]]      # per layer, one per neuron; [] keeps netfig's
/// ```
public struct LabelsSpec: Codable, Equatable, Sendable {
    public var layers: [String]?
    public var neurons: [[String]]?

    public init(layers: [String]? = nil, neurons: [[String]]? = nil) {
        self.layers = layers
        self.neurons = neurons
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case layers, neurons }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        layers = try decoder.attempt { try c.decodeIfPresent([String].self, forKey: .layers) } ?? nil
        neurons = try decoder.attempt { try c.decodeIfPresent([[String]].self, forKey: .neurons) } ?? nil
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
    /// λ₂: adds λ₂/2 · Σ w² (weights, not biases) to the cost minimised.
    public var l2: Double?
    /// λ₁: adds λ₁ · Σ |w| (weights, not biases) to the cost minimised.
    public var l1: Double?

    public init(
        rate: Double? = nil, steps: Int? = nil, optimizer: Optimizer? = nil,
        batch: BatchChoice? = nil, noise: Double? = nil, seed: UInt64? = nil,
        l2: Double? = nil, l1: Double? = nil
    ) {
        self.rate = rate
        self.steps = steps
        self.optimizer = optimizer
        self.batch = batch
        self.noise = noise
        self.seed = seed
        self.l2 = l2
        self.l1 = l1
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case rate, steps, optimizer, batch, noise, seed, l2, l1 }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        rate = try decoder.attempt { try c.decodeIfPresent(Double.self, forKey: .rate) } ?? nil
        steps = try decoder.attempt { try c.decodeIfPresent(Int.self, forKey: .steps) } ?? nil
        optimizer = try decoder.attempt { try c.decodeChoiceIfPresent(Optimizer.self, forKey: .optimizer) } ?? nil
        batch = try decoder.attempt { try c.decodeIfPresent(BatchChoice.self, forKey: .batch) } ?? nil
        noise = try decoder.attempt { try c.decodeIfPresent(Double.self, forKey: .noise) } ?? nil
        seed = try decoder.attempt { try c.decodeIfPresent(UInt64.self, forKey: .seed) } ?? nil
        l2 = try decoder.attempt { try c.decodeIfPresent(Double.self, forKey: .l2) } ?? nil
        l1 = try decoder.attempt { try c.decodeIfPresent(Double.self, forKey: .l1) } ?? nil
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

/// The `data:` block: where the examples come from, and which of them are held out for testing.
///
/// ```yaml
/// data: {set: spiral, count: 200, noise: 0.1, test: 0.3}   # 60 of the 200 held out
/// data:
///   inputs:  [[0], [1], [2]]
///   targets: [[0], [1], [4]]
///   test: {inputs: [[3]], targets: [[9]]}                   # separate test examples
/// ```
public struct DataSpec: Codable, Equatable, Sendable {
    public var source: DataSource
    /// `test:`, when some examples are for testing only.
    public var test: TestSpec?

    public init(_ source: DataSource, test: TestSpec? = nil) {
        self.source = source
        self.test = test
    }

    /// Inline examples with no test set.
    public static func inline(inputs: [[Double]], targets: [[Double]]) -> DataSpec {
        DataSpec(.inline(inputs: inputs, targets: targets))
    }

    /// A built-in set with no test set.
    public static func builtIn(set: BuiltInSet, count: Int?, noise: Double?, seed: UInt64?) -> DataSpec {
        DataSpec(.builtIn(set: set, count: count, noise: noise, seed: seed))
    }

    /// A CSV file with no test set.
    public static func file(path: String, inputs: Int) -> DataSpec {
        DataSpec(.file(path: path, inputs: inputs))
    }

    enum TestKey: String, CodingKey { case test }

    public init(from decoder: any Decoder) throws {
        source = try DataSource(from: decoder)
        let c = try decoder.container(keyedBy: TestKey.self)
        test = try decoder.attempt { try c.decodeIfPresent(TestSpec.self, forKey: .test) } ?? nil
    }

    public func encode(to encoder: any Encoder) throws {
        try source.encode(to: encoder)
        var c = encoder.container(keyedBy: TestKey.self)
        try c.encodeIfPresent(test, forKey: .test)
    }
}

/// Where the examples come from: inline, a built-in set, or a CSV file.
public enum DataSource: Codable, Equatable, Sendable {
    /// `{inputs: [[1], [0]], targets: [[0], [1]]}`, one row per example.
    case inline(inputs: [[Double]], targets: [[Double]])
    /// `{set: heart, count: 100, noise: 0, seed: 1}`.
    case builtIn(set: BuiltInSet, count: Int?, noise: Double?, seed: UInt64?)
    /// `{file: points.csv, inputs: 2}`: the first `inputs` columns are inputs, the rest targets;
    /// the path is relative to the spec file.
    case file(path: String, inputs: Int)

    // Each form also takes `test` (read by `DataSpec`).
    enum InlineKeys: String, CodingKey, CaseIterable { case inputs, targets, test }
    enum SetKeys: String, CodingKey, CaseIterable { case set, count, noise, seed, test }
    enum FileKeys: String, CodingKey, CaseIterable { case file, inputs, test }

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

/// `test: 0.3` (a seeded share of the examples held out) or `test: {inputs, targets}`
/// (examples of their own).
public enum TestSpec: Codable, Equatable, Sendable {
    case share(Double)
    case examples(inputs: [[Double]], targets: [[Double]])

    enum Keys: String, CodingKey, CaseIterable { case inputs, targets }

    public init(from decoder: any Decoder) throws {
        let single = try decoder.singleValueContainer()
        if let share = try? single.decode(Double.self) {
            self = .share(share)
            return
        }
        guard (try? decoder.container(keyedBy: AnyKey.self)) != nil else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "expected a share of the examples to hold out, e.g. test: 0.3, or test examples {inputs: [[…]], targets: [[…]]}"))
        }
        try decoder.rejectUnknownKeys(Keys.self)
        let c = try decoder.container(keyedBy: Keys.self)
        let inputs = try decoder.attempt { try c.decode([[Double]].self, forKey: .inputs) }
        let targets = try decoder.attempt { try c.decode([[Double]].self, forKey: .targets) }
        self = .examples(inputs: inputs ?? [], targets: targets ?? [])
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .share(let share):
            var single = encoder.singleValueContainer()
            try single.encode(share)
        case .examples(let inputs, let targets):
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(inputs, forKey: .inputs)
            try c.encode(targets, forKey: .targets)
        }
    }
}
