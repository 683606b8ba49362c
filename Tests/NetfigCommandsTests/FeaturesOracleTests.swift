import Foundation
import NetworkEngine
import Testing

/// `eval --json` on specs with `features:` against an independent computation:
/// `Tests/Fixtures/oracle/features.py`, numpy's arithmetic and its own reading of the grammar.
struct FeaturesOracleTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let features: [String]
        let rawWidth: Int
        let hidden: [Int]
        let activations: [String]
        let cost: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "Playground's seven, 2-D, tanh", features: ["x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)"], rawWidth: 2,
             hidden: [4], activations: ["tanh", "sigmoid"], cost: "mean"),
        Case(name: "a subset out of order, spaces, sum", features: ["sin( x2 )", "x2 * x1", "x1^2"], rawWidth: 2,
             hidden: [3, 2], activations: ["relu", "tanh", "identity"], cost: "sum"),
        Case(name: "1-D, sigmoid", features: ["x1", "sin(x1)", "x1^2"], rawWidth: 1, hidden: [5], activations: ["sigmoid", "identity"], cost: "mean"),
        Case(name: "3-D data, two inputs read", features: ["x3*x1", "sin(x3)"], rawWidth: 3, hidden: [], activations: ["tanh"], cost: "mean"),
    ]

    struct Oracle: Decodable {
        let features: [[Double]]
        let cost: Double
        let example_costs: [Double]
        let gradients: [String: EvalCommandTests.AnyGradient]
        let input_gradients: [[Double]]
        let x_gradients: [[Double]]
    }

    struct Eval: Decodable {
        struct Example: Decodable {
            let input: [Double]
            let features: [Double]
            let cost: Double
            let inputGradient: [Double]
            let xGradient: [Double]
        }
        let examples: [Example]
        let cost: Double
        let gradients: [String: EvalCommandTests.AnyGradient]
    }

    static func spec(_ c: Case, seed: UInt64) -> String {
        var json = SeededJSON(seed: seed)
        let shape = [c.features.count] + c.hidden + [1]
        let weights = (1..<shape.count).map { l in json.rows(shape[l], shape[l - 1], -1, 1) }
        let biases = (1..<shape.count).map { l in json.numbers(shape[l], -0.5, 0.5) }
        return """
            {"layers": \(shape), "activation": [\(c.activations.map { "\"\($0)\"" }.joined(separator: ", "))],
             "cost": "\(c.cost)", "features": [\(c.features.map { "\"\($0)\"" }.joined(separator: ", "))],
             "weights": [\(weights.joined(separator: ", "))],
             "biases": [\(biases.joined(separator: ", "))],
             "data": {"inputs": \(json.rows(9, c.rawWidth, -3, 3)), "targets": \(json.rows(9, 1, 0, 1))}}
            """
    }

    @Test("features, costs, ∂C/∂W, ∂C_k/∂a0 and ∂C_k/∂x equal numpy's to 1e-12", arguments: cases)
    func eval(_ c: Case) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for seed: UInt64 in [1, 2, 3] {
            let spec = directory.appendingPathComponent("spec-\(seed).json")
            try Self.spec(c, seed: seed).write(to: spec, atomically: true, encoding: .utf8)
            let run = try netfig("eval", spec.path, "--json")
            try #require(run.status == 0, "\(run.stderr)")
            let eval = try JSONDecoder().decode(Eval.self, from: Data(run.stdout.utf8))
            let script = repositoryRoot.appendingPathComponent("Tests/Fixtures/oracle/features.py").path
            let oracleRun = try runTool("/usr/bin/env", ["python3", script, spec.path])
            try #require(oracleRun.status == 0, "the oracle failed (is python3-numpy installed? make setup installs it): \(oracleRun.stderr)")
            let oracle = try JSONDecoder().decode(Oracle.self, from: Data(oracleRun.stdout.utf8))
            try #require(eval.examples.count == oracle.features.count)
            for (k, example) in eval.examples.enumerated() {
                #expect(example.input.count == c.rawWidth)
                #expect(example.features.count == c.features.count)
                for (a, b) in zip(example.features, oracle.features[k]) { GeneralisationOracleTests.expectClose(a, b, "feature of example \(k + 1)") }
                GeneralisationOracleTests.expectClose(example.cost, oracle.example_costs[k], "C_\(k + 1)")
                for (a, b) in zip(example.inputGradient, oracle.input_gradients[k]) { GeneralisationOracleTests.expectClose(a, b, "∂C_k/∂a0 of \(k + 1)") }
                #expect(example.xGradient.count == c.rawWidth)
                for (a, b) in zip(example.xGradient, oracle.x_gradients[k]) { GeneralisationOracleTests.expectClose(a, b, "∂C_k/∂x of \(k + 1)") }
            }
            GeneralisationOracleTests.expectClose(eval.cost, oracle.cost, "C")
            GeneralisationOracleTests.expectClose(eval.gradients, oracle.gradients, "∂C")
        }
    }
}
