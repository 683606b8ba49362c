import Drawing
import Foundation

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
    /// A key to the paths (rival optimizers), placed in the plot clear of the paths and markers.
    public var legendEntries: [Legend.Entry] = []
    /// Arrows in data units (−∇C at grid points), drawn faint under the contours; each is
    /// scaled to at most `arrowCell` of the plot's spacing between arrows, by √(length / longest).
    public var arrows: [(x: Double, y: Double, dx: Double, dy: Double)] = []
    /// Arrows per side of the plot (their spacing).
    public var arrowsPerSide = 0
    public var markers: [PointMarker]
    /// One unit of x as long as one unit of y: a valley keeps its angle, a gradient looks
    /// perpendicular to its contours, a circle stays round.
    public var equalAspect = false
    /// How large its text is: for its rectangle in a context, or a larger figure's sizes.
    public var textSizing: TextSizing = .talk
    /// The first path drawn from `start` at its first point to `end` at its last, so its
    /// direction and pace read (nil: one colour, as an animation's growing path).
    public var stepColors: (start: Color, end: Color)?
    /// Contours of other grids drawn faint under the chart's own (a decision boundary's
    /// earlier positions), unlabelled.
    public var earlierContours: [(grid: Grid, level: Double)] = []
    /// The grid the contours follow, when it is not the one coloured (a map coloured by
    /// class, whose boundary comes from the values themselves).
    public var contourGrid: Grid?
    /// A legend of the markers (e.g. training and test examples), in the plot's corner that
    /// covers the fewest of them; none when empty.
    public var legend: [Legend.Entry] = []

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
        let sizing = textSizing.sizing(for: rect)
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
    ///
    /// - Returns: what was left out for want of room ("2 contour labels"), or nil.
    @discardableResult
    public func emit(_ layout: Layout, on canvas: Canvas, theme: Theme) -> String? {
        var overlays = self.overlays(layout, text: canvas)
        emitBase(layout, on: canvas, theme: theme, placement: &overlays.placement)
        emitData(layout, on: canvas, theme: theme, overlays: overlays)
        return overlays.placement.leftOutDescription
    }

    /// Draws what lies under the paths and markers: background, titles, the heatmap and its
    /// contours, whose labels keep clear of what `placement` holds.
    public func emitBase(_ layout: Layout, on canvas: Canvas, theme: Theme, placement: inout Placement) {
        let sizing = layout.sizing, axes = layout.axes, plot = layout.plot
        canvas.withState {
            canvas.clip(to: layout.rect)
            canvas.fillBackground(theme.background)
        }
        TitleBlock(title: title, subtitle: subtitle).emit(layout.titles, on: canvas, theme: theme, sizing: sizing)
        Heatmap(grid: grid, colors: layout.colors).draw(on: canvas, in: plot)
        for (earlier, level) in earlierContours {
            Contours(grid: earlier, levels: [level], labelled: false)
                .draw(on: canvas, x: axes.x, y: axes.y, color: theme.contour.withAlpha(theme.contour.alpha * 0.35), sizing: sizing, clip: plot)
        }
        let contoured = contourGrid ?? grid
        let levels = contourLevels ?? Contours.levels(for: contoured, count: contourCount, kind: layout.colors.kind)
        if !levels.isEmpty {
            Contours(grid: contoured, levels: levels).draw(on: canvas, x: axes.x, y: axes.y, color: theme.contour,
                                                      sizing: sizing, clip: plot, colors: layout.colors, placement: &placement)
        }
        drawArrows(on: canvas, layout: layout, theme: theme, clearOf: placement)
    }

    /// The steady part alone (an animation's cached layer): contour labels keep clear of
    /// each other only, as the paths and markers change from frame to frame.
    public func emitBase(_ layout: Layout, on canvas: Canvas, theme: Theme) {
        var placement = Placement(bounds: layout.plot)
        emitBase(layout, on: canvas, theme: theme, placement: &placement)
    }

    /// Draws the paths and markers, the axes' spines, ticks and labels, and the colour bar.
    public func emitData(_ layout: Layout, on canvas: Canvas, theme: Theme) {
        emitData(layout, on: canvas, theme: theme, overlays: overlays(layout, text: canvas))
    }

    private func emitData(_ layout: Layout, on canvas: Canvas, theme: Theme, overlays: Overlays) {
        let sizing = layout.sizing, colorScale = layout.colors
        drawOverlays(overlays, on: canvas, layout: layout, theme: theme)
        layout.axes.emit(layout.frame, on: canvas, theme: theme, sizing: sizing)
        if let key = layout.missingKey {
            canvas.rectangle(key.swatch)
            canvas.fill(colorScale.map.badColor)
            canvas.rectangle(key.swatch)
            canvas.stroke(theme.axis, style: StrokeStyle(width: sizing.axisWidth))
            canvas.draw(Self.missingLabel, font: sizing.tickFont, color: theme.foreground, at: key.label,
                        anchor: TextAnchor(.left, .middle))
        }
        ColorBar(colors: colorScale, title: colorBarTitle).emit(layout.bar, on: canvas, theme: theme, sizing: sizing)
        if !legend.isEmpty {
            var box = Legend(entries: legend)
            box.avoiding = overlays.markers.compactMap { $0?.point }
            // Only inside the plot, and leaving most of it to the map: a small cell (an
            // animation's) keeps its map, whose rings still tell the markers apart.
            let size = box.size(text: canvas, sizing: sizing)
            if size.width <= layout.plot.width * 0.6, size.height <= layout.plot.height * 0.45 {
                let placed = box.layout(in: layout.plot, text: canvas, sizing: sizing)
                box.emit(placed, on: canvas, theme: theme, sizing: sizing)
            }
        }
    }

    /// The paths and markers on the plot and where their labels go: the placement stage's
    /// first round, before contour labels take what room is left.
    public struct Overlays: Sendable {
        public var paths: [[Point]]
        /// Each marker's point on the plot (pulled onto its edge when it lies beyond it) and
        /// whether it lies beyond.
        public var markers: [(point: Point, outside: Bool)?]
        /// Each marker's label box and text, nil when it has none or found no room.
        public var labels: [(box: Rect, label: Label)?]
        /// The paths' key, where it went.
        public var legend: Legend.Layout?
        public var placement: Placement
    }

    func markerSize(_ marker: PointMarker, _ sizing: ChartSizing) -> Double {
        sizing.markerSize * (marker.shape == .cross ? 2.2 : 1.8)
    }

    /// An unlabelled marker's size (a data point): the usual, or smaller where many share a
    /// small plot (an animation's cell), so that the map shows between them.
    public func pointSize(_ marker: PointMarker, _ sizing: ChartSizing, plot: Rect) -> Double {
        let usual = markerSize(marker, sizing)
        guard marker.label.isEmpty, markers.count > 1 else { return usual }
        let share: Double = (plot.width * plot.height / Double(markers.count)).squareRoot() * 0.6
        return min(usual, max(share, 4))
    }

    /// Places the markers, paths and marker labels: each label beside its marker, clear of
    /// every marker, path and label placed before it, inside the plot; a marker beyond the
    /// plot gets an arrow at the edge pointing its way and a label saying so.
    public func overlays(_ layout: Layout, text: Measuring) -> Overlays {
        let sizing = layout.sizing, axes = layout.axes, plot = layout.plot
        var placement = Placement(bounds: plot)
        let paths: [[Point]] = paths.map { path in
            Self.thinned((0..<path.count).map { Point(x: axes.x.position(of: path.x[$0]), y: axes.y.position(of: path.y[$0])) },
                         within: 0.5 / max(text.deviceScale, 1))
        }
        for points in paths {
            placement.claim(path: points, halfWidth: sizing.lineWidth * 1.1 + sizing.em * 0.15)
            if let first = points.first(where: { $0.x.isFinite && $0.y.isFinite }) {
                let r: Double = sizing.markerSize * 0.65 + sizing.em * 0.15
                placement.claim(Rect(x: first.x - r, y: first.y - r, width: 2 * r, height: 2 * r))
            }
        }
        let inner = plot.inset(by: sizing.markerSize)
        let spots: [(point: Point, outside: Bool)?] = markers.map { marker in
            let point = Point(x: axes.x.position(of: marker.x), y: axes.y.position(of: marker.y))
            guard point.x.isFinite, point.y.isFinite else { return nil }
            guard !plot.contains(point) else { return (point, false) }
            // Beyond the plot: a path's end is labelled where the path leaves the plot,
            // anything else at the nearest point of the edge.
            let exit = paths.first { $0.last == point }.flatMap { Self.exit(of: $0, from: plot) } ?? point
            return (Point(x: min(max(exit.x, inner.minX), inner.maxX), y: min(max(exit.y, inner.minY), inner.maxY)), true)
        }
        for (marker, spot) in zip(markers, spots) {
            guard let spot else { continue }
            let r: Double = markerSize(marker, sizing) / 2 + sizing.em * 0.15
            placement.claim(Rect(x: spot.point.x - r, y: spot.point.y - r, width: 2 * r, height: 2 * r))
        }
        var labels: [(box: Rect, label: Label)?] = []
        for (marker, spot) in zip(markers, spots) {
            guard let spot, !marker.label.isEmpty else { labels.append(nil); continue }
            var label = marker.label
            if spot.outside {
                let point = Point(x: axes.x.position(of: marker.x), y: axes.y.position(of: marker.y))
                label = Label.plain(Self.arrow(from: spot.point, to: point) + " ") + label + Label.plain(" (beyond the plot)")
            }
            let extents = text.measure(label, font: sizing.noteFont)
            let candidates = labelBoxes(for: marker, at: spot.point, extents: extents, sizing: sizing)
            if let box = placement.place(candidates) {
                labels.append((box, label))
            } else {
                placement.noteLeftOut("marker label")
                labels.append(nil)
            }
        }
        var key: Legend.Layout?
        if !legendEntries.isEmpty {
            var legend = Legend(entries: legendEntries)
            legend.avoiding = paths.flatMap { $0 } + spots.compactMap { $0?.point }
            let placed = legend.layout(in: plot, text: text, sizing: sizing)
            placement.claim(placed.box)
            key = placed
        }
        return Overlays(paths: paths, markers: spots, labels: labels, legend: key, placement: placement)
    }

    /// The path without the points that land within `distance` of the last one kept (the
    /// first and last always kept): what the pixels can show of thousands of steps.
    static func thinned(_ points: [Point], within distance: Double) -> [Point] {
        guard points.count > 2 else { return points }
        var kept = [points[0]]
        for point in points.dropFirst().dropLast() {
            let last = kept[kept.count - 1]
            if !(point.x.isFinite && point.y.isFinite) || !(last.x.isFinite && last.y.isFinite)
                || hypot(point.x - last.x, point.y - last.y) >= distance {
                kept.append(point)
            }
        }
        kept.append(points[points.count - 1])
        return kept
    }

    /// Where a path last crosses the edge of `plot` on its way out, if it ends beyond it.
    static func exit(of path: [Point], from plot: Rect) -> Point? {
        guard let index = path.lastIndex(where: { plot.contains($0) }), index + 1 < path.count else { return nil }
        let a = path[index], b = path[index + 1]
        var t: Double = 1
        if b.x > plot.maxX { t = min(t, (plot.maxX - a.x) / (b.x - a.x)) }
        if b.x < plot.minX { t = min(t, (plot.minX - a.x) / (b.x - a.x)) }
        if b.y > plot.maxY { t = min(t, (plot.maxY - a.y) / (b.y - a.y)) }
        if b.y < plot.minY { t = min(t, (plot.minY - a.y) / (b.y - a.y)) }
        return Point(x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y))
    }

    /// The arrow among the eight that points most nearly from `a` towards `b`.
    static func arrow(from a: Point, to b: Point) -> String {
        let angle: Double = atan2(a.y - b.y, b.x - a.x)   // y up
        let arrows = ["→", "↗", "↑", "↖", "←", "↙", "↓", "↘"]
        let octant = Int(((angle / (Double.pi / 4)).rounded() + 8).truncatingRemainder(dividingBy: 8))
        return arrows[octant]
    }

    /// The field's arrows: white over a dark halo, so they read on any colour map; an arrow
    /// that would cross a label, a marker or a path (what `placement` holds) is left out.
    private func drawArrows(on canvas: Canvas, layout: Layout, theme: Theme, clearOf placement: Placement) {
        guard !arrows.isEmpty, arrowsPerSide > 0 else { return }
        let plot = layout.plot, axes = layout.axes, sizing = layout.sizing
        let longest: Double = arrows.map { ($0.dx * $0.dx + $0.dy * $0.dy).squareRoot() }.filter(\.isFinite).max() ?? 0
        guard longest > 0 else { return }
        // Pixels per data unit along each axis: the arrows point where descent steps in the plot.
        let unitX: Double = axes.x.position(of: 1) - axes.x.position(of: 0)
        let unitY: Double = axes.y.position(of: 1) - axes.y.position(of: 0)
        let cell: Double = min(plot.width, plot.height) / Double(arrowsPerSide) * 0.8
        let head: Double = max(sizing.em * 0.3, 2)
        canvas.withState {
            canvas.clip(to: plot)
            for arrow in arrows {
                let length: Double = (arrow.dx * arrow.dx + arrow.dy * arrow.dy).squareRoot()
                guard length.isFinite, length > 0 else { continue }
                var vx: Double = arrow.dx * unitX, vy: Double = arrow.dy * unitY
                let pixels: Double = (vx * vx + vy * vy).squareRoot()
                guard pixels > 0 else { continue }
                let drawn: Double = cell * (length / longest).squareRoot()
                guard drawn >= head * 1.5 else { continue }
                vx *= drawn / pixels
                vy *= drawn / pixels
                let from = Point(x: axes.x.position(of: arrow.x) - vx / 2, y: axes.y.position(of: arrow.y) - vy / 2)
                let to = Point(x: from.x + vx, y: from.y + vy)
                let ux: Double = vx / drawn, uy: Double = vy / drawn
                let box = Rect(x: min(from.x, to.x) - head, y: min(from.y, to.y) - head,
                               width: abs(vx) + 2 * head, height: abs(vy) + 2 * head)
                guard placement.fits(box) else { continue }
                canvas.move(to: from)
                canvas.line(to: to)
                canvas.move(to: Point(x: to.x - head * ux + head * 0.6 * uy, y: to.y - head * uy - head * 0.6 * ux))
                canvas.line(to: to)
                canvas.line(to: Point(x: to.x - head * ux - head * 0.6 * uy, y: to.y - head * uy + head * 0.6 * ux))
            }
            let width: Double = max(sizing.gridWidth, sizing.lineWidth * 0.5)
            canvas.strokeHalo(under: width, scale: 2.4, color: Color.black.withAlpha(0.35))
            canvas.stroke(Color.white.withAlpha(0.75), style: StrokeStyle(width: width, cap: .round, join: .round))
        }
    }

    private func drawOverlays(_ overlays: Overlays, on canvas: Canvas, layout: Layout, theme: Theme) {
        let sizing = layout.sizing
        canvas.withState {
            canvas.clip(to: layout.plot)
            for (index, points) in overlays.paths.enumerated() {
                var color = paths[index].style?.color ?? (index == 0 ? Color.white : theme.seriesStyle(at: index).color)
                var points = points
                let long = points.count > 300
                let width: Double = sizing.lineWidth * (long ? 0.6 : 1)
                if long {
                    // Thousands of steps that swing from side to side would fill a ribbon:
                    // the steps themselves go faint and thin, and the line drawn bold runs
                    // through the middle of each two, where the swinging path is headed.
                    canvas.polyline(points)
                    canvas.stroke(Color.black.withAlpha(0.3), style: StrokeStyle(width: width, cap: .round, join: .round))
                    points = [points[0]] + zip(points, points.dropFirst()).map { Point(x: ($0.x + $1.x) / 2, y: ($0.y + $1.y) / 2) }
                        + [points[points.count - 1]]
                    color = color.withAlpha(1)
                }
                canvas.polyline(points)
                canvas.strokeHalo(under: width)
                if index == 0, let stepColors, points.count > 1 {
                    canvas.clearPath()
                    // In stretches, each a colour between the start's and the end's.
                    let stretches = min(32, points.count - 1)
                    for k in 0..<stretches {
                        let from = k * (points.count - 1) / stretches, to = (k + 1) * (points.count - 1) / stretches
                        canvas.polyline(Array(points[from...to]))
                        let t: Double = (Double(k) + 0.5) / Double(stretches)
                        canvas.stroke(stepColors.start.mixed(with: stepColors.end, t), style: StrokeStyle(width: width, cap: .round, join: .round))
                    }
                } else {
                    canvas.stroke(color, style: StrokeStyle(width: width, cap: .round, join: .round))
                }
                if let first = points.first(where: { $0.x.isFinite && $0.y.isFinite }) {
                    let startColor = index == 0 ? stepColors?.start ?? color : color
                    MarkerShape.circle.draw(on: canvas, at: first, size: sizing.markerSize * 1.3, color: startColor, outline: .black)
                }
            }
        }
        // Markers whole, even at the plot's edge; one beyond it is its label's arrow alone.
        // Data points first; then the labelled markers, the first (the most important: a
        // path's end) last, on top: where a path ends where it started, the end's marker
        // shows inside the start's.
        let points = markers.indices.filter { markers[$0].label.isEmpty }
        let labelled = markers.indices.filter { !markers[$0].label.isEmpty }
        for index in points + labelled.reversed() {
            let marker = markers[index]
            guard let spot = overlays.markers[index], !spot.outside else { continue }
            let color = marker.color ?? .white
            if marker.shape == .cross {
                MarkerShape.cross.draw(on: canvas, at: spot.point, size: sizing.markerSize * 2.2, color: .black.withAlpha(0.5))
            }
            marker.shape.draw(on: canvas, at: spot.point, size: marker.shape == .cross ? sizing.markerSize * 1.8 : pointSize(marker, sizing, plot: layout.plot),
                              color: color, outline: marker.outline ?? .black, outlineWidth: marker.outlineWidth)
        }
        if let key = overlays.legend {
            Legend(entries: legendEntries).emit(key, on: canvas, theme: theme, sizing: sizing)
        }
        for case let (box, label)? in overlays.labels {
            let extents = canvas.measure(label, font: sizing.noteFont)
            canvas.rectangle(box)
            canvas.fill(theme.panel)
            canvas.draw(label, font: sizing.noteFont, color: theme.foreground,
                        at: Point(x: box.minX + sizing.gap, y: box.minY + sizing.gap + extents.ascent),
                        anchor: TextAnchor(.left, .baseline))
        }
    }

    /// Where a marker's label may go, nearest first: beside the point (right, or left when
    /// the marker asks), then the other side, above and below, then moved further along
    /// and out, so that a path running past the marker can be stepped over.
    private func labelBoxes(for marker: PointMarker, at point: Point, extents: TextExtents, sizing: ChartSizing) -> [Rect] {
        let width: Double = extents.width + 2 * sizing.gap
        let height: Double = extents.height + 2 * sizing.gap
        let offset: Double = markerSize(marker, sizing) / 2 + sizing.em * 0.35
        var boxes: [Rect] = []
        for push in [0.0, 1.5, 3, 5, 8] {
            let right: Double = point.x + offset + push * sizing.em
            let left: Double = point.x - offset - width - push * sizing.em
            let sides = marker.labelOnLeft ? [left, right] : [right, left]
            for shift in [0.0, 0.75, -0.75, 1.5, -1.5, 2.5, -2.5, 3.5, -3.5] {
                for x in sides { boxes.append(Rect(x: x, y: point.y - height / 2 + shift * height, width: width, height: height)) }
            }
        }
        for x in [point.x - width / 2, point.x - width * 0.15, point.x - width * 0.85] {
            boxes.append(Rect(x: x, y: point.y - offset - height, width: width, height: height))
            boxes.append(Rect(x: x, y: point.y + offset, width: width, height: height))
        }
        // Nearest first, in steps of half an em, so that within a step the order above holds.
        func distance(_ box: Rect) -> Double {
            let dx: Double = max(box.minX - point.x, 0, point.x - box.maxX)
            let dy: Double = max(box.minY - point.y, 0, point.y - box.maxY)
            return (hypot(dx, dy) / (sizing.em * 0.5)).rounded(.down)
        }
        return boxes.enumerated().sorted { (a, b) in
            let da = distance(a.element), db = distance(b.element)
            return da != db ? da < db : a.offset < b.offset
        }.map(\.element)
    }
}
