import ArgumentParser
import NetfigSpec
import NetworkEngine

/// `netfig eval SPEC [--json]`: the forward pass, the costs and the gradients, in full precision.
struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the forward pass, the cost and the gradients for every example.",
        discussion: """
            For every example: the input, the target, z and a of every layer, the
            example's cost C_k = Σ_i (a_i − y_i)² and ∂C_k/∂a0. Then the cost C (mean or
            sum of the C_k, as the spec says) and ∂C/∂W, ∂C/∂b of every layer. With
            test examples (data: {…, test: 0.3}), each test example likewise and the
            test cost; with a penalty (training: {l2: λ, l1: λ}), R, C + R and
            ∂(C + R)/∂W. With features (features: [x1, x2, x1*x2]), x is the data's
            input, a0 the features the network sees, and ∂C_k/∂x the gradient carried
            back through them. Numbers are printed in full precision: the shortest text
            that reads back to the same double.

            Examples:
              netfig eval assets/not.yaml
              netfig eval assets/heart.yaml --json | jq .cost
            """
    )

    @Argument(help: "The spec file (YAML or JSON).")
    var spec: String

    @Flag(help: "Print one JSON object: {examples: [{input, target, layers: [{z, a}], cost, inputGradient}], cost, gradients: {W1, b1, …}}, with test: {examples, cost} and regularization: {l2, l1, penalty, cost, gradients} when the spec has them, and each example's features and xGradient (∂C_k/∂x) with features.")
    var json = false

    func run() throws {
        let loaded = try SpecFile.load(spec, needs: .examples(for: "eval"))
        let report = EvalReport(loaded, data: try loaded.requireData(for: "eval"))
        // A number that overflowed is not a result: text shows it (inf, nan) and exits 1; JSON,
        // which has no such numbers, would silently say null, so it prints nothing.
        let overflow = report.firstNonFinite
        if json, let overflow {
            throw FailureReport.failure("\(spec): \(overflow); JSON has no inf or nan, so nothing was printed (eval without --json shows every number)")
        }
        try StandardOutput.write(json ? report.json.rendered() + "\n" : report.text)
        if let overflow { throw FailureReport.failure("\(spec): \(overflow); the numbers overflowed (printed above as inf or nan)") }
    }
}

/// Everything `eval` prints, computed once, rendered as text or JSON.
struct EvalReport {
    /// The forward and backward pass over one set of examples (the training or the test ones).
    struct Part {
        /// The examples as the network sees them (the features, when the spec has them).
        let data: Dataset
        /// The data's own inputs, one column per example (the same as `data.inputs` without features).
        let raw: Matrix
        let features: Features?
        let pass: ForwardPass
        let exampleCosts: [Double]
        let cost: Double
        let gradients: Gradients

        init(_ network: Network, _ data: Dataset, raw: Dataset?, features: Features?) {
            self.data = data
            self.raw = raw?.inputs ?? data.inputs
            self.features = features
            pass = network.forward(data.inputs)
            exampleCosts = network.exampleCosts(pass, targets: data.targets)
            cost = exampleCosts.reduce(0, +) * network.reduction.factor(examples: exampleCosts.count)
            gradients = network.backward(pass, targets: data.targets)
        }

        /// ∂C_k/∂x, carried from ∂C_k/∂a0 back through the features; nil without features.
        func rawGradient(_ k: Int) -> [Double]? {
            features?.rawGradient(raw.column(k), featureGradient: gradients.inputGradient.column(k))
        }
    }

    /// The penalty's numbers, when the spec has one.
    struct Penalty {
        let regularization: Regularization
        /// R = λ₂/2 · Σ w² + λ₁ · Σ |w|.
        let value: Double
        /// ∂(C + R)/∂W and ∂(C + R)/∂b.
        let gradients: Gradients
    }

    let loaded: LoadedSpec
    /// The examples training uses (all of them without a test set).
    let training: Part
    /// The held-out test examples.
    let test: Part?
    let penalty: Penalty?

