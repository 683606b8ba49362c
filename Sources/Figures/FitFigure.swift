import Charts
import Drawing
import NetworkEngine

/// What the network computes against its targets: the function for 1 → 1, the drawn curve
/// for 1 → 2 (the course's heart), the decision map with the data points for 2 → 1.
///
/// The shapes count the data's own inputs: a network fed features (`features:`, e.g. x1²,
/// sin x1 of two inputs) is drawn over the plane of the data's x1 and x2 as any 2 → 1 one.
/// Held-out test examples are drawn apart (a dark ring, and "test examples" in the legend).
///
/// ```swift
/// let fit = try FitFigure(network: trained, data: data, title: "heart.yaml", subtitle: "after 10000 steps")
/// fit.draw(on: canvas, theme: .light)
/// ```
public struct FitFigure: Sendable {
    public enum Kind: Sendable, Equatable {
        /// 1 → 1: a(x) against x, with the examples.
        case function
        /// 1 → 2: the curve (a1(x), a2(x)) traced as x runs over the inputs' range.
        case curve
        /// 2 → 1: a over the input plane, with the examples.
        case decisionMap
    }

    public let kind: Kind
    public var network: Network
    /// The examples, with the data's own inputs (what the axes show).
    public var data: Dataset
    /// What the network sees of an input (nil: the input itself).
    public var features: Features?
    /// Held-out test examples, with the data's own inputs, drawn apart.
    public var test: Dataset?
    /// A decision map coloured by the thresholded class (above or below the boundary's level)
    /// instead of the output (TensorFlow Playground's "discretize output").
    public var discretize = false
    /// A 1 → 1 fit with a segment from each example's target to the network's output there.
    public var residuals = false
    /// Earlier states of the network, drawn translucently behind the current one (oldest first).
    public var history: [Network]
    public var title: Label
    public var subtitle: Label
    /// Points along the input for curves, and grid points per side for decision maps.
    public var samples: Int
    /// Equal units on both input axes of a decision map (the default: a circle of examples
    /// stays round), or each axis filling the plot.
    public var equalAspect = true
    /// How large its text is (`--context`), or a larger figure's sizes when it is a cell of one.
    public var textSizing: TextSizing = .talk
    /// The inputs a 1 → 1 function is drawn over (`--x-range`; default: the examples' range).
    public var inputWindow: ClosedRange<Double>?

    /// The kind of picture for a network's shape, or nil when there is none (CSV still works).
    public static func kind(for shape: [Int]) -> Kind? {
        guard let inputs = shape.first, let outputs = shape.last else { return nil }
        return kind(inputs: inputs, outputs: outputs)
    }

    /// The kind of picture for data of `inputs` inputs (before any features) and a network of
    /// `outputs` outputs, or nil when there is none.
    public static func kind(inputs: Int, outputs: Int) -> Kind? {
        switch (inputs, outputs) {
        case (1, 1): return .function
        case (1, 2): return .curve
        case (2, 1): return .decisionMap
        default: return nil
        }
    }

    /// - Parameters:
    ///   - data: the examples with the data's own inputs.
    ///   - features: what the network sees of an input, when it is not the input itself.
    ///   - test: held-out examples (the data's own inputs), drawn apart.
    /// - Throws: `FitError.unsupportedShape` for shapes other than 1 → 1, 1 → 2, 2 → 1 (counting
    ///   the data's inputs).
    public init(network: Network, data: Dataset, features: Features? = nil, test: Dataset? = nil, history: [Network] = [],
                title: Label, subtitle: Label, samples: Int? = nil) throws {
        let inputs = features?.rawWidth ?? network.shape[0]
        guard let kind = Self.kind(inputs: inputs, outputs: network.shape[network.depth]) else {
            throw FitError.unsupportedShape([inputs] + network.shape.dropFirst())
        }
        self.kind = kind
        self.network = network
        self.data = data
        self.features = features
        self.test = test
        self.history = history
        self.title = title
        self.subtitle = subtitle
        self.samples = samples ?? (kind == .decisionMap ? 200 : 400)
    }

