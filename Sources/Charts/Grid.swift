/// Values sampled on a regular grid: `values[row * columns + column]`, column 0 at
/// `x.lowerBound`, row 0 at `y.lowerBound` (the bottom of a plot), the last column and row
/// exactly at the upper bounds.
///
/// ```swift
/// let grid = Grid(columns: 3, rows: 2, values: [0, 1, 2, 3, 4, 5], x: 0...1, y: -1...1)
/// grid?.value(column: 2, row: 1)        // 5
/// grid?.interpolated(x: 0.25, y: -1)    // 0.5
/// ```
public struct Grid: Sendable {
    public let columns: Int
    public let rows: Int
    public let values: [Double]
    public let x: ClosedRange<Double>
    public let y: ClosedRange<Double>

    /// A grid, or nil unless `values.count == columns * rows` with at least 2×2 points.
    public init?(columns: Int, rows: Int, values: [Double], x: ClosedRange<Double>, y: ClosedRange<Double>) {
        guard columns >= 2, rows >= 2, values.count == columns * rows else { return nil }
        self.columns = columns
        self.rows = rows
        self.values = values
        self.x = x
        self.y = y
    }

    /// A grid filled by evaluating `f(x, y)` at every grid point.
    public init?(columns: Int, rows: Int, x: ClosedRange<Double>, y: ClosedRange<Double>, _ f: (Double, Double) -> Double) {
        guard columns >= 2, rows >= 2 else { return nil }
        var values: [Double] = []
        values.reserveCapacity(columns * rows)
        for row in 0..<rows {
            for column in 0..<columns {
                values.append(f(Grid.coordinate(column, of: columns, in: x), Grid.coordinate(row, of: rows, in: y)))
            }
        }
        self.init(columns: columns, rows: rows, values: values, x: x, y: y)
    }

    static func coordinate(_ index: Int, of count: Int, in range: ClosedRange<Double>) -> Double {
        let t: Double = Double(index) / Double(count - 1)
        return range.lowerBound + t * (range.upperBound - range.lowerBound)
    }

    public func value(column: Int, row: Int) -> Double {
        values[row * columns + column]
    }

    /// The x of a column.
    public func xCoordinate(column: Int) -> Double { Grid.coordinate(column, of: columns, in: x) }

    /// The y of a row.
    public func yCoordinate(row: Int) -> Double { Grid.coordinate(row, of: rows, in: y) }

    /// The smallest and largest finite values (positive only when `positive`), or nil.
    public func finiteRange(positive: Bool = false) -> ClosedRange<Double>? {
        var low = Double.infinity
        var high = -Double.infinity
        for value in values where value.isFinite && (!positive || value > 0) {
            low = min(low, value)
            high = max(high, value)
        }
        return low <= high ? low...high : nil
    }

    /// Bilinear interpolation between the four surrounding grid points.
    ///
    /// Where one of them is not finite, the nearest grid point's value is used instead, so
    /// NaN and ±∞ cells stay visible as such without smearing into their neighbours.
    public func interpolated(x px: Double, y py: Double) -> Double {
        let xSpan: Double = x.upperBound - x.lowerBound
        let ySpan: Double = y.upperBound - y.lowerBound
        let fx: Double = xSpan == 0 ? 0 : (px - x.lowerBound) / xSpan * Double(columns - 1)
        let fy: Double = ySpan == 0 ? 0 : (py - y.lowerBound) / ySpan * Double(rows - 1)
        let cx: Double = min(max(fx, 0), Double(columns - 1))
        let cy: Double = min(max(fy, 0), Double(rows - 1))
        let c0 = min(Int(cx), columns - 2)
        let r0 = min(Int(cy), rows - 2)
        let tx: Double = cx - Double(c0)
        let ty: Double = cy - Double(r0)
        let v00 = value(column: c0, row: r0)
        let v10 = value(column: c0 + 1, row: r0)
        let v01 = value(column: c0, row: r0 + 1)
        let v11 = value(column: c0 + 1, row: r0 + 1)
        if v00.isFinite && v10.isFinite && v01.isFinite && v11.isFinite {
            let bottom: Double = v00 + (v10 - v00) * tx
            let top: Double = v01 + (v11 - v01) * tx
            return bottom + (top - bottom) * ty
        }
        let nearestColumn = c0 + (tx < 0.5 ? 0 : 1)
        let nearestRow = r0 + (ty < 0.5 ? 0 : 1)
        return value(column: nearestColumn, row: nearestRow)
    }
}
