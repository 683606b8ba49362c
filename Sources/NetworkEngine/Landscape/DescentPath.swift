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

    /// What the path's x and y are: two named parameters, or a plane's coefficients (a
    /// training run projected on the plane of its principal directions).
    public let x: SurfaceAxis
    public let y: SurfaceAxis
    /// The path's points, the start first and the end last: one per step (`steps + 1`), or
    /// for a long path recorded with a budget, those a drawing of it needs (`PathRecorder`).
    public let points: [Point]
    /// Steps taken from the start to the end.
    public let steps: Int
    /// The smallest and largest x and y of the whole path (nil for a path with no finite point).
    public let xRange: ClosedRange<Double>?
    public let yRange: ClosedRange<Double>?

    /// Runs descent from the network's own values of `x` and `y`.
    ///
    /// - Parameter recorder: what to keep of the path; by default every point.
    /// - Throws: `DivergenceError` when the cost stops being finite.
    public init(network: Network, data: Dataset, x: ParameterName, y: ParameterName, options: TrainingOptions,
                recorder: PathRecorder = .everything, progress: ((Int) -> Void)? = nil) throws {
        var recorder = recorder
        _ = try Trainer(options: options).train(network, on: data, moving: [x, y], recordingCosts: false, observe: { s in
            recorder.append(step: s.step, Point(x: s.network[x], y: s.network[y], cost: s.cost))
        }, progress: progress)
        self.init(x: x, y: y, recorded: recorder)
    }

    /// Builds a path from recorded points (a projection of a run that trained everything).
    public init(x: ParameterName, y: ParameterName, points: [Point]) {
        var recorder = PathRecorder.everything
        for (step, point) in points.enumerated() { recorder.append(step: step, point) }
        self.init(x: x, y: y, recorded: recorder)
    }

    /// Builds a path from what a recorder kept.
    public init(x: ParameterName, y: ParameterName, recorded recorder: PathRecorder) {
        self.init(axes: (.parameter(x), .parameter(y)), recorded: recorder)
    }

    /// Builds a path over any two axes from what a recorder kept.
    public init(axes: (x: SurfaceAxis, y: SurfaceAxis), recorded recorder: PathRecorder) {
        x = axes.x
        y = axes.y
        let entries = recorder.entries
        points = entries.map(\.point)
        steps = entries.last?.step ?? 0
        xRange = recorder.xRange
        yRange = recorder.yRange
    }

    /// Builds a path from points already chosen, with the whole path's step count and extent.
    public init(x: ParameterName, y: ParameterName, points: [Point], steps: Int,
                xRange: ClosedRange<Double>?, yRange: ClosedRange<Double>?) {
        self.x = .parameter(x)
        self.y = .parameter(y)
        self.points = points
        self.steps = steps
        self.xRange = xRange
        self.yRange = yRange
    }
}
