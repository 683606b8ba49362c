import Charts
import Drawing
import NetworkEngine

/// The cost surface: C over two named parameters as a heatmap with contours and a colour bar,
/// axes in the seed's notation, the grid minimum marked, and the descent path on top.
///
/// ```swift
/// let figure = CostSurfaceFigure(surface: surface, path: path, network: network,
///                                title: "Cost surface of not.yaml", subtitle: "…")
/// figure.draw(on: canvas, theme: .light)
/// ```
public struct CostSurfaceFigure: Sendable {
    public enum ColorScaling: Sendable, Equatable {
        /// Log when most of the surface spans two decades or more: the highest cost is 100
        /// times the tenth percentile. A narrow valley alone (the NOT neuron's, whose floor is
        /// near 1e-17) does not switch to log: linear shows its plateaus and walls better.
        case automatic
        case linear
        case log
    }

    /// A path of several drawn together (`--compare`): its key's words and its points.
    public struct Rival: Sendable {
        public var label: Label
        public var path: DescentPath

        public init(label: Label, path: DescentPath) {
            self.label = label
            self.path = path
        }
    }

    public var surface: CostSurface
    /// The descent path (start to end), drawn when present.
    public var path: DescentPath?
    /// Rival paths from one start, each in its own colour with its final cost in a key
    /// (instead of `path`).
    public var rivals: [Rival] = []
    /// −∇C at grid points, drawn as arrows under the contours (`--gradient-field`).
    public var gradientField: GradientField?
    /// Arrows per side of `gradientField`.
    public var gradientFieldCount = 0
    /// Names and notation come from the network's shape.
    public var network: Network
    public var title: Label
    public var subtitle: Label
    public var colorMap: ColorMap?
    public var scaling: ColorScaling
    public var contours: Int
    /// Where the spec's own parameters sit, marked when there is no path starting there.
    public var current: (x: Double, y: Double)?
    /// The path's start label instead of "start": a projected path's, with its cost beside
    /// the plane's there.
    public var startLabel: Label?
    /// Other points to mark with their labels, after the path's and the spec's: another
    /// network on a plane toward it.
    public var landmarks: [(x: Double, y: Double, label: Label)] = []
    /// Mark the grid's minimum with a cross and its value.
    public var markMinimum = true
    /// Write values beside the markers (off in animation frames, where they would flicker).
    public var annotate = true
    /// A colour range held fixed (an animation's, decided from the whole run); nil fits this surface.
    public var fixedColorDomain: ClosedRange<Double>?
    /// The colour scale's kind to keep with `fixedColorDomain`.
    public var fixedLog: Bool?
    /// Equal units on both axes (the default: both are parameters, so a valley keeps its
    /// angle and the gradient its right angle to the contours), or each axis filling the plot.
    public var equalAspect = true
    /// How large its text is (`--context`), or a larger figure's sizes when it is a cell of one.
    public var textSizing: TextSizing = .talk
    /// Say in the figure (`--notes`) what the placement stage left out; stderr says it anyway.
    public var showsNotes = false

    public init(surface: CostSurface, path: DescentPath? = nil, network: Network, title: Label, subtitle: Label,
                colorMap: ColorMap? = nil, scaling: ColorScaling = .automatic, contours: Int = 10,
                current: (x: Double, y: Double)? = nil) {
        self.surface = surface
        self.path = path
        self.network = network
        self.title = title
        self.subtitle = subtitle
        self.colorMap = colorMap
        self.scaling = scaling
        self.contours = contours
        self.current = current
    }

    /// The grid the chart draws (row 0 at the lowest y, as the surface stores it).
    public var grid: Grid? { surface.grid }

    /// Whether the colours run on a log scale.
    public var isLog: Bool {
        switch scaling {
        case .linear: return false
        case .log: return (grid?.finiteRange(positive: true)) != nil
        case .automatic: return Self.spansDecades(surface.values)
        }
    }

