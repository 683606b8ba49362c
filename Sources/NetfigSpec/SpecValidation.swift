import Foundation
import NetworkEngine

extension SpecFile {
    /// Checks a decoded spec against itself (shapes, ranges, finiteness) and builds the
    /// network, the data and the training options.
    ///
    /// Every check runs that can: a problem in one part does not hide those in others, and
    /// only checks that need a sound `layers` are skipped when it is not.
    ///
    /// - Returns: the loaded spec, or nil when `problems` holds what is wrong.
    static func build(_ spec: Spec, path: String, text: String, bytes: Data, directory: URL, needs: SpecNeeds?,
                      _ problems: inout Problems) -> LoadedSpec? {
        let before = problems.list.count
        let features = checkFeatures(spec, &problems)
        let shape = checkLayers(spec, features: features, &problems)
        let activations = shape.flatMap { checkActivations(spec, depth: $0.count - 1, &problems) }
        let initialization = checkInit(spec, &problems)
        let training = checkTraining(spec, &problems)
        if let shape { checkLabels(spec, shape: shape, &problems) }
        var network: Network?
        if let shape, let activations, let initialization {
            network = buildNetwork(spec, shape: shape, activations: activations, initialization: initialization, &problems)
        }
        var hashed = bytes
        var data: (training: Dataset, test: Dataset?)?
        var rawWidth: Int?
        if let dataSpec = spec.data {
            let built = buildData(spec, dataSpec, shape: shape, featured: spec.features != nil, path: path, directory: directory,
                                  hashed: &hashed, &problems)
            data = built.examples
            rawWidth = built.rawWidth
        } else if needs?.data == true {
            problems.add(SpecNeeds.missingData(path: path, command: needs?.command ?? "this command"))
        }
        let featureMap = features.flatMap { checkRawWidth($0, rawWidth: rawWidth, &problems) }
        guard problems.list.count == before, let network, let training else { return nil }
        if features != nil, featureMap == nil { return nil }
        return LoadedSpec(path: path, spec: spec, network: network,
                          data: data.map { featureMap?.apply(to: $0.training) ?? $0.training },
                          test: data?.test.map { featureMap?.apply(to: $0) ?? $0 },
                          rawData: data?.training, rawTest: data?.test, features: featureMap,
                          training: training, hash: fnv1a64(hashed))
    }

    /// The features the spec lists, each read by `Feature(parsing:)`, when they all read
    /// and none repeats.
    private static func checkFeatures(_ spec: Spec, _ problems: inout Problems) -> [Feature]? {
        guard let texts = spec.features else { return nil }
        guard !texts.isEmpty else {
            problems.add([.key("features")], "an empty list; expected at least one feature, as in [x1, x2, x1*x2], or no features key (the data's inputs themselves)")
            return nil
        }
        var features: [(index: Int, feature: Feature)] = []
        var sound = true
        for (index, text) in texts.enumerated() {
            let field: [FieldPath] = [.key("features"), .index(index)]
            guard let feature = Feature(parsing: text) else {
                problems.add(field, "unknown feature '\(Echo.value(text))'; \(featureGrammar)")
                sound = false
                continue
            }
            if let first = features.first(where: { same($0.feature, feature) })?.index {
                problems.add(field, "'\(Echo.value(text))' repeats features[\(first)] (\(Echo.value(texts[first]))); each feature may appear once")
                sound = false
                continue
            }
            features.append((index, feature))
        }
        return sound ? features.map(\.feature) : nil
    }

    /// What a feature may be, for messages.
    static let featureGrammar = "expected xI, xI^2, xI*xJ (I ≠ J) or sin(xI) for input numbers I, J (x1, x2, x1^2, x2^2, x1*x2, sin(x1), sin(x2) for 2-D data)"

    /// x1*x2 and x2*x1 are one feature.
    private static func same(_ a: Feature, _ b: Feature) -> Bool {
        if case .product(let i, let j) = a, case .product(let k, let l) = b { return Set([i, j]) == Set([k, l]) }
        return a == b
    }

