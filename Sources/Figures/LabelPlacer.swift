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

    init(bounds: Rect, gap: Double) {
        self.bounds = bounds
        self.gap = gap
    }

    /// Marks a box as taken.
    mutating func reserve(_ rect: Rect) {
        taken.append(rect)
    }

    /// Whether a box fits: inside the bounds and clear of everything taken.
    func fits(_ rect: Rect) -> Bool {
        guard rect.minX >= bounds.minX, rect.maxX <= bounds.maxX,
              rect.minY >= bounds.minY, rect.maxY <= bounds.maxY else { return false }
        let grown = rect.inset(by: -gap)
        return !taken.contains { $0.intersects(grown) }
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
