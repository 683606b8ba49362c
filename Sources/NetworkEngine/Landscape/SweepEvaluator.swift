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

    /// What one thread changes per grid point: the network and buffers for z and a of the
    /// moving rows and of every layer after them, allocated once per thread, not per point.
    final class Scratch {
        var network: Network
        /// a of the first moving layer (its fixed rows stay at the base values).
        var activations: [Double]
        /// z and a of one row, n examples.
        var rowZ: [Double]
        var rowA: [Double]
        /// z and a of each layer after the first moving one.
        var z: [[Double]]
        var a: [[Double]]

        init(network: Network, activations: [Double], examples n: Int, first: Int) {
            self.network = network
            self.activations = activations
            rowZ = [Double](repeating: 0, count: n)
            rowA = rowZ
            let later = network.layers[(first + 1)...].map { [Double](repeating: 0, count: $0.outputs * n) }
            z = Array(later)
            a = Array(later)
        }
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
        Scratch(network: network, activations: base.a[first + 1].values, examples: data.count, first: first)
    }

    func cost(x xValue: Double, y yValue: Double, scratch: Scratch) -> Double {
        scratch.network[x] = xValue
        scratch.network[y] = yValue
        let layer = scratch.network.layers[first]
        let n = data.count
        let isOutput = first == network.depth - 1

        if isOutput {
            var total = 0.0
            for i in baseRowCosts.indices where !movingRows.contains(i) { total += baseRowCosts[i] }
            for r in movingRows {
                Self.row(layer, r, aPrev: base.a[first], z: &scratch.rowZ, a: &scratch.rowA)
                data.targets.values.withUnsafeBufferPointer { targets in
                    scratch.rowA.withUnsafeBufferPointer { a in
                        for k in 0..<n {
                            let d = a[k] - targets[r * n + k]
                            total += d * d
                        }
                    }
                }
            }
            return total * factor
        }

        for r in movingRows {
            Self.row(layer, r, aPrev: base.a[first], z: &scratch.rowZ, a: &scratch.rowA)
            scratch.activations.withUnsafeMutableBufferPointer { out in
                scratch.rowA.withUnsafeBufferPointer { a in
                    for k in 0..<n { out[r * n + k] = a[k] }
                }
            }
        }
        // The later layers in place, each reading the one before: no allocation per point.
        for l in (first + 1)..<network.depth {
            let slot = l - first - 1
            let input = slot == 0 ? scratch.activations : scratch.a[slot - 1]
            input.withUnsafeBufferPointer { aPrev in
                scratch.z[slot].withUnsafeMutableBufferPointer { z in
                    scratch.a[slot].withUnsafeMutableBufferPointer { a in
                        scratch.network.layers[l].forward(aPrev, columns: n, z: z, a: a)
                    }
                }
            }
        }
        var total = 0.0
        scratch.a[scratch.a.count - 1].withUnsafeBufferPointer { output in
            data.targets.values.withUnsafeBufferPointer { targets in
                for i in 0..<output.count {
                    let d = output[i] - targets[i]
                    total += d * d
                }
            }
        }
        return total * factor
    }

    /// z and σ(z) of one neuron for every example, accumulated as `Dense.forward` does (the
    /// same fused multiply-adds in the same order), a row at a time so the loops vectorise.
    private static func row(_ layer: Dense, _ r: Int, aPrev: Matrix, z: inout [Double], a: inout [Double]) {
        let n = aPrev.columns
        let inputs = layer.inputs
        z.withUnsafeMutableBufferPointer { zs in
            aPrev.values.withUnsafeBufferPointer { x in
                layer.W.values.withUnsafeBufferPointer { w in
                    for k in 0..<n { zs[k] = 0 }
                    for j in 0..<inputs {
                        let wrj = w[r * inputs + j]
                        for k in 0..<n { zs[k] = zs[k].addingProduct(wrj, x[j * n + k]) }
                    }
                    let br = layer.b[r]
                    for k in 0..<n { zs[k] += br }
                }
            }
            a.withUnsafeMutableBufferPointer { as_ in
                layer.activation.apply(UnsafeBufferPointer(zs), into: as_)
            }
        }
    }
}
