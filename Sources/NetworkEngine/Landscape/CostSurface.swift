import Dispatch

/// The exact cost C over a grid of two parameters, every other parameter held fixed.
///
/// Rows of `values` run over `y` (first row at `yRange.lowerBound`), columns over `x`:
/// `values[row * resolution.x + column]`. Grid points include both ends of each range.
///
/// ```swift
/// let surface = CostSurface(network: not, data: data, x: .weight(layer: 1, row: 1, column: 1),
///                           y: .bias(layer: 1, index: 1), xRange: -10...10, yRange: -10...10,
///                           resolution: (x: 256, y: 256))
/// surface.value(column: 0, row: 0)   // C at w = −10, b = −10
/// ```
public struct CostSurface: Sendable {
    /// What the columns run over: a named parameter, or a direction of a plane.
    public let x: SurfaceAxis
    /// What the rows run over.
    public let y: SurfaceAxis
    public let xRange: ClosedRange<Double>
    public let yRange: ClosedRange<Double>
    public let columns: Int
    public let rows: Int
    public let values: [Double]

    /// The x value of column `i`: an exact linear interpolation, never an accumulated sum.
    public func xValue(_ i: Int) -> Double { Self.coordinate(i, columns, xRange) }
    public func yValue(_ j: Int) -> Double { Self.coordinate(j, rows, yRange) }

    public func value(column: Int, row: Int) -> Double { values[row * columns + column] }

    /// Grid point `i` of `count` over `range`, both ends included: what `xValue` and `yValue` give.
    public static func coordinate(_ i: Int, _ count: Int, _ range: ClosedRange<Double>) -> Double {
        guard count > 1 else { return range.lowerBound }
        let t = Double(i) / Double(count - 1)
        return range.lowerBound + t * (range.upperBound - range.lowerBound)
    }

    /// Evaluates the grid.
    ///
    /// Work that does not depend on the swept parameters is done once: the layers before the
    /// first swept one are evaluated a single time, and in that layer only the neurons whose
    /// weight or bias moves are recomputed per grid point. When the two are a weight and its
    /// neuron's bias, the neuron's weighted sum is computed once per weight value and shared
    /// by every bias. Every value has the bits `Network.cost` gives at that point. Rows (or
    /// columns) of the grid are shared among threads (`threads`, default: every core).
    ///
    /// - Parameters: x, y must be explicit names (`resolved(in:)`) and differ.
    public init(
        network: Network, data: Dataset, x: ParameterName, y: ParameterName,
        xRange: ClosedRange<Double>, yRange: ClosedRange<Double>,
        resolution: (x: Int, y: Int), threads: Int? = nil
    ) {
        let values = Self.values(rows: 0..<resolution.y, network: network, data: data, x: x, y: y,
                                 xRange: xRange, yRange: yRange, resolution: resolution, threads: threads)
        self.init(x: x, y: y, xRange: xRange, yRange: yRange, columns: resolution.x, rows: resolution.y, values: values)
    }

    /// A grid whose values were computed elsewhere: the rows of a sharded run, put together.
    ///
    /// - Parameter values: `columns × rows` costs, row by row from `yRange.lowerBound`.
    public init(x: ParameterName, y: ParameterName, xRange: ClosedRange<Double>, yRange: ClosedRange<Double>,
                columns: Int, rows: Int, values: [Double]) {
        self.init(axes: (.parameter(x), .parameter(y)), xRange: xRange, yRange: yRange, columns: columns, rows: rows, values: values)
    }

    /// A grid whose values were computed elsewhere, over any two axes.
    public init(axes: (x: SurfaceAxis, y: SurfaceAxis), xRange: ClosedRange<Double>, yRange: ClosedRange<Double>,
                columns: Int, rows: Int, values: [Double]) {
        let (x, y) = axes
        precondition(columns >= 1 && rows >= 1, "CostSurface: empty grid")
        precondition(values.count == columns * rows, "CostSurface: \(values.count) values for a \(columns)×\(rows) grid")
        self.x = x
        self.y = y
        self.xRange = xRange
        self.yRange = yRange
        self.columns = columns
        self.rows = rows
        self.values = values
    }