    public func draw(on canvas: Canvas, in rect: Rect? = nil, theme: Theme) {
        switch kind {
        case .function, .curve: lineChart(theme: theme).draw(on: canvas, in: rect ?? canvas.bounds, theme: theme)
        case .decisionMap: decisionMap(theme: theme).draw(on: canvas, in: rect ?? canvas.bounds, theme: theme)
        }
    }

    /// The curve `lineChart` draws for each network (its output against the input, or the
    /// curve of its two outputs), for an animation's fixed axes; none for a decision map,
    /// which has no curve and fixed axes.
    public func curves(of networks: [Network]) -> [Series] {
        switch kind {
        case .function:
            return networks.map { let s = sampled($0); return Series(name: "", x: s.x, y: s.outputs[0]) }
        case .curve:
            return networks.map { let s = sampled($0); return Series(name: "", x: s.outputs[0], y: s.outputs[1]) }
        case .decisionMap:
            return []
        }
    }

    // MARK: - 1 → 1 and 1 → 2

    /// Where the network is sampled: the inputs' range for a curve (the curve's own domain);
    /// for a function a little wider, so the examples at the ends are not on the frame.
    var inputRange: ClosedRange<Double> {
        if kind == .function, let inputWindow { return inputWindow }
        let xs = data.inputs.values + (test?.inputs.values ?? [])
        let low = xs.min() ?? 0, high = xs.max() ?? 1
        guard low < high else { return (low - 1)...(high + 1) }
        let margin: Double = kind == .function ? (high - low) * 0.05 : 0
        return (low - margin)...(high + margin)
    }

    /// The network's outputs at `samples` evenly spaced inputs: one array per output neuron.
    func sampled(_ network: Network) -> (x: [Double], outputs: [[Double]]) {
        let range = inputRange
        let xs = (0..<samples).map { i -> Double in
            let t = Double(i) / Double(max(samples - 1, 1))
            return range.lowerBound + t * (range.upperBound - range.lowerBound)
        }
        let output = outputs(of: network, at: Matrix(rows: 1, columns: xs.count, values: xs))
        return (xs, (0..<output.rows).map { Array(output.values[($0 * xs.count)..<(($0 + 1) * xs.count)]) })
    }

    /// The network's output for the data's own inputs (one per column): through the features
    /// when it has them.
    func outputs(of network: Network, at inputs: Matrix) -> Matrix {
        network.forward(features?.apply(inputs) ?? inputs).output
    }

    /// The examples' markers' style for held-out test examples: the training examples' colour
    /// within a dark ring, as TensorFlow Playground marks them.
    static func testStyle(_ style: SeriesStyle) -> SeriesStyle {
        var ring = style
        ring.markerOutline = .black
        ring.markerOutlineWidth = testRing
        return ring
    }

    /// The ring around a test example, a share of the marker's size.
    static let testRing = 0.28

    /// Segments from each example's target to the network's output at its input, broken
    /// between examples (1 → 1).
    func residualSegments() -> Series {
        let output = outputs(of: network, at: data.inputs)
        var xs: [Double] = [], ys: [Double] = []
        for k in 0..<data.count {
            xs += [data.inputs[0, k], data.inputs[0, k], .nan]
            ys += [data.targets[0, k], output[0, k], .nan]
        }
        return Series(name: "residuals $a - y$", x: xs, y: ys)
    }

