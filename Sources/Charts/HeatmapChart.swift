import Drawing

/// A complete heatmap chart: title, axes, the grid as colours at full device resolution,
/// contour lines with labels, a colour bar, and optional paths and markers on top.
///
/// - Parameters:
///   - grid: the values.
///   - colors: the colour scale; nil fits the theme's colour map linearly to the data.
///   - contourCount: about how many contour levels (0 for none); ignored when
///     `contourLevels` is given.
///   - paths: lines drawn over the map (e.g. a gradient-descent path), with a halo.
///   - markers: labelled points (e.g. the minimum).
///
/// ```swift
/// let chart = HeatmapChart(title: "Cost surface", xTitle: "$w$", yTitle: "$b$", grid: grid,
///                          colorBarTitle: "cost $C$", contourCount: 8)
/// chart.draw(on: canvas, in: canvas.bounds, theme: .light)
/// ```
public struct HeatmapChart: Sendable {
    public var title: Label
    public var subtitle: Label
    public var xTitle: Label
    public var yTitle: Label
    public var grid: Grid
    public var colors: ColorScale?
    public var colorBarTitle: Label
    public var contourCount: Int
    public var contourLevels: [Double]?
    public var paths: [Series]
    public var markers: [PointMarker]
    /// One unit of x as long as one unit of y: a valley keeps its angle, a gradient looks
    /// perpendicular to its contours, a circle stays round.
    public var equalAspect = false

    public init(title: Label = "", subtitle: Label = "", xTitle: Label = "", yTitle: Label = "", grid: Grid,
                colors: ColorScale? = nil, colorBarTitle: Label = "", contourCount: Int = 8,
                contourLevels: [Double]? = nil, paths: [Series] = [], markers: [PointMarker] = []) {
        self.title = title
        self.subtitle = subtitle
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.grid = grid
        self.colors = colors
        self.colorBarTitle = colorBarTitle
        self.contourCount = contourCount
        self.contourLevels = contourLevels
        self.paths = paths
        self.markers = markers
    }

    /// The colour scale used: the given one, or the theme's map fitted to the data.
    public func resolvedColors(theme: Theme) -> ColorScale {
        colors ?? ColorScale(map: theme.colorMap, domain: grid.finiteRange() ?? 0...1)
    }

    /// Where everything of the chart goes in a rectangle: titles, then the axes beside the
    /// colour bar in what the titles leave, then the bar beside the plot.
    public struct Layout: Sendable {
        public var rect: Rect
        public var sizing: ChartSizing
        public var colors: ColorScale
        public var titles: TitleBlock.Layout
        public var frame: Axes.Layout
        /// The key for cells that hold no number, under the bar, when there are such cells.
        public var missingKey: (swatch: Rect, label: Point)?
        public var bar: ColorBar.Layout
        /// The axes mapped onto the plot.
        public var axes: Axes { frame.axes }
        public var plot: Rect { frame.plot }
    }

    static let missingLabel: Label = "not finite"

