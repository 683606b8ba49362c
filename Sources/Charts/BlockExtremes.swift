/// The smallest and largest finite value of a grid over short runs of each row, so a
/// contour scan can skip the cells a level cannot cut.
///
/// Block `b` of row `r` covers grid points `b·width … (b+1)·width` of that row (one point
/// more than its cells, for their right corners). Non-finite values are left out: cells with
/// such a corner are skipped by the scan anyway.
///
/// ```swift
/// let extremes = BlockExtremes(grid, width: 32)
/// extremes.crosses(0.5, row: 0, block: 0)   // whether some cell of the block may be cut
/// ```
struct BlockExtremes {
    let blocksPerRow: Int
    private let low: [Double]
    private let high: [Double]

    /// - Parameters:
    ///   - grid: the values.
    ///   - width: cells per block.
    init(_ grid: Grid, width: Int) {
        let columns = grid.columns
        let blocks = (columns - 1 + width - 1) / width
        blocksPerRow = blocks
        var low = [Double](repeating: .infinity, count: blocks * grid.rows)
        var high = [Double](repeating: -.infinity, count: blocks * grid.rows)
        grid.values.withUnsafeBufferPointer { values in
            for row in 0..<grid.rows {
                for block in 0..<blocks {
                    var lo = Double.infinity, hi = -Double.infinity
                    for column in (block * width)...min((block + 1) * width, columns - 1) {
                        let v = values[row * columns + column]
                        if v.isFinite {
                            lo = min(lo, v)
                            hi = max(hi, v)
                        }
                    }
                    low[row * blocks + block] = lo
                    high[row * blocks + block] = hi
                }
            }
        }
        self.low = low
        self.high = high
    }

    /// Whether some cell of `block` between rows `row` and `row + 1` may have corners on both
    /// sides of `level` (above it, and not above it).
    @inline(__always)
    func crosses(_ level: Double, row: Int, block: Int) -> Bool {
        let i = row * blocksPerRow + block
        let j = i + blocksPerRow
        return max(high[i], high[j]) > level && min(low[i], low[j]) <= level
    }
}
