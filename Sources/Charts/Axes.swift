import Drawing

/// A pair of axes: scales, titles, ticks, tick labels, grid and spines, plus the layout that
/// measures all their text to find the plot rectangle.
///
/// - Parameters:
///   - x: the horizontal scale (its positions are set by `layout`).
///   - y: the vertical scale.
///   - xTitle: label under the x axis; math allowed (`"step $t$"`).
///   - yTitle: label left of the y axis, drawn bottom to top.
///   - grid: light lines at major ticks (and faint ones at log minor ticks).
///   - box: a frame on all four sides instead of only left and bottom spines.
///
/// ```swift
/// let axes = Axes(x: Scale(kind: .linear, domain: 0...10), y: Scale(kind: .log, domain: 1e-3...1),
///                 xTitle: "step", yTitle: "cost $C$")
/// let placed = axes.layout(in: area, text: canvas, sizing: sizing)
/// axes.emitGrid(placed, on: canvas, theme: theme, sizing: sizing)   // under the data
/// axes.emit(placed, on: canvas, theme: theme, sizing: sizing)       // spines, ticks, labels, titles
/// ```
public struct Axes: ChartElement, Sendable {
    public var x: Scale
    public var y: Scale
    public var xTitle: Label
    public var yTitle: Label
    public var grid: Bool
    public var box: Bool
    /// One unit of x as long as one unit of y (linear axes): a curve keeps its shape. Where
    /// that would leave under a quarter of the plot's width or height, each axis fills it.
    public var equalAspect: Bool
    /// Below this share of the plot's width or height, equal units give way to filling it.
    static let equalAspectLeast = 0.25
    /// Keep equal units however small a share of the plot they leave (a drawn curve, whose
    /// shape is the point: an animation's small cell).
    public var equalAspectAlways = false
    /// With equal units, the width of a box to go right of the plot (a legend): plot and box
    /// are centred together where both fit, else the plot goes left, leaving what room there
    /// is in one piece at its right.
    public var equalAspectBeside: Double = 0
    /// Room kept free right of the plot (for a colour bar).
    public var reserveRight: Double = 0
    /// Align the plot's edges to the device pixel grid (under a heatmap's pixels).
    public var snapsToPixels = false

    public init(x: Scale, y: Scale, xTitle: Label = "", yTitle: Label = "", grid: Bool = true, box: Bool = false,
                equalAspect: Bool = false) {
        self.x = x
        self.y = y
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.grid = grid
        self.box = box
        self.equalAspect = equalAspect
    }

    /// How many labelled ticks fit along a length.
    static func xTickCount(_ length: Double, sizing: ChartSizing) -> Int {
        max(2, min(10, Int(length / (sizing.em * 9))))
    }

    static func yTickCount(_ length: Double, sizing: ChartSizing) -> Int {
        max(2, min(10, Int(length / (sizing.em * 3.6))))
    }

    /// The ticks for a plot rectangle.
    public func xTicks(in plot: Rect, sizing: ChartSizing) -> [Tick] {
        x.ticks(count: Axes.xTickCount(plot.width, sizing: sizing))
    }

    public func yTicks(in plot: Rect, sizing: ChartSizing) -> [Tick] {
        y.ticks(count: Axes.yTickCount(plot.height, sizing: sizing))
    }

    /// The plot rectangle, the scales pointed at it, its ticks, and the room their labels take.
    public struct Layout: Sendable {
        /// These axes with their scales spanning the plot.
        public var axes: Axes
        public var plot: Rect
        public var xTicks: [Tick]
        public var yTicks: [Tick]
        /// The widest y tick label and the tallest x one.
        public var yLabelWidth: Double
        public var xLabelHeight: Double
        /// Half the tallest y tick label: how far the top one reaches above the plot.
        public var yLabelHalfHeight: Double
    }