    /// The features as the engine computes them, when every input they read is one the data
    /// has (`rawWidth`; without data, as many inputs as the features read).
    private static func checkRawWidth(_ features: [Feature], rawWidth: Int?, _ problems: inout Problems) -> Features? {
        let highest = features.flatMap(\.inputs).max() ?? 1
        guard let width = rawWidth else { return Features(features, rawWidth: highest) }
        var sound = true
        for (index, feature) in features.enumerated() {
            guard let beyond = feature.inputs.first(where: { $0 > width }) else { continue }
            let names = (1...width).map { "x\($0)" }.joined(separator: ", ")
            problems.add([.key("features"), .index(index)], "'\(feature)' reads x\(beyond), but the data has \(count(width, "input")) (\(names))")
            sound = false
        }
        return sound ? Features(features, rawWidth: width) : nil
    }

    /// `labels:`: a name per layer, and per layer a name per neuron (or none).
    private static func checkLabels(_ spec: Spec, shape: [Int], _ problems: inout Problems) {
        guard let labels = spec.labels else { return }
        if let layers = labels.layers, layers.count != shape.count {
            problems.add([.key("labels"), .key("layers")], "\(count(layers.count, "name")) for \(count(shape.count, "layer")); expected \(shape.count), one per layer, input first, as in [x, hidden, ŷ]")
        }
        guard let neurons = labels.neurons else { return }
        guard neurons.count == shape.count else {
            problems.add([.key("labels"), .key("neurons")], "\(count(neurons.count, "list")) for \(count(shape.count, "layer")); expected \(shape.count), one per layer, each a name per neuron or [] for netfig's")
            return
        }
        for (l, names) in neurons.enumerated() where !names.isEmpty && names.count != shape[l] {
            problems.add([.key("labels"), .key("neurons"), .index(l)], "\(count(names.count, "name")) for layer \(l)'s \(count(shape[l], "neuron")); expected \(shape[l]), or [] for netfig's")
        }
    }

    /// The problems found so far, each located in the spec's text.
    struct Problems {
        let path: String
        let text: String
        var list: [SpecError] = []

        mutating func add(_ fields: [FieldPath], _ message: String) {
            list.append(SpecError(file: path, line: SpecFile.line(of: fields, in: text), field: FieldPath.render(fields), message: message))
        }

        mutating func add(_ error: SpecError) { list.append(error) }
    }

    /// The layer widths, when they make a network netfig can hold.
    private static func checkLayers(_ spec: Spec, features: [Feature]?, _ problems: inout Problems) -> [Int]? {
        let shape = spec.layers
        guard shape.count >= 2 else {
            problems.add([.key("layers")], "\(count(shape.count, "layer")); expected at least 2 (the input layer and one more), e.g. [1, 1]")
            return nil
        }
        var sound = true
        for (l, width) in shape.enumerated() where width < 1 || width > maxLayerWidth {
            problems.add([.key("layers"), .index(l)], "\(width) neurons; expected 1 to \(maxLayerWidth)")
            sound = false
        }
        guard sound else { return nil }
        if let features, shape[0] != features.count {
            problems.add([.key("layers"), .index(0)], "\(count(shape[0], "input neuron")) for \(count(features.count, "feature")); expected \(features.count), one per feature")
            return nil
        }
        var parameters = 0
        for l in 1..<shape.count { parameters += shape[l] * (shape[l - 1] + 1) }
        guard parameters <= maxParameters else {
            problems.add([.key("layers")], "\(parameters) weights and biases would need \(parameters / 131_072) MiB per copy; expected at most \(maxParameters)")
            return nil
        }
        return shape
    }

    private static func checkActivations(_ spec: Spec, depth: Int, _ problems: inout Problems) -> [Activation]? {
        switch spec.activation {
        case .all(let activation): return Array(repeating: activation, count: depth)
        case .perLayer(let list):
            guard list.count == depth else {
                problems.add([.key("activation")], "\(count(list.count, "activation")); expected one name, or \(depth) (one per non-input layer)")
                return nil
            }
            return list
        }
    }

    private static func checkInit(_ spec: Spec, _ problems: inout Problems) -> InitSpec? {
        let initialization = spec.initialization ?? InitSpec()
        let scale = initialization.scale ?? 0.5
        guard scale.isFinite, scale >= 0 else {
            problems.add([.key("init"), .key("scale")], "\(scale); expected a finite number ≥ 0")
            return nil
        }
        return initialization
    }

