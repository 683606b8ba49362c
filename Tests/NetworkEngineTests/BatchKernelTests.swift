import Testing
@testable import NetworkEngine

/// The training steps' `BatchKernel` keeps each example's values side by side; `Network` keeps
/// a row per neuron. Both must compute the same cost and gradients to the last bit.
struct BatchKernelTests {
    static func bits(_ matrices: [Matrix]) -> [[UInt64]] { matrices.map { $0.values.map(\.bitPattern) } }

    static func data(inputs: Int, outputs: Int, count: Int, seed: UInt64) -> Dataset {
        var rng = Xoshiro256StarStar(seed: seed)
        let x = (0..<(inputs * count)).map { _ in rng.nextNormal() }
        let y = (0..<(outputs * count)).map { _ in rng.nextNormal() * 0.5 }
        return Dataset(inputs: Matrix(rows: inputs, columns: count, values: x),
                       targets: Matrix(rows: outputs, columns: count, values: y))
    }

    /// Widths below, at and above a vector's eight lanes, and every activation.
    static let networks: [Network] = [
        .random(shape: [1, 6, 7, 2], activations: [.sigmoid, .sigmoid, .sigmoid], seed: 1, scale: 0.5),
        .random(shape: [2, 9, 17, 3], activations: [.tanh, .relu, .sigmoid], seed: 2, scale: 1),
        .random(shape: [3, 8, 16, 8], activations: [.identity, .sigmoid, .tanh], seed: 3, scale: 0.7),
        .random(shape: [1, 1, 1], activations: [.tanh, .identity], seed: 4, scale: 1, reduction: .sum),
        .random(shape: [11, 4, 1], activations: [.relu, .sigmoid], seed: 5, scale: 1, reduction: .sum),
    ]

    @Test("cost, ∂C/∂W and ∂C/∂b equal Network's bit for bit, through reused buffers",
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
            let cost = kernel.forward(network)
            kernel.backward(network, into: &gradients)
            let pass = network.forward(data.inputs)
            let expected = network.backward(pass, targets: data.targets)
            #expect(cost.bitPattern == network.cost(pass, targets: data.targets).bitPattern, "\(count) examples")
            #expect(Self.bits(gradients.dW) == Self.bits(expected.dW), "\(count) examples")
            #expect(gradients.db.map { $0.map(\.bitPattern) } == expected.db.map { $0.map(\.bitPattern) }, "\(count) examples")
        }
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
