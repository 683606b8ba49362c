import Foundation
import NetworkEngine
import Testing

/// Test cost, penalty, C + R and ∂(C + R) as `eval --json` and `train -o curve.csv` print
/// them, against an independent computation: `Tests/Fixtures/oracle/generalisation.py`, numpy's
/// arithmetic and its own xoshiro256** for the split, on specs written here.
struct GeneralisationOracleTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let shape: [Int]
        let activations: [String]
        let cost: String
        let examples: Int
        /// A share, or nil for a block of `testExamples` examples of their own.
        let share: Double?
        let testExamples: Int
        let l2: Double
        let l1: Double
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "2 → 3 → 1, a share, both penalties", shape: [2, 3, 1], activations: ["tanh", "sigmoid"], cost: "mean",
             examples: 10, share: 0.3, testExamples: 0, l2: 0.01, l1: 0.002),
        Case(name: "1 → 4 → 2 relu, a test block, L2, summed", shape: [1, 4, 2], activations: ["relu", "identity"], cost: "sum",
             examples: 8, share: nil, testExamples: 5, l2: 0.5, l1: 0),
        Case(name: "3 → 5 → 4 → 2 sigmoid, half held out, L1", shape: [3, 5, 4, 2], activations: ["sigmoid", "sigmoid", "sigmoid"], cost: "mean",
             examples: 17, share: 0.5, testExamples: 0, l2: 0, l1: 0.1),
        Case(name: "2 → 2 identity, a quarter held out", shape: [2, 2], activations: ["identity"], cost: "mean",
             examples: 40, share: 0.25, testExamples: 0, l2: 0.001, l1: 0.003),
        Case(name: "1 → 6 → 7 → 2, a test set and no penalty", shape: [1, 6, 7, 2], activations: ["sigmoid", "tanh", "sigmoid"], cost: "mean",
             examples: 30, share: 0.2, testExamples: 0, l2: 0, l1: 0),
        Case(name: "2 → 8 → 1 tanh, a test block, L1 with a zero weight", shape: [2, 8, 1], activations: ["tanh", "tanh"], cost: "sum",
             examples: 12, share: nil, testExamples: 4, l2: 0.02, l1: 0.05),
    ]

    /// The oracle's answer.
    struct Oracle: Decodable {
        let train_inputs: [[Double]]
        let train_targets: [[Double]]
        let train_outputs: [[Double]]
        let test_inputs: [[Double]]
        let test_targets: [[Double]]
        let test_outputs: [[Double]]
        let cost: Double
        let test_cost: Double
        let penalty: Double
        let regularized_cost: Double
        let regularized_gradients: [String: EvalCommandTests.AnyGradient]
    }

    /// What `eval --json` adds for a test set and a penalty.
    struct Eval: Decodable {
        struct Test: Decodable {
            let examples: [EvalCommandTests.EvalJSON.Example]
            let cost: Double
        }
        struct Regularization: Decodable {
            let l2: Double
            let l1: Double
            let penalty: Double
            let cost: Double
            let gradients: [String: EvalCommandTests.AnyGradient]
        }
        let cost: Double
        let test: Test?
        let regularization: Regularization?
    }

    /// A JSON spec with seeded weights, biases and examples, every number written so it reads back exactly.
    static func spec(_ c: Case, seed: UInt64) -> String {
        var json = SeededJSON(seed: seed)
        let depth = c.shape.count - 1
        var weights = (1...depth).map { l in json.rows(c.shape[l], c.shape[l - 1], -1.2, 1.2) }
        // A weight exactly 0: L1's sign(0) = 0 is part of what is checked.
        if let first = weights.first, let end = first.dropFirst(2).firstIndex(where: { $0 == "," || $0 == "]" }) {
            weights[0] = "[[0.0" + first[end...]
        }
        let biases = (1...depth).map { l in json.numbers(c.shape[l], -0.5, 0.5) }
        let inputs = json.rows(c.examples, c.shape[0], -1.5, 1.5), targets = json.rows(c.examples, c.shape[depth], 0, 1)
        let test = c.share.map { "\($0)" }
            ?? "{\"inputs\": \(json.rows(c.testExamples, c.shape[0], -1.5, 1.5)), \"targets\": \(json.rows(c.testExamples, c.shape[depth], 0, 1))}"
        return """
            {"layers": \(c.shape), "activation": [\(c.activations.map { "\"\($0)\"" }.joined(separator: ", "))],
             "cost": "\(c.cost)",
             "weights": [\(weights.joined(separator: ", "))],
             "biases": [\(biases.joined(separator: ", "))],
             "data": {"inputs": \(inputs), "targets": \(targets), "test": \(test)},
             "training": {"rate": 0.05, "steps": 25, "l2": \(c.l2), "l1": \(c.l1)}}
            """
    }

    static func oracle(_ spec: URL) throws -> Oracle {
        let script = repositoryRoot.appendingPathComponent("Tests/Fixtures/oracle/generalisation.py").path
        let run = try runTool("/usr/bin/env", ["python3", script, spec.path])
        try #require(run.status == 0, "the oracle failed (is python3-numpy installed? make setup installs it): \(run.stderr)")
        return try JSONDecoder().decode(Oracle.self, from: Data(run.stdout.utf8))
    }

    /// Equal to 1e-12: absolute for numbers up to 1, relative beyond.
    static func expectClose(_ netfig: Double, _ oracle: Double, _ what: String) {
        #expect(abs(netfig - oracle) <= 1e-12 * max(1, abs(oracle)), "\(what): netfig \(netfig), numpy \(oracle)")
    }

    static func expectClose(_ netfig: [String: EvalCommandTests.AnyGradient], _ oracle: [String: EvalCommandTests.AnyGradient], _ what: String) {
        #expect(Set(netfig.keys) == Set(oracle.keys), "\(what): \(netfig.keys.sorted()) against \(oracle.keys.sorted())")
        for (name, value) in netfig {
            switch (value, oracle[name]) {
            case (.matrix(let a), .matrix(let b)?):
                #expect(a.map(\.count) == b.map(\.count), "\(what) \(name): shapes")
                for (rowA, rowB) in zip(a, b) {
                    for (x, y) in zip(rowA, rowB) { expectClose(x, y, "\(what) \(name)") }
                }
            case (.vector(let a), .vector(let b)?):
                #expect(a.count == b.count, "\(what) \(name): lengths")
                for (x, y) in zip(a, b) { expectClose(x, y, "\(what) \(name)") }
            default:
                Issue.record("\(what) \(name): a matrix against a vector")
            }
        }
    }

    @Test("eval's test cost, penalty, C + R and ∂(C + R) equal numpy's to 1e-12, on the same held-out examples", arguments: cases)
    func eval(_ c: Case) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for seed: UInt64 in [1, 2] {
            let spec = directory.appendingPathComponent("spec-\(seed).json")
            try Self.spec(c, seed: seed).write(to: spec, atomically: true, encoding: .utf8)
            let run = try netfig("eval", spec.path, "--json")
            try #require(run.status == 0, "\(run.stderr)")
            let eval = try JSONDecoder().decode(Eval.self, from: Data(run.stdout.utf8))
            let oracle = try Self.oracle(spec)
            let test = try #require(eval.test)
            // The split: the same examples held out, found by each on its own.
            #expect(test.examples.map(\.input) == oracle.test_inputs)
            Self.expectClose(eval.cost, oracle.cost, "C")
            Self.expectClose(test.cost, oracle.test_cost, "test C")
            if c.l2 == 0 && c.l1 == 0 {
                #expect(eval.regularization == nil)
                #expect(oracle.penalty == 0)
            } else {
                let penalty = try #require(eval.regularization)
                #expect(penalty.l2 == c.l2 && penalty.l1 == c.l1)
                Self.expectClose(penalty.penalty, oracle.penalty, "R")
                Self.expectClose(penalty.cost, oracle.regularized_cost, "C + R")
                Self.expectClose(penalty.gradients, oracle.regularized_gradients, "∂(C + R)")
            }
        }
    }

    @Test("train's test_cost and regularized_cost columns equal numpy's for the trained network", arguments: cases)
    func train(_ c: Case) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = directory.appendingPathComponent("spec.json")
        try Self.spec(c, seed: 3).write(to: spec, atomically: true, encoding: .utf8)
        let run = try netfig("train", "spec.json", "-o", "curve.csv", "--every", "10", "--save", "trained.json", in: directory)
        try #require(run.status == 0, "\(run.stderr)")
        let csv = try String(contentsOf: directory.appendingPathComponent("curve.csv"), encoding: .utf8)
        let rows = csv.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        let penalised = c.l2 > 0 || c.l1 > 0
        #expect(rows.first == ["step", "cost", "test_cost"] + (penalised ? ["regularized_cost"] : []))
        #expect(rows.dropFirst().map { $0[0] } == ["0", "10", "20", "25"])
        // The first row is the spec's own network, the last the trained one.
        let start = try Self.oracle(spec), end = try Self.oracle(directory.appendingPathComponent("trained.json"))
        for (row, oracle, when) in [(rows[1], start, "step 0"), (rows[rows.count - 1], end, "step 25")] {
            let numbers = row.dropFirst().compactMap { Double($0) }
            try #require(numbers.count == row.count - 1)
            Self.expectClose(numbers[0], oracle.cost, "C at \(when)")
            Self.expectClose(numbers[1], oracle.test_cost, "test C at \(when)")
            if penalised { Self.expectClose(numbers[2], oracle.regularized_cost, "C + R at \(when)") }
        }
    }

    @Test("fit's CSV: the training rows, then the held-out ones, each marked by its set, with numpy's outputs, before and after training", arguments: cases)
    func fitCSV(_ c: Case) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = directory.appendingPathComponent("spec.json")
        try Self.spec(c, seed: 4).write(to: spec, atomically: true, encoding: .utf8)
        let (inputs, outputs) = (c.shape[0], c.shape[c.shape.count - 1])
        for trained in [false, true] {
            let run = try netfig(arguments: ["fit", "spec.json", "-o", "fit.csv"] + (trained ? ["--train"] : []), in: directory)
            try #require(run.status == 0, "\(run.stderr)")
            // fit --train trains as train does with the spec's settings; --save keeps that network.
            var network = spec
            if trained {
                let save = try netfig("train", "spec.json", "-o", "curve.csv", "--save", "trained.json", in: directory)
                try #require(save.status == 0, "\(save.stderr)")
                network = directory.appendingPathComponent("trained.json")
            }
            let oracle = try Self.oracle(network)
            let rows = try String(contentsOf: directory.appendingPathComponent("fit.csv"), encoding: .utf8)
                .split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
            let xs: [String] = (1...inputs).map { "x\($0)" }, ays: [String] = (1...outputs).map { "a\($0)" }
            let ys: [String] = (1...outputs).map { "y\($0)" }
            #expect(rows.first == xs + ays + ys + ["set"])
            let expected = zip(zip(oracle.train_inputs, oracle.train_outputs), oracle.train_targets).map { ($0.0, $0.1, $1, "train") }
                + zip(zip(oracle.test_inputs, oracle.test_outputs), oracle.test_targets).map { ($0.0, $0.1, $1, "test") }
            try #require(rows.count - 1 == expected.count)
            for (k, (row, (x, a, y, set))) in zip(rows.dropFirst(), expected).enumerated() {
                let when = "\(trained ? "trained" : "spec"), row \(k + 1)"
                #expect(row.count == inputs + 2 * outputs + 1 && row.last == set, "\(when): \(row)")
                let numbers = row.dropLast().compactMap(Double.init)
                try #require(numbers.count == inputs + 2 * outputs, "\(when): \(row)")
                #expect(Array(numbers[0..<inputs]) == x && Array(numbers[(inputs + outputs)...]) == y, "\(when): the example")
                for (netfig, numpy) in zip(numbers[inputs..<(inputs + outputs)], a) { Self.expectClose(netfig, numpy, "\(when): a") }
            }
        }
    }
}
