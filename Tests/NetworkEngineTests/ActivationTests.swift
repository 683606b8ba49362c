import Foundation
import Testing
@testable import NetworkEngine

struct ActivationTests {
    @Test("value and derivative agree with their definitions", arguments: Activation.allCases)
    func definitions(_ activation: Activation) {
        for z in stride(from: -4.0, through: 4.0, by: 0.37) {
            let a = activation.value(z)
            let expected: Double
            switch activation {
            case .tanh: expected = (exp(z) - exp(-z)) / (exp(z) + exp(-z))
            case .sigmoid: expected = exp(z) / (1 + exp(z))
            case .relu: expected = max(0, z)
            case .identity: expected = z
            }
            #expect(abs(a - expected) < 1e-15)
            let numeric = (activation.value(z + 1e-6) - activation.value(z - 1e-6)) / 2e-6
            #expect(abs(activation.derivative(z: z, a: a) - numeric) < 1e-8, "σ′(\(z))")
        }
    }

    @Test("the buffer forms have the scalar forms' bits", arguments: Activation.allCases)
    func arrays(_ activation: Activation) {
        let z: [Double] = [-3, -0.5, 0, 0.25, 2, -1, 1]
        var a = [Double](repeating: .nan, count: z.count)
        z.withUnsafeBufferPointer { zs in a.withUnsafeMutableBufferPointer { activation.apply(zs, into: $0) } }
        #expect(a.map(\.bitPattern) == z.map { activation.value($0).bitPattern })
        // Negative ∂C/∂a too: ReLU's stopped gradient is +0, never −0.
        var delta: [Double] = [1, 2, 3, 4, 5, -6, -7]
        let expected = zip(delta, zip(z, a)).map { activation.chain($0, z: $1.0, a: $1.1) }
        z.withUnsafeBufferPointer { zs in
            a.withUnsafeBufferPointer { as_ in delta.withUnsafeMutableBufferPointer { activation.scaleByDerivative($0, z: zs, a: as_) } }
        }
        #expect(delta.map(\.bitPattern) == expected.map(\.bitPattern))
        // The chain rule's step is ∂C/∂a · σ′ wherever σ′ is nonzero.
        for (d, (zi, ai)) in zip([1.0, 2, 3, 4, 5, -6, -7], zip(z, a)) where activation.derivative(z: zi, a: ai) != 0 {
            #expect(activation.chain(d, z: zi, a: ai) == d * activation.derivative(z: zi, a: ai))
        }
    }
}
