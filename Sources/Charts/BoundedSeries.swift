/// A line's points, recorded one at a time, kept within a fixed budget that a plot of the
/// line can use: every point while they fit, then, per bucket of consecutive x, the first, the
/// last, the lowest and the highest point (the M4 reduction of Jugel et al., VLDB 2014).
///
/// With buckets narrower than a pixel column, a line through the kept points reaches every
/// column's lowest and highest value and enters and leaves it where a line through all the
/// points does. The first and last points and the extremes of y are kept exactly, so axes
/// fitted to the kept points (and a log or linear choice) are those of the whole line. When x
/// outgrows the buckets, neighbouring ones merge in pairs: memory stays at about
/// `4 × bucketCount` points however long the line.
///
/// - Parameters:
///   - bucketCount: buckets once the points no longer fit one by one; a few per pixel column.
///   - exactLimit: points kept one by one before the buckets start.
///
/// ```swift
/// var costs = BoundedSeries(bucketCount: 8192)
/// for step in 0...100_000_000 { costs.append(x: step, y: cost(step)) }
/// let series = Series(name: "cost", x: costs.points.map { Double($0.x) }, y: costs.points.map(\.y))
/// ```
public struct BoundedSeries: Sendable {
    public struct Point: Sendable, Equatable {
        public var x: Int
        public var y: Double

        public init(x: Int, y: Double) {
            self.x = x
            self.y = y
        }
    }

    private struct Bucket: Sendable {
        var index: Int
        var first: Point
        var last: Point
        var low: Point
        var high: Point

        init(index: Int, point: Point) {
            self.index = index
            first = point
            last = point
            low = point
            high = point
        }

        /// Strict comparisons keep the earlier of equal extremes, as a scan over all the points would.
        mutating func add(_ point: Point) {
            last = point
            if point.y < low.y { low = point }
            if point.y > high.y { high = point }
        }

        mutating func merge(_ later: Bucket) {
            last = later.last
            if later.low.y < low.y { low = later.low }
            if later.high.y > high.y { high = later.high }
        }

        /// The bucket's distinct points in the order of x.
        var points: [Point] {
            var chosen = [first]
            for point in [low, high].sorted(by: { $0.x < $1.x }) + [last] where point.x != chosen[chosen.count - 1].x {
                chosen.append(point)
            }
            return chosen
        }
    }

    public let bucketCount: Int
    public let exactLimit: Int
    /// Points appended so far.
    public private(set) var count = 0
    /// The last point appended.
    public private(set) var last: Point?
    private var exact: [Point] = []
    private var buckets: [Bucket] = []
    /// x per bucket, a power of two; 0 while every point is kept.
    private var width = 0

    /// Thirty-two buckets per column of a plot `pixels` wide, at least 4096 and at most
    /// 65 536 (a 2048-pixel plot's; the default 1920-pixel figure's): a column's extremes come
    /// from buckets a thirty-second of it wide, so a steep stretch (a spike) moves by that much
    /// at most, about what cairo's own stroking of many short segments moves. Wider plots get
    /// fewer a column (two at 32 000 pixels): cairo's memory for a stroke grows with its
    /// points (about 1 kB each with round joins), and 32 a column of the widest PNG took
    /// 2.6 GB.
    public init(pixels: Double) {
        let wanted = Int(min(max(pixels, 1), Self.densePixels)) * 32
        var count = 4096
        while count < wanted { count *= 2 }
        self.init(bucketCount: count)
    }

    /// The widest plot that gets thirty-two buckets a column.
    public static let densePixels: Double = 2048

    /// - Parameters:
    ///   - bucketCount: 2 or more.
    ///   - exactLimit: default `4 × bucketCount`, the buckets' own budget.
    public init(bucketCount: Int, exactLimit: Int? = nil) {
        self.bucketCount = max(2, bucketCount)
        self.exactLimit = exactLimit ?? 4 * self.bucketCount
    }

    /// Whether the points are still all kept.
    public var isExact: Bool { width == 0 }

    /// Adds a point; x must be 0 or more and larger than the last point's.
    public mutating func append(x: Int, y: Double) {
        let point = Point(x: max(x, 0), y: y)
        count += 1
        last = point
        if width == 0 {
            if exact.count < exactLimit {
                exact.append(point)
                return
            }
            startBuckets()
        }
        add(point)
    }

    /// The kept points in the order of x: all of them, or each bucket's distinct extremes.
    public var points: [Point] {
        guard width > 0 else { return exact }
        var result: [Point] = []
        result.reserveCapacity(buckets.count * 4)
        for bucket in buckets { result.append(contentsOf: bucket.points) }
        return result
    }

    /// The kept points with x at most `x`, then the point at `x` itself when it is given
    /// and not kept: a line drawn so far, its last bucket cut where the line has got to.
    public func points(through x: Int, ending point: Point? = nil) -> [Point] {
        var result: [Point] = []
        if width == 0 {
            result = Array(exact.prefix { $0.x <= x })
        } else {
            for bucket in buckets {
                guard bucket.first.x <= x else { break }
                if bucket.last.x <= x {
                    result.append(contentsOf: bucket.points)
                } else {
                    // A bucket the line is inside: what it held up to x is not known apart, but
                    // its first point is, and the line then goes to where it has got to.
                    result.append(bucket.first)
                }
            }
        }
        if let point, point.x <= x, result.last?.x != point.x { result.append(point) }
        return result
    }

    private mutating func startBuckets() {
        let span = (exact.last?.x ?? 0) + 1
        // Half the buckets filled, so the next doubling of the run is a while off.
        width = 1
        while span > width * (bucketCount / 2) { width *= 2 }
        let points = exact
        exact = []
        for point in points { add(point) }
    }

    private mutating func add(_ point: Point) {
        while point.x / width >= bucketCount { mergePairs() }
        let index = point.x / width
        if let lastIndex = buckets.indices.last, buckets[lastIndex].index == index {
            buckets[lastIndex].add(point)
        } else {
            buckets.append(Bucket(index: index, point: point))
        }
    }

    private mutating func mergePairs() {
        width *= 2
        var merged: [Bucket] = []
        merged.reserveCapacity(bucketCount / 2 + 1)
        for var bucket in buckets {
            bucket.index /= 2
            if let lastIndex = merged.indices.last, merged[lastIndex].index == bucket.index {
                merged[lastIndex].merge(bucket)
            } else {
                merged.append(bucket)
            }
        }
        buckets = merged
    }
}
