import Foundation
import Testing
import NetworkEngine
@testable import NetfigSpec

/// `data: {…, test: …}` and `training: {l2, l1}`: read, checked, written back.
struct GeneralisationSpecTests {
    static let inline = """
        layers: [1, 1]
        activation: tanh
        data:
          inputs: [[0], [1], [2], [3], [4], [5], [6], [7], [8], [9]]
          targets: [[0], [1], [0], [1], [0], [1], [0], [1], [0], [1]]
          test: 0.3
        """

    @Test("a test share holds out a seeded round(share·N) of the examples; the rest train")
    func share() throws {
        let loaded = try load(Self.inline)
        let all = Dataset(inputs: (0..<10).map { [Double($0)] }, targets: (0..<10).map { [Double($0 % 2)] })
        let split = TestSplit(examples: 10, testShare: 0.3, seed: 1)
        #expect(loaded.data == all.subset(split.training))
        #expect(loaded.test == all.subset(split.test))
        #expect(loaded.test?.count == 3 && loaded.data!.count == 7)
        // The same spec, the same split.
        #expect(try load(Self.inline).test == loaded.test)
    }

    @Test("a built-in set's split is seeded by the set's seed")
    func builtInSeed() throws {
        let one = try load("layers: [2, 1]\nactivation: tanh\ndata: {set: xor, count: 50, seed: 4, test: 0.2}\n")
        let all = BuiltInSet.xor.generate(count: 50, noise: 0, seed: 4)
        let split = TestSplit(examples: 50, testShare: 0.2, seed: 4)
        #expect(one.data == all.subset(split.training) && one.test == all.subset(split.test))
        let other = try load("layers: [2, 1]\nactivation: tanh\ndata: {set: xor, count: 50, seed: 5, test: 0.2}\n")
        #expect(other.test?.count == 10 && other.test != one.test)
    }

