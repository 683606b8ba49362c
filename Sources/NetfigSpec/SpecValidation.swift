import Foundation
import NetworkEngine

extension SpecFile {
    /// Checks a decoded spec against itself (shapes, ranges, finiteness) and builds the
    /// network, the data and the training options.
    ///
    /// Every check runs that can: a problem in one part does not hide those in others, and
    /// only checks that need a sound `layers` are skipped when it is not.
    ///
    /// - Throws: `SpecErrors` with every problem found.
    static func build(_ spec: Spec, path: String, text: String, bytes: Data, directory: URL) throws -> LoadedSpec {
        var problems = Problems(path: path, text: text)
        let shape = checkLayers(spec, &problems)
        let activations = shape.flatMap { checkActivations(spec, depth: $0.count - 1, &problems) }
        let initialization = checkInit(spec, &problems)
        let training = checkTraining(spec, &problems)
        var network: Network?
        if let shape, let activations, let initialization {
            network = buildNetwork(spec, shape: shape, activations: activations, initialization: initialization, &problems)
        }
        var hashed = bytes
        let data = buildData(spec, shape: shape, path: path, directory: directory, hashed: &hashed, &problems)
        guard problems.list.isEmpty, let network, let data, let training else {
            throw SpecErrors(problems.list)
        }
        return LoadedSpec(path: path, spec: spec, network: network, data: data.training, test: data.test,
                          training: training, hash: fnv1a64(hashed))
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
    private static func checkLayers(_ spec: Spec, _ problems: inout Problems) -> [Int]? {
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

    /// The training examples and the test examples, if any; widths are checked against
    /// `shape` when it is sound.
    private static func buildData(
        _ spec: Spec, shape: [Int]?, path: String, directory: URL, hashed: inout Data, _ problems: inout Problems
    ) -> (training: Dataset, test: Dataset?)? {
        let examples = buildSource(spec, shape: shape, path: path, directory: directory, hashed: &hashed, &problems)
        let field: [FieldPath] = [.key("data"), .key("test")]
        switch spec.data.test {
        case nil:
            return examples.map { ($0, nil) }
        case .share(let share):
            guard share.isFinite, share > 0, share < 1 else {
                problems.add(field, "\(share); expected a share of the examples above 0 and below 1 to hold out, e.g. 0.3")
                return nil
            }
            guard let examples else { return nil }
            let n = examples.count, held = TestSplit.testCount(examples: n, share: share)
            guard held >= 1, held < n else {
                let leaves = held < 1 ? "" : ", leaving none for training"
                problems.add(field, "\(share) × \(count(n, "example")) rounds to \(count(held, "test example"))\(leaves); expected at least 1 test and 1 training example")
                return nil
            }
            let (training, test) = TestSplit(examples: n, testShare: share, seed: splitSeed(spec.data.source)).apply(to: examples)
            return (training, test)
        case .examples(let inputs, let targets):
            let test = checkExamples(inputs: inputs, targets: targets, at: field, shape: shape, &problems)
            guard let examples, let test else { return nil }
            return (examples, test)
        }
    }

    /// The seed of a held-out share: the built-in set's seed, the same default (1) for
    /// other data.
    private static func splitSeed(_ source: DataSource) -> UInt64 {
        if case .builtIn(_, _, _, let seed) = source { return seed ?? 1 }
        return 1
    }

    /// Rows of examples (`data` or `data.test`): at least one, as many targets as inputs,
    /// each of the layers' widths, all finite.
    private static func checkExamples(
        inputs: [[Double]], targets: [[Double]], at field: [FieldPath], shape: [Int]?, _ problems: inout Problems
    ) -> Dataset? {
        let before = problems.list.count
        guard !inputs.isEmpty else {
            problems.add(field + [.key("inputs")], "no examples; expected at least one row")
            return nil
        }
        if inputs.count != targets.count {
            problems.add(field + [.key("targets")], "\(targets.count) target rows for \(inputs.count) input rows; expected one target row per input row")
        }
        let widths = (inputs: shape?.first ?? inputs[0].count, targets: shape?.last ?? targets.first?.count ?? 0)
        for (k, row) in inputs.enumerated() {
            let rowField = field + [.key("inputs"), .index(k)]
            if row.count != widths.inputs {
                problems.add(rowField, "\(count(row.count, "number")); expected \(widths.inputs) (the input layer's width)")
            } else {
                _ = checkFinite(row, rowField, &problems)
            }
        }
        for (k, row) in targets.enumerated() {
            let rowField = field + [.key("targets"), .index(k)]
            if row.count != widths.targets {
                problems.add(rowField, "\(count(row.count, "number")); expected \(widths.targets) (the output layer's width)")
            } else {
                _ = checkFinite(row, rowField, &problems)
            }
        }
        guard problems.list.count == before else { return nil }
        return Dataset(inputs: inputs, targets: targets)
    }

    /// All of the data's examples (before any are held out).
    private static func buildSource(
        _ spec: Spec, shape: [Int]?, path: String, directory: URL, hashed: inout Data, _ problems: inout Problems
    ) -> Dataset? {
        let before = problems.list.count
        switch spec.data.source {
        case .inline(let inputs, let targets):
            return checkExamples(inputs: inputs, targets: targets, at: [.key("data")], shape: shape, &problems)
        case .builtIn(let set, let count, let noise, let seed):
            if let shape, set.inputWidth != shape.first || set.targetWidth != shape.last {
                problems.add([.key("data"), .key("set")], "'\(set.rawValue)' has \(Self.count(set.inputWidth, "input")) and \(Self.count(set.targetWidth, "target")); expected layers to start with \(set.inputWidth) and end with \(set.targetWidth), e.g. [\(set.inputWidth), \(set.targetWidth)]")
            }
            if !set.isGenerated, count != nil || noise != nil || seed != nil {
                problems.add([.key("data")], "the 'not' set is its two fixed examples; expected no count, noise or seed")
            }
            let n = count ?? set.defaultCount
            if n < 1 || n > maxExamples { problems.add([.key("data"), .key("count")], "\(n); expected 1 to \(maxExamples)") }
            let sigma = noise ?? 0
            if !(sigma.isFinite && sigma >= 0) { problems.add([.key("data"), .key("noise")], "\(sigma); expected a finite number ≥ 0") }
            guard problems.list.count == before else { return nil }
            return set.generate(count: n, noise: sigma, seed: seed ?? 1)
        case .file(let file, let inputs):
            if let shape, inputs != shape[0] {
                problems.add([.key("data"), .key("inputs")], "\(inputs); expected \(shape[0]), the input layer's width")
            }
            let url = file.hasPrefix("/") ? URL(fileURLWithPath: file) : directory.appendingPathComponent(file)
            let folder = (path as NSString).deletingLastPathComponent
            let display = file.hasPrefix("/") || folder.isEmpty ? file : "\(folder)/\(file)"
            guard FileManager.default.fileExists(atPath: url.path) else {
                problems.add([.key("data"), .key("file")], "no such file '\(display)'; expected a CSV file (the path is relative to the spec)")
                return nil
            }
            guard problems.list.count == before, let shape else { return nil }
            do {
                // The bytes read are the ones hashed: a second read could see another file.
                let (data, fileBytes) = try CSVData.read(url, displayPath: display, inputs: inputs, targets: shape[shape.count - 1])
                hashed.append(fileBytes)
                return data
            } catch let error as SpecError {
                problems.add(error)
                return nil
            } catch {
                problems.add([.key("data"), .key("file")], "cannot read '\(display)': \(error)")
                return nil
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
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
