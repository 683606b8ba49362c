import Foundation
import Testing
import NetworkEngine
@testable import NetfigSpec

/// Writes `text` to a fresh temporary spec file and loads it.
func load(_ text: String, name: String = "spec.yaml", extra: [String: String] = [:]) throws -> LoadedSpec {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("netfig-spec-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    for (file, contents) in extra { try contents.write(to: directory.appendingPathComponent(file), atomically: true, encoding: .utf8) }
    let url = directory.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return try SpecFile.load(url.path)
}

/// The problems loading `text` gives, with the directory part of each path removed.
func loadErrors(_ text: String, name: String = "spec.yaml", extra: [String: String] = [:]) -> [SpecError] {
    do {
        _ = try load(text, name: name, extra: extra)
        return []
    } catch let errors as SpecErrors {
        return errors.problems.map { problem in
            var problem = problem
            problem.file = (problem.file as NSString).lastPathComponent
            return problem
        }
    } catch {
        return [SpecError(file: "?", field: "?", message: "not SpecErrors: \(error)")]
    }
}

/// The single problem loading `text` gives; a second one is a failure of the test.
func loadError(_ text: String, name: String = "spec.yaml", extra: [String: String] = [:]) -> SpecError? {
    let problems = loadErrors(text, name: name, extra: extra)
    #expect(problems.count <= 1, "expected one problem, got \(problems.map(\.description))")
    return problems.first
}

let notSpec = """
    layers: [1, 1]
    activation: tanh
    weights: [[[1.3]]]
    biases: [[-0.1]]
    data: {set: not}
    """

struct SpecErrorTests {
    @Test("YAML and JSON give the same spec")
    func jsonAndYAML() throws {
        let json = """
            {"layers": [1, 1], "activation": "tanh", "weights": [[[1.3]]], "biases": [[-0.1]],
             "data": {"set": "not"}, "training": {"rate": 0.5, "steps": 20, "batch": "full"}}
            """
        let fromJSON = try load(json, name: "spec.json")
        let fromYAML = try load(notSpec + "\ntraining: {rate: 0.5, steps: 20, batch: full}")
        #expect(fromJSON.spec == fromYAML.spec)
        #expect(fromJSON.network == fromYAML.network)
        #expect(fromJSON.training.rate == 0.5)
    }

    @Test("an unknown key is an error naming its line and the nearest valid key")
    func unknownKey() throws {
        let error = try #require(loadError("layers: [1, 1]\nactivaton: tanh\ndata: {set: not}\n"))
        #expect(error.line == 2)
        #expect(error.field == "activaton")
        #expect(error.message.contains("did you mean 'activation'?"))
        let nested = try #require(loadError(notSpec + "\ntraining:\n  rate: 1\n  stpes: 10\n"))
        #expect(nested.line == 8)
        #expect(nested.field == "training.stpes")
        #expect(nested.message.contains("'steps'"))
        #expect(nested.description == "spec.yaml:8: training.stpes: " + nested.message)
    }

    @Test("unknown words list the accepted ones")
    func unknownWords() throws {
        let activation = try #require(loadError(notSpec.replacingOccurrences(of: "activation: tanh", with: "activation: tanhh")))
        #expect(activation.field == "activation" && activation.line == 2)
        #expect(activation.message.contains("tanh, sigmoid, relu, identity"))
        let set = try #require(loadError(notSpec.replacingOccurrences(of: "{set: not}", with: "{set: hart}")))
        #expect(set.field == "data.set" && set.message.contains("did you mean 'heart'"))
        let optimizer = try #require(loadError(notSpec + "\ntraining: {optimizer: sgd}"))
        #expect(optimizer.field == "training.optimizer" && optimizer.message.contains("gd, momentum, adam"))
    }

    @Test("shapes that disagree with the layers are named with what was expected")
    func shapes() throws {
        let weights = try #require(loadError("layers: [3, 2]\nactivation: tanh\nweights:\n  - [[1, 2], [3, 4]]\ndata: {inputs: [[1, 2, 3]], targets: [[1, 0]]}\n"))
        #expect(weights.field == "weights[0]" && weights.line == 4)
        #expect(weights.message.contains("expected 2 rows (neurons of layer 1) of 3 numbers"))
        let biases = try #require(loadError("layers: [3, 2]\nactivation: tanh\nbiases: [[1, 2, 3]]\ndata: {inputs: [[1, 2, 3]], targets: [[1, 0]]}\n"))
        #expect(biases.field == "biases[0]" && biases.message.contains("expected 2"))
        let input = try #require(loadError("layers: [3, 2]\nactivation: tanh\ndata:\n  inputs: [[1, 2, 3], [1, 2]]\n  targets: [[1, 0], [0, 1]]\n"))
        #expect(input.field == "data.inputs[1]" && input.line == 4 && input.message.contains("expected 3"))
        let set = try #require(loadError("layers: [2, 1]\nactivation: tanh\ndata: {set: heart}\n"))
        #expect(set.field == "data.set" && set.message.contains("expected layers to start with 1 and end with 2"))
        let activations = try #require(loadError("layers: [1, 3, 1]\nactivation: [tanh]\ndata: {set: not}\n"))
        #expect(activations.field == "activation" && activations.message.contains("expected one name, or 2"))
        let tooFew = try #require(loadError("layers: [1]\nactivation: tanh\ndata: {set: not}\n"))
        #expect(tooFew.field == "layers" && tooFew.message.contains("at least 2"))
    }

    @Test("wrong kinds of values, missing fields and non-finite numbers")
    func values() throws {
        let kind = try #require(loadError("layers: [1, one]\nactivation: tanh\ndata: {set: not}\n"))
        #expect(kind.field == "layers[1]" && kind.message.contains("whole number"))
        let missing = try #require(loadError("layers: [1, 1]\ndata: {set: not}\n"))
        #expect(missing.field == "activation" && missing.message.contains("required"))
        let nan = try #require(loadError(notSpec.replacingOccurrences(of: "[[[1.3]]]", with: "[[[.nan]]]")))
        #expect(nan.field == "weights[0][0]" && nan.message.contains("finite"))
        let rate = try #require(loadError(notSpec + "\ntraining: {rate: -1}"))
        #expect(rate.field == "training.rate" && rate.message.contains("> 0"))
    }

    @Test("syntax errors, duplicate keys, empty and missing files")
    func files() throws {
        let syntax = try #require(loadError("layers: [1, 1\nactivation: tanh\n"))
        #expect(syntax.line != nil && syntax.message.contains("YAML syntax"))
        let duplicate = try #require(loadError(notSpec + "\nlayers: [1, 1]\n"))
        #expect(duplicate.message.contains("duplicate key 'layers'"))
        let empty = try #require(loadError(""))
        #expect(empty.message.contains("empty"))
        let json = try #require(loadError("{\"layers\": [1, 1],", name: "spec.json"))
        #expect(json.message.hasPrefix("JSON syntax:") && json.line == 1)
        #expect(throws: SpecErrors.self) { try SpecFile.load("/nonexistent/spec.yaml") }
    }

    @Test("CSV data files: read relative to the spec; bad cells named by line")
    func csv() throws {
        let spec = "layers: [2, 1]\nactivation: sigmoid\ndata: {file: points.csv, inputs: 2}\n"
        let loaded = try load(spec, extra: ["points.csv": "x,y,label\n0.5, 1, 1\n\n# a comment\n-1,2,0\n"])
        #expect(loaded.data == Dataset(inputs: [[0.5, 1], [-1, 2]], targets: [[1], [0]]))
        let bad = try #require(loadError(spec, extra: ["points.csv": "x,y,label\n0.5,1,1\n1,two,0\n"]))
        #expect(bad.file == "points.csv" && bad.line == 3 && bad.field == "column 2")
        let short = try #require(loadError(spec, extra: ["points.csv": "0.5,1\n"]))
        #expect(short.line == 1 && short.message.contains("expected 3"))
        let missing = try #require(loadError(spec))
        #expect(missing.field == "data.file" && missing.message.contains("no such file"))
    }

    @Test("the spec's hash changes with the spec and with its data file")
    func hash() throws {
        let spec = "layers: [2, 1]\nactivation: sigmoid\ndata: {file: points.csv, inputs: 2}\n"
        let a = try load(spec, extra: ["points.csv": "0,0,1\n"])
        let b = try load(spec, extra: ["points.csv": "0,1,1\n"])
        let c = try load(spec, extra: ["points.csv": "0,0,1\n"])
        #expect(a.hash != b.hash)
        #expect(a.hash == c.hash)
        #expect(a.hash.count == 16)
    }

    @Test("every problem is reported, in the order of the file, each with its line")
    func allProblems() {
        let text = """
            layers: [2, 3, 1]
            activaton: tanh
            weights:
              - [[1, 2], [3, 4]]
              - [[1, 2, 3]]
            biases: [[0, 0, 0], [0, 0]]
            data:
              inputs: [[1, 2], [3]]
              targets: [[1], [0]]
            training: {rate: -2, optimizer: sgd, stpes: 10}
            """
        let problems = loadErrors(text)
        let summary = problems.map { "\($0.line ?? 0) \($0.field)" }
        // The checks run on every field that decoded, so misspelt words and wrong shapes come
        // in one run, in the order of the file.
        #expect(summary == ["2 activaton", "4 weights[0]", "6 biases[1]", "8 data.inputs[1]", "10 training.optimizer",
                            "10 training.rate", "10 training.stpes"], "\(problems.map(\.description))")
        let fixedWords = text.replacingOccurrences(of: "activaton", with: "activation")
            .replacingOccurrences(of: "optimizer: sgd, stpes: 10", with: "optimizer: gd")
        let checks = loadErrors(fixedWords).map { "\($0.line ?? 0) \($0.field)" }
        #expect(checks == ["4 weights[0]", "6 biases[1]", "8 data.inputs[1]", "10 training.rate"], "\(checks)")
    }
}

/// `!!str` says "this is text": where a number belongs it is refused as a quoted number is;
/// where text belongs it is text.
struct TaggedStringTests {
    static let spec = "layers: [1, 1]\nactivation: %@\nweights: [[[%@]]]\nbiases: [[-0.1]]\ndata: {set: not}\n"

    @Test("!!str 1.3 as a weight is refused like \"1.3\", naming the field")
    func numberRefused() throws {
        for written in ["!!str 1.3", "\"1.3\""] {
            let error = try #require(loadError(String(format: Self.spec, "tanh", written)))
            #expect(error.field == "weights[0][0][0]")
            #expect(error.message.hasPrefix("expected a number"), "\(written): \(error.message)")
        }
    }

    @Test("!!str tanh as the activation is the text tanh")
    func textKept() throws {
        let loaded = try load(String(format: Self.spec, "!!str tanh", "1.3"))
        #expect(loaded.network.layers[0].activation == .tanh)
        #expect(loaded.network.layers[0].W[0, 0] == 1.3)
    }
}
