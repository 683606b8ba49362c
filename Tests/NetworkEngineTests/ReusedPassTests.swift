import Testing
@testable import NetworkEngine

/// `forward(_:into:)` and `backward(_:targets:into:)` reuse buffers across calls; what they
/// compute must not depend on what the buffers held before.
struct ReusedPassTests {
    static func bits(_ matrices: [Matrix]) -> [[UInt64]] { matrices.map { $0.values.map(\.bitPattern) } }

    @Test("reused buffers give the allocating passes' bits, across sizes and networks")
    func reusedEqualsFresh() {
        let heart = Network.random(shape: [1, 6, 7, 2], activations: [.sigmoid, .sigmoid, .sigmoid], seed: 1, scale: 0.5)
        let deep = Network.random(shape: [1, 3, 2], activations: [.tanh, .relu], seed: 2, scale: 1)
        let wide = Network.random(shape: [1, 9, 2], activations: [.relu, .identity], seed: 3, scale: 1)
        var pass = ForwardPass(z: [], a: [])
        var gradients = Gradients(dW: [], db: [], delta: [], inputGradient: Matrix(rows: 0, columns: 0))
        // Different networks and example counts one after another through the same buffers.
        for (network, count) in [(heart, 100), (heart, 7), (deep, 7), (wide, 30), (heart, 100)] {
            let data = BuiltInSet.heart.generate(count: count, noise: 0, seed: 5)
            network.forward(data.inputs, into: &pass)
            let fresh = network.forward(data.inputs)
            #expect(Self.bits(pass.z) == Self.bits(fresh.z) && Self.bits(pass.a) == Self.bits(fresh.a))
            for wantInput in [false, true] {
                network.backward(pass, targets: data.targets, into: &gradients, inputGradient: wantInput)
                let expected = network.backward(fresh, targets: data.targets)
                #expect(Self.bits(gradients.dW) == Self.bits(expected.dW))
                #expect(gradients.db.map { $0.map(\.bitPattern) } == expected.db.map { $0.map(\.bitPattern) })
                #expect(Self.bits(gradients.delta) == Self.bits(expected.delta))
                if wantInput {
                    #expect(gradients.inputGradient.values.map(\.bitPattern) == expected.inputGradient.values.map(\.bitPattern))
                } else {
                    #expect(gradients.inputGradient.values.isEmpty)
                }
            }
        }
    }
}