    @Test("a test block gives examples of their own; all the data trains")
    func block() throws {
        let loaded = try load("layers: [1, 1]\nactivation: tanh\ndata:\n  inputs: [[1], [0]]\n  targets: [[0], [1]]\n  test: {inputs: [[0.5]], targets: [[0.5]]}\n")
        #expect(loaded.data == Dataset(inputs: [[1], [0]], targets: [[0], [1]]))
        #expect(loaded.test == Dataset(inputs: [[0.5]], targets: [[0.5]]))
        let json = try load(#"{"layers": [1, 1], "activation": "tanh", "data": {"set": "not", "test": {"inputs": [[0.5]], "targets": [[0.5]]}}}"#, name: "spec.json")
        #expect(json.test == loaded.test && json.data == loaded.data)
    }

    @Test("no test set and no penalty unless the spec asks")
    func defaults() throws {
        let loaded = try load(notSpec)
        #expect(loaded.test == nil)
        #expect(loaded.training.regularization == .none)
        let penalised = try load(notSpec + "\ntraining: {l2: 0.01, l1: 0.5}\n")
        #expect(penalised.training.regularization == Regularization(l2: 0.01, l1: 0.5))
    }

    @Test("shares outside (0, 1), or that leave no test or no training example, are refused naming data.test")
    func badShares() throws {
        for share in ["0", "1", "1.5", "-0.2", ".nan"] {
            let error = try #require(loadError(Self.inline.replacingOccurrences(of: "test: 0.3", with: "test: \(share)")))
            #expect(error.field == "data.test" && error.line == 6, "\(error)")
            #expect(error.message.hasSuffix("expected a share of the examples above 0 and below 1 to hold out, e.g. 0.3"), "\(error)")
        }
        let none = try #require(loadError(Self.inline.replacingOccurrences(of: "test: 0.3", with: "test: 0.04")))
        #expect(none.description == "spec.yaml:6: data.test: 0.04 × 10 examples rounds to 0 test examples; expected at least 1 test and 1 training example")
        let all = try #require(loadError(Self.inline.replacingOccurrences(of: "test: 0.3", with: "test: 0.96")))
        #expect(all.description == "spec.yaml:6: data.test: 0.96 × 10 examples rounds to 10 test examples, leaving none for training; expected at least 1 test and 1 training example")
        let single = try #require(loadError("layers: [1, 1]\nactivation: tanh\ndata: {inputs: [[1]], targets: [[0]], test: 0.5}\n"))
        #expect(single.field == "data.test" && single.message.contains("1 example rounds to 1 test example, leaving none"))
    }

    @Test("a test block is checked as data is: widths, counts, finiteness, kinds, keys")
    func badBlocks() throws {
        let base = "layers: [2, 1]\nactivation: tanh\ndata:\n  inputs: [[1, 2]]\n  targets: [[0]]\n  test:\n"
        let width = try #require(loadError(base + "    inputs: [[1, 2], [3]]\n    targets: [[0], [1]]\n"))
        #expect(width.field == "data.test.inputs[1]" && width.line == 7 && width.message.contains("expected 2 (the input layer's width)"))
        let rows = try #require(loadError(base + "    inputs: [[1, 2], [3, 4]]\n    targets: [[0]]\n"))
        #expect(rows.field == "data.test.targets" && rows.message.contains("1 target rows for 2 input rows"))
        let empty = try #require(loadError(base + "    inputs: []\n    targets: []\n"))
        #expect(empty.field == "data.test.inputs" && empty.message.contains("no examples"))
        let nan = try #require(loadError(base + "    inputs: [[1, .nan]]\n    targets: [[0]]\n"))
        #expect(nan.field == "data.test.inputs[0]" && nan.message.contains("finite"))
        let key = try #require(loadError(base + "    inputs: [[1, 2]]\n    target: [[0]]\n"))
        #expect(key.field == "data.test.target" && key.message.contains("did you mean 'targets'"))
        let word = try #require(loadError(base.replacingOccurrences(of: "  test:\n", with: "  test: 30%\n")))
        #expect(word.field == "data.test" && word.message.contains("e.g. test: 0.3"), "\(word)")
        let misspelt = try #require(loadError("layers: [2, 1]\nactivation: tanh\ndata: {set: xor, tests: 0.3}\n"))
        #expect(misspelt.field == "data.tests" && misspelt.message.contains("did you mean 'test'"))
    }

    @Test("a negative or non-finite λ is refused naming training.l2 or training.l1; every problem at once")
    func badPenalties() throws {
        let problems = loadErrors(Self.inline.replacingOccurrences(of: "test: 0.3", with: "test: 2") + "\ntraining: {l2: -0.1, l1: .inf}\n")
        #expect(problems.map(\.field) == ["data.test", "training.l1", "training.l2"], "\(problems)")
        #expect(problems.first { $0.field == "training.l2" }?.message == "-0.1; expected a finite number ≥ 0 (λ of λ/2·Σw²)")
        #expect(problems.first { $0.field == "training.l1" }?.message == "inf; expected a finite number ≥ 0 (λ of λ·Σ|w|)")
    }

    @Test("test shares, test blocks and penalties survive the round trip through YAML and JSON", arguments: [
        "data: {set: xor, count: 20, noise: 0.1, seed: 3, test: 0.25}",
        "data: {file: points.csv, inputs: 2, test: 0.5}",
        "data: {file: points.csv, inputs: 2, test: {inputs: [[0.5, 0.25]], targets: [[1]]}}",
        "data:\n  inputs: [[1, 2], [3, 4.5], [0, 0]]\n  targets: [[1], [0], [1]]\n  test: 0.3",
        "data:\n  inputs: [[1, 2]]\n  targets: [[1]]\n  test:\n    inputs: [[3, 4], [5, 6]]\n    targets: [[0], [1]]",
    ])
    func roundTrip(_ data: String) throws {
        let text = "layers: [2, 3, 1]\nactivation: tanh\n\(data)\ntraining: {rate: 0.5, l2: 0.001, l1: 0.25}\n"
        let extra = ["points.csv": "0,0,1\n1,0,0\n0,1,0\n1,1,1\n"]
        let loaded = try load(text, extra: extra)
        let spec = loaded.spec.replacingParameters(with: loaded.network)
        for (written, name) in [(SpecWriter.yaml(spec), "again.yaml"), (try SpecWriter.json(spec), "again.json")] {
            let again = try load(written, name: name, extra: extra)
            #expect(again.spec.data == loaded.spec.data, "\(written)")
            #expect(again.data == loaded.data && again.test == loaded.test)
            #expect(again.training == loaded.training)
            #expect(again.network == loaded.network)
        }
    }
}
