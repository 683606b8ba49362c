import Charts
import Drawing
import NetworkEngine

/// One frame of a training animation: a headline with the step and the cost, then the
/// panels that fit the network side by side — the diagram with the current weights, the cost
/// surface with the path so far, the training curve so far with a cursor, and the fit —
/// every scale taken from the plan so that nothing moves but the learning.
///
/// ```swift
/// let canvas = try Canvas(width: 1280, height: 720, format: .png)
/// AnimationFrame(plan: plan, index: 0).draw(on: canvas, theme: .light)
/// ```
public struct AnimationFrame: Sendable {
    public enum Panel: Sendable, Equatable, CaseIterable {
        case diagram, surface, curve, fit
    }

    public let plan: AnimationPlan
    /// 0-based position in `plan.frames`.
    public let index: Int

    public init(plan: AnimationPlan, index: Int) {
        self.plan = plan
        self.index = index
    }

    /// The panels for a network: all four when its shape has a fit picture, else three.
    public static func panels(for network: Network) -> [Panel] {
        panels(inputs: network.shape[0], outputs: network.shape[network.depth])
    }

    /// The panels for data of `inputs` inputs (before any features) and a network of `outputs` outputs.
    public static func panels(inputs: Int, outputs: Int) -> [Panel] {
        FitFigure.kind(inputs: inputs, outputs: outputs) == nil ? [.diagram, .surface, .curve] : [.diagram, .surface, .curve, .fit]
    }

    public var frame: AnimationPlan.Frame { plan.frames[index] }
    public var network: Network { plan.networks[index] }

    public func draw(on canvas: Canvas, theme: Theme) {
        canvas.fillBackground(theme.background)
        for (panel, rect) in layout(on: canvas, theme: theme, drawingTitles: true) {
            canvas.withState {
                canvas.clip(to: rect)
                draw(panel, on: canvas, in: rect, theme: theme, sizing: sizing(on: canvas))
            }
        }
    }

    /// The headline, then where each panel goes (for drawing, and for tests reading pixels).
    func layout(on canvas: Canvas, theme: Theme, drawingTitles: Bool = false) -> [(Panel, Rect)] {
        let bounds = canvas.bounds
        let sizing = sizing(on: canvas)
        let headline = plan.settings.title + Label.plain(" · step \(frame.step) of \(plan.training.steps) · ")
            + Label("$C$ = ") + TickFormatter.compact(frame.cost)
        let shape = network.shape.map(String.init).joined(separator: " → ")
        let rate = TickFormatter.decimal(plan.training.rate, decimals: 6)
        let tests = plan.test.map { " + \($0.count) test" } ?? ""
        let subtitle = Label.plain("\(shape) · \(plan.training.optimizer.rawValue), rate \(rate) · \(plan.data.count)\(tests) examples")
        let titles = TitleBlock(title: headline, subtitle: subtitle)
        let placed = titles.layout(in: bounds.inset(by: sizing.padding), text: canvas, sizing: sizing)
        if drawingTitles { titles.emit(placed, on: canvas, theme: theme, sizing: sizing) }
        let area = placed.content
        let panels = Self.panels(inputs: plan.rawData.inputWidth, outputs: network.shape[network.depth])
        return Array(zip(panels, Self.cells(count: panels.count, in: area, gap: sizing.em)))
    }

    /// The frame's sizes, which every panel shares: text as large in a cell as in the frame.
    func sizing(on canvas: Canvas) -> ChartSizing {
        ChartSizing(for: canvas.bounds, context: plan.settings.context)
    }

    /// The diagram panel's figure, with the plan's fixed weight scale.
    func diagram(sizing: ChartSizing) -> NetworkDiagram {
        // Panels carry no titles: at a slide's text size a cell's title line is a third of its
        // plot, and the axes' titles, colour bars and legends already say what each shows.
        var diagram = NetworkDiagram(network: network, title: "", subtitle: "")
        // A cell has no room for the key to the colours: the headline's network says it.
        diagram.subtitleOverride = ""
        diagram.textSizing = .fixed(sizing)
        diagram.weightRange = plan.weightMagnitude
        diagram.labels = network.layers.reduce(0) { $0 + $1.W.values.count } <= 6 ? .values : .none
        if plan.settings.neuronFunctions {
            diagram.neuronFunctions = NeuronFunctions(network: network, data: plan.rawData, features: plan.features)
        }
        if let features = plan.features {
            // What each input is, beside the input column, and a caption that says they are features.
            diagram.inputNames = features.list.map { Label.math($0.tex) }
            // The cell's captions are the symbols alone, as a cell's are; a^(0) is a function of x.
            diagram.layerNames = [Label("$a^{(0)}(x)$")] + (1...network.depth).map { Label("$a^{(\($0))}$") }
        }
        return diagram
    }

    /// Two rows of two for four panels, one row of three for three.
    static func cells(count: Int, in area: Rect, gap: Double) -> [Rect] {
        let columns = count == 4 ? 2 : count
        let rows = (count + columns - 1) / columns
        let width: Double = (area.width - gap * Double(columns - 1)) / Double(columns)
        let height: Double = (area.height - gap * Double(rows - 1)) / Double(rows)
        return (0..<count).map { i in
            let column = i % columns, row = i / columns
            return Rect(x: area.minX + Double(column) * (width + gap), y: area.minY + Double(row) * (height + gap),
                        width: width, height: height)
        }
    }

