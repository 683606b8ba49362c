import Drawing
import Foundation

/// A complete line chart: title, subtitle, axes with nice ticks, one or more series, a legend
/// when there are several, and an optional note (e.g. the final value) in a free corner.
///
/// The y axis becomes logarithmic automatically when all values are positive and span two
/// decades or more. Every series is one path however many points it has.
///
/// - Parameters:
///   - title: bold headline; math allowed.
///   - subtitle: a second, quieter line.
///   - xTitle: the x axis title.
///   - yTitle: the y axis title.
///   - series: the data.
///   - yScale: `.automatic`, `.linear` or `.log`.
///   - note: text in a box in the least crowded corner, e.g. `"final $C$ = 0.00123"`.
///   - markLastPoints: draw a marker on each series' last point.
///
/// ```swift
/// let chart = LineChart(title: "Training", subtitle: "heart network, gd, rate 7",
///                       xTitle: "step", yTitle: "cost $C$",
///                       series: [Series(name: "cost", x: steps, y: costs)],
///                       note: "final $C$ = 0.00123", markLastPoints: true)
/// let canvas = try Canvas(width: 1600, height: 1000, format: .png)
/// chart.draw(on: canvas, in: canvas.bounds, theme: .light)
/// try canvas.write(to: "output/train.png", metadata: ["Software": "netfig 0.1"])
/// ```
public struct LineChart: Sendable {
    public enum YScale: Hashable, Sendable {
        case automatic
        case linear
        case log
    }

    public var title: Label
    public var subtitle: Label
    public var xTitle: Label
    public var yTitle: Label
    public var series: [Series]
    public var yScale: YScale
    public var note: Label?
    public var markLastPoints: Bool
    public var grid: Bool
    /// Show the legend even for one series (it is always shown for several).
    public var alwaysShowLegend: Bool
    /// One unit of x as long as one unit of y: for drawn curves (the course's heart).
    public var equalAspect: Bool = false
    /// Axes to draw in instead of ones fitted to the series: an animation's, fitted once to
    /// the whole run (`axes(holding:)`), so they stay put from frame to frame.
    public var fixedAxes: Axes?
    /// The series a legend or a note keeps clear of; nil for the series drawn. An animation
    /// gives the whole run, so the boxes stay in one corner from frame to frame.
    public var legendAvoids: [Series]?
    /// How large its text is: for its rectangle in a context, or a larger figure's sizes.
    public var textSizing: TextSizing = .talk

    public init(title: Label = "", subtitle: Label = "", xTitle: Label = "", yTitle: Label = "",
                series: [Series], yScale: YScale = .automatic, note: Label? = nil,
                markLastPoints: Bool = false, grid: Bool = true, alwaysShowLegend: Bool = false) {
        self.title = title
        self.subtitle = subtitle
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.series = series
        self.yScale = yScale
        self.note = note
        self.markLastPoints = markLastPoints
        self.grid = grid
        self.alwaysShowLegend = alwaysShowLegend
    }

    /// The y scale kind actually used: log when asked, or when automatic and all finite
    /// values are positive and max/min ≥ 100.
    public var resolvedYScale: Scale.Kind { resolvedYScale(holding: []) }

    func resolvedYScale(holding extra: [Series]) -> Scale.Kind {
        switch yScale {
        case .linear: return .linear
        case .log: return .log
        case .automatic:
            let values = (series + extra).flatMap { $0.y.prefix($0.count) }.filter(\.isFinite)
            guard let low = values.min(), let high = values.max(), low > 0 else { return .linear }
            return high / low >= 100 ? .log : .linear
        }
    }

    /// The axes with domains fitted to the data (before layout).
    public func axes() -> Axes { axes(holding: []) }