    /// The automatic rule, for one surface or an animation's many: the highest finite cost is
    /// 100 times the tenth percentile or more. With t the finite values' k-th smallest
    /// (k = count / 10, 0-based), that is t > 0 and high / t ≥ 100.
    ///
    /// Counted, not selected: high / t (correctly rounded) falls as t grows, so high / t ≥ 100
    /// holds exactly for 0 < t ≤ `tenthLimit(high)`, and "t is at most x" is "more than k
    /// values are at most x". Two passes over the values and no copy: selecting t took a
    /// copy of the million values of a 1024² grid, whose fresh pages alone took longer than
    /// the passes.
    static func spansDecades(_ values: [Double]) -> Bool {
        var summary = CostSummary()
        summary.add(values)
        return summary.spansDecades { limit in
            var atMost = 0
            for value in values where value.isFinite && value <= limit { atMost += 1 }
            return atMost
        }
    }

    /// What the automatic rule and the colour domain read of costs, gathered in one pass over
    /// one surface or over an animation's many, a part at a time.
    struct CostSummary {
        var count = 0, notPositive = 0
        var low = Double.infinity, high = -Double.infinity, lowestPositive = Double.infinity

        mutating func add(_ values: [Double]) {
            for value in values where value.isFinite {
                count += 1
                // Strict comparisons keep the first of equal values (0 and −0), as min() does.
                if value < low { low = value }
                if value > high { high = value }
                if value > 0, value < lowestPositive { lowestPositive = value }
                if value <= 0 { notPositive += 1 }
            }
        }

        /// `spansDecades`' rule: t > 0 (at most k values ≤ 0) and t ≤ `tenthLimit(high)`
        /// (more than k values at most it, which `countAtMost` counts in a second pass; none
        /// are when the lowest is above it).
        func spansDecades(countAtMost: (Double) -> Int) -> Bool {
            guard count > 0, high > 0 else { return false }
            let k = count / 10
            guard notPositive <= k else { return false }
            let limit = tenthLimit(high)
            guard low <= limit else { return false }
            return countAtMost(limit) > k
        }
    }

    /// The largest t > 0 with high / t ≥ 100, as doubles divide (high > 0).
    static func tenthLimit(_ high: Double) -> Double {
        var t = high / 100
        while high / t.nextUp >= 100 { t = t.nextUp }
        while t > 0, high / t < 100 { t = t.nextDown }
        return t
    }

    /// The colour scale's domain: the finite range, and on a log scale at most six decades
    /// below the highest cost (lower costs take the lowest colour), so a valley floor at 1e-17
    /// does not squeeze the rest of the surface into one colour.
    func colorDomain(_ grid: Grid, log: Bool) -> ClosedRange<Double> {
        guard log else { return grid.finiteRange() ?? 0...1 }
        guard let range = grid.finiteRange(positive: true) else { return 1e-3...1 }
        return Self.logDomain(lowestPositive: range.lowerBound, highest: range.upperBound)
    }

    /// A log colour range from the lowest positive cost, cut at `logFloor` of the highest.
    static func logDomain(lowestPositive: Double, highest: Double) -> ClosedRange<Double> {
        max(lowestPositive, highest * logFloor)...highest
    }

    static let logFloor = 1e-6
    /// The colour a descent path ends in (matplotlib's tab:orange, which reads on every
    /// colour map netfig has beside the path's dark halo).
    static let pathEnd = Color(hex: 0xFF7F0E)
    /// Rival paths' colours: white, then tab:orange, tab:pink and tab:cyan, each distinct on
    /// every colour map beside the paths' dark halo, and olive.
    static let rivalColors: [Color] = [.white, pathEnd, Color(hex: 0xE377C2), Color(hex: 0x17BECF), Color(hex: 0xBCBD22)]

    /// Rival path `index`'s colour.
    public static func rivalColor(_ index: Int) -> Color { rivalColors[index % rivalColors.count] }