    private static func checkTraining(_ spec: Spec, _ problems: inout Problems) -> TrainingOptions? {
        let t = spec.training ?? TrainingSpec()
        let before = problems.list.count
        let optimizer = t.optimizer ?? .gd
        let rate = t.rate ?? optimizer.defaultRate
        if !(rate.isFinite && rate > 0) { problems.add([.key("training"), .key("rate")], "\(rate); expected a finite number > 0") }
        let steps = t.steps ?? 1000
        if steps < 0 || steps > maxSteps { problems.add([.key("training"), .key("steps")], "\(steps); expected 0 to \(maxSteps)") }
        var batchSize: Int?
        if case .size(let n) = t.batch {
            if n < 1 { problems.add([.key("training"), .key("batch")], "\(n); expected 'full' or a size ≥ 1") }
            batchSize = n
        }
        let noise = t.noise ?? 0
        if !(noise.isFinite && noise >= 0) { problems.add([.key("training"), .key("noise")], "\(noise); expected a finite number ≥ 0") }
        let l2 = t.l2 ?? 0, l1 = t.l1 ?? 0
        if !(l2.isFinite && l2 >= 0) { problems.add([.key("training"), .key("l2")], "\(l2); expected a finite number ≥ 0 (λ of λ/2·Σw²)") }
        if !(l1.isFinite && l1 >= 0) { problems.add([.key("training"), .key("l1")], "\(l1); expected a finite number ≥ 0 (λ of λ·Σ|w|)") }
        guard problems.list.count == before else { return nil }
        return TrainingOptions(rate: rate, steps: steps, optimizer: optimizer, batchSize: batchSize, noise: noise, seed: t.seed ?? 1,
                               regularization: Regularization(l2: l2, l1: l1))
    }

    /// The network at the spec's parameters: given ones checked against the shape, the rest drawn.
    private static func buildNetwork(
        _ spec: Spec, shape: [Int], activations: [Activation], initialization: InitSpec, _ problems: inout Problems
    ) -> Network? {
        let depth = shape.count - 1
        let before = problems.list.count
        var network = Network.random(shape: shape, activations: activations, seed: initialization.seed ?? 1,
                                     scale: initialization.scale ?? 0.5, reduction: spec.cost ?? .mean)
        if let weights = spec.weights {
            if weights.count != depth {
                problems.add([.key("weights")], "\(count(weights.count, "matrix", plural: "matrices")); expected \(depth), one per layer after the input (W1 … W\(depth))")
            } else {
                for (l, rows) in weights.enumerated() {
                    let field: [FieldPath] = [.key("weights"), .index(l)]
                    guard rows.count == shape[l + 1], rows.allSatisfy({ $0.count == shape[l] }) else {
                        let found = rows.map { "\($0.count)" }.joined(separator: ", ")
                        problems.add(field, "W\(l + 1) has \(count(rows.count, "row")) of [\(found)] numbers; expected \(count(shape[l + 1], "row")) (neurons of layer \(l + 1)) of \(count(shape[l], "number")) (neurons of layer \(l))")
                        continue
                    }
                    let finite = rows.indices.map { r in checkFinite(rows[r], field + [.index(r)], &problems) }
                    if finite.allSatisfy({ $0 }) { network.layers[l].W = Matrix(rows) }
                }
            }
        }
        if let biases = spec.biases {
            if biases.count != depth {
                problems.add([.key("biases")], "\(count(biases.count, "vector")); expected \(depth), one per layer after the input (b1 … b\(depth))")
            } else {
                for (l, b) in biases.enumerated() {
                    let field: [FieldPath] = [.key("biases"), .index(l)]
                    guard b.count == shape[l + 1] else {
                        problems.add(field, "b\(l + 1) has \(count(b.count, "number")); expected \(shape[l + 1]) (neurons of layer \(l + 1))")
                        continue
                    }
                    if checkFinite(b, field, &problems) { network.layers[l].b = b }
                }
            }
        }
        return problems.list.count == before ? network : nil
    }

    /// The width an example's inputs must have and why, for messages.
    struct InputWidth {
        var count: Int
        var reason: String
    }