    /// The training curve panel's chart at a frame: the costs kept up to its step, and its
    /// own; with test examples, their cost too, as a second series.
    static func curveChart(costs: BoundedSeries, testCosts: BoundedSeries? = nil, through step: Int,
                           at frame: AnimationPlan.Frame) -> LineChart {
        let points = costs.points(through: step, ending: BoundedSeries.Point(x: frame.step, y: frame.cost))
        guard let testCosts else {
            return LineChart(title: "", subtitle: "", xTitle: "step", yTitle: "cost $C$",
                             series: [Series(name: "cost $C$", x: points.map { Double($0.x) }, y: points.map(\.y))],
                             markLastPoints: true)
        }
        let ending = frame.testCost.map { BoundedSeries.Point(x: frame.step, y: $0) }
        let tests = testCosts.points(through: step, ending: ending)
        return LineChart(title: "", subtitle: "", xTitle: "step", yTitle: "cost $C$",
                         series: [Series(name: "training", x: points.map { Double($0.x) }, y: points.map(\.y)),
                                  Series(name: "test", x: tests.map { Double($0.x) }, y: tests.map(\.y))],
                         markLastPoints: true)
    }

    /// Draws a panel. What every frame draws the same in a panel (its layer under the moving
    /// data, over axes and colours the plan fixed) goes through the plan's layer caches.
    func draw(_ panel: Panel, on canvas: Canvas, in rect: Rect, theme: Theme, sizing: ChartSizing) {
        switch panel {
        case .diagram:
            diagram(sizing: sizing).draw(on: canvas, in: rect, theme: theme)
        case .surface:
            let surface = plan.surface(for: index)
            let here = DescentPath.Point(x: frame.x, y: frame.y, cost: frame.cost)
            let path = DescentPath(x: plan.settings.x, y: plan.settings.y, points: plan.path.points(through: frame.step, ending: here),
                                   steps: frame.step, xRange: plan.path.xRange, yRange: plan.path.yRange)
            if let angles = plan.settings.surface3D {
                // Heights and colours on the whole run's range, so the surface does not jump.
                var solid = Surface3DFigure(surface: surface, network: network, title: "", subtitle: "")
                solid.paths = [(path.points, .white)]
                solid.azimuth = angles.azimuth
                solid.elevation = angles.elevation
                solid.markMinimum = false
                solid.floorContours = 6
                solid.log = plan.surfaceLog
                solid.fixedRange = plan.surfaceColors
                solid.textSizing = .fixed(sizing)
                solid.draw(on: canvas, in: rect, theme: theme)
                return
            }
            var figure = CostSurfaceFigure(
                surface: surface, path: path, network: network, title: "",
                subtitle: "",
                contours: 6)
            figure.markMinimum = false
            figure.annotate = false
            figure.fixedColorDomain = plan.surfaceColors
            figure.fixedLog = plan.surfaceLog
            // Equal units need windows fitted to the panel's shape (as `surface` fits them);
            // the plan's windows only hold the path, so the panel stretches them to fill.
            figure.equalAspect = false
            figure.textSizing = .fixed(sizing)
            guard let chart = figure.chart(theme: theme) else { return }
            let placed = chart.layout(in: rect, text: canvas, theme: theme)
            // Drawn clipped to `rect` (see `draw(on:theme:)`), as the layer cache needs. Contour
            // labels keep clear of the whole run's path, where the moving path will ever be:
            // the same in every frame, so the cached layer may hold them.
            LayerCache.draw(plan.surfaceLayer, on: canvas, under: rect) {
                var whole = figure
                whole.path = DescentPath(x: plan.settings.x, y: plan.settings.y, points: plan.path.points(through: Int.max),
                                         steps: plan.frames.last?.step ?? 0, xRange: plan.path.xRange, yRange: plan.path.yRange)
                var clear = whole.chart(theme: theme)?.overlays(placed, text: canvas).placement ?? Placement(bounds: placed.plot)
                chart.emitBase(placed, on: canvas, theme: theme, placement: &clear)
            }
            chart.emitData(placed, on: canvas, theme: theme)
        case .curve:
            var chart = Self.curveChart(costs: plan.costs, testCosts: plan.testCosts, through: frame.step, at: frame)
            chart.fixedAxes = plan.curveAxes
            chart.textSizing = .fixed(sizing)
            let placed = chart.layout(in: rect, text: canvas)
            LayerCache.draw(plan.curveLayer, on: canvas, under: rect) { chart.emitBase(placed, on: canvas, theme: theme) }
            chart.emitData(placed, on: canvas, theme: theme)
            // The cursor: where this frame is in the run.
            let x: Double = placed.axes.x.position(of: Double(frame.step))
            canvas.move(to: Point(x: x, y: placed.plot.minY))
            canvas.line(to: Point(x: x, y: placed.plot.maxY))
            canvas.stroke(theme.secondaryText.withAlpha(0.6), style: StrokeStyle(width: sizing.lineWidth * 0.6, dash: [4, 3]))
        case .fit:
            guard var fit = try? FitFigure(network: network, data: plan.rawData, features: plan.features, test: plan.rawTest,
                                           title: "", subtitle: "") else { return }
            fit.textSizing = .fixed(sizing)
            guard let axes = plan.fitAxes else { return fit.draw(on: canvas, in: rect, theme: theme) }
            var chart = fit.lineChart(theme: theme)
            var fixed = axes
            // The heart stays a heart: equal units even in a cell too flat for them to fill.
            fixed.equalAspectAlways = true
            chart.fixedAxes = fixed
            // The legend keeps clear of every frame's curve and of the examples, so it stays put.
            chart.legendAvoids = plan.legendAvoids + chart.series.filter { $0.kind == .markers }
            let placed = chart.layout(in: rect, text: canvas)
            LayerCache.draw(plan.fitLayer, on: canvas, under: rect) {
                chart.emitBase(placed, on: canvas, theme: theme, throughSeries: fit.steadySeries)
            }
            chart.emitData(placed, on: canvas, theme: theme, fromSeries: fit.steadySeries)
        }
    }
}
