import Charts
import Drawing
import NetworkEngine

/// Everything an animation's frames need, decided from the whole run before the first frame
/// is drawn: the frame steps, the network at each, and every scale held fixed across frames
/// (weight colours and widths, the cost's colours, the curve's and the fit's axes), so
/// nothing flickers and every shard of a split run draws the same frames.
///
/// ```swift
/// let plan = try AnimationPlan(network: start, data: data, training: options,
///                              settings: AnimationSettings(frames: 100, x: w, y: b))
/// plan.frames.count   // 100 (fewer if the spacing repeats a step)
/// ```
public struct AnimationPlan: Sendable {
    /// One frame: its 1-based number, the step it shows, the cost there (and the test
    /// examples' cost, when there are any) and the two tracked parameters.
    public struct Frame: Sendable, Equatable {
        public let number: Int
        public let step: Int
        public let cost: Double
        public let x: Double
        public let y: Double
        public var testCost: Double? = nil

        /// `frame_00001.png`.
        public func fileName(extension ext: String) -> String {
            let digits = String(number)
            return "frame_" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits + "." + ext
        }
    }

    public let settings: AnimationSettings
    public let frames: [Frame]
    /// The network at each frame's step (same order as `frames`).
    public let networks: [Network]
    /// The examples training uses, as the network sees them.
    public let data: Dataset
    /// The held-out test examples, as the network sees them; nil without any.
    public let test: Dataset?
    /// What the network sees of the data's own inputs (nil: the inputs themselves).
    public let features: Features?
    /// `data` and `test` with the data's own inputs: what the fit panel draws over.
    public let rawData: Dataset
    public let rawTest: Dataset?
    public let training: TrainingOptions
    /// C against step, kept as the curve panel's pixels can show it: every step of a run up
    /// to `exactSteps`, then per bucket of steps its extremes (`BoundedSeries`), so that a
    /// frame's work does not grow with the run.
    public let costs: BoundedSeries
    /// The test cost against step, at every `testEvery`-th step and at every frame's step;
    /// nil without test examples.
    public let testCosts: BoundedSeries?
    /// The tracked parameters along the run: the projected path, kept likewise (`PathRecorder`).
    public let path: PathRecorder
    /// The largest |w| in any frame: the diagram's colour and width scale.
    public let weightMagnitude: Double
    /// The surface panel's window, holding the whole path.
    public let window: (x: ClosedRange<Double>, y: ClosedRange<Double>)
    /// The cost's colour range over every frame's surface.
    public let surfaceColors: ClosedRange<Double>
    public let surfaceLog: Bool
    /// The surface when it cannot move: the tracked parameters are the network's only ones.
    public let staticSurface: CostSurface?
    /// The training curve's axes, fitted once to the whole run.
    public let curveAxes: Axes
    /// The fit curves (each frame's) a frame's legend keeps clear of: all of them up to
    /// `legendCurves`, else that many spread evenly over the run, so a frame's work does not
    /// grow with the frames (empty for a decision map or no fit panel).
    public let legendAvoids: [Series]
    /// The fit panel's axes, holding every frame's curve with the targets.
    public let fitAxes: Axes?
    /// The panels' layers that every frame draws the same, kept as pixels by the frames'
    /// raster renderers: the fixed surface under its path (nil when the surface moves), and
    /// the curve's and the fit's under their curves (over the fixed axes).
    public let surfaceLayer: LayerCache?
    public let curveLayer = LayerCache()
    public let fitLayer = LayerCache()

