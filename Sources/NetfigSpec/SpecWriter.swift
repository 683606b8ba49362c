import Foundation
import NetworkEngine

/// Writes specs back out: the trained network of `netfig train --save`, in a form every
/// command reads, with numbers in full precision so a reload gives the same doubles.
///
/// YAML is written by hand in flow style (`[[1.3, -0.2], …]`, one matrix row per line):
/// Yams' encoder puts every number on a line of its own, which no one could read.
///
/// ```swift
/// let text = SpecWriter.yaml(loaded.spec.replacingParameters(with: trained), comment: "trained by netfig")
/// ```
public enum SpecWriter {
    /// The spec as YAML, `comment` (one or more lines) at the top.
    public static func yaml(_ spec: Spec, comment: String? = nil) -> String {
        var out = ""
        if let comment {
            for line in comment.split(separator: "\n", omittingEmptySubsequences: false) { out += "# \(line)\n" }
        }
        // Always quoted: a title such as `yes` or `null` must read back as text.
        if let title = spec.title { out += "title: \(quoted(title, always: true))\n" }
        out += "layers: \(list(spec.layers.map(String.init)))\n"
        switch spec.activation {
        case .all(let activation): out += "activation: \(activation.rawValue)\n"
        case .perLayer(let list): out += "activation: \(Self.list(list.map(\.rawValue)))\n"
        }
        if let weights = spec.weights {
            out += "weights:\n"
            for W in weights { out += matrix(W, indent: "  - ") }
        }
        if let biases = spec.biases {
            out += "biases:\n"
            for b in biases { out += "  - \(numbers(b))\n" }
        }
        if let initialization = spec.initialization {
            var fields: [String] = []
            if let seed = initialization.seed { fields.append("seed: \(seed)") }
            if let scale = initialization.scale { fields.append("scale: \(scale)") }
            out += "init: {\(fields.joined(separator: ", "))}\n"
        }
        if let cost = spec.cost { out += "cost: \(cost.rawValue)\n" }
        if let features = spec.features { out += "features: \(list(features.map { quoted($0) }))\n" }
        if let data = spec.data { out += self.data(data) }
        if let t = spec.training {
            var fields: [String] = []
            if let rate = t.rate { fields.append("rate: \(rate)") }
            if let steps = t.steps { fields.append("steps: \(steps)") }
            if let optimizer = t.optimizer { fields.append("optimizer: \(optimizer.rawValue)") }
            switch t.batch {
            case .full: fields.append("batch: full")
            case .size(let n): fields.append("batch: \(n)")
            case nil: break
            }
            if let noise = t.noise { fields.append("noise: \(noise)") }
            if let seed = t.seed { fields.append("seed: \(seed)") }
            if let l2 = t.l2 { fields.append("l2: \(l2)") }
            if let l1 = t.l1 { fields.append("l1: \(l1)") }
            if !fields.isEmpty { out += "training:\n" + fields.map { "  \($0)\n" }.joined() }
        }
        if let labels = spec.labels {
            out += "labels:\n"
            if let layers = labels.layers { out += "  layers: \(list(layers.map { quoted($0, always: true) }))\n" }
            if let neurons = labels.neurons {
                out += "  neurons: \(list(neurons.map { list($0.map { quoted($0, always: true) }) }))\n"
            }
        }
        return out
    }

    /// The `data:` block: a flow mapping for a set or a file (with a test share), a block
    /// mapping for examples written out.
    private static func data(_ data: DataSpec) -> String {
        var fields: [String]
        switch data.source {
        case .inline(let inputs, let targets):
            var out = "data:\n" + matrix(inputs, indent: "  inputs: ") + matrix(targets, indent: "  targets: ")
            out += test(data.test)
            return out
        case .builtIn(let set, let count, let noise, let seed):
            fields = ["set: \(set.rawValue)"]
            if let count { fields.append("count: \(count)") }
            if let noise { fields.append("noise: \(noise)") }
            if let seed { fields.append("seed: \(seed)") }
        case .file(let path, let inputs):
            fields = ["file: \(quoted(path))", "inputs: \(inputs)"]
        }
        switch data.test {
        case nil:
            return "data: {\(fields.joined(separator: ", "))}\n"
        case .share(let share):
            return "data: {\(fields.joined(separator: ", ")), test: \(share)}\n"
        case .examples:
            return "data:\n" + fields.map { "  \($0)\n" }.joined() + test(data.test)
        }
    }

    /// `  test: …` inside a block `data:` mapping; nothing without a test set.
    private static func test(_ test: TestSpec?) -> String {
        switch test {
        case nil: return ""
        case .share(let share): return "  test: \(share)\n"
        case .examples(let inputs, let targets):
            return "  test:\n" + matrix(inputs, indent: "    inputs: ") + matrix(targets, indent: "    targets: ")
        }
    }

    /// The spec as pretty-printed JSON.
    public static func json(_ spec: Spec) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(spec), as: UTF8.self) + "\n"
    }

    private static func list(_ items: [String]) -> String { "[" + items.joined(separator: ", ") + "]" }

    private static func numbers(_ values: [Double]) -> String { list(values.map { "\($0)" }) }

    /// `[[1.0, 2.0],\n   [3.0, 4.0]]`, rows aligned under the first.
    private static func matrix(_ rows: [[Double]], indent: String) -> String {
        let continuation = String(repeating: " ", count: indent.count + 1)
        let body = rows.map(numbers).joined(separator: ",\n" + continuation)
        return indent + "[" + body + "]\n"
    }

    /// A path as a YAML scalar, quoted when it holds anything YAML would read as syntax.
    /// The text as it is when it needs no quotes, else a YAML double-quoted scalar with
    /// JSON's escapes (which YAML reads alike).
    private static func quoted(_ text: String, always: Bool = false) -> String {
        let plain = !always && !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || "._-/".contains($0) }
        return plain ? text : JSONString.quoted(text)
    }
}

extension Spec {
    /// This spec with `network`'s weights, biases and activations written out, and no `init`
    /// (nothing is left to draw).
    public func replacingParameters(with network: Network) -> Spec {
        var spec = self
        spec.layers = network.shape
        let activations = network.layers.map(\.activation)
        spec.activation = Set(activations).count == 1 ? .all(activations[0]) : .perLayer(activations)
        spec.weights = network.layers.map(\.W.nested)
        spec.biases = network.layers.map(\.b)
        spec.initialization = nil
        spec.cost = network.reduction
        return spec
    }

    /// This spec with a data file's path rewritten so it still resolves from `newDirectory`
    /// (the spec was read from `oldDirectory`).
    public func relocatingData(from oldDirectory: URL, to newDirectory: URL) -> Spec {
        guard case .file(let path, let inputs)? = data?.source, !path.hasPrefix("/") else { return self }
        let target = oldDirectory.appendingPathComponent(path).standardizedFileURL.pathComponents
        let base = newDirectory.standardizedFileURL.pathComponents
        var common = 0
        while common < min(target.count - 1, base.count), target[common] == base[common] { common += 1 }
        let relative = Array(repeating: "..", count: base.count - common) + target[common...]
        var spec = self
        spec.data?.source = .file(path: relative.joined(separator: "/"), inputs: inputs)
        return spec
    }
}
