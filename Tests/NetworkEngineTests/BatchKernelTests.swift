import Testing
@testable import NetworkEngine

/// The training steps' `BatchKernel` keeps each example's values side by side and sums in
/// vectors; `Network` (its `Dense` layers) is the plain reference. Both must compute the same
/// cost, z, a, δ and gradients to the last bit.
struct BatchKernelTests {
    static func bits(_ matrices: [Matrix]) -> [[UInt64]] { matrices.map { $0.values.map(\.bitPattern) } }
    static func bits(_ matrix: Matrix) -> [UInt64] { matrix.values.map(\.bitPattern) }

    static func data(inputs: Int, outputs: Int, count: Int, seed: UInt64) -> Dataset {
        var rng = Xoshiro256StarStar(seed: seed)
        let x = (0..<(inputs * count)).map { _ in rng.nextNormal() }
        let y = (0..<(outputs * count)).map { _ in rng.nextNormal() * 0.5 }
        return Dataset(inputs: Matrix(rows: inputs, columns: count, values: x),
                       targets: Matrix(rows: outputs, columns: count, values: y))
    }

    /// Runs `kernel` (loaded with `data`) and the reference, and expects the same bits for the
    /// cost, ∂C/∂W, ∂C/∂b, and z, a and δ of every layer.
    static func expectSameBits(_ network: Network, _ data: Dataset, kernel: BatchKernel, gradients: inout Gradients,
                               _ label: String) {
        let cost = kernel.forward(network)
        kernel.backward(network, into: &gradients)
        let pass = network.forward(data.inputs)
        let expected = network.backward(pass, targets: data.targets)
        #expect(cost.bitPattern == network.cost(pass, targets: data.targets).bitPattern, "cost, \(label)")
        #expect(bits(gradients.dW) == bits(expected.dW), "∂C/∂W, \(label)")
        #expect(gradients.db.map { $0.map(\.bitPattern) } == expected.db.map { $0.map(\.bitPattern) }, "∂C/∂b, \(label)")
        for l in 1...network.depth {
            let values = kernel.values(layer: l)
            #expect(bits(values.z) == bits(pass.z[l - 1]), "z^(\(l)), \(label)")
            #expect(bits(values.a) == bits(pass.a[l]), "a^(\(l)), \(label)")
            #expect(bits(values.delta) == bits(expected.delta[l - 1]), "δ^(\(l)), \(label)")
        }
    }

    /// Widths below, at and above a vector's eight lanes, and every activation.
    static let networks: [Network] = [
        .random(shape: [1, 6, 7, 2], activations: [.sigmoid, .sigmoid, .sigmoid], seed: 1, scale: 0.5),
        .random(shape: [2, 9, 17, 3], activations: [.tanh, .relu, .sigmoid], seed: 2, scale: 1),
        .random(shape: [3, 8, 16, 8], activations: [.identity, .sigmoid, .tanh], seed: 3, scale: 0.7),
        .random(shape: [1, 1, 1], activations: [.tanh, .identity], seed: 4, scale: 1, reduction: .sum),
        .random(shape: [11, 4, 1], activations: [.relu, .sigmoid], seed: 5, scale: 1, reduction: .sum),
    ]

    @Test("cost, z, a, δ, ∂C/∂W and ∂C/∂b equal Network's bit for bit, through reused buffers",
          arguments: networks.indices)
    func sameBits(index: Int) {
        let network = Self.networks[index]
        let kernel = BatchKernel(shape: network.shape)
        var gradients = Gradients(dW: [], db: [], delta: [], inputGradient: Matrix(rows: 0, columns: 0))
        // Example counts that are and are not multiples of a vector, one after another
        // through the same kernel.
        for (round, count) in [100, 7, 1, 33, 100].enumerated() {
            let data = Self.data(inputs: network.shape[0], outputs: network.shape.last ?? 0, count: count,
                                 seed: UInt64(10 * index + round))
            kernel.load(data)
            Self.expectSameBits(network, data, kernel: kernel, gradients: &gradients, "\(count) examples")
        }
    }

