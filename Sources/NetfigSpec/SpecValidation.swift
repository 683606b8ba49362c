import Foundation
import NetworkEngine

extension SpecFile {
    /// Checks a decoded spec against itself (shapes, ranges, finiteness) and builds the
    /// network, the data and the training options.
    static func build(_ spec: Spec, path: String, text: String, bytes: Data, directory: URL) throws -> LoadedSpec {
        func fail(_ fields: [FieldPath], _ message: String) -> SpecError {
            SpecError(file: path, line: line(of: fields, in: text), field: FieldPath.render(fields), message: message)
        }

        // Layers.
        let shape = spec.layers
        guard shape.count >= 2 else {
            throw fail([.key("layers")], "\(shape.count) layer\(shape.count == 1 ? "" : "s"); expected at least 2 (the input layer and one more), e.g. [1, 1]")
        }
        for (l, width) in shape.enumerated() where width < 1 || width > maxLayerWidth {
            throw fail([.key("layers"), .index(l)], "\(width) neurons; expected 1 to \(maxLayerWidth)")
        }
        let depth = shape.count - 1
        var parameters = 0
        for l in 1...depth {
            let (product, overflow) = shape[l].multipliedReportingOverflow(by: shape[l - 1] + 1)
            parameters += overflow ? Int.max / 2 : product
        }
        guard parameters <= maxParameters else {
            throw fail([.key("layers")], "\(parameters) weights and biases (\(parameters / 131_072) MiB); expected at most \(maxParameters)")
        }

        // Activations.
        let activations: [Activation]
        switch spec.activation {
        case .all(let activation): activations = Array(repeating: activation, count: depth)
        case .perLayer(let list):
            guard list.count == depth else {
                throw fail([.key("activation")], "\(list.count) activations; expected one name, or \(depth) (one per non-input layer)")
            }
            activations = list
        }

        // Weights and biases: given, or drawn.
        let initialization = spec.initialization ?? InitSpec()
        let scale = initialization.scale ?? 0.5
        guard scale.isFinite, scale >= 0 else {
            throw fail([.key("init"), .key("scale")], "\(scale); expected a finite number ≥ 0")
        }
        var network = Network.random(
            shape: shape, activations: activations, seed: initialization.seed ?? 1, scale: scale,
            reduction: spec.cost ?? .mean)
        if let weights = spec.weights {
            guard weights.count == depth else {
                throw fail([.key("weights")], "\(weights.count) matrices; expected \(depth), one per layer after the input (W1 … W\(depth))")
            }
            for (l, rows) in weights.enumerated() {
                let field: [FieldPath] = [.key("weights"), .index(l)]
                guard rows.count == shape[l + 1], rows.allSatisfy({ $0.count == shape[l] }) else {
                    let found = rows.map { "\($0.count)" }.joined(separator: ", ")
                    throw fail(field, "W\(l + 1) has \(count(rows.count, "row")) of [\(found)] numbers; expected \(count(shape[l + 1], "row")) (neurons of layer \(l + 1)) of \(count(shape[l], "number")) (neurons of layer \(l))")
                }
                try checkFinite(rows.joined(), field, fail)
                network.layers[l].W = Matrix(rows)
            }
        }
        if let biases = spec.biases {
            guard biases.count == depth else {
                throw fail([.key("biases")], "\(biases.count) vectors; expected \(depth), one per layer after the input (b1 … b\(depth))")
            }
            for (l, b) in biases.enumerated() {
                let field: [FieldPath] = [.key("biases"), .index(l)]
                guard b.count == shape[l + 1] else {
                    throw fail(field, "b\(l + 1) has \(b.count) numbers; expected \(shape[l + 1]) (neurons of layer \(l + 1))")
                }
                try checkFinite(b, field, fail)
                network.layers[l].b = b
            }
        }

        // Data.
        let data: Dataset
        var hashed = bytes
        switch spec.data {
        case .inline(let inputs, let targets):
            guard !inputs.isEmpty else { throw fail([.key("data"), .key("inputs")], "no examples; expected at least one row") }
            guard inputs.count == targets.count else {
                throw fail([.key("data"), .key("targets")], "\(targets.count) targets for \(inputs.count) inputs; expected one target row per input row")
            }
            for (k, row) in inputs.enumerated() {
                let field: [FieldPath] = [.key("data"), .key("inputs"), .index(k)]
                guard row.count == shape[0] else { throw fail(field, "\(row.count) numbers; expected \(shape[0]) (the input layer's width)") }
                try checkFinite(row, field, fail)
            }
            for (k, row) in targets.enumerated() {
                let field: [FieldPath] = [.key("data"), .key("targets"), .index(k)]
                guard row.count == shape[depth] else { throw fail(field, "\(row.count) numbers; expected \(shape[depth]) (the output layer's width)") }
                try checkFinite(row, field, fail)
            }
            data = Dataset(inputs: inputs, targets: targets)
        case .builtIn(let set, let count, let noise, let seed):
            guard set.inputWidth == shape[0], set.targetWidth == shape[depth] else {
                throw fail([.key("data"), .key("set")], "'\(set.rawValue)' has \(set.inputWidth) input\(set.inputWidth == 1 ? "" : "s") and \(set.targetWidth) target\(set.targetWidth == 1 ? "" : "s"); expected layers to start with \(set.inputWidth) and end with \(set.targetWidth), e.g. [\(set.inputWidth), \(set.targetWidth)]")
            }
            if !set.isGenerated, count != nil || noise != nil || seed != nil {
                throw fail([.key("data")], "the 'not' set is its two fixed examples; expected no count, noise or seed")
            }
            let n = count ?? set.defaultCount
            guard n >= 1, n <= maxExamples else { throw fail([.key("data"), .key("count")], "\(n); expected 1 to \(maxExamples)") }
            let sigma = noise ?? 0
            guard sigma.isFinite, sigma >= 0 else { throw fail([.key("data"), .key("noise")], "\(sigma); expected a finite number ≥ 0") }
            data = set.generate(count: n, noise: sigma, seed: seed ?? 1)
        case .file(let file, let inputs):
            guard inputs == shape[0] else {
                throw fail([.key("data"), .key("inputs")], "\(inputs); expected \(shape[0]), the input layer's width")
            }
            let url = file.hasPrefix("/") ? URL(fileURLWithPath: file) : directory.appendingPathComponent(file)
            let display = file.hasPrefix("/") ? file : (path as NSString).deletingLastPathComponent.isEmpty ? file : "\((path as NSString).deletingLastPathComponent)/\(file)"
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw fail([.key("data"), .key("file")], "no such file '\(display)'; expected a CSV file (the path is relative to the spec)")
            }
            data = try CSVData.read(url, displayPath: display, inputs: inputs, targets: shape[depth])
            if let fileBytes = try? Data(contentsOf: url) { hashed.append(fileBytes) }
        }