    /// Finds the plot rectangle inside `area` leaving room for tick labels and titles (and
    /// `reserveRight`), points the scales at it, and measures the final ticks' labels.
    ///
    /// - Parameters:
    ///   - area: the space for axes and plot (titles above already removed).
    ///   - text: measures text with the fonts it will be drawn with.
    ///   - sizing: fonts and gaps.
    public func layout(in area: Rect, text: Measuring, sizing: ChartSizing) -> Layout {
        var plot = area.inset(top: sizing.em * 0.6, left: sizing.em * 4, bottom: sizing.em * 3, right: sizing.em + reserveRight)
        let xTitleHeight: Double = xTitle.isEmpty ? 0 : text.measure(xTitle, font: sizing.axisTitleFont).height + sizing.gap
        let yTitleHeight: Double = yTitle.isEmpty ? 0 : text.measure(yTitle, font: sizing.axisTitleFont).height + sizing.gap
        // Tick counts depend on the plot size, which depends on the labels: settle in a few rounds.
        for _ in 0..<3 {
            let xTicks = self.xTicks(in: plot, sizing: sizing).filter { $0.isMajor && !$0.label.isEmpty }
            let yTicks = self.yTicks(in: plot, sizing: sizing).filter { $0.isMajor && !$0.label.isEmpty }
            let yLabels = yTicks.map { text.measure($0.label, font: sizing.tickFont) }
            let xLabels = xTicks.map { text.measure($0.label, font: sizing.tickFont) }
            let yLabelWidth: Double = yLabels.map(\.width).max() ?? 0
            let yLabelHalfHeight: Double = (yLabels.map(\.height).max() ?? 0) / 2
            let xLabelHeight: Double = xLabels.map(\.height).max() ?? 0
            let left: Double = yLabelWidth + sizing.gap + sizing.tickLength
            let bottom: Double = sizing.tickLength + sizing.gap + xLabelHeight + xTitleHeight
            // The last x label is centred on its tick and may stick out past the plot.
            let xScale = x.spanning(plot.minX, plot.maxX)
            var overhang: Double = 0
            for (tick, extents) in zip(xTicks, xLabels) {
                let right: Double = xScale.position(of: tick.value) + extents.width / 2
                overhang = max(overhang, right - plot.maxX)
            }
            let rightInset: Double = max(overhang + sizing.gap, sizing.em * 0.8) + reserveRight
            // The y title reads across, above the axis: no head tilted at the back of a hall.
            let topInset: Double = max(yLabelHalfHeight, sizing.em * 0.5, yTitle.isEmpty ? 0 : Self.markerReach(sizing)) + yTitleHeight
            plot = area.inset(top: topInset, left: left, bottom: bottom, right: rightInset)
        }
        if equalAspect, x.kind == .linear, y.kind == .linear {
            let xSpan: Double = x.domain.upperBound - x.domain.lowerBound
            let ySpan: Double = y.domain.upperBound - y.domain.lowerBound
            if xSpan > 0, ySpan > 0 {
                let unit: Double = min(plot.width / xSpan, plot.height / ySpan)
                let width: Double = xSpan * unit
                let height: Double = ySpan * unit
                // Equal units that would leave a sliver (ranges of very different lengths)
                // show nothing: then each axis fills the plot.
                if equalAspectAlways || (width >= plot.width * Self.equalAspectLeast && height >= plot.height * Self.equalAspectLeast) {
                    let group: Double = width + equalAspectBeside
                    let left: Double = group <= plot.width ? plot.midX - group / 2 : plot.minX
                    plot = Rect(x: left, y: plot.midY - height / 2, width: width, height: height)
                }
            }
        }
        let snap = text.deviceScale
        if snapsToPixels, snap > 0 {
            let minX: Double = (plot.minX * snap).rounded() / snap
            let minY: Double = (plot.minY * snap).rounded() / snap
            let maxX: Double = (plot.maxX * snap).rounded() / snap
            let maxY: Double = (plot.maxY * snap).rounded() / snap
            plot = Rect(x: minX, y: minY, width: maxX - minX, height: maxY - minY)
        }
        var spanned = self
        spanned.x = x.spanning(plot.minX, plot.maxX)
        spanned.y = y.spanning(plot.maxY, plot.minY)
        let xTicks = Self.spacedLabels(spanned.xTicks(in: plot, sizing: sizing), at: { spanned.x.position(of: $0) },
                                       size: { text.measure($0, font: sizing.tickFont).width }, gap: sizing.em * 0.6)
        let yTicks = Self.spacedLabels(spanned.yTicks(in: plot, sizing: sizing), at: { spanned.y.position(of: $0) },
                                       size: { text.measure($0, font: sizing.tickFont).height }, gap: sizing.em * 0.2)
        let yLabelWidth: Double = yTicks.filter { !$0.label.isEmpty }
            .reduce(0) { max($0, text.measure($1.label, font: sizing.tickFont).width) }
        let xLabelHeight: Double = xTicks.filter { !$0.label.isEmpty }
            .map { text.measure($0.label, font: sizing.tickFont).height }.max() ?? 0
        let yLabelHalfHeight: Double = (yTicks.filter { !$0.label.isEmpty }
            .map { text.measure($0.label, font: sizing.tickFont).height }.max() ?? 0) / 2
        return Layout(axes: spanned, plot: plot, xTicks: xTicks, yTicks: yTicks, yLabelWidth: yLabelWidth, xLabelHeight: xLabelHeight,
                      yLabelHalfHeight: yLabelHalfHeight)
    }

    /// The ticks with labels kept one in two, then one in four…, until no two labels come
    /// closer than `gap` along the axis (a narrow plot: an animation's cell); unlabelled
    /// ticks stay as marks.
    static func spacedLabels(_ ticks: [Tick], at position: (Double) -> Double, size: (Label) -> Double, gap: Double) -> [Tick] {
        let labelled = ticks.indices.filter { !ticks[$0].label.isEmpty }
        func fits(_ kept: [Int]) -> Bool {
            zip(kept, kept.dropFirst()).allSatisfy { a, b in
                abs(position(ticks[b].value) - position(ticks[a].value)) >= (size(ticks[a].label) + size(ticks[b].label)) / 2 + gap
            }
        }
        var every = 1
        while every < labelled.count, !fits(stride(from: 0, to: labelled.count, by: every).map { labelled[$0] }) { every *= 2 }
        guard every > 1 else { return ticks }
        let kept = Set(stride(from: 0, to: labelled.count, by: every).map { labelled[$0] })
        return ticks.indices.map { i in
            kept.contains(i) || ticks[i].label.isEmpty ? ticks[i] : Tick(value: ticks[i].value, label: "", isMajor: ticks[i].isMajor)
        }
    }