    public func lineChart(theme: Theme) -> LineChart {
        // The network's output is a continuous line: no markers, even where the theme puts
        // them on series (print), which would look like data.
        var main = theme.seriesStyle(at: 0)
        main.showsMarkers = false
        let target = theme.seriesStyle(at: 1)
        let faint = SeriesStyle(color: main.color.withAlpha(historyAlpha), dash: main.dash)
        let order = (0..<data.count).sorted { data.inputs[0, $0] < data.inputs[0, $1] }
        let depth = network.depth
        var series: [Series] = []
        switch kind {
        case .function:
            for earlier in history {
                let s = sampled(earlier)
                series.append(Series(name: "", x: s.x, y: s.outputs[0], style: faint))
            }
            if residuals {
                let residualStyle = SeriesStyle(color: target.color.withAlpha(0.75), dash: [])
                var segments = residualSegments()
                segments.style = residualStyle
                series.append(segments)
            }
            let now = sampled(network)
            series.append(Series(name: Label("network $a^{(\(depth))}(x)$"), x: now.x, y: now.outputs[0], style: main))
            let examples = SeriesStyle(color: target.color, marker: target.marker, showsMarkers: true)
            series.append(Series(name: test == nil ? "examples $(x, y)$" : "training examples", x: order.map { data.inputs[0, $0] },
                                 y: order.map { data.targets[0, $0] }, kind: .markers, style: examples))
            if let test {
                series.append(Series(name: "test examples", x: (0..<test.count).map { test.inputs[0, $0] },
                                     y: (0..<test.count).map { test.targets[0, $0] }, kind: .markers, style: Self.testStyle(examples)))
            }
            let xTitle: Label = features == nil ? "input $x = a^{(0)}$" : "input $x$"
            var chart = LineChart(title: title, subtitle: subtitle, xTitle: xTitle,
                                  yTitle: Label("output $a^{(\(depth))}$"), series: series, yScale: .linear)
            chart.alwaysShowLegend = true
            chart.textSizing = textSizing
            return Self.followingFinal(chart, earlier: history.count)
        case .curve, .decisionMap:
            series.append(Series(name: "target $y$", x: order.map { data.targets[0, $0] }, y: order.map { data.targets[1, $0] },
                                 kind: .lineAndMarkers, style: SeriesStyle(color: target.color, dash: target.dash, marker: target.marker, showsMarkers: true)))
            for earlier in history {
                let s = sampled(earlier)
                series.append(Series(name: "", x: s.outputs[0], y: s.outputs[1], style: faint))
            }
            let now = sampled(network)
            series.append(Series(name: Label("network $a^{(\(depth))}(x)$"), x: now.outputs[0], y: now.outputs[1], style: main))
            if let test {
                let examples = SeriesStyle(color: target.color, marker: target.marker, showsMarkers: true)
                series.append(Series(name: "test examples", x: (0..<test.count).map { test.targets[0, $0] },
                                     y: (0..<test.count).map { test.targets[1, $0] }, kind: .markers, style: Self.testStyle(examples)))
            }
            var chart = LineChart(title: title, subtitle: subtitle, xTitle: Label("output $a^{(\(depth))}_1$ (across)"),
                                  yTitle: Label("output $a^{(\(depth))}_2$ (up)"), series: series, yScale: .linear)
            chart.equalAspect = true
            chart.alwaysShowLegend = true
            chart.textSizing = textSizing
            return Self.followingFinal(chart, earlier: history.count, from: 1)
        }
    }

    /// The chart with axes fitted to all but the earlier curves (series `from ..< from +
    /// earlier`): a wild first step must not squeeze the final fit into a corner; earlier
    /// curves are clipped to the plot.
    static func followingFinal(_ chart: LineChart, earlier: Int, from start: Int = 0) -> LineChart {
        guard earlier > 0 else { return chart }
        var holding = chart
        holding.series.removeSubrange(start..<(start + earlier))
        var result = chart
        result.fixedAxes = holding.axes()
        return result
    }

    /// How many of `lineChart`'s first series do not depend on the network: the 1 → 2 curve's
    /// target comes first, under the curves (an animation keeps it with the steady layer).
    public var steadySeries: Int { kind == .curve ? 1 : 0 }

    /// Faint enough that many earlier curves read as a haze, as in the course's plot.
    var historyAlpha: Double { history.count > 20 ? 0.12 : 0.3 }

    // MARK: - 2 → 1

    /// The input plane shown: the examples' range with a margin.
    var plane: (x: ClosedRange<Double>, y: ClosedRange<Double>) { Self.plane(of: data, test: test) }

