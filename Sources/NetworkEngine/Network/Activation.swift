import Foundation

/// A neuron's activation function σ, with its derivative beside it.
///
/// The derivative is written in terms of both `z` and `a = σ(z)`, so the backward pass
/// can reuse the forward pass's outputs: σ′(z) = a(1 − a). For tanh it uses the seed's own
/// formula, tanh′(z) = 1/cosh²(z): 1 − a² is as accurate but rounds differently, and the
/// seed's ∂C/∂b = −1.1186026425530913 then comes out as …915.
///
/// ```swift
/// let a = Activation.tanh.value(1.2)               // 0.8336546070121552
/// let d = Activation.tanh.derivative(z: 1.2, a: a) // 1 − a²
/// ```
public enum Activation: String, CaseIterable, Sendable, Codable {
    case tanh
    /// The logistic sigmoid σ(z) = 1/(1 + e^(−z)), with `Exponential`'s fast e^x (within 1 ulp of glibc's).
    case sigmoid
    case relu
    case identity

    /// The values σ can take, where they are bounded: [−1, 1] for tanh, [0, 1] for sigmoid;
    /// nil for relu and identity, which are unbounded above.
    public var outputRange: ClosedRange<Double>? {
        switch self {
        case .tanh: return -1...1
        case .sigmoid: return 0...1
        case .relu, .identity: return nil
        }
    }

    /// σ(z).
    @inlinable
    public func value(_ z: Double) -> Double {
        switch self {
        case .tanh: return Foundation.tanh(z)
        case .sigmoid: return Exponential.sigmoid(z)
        case .relu: return z > 0 ? z : 0
        case .identity: return z
        }
    }

    /// σ′(z), given `z` and `a = σ(z)`.
    ///
    /// ReLU's derivative at exactly 0 is taken as 0 (the subgradient most libraries use).
    @inlinable
    public func derivative(z: Double, a: Double) -> Double {
        switch self {
        case .tanh:
            let c = cosh(z)
            return 1 / (c * c)
        case .sigmoid: return a * (1 - a)
        case .relu: return z > 0 ? 1 : 0
        case .identity: return 1
        }
    }

    /// ∂C/∂z = ∂C/∂a · σ′(z): one step of the chain rule, given `z` and `a = σ(z)`.
    ///
    /// ReLU passes ∂C/∂a where z > 0 and an exact 0 elsewhere: 0 · ∂C/∂a would be −0 for a
    /// negative ∂C/∂a (printed as such in δ) and NaN for an infinite one.
    @inlinable
    public func chain(_ dCda: Double, z: Double, a: Double) -> Double {
        switch self {
        case .relu: return z > 0 ? dCda : 0
        case .tanh, .sigmoid, .identity: return dCda * derivative(z: z, a: a)
        }
    }
}