    init(_ loaded: LoadedSpec, data: Dataset) {
        self.loaded = loaded
        let network = loaded.network
        training = Part(network, data, raw: loaded.rawData, features: loaded.features)
        test = loaded.test.map { Part(network, $0, raw: loaded.rawTest, features: loaded.features) }
        let regularization = loaded.training.regularization
        if regularization.isNone {
            penalty = nil
        } else {
            var gradients = training.gradients
            regularization.addGradient(of: network, to: &gradients)
            penalty = Penalty(regularization: regularization, value: regularization.penalty(network), gradients: gradients)
        }
    }

    /// Where the first number that is not finite is, as a phrase for a message; nil when
    /// every number is finite.
    var firstNonFinite: String? {
        let network = loaded.network
        for (part, prefix) in [(training, "example"), test.map { ($0, "test example") }].compactMap({ $0 }) {
            for k in 0..<part.data.count {
                for l in 1...network.depth {
                    if let value = part.pass.z[l - 1].column(k).first(where: { !$0.isFinite }) { return "\(prefix) \(k + 1) has z\(l) = \(value)" }
                    if let value = part.pass.a[l].column(k).first(where: { !$0.isFinite }) { return "\(prefix) \(k + 1) has a\(l) = \(value)" }
                }
                if !part.exampleCosts[k].isFinite { return "\(prefix) \(k + 1) has C_k = \(part.exampleCosts[k])" }
            }
        }
        if !training.cost.isFinite { return "C = \(training.cost)" }
        if let test, !test.cost.isFinite { return "test C = \(test.cost)" }
        if let penalty, !penalty.value.isFinite { return "R = \(penalty.value)" }
        for (gradients, of) in [(training.gradients, "C"), penalty.map { ($0.gradients, "(C + R)") }].compactMap({ $0 }) {
            for l in 1...network.depth {
                if let value = gradients.dW[l - 1].nested.joined().first(where: { !$0.isFinite }) { return "∂\(of)/∂W\(l) holds \(value)" }
                if let value = gradients.db[l - 1].first(where: { !$0.isFinite }) { return "∂\(of)/∂b\(l) holds \(value)" }
            }
        }
        for (part, prefix) in [(training, "example"), test.map { ($0, "test example") }].compactMap({ $0 }) {
            if let k = (0..<part.data.count).first(where: { part.gradients.inputGradient.column($0).contains { !$0.isFinite } }) {
                return "\(prefix) \(k + 1) has ∂C_k/∂a0 not finite"
            }
            if let k = (0..<part.data.count).first(where: { part.rawGradient($0)?.contains { !$0.isFinite } ?? false }) {
                return "\(prefix) \(k + 1) has ∂C_k/∂x not finite"
            }
        }
        return nil
    }

    var text: String {
        let network = loaded.network
        let activations = network.layers.map(\.activation.rawValue)
        let activationText = Set(activations).count == 1 ? activations[0] : activations.joined(separator: ", ")
        var out = "\(loaded.path): \(network.shape.map(String.init).joined(separator: " → ")), \(activationText); "
        if let features = loaded.features { out += "features \(features.list.map(\.description).joined(separator: ", ")); " }
        out += "C = \(network.reduction.rawValue) of C_k over \(count(training.data.count, "example"))"
        if let test { out += ", test C over \(count(test.data.count, "test example"))" }
        out += "\n"
        out += examples(training, prefix: "example")
        if let test { out += examples(test, prefix: "test example") }
        out += "\nC = \(training.cost)\n"
        if let test { out += "test C = \(test.cost)\n" }
        if let penalty {
            let r = penalty.regularization
            out += "R = λ₂/2·Σw² + λ₁·Σ|w| = \(penalty.value) (λ₂ = \(r.l2), λ₁ = \(r.l1); weights only)\n"
            out += "C + R = \(training.cost + penalty.value)\n"
        }
        out += "\n"
        for l in 1...network.depth {
            out += "∂C/∂W\(l) = \(matrix(training.gradients.dW[l - 1].nested))\n"
            out += "∂C/∂b\(l) = \(vector(training.gradients.db[l - 1]))\n"
        }
        if let penalty {
            // ∂R/∂b = 0: the biases' gradients are the ones above.
            out += "\n"
            for l in 1...network.depth {
                out += "∂(C + R)/∂W\(l) = \(matrix(penalty.gradients.dW[l - 1].nested))\n"
            }
        }
        return out
    }