    /// Lays the chart out in `rect`, measuring its text with `text` (the canvas it will be
    /// drawn on), without drawing.
    public func layout(in rect: Rect, text: Measuring, theme: Theme = .light) -> Layout {
        let sizing = ChartSizing(for: rect)
        let inner = rect.inset(by: sizing.padding)
        let titles = TitleBlock(title: title, subtitle: subtitle).layout(in: inner, text: text, sizing: sizing)
        let area = titles.content
        let colors = resolvedColors(theme: theme)
        let bar = ColorBar(colors: colors, title: colorBarTitle)
        let barWidth: Double = bar.width(forHeight: area.height * 0.8, text: text, sizing: sizing)
        let barGap: Double = sizing.em * 1.2
        var axes = Axes(x: Scale(kind: .linear, domain: grid.x), y: Scale(kind: .linear, domain: grid.y),
                        xTitle: xTitle, yTitle: yTitle, grid: false, box: true)
        axes.reserveRight = barWidth + barGap
        axes.snapsToPixels = true
        axes.equalAspect = equalAspect
        let frame = axes.layout(in: area, text: text, sizing: sizing)
        let plot = frame.plot
        // At the area's right; with equal units, beside the plot they narrowed and centred.
        let barLeft: Double = equalAspect ? min(plot.maxX + barGap + sizing.em * 0.8, area.maxX - barWidth) : area.maxX - barWidth
        var barRect = Rect(x: barLeft, y: plot.minY, width: barWidth, height: plot.height)
        var missingKey: (swatch: Rect, label: Point)?
        if grid.values.contains(where: { !$0.isFinite }) {
            // A key for the cells that hold no number (NaN, ±∞), under the bar.
            let extents = text.measure(Self.missingLabel, font: sizing.tickFont)
            let side: Double = max(extents.height, sizing.em * 0.9)
            barRect.height -= side + sizing.gap * 2
            let keyWidth: Double = side * 1.4 + sizing.gap + extents.width
            let swatch = Rect(x: min(barRect.minX, area.maxX - keyWidth), y: plot.maxY - side, width: side * 1.4, height: side)
            missingKey = (swatch, Point(x: swatch.maxX + sizing.gap, y: swatch.midY))
        }
        return Layout(rect: rect, sizing: sizing, colors: colors, titles: titles, frame: frame, missingKey: missingKey,
                      bar: bar.layout(in: barRect, text: text, sizing: sizing))
    }

    /// Lays the chart out in `rect` and draws it there, background included.
    @discardableResult
    public func draw(on canvas: Canvas, in rect: Rect, theme: Theme) -> Layout {
        let layout = self.layout(in: rect, text: canvas, theme: theme)
        emit(layout, on: canvas, theme: theme)
        return layout
    }

    /// Draws the laid-out chart, background included.
    public func emit(_ layout: Layout, on canvas: Canvas, theme: Theme) {
        emitBase(layout, on: canvas, theme: theme)
        emitData(layout, on: canvas, theme: theme)
    }

    /// Draws what lies under the paths and markers: background, titles, the heatmap and its
    /// contours.
    public func emitBase(_ layout: Layout, on canvas: Canvas, theme: Theme) {
        let sizing = layout.sizing, axes = layout.axes, plot = layout.plot
        canvas.withState {
            canvas.clip(to: layout.rect)
            canvas.fillBackground(theme.background)
        }
        TitleBlock(title: title, subtitle: subtitle).emit(layout.titles, on: canvas, theme: theme, sizing: sizing)
        Heatmap(grid: grid, colors: layout.colors).draw(on: canvas, in: plot)
        let levels = contourLevels ?? Contours.levels(for: grid, count: contourCount, kind: layout.colors.kind)
        if !levels.isEmpty {
            Contours(grid: grid, levels: levels).draw(on: canvas, x: axes.x, y: axes.y, color: theme.contour,
                                                      sizing: sizing, clip: plot, colors: layout.colors)
        }
    }

    /// Draws the paths and markers, the axes' spines, ticks and labels, and the colour bar.
    public func emitData(_ layout: Layout, on canvas: Canvas, theme: Theme) {
        let sizing = layout.sizing, colorScale = layout.colors
        let axes = layout.axes, plot = layout.plot
        drawOverlays(on: canvas, axes: axes, plot: plot, theme: theme, sizing: sizing)
        axes.emit(layout.frame, on: canvas, theme: theme, sizing: sizing)
        if let key = layout.missingKey {
            canvas.rectangle(key.swatch)
            canvas.fill(colorScale.map.badColor)
            canvas.rectangle(key.swatch)
            canvas.stroke(theme.axis, style: StrokeStyle(width: sizing.axisWidth))
            canvas.draw(Self.missingLabel, font: sizing.tickFont, color: theme.foreground, at: key.label,
                        anchor: TextAnchor(.left, .middle))
        }
        ColorBar(colors: colorScale, title: colorBarTitle).emit(layout.bar, on: canvas, theme: theme, sizing: sizing)
    }

