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
            sum of the C_k, as the spec says) and ∂C/∂W, ∂C/∂b of every layer. Numbers
            are printed in full precision: the shortest text that reads back to the same
            double.

            Examples:
              netfig eval assets/not.yaml
              netfig eval assets/heart.yaml --json | jq .cost
            """
    )

    @Argument(help: "The spec file (YAML or JSON).")
    var spec: String

    @Flag(help: "Print one JSON object: {examples: [{input, target, layers: [{z, a}], cost, inputGradient}], cost, gradients: {W1, b1, …}}.")
    var json = false

    func run() throws {
        let loaded = try SpecFile.load(spec)
        let report = EvalReport(loaded)
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
    let loaded: LoadedSpec
    let pass: ForwardPass
    let exampleCosts: [Double]
    let cost: Double
    let gradients: Gradients

    init(_ loaded: LoadedSpec) {
        self.loaded = loaded
        let network = loaded.network
        pass = network.forward(loaded.data.inputs)
        exampleCosts = network.exampleCosts(pass, targets: loaded.data.targets)
        cost = exampleCosts.reduce(0, +) * network.reduction.factor(examples: exampleCosts.count)
        gradients = network.backward(pass, targets: loaded.data.targets)
    }

    /// Where the first number that is not finite is, as a phrase for a message; nil when
    /// every number is finite.
    var firstNonFinite: String? {
        let network = loaded.network
        for k in 0..<loaded.data.count {
            for l in 1...network.depth {
                if let value = pass.z[l - 1].column(k).first(where: { !$0.isFinite }) { return "example \(k + 1) has z\(l) = \(value)" }
                if let value = pass.a[l].column(k).first(where: { !$0.isFinite }) { return "example \(k + 1) has a\(l) = \(value)" }
            }
            if !exampleCosts[k].isFinite { return "example \(k + 1) has C_k = \(exampleCosts[k])" }
        }
        if !cost.isFinite { return "C = \(cost)" }
        for l in 1...network.depth {
            if let value = gradients.dW[l - 1].nested.joined().first(where: { !$0.isFinite }) { return "∂C/∂W\(l) holds \(value)" }
            if let value = gradients.db[l - 1].first(where: { !$0.isFinite }) { return "∂C/∂b\(l) holds \(value)" }
        }
        if let k = (0..<loaded.data.count).first(where: { gradients.inputGradient.column($0).contains { !$0.isFinite } }) {
            return "example \(k + 1) has ∂C_k/∂a0 not finite"
        }
        return nil
    }

    var text: String {
        let network = loaded.network
        let data = loaded.data
        let activations = network.layers.map(\.activation.rawValue)
        let activationText = Set(activations).count == 1 ? activations[0] : activations.joined(separator: ", ")
        var out = "\(loaded.path): \(network.shape.map(String.init).joined(separator: " → ")), \(activationText); "
        out += "C = \(network.reduction.rawValue) of C_k over \(data.count) example\(data.count == 1 ? "" : "s")\n"
        for k in 0..<data.count {
            out += "\nexample \(k + 1): x = \(vector(data.inputs.column(k))), y = \(vector(data.targets.column(k)))\n"
            for l in 1...network.depth {
                out += "  z\(l) = \(vector(pass.z[l - 1].column(k)))\n"
                out += "  a\(l) = \(vector(pass.a[l].column(k)))\n"
            }
            out += "  C_k = \(exampleCosts[k])\n"
            out += "  ∂C_k/∂a0 = \(vector(gradients.inputGradient.column(k)))\n"
        }
        out += "\nC = \(cost)\n\n"
        for l in 1...network.depth {
            out += "∂C/∂W\(l) = \(matrix(gradients.dW[l - 1].nested))\n"
            out += "∂C/∂b\(l) = \(vector(gradients.db[l - 1]))\n"
        }
        return out
    }

    var json: JSONValue {
        let network = loaded.network
        let data = loaded.data
        let examples: [JSONValue] = (0..<data.count).map { k in
            let layers: [JSONValue] = (1...network.depth).map { l in
                .object([("z", .numbers(pass.z[l - 1].column(k))), ("a", .numbers(pass.a[l].column(k)))])
            }
            return .object([
                ("input", .numbers(data.inputs.column(k))),
                ("target", .numbers(data.targets.column(k))),
                ("layers", .array(layers)),
                ("cost", .number(exampleCosts[k])),
                ("inputGradient", .numbers(gradients.inputGradient.column(k))),
            ])
        }
        var gradientPairs: [(String, JSONValue)] = []
        for l in 1...network.depth {
            gradientPairs.append(("W\(l)", .rows(gradients.dW[l - 1].nested)))
            gradientPairs.append(("b\(l)", .numbers(gradients.db[l - 1])))
        }
        return .object([
            ("examples", .array(examples)),
            ("cost", .number(cost)),
            ("gradients", .object(gradientPairs)),
        ])
    }

    private func vector(_ values: [Double]) -> String {
        "[" + values.map { "\($0)" }.joined(separator: ", ") + "]"
    }

    private func matrix(_ rows: [[Double]]) -> String {
        "[" + rows.map(vector).joined(separator: ", ") + "]"
    }
}
