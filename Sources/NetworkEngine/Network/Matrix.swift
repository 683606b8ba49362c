/// A dense matrix of doubles, stored row-major in one flat array.
///
/// Weights are `rows = neurons of layer l`, `columns = neurons of layer l−1`. A batch of
/// activations is `rows = neurons`, `columns = examples`: one column per example, as in the
/// course, so the inner loops run over contiguous examples.
///
/// ```swift
/// var W = Matrix(rows: 2, columns: 3, values: [-2, 4, -1, 6, 0, -3])
/// W[1, 2]   // -3 (0-based indices)
/// ```
public struct Matrix: Equatable, Sendable {
    public let rows: Int
    public let columns: Int
    public var values: [Double]

    public init(rows: Int, columns: Int, values: [Double]) {
        precondition(values.count == rows * columns, "Matrix: \(values.count) values for \(rows)×\(columns)")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        self.init(rows: rows, columns: columns, values: Array(repeating: value, count: rows * columns))
    }

    /// Builds a matrix from nested rows; every row must have the same length.
    public init(_ nested: [[Double]]) {
        let columns = nested.first?.count ?? 0
        precondition(nested.allSatisfy { $0.count == columns }, "Matrix: ragged rows")
        self.init(rows: nested.count, columns: columns, values: nested.flatMap { $0 })
    }

    @inlinable
    public subscript(row: Int, column: Int) -> Double {
        get { values[row * columns + column] }
        set { values[row * columns + column] = newValue }
    }

    /// The rows as nested arrays (for printing and spec files).
    public var nested: [[Double]] {
        (0..<rows).map { r in Array(values[(r * columns)..<((r + 1) * columns)]) }
    }

    /// Column `k` as an array: one example of a batch.
    public func column(_ k: Int) -> [Double] {
        (0..<rows).map { values[$0 * columns + k] }
    }

    /// The matrix made of the given columns, in that order (a mini-batch).
    public func columns(_ indices: [Int]) -> Matrix {
        var result = Matrix(rows: rows, columns: indices.count)
        for r in 0..<rows {
            for (c, k) in indices.enumerated() { result.values[r * indices.count + c] = values[r * columns + k] }
        }
        return result
    }
}
