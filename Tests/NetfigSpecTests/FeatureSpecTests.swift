import Foundation
import Testing
import NetworkEngine
@testable import NetfigSpec

/// `features:`, `labels:`, specs without data, and the problems of all of them at once.
struct FeatureSpecTests {
    static let xor = """
        layers: [5, 4, 1]
        activation: tanh
        features: [x1, x2, x1^2, x1*x2, sin(x2)]
        data: {set: xor, count: 20, test: 0.25}
        """

    @Test("features feed the network; the raw inputs stay beside them, test examples too")
    func features() throws {
        let loaded = try load(Self.xor)
        let features = try #require(loaded.features)
        #expect(features.list == [.input(1), .input(2), .square(1), .product(1, 2), .sine(2)])
        #expect(features.rawWidth == 2)
        let raw = try #require(loaded.rawData), rawTest = try #require(loaded.rawTest)
        let data = try #require(loaded.data), test = try #require(loaded.test)
        #expect(raw.inputWidth == 2 && data.inputWidth == 5 && raw.count == 15 && rawTest.count == 5)
        // The same split as without features: the features are computed after it.
        let plain = try load(Self.xor.replacingOccurrences(of: "features: [x1, x2, x1^2, x1*x2, sin(x2)]\n", with: "")
                               .replacingOccurrences(of: "[5, 4, 1]", with: "[2, 4, 1]"))
        #expect(plain.data == raw && plain.test == rawTest)
        for k in 0..<raw.count {
            let x1 = raw.inputs[0, k], x2 = raw.inputs[1, k]
            #expect(data.inputs.column(k) == [x1, x2, x1 * x1, x1 * x2, sin(x2)])
        }
        #expect(test.inputs.column(0) == features(rawTest.inputs.column(0)))
        #expect(data.targets == raw.targets)
    }

    @Test("inline and CSV data: the raw width is the data's, the features may read fewer inputs")
    func rawWidths() throws {
        let inline = try load("layers: [2, 1]\nactivation: tanh\nfeatures: [x3^2, x1]\ndata:\n  inputs: [[1, 2, 3], [4, 5, 6]]\n  targets: [[0], [1]]\n")
        #expect(inline.features?.rawWidth == 3)
        #expect(inline.data?.inputs.column(1) == [36, 4])
        let csv = try load("layers: [1, 1]\nactivation: tanh\nfeatures: [sin(x2)]\ndata: {file: p.csv, inputs: 2}\n",
                           extra: ["p.csv": "0,1.5,1\n2,0,0\n"])
        #expect(csv.data?.inputs.values == [sin(1.5), sin(0)])
        #expect(csv.rawData?.inputs.column(0) == [0, 1.5])
    }

