/// The path of gradient descent over two parameters, every other parameter held fixed, so
/// each point lies exactly on the `CostSurface` of the same two parameters.
///
/// ```swift
/// let path = try DescentPath(network: not, data: data, x: w, y: b,
///                            options: TrainingOptions(rate: 0.5, steps: 200))
/// path.points.last   // where descent ended: (x, y, cost)
/// ```
public struct DescentPath: Sendable {
    public struct Point: Equatable, Sendable {
        public var x: Double
        public var y: Double
        public var cost: Double

        public init(x: Double, y: Double, cost: Double) {
            self.x = x
            self.y = y
            self.cost = cost
        }
    }

    public let x: ParameterName
    public let y: ParameterName
    /// One point per step, the start first: `points.count == steps + 1`.
    public let points: [Point]

    /// Runs descent from the network's own values of `x` and `y`.
    ///
    /// - Throws: `DivergenceError` when the cost stops being finite.
    public init(network: Network, data: Dataset, x: ParameterName, y: ParameterName, options: TrainingOptions) throws {
        self.x = x
        self.y = y
        var points: [Point] = []
        points.reserveCapacity(options.steps + 1)
        _ = try Trainer(options: options).train(network, on: data, moving: [x, y]) { _, network, cost in
            points.append(Point(x: network[x], y: network[y], cost: cost))
        }
        self.points = points
    }

    /// Builds a path from recorded points (a projection of a run that trained everything).
    public init(x: ParameterName, y: ParameterName, points: [Point]) {
        self.x = x
        self.y = y
        self.points = points
    }
}
