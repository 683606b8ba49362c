import Drawing

/// Finds room for labels: each label goes to the first candidate position where its box stays
/// inside the bounds and clear of every box already taken (neurons, other labels).
///
/// Greedy and deterministic: the same diagram always gets the same placement.
///
/// - Parameters:
///   - bounds: where labels may go.
///   - gap: the clearance kept around every box.
///
/// ```swift
/// var placer = LabelPlacer(bounds: canvas.bounds, gap: 2)
/// placer.reserve(neuronBox)
/// let box = placer.place(width: 30, height: 12, centers: [mid, nearSource, nearTarget])  // nil: no room
/// ```
struct LabelPlacer {
    let bounds: Rect
    let gap: Double
    private(set) var taken: [Rect] = []
    /// Circles taken (neurons): their corners stay free for labels, unlike a bounding box's.
    private(set) var takenCircles: [(center: Point, radius: Double)] = []

    init(bounds: Rect, gap: Double) {
        self.bounds = bounds
        self.gap = gap
    }

    /// Marks a box as taken.
    mutating func reserve(_ rect: Rect) {
        taken.append(rect)
    }

    /// Marks a circle as taken.
    mutating func reserve(circle center: Point, radius: Double) {
        takenCircles.append((center, radius))
    }

    /// Whether a box fits: inside the bounds and clear of everything taken.
    func fits(_ rect: Rect) -> Bool {
        guard rect.minX >= bounds.minX, rect.maxX <= bounds.maxX,
              rect.minY >= bounds.minY, rect.maxY <= bounds.maxY else { return false }
        let grown = rect.inset(by: -gap)
        if taken.contains(where: { $0.intersects(grown) }) { return false }
        return !takenCircles.contains { LabelPlacer.circle($0.center, $0.radius, touches: grown) }
    }

    /// Whether a circle and a rectangle overlap: the rectangle's point nearest the centre is
    /// inside the circle.
    static func circle(_ center: Point, _ radius: Double, touches rect: Rect) -> Bool {
        let nearestX: Double = min(max(center.x, rect.minX), rect.maxX)
        let nearestY: Double = min(max(center.y, rect.minY), rect.maxY)
        let dx: Double = center.x - nearestX
        let dy: Double = center.y - nearestY
        return dx * dx + dy * dy < radius * radius
    }

    /// Places a box centred on the first candidate where it fits and `allowed` agrees, and
    /// takes it.
    ///
    /// - Parameters:
    ///   - centers: candidate centres, best first.
    ///   - allowed: a further test of a candidate box (e.g. no other edge runs through it).
    /// - Returns: the box, or nil when no candidate has room.
    mutating func place(width: Double, height: Double, centers: [Point], allowed: (Rect) -> Bool = { _ in true }) -> Rect? {
        for center in centers {
            let rect = Rect(x: center.x - width / 2, y: center.y - height / 2, width: width, height: height)
            if fits(rect) && allowed(rect) {
                taken.append(rect)
                return rect
            }
        }
        return nil
    }

    /// Whether the segment from `a` to `b` passes through the rectangle (Liang–Barsky clipping).
    static func segment(from a: Point, to b: Point, crosses rect: Rect) -> Bool {
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