    /// The training examples and the test examples, if any (the data's own inputs, before
    /// features), and how many inputs the data has; widths are checked against `shape` when
    /// it is sound (with `featured`, the data's inputs are the features' to read, not the
    /// input layer's).
    private static func buildData(
        _ spec: Spec, _ dataSpec: DataSpec, shape: [Int]?, featured: Bool, path: String, directory: URL,
        hashed: inout Data, _ problems: inout Problems
    ) -> (examples: (training: Dataset, test: Dataset?)?, rawWidth: Int?) {
        let source = buildSource(dataSpec.source, shape: shape, featured: featured, path: path, directory: directory,
                                 hashed: &hashed, &problems)
        let examples = source.examples
        let field: [FieldPath] = [.key("data"), .key("test")]
        switch dataSpec.test {
        case nil:
            return (examples.map { ($0, nil) }, source.rawWidth)
        case .share(let share):
            guard share.isFinite, share > 0, share < 1 else {
                problems.add(field, "\(share); expected a share of the examples above 0 and below 1 to hold out, e.g. 0.3")
                return (nil, source.rawWidth)
            }
            guard let examples else { return (nil, source.rawWidth) }
            let n = examples.count, held = TestSplit.testCount(examples: n, share: share)
            guard held >= 1, held < n else {
                let leaves = held < 1 ? "" : ", leaving none for training"
                problems.add(field, "\(share) × \(count(n, "example")) rounds to \(count(held, "test example"))\(leaves); expected at least 1 test and 1 training example")
                return (nil, source.rawWidth)
            }
            let (training, test) = TestSplit(examples: n, testShare: share, seed: splitSeed(dataSpec.source)).apply(to: examples)
            return ((training, test), source.rawWidth)
        case .examples(let inputs, let targets):
            let width: InputWidth? = !featured
                ? shape.map { InputWidth(count: $0[0], reason: "the input layer's width") }
                : source.rawWidth.map { InputWidth(count: $0, reason: "the data's inputs") }
            let test = checkExamples(inputs: inputs, targets: targets, at: field, inputWidth: width, targetWidth: shape?.last, &problems)
            guard let examples, let test else { return (nil, source.rawWidth) }
            return ((examples, test), source.rawWidth)
        }
    }

    /// The seed of a held-out share: the built-in set's seed, the same default (1) for
    /// other data.
    private static func splitSeed(_ source: DataSource) -> UInt64 {
        if case .builtIn(_, _, _, let seed) = source { return seed ?? 1 }
        return 1
    }

    /// Rows of examples (`data` or `data.test`): at least one, as many targets as inputs,
    /// each of the widths (the first row's, where none is given), all finite.
    private static func checkExamples(
        inputs: [[Double]], targets: [[Double]], at field: [FieldPath], inputWidth: InputWidth?, targetWidth: Int?,
        _ problems: inout Problems
    ) -> Dataset? {
        let before = problems.list.count
        guard !inputs.isEmpty else {
            problems.add(field + [.key("inputs")], "no examples; expected at least one row")
            return nil
        }
        if inputs.count != targets.count {
            problems.add(field + [.key("targets")], "\(targets.count) target rows for \(inputs.count) input rows; expected one target row per input row")
        }
        let inputs_ = inputWidth ?? InputWidth(count: inputs[0].count, reason: "as the first row has")
        let targetWidth = targetWidth ?? targets.first?.count ?? 0
        for (k, row) in inputs.enumerated() {
            let rowField = field + [.key("inputs"), .index(k)]
            if row.count != inputs_.count {
                problems.add(rowField, "\(count(row.count, "number")); expected \(inputs_.count) (\(inputs_.reason))")
            } else {
                _ = checkFinite(row, rowField, &problems)
            }
        }
        for (k, row) in targets.enumerated() {
            let rowField = field + [.key("targets"), .index(k)]
            if row.count != targetWidth {
                problems.add(rowField, "\(count(row.count, "number")); expected \(targetWidth) (the output layer's width)")
            } else {
                _ = checkFinite(row, rowField, &problems)
            }
        }
        guard problems.list.count == before else { return nil }
        return Dataset(inputs: inputs, targets: targets)
    }

