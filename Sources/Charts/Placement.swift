import Drawing

/// The placement stage of a figure: what is already drawn (boxes, circles, paths) and where
/// a new label may go. Labels are placed in order of importance, each inside `bounds` and
/// clear of everything placed before it; one that finds no room is left out and counted,
/// never drawn over something else. Greedy and deterministic: the same figure always gets
/// the same placement. Diagrams place their edge and bias labels with it, surfaces their
/// marker and contour labels.
///
/// ```swift
/// var placement = Placement(bounds: plot, gap: 2)
/// placement.claim(circle: neuronCentre, radius: 20)
/// placement.claim(path: descent, halfWidth: 3)
/// if let box = placement.place(width: 30, height: 12, centers: [mid, nearSource]) { … } else { placement.noteLeftOut("edge label") }
/// ```
public struct Placement: Sendable {
    /// Where labels may go.
    public let bounds: Rect
    /// The clearance kept around every label.
    public let gap: Double
    public private(set) var taken: [Rect] = []
    /// Circles taken (neurons): their corners stay free for labels, unlike a bounding box's.
    public private(set) var takenCircles: [(center: Point, radius: Double)] = []
    /// Polylines taken, in pieces of 32 segments each with its bounds (grown by the stroke's
    /// half width), so a label is tested only against the pieces near it.
    private var paths: [(points: [Point], halfWidth: Double, bounds: Rect)] = []
    /// Labels that found no room, by kind ("contour label", "marker label").
    public private(set) var leftOut: [String: Int] = [:]

    public init(bounds: Rect, gap: Double = 0) {
        self.bounds = bounds
        self.gap = gap
    }

    /// Marks a box as taken.
    public mutating func claim(_ rect: Rect) {
        taken.append(rect)
    }

    /// Marks a circle as taken.
    public mutating func claim(circle center: Point, radius: Double) {
        takenCircles.append((center, radius))
    }

    /// Marks a polyline drawn `2 × halfWidth` wide as taken.
    public mutating func claim(path points: [Point], halfWidth: Double) {
        let finite = points.filter { $0.x.isFinite && $0.y.isFinite }
        var start = 0
        while start < finite.count {
            let piece = Array(finite[start..<min(start + 33, finite.count)])
            var minX = piece[0].x, maxX = piece[0].x, minY = piece[0].y, maxY = piece[0].y
            for p in piece {
                minX = min(minX, p.x); maxX = max(maxX, p.x); minY = min(minY, p.y); maxY = max(maxY, p.y)
            }
            let box = Rect(x: minX - halfWidth, y: minY - halfWidth,
                           width: maxX - minX + 2 * halfWidth, height: maxY - minY + 2 * halfWidth)
            paths.append((piece, halfWidth, box))
            start += 32
            if start == finite.count - 1 { break }
        }
    }

    /// Counts a label of this kind that found no room.
    public mutating func noteLeftOut(_ kind: String) {
        leftOut[kind, default: 0] += 1
    }

    /// Whether a box fits: inside the bounds and, grown by the gap, clear of everything taken.
    public func fits(_ rect: Rect) -> Bool {
        guard rect.minX >= bounds.minX, rect.maxX <= bounds.maxX,
              rect.minY >= bounds.minY, rect.maxY <= bounds.maxY else { return false }
        let grown = rect.inset(by: -gap)
        if taken.contains(where: { $0.intersects(grown) }) { return false }
        if takenCircles.contains(where: { Placement.circle($0.center, $0.radius, touches: grown) }) { return false }
        for path in paths where path.bounds.intersects(grown) {
            let around = grown.inset(by: -path.halfWidth)
            if path.points.count == 1 {
                if around.contains(path.points[0]) { return false }
                continue
            }
            for (a, b) in zip(path.points, path.points.dropFirst()) where Placement.segment(from: a, to: b, crosses: around) {
                return false
            }
        }
        return true
    }

    /// Places a box centred on the first candidate where it fits and `allowed` agrees, and
    /// takes it.
    ///
    /// - Parameters:
    ///   - centers: candidate centres, best first.
    ///   - allowed: a further test of a candidate box (e.g. no other edge runs through it).
    /// - Returns: the box, or nil when no candidate has room.
    public mutating func place(width: Double, height: Double, centers: [Point], allowed: (Rect) -> Bool = { _ in true }) -> Rect? {
        place(centers.map { Rect(x: $0.x - width / 2, y: $0.y - height / 2, width: width, height: height) }, allowed: allowed)
    }

    /// Takes the first of `candidates` that fits and `allowed` agrees with.
    public mutating func place(_ candidates: [Rect], allowed: (Rect) -> Bool = { _ in true }) -> Rect? {
        for rect in candidates where fits(rect) && allowed(rect) {
            taken.append(rect)
            return rect
        }
        return nil
    }

    /// "2 contour labels, 1 marker label": what was left out for want of room, or nil.
    public var leftOutDescription: String? {
        guard !leftOut.isEmpty else { return nil }
        return leftOut.keys.sorted().map { kind in
            let n = leftOut[kind]!
            return "\(n) \(kind)\(n == 1 ? "" : "s")"
        }.joined(separator: ", ")
    }

    /// Whether a circle and a rectangle overlap: the rectangle's point nearest the centre is
    /// inside the circle.
    public static func circle(_ center: Point, _ radius: Double, touches rect: Rect) -> Bool {
        let nearestX: Double = min(max(center.x, rect.minX), rect.maxX)
        let nearestY: Double = min(max(center.y, rect.minY), rect.maxY)
        let dx: Double = center.x - nearestX
        let dy: Double = center.y - nearestY
        return dx * dx + dy * dy < radius * radius
    }

    /// Whether the segment from `a` to `b` passes through the rectangle (Liang–Barsky clipping).
    public static func segment(from a: Point, to b: Point, crosses rect: Rect) -> Bool {
        let dx: Double = b.x - a.x
        let dy: Double = b.y - a.y
        var low: Double = 0
        var high: Double = 1
        let tests: [(p: Double, q: Double)] = [(-dx, a.x - rect.minX), (dx, rect.maxX - a.x),
                                                (-dy, a.y - rect.minY), (dy, rect.maxY - a.y)]
        for (p, q) in tests {
            if p == 0 {
                if q < 0 { return false }
            } else {
                let t: Double = q / p
                if p < 0 { low = max(low, t) } else { high = min(high, t) }
                if low > high { return false }
            }
        }
        return true
    }
}
