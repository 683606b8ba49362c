import Foundation

/// A name for one weight or bias, in the seed's notation, 1-based.
///
/// `W2[1,3]` is w^(2)_13, the weight from neuron 3 of layer 1 to neuron 1 of layer 2;
/// `b2[1]` is b^(2)_1. Where a layer has a single weight (or a single neuron), `w1` (`b1`)
/// names it. The `w` may be either case. Parsing and printing live here and nowhere else.
///
/// ```swift
/// let p = try ParameterName(parsing: "W2[1,3]")   // .weight(layer: 2, row: 1, column: 3)
/// p.name(in: network)                            // "W2[1,3]"
/// p.tex                                          // "w^{(2)}_{13}"
/// ```
public enum ParameterName: Hashable, Sendable, CustomStringConvertible {
    /// w^(layer)_(row, column): from neuron `column` of layer−1 to neuron `row` of layer.
    case weight(layer: Int, row: Int, column: Int)
    /// b^(layer)_index.
    case bias(layer: Int, index: Int)
    /// `w1` / `b1`: the single weight or bias of a layer; resolved against a network.
    case single(weight: Bool, layer: Int)

    /// Parses `W2[1,3]`, `w2[1,3]`, `b2[1]`, `w1`, `b1` (spaces inside brackets allowed).
    ///
    /// - Throws: `ParameterNameError.syntax` naming what was expected.
    public init(parsing text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let first = trimmed.first, "wWbB".contains(first) else { throw ParameterNameError.syntax(text) }
        let isWeight = first == "w" || first == "W"
        if first == "B" { throw ParameterNameError.syntax(text) }
        let rest = trimmed.dropFirst()
        let layerDigits = rest.prefix { $0.isASCII && $0.isNumber }
        guard let layer = Int(layerDigits), layer >= 1 else { throw ParameterNameError.syntax(text) }
        let tail = rest.dropFirst(layerDigits.count)
        if tail.isEmpty {
            self = .single(weight: isWeight, layer: layer)
            return
        }
        guard tail.first == "[", tail.last == "]" else { throw ParameterNameError.syntax(text) }
        let indices = tail.dropFirst().dropLast().split(separator: ",", omittingEmptySubsequences: false)
            .map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard indices.allSatisfy({ ($0 ?? 0) >= 1 }) else { throw ParameterNameError.syntax(text) }
        let values = indices.compactMap { $0 }
        switch (isWeight, values.count, indices.count) {
        case (true, 2, 2): self = .weight(layer: layer, row: values[0], column: values[1])
        case (false, 1, 1): self = .bias(layer: layer, index: values[0])
        default: throw ParameterNameError.syntax(text)
        }
    }

    public var layer: Int {
        switch self {
        case .weight(let layer, _, _), .bias(let layer, _), .single(_, let layer): return layer
        }
    }

    /// The explicit form of this name in `network`.
    ///
    /// - Throws: `ParameterNameError.notInNetwork` when the layer or index does not exist,
    ///   or a single-value name is used on a layer with several values.
    public func resolved(in network: Network) throws -> ParameterName {
        guard layer <= network.depth else {
            throw ParameterNameError.notInNetwork(description, "the network has layers 1 to \(network.depth)")
        }
        let dense = network.layers[layer - 1]
        switch self {
        case .single(true, _):
            guard dense.W.values.count == 1 else {
                throw ParameterNameError.notInNetwork(description, "layer \(layer) has \(dense.W.values.count) weights; name one as W\(layer)[row,column]")
            }
            return .weight(layer: layer, row: 1, column: 1)
        case .single(false, _):
            guard dense.b.count == 1 else {
                throw ParameterNameError.notInNetwork(description, "layer \(layer) has \(dense.b.count) biases; name one as b\(layer)[index]")
            }
            return .bias(layer: layer, index: 1)
        case .weight(_, let row, let column):
            guard row <= dense.outputs, column <= dense.inputs else {
                throw ParameterNameError.notInNetwork(description, "W\(layer) is \(dense.outputs)×\(dense.inputs)")
            }
            return self
        case .bias(_, let index):
            guard index <= dense.outputs else {
                throw ParameterNameError.notInNetwork(description, "b\(layer) has \(dense.outputs) entries")
            }
            return self
        }
    }

