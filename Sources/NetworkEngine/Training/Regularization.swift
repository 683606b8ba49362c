/// A penalty on the weights that training adds to the cost it minimises:
/// R = λ₂/2 · Σ w² + λ₁ · Σ |w| over every weight of every layer (biases are not penalised),
/// so training minimises C + R while C stays the data's cost.
///
/// R does not depend on the examples: with `cost: mean` it is not divided by N, and a
/// mini-batch step adds all of it. Its gradient is λ₂ w + λ₁ sign(w) with sign(0) = 0 (|w| has
/// no derivative at 0; 0 is the subgradient that leaves a zero weight where it is).
///
/// ```swift
/// let decay = Regularization(l2: 0.01)
/// decay.penalty(network)                                 // 0.005 · Σ w²
/// var (cost, gradients) = network.gradients(data)
/// decay.addGradient(of: network, to: &gradients)         // ∂(C + R)/∂W, ∂(C + R)/∂b
/// ```
public struct Regularization: Equatable, Sendable {
    /// λ₂, the weight of λ₂/2 · Σ w².
    public var l2: Double
    /// λ₁, the weight of λ₁ · Σ |w|.
    public var l1: Double

    public init(l2: Double = 0, l1: Double = 0) {
        self.l2 = l2
        self.l1 = l1
    }

    /// No penalty: training minimises C alone, with the bits it always had.
    public static let none = Regularization()

    public var isNone: Bool { l2 == 0 && l1 == 0 }

    /// R = λ₂/2 · Σ w² + λ₁ · Σ |w|, the sums running over the layers in order and each
    /// layer's weights row by row; 0 without a penalty.
    public func penalty(_ network: Network) -> Double {
        guard !isNone else { return 0 }
        var squares = 0.0, magnitudes = 0.0
        for layer in network.layers {
            for w in layer.W.values {
                squares += w * w
                magnitudes += abs(w)
            }
        }
        let quadratic: Double = l2 / 2 * squares
        let absolute: Double = l1 * magnitudes
        return quadratic + absolute
    }

    /// Adds ∂R/∂w = λ₂ w + λ₁ sign(w) to every ∂C/∂w in `gradients` (the biases' are left as
    /// they are), so they become the gradients of C + R. Without a penalty it changes nothing.
    ///
    /// This is the one place the penalty's gradient is added: the trainer calls it after
    /// whichever kernel computed ∂C/∂W, and `eval` after the reference backward pass.
    public func addGradient(of network: Network, to gradients: inout Gradients) {
        guard !isNone else { return }
        precondition(gradients.dW.count == network.depth, "Regularization: \(gradients.dW.count) weight gradients for \(network.depth) layers")
        for l in 0..<network.depth {
            let W = network.layers[l].W.values
            precondition(gradients.dW[l].values.count == W.count, "Regularization: ∂C/∂W\(l + 1) does not match W\(l + 1)")
            gradients.dW[l].values.withUnsafeMutableBufferPointer { g in
                for i in W.indices {
                    let w = W[i]
                    let term: Double = l2 * w + l1 * Self.sign(w)
                    g[i] += term
                }
            }
        }
    }

    /// −1, 0 or 1; 0 for ±0 (and for NaN, which the trainer stops at anyway).
    @inline(__always)
    static func sign(_ w: Double) -> Double { w > 0 ? 1 : w < 0 ? -1 : 0 }
}