    /// The axes fitted to the series and to `extra`, data the axes must hold that is not
    /// drawn (an animation's whole run).
    public func axes(holding extra: [Series]) -> Axes {
        let kind = resolvedYScale(holding: extra)
        // The extremes of the plottable points, in one pass (an animation frame asks for its
        // axes over the whole run several times).
        var xLow = Double.infinity, xHigh = -Double.infinity, yMin = Double.infinity, yMax = -Double.infinity
        for s in series + extra {
            for i in 0..<s.count where s.x[i].isFinite && s.y[i].isFinite && (kind == .linear || s.y[i] > 0) {
                // Strict comparisons keep the first of equal values (0 and −0), as min() and max() do.
                if s.x[i] < xLow { xLow = s.x[i] }
                if s.x[i] > xHigh { xHigh = s.x[i] }
                if s.y[i] < yMin { yMin = s.y[i] }
                if s.y[i] > yMax { yMax = s.y[i] }
            }
        }
        let any = xLow <= xHigh
        let xDomain: ClosedRange<Double> = any ? xLow...xHigh : 0...1
        let yLow = any ? yMin : (kind == .log ? 0.1 : 0)
        let yHigh = any ? yMax : 1
        let yDomain: ClosedRange<Double>
        switch kind {
        case .linear:
            let pad: Double = yHigh > yLow ? (yHigh - yLow) * 0.05 : max(abs(yLow) * 0.1, 1)
            yDomain = (yLow - pad)...(yHigh + pad)
        case .log:
            let lowLog: Double = log10(yLow)
            let highLog: Double = log10(yHigh)
            let pad: Double = highLog > lowLog ? (highLog - lowLog) * 0.05 : 0.5
            // Reach a whole decade when it is near, so each end of the axis has a labelled tick.
            let nearDecade = 0.35
            let bottom: Double = lowLog - Foundation.floor(lowLog) <= nearDecade ? Foundation.floor(lowLog) : lowLog - pad
            let top: Double = Foundation.ceil(highLog) - highLog <= nearDecade ? Foundation.ceil(highLog) : highLog + pad
            yDomain = pow(10, bottom)...pow(10, top)
        }
        // Data that stop just short of a round number (a stride ending at 2.95) get the round end.
        let xScale = Scale(kind: .linear, domain: xDomain).niced(count: 6, tolerance: 0.02)
        return Axes(x: xScale, y: Scale(kind: kind, domain: yDomain),
                    xTitle: xTitle, yTitle: yTitle, grid: grid, equalAspect: equalAspect)
    }

    /// Where everything of the chart goes in a rectangle: its titles, then its axes in what
    /// the titles leave.
    public struct Layout: Sendable {
        public var rect: Rect
        public var sizing: ChartSizing
        public var titles: TitleBlock.Layout
        public var frame: Axes.Layout
        /// The axes mapped onto the plot.
        public var axes: Axes { frame.axes }
        public var plot: Rect { frame.plot }
    }

    /// Whether a legend is drawn: for several named series, or one when asked.
    var showsLegend: Bool {
        let named = series.filter { !$0.name.isEmpty }.count
        return named > 1 || (alwaysShowLegend && named > 0)
    }

    /// Lays the chart out in `rect`, measuring its text with `text` (the canvas it will be
    /// drawn on), without drawing.
    public func layout(in rect: Rect, text: Measuring) -> Layout {
        let sizing = textSizing.sizing(for: rect)
        let inner = rect.inset(by: sizing.padding)
        let titles = TitleBlock(title: title, subtitle: subtitle).layout(in: inner, text: text, sizing: sizing)
        var axes = fixedAxes ?? self.axes()
        // Equal units leave room beside the plot: the legend goes there, and the two are centred.
        let beside: Double = showsLegend ? legend(theme: .light).size(text: text, sizing: sizing).width + sizing.em : 0
        axes.equalAspectBeside = beside
        var frame = axes.layout(in: titles.content, text: text, sizing: sizing)
        // Where they left too little (a narrow cell), the plot makes room: a legend over a
        // curve drawn in equal units would cover its shape.
        if showsLegend, axes.equalAspect, frame.plot.maxX + beside > rect.maxX - sizing.padding + 0.5 {
            axes.reserveRight += beside
            axes.equalAspectBeside = 0
            frame = axes.layout(in: titles.content, text: text, sizing: sizing)
        }
        return Layout(rect: rect, sizing: sizing, titles: titles, frame: frame)
    }

    /// Lays the chart out in `rect` and draws it there, background included.
    ///
    /// - Returns: the layout, for drawing on top of the chart (an animation's cursor).
    @discardableResult
    public func draw(on canvas: Canvas, in rect: Rect, theme: Theme) -> Layout {
        let layout = self.layout(in: rect, text: canvas)
        emit(layout, on: canvas, theme: theme)
        return layout
    }

