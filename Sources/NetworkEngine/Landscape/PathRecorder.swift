/// The points of a long path over two parameters, kept within a budget that a drawing of the
/// path can use: every point while they fit; past `limit`, only points that move more than a
/// tolerance from the last one kept (along either axis, a `1/resolution` share of the path's
/// extent along it, doubled as often as the budget needs), and always the latest point.
///
/// A line through the kept points stays within twice the tolerance of the whole path (a
/// dropped point lies within the tolerance of a kept one, which a later coarsening may drop in
/// turn, within twice the new tolerance); the extremes along each axis are kept exactly, so a
/// window fitted to them is the whole path's.
///
/// ```swift
/// var recorder = PathRecorder(resolution: 8 * 1920)
/// for (step, point) in run { recorder.append(step: step, point) }
/// let path = DescentPath(x: w, y: b, recorded: recorder)
/// ```
public struct PathRecorder: Sendable {
    /// A kept point and the step it was reached at.
    public struct Entry: Sendable, Equatable {
        public var step: Int
        public var point: DescentPath.Point
    }

    /// Points kept at most before thinning; `Int.max` keeps every point.
    public let limit: Int
    /// The extent along an axis over the tolerance along it, when thinning starts.
    public let resolution: Double
    /// Points appended so far.
    public private(set) var count = 0
    /// The smallest and largest finite x and y appended.
    public private(set) var xRange: ClosedRange<Double>?
    public private(set) var yRange: ClosedRange<Double>?
    private var kept: [Entry] = []
    /// The latest point, when it is not kept.
    private var pending: Entry?
    /// How far along each axis a point must move from the last kept one to be kept; nil while
    /// every point is.
    public private(set) var tolerance: (x: Double, y: Double)?

    /// - Parameters:
    ///   - limit: points kept before thinning (at least 4).
    ///   - resolution: e.g. eight times the pixels of the figure's longer side.
    public init(limit: Int = 1 << 16, resolution: Double) {
        self.limit = max(4, limit)
        self.resolution = max(1, resolution)
    }

    /// A recorder that keeps every point.
    public static var everything: PathRecorder { PathRecorder(limit: .max, resolution: 1) }

    /// Adds the point reached after `step` steps (steps in increasing order).
    public mutating func append(step: Int, _ point: DescentPath.Point) {
        count += 1
        if point.x.isFinite { xRange = xRange.map { min($0.lowerBound, point.x)...max($0.upperBound, point.x) } ?? point.x...point.x }
        if point.y.isFinite { yRange = yRange.map { min($0.lowerBound, point.y)...max($0.upperBound, point.y) } ?? point.y...point.y }
        let entry = Entry(step: step, point: point)
        guard let tolerance else {
            kept.append(entry)
            if kept.count >= limit { coarsen() }
            return
        }
        if let last = kept.last, !Self.moved(entry.point, from: last.point, tolerance) {
            pending = entry
            return
        }
        kept.append(entry)
        pending = nil
        if kept.count >= limit { coarsen() }
    }

    /// Whether every point is still kept.
    public var isExact: Bool { tolerance == nil }

    /// The kept points and the latest one, in the order of steps.
    public var entries: [Entry] { kept + (pending.map { [$0] } ?? []) }

    /// The kept points up to `step`, then `point` (the path's place at `step`) when given.
    public func points(through step: Int, ending point: DescentPath.Point? = nil) -> [DescentPath.Point] {
        var result = entries.prefix { $0.step <= step }
        if let point, result.last?.step != step { result.append(Entry(step: step, point: point)) }
        return result.map(\.point)
    }

    private static func moved(_ point: DescentPath.Point, from last: DescentPath.Point, _ tolerance: (x: Double, y: Double)) -> Bool {
        abs(point.x - last.x) > tolerance.x || abs(point.y - last.y) > tolerance.y
    }

    /// Raises the tolerance and thins the kept points with it until they take half the budget.
    private mutating func coarsen() {
        let spanX: Double = xRange.map { $0.upperBound - $0.lowerBound } ?? 0
        let spanY: Double = yRange.map { $0.upperBound - $0.lowerBound } ?? 0
        var current = tolerance.map { (x: $0.x * 2, y: $0.y * 2) } ?? (x: spanX / resolution, y: spanY / resolution)
        while true {
            var thinned: [Entry] = []
            thinned.reserveCapacity(kept.count)
            for (index, entry) in kept.enumerated() {
                // The first and the last kept point stay: the path starts and (so far) ends there.
                if index == 0 || index == kept.count - 1 || Self.moved(entry.point, from: thinned[thinned.count - 1].point, current) {
                    thinned.append(entry)
                }
            }
            kept = thinned
            // A tolerance of 0 on both axes only drops repeated points; then nothing more can go.
            if kept.count <= limit / 2 || (current.x == 0 && current.y == 0) { break }
            current = (current.x * 2, current.y * 2)
        }
        tolerance = current
    }
}