    /// Trains and plans.
    ///
    /// - Parameters:
    ///   - data: the training examples, as the network sees them.
    ///   - test: held-out examples, as the network sees them: the curve panel draws their cost.
    ///   - features: what the network sees of the data's inputs, for the fit panel.
    ///   - rawData: `data` with the data's own inputs (default: `data`).
    ///   - rawTest: `test` with the data's own inputs (default: `test`).
    /// - Throws: `DivergenceError` when training diverges.
    public init(network: Network, data: Dataset, test: Dataset? = nil, features: Features? = nil, rawData: Dataset? = nil,
                rawTest: Dataset? = nil, training: TrainingOptions, settings: AnimationSettings,
                progress: ((Int) -> Void)? = nil) throws {
        self.settings = settings
        self.data = data
        self.test = test
        self.features = features
        self.rawData = rawData ?? data
        self.rawTest = rawTest ?? test
        self.training = training
        let steps = settings.spacing.steps(total: training.steps, frames: settings.frames)
        let frameSteps = Set(steps)
        // Past `exactSteps`, about a bucket per pixel column of the curve panel and a path
        // point per pixel of the surface panel (each about half a frame wide): a frame's time
        // goes into stroking its points, so it stays that of a short run.
        var costs = BoundedSeries(bucketCount: Self.bucketCount(width: settings.width), exactLimit: Self.exactSteps)
        var path = PathRecorder(limit: Self.exactSteps, resolution: max(settings.width, settings.height) / 2)
        var atFrames: [Int: DescentPath.Point] = [:]
        // The test examples' pass only where the curve panel's pixels can tell steps apart.
        var testCosts = test == nil ? nil : BoundedSeries(bucketCount: Self.bucketCount(width: settings.width), exactLimit: Self.exactSteps)
        var testAtFrames: [Int: Double] = [:]
        let testEvery = max(1, training.steps / Self.bucketCount(width: settings.width))
        let x = settings.x, y = settings.y
        let history = try Trainer(options: training).train(network, on: data, testing: test, keeping: frameSteps, recordingCosts: false,
                                                           observe: { s in
            let point = DescentPath.Point(x: s.network[x], y: s.network[y], cost: s.cost)
            costs.append(x: s.step, y: s.cost)
            path.append(step: s.step, point)
            let framed = frameSteps.contains(s.step)
            if framed { atFrames[s.step] = point }
            if testCosts != nil, framed || s.step % testEvery == 0 || s.step == training.steps, let testCost = s.testCost() {
                testCosts?.append(x: s.step, y: testCost)
                if framed { testAtFrames[s.step] = testCost }
            }
        }, progress: progress)
        self.costs = costs
        self.testCosts = testCosts
        self.path = path
        networks = steps.map { history.snapshots[$0] ?? history.network }
        frames = steps.enumerated().map { index, step in
            let point = atFrames[step] ?? DescentPath.Point(x: .nan, y: .nan, cost: .nan)
            return Frame(number: index + 1, step: step, cost: point.cost, x: point.x, y: point.y, testCost: testAtFrames[step])
        }
        weightMagnitude = networks.flatMap { $0.layers.flatMap(\.W.values) }.map(abs).max() ?? 1
        let kept = costs.points + (testCosts?.points ?? [])
        curveAxes = AnimationFrame.curveChart(costs: costs, testCosts: testCosts, through: 0, at: frames[0])
            .axes(holding: [Series(name: "", x: kept.map { Double($0.x) }, y: kept.map(\.y))])
        let fit = try? FitFigure(network: networks[0], data: self.rawData, features: features, test: self.rawTest, title: "", subtitle: "")
        // The fit's axes hold every frame's curve, and its legend keeps clear of a sample of
        // them: one curve at a time, its extremes kept (held all at once, 10⁵ frames' curves
        // took 0.6 GB). The fit's y axis is linear, so the axes depend on the extremes of the
        // points whose x and y are both finite, which two corner points carry.
        var sample: [Series] = []
        var low = (x: Double.infinity, y: Double.infinity), high = (x: -Double.infinity, y: -Double.infinity)
        let count = networks.count, sampled = Self.legendCurves
        let every = count <= sampled ? nil : Set((0..<sampled).map { $0 * (count - 1) / (sampled - 1) })
        if let fit, fit.kind != .decisionMap {
            for (index, frameNetwork) in networks.enumerated() {
                guard let curve = fit.curves(of: [frameNetwork]).first else { continue }
                for i in 0..<curve.count where curve.x[i].isFinite && curve.y[i].isFinite {
                    low = (min(low.x, curve.x[i]), min(low.y, curve.y[i]))
                    high = (max(high.x, curve.x[i]), max(high.y, curve.y[i]))
                }
                if every?.contains(index) ?? true { sample.append(curve) }
            }
        }
        legendAvoids = sample
        let corners = low.x <= high.x ? [Series(name: "", x: [low.x, high.x], y: [low.y, high.y])] : []
        fitAxes = fit.flatMap { $0.kind == .decisionMap ? nil : $0.lineChart(theme: .light).axes(holding: sample + corners) }

        let start = (x: network[x], y: network[y])
        // The whole path's extremes are kept exactly, and a window depends on nothing else.
        let xs = [path.xRange?.lowerBound, path.xRange?.upperBound].compactMap { $0 }
        let ys = [path.yRange?.lowerBound, path.yRange?.upperBound].compactMap { $0 }
        window = (CostSurface.window(around: start.x, holding: xs), CostSurface.window(around: start.y, holding: ys))
        if network.parameterCount == 2 {
            let surface = CostSurface(network: network, data: data, x: x, y: y, xRange: window.x, yRange: window.y,
                                      resolution: (x: settings.resolution, y: settings.resolution))
            staticSurface = surface
            surfaceLayer = LayerCache()
            (surfaceColors, surfaceLog) = Self.colorRange(parts: 1) { _ in surface.values }
        } else {
            staticSurface = nil
            surfaceLayer = nil
            // A coarse look at every frame's slice fixes the colours for all of them (and is the
            // same in every shard); finer values beyond it take the end colours.
            // One frame's slice at a time, computed again where the rule needs a second look:
            // held all at once, 10⁵ frames' slices took 0.46 GB.
            let window = self.window, frameNetworks = networks
            (surfaceColors, surfaceLog) = Self.colorRange(parts: frameNetworks.count) { index in
                CostSurface(network: frameNetworks[index], data: data, x: x, y: y, xRange: window.x, yRange: window.y,
                            resolution: (x: Self.coarseResolution, y: Self.coarseResolution)).values
            }
        }
    }