    private func drawOverlays(on canvas: Canvas, axes: Axes, plot: Rect, theme: Theme, sizing: ChartSizing) {
        canvas.withState {
            canvas.clip(to: plot)
            for (index, path) in paths.enumerated() {
                let color = path.style?.color ?? (index == 0 ? Color.white : theme.seriesStyle(at: index).color)
                let points = (0..<path.count).map { Point(x: axes.x.position(of: path.x[$0]), y: axes.y.position(of: path.y[$0])) }
                // A dark halo keeps a light path readable over bright and dark colours alike.
                canvas.polyline(points)
                canvas.stroke(Color.black.withAlpha(0.45), style: StrokeStyle(width: sizing.lineWidth * 2.2, cap: .round, join: .round))
                canvas.polyline(points)
                canvas.stroke(color, style: StrokeStyle(width: sizing.lineWidth, cap: .round, join: .round))
                if let first = points.first(where: { $0.x.isFinite && $0.y.isFinite }) {
                    MarkerShape.circle.draw(on: canvas, at: first, size: sizing.markerSize * 1.3, color: color, outline: .black)
                }
            }
            var taken: [Rect] = []
            for marker in markers {
                let point = Point(x: axes.x.position(of: marker.x), y: axes.y.position(of: marker.y))
                guard point.x.isFinite, point.y.isFinite else { continue }
                let color = marker.color ?? .white
                if marker.shape == .cross {
                    MarkerShape.cross.draw(on: canvas, at: point, size: sizing.markerSize * 2.2, color: .black.withAlpha(0.5))
                }
                marker.shape.draw(on: canvas, at: point, size: sizing.markerSize * 1.8, color: color, outline: .black)
                guard !marker.label.isEmpty else { continue }
                let extents = canvas.measure(marker.label, font: sizing.noteFont)
                let box = labelBox(for: marker, at: point, extents: extents, plot: plot, sizing: sizing, avoiding: taken)
                taken.append(box)
                canvas.rectangle(box)
                canvas.fill(theme.panel)
                canvas.draw(marker.label, font: sizing.noteFont, color: theme.foreground,
                            at: Point(x: box.minX + sizing.gap, y: box.minY + sizing.gap + extents.ascent),
                            anchor: TextAnchor(.left, .baseline))
            }
        }
    }

    /// Where a marker's label goes: beside the point (right, or left when asked or when the
    /// right runs off the plot), moved up or down as little as needed to stay inside the plot
    /// and clear of labels already placed.
    private func labelBox(for marker: PointMarker, at point: Point, extents: TextExtents, plot: Rect,
                          sizing: ChartSizing, avoiding taken: [Rect]) -> Rect {
        let width: Double = extents.width + 2 * sizing.gap
        let height: Double = extents.height + 2 * sizing.gap
        let offset: Double = sizing.em * 0.8
        let rightX: Double = point.x + offset - sizing.gap
        let leftX: Double = point.x - offset - extents.width - sizing.gap
        let fitsRight = rightX + width <= plot.maxX
        let fitsLeft = leftX >= plot.minX
        let preferLeft = marker.labelOnLeft ? fitsLeft || !fitsRight : !fitsRight
        let ordered: [Double] = preferLeft ? [leftX, rightX] : [rightX, leftX]
        let fitting = ordered.filter { $0 >= plot.minX && $0 + width <= plot.maxX }
        let sides: [Double] = fitting.isEmpty ? [ordered[0]] : fitting
        func clamped(_ top: Double) -> Double { min(max(top, plot.minY), plot.maxY - height) }
        let centred: Double = point.y - height / 2
        for shift in [0.0, 1, -1, 2, -2, 3, -3] {
            for x in sides {
                let candidate = Rect(x: x, y: clamped(centred + shift * height), width: width, height: height)
                if !taken.contains(where: { $0.intersects(candidate) }) { return candidate }
            }
        }
        return Rect(x: sides[0], y: clamped(centred), width: width, height: height)
    }
}