    /// Rows `band` (0-based) of the grid the initializer evaluates, evaluated alone: one
    /// shard's share of a grid split among machines.
    ///
    /// Each point's cost is computed from its own x and y only (lanes never mix, and a shared
    /// weighted sum is the same sum whichever rows use it), so these values have the bits the
    /// whole grid gives the same rows. Returns `band.count × resolution.x` costs, row by row.
    ///
    /// ```swift
    /// let whole = CostSurface(network: n, data: d, x: w, y: b, xRange: -3...3, yRange: -3...3, resolution: (x: 64, y: 64))
    /// let part = CostSurface.values(rows: 10..<20, network: n, data: d, x: w, y: b, xRange: -3...3, yRange: -3...3,
    ///                               resolution: (x: 64, y: 64))
    /// part == Array(whole.values[640..<1280])   // true, bit for bit
    /// ```
    public static func values(
        rows band: Range<Int>, network: Network, data: Dataset, x: ParameterName, y: ParameterName,
        xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, resolution: (x: Int, y: Int), threads: Int? = nil
    ) -> [Double] {
        let evaluator = SweepEvaluator(network: network, data: data, x: x, y: y)
        let grid = LaneGrid(rows: band, resolution: resolution, xRange: xRange, yRange: yRange)
        // Work is shared by columns when the sum is shared along them (weight on x), else by rows.
        return grid.fill(units: evaluator.weightAxis == .x ? grid.groups : grid.rows, threads: threads) { worker, workers, store in
            let lanes = SweepLanes(evaluator)
            switch evaluator.weightAxis {
            case .x:
                // A column group's weighted sums serve every row.
                for group in stride(from: worker, to: grid.groups, by: workers) {
                    lanes.share(weight: grid.xLanes(group))
                    for row in 0..<grid.rows { store(lanes.costs(bias: SweepLanes.Lanes(repeating: grid.ys[row])), row, group) }
                }
            case .y:
                // A row's weighted sums serve every column.
                for row in stride(from: worker, to: grid.rows, by: workers) {
                    lanes.share(weight: SweepLanes.Lanes(repeating: grid.ys[row]))
                    for group in 0..<grid.groups { store(lanes.costs(bias: grid.xLanes(group)), row, group) }
                }
            case nil:
                for row in stride(from: worker, to: grid.rows, by: workers) {
                    for group in 0..<grid.groups {
                        store(lanes.costs(x: grid.xLanes(group), y: SweepLanes.Lanes(repeating: grid.ys[row])), row, group)
                    }
                }
            }
        }
    }

    /// The grid over a plane's two directions: C(θ + α·δ + β·η) with α along x and β along y.
    ///
    /// The first layer's z¹₀, u and v are computed once (`ParameterPlane`), then each point's
    /// cost from them, eight points at a time; every value has the bits of
    /// `ParameterPlane.cost` at that point. Rows are shared among threads.
    ///
    /// ```swift
    /// let (delta, eta) = RandomDirections.pair(for: network, seed: 1, normalization: .filter, biases: .zero)
    /// let surface = CostSurface(plane: ParameterPlane(origin: network, x: delta, y: eta), data: data,
    ///                           axes: (alpha, beta), xRange: -1...1, yRange: -1...1, resolution: (x: 64, y: 64))
    /// ```
    public init(plane: ParameterPlane, data: Dataset, axes: (x: PlaneAxis, y: PlaneAxis),
                xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, resolution: (x: Int, y: Int), threads: Int? = nil) {
        let values = Self.values(rows: 0..<resolution.y, plane: plane, data: data, xRange: xRange, yRange: yRange,
                                 resolution: resolution, threads: threads)
        self.init(axes: (.direction(axes.x), .direction(axes.y)), xRange: xRange, yRange: yRange,
                  columns: resolution.x, rows: resolution.y, values: values)
    }

    /// Rows `band` (0-based) of a plane's grid, evaluated alone, with the whole grid's bits.
    public static func values(
        rows band: Range<Int>, plane: ParameterPlane, data: Dataset,
        xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, resolution: (x: Int, y: Int), threads: Int? = nil
    ) -> [Double] {
        let grid = LaneGrid(rows: band, resolution: resolution, xRange: xRange, yRange: yRange)
        guard grid.rows > 0 else { return [] }
        let evaluator = PlaneEvaluator(plane: plane, data: data)
        return grid.fill(units: grid.rows * grid.groups, threads: threads) { worker, workers, store in
            let lanes = PlaneLanes(evaluator)
            for unit in stride(from: worker, to: grid.rows * grid.groups, by: workers) {
                let row = unit / grid.groups, group = unit % grid.groups
                store(lanes.costs(alpha: grid.xLanes(group), beta: PlaneLanes.Lanes(repeating: grid.ys[row])), row, group)
            }
        }
    }

