import Charts
import Drawing
import NetworkEngine

/// The cost, example by example: for every output, each example's target y_k and the
/// network's output a_k joined by their residual, and below, each example's cost
/// C_k = Σ_i (a_i − y_i)² as a stem, with C (and the test set's C) stated.
///
/// Examples keep the data's order and numbering (eval's "example k"); held-out test examples
/// follow the training ones, in a dark ring as in `fit`.
///
/// ```swift
/// let figure = ExampleCostFigure(network: net, data: data, title: "NOT", subtitle: "")
/// figure.draw(on: canvas, theme: .light)
/// ```
public struct ExampleCostFigure: Sendable {
    public var network: Network
    /// The examples as the network sees them (features applied).
    public var data: Dataset
    public var test: Dataset?
    public var title: Label
    public var subtitle: Label
    public var textSizing: TextSizing = .talk

    /// Outputs drawn, a panel each: more would leave each too thin to read at slide size.
    public static let maxOutputs = 3

    public init(network: Network, data: Dataset, test: Dataset? = nil, title: Label, subtitle: Label) {
        self.network = network
        self.data = data
        self.test = test
        self.title = title
        self.subtitle = subtitle
    }

    /// One example's numbers: its number k (from 1, test examples after the training ones),
    /// the outputs, the targets and C_k.
    public struct Example: Equatable, Sendable {
        public var k: Int
        public var outputs: [Double]
        public var targets: [Double]
        public var cost: Double
        public var isTest: Bool
    }

    /// Every example, training then test, as the figure draws it.
    public var examples: [Example] {
        var result: [Example] = []
        for (set, isTest) in [(data, false), (test, true)] {
            guard let set else { continue }
            let pass = network.forward(set.inputs)
            let costs = network.exampleCosts(pass, targets: set.targets)
            for k in 0..<set.count {
                result.append(Example(k: result.count + 1, outputs: (0..<pass.output.rows).map { pass.output[$0, k] },
                                      targets: (0..<set.targetWidth).map { set.targets[$0, k] }, cost: costs[k], isTest: isTest))
            }
        }
        return result
    }

    /// Beyond this many examples, markers would cover each other: outputs and targets become
    /// lines over k, and the costs stems alone.
    public static let markerLimit = 30