    /// Each example's forward pass, cost and ∂C_k/∂a0, as "example 1: …" or "test example 1: …".
    private func examples(_ part: Part, prefix: String) -> String {
        var out = ""
        for k in 0..<part.data.count {
            out += "\n\(prefix) \(k + 1): x = \(vector(part.raw.column(k))), y = \(vector(part.data.targets.column(k)))\n"
            if part.features != nil { out += "  a0 = \(vector(part.data.inputs.column(k)))\n" }
            for l in 1...loaded.network.depth {
                out += "  z\(l) = \(vector(part.pass.z[l - 1].column(k)))\n"
                out += "  a\(l) = \(vector(part.pass.a[l].column(k)))\n"
            }
            out += "  C_k = \(part.exampleCosts[k])\n"
            out += "  ∂C_k/∂a0 = \(vector(part.gradients.inputGradient.column(k)))\n"
            if let gradient = part.rawGradient(k) { out += "  ∂C_k/∂x = \(vector(gradient))\n" }
        }
        return out
    }

    var json: JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("examples", examples(training)),
            ("cost", .number(training.cost)),
            ("gradients", gradients(training.gradients)),
        ]
        if let test {
            pairs.append(("test", .object([("examples", examples(test)), ("cost", .number(test.cost))])))
        }
        if let penalty {
            pairs.append(("regularization", .object([
                ("l2", .number(penalty.regularization.l2)),
                ("l1", .number(penalty.regularization.l1)),
                ("penalty", .number(penalty.value)),
                ("cost", .number(training.cost + penalty.value)),
                ("gradients", gradients(penalty.gradients)),
            ])))
        }
        return .object(pairs)
    }

    private func examples(_ part: Part) -> JSONValue {
        .array((0..<part.data.count).map { k in
            let layers: [JSONValue] = (1...loaded.network.depth).map { l in
                .object([("z", .numbers(part.pass.z[l - 1].column(k))), ("a", .numbers(part.pass.a[l].column(k)))])
            }
            var pairs: [(String, JSONValue)] = [("input", .numbers(part.raw.column(k)))]
            if part.features != nil { pairs.append(("features", .numbers(part.data.inputs.column(k)))) }
            pairs += [
                ("target", .numbers(part.data.targets.column(k))),
                ("layers", .array(layers)),
                ("cost", .number(part.exampleCosts[k])),
                ("inputGradient", .numbers(part.gradients.inputGradient.column(k))),
            ]
            if let gradient = part.rawGradient(k) { pairs.append(("xGradient", .numbers(gradient))) }
            return .object(pairs)
        })
    }

    private func gradients(_ gradients: Gradients) -> JSONValue {
        var pairs: [(String, JSONValue)] = []
        for l in 1...loaded.network.depth {
            pairs.append(("W\(l)", .rows(gradients.dW[l - 1].nested)))
            pairs.append(("b\(l)", .numbers(gradients.db[l - 1])))
        }
        return .object(pairs)
    }

    /// "1 example", "3 test examples".
    private func count(_ n: Int, _ noun: String) -> String { n == 1 ? "1 \(noun)" : "\(n) \(noun)s" }

    private func vector(_ values: [Double]) -> String {
        "[" + values.map { "\($0)" }.joined(separator: ", ") + "]"
    }

    private func matrix(_ rows: [[Double]]) -> String {
        "[" + rows.map(vector).joined(separator: ", ") + "]"
    }
}