    /// A window centred on `value`, wide enough to show the basin around it (at least ±3,
    /// or twice the value's size), widened to hold every point of a path with a margin.
    public static func window(around value: Double, holding points: [Double]) -> ClosedRange<Double> {
        let half: Double = max(3, 2 * abs(value))
        var low: Double = value - half
        var high: Double = value + half
        let finite = points.filter(\.isFinite)
        if let least = finite.min(), let most = finite.max() {
            let margin: Double = 0.1 * max(most - least, 1)
            low = min(low, least - margin)
            high = max(high, most + margin)
        }
        return low...high
    }

    /// The smallest finite value and where it is.
    public var minimum: (column: Int, row: Int, value: Double)? {
        var best: (Int, Int, Double)?
        for row in 0..<rows {
            for column in 0..<columns {
                let v = values[row * columns + column]
                if v.isFinite, v < (best?.2 ?? .infinity) { best = (column, row, v) }
            }
        }
        return best
    }
}

/// A band of a grid's rows as eight-lane groups of columns, and the threads that fill it.
struct LaneGrid: Sendable {
    typealias Lanes = SIMD8<Double>
    static let width = Lanes.scalarCount

    let columns: Int
    let rows: Int
    /// Groups of eight columns; the last one repeats the last column to fill up.
    let groups: Int
    let xs: [Double]
    /// The band's y values, from its first row.
    let ys: [Double]

    init(rows band: Range<Int>, resolution: (x: Int, y: Int), xRange: ClosedRange<Double>, yRange: ClosedRange<Double>) {
        precondition(resolution.x >= 1 && resolution.y >= 1, "CostSurface: empty grid")
        precondition(band.lowerBound >= 0 && band.upperBound <= resolution.y, "CostSurface: rows \(band) outside 0..<\(resolution.y)")
        columns = resolution.x
        rows = band.count
        groups = (columns + Self.width - 1) / Self.width
        xs = (0..<columns).map { CostSurface.coordinate($0, resolution.x, xRange) }
        ys = band.map { CostSurface.coordinate($0, resolution.y, yRange) }
    }

    /// The x values of group `group`'s columns.
    func xLanes(_ group: Int) -> Lanes {
        var lanes = Lanes()
        for lane in 0..<Self.width { lanes[lane] = xs[min(group * Self.width + lane, columns - 1)] }
        return lanes
    }

    /// Runs `body(worker, workers, store)` on up to `units` threads (`threads`, default every
    /// core); `store(costs, row, group)` puts a group's costs (row counted from the band's
    /// first) into the grid, which it returns, row by row.
    func fill(units: Int, threads: Int?,
              _ body: @Sendable (_ worker: Int, _ workers: Int, _ store: (Lanes, Int, Int) -> Void) -> Void) -> [Double] {
        var grid = [Double](repeating: 0, count: columns * rows)
        guard rows > 0 else { return grid }
        let workers = max(1, min(threads ?? System.coreCount, units))
        let columns = self.columns
        grid.withUnsafeMutableBufferPointer { buffer in
            let base = UncheckedBuffer(buffer)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                body(worker, workers) { c, row, group in
                    for lane in 0..<min(Self.width, columns - group * Self.width) {
                        base[row * columns + group * Self.width + lane] = c[lane]
                    }
                }
            }
        }
        return grid
    }
}

/// A buffer that worker threads write to at disjoint indices.
struct UncheckedBuffer: @unchecked Sendable {
    let pointer: UnsafeMutableBufferPointer<Double>
    init(_ pointer: UnsafeMutableBufferPointer<Double>) { self.pointer = pointer }
    subscript(i: Int) -> Double {
        get { pointer[i] }
        nonmutating set { pointer[i] = newValue }
    }
}

enum System {
    static var coreCount: Int { ProcessInfo.processInfo.activeProcessorCount }
}

import Foundation