    /// All of the data's examples (before any are held out, and before features), and how
    /// many inputs each has.
    private static func buildSource(
        _ source: DataSource, shape: [Int]?, featured: Bool, path: String, directory: URL, hashed: inout Data,
        _ problems: inout Problems
    ) -> (examples: Dataset?, rawWidth: Int?) {
        let before = problems.list.count
        switch source {
        case .inline(let inputs, let targets):
            let width: InputWidth? = !featured ? shape.map { InputWidth(count: $0[0], reason: "the input layer's width") } : nil
            let examples = checkExamples(inputs: inputs, targets: targets, at: [.key("data")], inputWidth: width,
                                         targetWidth: shape?.last, &problems)
            return (examples, !featured ? shape?[0] ?? inputs.first?.count : inputs.first?.count)
        case .builtIn(let set, let count, let noise, let seed):
            if let shape {
                if !featured, set.inputWidth != shape.first || set.targetWidth != shape.last {
                    problems.add([.key("data"), .key("set")], "'\(set.rawValue)' has \(Self.count(set.inputWidth, "input")) and \(Self.count(set.targetWidth, "target")); expected layers to start with \(set.inputWidth) and end with \(set.targetWidth), e.g. [\(set.inputWidth), \(set.targetWidth)]")
                } else if featured, set.targetWidth != shape.last {
                    problems.add([.key("data"), .key("set")], "'\(set.rawValue)' has \(Self.count(set.targetWidth, "target")); expected layers to end with \(set.targetWidth)")
                }
            }
            if !set.isGenerated, count != nil || noise != nil || seed != nil {
                problems.add([.key("data")], "the 'not' set is its two fixed examples; expected no count, noise or seed")
            }
            let n = count ?? set.defaultCount
            if n < 1 || n > maxExamples { problems.add([.key("data"), .key("count")], "\(n); expected 1 to \(maxExamples)") }
            let sigma = noise ?? 0
            if !(sigma.isFinite && sigma >= 0) { problems.add([.key("data"), .key("noise")], "\(sigma); expected a finite number ≥ 0") }
            guard problems.list.count == before else { return (nil, set.inputWidth) }
            return (set.generate(count: n, noise: sigma, seed: seed ?? 1), set.inputWidth)
        case .file(let file, let inputs):
            if !featured, let shape, inputs != shape[0] {
                problems.add([.key("data"), .key("inputs")], "\(inputs); expected \(shape[0]), the input layer's width")
            }
            if featured, inputs < 1 {
                problems.add([.key("data"), .key("inputs")], "\(inputs); expected 1 or more, the data's input columns")
            }
            let rawWidth: Int? = inputs >= 1 ? inputs : nil
            let url = file.hasPrefix("/") ? URL(fileURLWithPath: file) : directory.appendingPathComponent(file)
            let folder = (path as NSString).deletingLastPathComponent
            let display = file.hasPrefix("/") || folder.isEmpty ? file : "\(folder)/\(file)"
            // A spec reads files beside it, or in the folder netfig runs in, and nothing else
            // (a spec from elsewhere cannot read, or learn of, /etc/passwd): judged before the
            // file is looked at, so not even whether it exists is said.
            guard DataFilePolicy.allows(url, specFolder: directory) else {
                problems.add([.key("data"), .key("file")], "'\(Echo.value(file))' lies outside the spec's folder and the folder netfig runs in; expected a file inside either (run netfig from a folder that holds it)")
                return (nil, rawWidth)
            }
            guard FileManager.default.fileExists(atPath: url.path) else {
                problems.add([.key("data"), .key("file")], "no such file '\(display)'; expected a CSV file (the path is relative to the spec)")
                return (nil, rawWidth)
            }
            guard problems.list.count == before, let shape else { return (nil, rawWidth) }
            do {
                // The bytes read are the ones hashed: a second read could see another file.
                let (data, fileBytes) = try CSVData.read(url, displayPath: display, inputs: inputs, targets: shape[shape.count - 1])
                hashed.append(fileBytes)
                return (data, rawWidth)
            } catch let error as SpecError {
                problems.add(error)
                return (nil, rawWidth)
            } catch {
                problems.add([.key("data"), .key("file")], "cannot read '\(display)': \(error)")
                return (nil, rawWidth)
            }
        }
    }

    /// "1 row", "3 rows".
    private static func count(_ n: Int, _ noun: String, plural: String? = nil) -> String {
        n == 1 ? "1 \(noun)" : "\(n) \(plural ?? noun + "s")"
    }

    /// Whether every value is finite; records the first that is not.
    private static func checkFinite<S: Sequence>(_ values: S, _ field: [FieldPath], _ problems: inout Problems) -> Bool where S.Element == Double {
        guard let bad = values.first(where: { !$0.isFinite }) else { return true }
        problems.add(field, "\(bad) is not a finite number; expected finite numbers")
        return false
    }

    /// FNV-1a, 64 bits, as hex: a provenance tag, not a security measure.
    static func fnv1a64(_ bytes: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        // Through a buffer: `Data`'s own iterator took a quarter of loading a 30 MB data file.
        bytes.withUnsafeBytes { raw in
            for byte in raw {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