    /// (neurons o, inputs m, examples n): the example counts hit every path of the weighted
    /// sums (blocks of four examples, single examples, mixes), the widths every vector size.
    static let layerShapes: [(outputs: Int, inputs: Int, examples: Int)] = [
        (6, 1, 100), (7, 6, 100), (2, 7, 100), (3, 5, 32), (4, 3, 40), (2, 9, 7), (5, 2, 1), (1, 1, 75), (3, 4, 0),
    ]

    @Test("z = W a + b and Wᵀδ of an m → m → o identity network equal Dense's bit for bit",
          arguments: layerShapes.indices)
    func weightedSums(index: Int) {
        let (o, m, n) = Self.layerShapes[index]
        // Identity activations: δ^(1) is W^(2)ᵀ δ^(2) exactly, as the kernel's Wᵀδ left it.
        let network = Network.random(shape: [m, m, o], activations: [.identity, .identity], seed: UInt64(100 + index),
                                     scale: 1, reduction: .sum)
        let data = Self.data(inputs: m, outputs: o, count: n, seed: UInt64(200 + index))
        let kernel = BatchKernel(shape: network.shape)
        kernel.load(data)
        var gradients = Gradients(dW: [], db: [], delta: [], inputGradient: Matrix(rows: 0, columns: 0))
        Self.expectSameBits(network, data, kernel: kernel, gradients: &gradients, "\(m) → \(m) → \(o), \(n) examples")
    }

    @Test("∂C/∂W and ∂C/∂b of one layer, times the mean's 1/n, equal Dense's bit for bit", arguments: [
        (1, 1, 1), (6, 1, 100), (7, 6, 100), (2, 7, 100), (3, 8, 5), (9, 15, 13), (4, 16, 2), (5, 17, 0),
        (12, 2, 37), (8, 3, 9), (6, 1, 0),
    ])
    func weightGradients(outputs: Int, inputs: Int, examples n: Int) {
        // The mean's factor 1/n, except with no examples (where 1/n is infinite).
        let network = Network.random(shape: [inputs, outputs], activations: [.identity],
                                     seed: UInt64(outputs * 1000 + inputs * 10 + n), scale: 1,
                                     reduction: n > 0 ? .mean : .sum)
        let data = Self.data(inputs: inputs, outputs: outputs, count: n, seed: UInt64(n + 7))
        let kernel = BatchKernel(shape: network.shape)
        kernel.load(data)
        var gradients = Gradients(dW: [], db: [], delta: [], inputGradient: Matrix(rows: 0, columns: 0))
        Self.expectSameBits(network, data, kernel: kernel, gradients: &gradients, "\(inputs) → \(outputs), \(n) examples")
    }

    @Test("the networks above run ∂C/∂W's lanes both ways: over neurons and over inputs")
    func bothOrientations() {
        let layers = Self.networks.flatMap { network in
            network.layers.map { BatchKernel.lanesRunOverInputs(inputs: $0.inputs, outputs: $0.outputs) }
        }
        #expect(layers.contains(true) && layers.contains(false))
        // The heart's output layer (7 inputs, 2 neurons) runs over its inputs, its middle layer over its neurons.
        #expect(BatchKernel.lanesRunOverInputs(inputs: 7, outputs: 2))
        #expect(!BatchKernel.lanesRunOverInputs(inputs: 6, outputs: 7))
    }

    @Test("a batch loaded by indices is the subset's batch")
    func batchByIndices() {
        let network = Self.networks[1]
        let data = Self.data(inputs: 2, outputs: 3, count: 40, seed: 9)
        let indices = [39, 3, 17, 0, 22, 5, 11, 30, 8]
        let kernel = BatchKernel(shape: network.shape)
        kernel.load(data, examples: indices)
        let subset = data.subset(indices)
        #expect(kernel.forward(network).bitPattern == network.cost(subset).bitPattern)
        var gradients = Gradients(dW: [], db: [], delta: [], inputGradient: Matrix(rows: 0, columns: 0))
        kernel.backward(network, into: &gradients)
        let expected = network.backward(network.forward(subset.inputs), targets: subset.targets)
        #expect(Self.bits(gradients.dW) == Self.bits(expected.dW))
    }
}