    public func emitGrid(_ layout: Layout, on canvas: Canvas, theme: Theme, sizing: ChartSizing) {
        guard grid else { return }
        let plot = layout.plot
        let xScale = layout.axes.x.spanning(plot.minX, plot.maxX)
        let yScale = layout.axes.y.spanning(plot.maxY, plot.minY)
        for major in [false, true] {
            for tick in layout.xTicks where tick.isMajor == major {
                let px: Double = xScale.position(of: tick.value)
                canvas.polyline([Point(x: px, y: plot.minY), Point(x: px, y: plot.maxY)])
            }
            for tick in layout.yTicks where tick.isMajor == major {
                let py: Double = yScale.position(of: tick.value)
                canvas.polyline([Point(x: plot.minX, y: py), Point(x: plot.maxX, y: py)])
            }
            let color = major ? theme.grid : theme.grid.mixed(with: theme.background, 0.5)
            canvas.stroke(color, style: StrokeStyle(width: sizing.gridWidth))
        }
    }

    /// How far past the plot's edge a marker centred on it reaches (the largest, a surface's
    /// grid-minimum cross, with its outline).
    static func markerReach(_ sizing: ChartSizing) -> Double { sizing.markerSize * 1.6 }

    /// Draws spines, ticks, tick labels and axis titles.
    public func emit(_ layout: Layout, on canvas: Canvas, theme: Theme, sizing: ChartSizing) {
        let plot = layout.plot
        let xScale = layout.axes.x.spanning(plot.minX, plot.maxX)
        let yScale = layout.axes.y.spanning(plot.maxY, plot.minY)
        let axisStyle = StrokeStyle(width: sizing.axisWidth, cap: .square)
        let half: Double = sizing.axisWidth / 2

        // Ticks outward, so they never hide data.
        let xTicks = layout.xTicks
        let yTicks = layout.yTicks
        for tick in xTicks {
            let px: Double = xScale.position(of: tick.value)
            let length: Double = tick.isMajor ? sizing.tickLength : sizing.minorTickLength
            canvas.polyline([Point(x: px, y: plot.maxY + half), Point(x: px, y: plot.maxY + length)])
        }
        for tick in yTicks {
            let py: Double = yScale.position(of: tick.value)
            let length: Double = tick.isMajor ? sizing.tickLength : sizing.minorTickLength
            canvas.polyline([Point(x: plot.minX - half, y: py), Point(x: plot.minX - length, y: py)])
        }
        canvas.stroke(theme.axis, style: StrokeStyle(width: sizing.axisWidth))

        if box {
            canvas.rectangle(plot)
        } else {
            canvas.polyline([Point(x: plot.minX, y: plot.minY), Point(x: plot.minX, y: plot.maxY),
                             Point(x: plot.maxX, y: plot.maxY)])
        }
        canvas.stroke(theme.axis, style: axisStyle)

        for tick in xTicks where !tick.label.isEmpty {
            let px: Double = xScale.position(of: tick.value)
            canvas.draw(tick.label, font: sizing.tickFont, color: theme.foreground,
                        at: Point(x: px, y: plot.maxY + sizing.tickLength + sizing.gap), anchor: TextAnchor(.center, .top))
        }
        for tick in yTicks where !tick.label.isEmpty {
            let py: Double = yScale.position(of: tick.value)
            canvas.draw(tick.label, font: sizing.tickFont, color: theme.foreground,
                        at: Point(x: plot.minX - sizing.tickLength - sizing.gap, y: py), anchor: TextAnchor(.right, .middle))
        }

        if !xTitle.isEmpty {
            let top: Double = plot.maxY + sizing.tickLength + sizing.gap + layout.xLabelHeight + sizing.gap
            canvas.draw(xTitle, font: sizing.axisTitleFont, color: theme.foreground,
                        at: Point(x: plot.midX, y: top), anchor: TextAnchor(.center, .top))
        }
        if !yTitle.isEmpty {
            // Across, over the tick labels' column, its left edge with theirs.
            let left: Double = plot.minX - sizing.tickLength - sizing.gap - layout.yLabelWidth
            // Above the top tick label and above a marker drawn whole on the plot's corner.
            let bottom: Double = plot.minY - max(layout.yLabelHalfHeight, Self.markerReach(sizing)) - sizing.gap * 0.5
            canvas.draw(yTitle, font: sizing.axisTitleFont, color: theme.foreground,
                        at: Point(x: left, y: bottom), anchor: TextAnchor(.left, .bottom))
        }
    }
}