    public func chart(theme: Theme) -> HeatmapChart? {
        guard let grid else { return nil }
        let map = colorMap ?? theme.colorMap
        let log = fixedLog ?? isLog
        let colors = ColorScale(map: map, domain: fixedColorDomain ?? colorDomain(grid, log: log), kind: log ? .log : .linear)

        // In order of importance: the placement stage gives the first marker's label the
        // best room.
        var markers: [PointMarker] = []
        var paths: [Series] = []
        var key: [Legend.Entry] = []
        if !rivals.isEmpty {
            for (index, rival) in rivals.enumerated() {
                guard let end = rival.path.points.last else { continue }
                let color = Self.rivalColors[index % Self.rivalColors.count]
                let style = SeriesStyle(color: color)
                paths.append(Series(name: rival.label, x: rival.path.points.map(\.x), y: rival.path.points.map(\.y), style: style))
                markers.append(PointMarker(x: end.x, y: end.y, label: "", shape: .diamond, color: color))
                key.append(Legend.Entry(label: rival.label + Label(": $C$ = ") + TickFormatter.compact(end.cost), style: style))
            }
            if annotate, let start = rivals.first?.path.points.first {
                markers.insert(PointMarker(x: start.x, y: start.y, label: "start", shape: .circle), at: 0)
            }
        } else if let path, let end = path.points.last {
            paths.append(Series(name: "gradient descent", x: path.points.map(\.x), y: path.points.map(\.y)))
            let label = annotate ? Label("after \(path.steps) steps: $C$ = ") + TickFormatter.compact(end.cost) : ""
            // Coloured by step (see `chart.stepColors`): the end marker in the end's colour.
            markers.append(PointMarker(x: end.x, y: end.y, label: label, shape: .diamond, color: annotate ? Self.pathEnd : nil))
            if annotate, let start = path.points.first, path.points.count > 1 {
                markers.append(PointMarker(x: start.x, y: start.y, label: startLabel ?? "start", shape: .circle))
            }
        } else if let current {
            markers.append(PointMarker(x: current.x, y: current.y, label: "spec's values", shape: .circle))
        }
        for landmark in landmarks {
            markers.append(PointMarker(x: landmark.x, y: landmark.y, label: annotate ? landmark.label : "", shape: .circle))
        }
        if markMinimum, let minimum = surface.minimum {
            let label = annotate ? Label("grid minimum $C$ = ") + TickFormatter.compact(minimum.value) : ""
            // The path's end label goes right; the minimum's left first, so the two part.
            markers.append(PointMarker(x: surface.xValue(minimum.column), y: surface.yValue(minimum.row), label: label,
                                       shape: .cross, labelOnLeft: path != nil))
        }
        var chart = HeatmapChart(
            title: title, subtitle: subtitle,
            xTitle: Self.axisTitle(surface.x, in: network), yTitle: Self.axisTitle(surface.y, in: network),
            grid: grid, colors: colors, colorBarTitle: log ? "cost $C$ (log scale)" : "cost $C$",
            contourCount: contours, paths: paths, markers: markers)
        chart.equalAspect = equalAspect
        chart.textSizing = textSizing
        chart.legendEntries = key
        if let gradientField {
            chart.arrows = gradientField.arrows.map { ($0.x, $0.y, $0.dx, $0.dy) }
            chart.arrowsPerSide = gradientFieldCount
        }
        // A finished path is coloured by step, white to orange; an animation's grows in white.
        if annotate, rivals.isEmpty { chart.stepColors = (.white, Self.pathEnd) }
        return chart
    }

    /// The width-to-height ratio of the plot this figure's surface gets in `rect` when each
    /// axis fills it (titles, axes labels and colour bar taken off).
    public func plotAspect(in rect: Rect, text: Measuring, theme: Theme) -> Double? {
        var filling = self
        filling.equalAspect = false
        guard let plot = filling.chart(theme: theme)?.layout(in: rect, text: text, theme: theme).plot,
              plot.width > 0, plot.height > 0 else { return nil }
        return plot.width / plot.height
    }

    /// Windows for equal units on both axes: the one whose span is too short for the plot's
    /// shape, if it may be widened (it was chosen automatically), widened about its centre
    /// so that the surface fills the plot instead of a strip of it.
    ///
    /// - Parameters:
    ///   - x, y: the windows.
    ///   - widenX, widenY: whether each may grow (false for a range the user gave).
    ///   - aspect: the plot's width over its height (`plotAspect(in:text:theme:)`).
    public static func equalUnitWindows(x: ClosedRange<Double>, y: ClosedRange<Double>, widenX: Bool, widenY: Bool,
                                        aspect: Double) -> (x: ClosedRange<Double>, y: ClosedRange<Double>) {
        let xSpan: Double = x.upperBound - x.lowerBound
        let ySpan: Double = y.upperBound - y.lowerBound
        guard xSpan > 0, ySpan > 0, aspect > 0, aspect.isFinite else { return (x, y) }
        func widened(_ range: ClosedRange<Double>, to span: Double) -> ClosedRange<Double> {
            let middle: Double = (range.lowerBound + range.upperBound) / 2
            return (middle - span / 2)...(middle + span / 2)
        }
        if widenX, xSpan < ySpan * aspect { return (widened(x, to: ySpan * aspect), y) }
        if widenY, ySpan < xSpan / aspect { return (x, widened(y, to: xSpan / aspect)) }
        return (x, y)
    }

