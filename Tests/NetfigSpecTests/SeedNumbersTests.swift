import Foundation
import Testing
import NetworkEngine
@testable import NetfigSpec

/// The repository's root, for reading `assets/`.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func asset(_ name: String) -> String { repositoryRoot.appendingPathComponent("assets/\(name)").path }

/// Every number the seed prints, through the spec loader and the engine
/// (`shared/reference/course-backprop.md`, "Numbers the seed prints").
struct SeedNumbersTests {
    func outputs(_ file: String) throws -> [[Double]] {
        let loaded = try SpecFile.load(asset(file))
        let pass = loaded.network.forward(loaded.data!.inputs)
        return (0..<loaded.data!.count).map { pass.output.column($0) }
    }

    @Test("the NOT neuron at the seed's three settings", arguments: [
        ("not.yaml", 0.8336546070121552, -0.09966799462495582),
        ("not-saturated.yaml", 0.9999092042625951, 0.9999092042625951),
        ("not-trained.yaml", 0.0, 0.9999999958776927),
    ])
    func notNeuron(_ file: String, _ forOne: Double, _ forZero: Double) throws {
        let loaded = try SpecFile.load(asset(file))
        #expect(loaded.data!.inputs.values == [1, 0])
        let a = try outputs(file)
        #expect(abs(a[0][0] - forOne) <= 1e-15, "x = 1: \(a[0][0])")
        #expect(abs(a[1][0] - forZero) <= 1e-15, "x = 0: \(a[1][0])")
    }

    @Test("the vector layer: tanh(W x + b) = [0.76159416, −0.76159416]")
    func vectorLayer() throws {
        let a = try outputs("vector-layer.yaml")[0]
        // The seed prints eight decimals.
        #expect(abs(a[0] - 0.76159416) < 5e-9)
        #expect(abs(a[1] + 0.76159416) < 5e-9)
    }

    @Test("the cost of the NOT neuron for x = 0, y = 1 is C_0 = 1.209269698402472")
    func exampleCost() throws {
        let loaded = try SpecFile.load(asset("not.yaml"))
        let costs = loaded.network.exampleCosts(loaded.network.forward(loaded.data!.inputs), targets: loaded.data!.targets)
        #expect(loaded.data!.inputs[0, 1] == 0 && loaded.data!.targets[0, 1] == 1)
        #expect(abs(costs[1] - 1.209269698402472) <= 1e-15)
    }

    @Test("∂C/∂b = −1.1186026425530913 at w = 2.3, b = −1.2, x = 0, y = 1; ∂C/∂w there is 0")
    func chainRule() throws {
        let loaded = try SpecFile.load(asset("not-derivative.yaml"))
        let (_, g) = loaded.network.gradients(loaded.data!)
        #expect(abs(g.db[0][0] - -1.1186026425530913) <= 1e-15)
        // ∂z/∂w = x = 0: the seed's dCdw (which raised NameError) would have returned 0 here.
        #expect(g.dW[0][0, 0] == 0)
    }

    @Test("∂C/∂w at the same weights for x = 1, y = 0 is 2(a − y)·(1/cosh² z)·x")
    func weightDerivative() throws {
        var loaded = try SpecFile.load(asset("not-derivative.yaml"))
        loaded.data = Dataset(inputs: [[1]], targets: [[0]])
        let (_, g) = loaded.network.gradients(loaded.data!)
        let z: Double = 2.3 * 1 - 1.2
        let dadz: Double = 1 / (cosh(z) * cosh(z))
        let expected: Double = 2 * (tanh(z) - 0) * dadz * 1
        #expect(abs(g.dW[0][0, 0] - expected) <= 1e-15)
        #expect(abs(g.db[0][0] - expected) <= 1e-15)
    }

    @Test("the vector cost C_k = Σ (a_i − y_i)² of both examples")
    func vectorCost() throws {
        let loaded = try SpecFile.load(asset("vector-cost.yaml"))
        let costs = loaded.network.exampleCosts(loaded.network.forward(loaded.data!.inputs), targets: loaded.data!.targets)
        #expect(abs(costs[0] - 1.2771038883115056) <= 1e-15)
        #expect(abs(costs[1] - 1.7788340952508743) <= 1e-15)
        #expect(loaded.network.reduction == .sum)
        #expect(abs(loaded.network.cost(loaded.data!) - (costs[0] + costs[1])) <= 1e-15)
    }

    @Test("the seed's third picture is a 4 → 3 → 2 network: 12 + 6 weights, 5 biases")
    func hiddenLayer() throws {
        let network = try SpecFile.load(asset("hidden-layer.yaml")).network
        #expect(network.shape == [4, 3, 2])
        #expect(network.layers.map(\.W.values.count) == [12, 6])
        #expect(network.layers.map(\.b.count).reduce(0, +) == 5)
    }

    @Test("the heart spec is the course's network and data")
    func heart() throws {
        let loaded = try SpecFile.load(asset("heart.yaml"))
        #expect(loaded.network.shape == [1, 6, 7, 2])
        #expect(loaded.network.layers.allSatisfy { $0.activation == .sigmoid })
        #expect(loaded.data == BuiltInSet.heart.generate(count: 100, noise: 0, seed: 1))
        #expect(loaded.training == TrainingOptions(rate: 7, steps: 10_000))
        #expect(loaded.network == Network.random(shape: [1, 6, 7, 2], activations: [.sigmoid, .sigmoid, .sigmoid], seed: 1, scale: 0.5))
    }
}