    /// The input plane around a data set's two inputs (and its test examples'), with a margin.
    static func plane(of data: Dataset, test: Dataset? = nil) -> (x: ClosedRange<Double>, y: ClosedRange<Double>) {
        func padded(_ row: Int) -> ClosedRange<Double> {
            let values = (0..<data.count).map { data.inputs[row, $0] } + (0..<(test?.count ?? 0)).compactMap { test?.inputs[row, $0] }
            let low = values.min() ?? -1, high = values.max() ?? 1
            let margin: Double = max((high - low) * 0.08, 0.5)
            return (low - margin)...(high + margin)
        }
        return (padded(0), padded(1))
    }

    /// The network's output over the input plane, row 0 at the lowest x2.
    public var outputGrid: Grid? { outputGrid(of: network, samples: samples) }

    /// A network's output over the input plane, `samples` points a side.
    func outputGrid(of network: Network, samples n: Int) -> Grid? {
        let (xr, yr) = plane
        var inputs = Matrix(rows: 2, columns: n * n)
        for row in 0..<n {
            for column in 0..<n {
                inputs[0, row * n + column] = xr.lowerBound + Double(column) / Double(n - 1) * (xr.upperBound - xr.lowerBound)
                inputs[1, row * n + column] = yr.lowerBound + Double(row) / Double(n - 1) * (yr.upperBound - yr.lowerBound)
            }
        }
        let output = outputs(of: network, at: inputs)
        return Grid(columns: n, rows: n, values: output.values, x: xr, y: yr)
    }

    /// Colours run over the targets' range, so the map's middle colour is the decision threshold.
    /// The map is the theme's diverging one, softened 60 % towards the background as
    /// TensorFlow Playground does, so the examples drawn on it in full strength stand out.
    public func decisionColors(theme: Theme) -> ColorScale {
        let targets = data.targets.values + (test?.targets.values ?? [])
        var low = targets.min() ?? 0, high = targets.max() ?? 1
        // Targets on both sides of 0 (a regression set's −1 … 1): 0 in the middle, so the
        // colours say the sign.
        if low < 0, high > 0 {
            let magnitude = max(-low, high)
            (low, high) = (-magnitude, magnitude)
        }
        return ColorScale(map: Self.softDivergingMap(theme), domain: low < high ? low...high : (low - 1)...(high + 1))
    }

    /// The theme's diverging map softened towards the background, less than half-way, so the
    /// classes' tints stay colours, not greys: what maps of a network's outputs are painted with.
    static func softDivergingMap(_ theme: Theme) -> ColorMap {
        let strong = theme.divergingMap
        return ColorMap(name: strong.name + "-soft", colors: strong.colors.map { $0.mixed(with: theme.background, 0.45) },
                        badColor: strong.badColor, isDiverging: true)
    }

    /// The level between the classes: the middle of the targets' range (0.5 for targets 0
    /// and 1, 0 for −1 and 1), where the boundary is drawn.
    func middle(_ colors: ColorScale) -> Double {
        (colors.domain.lowerBound + colors.domain.upperBound) / 2
    }

    /// The grid coloured by class: each value at or above `level` becomes the colour scale's
    /// top, each below it its bottom.
    static func discretized(_ grid: Grid, at level: Double, low: Double, high: Double) -> Grid {
        let classes = grid.values.map { $0.isFinite ? ($0 >= level ? high : low) : $0 }
        return Grid(columns: grid.columns, rows: grid.rows, values: classes, x: grid.x, y: grid.y) ?? grid
    }

