/// Examples for a network: inputs and targets, one column per example.
///
/// ```swift
/// let not = Dataset(inputs: [[1], [0]], targets: [[0], [1]])
/// not.count   // 2
/// ```
public struct Dataset: Equatable, Sendable {
    /// One row per input neuron, one column per example.
    public var inputs: Matrix
    /// One row per output neuron, one column per example.
    public var targets: Matrix

    public init(inputs: Matrix, targets: Matrix) {
        precondition(inputs.columns == targets.columns, "Dataset: \(inputs.columns) inputs, \(targets.columns) targets")
        self.inputs = inputs
        self.targets = targets
    }

    /// Builds a data set from one row per example, as a spec or a CSV file lists them.
    public init(inputs: [[Double]], targets: [[Double]]) {
        self.init(inputs: Matrix(inputs).transposed, targets: Matrix(targets).transposed)
    }

    public var count: Int { inputs.columns }
    public var inputWidth: Int { inputs.rows }
    public var targetWidth: Int { targets.rows }

    /// The examples at `indices`, in that order (a mini-batch).
    public func subset(_ indices: [Int]) -> Dataset {
        Dataset(inputs: inputs.columns(indices), targets: targets.columns(indices))
    }
}

extension Matrix {
    /// The transpose.
    public var transposed: Matrix {
        var result = Matrix(rows: columns, columns: rows)
        for r in 0..<rows {
            for c in 0..<columns { result.values[c * rows + r] = values[r * columns + c] }
        }
        return result
    }
}