    /// The panels, top to bottom (one per output, then the costs; their series unnamed), and
    /// the one legend they share.
    public func charts(theme: Theme, sizing: ChartSizing) -> (charts: [LineChart], legend: Legend) {
        let examples = examples
        let depth = network.depth
        let outputs = data.targetWidth
        let dense = examples.count > Self.markerLimit
        let output = theme.seriesStyle(at: 0), target = theme.seriesStyle(at: 1)
        let residual = SeriesStyle(color: theme.secondaryText.withAlpha(0.8))
        /// A set's style: markers (test ones ringed), or, dense, a line (test ones dashed).
        func style(_ base: SeriesStyle, test: Bool) -> (SeriesStyle, Series.Kind) {
            if dense { return (SeriesStyle(color: base.color, dash: test ? [2, 1.5] : []), .line) }
            let marked = SeriesStyle(color: base.color, marker: base.marker, showsMarkers: true)
            return (test ? FitFigure.testStyle(marked) : marked, .markers)
        }
        func points(_ value: (Example) -> Double, test: Bool) -> (x: [Double], y: [Double]) {
            let chosen = examples.filter { $0.isTest == test }
            return (chosen.map { Double($0.k) }, chosen.map(value))
        }
        /// Vertical segments at each example from `low` to `high`, broken between examples.
        func stems(_ low: (Example) -> Double, _ high: (Example) -> Double, test: Bool) -> (x: [Double], y: [Double]) {
            var xs: [Double] = [], ys: [Double] = []
            for e in examples where e.isTest == test {
                xs += [Double(e.k), Double(e.k), .nan]
                ys += [low(e), high(e), .nan]
            }
            return (xs, ys)
        }
        let sets = test == nil ? [false] : [false, true]
        var entries = [Legend.Entry(label: "residual $a - y$", style: residual)]
        for isTest in sets {
            let which = isTest ? "test " : ""
            let (y, yKind) = style(target, test: isTest), (a, aKind) = style(output, test: isTest)
            entries.append(Legend.Entry(label: Label("\(which)target $y$"), style: y, kind: yKind))
            entries.append(Legend.Entry(label: Label("\(which)output $a^{(\(depth))}$"), style: a, kind: aKind))
        }
        var charts: [LineChart] = []
        for i in 0..<outputs {
            let index = outputs == 1 ? "" : "_{\(i + 1)}"
            var series: [Series] = []
            for isTest in sets {
                let r = stems({ $0.targets[i] }, { $0.outputs[i] }, test: isTest)
                series.append(Series(name: "", x: r.x, y: r.y, style: residual))
            }
            for isTest in sets {
                let (yStyle, yKind) = style(target, test: isTest), (aStyle, aKind) = style(output, test: isTest)
                let y = points({ $0.targets[i] }, test: isTest), a = points({ $0.outputs[i] }, test: isTest)
                series.append(Series(name: "", x: y.x, y: y.y, kind: yKind, style: yStyle))
                series.append(Series(name: "", x: a.x, y: a.y, kind: aKind, style: aStyle))
            }
            var chart = LineChart(yTitle: Label("output $a^{(\(depth))}\(index)$ and target $y\(index)$"), series: series, yScale: .linear)
            chart.textSizing = .fixed(sizing)
            charts.append(chart)
        }
        var costs: [Series] = []
        for isTest in sets {
            let s = stems({ _ in 0 }, { $0.cost }, test: isTest)
            costs.append(Series(name: "", x: s.x, y: s.y, style: SeriesStyle(color: output.color, dash: isTest && dense ? [2, 1.5] : [])))
            if !dense {
                let c = points(\.cost, test: isTest)
                costs.append(Series(name: "", x: c.x, y: c.y, kind: .markers, style: style(output, test: isTest).0))
            }
        }
        var note = Label("$C$ = ") + TickFormatter.compact(network.cost(data))
        if let test { note = Label("training ") + note + Label(", test $C$ = ") + TickFormatter.compact(network.cost(test)) }
        let reduction = network.reduction == .mean ? "mean" : "sum"
        var chart = LineChart(xTitle: "example $k$", yTitle: Label("cost $C_k$ of each example; $C$ is their \(reduction)"),
                              series: costs, yScale: .linear, note: note)
        chart.textSizing = .fixed(sizing)
        charts.append(chart)
        return (charts, Legend(entries: entries))
    }

    /// The panels' shared x axis: every example half a step in from the ends, whole-numbered.
    func exampleAxis(_ chart: LineChart, count: Int) -> Axes {
        var axes = chart.axes()
        axes.x = Scale(kind: .linear, domain: 0.5...(Double(count) + 0.5))
        axes.x.wholeNumbers = true
        return axes
    }

    /// Draws the figure; returns the panels' layouts, top to bottom.
    @discardableResult
    public func draw(on canvas: Canvas, in frame: Rect? = nil, theme: Theme) -> [LineChart.Layout] {
        let area = frame ?? canvas.bounds
        let sizing = textSizing.sizing(for: area)
        if frame == nil { canvas.fillBackground(theme.background) }
        let titles = TitleBlock(title: title, subtitle: subtitle)
        let placed = titles.layout(in: area.inset(by: sizing.padding), text: canvas, sizing: sizing)
        titles.emit(placed, on: canvas, theme: theme, sizing: sizing)
        let content = placed.content
        let (charts, legend) = charts(theme: theme, sizing: sizing)
        // The legend in a column of its own, level with the first panel's plot.
        let size = legend.size(text: canvas, sizing: sizing)
        let panels = Rect(x: content.minX, y: content.minY, width: content.width - size.width - sizing.em, height: content.height)
        let height: Double = panels.height / Double(charts.count)
        let count = data.count + (test?.count ?? 0)
        var layouts: [LineChart.Layout] = []
        for (index, var chart) in charts.enumerated() {
            chart.fixedAxes = exampleAxis(chart, count: count)
            layouts.append(chart.draw(on: canvas, in: Rect(x: panels.minX, y: panels.minY + Double(index) * height, width: panels.width,
                                                           height: height), theme: theme))
        }
        let top = layouts.first?.plot.minY ?? content.minY
        legend.emit(Legend.Layout(box: Rect(x: content.maxX - size.width, y: top, width: size.width, height: size.height), corner: .topRight),
                    on: canvas, theme: theme, sizing: sizing)
        return layouts
    }
}
