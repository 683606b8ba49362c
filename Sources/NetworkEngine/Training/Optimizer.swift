import Foundation

/// How a training step turns gradients into a parameter update.
///
/// - `gd`: P ← P − rate · J (the course's step).
/// - `momentum`: v ← β v + J; P ← P − rate · v (β = 0.9).
/// - `adam`: Kingma & Ba, β₁ = 0.9, β₂ = 0.999, ε = 1e-8, with bias correction.
public enum Optimizer: String, CaseIterable, Sendable, Codable {
    case gd
    case momentum
    case adam

    /// A rate that works for the course's networks when the spec names none: the course's
    /// 3.5 for plain descent, the same effective step for momentum, Adam's usual scale.
    public var defaultRate: Double {
        switch self {
        case .gd: return 3.5
        case .momentum: return 0.35
        case .adam: return 0.01
        }
    }
}

/// An optimizer with its running state (velocities, moments), one slot per parameter block
/// in the course's order W^(1) … W^(L), b^(1) … b^(L).
struct OptimizerState {
    let optimizer: Optimizer
    let rate: Double
    private var first: [[Double]] = []
    private var second: [[Double]] = []
    private var step = 0

    static let momentumBeta = 0.9
    static let adamBeta1 = 0.9
    static let adamBeta2 = 0.999
    static let adamEpsilon = 1e-8

    init(optimizer: Optimizer, rate: Double) {
        self.optimizer = optimizer
        self.rate = rate
    }

    /// Applies one update to every block of `network`.
    mutating func apply(_ gradients: Gradients, to network: inout Network) {
        step += 1
        let depth = network.depth
        if first.isEmpty, optimizer != .gd {
            first = network.layers.map { [Double](repeating: 0, count: $0.W.values.count) }
                + network.layers.map { [Double](repeating: 0, count: $0.b.count) }
            second = first
        }
        for l in 0..<depth {
            update(&network.layers[l].W.values, gradients.dW[l].values, slot: l)
        }
        for l in 0..<depth {
            update(&network.layers[l].b, gradients.db[l], slot: depth + l)
        }
    }

    private mutating func update(_ p: inout [Double], _ g: [Double], slot: Int) {
        switch optimizer {
        case .gd:
            for i in p.indices { p[i] -= rate * g[i] }
        case .momentum:
            let beta = Self.momentumBeta
            for i in p.indices {
                first[slot][i] = beta * first[slot][i] + g[i]
                p[i] -= rate * first[slot][i]
            }
        case .adam:
            let b1 = Self.adamBeta1, b2 = Self.adamBeta2
            let correction1: Double = 1 - pow(b1, Double(step))
            let correction2: Double = 1 - pow(b2, Double(step))
            for i in p.indices {
                first[slot][i] = b1 * first[slot][i] + (1 - b1) * g[i]
                second[slot][i] = b2 * second[slot][i] + (1 - b2) * g[i] * g[i]
                let mHat: Double = first[slot][i] / correction1
                let vHat: Double = second[slot][i] / correction2
                p[i] -= rate * mHat / (vHat.squareRoot() + Self.adamEpsilon)
            }
        }
    }
}
