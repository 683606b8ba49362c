import Foundation

/// Every weight and bias of a network, or a direction among them: one matrix and one vector
/// per layer, shaped as the network's.
///
/// A point of the parameter space is a `Network`'s parameters (`init(_:)`); a direction is a
/// difference of two (`θ_other − θ`) or a random draw (`RandomDirections`). `values` lists
/// the entries layer by layer, W^(l) row by row and then b^(l).
///
/// ```swift
/// let theta = ParameterVector(network)
/// let delta = ParameterVector(other) - theta   // the direction toward another network
/// delta.norm                                   // ‖θ_other − θ‖
/// ```
public struct ParameterVector: Equatable, Sendable {
    /// W[l − 1] is the part of W^(l).
    public var W: [Matrix]
    /// b[l − 1] is the part of b^(l).
    public var b: [[Double]]

    public init(W: [Matrix], b: [[Double]]) {
        precondition(W.count == b.count && zip(W, b).allSatisfy { $0.rows == $1.count }, "ParameterVector: weights and biases disagree")
        self.W = W
        self.b = b
    }

    /// The network's weights and biases.
    public init(_ network: Network) {
        self.init(W: network.layers.map(\.W), b: network.layers.map(\.b))
    }

    /// Zeros, shaped as `network`'s parameters.
    public static func zeros(like network: Network) -> ParameterVector {
        ParameterVector(W: network.layers.map { Matrix(rows: $0.outputs, columns: $0.inputs) },
                        b: network.layers.map { [Double](repeating: 0, count: $0.outputs) })
    }

    /// Neurons per layer, inputs first, as `Network.shape`.
    public var shape: [Int] { [W[0].columns] + W.map(\.rows) }

    /// How many numbers it holds.
    public var count: Int { W.reduce(0) { $0 + $1.values.count } + b.reduce(0) { $0 + $1.count } }

    /// Every entry, layer by layer: W^(l) row by row, then b^(l).
    public var values: [Double] {
        var out: [Double] = []
        out.reserveCapacity(count)
        for l in W.indices {
            out += W[l].values
            out += b[l]
        }
        return out
    }

    /// The vector of this shape holding `values` (in the order `values` lists them).
    public func replacing(values: [Double]) -> ParameterVector {
        precondition(values.count == count, "ParameterVector: \(values.count) values for \(count) entries")
        var result = self
        var offset = 0
        for l in W.indices {
            let weights = W[l].values.count, biases = b[l].count
            result.W[l].values = Array(values[offset..<(offset + weights)])
            result.b[l] = Array(values[(offset + weights)..<(offset + weights + biases)])
            offset += weights + biases
        }
        return result
    }

    /// Entry by entry, `self − other` (shapes must match).
    public static func - (lhs: ParameterVector, rhs: ParameterVector) -> ParameterVector {
        precondition(lhs.shape == rhs.shape, "ParameterVector: shapes \(lhs.shape) and \(rhs.shape) differ")
        return lhs.replacing(values: zip(lhs.values, rhs.values).map { $0 - $1 })
    }

    /// Σ xᵢ yᵢ over every entry, in the order of `values`.
    public func dot(_ other: ParameterVector) -> Double {
        precondition(shape == other.shape, "ParameterVector: shapes \(shape) and \(other.shape) differ")
        var sum = 0.0
        for (x, y) in zip(values, other.values) { sum += x * y }
        return sum
    }

    /// The Euclidean length, √(Σ xᵢ²).
    public var norm: Double { dot(self).squareRoot() }

    /// Whether every entry is finite.
    public var isFinite: Bool { values.allSatisfy(\.isFinite) }
}
