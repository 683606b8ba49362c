import Foundation

/// σ and σ′ over whole buffers, for the training kernel: one `switch` per buffer rather than
/// per element, and the sigmoid through the vectorised exponential. Each element gets the
/// bits of `value` and `chain` (the tests compare them).
extension Activation {
    /// a = σ(z) for every element, with `value`'s bits.
    @inlinable
    public func apply(_ z: UnsafeBufferPointer<Double>, into a: UnsafeMutableBufferPointer<Double>) {
        switch self {
        case .tanh: for i in z.indices { a[i] = Foundation.tanh(z[i]) }
        case .sigmoid: Exponential.sigmoid(z, into: a)
        case .relu: for i in z.indices { a[i] = z[i] > 0 ? z[i] : 0 }
        case .identity: for i in z.indices { a[i] = z[i] }
        }
    }

    /// δ = ∂C/∂a ⊙ σ′(z) in place (∂C/∂a in `delta` on entry), with `chain`'s bits.
    @inlinable
    public func scaleByDerivative(
        _ delta: UnsafeMutableBufferPointer<Double>,
        z: UnsafeBufferPointer<Double>,
        a: UnsafeBufferPointer<Double>
    ) {
        switch self {
        case .tanh:
            for i in delta.indices {
                let c = cosh(z[i])
                delta[i] *= 1 / (c * c)
            }
        case .sigmoid: for i in delta.indices { delta[i] *= a[i] * (1 - a[i]) }
        case .relu: for i in delta.indices where !(z[i] > 0) { delta[i] = 0 }
        case .identity: break
        }
    }
}