    @Test("features' problems: unknown, repeated, empty, too few input neurons, inputs the data lacks")
    func featureProblems() throws {
        let unknown = loadErrors("layers: [3, 1]\nactivation: tanh\nfeatures: [x1, x1^3, cos(x2)]\ndata: {set: xor}\n")
        #expect(unknown.map(\.description) == [
            "spec.yaml:3: features[1]: unknown feature 'x1^3'; expected xI, xI^2, xI*xJ (I ≠ J) or sin(xI) for input numbers I, J (x1, x2, x1^2, x2^2, x1*x2, sin(x1), sin(x2) for 2-D data)",
            "spec.yaml:3: features[2]: unknown feature 'cos(x2)'; expected xI, xI^2, xI*xJ (I ≠ J) or sin(xI) for input numbers I, J (x1, x2, x1^2, x2^2, x1*x2, sin(x1), sin(x2) for 2-D data)",
        ])
        let repeated = try #require(loadError("layers: [3, 1]\nactivation: tanh\nfeatures: [x1*x2, x1, x2*x1]\ndata: {set: xor}\n"))
        #expect(repeated.description == "spec.yaml:3: features[2]: 'x2*x1' repeats features[0] (x1*x2); each feature may appear once")
        let empty = try #require(loadError("layers: [2, 1]\nactivation: tanh\nfeatures: []\ndata: {set: xor}\n"))
        #expect(empty.description == "spec.yaml:3: features: an empty list; expected at least one feature, as in [x1, x2, x1*x2], or no features key (the data's inputs themselves)")
        let width = try #require(loadError("layers: [2, 1]\nactivation: tanh\nfeatures: [x1, x2, x1*x2]\ndata: {set: xor}\n"))
        #expect(width.description == "spec.yaml:1: layers[0]: 2 input neurons for 3 features; expected 3, one per feature")
        let beyond = try #require(loadError("layers: [2, 1]\nactivation: tanh\nfeatures: [x1, sin(x3)]\ndata: {set: xor}\n"))
        #expect(beyond.description == "spec.yaml:3: features[1]: 'sin(x3)' reads x3, but the data has 2 inputs (x1, x2)")
        let rows = try #require(loadError("layers: [1, 1]\nactivation: tanh\nfeatures: [x1]\ndata:\n  inputs: [[1, 2], [3]]\n  targets: [[0], [1]]\n"))
        #expect(rows.description == "spec.yaml:5: data.inputs[1]: 1 number; expected 2 (as the first row has)")
        let set = try #require(loadError("layers: [3, 2]\nactivation: tanh\nfeatures: [x1, x2, x1*x2]\ndata: {set: xor}\n"))
        #expect(set.description == "spec.yaml:4: data.set: 'xor' has 1 target; expected layers to end with 1")
    }

    @Test("a spec without data loads: the network alone, drawn as usual")
    func noData() throws {
        let loaded = try load("layers: [2, 3, 1]\nactivation: tanh\n")
        #expect(loaded.data == nil && loaded.test == nil && loaded.rawData == nil)
        #expect(loaded.network.shape == [2, 3, 1])
        #expect(!loaded.givesParameters)
        #expect(try load("layers: [2, 3, 1]\nactivation: tanh\ninit: {seed: 4}\n").givesParameters)
        #expect(try load("layers: [1, 1]\nactivation: tanh\nweights: [[[2]]]\n").givesParameters)
        // Features without data read as many inputs as they name.
        let featured = try load("layers: [3, 1]\nactivation: tanh\nfeatures: [x1, x2^2, sin(x1)]\n")
        #expect(featured.features?.rawWidth == 2)
    }

    @Test("a command that needs examples says so, with the spec's other problems")
    func needs() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("netfig-needs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("spec.yaml").path
        try "layers: [2, 3, 1]\nactivation: tanh\n".write(toFile: path, atomically: true, encoding: .utf8)
        let expected = "\(path): data: missing; eval needs examples: add a data: block, as in data: {set: xor}, data: {inputs: [[0], [1]], targets: [[1], [0]]} or data: {file: points.csv, inputs: 2}"
        #expect(throws: SpecErrors(SpecError(file: path, field: "data", message: String(expected.dropFirst(path.count + 8))))) {
            try SpecFile.load(path, needs: .examples(for: "eval"))
        }
        let loaded = try SpecFile.load(path)
        #expect(throws: SpecErrors.self) { try loaded.requireData(for: "eval") }
        do {
            _ = try loaded.requireData(for: "eval")
        } catch let errors as SpecErrors {
            #expect(errors.description == expected)
        }
        try "layers: [2, 3, 1]\nactivation: tanhh\ntraining: {rate: -1}\n".write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try SpecFile.load(path, needs: .examples(for: "train"))
            Issue.record("loaded")
        } catch let errors as SpecErrors {
            #expect(errors.problems.map(\.field) == ["activation", "training.rate", "data"])
            #expect(errors.problems.last?.message.hasPrefix("missing; train needs examples") == true)
        }
    }

    @Test("labels: a name per layer, a name per neuron or none, checked against the layers")
    func labels() throws {
        let loaded = try load("layers: [2, 3, 1]\nactivation: tanh\nlabels:\n  layers: [x, hidden, ŷ]\n  neurons: [[$x_1$, $x_2$], [], [ŷ]]\n")
        #expect(loaded.spec.labels == LabelsSpec(layers: ["x", "hidden", "ŷ"], neurons: [["$x_1$", "$x_2$"], [], ["ŷ"]]))
        let problems = loadErrors("layers: [2, 3, 1]\nactivation: tanh\nlabels:\n  layers: [x, ŷ]\n  neurons: [[a, b, c], [], []]\n")
        #expect(problems.map(\.description) == [
            "spec.yaml:4: labels.layers: 2 names for 3 layers; expected 3, one per layer, input first, as in [x, hidden, ŷ]",
            "spec.yaml:5: labels.neurons[0]: 3 names for layer 0's 2 neurons; expected 2, or [] for netfig's",
        ])
        let key = try #require(loadError("layers: [1, 1]\nactivation: tanh\nlabels: {layer: [x, y]}\n"))
        #expect(key.field == "labels.layer" && key.message.contains("did you mean 'layers'"))
    }

    @Test("a field that does not decode is not checked again under a placeholder")
    func noPlaceholderProblems() {
        let problems = loadErrors("layers: [2, one, 1]\nactivation: tanh\ndata: {set: xor, count: -3}\ntraining: {rate: 0}\n")
        #expect(problems.map { "\($0.line ?? 0) \($0.field)" } == ["1 layers[1]", "3 data.count", "4 training.rate"], "\(problems.map(\.description))")
        let set = loadErrors("layers: [2, 1]\nactivation: tanh\ndata: {set: xorr}\ntraining: {steps: -1}\n")
        #expect(set.map(\.field) == ["data.set", "training.steps"], "\(set.map(\.description))")
    }

    @Test("features and labels survive a save and a reload")
    func written() throws {
        let loaded = try load(Self.xor + "\nlabels: {layers: [x, h, ŷ]}\n")
        let text = SpecWriter.yaml(loaded.spec.replacingParameters(with: loaded.network))
        let again = try load(text)
        #expect(again.spec.features == loaded.spec.features)
        #expect(again.spec.labels == loaded.spec.labels)
        #expect(again.data == loaded.data && again.network == loaded.network)
        let bare = try load(SpecWriter.yaml(try load("layers: [2, 2]\nactivation: relu\n").spec))
        #expect(bare.data == nil)
    }
}
