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

    @Test("the array forms match the scalar forms", arguments: Activation.allCases)
    func arrays(_ activation: Activation) {
        let z: [Double] = [-3, -0.5, 0, 0.25, 2]
        var a = [Double](repeating: .nan, count: z.count)
        z.withUnsafeBufferPointer { zs in a.withUnsafeMutableBufferPointer { activation.apply(zs, into: $0) } }
        #expect(a == z.map(activation.value))
        var delta: [Double] = [1, 2, 3, 4, 5]
        let expected = zip(delta, zip(z, a)).map { $0 * activation.derivative(z: $1.0, a: $1.1) }
        z.withUnsafeBufferPointer { zs in
            a.withUnsafeBufferPointer { as_ in delta.withUnsafeMutableBufferPointer { activation.scaleByDerivative($0, z: zs, a: as_) } }
        }
        #expect(delta == expected)
    }
}
