/// Evaluates C at many values of two parameters, reusing everything that does not move.
///
/// Built once per surface (or per animation frame); `cost(x:y:scratch:)` is then called per
/// grid point. Results equal `Network.cost` with the two parameters set, up to the order in
/// which the per-example costs are added (≈1e-16 relative).
struct SweepEvaluator: Sendable {
    let network: Network
    let data: Dataset
    let x: ParameterName
    let y: ParameterName
    /// 0-based index of the first layer a swept parameter belongs to.
    let first: Int
    /// Rows (neurons) of that layer whose z moves.
    let movingRows: [Int]
    /// The forward pass at the network's own parameters.
    let base: ForwardPass
    /// Σ_k (a_i − y_i)² per output row at the base parameters.
    let baseRowCosts: [Double]
    let factor: Double

    /// What one thread changes per grid point.
    struct Scratch {
        var network: Network
        var activations: Matrix
    }

    init(network: Network, data: Dataset, x: ParameterName, y: ParameterName) {
        self.network = network
        self.data = data
        self.x = x
        self.y = y
        let firstLayer = min(x.layer, y.layer) - 1
        first = firstLayer
        movingRows = Array(Set([x, y].filter { $0.layer - 1 == firstLayer }.map(Self.row))).sorted()
        base = network.forward(data.inputs)
        let output = base.output
        baseRowCosts = (0..<output.rows).map { i in
            var sum = 0.0
            for k in 0..<output.columns {
                let d = output[i, k] - data.targets[i, k]
                sum += d * d
            }
            return sum
        }
        factor = network.reduction.factor(examples: data.count)
    }

    private static func row(_ p: ParameterName) -> Int {
        switch p {
        case .weight(_, let row, _): return row - 1
        case .bias(_, let index): return index - 1
        case .single: return 0
        }
    }

    func makeScratch() -> Scratch {
        Scratch(network: network, activations: base.a[first + 1])
    }

    func cost(x xValue: Double, y yValue: Double, scratch: inout Scratch) -> Double {
        scratch.network[x] = xValue
        scratch.network[y] = yValue
        let layer = scratch.network.layers[first]
        let aPrev = base.a[first]
        let n = data.count
        let isOutput = first == network.depth - 1

        if isOutput {
            var total = 0.0
            for i in baseRowCosts.indices where !movingRows.contains(i) { total += baseRowCosts[i] }
            for r in movingRows {
                for k in 0..<n {
                    let a = layer.activation.value(Self.z(layer, row: r, example: k, aPrev: aPrev))
                    let d = a - data.targets[r, k]
                    total += d * d
                }
            }
            return total * factor
        }

        for r in movingRows {
            for k in 0..<n {
                scratch.activations[r, k] = layer.activation.value(Self.z(layer, row: r, example: k, aPrev: aPrev))
            }
        }
        var a = scratch.activations
        for l in (first + 1)..<network.depth {
            a = scratch.network.layers[l].forward(a).a
        }
        var total = 0.0
        for i in 0..<a.values.count {
            let d = a.values[i] - data.targets.values[i]
            total += d * d
        }
        return total * factor
    }

    /// z of one neuron for one example, accumulated as `Dense.forward` does.
    @inline(__always)
    private static func z(_ layer: Dense, row r: Int, example k: Int, aPrev: Matrix) -> Double {
        var z = 0.0
        for j in 0..<layer.inputs { z = z.addingProduct(layer.W[r, j], aPrev[j, k]) }
        return z + layer.b[r]
    }
}
