import Testing
@testable import NetworkEngine

struct TrainingTests {
    let not = BuiltInSet.not.generate(count: 2, noise: 0, seed: 1)
    var neuron: Network { Network(layers: [Dense(W: Matrix([[1.3]]), b: [-0.1], activation: .tanh)]) }

    @Test("one gradient-descent step is P ← P − rate · ∂C/∂P")
    func oneStep() throws {
        let (_, g) = neuron.gradients(not)
        let history = try Trainer(options: TrainingOptions(rate: 0.5, steps: 1)).train(neuron, on: not)
        #expect(history.network.layers[0].W[0, 0] == 1.3 - 0.5 * g.dW[0][0, 0])
        #expect(history.network.layers[0].b[0] == -0.1 - 0.5 * g.db[0][0])
        #expect(history.costs == [neuron.cost(not), history.network.cost(not)])
    }

    @Test("every optimizer lowers the NOT neuron's cost", arguments: [(Optimizer.gd, 0.5), (.momentum, 0.05), (.adam, 0.05)])
    func optimizers(_ optimizer: Optimizer, rate: Double) throws {
        let history = try Trainer(options: TrainingOptions(rate: rate, steps: 300, optimizer: optimizer)).train(neuron, on: not)
        #expect(history.costs.last! < history.costs[0] / 10, "\(optimizer): \(history.costs[0]) → \(history.costs.last!)")
    }

    @Test("Adam's first step moves each parameter by the rate, against its gradient")
    func adamFirstStep() throws {
        let (_, g) = neuron.gradients(not)
        let history = try Trainer(options: TrainingOptions(rate: 0.01, steps: 1, optimizer: .adam)).train(neuron, on: not)
        let dw = history.network.layers[0].W[0, 0] - 1.3
        #expect(abs(dw + 0.01 * (g.dW[0][0, 0] > 0 ? 1 : -1)) < 1e-9)
    }

    @Test("momentum accumulates: the second step is rate·(β·g₁ + g₂)")
    func momentum() throws {
        let (_, g1) = neuron.gradients(not)
        let after1 = try Trainer(options: TrainingOptions(rate: 0.1, steps: 1, optimizer: .momentum)).train(neuron, on: not).network
        let (_, g2) = after1.gradients(not)
        let after2 = try Trainer(options: TrainingOptions(rate: 0.1, steps: 2, optimizer: .momentum)).train(neuron, on: not).network
        let expected: Double = after1.layers[0].b[0] - 0.1 * (0.9 * g1.db[0][0] + g2.db[0][0])
        #expect(abs(after2.layers[0].b[0] - expected) < 1e-15)
    }

    @Test("a batch as large as the data is the full batch; smaller batches are seeded")
    func batches() throws {
        let data = BuiltInSet.xor.generate(count: 40, noise: 0, seed: 2)
        let start = Network.random(shape: [2, 4, 1], activations: [.tanh, .sigmoid], seed: 3, scale: 0.5)
        let full = try Trainer(options: TrainingOptions(rate: 0.5, steps: 20)).train(start, on: data)
        let whole = try Trainer(options: TrainingOptions(rate: 0.5, steps: 20, batchSize: 40)).train(start, on: data)
        #expect(full.network == whole.network)
        let mini1 = try Trainer(options: TrainingOptions(rate: 0.5, steps: 20, batchSize: 8, seed: 4)).train(start, on: data)
        let mini2 = try Trainer(options: TrainingOptions(rate: 0.5, steps: 20, batchSize: 8, seed: 4)).train(start, on: data)
        let mini3 = try Trainer(options: TrainingOptions(rate: 0.5, steps: 20, batchSize: 8, seed: 5)).train(start, on: data)
        #expect(mini1.network == mini2.network)
        #expect(mini1.network != mini3.network)
        #expect(mini1.network != full.network)
        #expect(mini1.costs.count == 21)
    }

    @Test("the course's noise scales each Jacobian block by its own seeded factor")
    func noise() throws {
        let data = BuiltInSet.heart.generate(count: 100, noise: 0, seed: 1)
        let start = Network.random(shape: [1, 6, 7, 2], activations: [.sigmoid, .sigmoid, .sigmoid], seed: 1, scale: 0.5)
        let (_, g) = start.gradients(data)
        let quiet = try Trainer(options: TrainingOptions(rate: 7, steps: 1, noise: 0)).train(start, on: data).network
        let noisy = try Trainer(options: TrainingOptions(rate: 7, steps: 1, noise: 0.5, seed: 11)).train(start, on: data).network
        // Recover each block's factor from the step taken; it is the same across the block.
        var rng = Xoshiro256StarStar(seed: 11)
        let factors = (0..<6).map { _ in 1 + rng.nextNormal() * 0.5 }
        for l in 0..<3 {
            for i in start.layers[l].W.values.indices {
                let expected: Double = start.layers[l].W.values[i] - 7 * (g.dW[l].values[i] * factors[l])
                #expect(abs(noisy.layers[l].W.values[i] - expected) < 1e-14)
            }
            for i in start.layers[l].b.indices {
                let expected: Double = start.layers[l].b[i] - 7 * (g.db[l][i] * factors[3 + l])
                #expect(abs(noisy.layers[l].b[i] - expected) < 1e-14)
            }
        }
        #expect(noisy != quiet)
    }

    @Test("a diverging run stops with the step where the cost stopped being finite")
    func divergence() {
        let start = Network(layers: [Dense(W: Matrix([[1]]), b: [0], activation: .identity)])
        let data = Dataset(inputs: [[1000]], targets: [[0]])
        #expect(throws: DivergenceError.self) {
            try Trainer(options: TrainingOptions(rate: 10, steps: 1000)).train(start, on: data)
        }
        do {
            _ = try Trainer(options: TrainingOptions(rate: 10, steps: 1000)).train(start, on: data)
        } catch let error as DivergenceError {
            #expect(error.step > 0 && error.step < 1000)
            #expect(error.description.contains("lower the rate"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("a cost that is not finite before any step blames the parameters, not the rate")
    func notFiniteAtTheStart() {
        let start = Network(layers: [Dense(W: Matrix([[1e200]]), b: [0], activation: .identity)])
        let data = Dataset(inputs: [[1e200]], targets: [[0]])
        do {
            _ = try Trainer(options: TrainingOptions(rate: 0.1, steps: 10)).train(start, on: data)
            Issue.record("an infinite start should stop the run")
        } catch let error as DivergenceError {
            #expect(error.step == 0)
            #expect(!error.description.contains("lower the rate"), "\(error)")
            #expect(error.description.contains("before any training step"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("snapshots keep the network at the asked steps")
    func snapshots() throws {
        let history = try Trainer(options: TrainingOptions(rate: 0.5, steps: 10)).train(neuron, on: not, keeping: [0, 3, 10])
        let three = try Trainer(options: TrainingOptions(rate: 0.5, steps: 3)).train(neuron, on: not).network
        #expect(history.snapshots.keys.sorted() == [0, 3, 10])
        #expect(history.snapshots[3] == three)
        #expect(history.costs[3] == three.cost(not))
    }
}