    /// Draws the laid-out chart, background included.
    public func emit(_ layout: Layout, on canvas: Canvas, theme: Theme) {
        emitBase(layout, on: canvas, theme: theme)
        emitData(layout, on: canvas, theme: theme)
    }

    /// Draws what lies under the data: background, titles, axes titles and grid, and the
    /// first `count` series (an animation's steady targets, kept with this layer).
    public func emitBase(_ layout: Layout, on canvas: Canvas, theme: Theme, throughSeries count: Int = 0) {
        canvas.withState {
            canvas.clip(to: layout.rect)
            canvas.fillBackground(theme.background)
        }
        TitleBlock(title: title, subtitle: subtitle).emit(layout.titles, on: canvas, theme: theme, sizing: layout.sizing)
        layout.axes.emitGrid(layout.frame, on: canvas, theme: theme, sizing: layout.sizing)
        emitSeries(0..<min(max(count, 0), series.count), layout: layout, on: canvas, theme: theme)
    }

    /// Draws the data over the base: the series from `first` on, the axes' spines, ticks and
    /// labels, the last points' markers, the legend and the note.
    public func emitData(_ layout: Layout, on canvas: Canvas, theme: Theme, fromSeries first: Int = 0) {
        let sizing = layout.sizing, axes = layout.axes, plot = layout.plot
        let showsLegend = self.showsLegend
        // A legend or a note is placed clear of a sample of the points: taken only when one is drawn.
        let placesBoxes = showsLegend || note.map { !$0.isEmpty } == true
        emitSeries(min(max(first, 0), series.count)..<series.count, layout: layout, on: canvas, theme: theme)
        var sample: [Point] = []
        if placesBoxes {
            let steady = legendAvoids ?? series
            sample = steady.flatMap { thin(project($0, axes: axes), to: 1500 / max(steady.count, 1)) }
        }
        axes.emit(layout.frame, on: canvas, theme: theme, sizing: sizing)
        // After the frame and unclipped, so a last point on the plot's edge shows whole.
        if markLastPoints {
            for (index, s) in series.enumerated() {
                guard let last = s.lastFinitePoint else { continue }
                let style = s.style ?? theme.seriesStyle(at: index)
                let point = Point(x: axes.x.position(of: last.x), y: axes.y.position(of: last.y))
                guard point.x.isFinite, point.y.isFinite, plot.inset(by: -1).contains(point) else { continue }
                style.marker.draw(on: canvas, at: point, size: sizing.markerSize * 1.6,
                                  color: style.color, outline: theme.background)
            }
        }

        var taken: Set<Legend.Corner> = []
        if showsLegend {
            var legend = self.legend(theme: theme)
            legend.avoiding = sample
            // Beside the plot when equal units left room there (the heart's curve), so it
            // covers no data; else in the plot's emptiest corner.
            let size = legend.size(text: canvas, sizing: sizing)
            let besideX: Double = plot.maxX + sizing.em
            // Left of the plot: past the y tick labels and the title above them.
            let leftEdge: Double = plot.minX - sizing.tickLength - sizing.gap - layout.frame.yLabelWidth - sizing.em
            let leftX: Double = min(leftEdge, plot.minX - sizing.em * 3) - size.width
            if layout.rect.maxX - sizing.padding - besideX >= size.width, plot.height >= size.height {
                let placed = Legend.Layout(box: Rect(x: besideX, y: plot.minY, width: size.width, height: size.height), corner: .topRight)
                legend.emit(placed, on: canvas, theme: theme, sizing: sizing)
            } else if leftX >= layout.rect.minX + sizing.padding, plot.height >= size.height {
                let placed = Legend.Layout(box: Rect(x: leftX, y: plot.minY, width: size.width, height: size.height), corner: .topLeft)
                legend.emit(placed, on: canvas, theme: theme, sizing: sizing)
            } else {
                let placed = legend.layout(in: plot, text: canvas, sizing: sizing)
                legend.emit(placed, on: canvas, theme: theme, sizing: sizing)
                // A box in the middle of an edge may reach either corner of it, and a corner
                // box the middle: the note keeps off the whole side a wide box might share.
                switch placed.corner {
                case .top, .topLeft, .topRight: taken.formUnion([.top, .topLeft, .topRight])
                case .bottom, .bottomLeft, .bottomRight: taken.formUnion([.bottom, .bottomLeft, .bottomRight])
                }
            }
        }
        if let note, !note.isEmpty {
            drawNote(note, on: canvas, in: plot, avoiding: sample, excluding: taken, theme: theme, sizing: sizing)
        }
    }