    public func decisionMap(theme: Theme) -> HeatmapChart {
        let colors = decisionColors(theme: theme)
        let strong = ColorScale(map: theme.vividDivergingMap, domain: colors.domain)
        let middle = self.middle(colors)
        // With test examples, Playground's marks: training examples in a light ring, test
        // examples in a dark one; without, the usual thin dark ring.
        let trainingRing: Color? = test == nil ? nil : theme.background
        var markers = (0..<data.count).map { k in
            PointMarker(x: data.inputs[0, k], y: data.inputs[1, k], shape: .circle, color: strong.color(for: data.targets[0, k]),
                        outline: trainingRing)
        }
        if let test {
            markers += (0..<test.count).map { k in
                PointMarker(x: test.inputs[0, k], y: test.inputs[1, k], shape: .circle, color: strong.color(for: test.targets[0, k]),
                            outline: .black, outlineWidth: Self.testRing)
            }
        }
        let grid = outputGrid ?? Grid(columns: 2, rows: 2, values: [0, 0, 0, 0], x: 0...1, y: 0...1)!
        let depth = network.depth
        var chart = HeatmapChart(
            title: title, subtitle: subtitle, xTitle: inputTitle(1), yTitle: inputTitle(2),
            grid: discretize ? Self.discretized(grid, at: middle, low: colors.domain.lowerBound, high: colors.domain.upperBound) : grid,
            colors: colors,
            colorBarTitle: discretize ? Label("class: $a^{(\(depth))}$ ≥ ") + TickFormatter.compact(middle) : Label("output $a^{(\(depth))}$"),
            contourLevels: boundaryShown ? [middle] : [], markers: markers)
        // The boundary itself from the outputs, not from the classes' steps.
        if discretize { chart.contourGrid = grid }
        if test != nil {
            let swatch = SeriesStyle(color: theme.secondaryText, marker: .circle, showsMarkers: true)
            chart.legend = [Legend.Entry(label: "training examples", style: SeriesStyle(color: theme.secondaryText, marker: .circle, showsMarkers: true,
                                                                                       markerOutline: theme.background), kind: .markers),
                            Legend.Entry(label: "test examples", style: Self.testStyle(swatch), kind: .markers)]
        }
        // Earlier boundaries, faint (at most 40 of them, evenly chosen, on a coarser grid).
        let chosen = history.count <= 40 ? history : (0..<40).map { history[$0 * history.count / 40] }
        chart.earlierContours = boundaryShown ? chosen.compactMap { outputGrid(of: $0, samples: max(samples / 2, 2)) }.map { ($0, middle) } : []
        chart.equalAspect = equalAspect
        chart.textSizing = textSizing
        return chart
    }

    /// Whether the map draws the boundary between classes: for targets of two values (classes),
    /// or classes by sign (`discretize`); a regression set's output has no boundary to show.
    var boundaryShown: Bool {
        discretize || Set(data.targets.values + (test?.targets.values ?? [])).count <= 2
    }

    /// "input $x_1 = a^{(0)}_1$", or "input $x_1$" when the network sees features of it.
    func inputTitle(_ i: Int) -> Label {
        features == nil ? Label("input $x_\(i) = a^{(0)}_\(i)$") : Label("input $x_\(i)$")
    }

    // MARK: - Numbers

    /// One row per example: inputs (the data's own, before any features), outputs, targets,
    /// in full precision; with held-out test examples, their rows after the training ones and
    /// a last column, `set`, saying which each row is in (`train` or `test`).
    public static func csv(network: Network, data: Dataset, features: Features? = nil, test: Dataset? = nil) -> String {
        var header: [String] = (1...data.inputWidth).map { "x\($0)" }
        header += (1...network.shape[network.depth]).map { "a\($0)" }
        header += (1...data.targetWidth).map { "y\($0)" }
        if test != nil { header.append("set") }
        var out = header.joined(separator: ",") + "\n"
        func rows(_ examples: Dataset, set: String?) {
            let output = network.forward(features?.apply(examples.inputs) ?? examples.inputs).output
            for k in 0..<examples.count {
                let row = examples.inputs.column(k) + output.column(k) + examples.targets.column(k)
                out += row.map { "\($0)" }.joined(separator: ",") + (set.map { "," + $0 } ?? "") + "\n"
            }
        }
        rows(data, set: test == nil ? nil : "train")
        if let test { rows(test, set: "test") }
        return out
    }
}

/// Why a fit cannot be drawn.
public enum FitError: Error, Equatable, CustomStringConvertible {
    case unsupportedShape([Int])

    public var description: String {
        switch self {
        case .unsupportedShape(let shape):
            let arrow = shape.map(String.init).joined(separator: " → ")
            return "fit draws 1 → 1 (a function), 1 → 2 (a curve) and 2 → 1 (a decision map) networks; this one is \(arrow) (fit --by-example draws its cost example by example; -o FILE.csv writes its numbers)"
        }
    }
}
