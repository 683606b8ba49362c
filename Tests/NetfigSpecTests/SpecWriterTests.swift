import Foundation
import Testing
import NetworkEngine
@testable import NetfigSpec

struct SpecWriterTests {
    /// A trained heart network, whose parameters are arbitrary doubles.
    func trained() throws -> (LoadedSpec, Network) {
        let loaded = try SpecFile.load(asset("heart.yaml"))
        let history = try Trainer(options: TrainingOptions(rate: 7, steps: 50)).train(loaded.network, on: loaded.data!)
        return (loaded, history.network)
    }

    @Test("a written YAML spec reloads to the same network, bit for bit", arguments: ["trained.yaml", "trained.json"])
    func roundTrip(_ name: String) throws {
        let (loaded, network) = try trained()
        let spec = loaded.spec.replacingParameters(with: network)
        let text = name.hasSuffix(".json") ? try SpecWriter.json(spec) : SpecWriter.yaml(spec, comment: "trained\nby a test")
        let reloaded = try load(text, name: name)
        #expect(reloaded.network == network)
        #expect(reloaded.data == loaded.data)
        #expect(reloaded.training == loaded.training)
        #expect(reloaded.spec.initialization == nil)
    }

    @Test("every kind of data and a per-layer activation list survive the round trip")
    func dataKinds() throws {
        let inline = try load("layers: [2, 3, 1]\nactivation: [relu, identity]\ncost: sum\ndata: {inputs: [[1, 2], [3, 4.5]], targets: [[1], [0]]}\ntraining: {batch: 1, optimizer: adam, noise: 0.25, seed: 9}\n")
        let again = try load(SpecWriter.yaml(inline.spec.replacingParameters(with: inline.network)))
        #expect(again.network == inline.network)
        #expect(again.data == inline.data)
        #expect(again.training == inline.training)
        #expect(again.network.layers.map(\.activation) == [.relu, .identity])
    }

    @Test("a data file's path is rewritten relative to where the spec is saved")
    func relocation() throws {
        let spec = Spec(layers: [2, 1], activation: .all(.sigmoid), data: .file(path: "data/points.csv", inputs: 2))
        let moved = spec.relocatingData(from: URL(fileURLWithPath: "/a/b"), to: URL(fileURLWithPath: "/a/c/d"))
        #expect(moved.data == .file(path: "../../b/data/points.csv", inputs: 2))
        let same = spec.relocatingData(from: URL(fileURLWithPath: "/a/b"), to: URL(fileURLWithPath: "/a/b"))
        #expect(same.data == spec.data)
    }

    @Test("a spec's title survives the round trip, whatever it holds", arguments: [
        "The NOT neuron", "null", "yes", "42", "", "a \"quoted\" $x^2$ title\nover two lines", "tab\there, bell\u{07}, back\\slash: colon",
    ])
    func title(_ title: String) throws {
        let loaded = try load("layers: [1, 1]\nactivation: tanh\ndata: {set: not}\n")
        #expect(loaded.spec.title == nil)
        var spec = loaded.spec
        spec.title = title
        for (text, name) in [(SpecWriter.yaml(spec), "spec.yaml"), (try SpecWriter.json(spec), "spec.json")] {
            #expect(try load(text, name: name).spec.title == title, "\(name): \(text)")
        }
    }

    @Test("a title that is not text is refused, naming the field")
    func titleNotText() throws {
        #expect(throws: (any Error).self) { try load("title: [1, 2]\nlayers: [1, 1]\nactivation: tanh\ndata: {set: not}\n") }
    }
}
