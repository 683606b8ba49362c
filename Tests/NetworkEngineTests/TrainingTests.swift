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

    @Test("the penalty is λ₂/2·Σw² + λ₁·Σ|w| over the weights, not the biases")
    func penalty() {
        let network = Network(layers: [Dense(W: Matrix([[1, -2]]), b: [5], activation: .tanh),
                                       Dense(W: Matrix([[3]]), b: [-7], activation: .identity)])
        #expect(Regularization(l2: 0.5).penalty(network) == 0.25 * 14)
        #expect(Regularization(l1: 0.5).penalty(network) == 0.5 * 6)
        #expect(Regularization(l2: 0.5, l1: 0.25).penalty(network) == 0.25 * 14 + 0.25 * 6)
    }

    @Test("a regularised step is P ← P − rate · (∂C/∂P + λ₂ w + λ₁ sign w), biases unpenalised", arguments: [Optimizer.gd, .momentum, .adam])
    func regularizedStep(_ optimizer: Optimizer) throws {
        let penalty = Regularization(l2: 0.2, l1: 0.1)
        let plain = try Trainer(options: TrainingOptions(rate: 0.5, steps: 1, optimizer: optimizer)).train(neuron, on: not).network
        let history = try Trainer(options: TrainingOptions(rate: 0.5, steps: 1, optimizer: optimizer, regularization: penalty)).train(neuron, on: not)
        let (_, g) = neuron.gradients(not)
        let w = 1.3
        let dW: Double = g.dW[0][0, 0] + (0.2 * w + 0.1 * 1)
        switch optimizer {
        case .gd, .momentum:
            // Momentum's first velocity is the gradient itself.
            #expect(history.network.layers[0].W[0, 0] == w - 0.5 * dW)
        case .adam:
            // Adam's first step: m̂ = g and v̂ = g² for the g it is given (up to rounding).
            let step: Double = 0.5 * dW / (abs(dW) + 1e-8)
            #expect(abs(history.network.layers[0].W[0, 0] - (w - step)) < 1e-15)
        }
        #expect(history.network.layers[0].b[0] == plain.layers[0].b[0])
        // What is reported is the data's cost C, not C + R.
        #expect(history.costs == [neuron.cost(not), history.network.cost(not)])
    }

    @Test("mini-batch steps add the same penalty gradient as full-batch ones")
    func regularizedBatch() throws {
        let data = BuiltInSet.xor.generate(count: 12, noise: 0, seed: 2)
        let start = Network.random(shape: [2, 3, 1], activations: [.tanh, .sigmoid], seed: 3, scale: 0.5)
        let penalty = Regularization(l2: 0.05, l1: 0.02)
        let options = TrainingOptions(rate: 0.5, steps: 1, batchSize: 5, seed: 9, regularization: penalty)
        let trained = try Trainer(options: options).train(start, on: data).network
        // The trainer's first batch: the first five of a shuffle by the training seed.
        var rng = Xoshiro256StarStar(seed: 9)
        var order = Array(0..<12)
        rng.shuffle(&order)
        var (_, g) = start.gradients(data.subset(Array(order[0..<5])))
        penalty.addGradient(of: start, to: &g)
        for l in 0..<start.depth {
            for i in start.layers[l].W.values.indices {
                #expect(trained.layers[l].W.values[i] == start.layers[l].W.values[i] - 0.5 * g.dW[l].values[i])
            }
            #expect(trained.layers[l].b == zip(start.layers[l].b, g.db[l]).map { $0 - 0.5 * $1 })
        }
    }

    @Test("an L2 penalty keeps the weights smaller; an L1 penalty pulls weights that matter little to zero")
    func regularizationShrinks() throws {
        let data = BuiltInSet.circle.generate(count: 60, noise: 0, seed: 4)
        let start = Network.random(shape: [2, 6, 1], activations: [.tanh, .sigmoid], seed: 5, scale: 1)
        func squares(_ n: Network) -> Double { n.layers.flatMap(\.W.values).map { $0 * $0 }.reduce(0, +) }
        func magnitudes(_ n: Network) -> Double { n.layers.flatMap(\.W.values).map(abs).reduce(0, +) }
        let plain = try Trainer(options: TrainingOptions(rate: 1, steps: 2000)).train(start, on: data).network
        let l2 = try Trainer(options: TrainingOptions(rate: 1, steps: 2000, regularization: Regularization(l2: 0.01))).train(start, on: data).network
        let l1 = try Trainer(options: TrainingOptions(rate: 1, steps: 2000, regularization: Regularization(l1: 0.01))).train(start, on: data).network
        #expect(squares(l2) < squares(plain), "Σw²: \(squares(l2)) with L2, \(squares(plain)) without")
        #expect(magnitudes(l1) < magnitudes(plain), "Σ|w|: \(magnitudes(l1)) with L1, \(magnitudes(plain)) without")
    }

    @Test("test examples are never trained on; their cost is recorded at every recorded step, bit for bit the reference's")
    func testCosts() throws {
        let all = BuiltInSet.spiral.generate(count: 40, noise: 0.1, seed: 3)
        let (training, test) = TestSplit(examples: 40, testShare: 0.25, seed: 3).apply(to: all)
        let start = Network.random(shape: [2, 5, 1], activations: [.tanh, .sigmoid], seed: 6, scale: 0.7)
        for batchSize in [nil, 7] as [Int?] {
            let options = TrainingOptions(rate: 0.5, steps: 30, batchSize: batchSize, regularization: Regularization(l2: 0.01))
            let keep = Set(0...30)
            let without = try Trainer(options: options).train(start, on: training, keeping: keep)
            let with = try Trainer(options: options).train(start, on: training, testing: test, keeping: keep)
            #expect(with.network == without.network)
            #expect(with.costs == without.costs)
            #expect(without.testCosts.isEmpty && without.finalTestCost == nil)
            #expect(with.testCosts.count == 31)
            for step in 0...30 {
                #expect(with.testCosts[step] == with.snapshots[step]?.cost(test), "step \(step)")
            }
            #expect(with.finalTestCost == with.network.cost(test))
        }
    }

    @Test("an observer gets the test cost and C + R on asking, the same numbers the history records")
    func observer() throws {
        let all = BuiltInSet.xor.generate(count: 20, noise: 0, seed: 1)
        let (training, test) = TestSplit(examples: 20, testShare: 0.3, seed: 1).apply(to: all)
        let start = Network.random(shape: [2, 4, 1], activations: [.tanh, .sigmoid], seed: 2, scale: 0.5)
        let penalty = Regularization(l2: 0.1, l1: 0.01)
        let trainer = Trainer(options: TrainingOptions(rate: 0.5, steps: 10, regularization: penalty))
        let recorded = try trainer.train(start, on: training, testing: test)
        var asked: [Double] = [], regularized: [Double] = [], steps: [Int] = []
        let quiet = try trainer.train(start, on: training, testing: test, recordingCosts: false, observe: { s in
            steps.append(s.step)
            asked.append(s.testCost() ?? .nan)
            regularized.append(s.regularizedCost)
            #expect(s.penalty == penalty.penalty(s.network))
            #expect(s.regularizedCost == s.cost + s.penalty)
        })
        #expect(steps == Array(0...10))
        #expect(asked == recorded.testCosts)
        #expect(quiet.testCosts.isEmpty && quiet.finalTestCost == recorded.finalTestCost)
        #expect(zip(regularized, recorded.costs).allSatisfy { $0 > $1 })
        // Without test examples there is nothing to ask for, and without a penalty C + R is C.
        _ = try Trainer(options: TrainingOptions(rate: 0.5, steps: 2)).train(start, on: training, observe: { s in
            #expect(s.testCost() == nil)
            #expect(s.regularizedCost == s.cost && s.penalty == 0)
        })
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