    /// The legend of the named series (one with an empty name, e.g. one of many faint history
    /// curves, stays out of it).
    private func legend(theme: Theme) -> Legend {
        Legend(entries: series.enumerated().filter { !$0.element.name.isEmpty }.map { index, s in
            Legend.Entry(label: s.name, style: s.style ?? theme.seriesStyle(at: index), kind: s.kind)
        })
    }

    /// Series `range`, clipped to the plot with a little slack so lines along its edge keep
    /// their full width.
    private func emitSeries(_ range: Range<Int>, layout: Layout, on canvas: Canvas, theme: Theme) {
        guard !range.isEmpty else { return }
        canvas.withState {
            canvas.clip(to: layout.plot.inset(by: -layout.sizing.lineWidth))
            for index in range {
                let s = series[index]
                draw(project(s, axes: layout.axes), kind: s.kind, style: s.style ?? theme.seriesStyle(at: index),
                     on: canvas, theme: theme, sizing: layout.sizing)
            }
        }
    }

    private func project(_ s: Series, axes: Axes) -> [Point] {
        var points: [Point] = []
        points.reserveCapacity(s.count)
        for i in 0..<s.count {
            let px: Double = axes.x.position(of: s.x[i])
            let py: Double = axes.y.position(of: s.y[i])
            points.append(Point(x: px, y: py))
        }
        return points
    }

    private func thin(_ points: [Point], to limit: Int) -> [Point] {
        let finite = points.filter { $0.x.isFinite && $0.y.isFinite }
        guard finite.count > limit, limit > 0 else { return finite }
        let step: Int = (finite.count + limit - 1) / limit
        return stride(from: 0, to: finite.count, by: step).map { finite[$0] }
    }

    private func draw(_ points: [Point], kind: Series.Kind, style: SeriesStyle, on canvas: Canvas,
                      theme: Theme, sizing: ChartSizing) {
        if kind != .markers {
            canvas.polyline(points)
            let dash = style.dash.map { $0 * sizing.lineWidth }
            canvas.stroke(style.color, style: StrokeStyle(width: sizing.lineWidth, dash: dash, cap: .round, join: .round))
        }
        let markersEverywhere = kind != .line
        let markersSpaced = kind == .line && style.showsMarkers
        guard markersEverywhere || markersSpaced else { return }
        let finite = points.filter { $0.x.isFinite && $0.y.isFinite }
        // Line series in the print theme get a few markers so they can be told apart in grey.
        let chosen = markersSpaced ? thin(finite, to: 12) : finite
        for point in chosen {
            let size: Double = markersEverywhere ? sizing.markerSize * 1.35 : sizing.markerSize
            style.marker.draw(on: canvas, at: point, size: size, color: style.color,
                              outline: markersEverywhere ? style.markerOutline ?? theme.background : nil,
                              outlineWidth: style.markerOutlineWidth)
        }
    }

    private func drawNote(_ note: Label, on canvas: Canvas, in plot: Rect, avoiding points: [Point],
                          excluding: Set<Legend.Corner>, theme: Theme, sizing: ChartSizing) {
        let extents = canvas.measure(note, font: sizing.noteFont)
        let padding: Double = sizing.em * 0.5
        let width: Double = extents.width + 2 * padding
        let height: Double = extents.height + 2 * padding
        let placed = Legend.bestCorner(width: width, height: height, in: plot, avoiding: points,
                                       margin: sizing.em * 0.6, excluding: excluding)
        canvas.rectangle(placed.box)
        canvas.fill(theme.panel, keepPath: true)
        canvas.stroke(theme.grid, style: StrokeStyle(width: sizing.gridWidth))
        canvas.draw(note, font: sizing.noteFont, color: theme.foreground,
                    at: Point(x: placed.box.minX + padding, y: placed.box.minY + padding + extents.ascent))
    }
}