        // Training.
        let t = spec.training ?? TrainingSpec()
        let optimizer = t.optimizer ?? .gd
        let rate = t.rate ?? optimizer.defaultRate
        guard rate.isFinite, rate > 0 else { throw fail([.key("training"), .key("rate")], "\(rate); expected a finite number > 0") }
        let steps = t.steps ?? 1000
        guard steps >= 0, steps <= maxSteps else { throw fail([.key("training"), .key("steps")], "\(steps); expected 0 to \(maxSteps)") }
        var batchSize: Int?
        if case .size(let n) = t.batch {
            guard n >= 1 else { throw fail([.key("training"), .key("batch")], "\(n); expected 'full' or a size ≥ 1") }
            batchSize = n
        }
        let noise = t.noise ?? 0
        guard noise.isFinite, noise >= 0 else { throw fail([.key("training"), .key("noise")], "\(noise); expected a finite number ≥ 0") }
        let training = TrainingOptions(rate: rate, steps: steps, optimizer: optimizer, batchSize: batchSize, noise: noise, seed: t.seed ?? 1)

        return LoadedSpec(path: path, spec: spec, network: network, data: data, training: training, hash: fnv1a64(hashed))
    }

    /// "1 row", "3 rows".
    private static func count(_ n: Int, _ noun: String) -> String { n == 1 ? "1 \(noun)" : "\(n) \(noun)s" }

    private static func checkFinite<S: Sequence>(
        _ values: S, _ field: [FieldPath], _ fail: ([FieldPath], String) -> SpecError
    ) throws where S.Element == Double {
        if let bad = values.first(where: { !$0.isFinite }) {
            throw fail(field, "\(bad) is not a finite number; expected finite numbers")
        }
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