    /// The canonical name in `network`: `w1`/`b1` where the layer has a single value,
    /// `W2[1,3]`/`b2[1]` otherwise.
    public func name(in network: Network) -> String {
        guard let explicit = try? resolved(in: network) else { return description }
        let dense = network.layers[layer - 1]
        switch explicit {
        case .weight(let l, let r, let c):
            return dense.W.values.count == 1 ? "w\(l)" : "W\(l)[\(r),\(c)]"
        case .bias(let l, let i):
            return dense.b.count == 1 ? "b\(l)" : "b\(l)[\(i)]"
        case .single:
            return description
        }
    }

    /// The seed's notation in `network`: `w^{(1)}` where the layer has a single weight (as the
    /// seed writes the NOT neuron's), `w^{(2)}_{13}` otherwise.
    public func tex(in network: Network) -> String {
        guard let explicit = try? resolved(in: network) else { return tex }
        let dense = network.layers[layer - 1]
        switch explicit {
        case .weight(let l, _, _) where dense.W.values.count == 1: return "w^{(\(l))}"
        case .bias(let l, _) where dense.b.count == 1: return "b^{(\(l))}"
        default: return explicit.tex
        }
    }

    /// The name as written when parsed, in explicit form where indices are known.
    public var description: String {
        switch self {
        case .weight(let l, let r, let c): return "W\(l)[\(r),\(c)]"
        case .bias(let l, let i): return "b\(l)[\(i)]"
        case .single(let isWeight, let l): return isWeight ? "w\(l)" : "b\(l)"
        }
    }

    /// The seed's notation as a TeX-like label: `w^{(2)}_{13}`, `b^{(1)}_{2}`, `w^{(1)}`.
    public var tex: String {
        switch self {
        case .weight(let l, let r, let c): return "w^{(\(l))}_{\(r)\(c)}"
        case .bias(let l, let i): return "b^{(\(l))}_{\(i)}"
        case .single(let isWeight, let l): return isWeight ? "w^{(\(l))}" : "b^{(\(l))}"
        }
    }
}

/// Why a parameter name could not be used.
public enum ParameterNameError: Error, Equatable, CustomStringConvertible {
    case syntax(String)
    case notInNetwork(String, String)

    public var description: String {
        switch self {
        case .syntax(let text):
            return "'\(text)' is not a parameter name; expected W<layer>[<row>,<column>], b<layer>[<index>], w<layer> or b<layer> (e.g. W2[1,3], b2[1], w1)"
        case .notInNetwork(let name, let reason):
            return "'\(name)' is not a parameter of this network: \(reason)"
        }
    }
}

extension Network {
    /// The value of a named parameter.
    public subscript(parameter: ParameterName) -> Double {
        get {
            switch parameter {
            case .weight(let l, let r, let c): return layers[l - 1].W[r - 1, c - 1]
            case .bias(let l, let i): return layers[l - 1].b[i - 1]
            case .single(let isWeight, let l): return isWeight ? layers[l - 1].W.values[0] : layers[l - 1].b[0]
            }
        }
        set {
            switch parameter {
            case .weight(let l, let r, let c): layers[l - 1].W[r - 1, c - 1] = newValue
            case .bias(let l, let i): layers[l - 1].b[i - 1] = newValue
            case .single(let isWeight, let l):
                if isWeight { layers[l - 1].W.values[0] = newValue } else { layers[l - 1].b[0] = newValue }
            }
        }
    }
}

extension Gradients {
    /// These gradients with every entry but the named parameters' set to zero.
    public func keepingOnly(_ parameters: [ParameterName]) -> Gradients {
        var result = self
        for l in result.dW.indices {
            for i in result.dW[l].values.indices { result.dW[l].values[i] = 0 }
            for i in result.db[l].indices { result.db[l][i] = 0 }
        }
        for p in parameters {
            switch p {
            case .weight(let l, let r, let c): result.dW[l - 1][r - 1, c - 1] = dW[l - 1][r - 1, c - 1]
            case .bias(let l, let i): result.db[l - 1][i - 1] = db[l - 1][i - 1]
            case .single(let isWeight, let l):
                if isWeight { result.dW[l - 1].values[0] = dW[l - 1].values[0] } else { result.db[l - 1][0] = db[l - 1][0] }
            }
        }
        return result
    }

    /// ∂C/∂p for a named parameter.
    public subscript(parameter: ParameterName) -> Double {
        switch parameter {
        case .weight(let l, let r, let c): return dW[l - 1][r - 1, c - 1]
        case .bias(let l, let i): return db[l - 1][i - 1]
        case .single(let isWeight, let l): return isWeight ? dW[l - 1].values[0] : db[l - 1][0]
        }
    }
}