    static let coarseResolution = 24

    /// Fit curves a legend keeps clear of at most: enough to cover where the curves go.
    static let legendCurves = 256

    /// Steps kept one by one in `costs` and `path`: the gallery's runs (10 000 steps) are
    /// drawn from every step, and no frame draws more points than this.
    public static let exactSteps = 16_384

    /// A power of two, at least half the frame's width in pixels: about a bucket per column
    /// of the curve panel, which is about half as wide as the frame.
    static func bucketCount(width: Double) -> Int {
        var count = 256
        while Double(count) < width / 2 { count *= 2 }
        return count
    }

    /// The range and scale kind for every frame's costs, by `CostSurfaceFigure`'s rules for
    /// one surface (`spansDecades`, `logDomain`) over all the parts' values together, holding
    /// one part at a time: a second pass over them (`part` called again) only where the
    /// lowest value does not settle the rule.
    static func colorRange(parts: Int, _ part: (Int) -> [Double]) -> (ClosedRange<Double>, Bool) {
        var summary = CostSurfaceFigure.CostSummary()
        for index in 0..<parts { summary.add(part(index)) }
        guard summary.count > 0, summary.low < summary.high else { return (0...1, false) }
        let spans = summary.spansDecades { limit in
            var atMost = 0
            for index in 0..<parts {
                for value in part(index) where value.isFinite && value <= limit { atMost += 1 }
            }
            return atMost
        }
        if spans, summary.lowestPositive.isFinite {
            return (CostSurfaceFigure.logDomain(lowestPositive: summary.lowestPositive, highest: summary.high), true)
        }
        return (summary.low...summary.high, false)
    }

    /// The surface a frame shows: the slice through that frame's parameters (or the one static surface).
    public func surface(for index: Int) -> CostSurface {
        if let staticSurface { return staticSurface }
        return CostSurface(network: networks[index], data: data, x: settings.x, y: settings.y,
                           xRange: window.x, yRange: window.y, resolution: (x: settings.resolution, y: settings.resolution),
                           threads: 1)
    }
}

/// What an animation shows and how big.
public struct AnimationSettings: Sendable, Equatable {
    public var frames: Int
    public var spacing: FrameSpacing
    /// The two parameters the surface panel sweeps and the manifest tracks.
    public var x: ParameterName
    public var y: ParameterName
    /// Grid points per side of the surface panel.
    public var resolution: Int
    public var width: Double
    public var height: Double
    public var title: Label
    /// How large the text is against the frame's width; every panel shares the frame's sizes.
    public var context: TypeContext
    /// The network panel draws each neuron as a plot of what it computes (`--neurons functions`).
    public var neuronFunctions = false
    /// The surface panel in 3-D (`--view 3d`), seen from these angles in degrees.
    public var surface3D: ViewAngles?

    /// Where a 3-D surface is seen from, in degrees.
    public struct ViewAngles: Sendable, Equatable {
        public var azimuth: Double
        public var elevation: Double

        public init(azimuth: Double, elevation: Double) {
            self.azimuth = azimuth
            self.elevation = elevation
        }
    }

    public init(frames: Int, spacing: FrameSpacing = .even, x: ParameterName, y: ParameterName,
                resolution: Int = 96, width: Double = 1280, height: Double = 720, title: Label = "",
                context: TypeContext = .talk) {
        self.frames = frames
        self.spacing = spacing
        self.x = x
        self.y = y
        self.resolution = resolution
        self.width = width
        self.height = height
        self.title = title
        self.context = context
    }
}