    /// Draws the figure.
    ///
    /// - Returns: what the placement stage left out for want of room ("2 contour labels"), or nil.
    @discardableResult
    public func draw(on canvas: Canvas, in rect: Rect? = nil, theme: Theme) -> String? {
        guard var chart = chart(theme: theme) else { return nil }
        let rect = rect ?? canvas.bounds
        var layout = chart.layout(in: rect, text: canvas, theme: theme)
        if showsNotes {
            // The note joins the subtitle, which takes room from the plot and may change what
            // fits: laid out again until the count it states is the count left out.
            let subtitle = chart.subtitle
            var stated: String?
            for _ in 0..<3 {
                // Contour labels are placed as they are drawn: counted on a canvas thrown away.
                guard let scratch = try? Canvas(width: canvas.width, height: canvas.height, format: canvas.format, scale: canvas.scale) else { break }
                let leftOut = chart.emit(layout, on: scratch, theme: theme)
                if leftOut == stated { break }
                stated = leftOut
                chart.subtitle = leftOut.map { subtitle + Label.plain(" · \($0) left out: no room") } ?? subtitle
                layout = chart.layout(in: rect, text: canvas, theme: theme)
            }
        }
        return chart.emit(layout, on: canvas, theme: theme)
    }

    /// `x,y,cost` rows under a header naming the parameters; numbers in full precision.
    public var csv: String {
        let xs = (0..<surface.columns).map(surface.xValue)
        let ys = (0..<surface.rows).map(surface.yValue)
        var out = Self.csvHeader(x: surface.x, y: surface.y, in: network)
        Self.appendCSVLines(xs: xs, ys: ys, values: surface.values, to: &out)
        return out
    }

    /// The CSV's first line: the two parameters' names, then `cost`.
    public static func csvHeader(x: ParameterName, y: ParameterName, in network: Network) -> String {
        csvHeader(x: .parameter(x), y: .parameter(y), in: network)
    }

    /// The CSV's first line: the two axes' names (`w1,b1`, `alpha,beta`, `pc1,pc2`), then `cost`.
    public static func csvHeader(x: SurfaceAxis, y: SurfaceAxis, in network: Network) -> String {
        "\(x.name(in: network)),\(y.name(in: network)),cost\n"
    }

    /// A parameter's axis says what it is in the seed's notation ("weight $w^{(1)}$"); a
    /// direction's, what its coefficient runs along ("$\alpha$ along $\delta$ (random)").
    static func axisTitle(_ axis: SurfaceAxis, in network: Network) -> Label {
        switch axis {
        case .parameter(let p): return Label("\(role(p)) $\(p.tex(in: network))$")
        case .direction(let d): return Label(d.title)
        }
    }

    /// One `x,y,cost` line per grid point, row by row (`values[row * xs.count + column]` at
    /// `xs[column]`, `ys[row]`), each number the shortest text that reads back to its bits.
    /// A shard writes its rows with it: the lines `csv` writes for those rows.
    public static func appendCSVLines(xs: [Double], ys: [Double], values: [Double], to out: inout String) {
        out.reserveCapacity(out.utf8.count + values.count * 48)
        for (row, y) in ys.enumerated() {
            for (column, x) in xs.enumerated() {
                out += "\(x),\(y),\(values[row * xs.count + column])\n"
            }
        }
    }

    static func role(_ p: ParameterName) -> String {
        switch p {
        case .weight: return "weight"
        case .bias: return "bias"
        case .single(let isWeight, _): return isWeight ? "weight" : "bias"
        }
    }
}

extension CostSurface {
    /// The surface as a chart's grid (row 0 at the lowest y, as the surface stores it).
    var grid: Grid? {
        Grid(columns: columns, rows: rows, values: values, x: xRange, y: yRange)
    }
}
