import Charts
import Drawing
import Foundation
import NetworkEngine

/// The cost surface in 3-D: quads coloured by the colour map and lit (Lambert shading on top
/// of the map's colour), seen from an azimuth and an elevation, with the descent path on the
/// surface, hidden exactly where the surface covers it.
///
/// The surface is rasterised with a depth buffer at the device's resolution (an image in
/// every format, as heatmaps are), so hiding is decided per pixel, not per artist as
/// matplotlib's `plot_surface` sorts whole polygons. The path is split against that buffer:
/// its points are placed on the drawn surface (the same triangles' interpolation), each
/// tested against the depth there, and the visible runs are drawn as lines over the image.
///
/// ```swift
/// var figure = Surface3DFigure(surface: surface, network: net, title: "The NOT neuron", subtitle: "")
/// figure.paths = [(path.points, .white)]
/// figure.draw(on: canvas, theme: .light)
/// ```
public struct Surface3DFigure: Sendable {
    public var surface: CostSurface
    public var network: Network
    public var title: Label
    public var subtitle: Label
    /// Paths on the surface, each with its colour: (x, y) and cost per point.
    public var paths: [(points: [DescentPath.Point], color: Color)] = []
    /// Degrees: the view turns about the vertical axis, then tilts down.
    public var azimuth: Double = -60
    public var elevation: Double = 30
    /// Mesh lines over the shaded surface.
    public var wireframe = false
    public var colorMap: ColorMap?
    /// The heights (and colours) on a log scale of the cost.
    public var log = false
    public var textSizing: TextSizing = .talk
    public var markMinimum = true
    /// The costs the heights and colours span, held fixed (an animation's, over every frame);
    /// nil: this surface's own range.
    public var fixedRange: ClosedRange<Double>?
    /// About how many contour levels the floor carries (0: no floor contours, the surface's
    /// lowest point on the floor). The floor then lies `floorDrop` below the lowest point, and
    /// its lines show through the surface, faint, where the surface covers them.
    public var floorContours = 10

    public init(surface: CostSurface, network: Network, title: Label, subtitle: Label) {
        self.surface = surface
        self.network = network
        self.title = title
        self.subtitle = subtitle
    }

    /// Quads per side at most: the surface's grid is sampled down to this.
    static let quads = 64

    /// How far below the surface's lowest point the floor lies when it carries contours, in
    /// the box's heights (the surface spans 0 to 1): enough to part the lines from the surface.
    static let floorDrop = 0.3

    /// The floor's height in the box.
    var floor: Double { floorContours > 0 ? -Self.floorDrop : 0 }

    /// How strongly a floor line shows where the surface covers it.
    static let seenThrough = 0.3

    // MARK: The view

    /// The box's coordinates: x and y over [−1, 1], height over [0, 1].
    struct View {
        let azimuth: Double, elevation: Double

        /// Screen x to the right, screen y up, and depth away from the viewer.
        func project(_ x: Double, _ y: Double, _ z: Double) -> (sx: Double, sy: Double, depth: Double) {
            let a = azimuth * .pi / 180, e = elevation * .pi / 180
            let x1: Double = x * cos(a) - y * sin(a)
            let y1: Double = x * sin(a) + y * cos(a)
            return (x1, z * cos(e) + y1 * sin(e), y1 * cos(e) - z * sin(e))
        }

        /// A direction (a normal) in the viewer's frame: right, up, away.
        func rotate(_ v: (Double, Double, Double)) -> (Double, Double, Double) {
            let p = project(v.0, v.1, v.2)
            return (p.sx, p.sy, p.depth)
        }
    }

    /// The sampled grid: indices into the surface's columns and rows.
    var samples: (columns: [Int], rows: [Int]) {
        func pick(_ count: Int) -> [Int] {
            let cells = min(count - 1, Self.quads)
            return (0...cells).map { Int((Double($0) / Double(cells) * Double(count - 1)).rounded()) }
        }
        return (pick(surface.columns), pick(surface.rows))
    }

    /// Heights: the cost (or its log) mapped to [0, 1] over the surface's finite range.
    func heights() -> (height: (Double) -> Double, range: ClosedRange<Double>) {
        let finite = surface.values.filter { $0.isFinite && (!log || $0 > 0) }
        let range = fixedRange ?? (finite.min() ?? 0)...(finite.max() ?? 1)
        let f: (Double) -> Double = log ? { Foundation.log10(max($0, .leastNormalMagnitude)) } : { $0 }
        let low = f(range.lowerBound), high = f(range.upperBound)
        let span: Double = high > low ? high - low : 1
        return ({ value in min(max((f(value) - low) / span, 0), 1) }, range)
    }

    /// A grid point's box coordinates.
    func box(column: Int, row: Int) -> (Double, Double) {
        (-1 + 2 * Double(column) / Double(surface.columns - 1), -1 + 2 * Double(row) / Double(surface.rows - 1))
    }

    /// A parameter point's box coordinates.
    func box(x: Double, y: Double) -> (Double, Double) {
        let sx: Double = surface.xRange.upperBound - surface.xRange.lowerBound
        let sy: Double = surface.yRange.upperBound - surface.yRange.lowerBound
        return (-1 + 2 * (x - surface.xRange.lowerBound) / sx, -1 + 2 * (y - surface.yRange.lowerBound) / sy)
    }

    /// Where the drawn surface is at box point (bx, by): the height of the triangle the
    /// rasteriser fills there, so a path placed on it lies exactly on what is drawn.
    func drawnHeight(bx: Double, by: Double, grid: [[Double]], columns: [Int], rows: [Int]) -> Double? {
        let u: Double = (bx + 1) / 2 * Double(surface.columns - 1), v: Double = (by + 1) / 2 * Double(surface.rows - 1)
        guard let i = (0..<(columns.count - 1)).first(where: { Double(columns[$0 + 1]) >= u }),
              let j = (0..<(rows.count - 1)).first(where: { Double(rows[$0 + 1]) >= v }) else { return nil }
        let s: Double = (u - Double(columns[i])) / Double(columns[i + 1] - columns[i])
        let t: Double = (v - Double(rows[j])) / Double(rows[j + 1] - rows[j])
        let z00 = grid[j][i], z10 = grid[j][i + 1], z01 = grid[j + 1][i], z11 = grid[j + 1][i + 1]
        // The quad's two triangles: (00, 10, 11) below the diagonal, (00, 11, 01) above it.
        return s >= t ? z00 + s * (z10 - z00) + t * (z11 - z10) : z00 + t * (z01 - z00) + s * (z11 - z01)
    }

    // MARK: Drawing

    /// What the figure put where: the image, the path's visible runs and the hidden points,
    /// and the floor's lines in box coordinates, in runs the surface covers or not.
    struct Drawn {
        struct FloorRun {
            /// The contour's level, or nil for a path's shadow.
            var level: Double?
            var points: [(Double, Double)]
            var covered: Bool
        }
        var plot: Rect
        var floor: [FloorRun] = []
        var visible: [[Point]] = []
        var hidden: [Point] = []
    }

    /// Draws the figure.
    @discardableResult
    func render(on canvas: Canvas, in frame: Rect? = nil, theme: Theme) -> Drawn {
        let area = frame ?? canvas.bounds
        let sizing = textSizing.sizing(for: area)
        let em = sizing.em
        if frame == nil {
            canvas.fillBackground(theme.background)
        } else {
            canvas.rectangle(area)
            canvas.fill(theme.background)
        }
        let inner = area.inset(by: sizing.padding)
        let titles = TitleBlock(title: title, subtitle: subtitle)
        let placedTitles = titles.layout(in: inner, text: canvas, sizing: sizing)
        titles.emit(placedTitles, on: canvas, theme: theme, sizing: sizing)
        let content = placedTitles.content

        let (height, valueRange) = heights()
        let map = colorMap ?? theme.colorMap
        let colors = ColorScale(map: map, domain: valueRange.lowerBound < valueRange.upperBound ? valueRange : (valueRange.lowerBound - 1)...(valueRange.upperBound + 1),
                                kind: log ? .log : .linear)
        let bar = ColorBar(colors: colors, title: log ? "cost $C$ (log scale)" : "cost $C$")
        let barWidth: Double = bar.width(forHeight: content.height * 0.7, text: canvas, sizing: sizing)
        let barRect = Rect(x: content.maxX - barWidth, y: content.minY + content.height * 0.15, width: barWidth, height: content.height * 0.7)

        // The box's eight corners on screen, for the scale that fits it in the room left.
        let view = View(azimuth: azimuth, elevation: elevation)
        let corners = [(-1.0, -1.0), (1, -1), (1, 1), (-1, 1)].flatMap { c in [floor, 1].map { view.project(c.0, c.1, $0) } }
        let minX = corners.map(\.sx).min()!, maxX = corners.map(\.sx).max()!
        let minY = corners.map(\.sy).min()!, maxY = corners.map(\.sy).max()!
        let room = Rect(x: content.minX + em * 4, y: content.minY + em * 1.5, width: barRect.minX - content.minX - em * 9,
                        height: content.height - em * 4.5)
        let scale: Double = min(room.width / (maxX - minX), room.height / (maxY - minY))
        let originX: Double = room.midX - (minX + maxX) / 2 * scale
        let originY: Double = room.midY + (minY + maxY) / 2 * scale
        func screen(_ p: (sx: Double, sy: Double, depth: Double)) -> Point { Point(x: originX + p.sx * scale, y: originY - p.sy * scale) }
        let plot = Rect(x: originX + minX * scale, y: originY - maxY * scale, width: (maxX - minX) * scale, height: (maxY - minY) * scale)

        // The surface, rasterised with depth.
        let (columns, rows) = samples
        let grid: [[Double]] = rows.map { r in columns.map { c in
            let v = surface.value(column: c, row: r)
            return v.isFinite ? height(v) : 0
        } }
        let device = canvas.deviceScale
        let width = max(1, Int((plot.width * device).rounded(.up))), heightPixels = max(1, Int((plot.height * device).rounded(.up)))
        var image = RGBAImage(width: width, height: heightPixels)
        var depth = [Double](repeating: .infinity, count: width * heightPixels)
        func pixel(_ p: (sx: Double, sy: Double, depth: Double)) -> (x: Double, y: Double, depth: Double) {
            let s = screen(p)
            return ((s.x - plot.minX) * device, (s.y - plot.minY) * device, p.depth)
        }
        let light = Self.normalized((-0.45, 0.6, -0.65))
        for j in 0..<(rows.count - 1) {
            for i in 0..<(columns.count - 1) {
                let corner = { (di: Int, dj: Int) -> (Double, Double, Double) in
                    let (bx, by) = box(column: columns[i + di], row: rows[j + dj])
                    return (bx, by, grid[j + dj][i + di])
                }
                let p00 = corner(0, 0), p10 = corner(1, 0), p01 = corner(0, 1), p11 = corner(1, 1)
                let normal = Self.normalized(Self.cross(Self.minus(p11, p00), Self.minus(p01, p10)))
                let n = view.rotate(normal)
                let lambert: Double = abs(n.0 * light.0 + n.1 * light.1 + n.2 * light.2)
                let shade: Double = 0.42 + 0.58 * lambert
                let values = [(0, 0), (1, 0), (0, 1), (1, 1)].map { surface.value(column: columns[i + $0.0], row: rows[j + $0.1]) }
                let mean: Double = values.filter(\.isFinite).reduce(0, +) / Double(max(values.filter(\.isFinite).count, 1))
                let base = colors.color(for: mean)
                let color = Color(red: base.red * shade, green: base.green * shade, blue: base.blue * shade)
                let q = [p00, p10, p11, p01].map { pixel(view.project($0.0, $0.1, $0.2)) }
                Self.fill(triangle: (q[0], q[1], q[2]), color: color, image: &image, depth: &depth)
                Self.fill(triangle: (q[0], q[2], q[3]), color: color, image: &image, depth: &depth)
            }
        }
        if wireframe {
            let line = theme.background.mixed(with: Color.black, 0.35).withAlpha(0.55)
            let every = max(1, (columns.count - 1) / 16)
            for j in stride(from: 0, to: rows.count, by: every) {
                Self.stroke(pointsAlong: (0..<columns.count).map { i in let (bx, by) = box(column: columns[i], row: rows[j]); return pixel(view.project(bx, by, grid[j][i])) },
                            color: line, image: &image, depth: depth)
            }
            for i in stride(from: 0, to: columns.count, by: every) {
                Self.stroke(pointsAlong: (0..<rows.count).map { j in let (bx, by) = box(column: columns[i], row: rows[j]); return pixel(view.project(bx, by, grid[j][i])) },
                            color: line, image: &image, depth: depth)
            }
        }
        drawBox(view: view, screen: screen, on: canvas, theme: theme, sizing: sizing)
        canvas.drawImage(image, in: Rect(x: plot.minX, y: plot.minY, width: Double(width) / device, height: Double(heightPixels) / device), smooth: false)
        // The floor: the map's contours and the paths' shadows, seen through the surface.
        var floorRuns: [Drawn.FloorRun] = []
        func onFloor(_ points: [(Double, Double)], level: Double?, color: Color, width lineWidth: Double, dash: [Double] = []) {
            var runs: [Drawn.FloorRun] = []
            for (bx, by) in Self.subdivided(points, step: 0.01) {
                let p = view.project(bx, by, floor)
                let covered = !Self.visible(pixel(p), depth: depth, width: width, height: heightPixels)
                if runs.last?.covered != covered {
                    // Runs share their meeting point, so the line has no gaps.
                    runs.append(Drawn.FloorRun(level: level, points: runs.last?.points.last.map { [$0] } ?? [], covered: covered))
                }
                runs[runs.count - 1].points.append((bx, by))
            }
            for run in runs where run.points.count > 1 {
                canvas.polyline(run.points.map { screen(view.project($0.0, $0.1, floor)) })
                canvas.stroke(run.covered ? color.withAlpha(color.alpha * Self.seenThrough) : color,
                              style: StrokeStyle(width: lineWidth, dash: dash, cap: .round, join: .round))
            }
            floorRuns += runs
        }
        if floorContours > 0, let levelGrid = surface.grid {
            let contours = Contours(grid: levelGrid, levels: Contours.levels(for: levelGrid, count: floorContours, kind: log ? .log : .linear),
                                    labelled: false)
            for level in contours.levels {
                let color = colors.color(for: level).mixed(with: theme.foreground, 0.3)
                for line in contours.lines(at: level) {
                    onFloor(line.map { box(x: $0.x, y: $0.y) }, level: level, color: color, width: sizing.lineWidth * 0.6)
                }
            }
            for (points, color) in paths {
                onFloor(points.map { box(x: $0.x, y: $0.y) }, level: nil, color: color.mixed(with: theme.foreground, 0.5).withAlpha(0.75),
                        width: sizing.lineWidth * 0.6, dash: [sizing.lineWidth * 2, sizing.lineWidth * 1.5])
            }
        }
        drawAxes(view: view, screen: screen, valueRange: valueRange, in: area, on: canvas, theme: theme, sizing: sizing)

        // Paths, split against the depth buffer.
        var drawn = Drawn(plot: plot, floor: floorRuns)
        for (points, color) in paths {
            var run: [Point] = [], runs: [[Point]] = []
            let pieces = Self.subdivided(points.map { box(x: $0.x, y: $0.y) }, step: 0.01)
            for (bx, by) in pieces {
                guard let z = drawnHeight(bx: bx, by: by, grid: grid, columns: columns, rows: rows) else { continue }
                let p = view.project(bx, by, z)
                let px = pixel(p)
                let visible = Self.visible(px, depth: depth, width: width, height: heightPixels)
                let point = screen(p)
                if visible {
                    run.append(point)
                } else {
                    drawn.hidden.append(point)
                    if !run.isEmpty { runs.append(run); run = [] }
                }
            }
            if !run.isEmpty { runs.append(run) }
            for run in runs where run.count > 1 {
                canvas.polyline(run)
                canvas.strokeHalo(under: sizing.lineWidth)
                canvas.stroke(color, style: StrokeStyle(width: sizing.lineWidth, cap: .round, join: .round))
            }
            drawn.visible += runs
            // The ends, where they show.
            for (index, end) in [points.first, points.last].enumerated() {
                guard let end else { continue }
                let (bx, by) = box(x: end.x, y: end.y)
                guard let z = drawnHeight(bx: bx, by: by, grid: grid, columns: columns, rows: rows) else { continue }
                let p = view.project(bx, by, z)
                guard Self.visible(pixel(p), depth: depth, width: width, height: heightPixels) else { continue }
                (index == 0 ? MarkerShape.circle : .diamond).draw(on: canvas, at: screen(p), size: sizing.markerSize * 1.6,
                                                                 color: index == 0 ? .white : color, outline: .black)
            }
        }
        if markMinimum, let minimum = surface.minimum {
            let (bx, by) = box(column: minimum.column, row: minimum.row)
            if let z = drawnHeight(bx: bx, by: by, grid: grid, columns: columns, rows: rows) {
                let p = view.project(bx, by, z)
                if Self.visible(pixel(p), depth: depth, width: width, height: heightPixels) {
                    MarkerShape.cross.draw(on: canvas, at: screen(p), size: sizing.markerSize * 1.8, color: .white, outline: .black)
                }
            }
        }
        bar.emit(bar.layout(in: barRect, text: canvas, sizing: sizing), on: canvas, theme: theme, sizing: sizing)
        return drawn
    }

    /// Draws the figure on the whole canvas, or in `frame` (an animation's cell).
    public func draw(on canvas: Canvas, in frame: Rect? = nil, theme: Theme) {
        render(on: canvas, in: frame, theme: theme)
    }

    /// The box's floor rim and its back edges, faint, drawn before the surface covers them.
    private func drawBox(view: View, screen: ((sx: Double, sy: Double, depth: Double)) -> Point, on canvas: Canvas,
                         theme: Theme, sizing: ChartSizing) {
        let corners: [(Double, Double)] = [(-1, -1), (1, -1), (1, 1), (-1, 1)]
        let depths = corners.map { view.project($0.0, $0.1, floor).depth }
        let farthest = depths.indices.max { depths[$0] < depths[$1] }!
        let style = StrokeStyle(width: sizing.axisWidth)
        // The floor and the two back walls' edges.
        for k in 0..<4 {
            let a = corners[k], b = corners[(k + 1) % 4]
            canvas.polyline([screen(view.project(a.0, a.1, floor)), screen(view.project(b.0, b.1, floor))])
        }
        let back = corners[farthest]
        canvas.polyline([screen(view.project(back.0, back.1, floor)), screen(view.project(back.0, back.1, 1))])
        for neighbour in [(farthest + 1) % 4, (farthest + 3) % 4] {
            let c = corners[neighbour]
            canvas.polyline([screen(view.project(back.0, back.1, 1)), screen(view.project(c.0, c.1, 1))])
            canvas.polyline([screen(view.project(c.0, c.1, floor)), screen(view.project(c.0, c.1, 1))])
        }
        canvas.stroke(theme.grid.mixed(with: theme.foreground, 0.25), style: style)
    }

    /// Ticks and titles on three edges of the box: x and y along the floor's front edges,
    /// the cost up the left back edge.
    private func drawAxes(view: View, screen: ((sx: Double, sy: Double, depth: Double)) -> Point, valueRange: ClosedRange<Double>, in area: Rect,
                          on canvas: Canvas, theme: Theme, sizing: ChartSizing) {
        let em = sizing.em
        let corners: [(Double, Double)] = [(-1, -1), (1, -1), (1, 1), (-1, 1)]
        let depths = corners.map { view.project($0.0, $0.1, floor).depth }
        let nearest = depths.indices.min { depths[$0] < depths[$1] }!
        let near = corners[nearest]
        // The floor edges through the nearest corner: one along x, one along y.
        let xEdgeY: Double = near.1, yEdgeX: Double = near.0
        let style = StrokeStyle(width: sizing.axisWidth)
        // Tick labels keep clear of each other (a small cell, a steep view) and inside the
        // figure, through the placement stage: one with no room is left out, its tick kept.
        var placement = Placement(bounds: area, gap: em * 0.25)
        func tickLabels(_ ticks: [Tick], along position: (Double) -> (Double, Double, Double), outward: (Double, Double)) {
            for tick in ticks where tick.isMajor && !tick.label.isEmpty {
                let p = position(tick.value)
                let at = screen(view.project(p.0, p.1, p.2))
                let out = screen(view.project(p.0 + outward.0 * 0.06, p.1 + outward.1 * 0.06, p.2))
                canvas.polyline([at, out])
                canvas.stroke(theme.axis, style: style)
                let dx: Double = out.x - at.x, dy: Double = out.y - at.y
                let length: Double = max((dx * dx + dy * dy).squareRoot(), 1e-9)
                let anchorPoint = Point(x: out.x + dx / length * em * 0.3, y: out.y + dy / length * em * 0.3)
                let horizontal: TextAnchor.Horizontal = dx > length * 0.3 ? .left : dx < -length * 0.3 ? .right : .center
                let vertical: TextAnchor.Vertical = dy > length * 0.3 ? .top : dy < -length * 0.3 ? .bottom : .middle
                let extents = canvas.measure(tick.label, font: sizing.tickFont)
                let left: Double = horizontal == .left ? anchorPoint.x : horizontal == .right ? anchorPoint.x - extents.width : anchorPoint.x - extents.width / 2
                let top: Double = vertical == .top ? anchorPoint.y : vertical == .bottom ? anchorPoint.y - extents.height : anchorPoint.y - extents.height / 2
                let box = Rect(x: left, y: top, width: extents.width, height: extents.height)
                guard placement.fits(box) else { continue }
                placement.claim(box)
                canvas.draw(tick.label, font: sizing.tickFont, color: theme.foreground, at: anchorPoint, anchor: TextAnchor(horizontal, vertical))
            }
        }
        let xScale = Scale(kind: .linear, domain: surface.xRange), yScale = Scale(kind: .linear, domain: surface.yRange)
        let xName = surface.x.tex(in: network), yName = surface.y.tex(in: network)
        // The titles beyond the tick labels, at each edge's middle, anchored away from the box.
        let xLabels = xScale.ticks(count: 5).filter { $0.isMajor }.map { canvas.measure($0.label, font: sizing.tickFont) }
        let yLabels = yScale.ticks(count: 5).filter { $0.isMajor }.map { canvas.measure($0.label, font: sizing.tickFont) }
        func title(_ label: Label, at p: (Double, Double, Double), outward: (Double, Double), clearing labels: [TextExtents]) {
            let at = screen(view.project(p.0, p.1, p.2))
            let out = screen(view.project(p.0 + outward.0 * 0.06, p.1 + outward.1 * 0.06, p.2))
            let dx: Double = out.x - at.x, dy: Double = out.y - at.y
            let length: Double = max((dx * dx + dy * dy).squareRoot(), 1e-9)
            let ux: Double = dx / length, uy: Double = dy / length
            // Past the labels' reach along this direction: their width across, their height up or down.
            let reach: Double = labels.map { abs(ux) * $0.width + abs(uy) * $0.height }.max() ?? 0
            let distance: Double = length + em * 0.6 + reach
            let horizontal: TextAnchor.Horizontal = ux > 0.3 ? .left : ux < -0.3 ? .right : .center
            let vertical: TextAnchor.Vertical = uy > 0.3 ? .top : uy < -0.3 ? .bottom : .middle
            canvas.draw(label, font: sizing.axisTitleFont, color: theme.foreground,
                        at: Point(x: at.x + ux * distance, y: at.y + uy * distance), anchor: TextAnchor(horizontal, vertical))
        }
        title(CostSurfaceFigure.axisTitle(surface.x, in: network), at: (0, xEdgeY, floor), outward: (0, xEdgeY), clearing: xLabels)
        title(CostSurfaceFigure.axisTitle(surface.y, in: network), at: (yEdgeX, 0, floor), outward: (yEdgeX, 0), clearing: yLabels)
        // The cost up the vertical edge at the leftmost of the other corners.
        let candidates = corners.indices.filter { $0 != nearest }
        let left = candidates.min { screen(view.project(corners[$0].0, corners[$0].1, floor)).x < screen(view.project(corners[$1].0, corners[$1].1, floor)).x }!
        let c = corners[left]
        canvas.polyline([screen(view.project(c.0, c.1, floor)), screen(view.project(c.0, c.1, 1))])
        canvas.stroke(theme.axis, style: style)
        let (h, _) = heights()
        let costTicks = (log ? Scale(kind: .log, domain: valueRange) : Scale(kind: .linear, domain: valueRange)).ticks(count: 4)
        for tick in costTicks where tick.isMajor && !tick.label.isEmpty && valueRange.contains(tick.value) {
            let at = screen(view.project(c.0, c.1, h(tick.value)))
            let extents = canvas.measure(tick.label, font: sizing.tickFont)
            let box = Rect(x: at.x - em * 0.6 - extents.width, y: at.y - extents.height / 2, width: extents.width, height: extents.height)
            guard placement.fits(box) else { continue }
            placement.claim(box)
            canvas.polyline([at, Point(x: at.x - em * 0.4, y: at.y)])
            canvas.stroke(theme.axis, style: style)
            canvas.draw(tick.label, font: sizing.tickFont, color: theme.foreground, at: Point(x: at.x - em * 0.6, y: at.y),
                        anchor: TextAnchor(.right, .middle))
        }
        // The floor's ticks after the cost's, which are fewer and must stay.
        tickLabels(xScale.ticks(count: 5), along: { v in (box(x: v, y: 0).0, xEdgeY, floor) }, outward: (0, xEdgeY))
        tickLabels(yScale.ticks(count: 5), along: { v in (yEdgeX, box(x: 0, y: v).1, floor) }, outward: (yEdgeX, 0))
        let top = screen(view.project(c.0, c.1, 1))
        canvas.draw("cost $C$", font: sizing.axisTitleFont, color: theme.foreground, at: Point(x: top.x, y: top.y - em * 0.6),
                    anchor: TextAnchor(.center, .bottom))
    }

    // MARK: Rasterising

    static func minus(_ a: (Double, Double, Double), _ b: (Double, Double, Double)) -> (Double, Double, Double) { (a.0 - b.0, a.1 - b.1, a.2 - b.2) }
    static func cross(_ a: (Double, Double, Double), _ b: (Double, Double, Double)) -> (Double, Double, Double) {
        (a.1 * b.2 - a.2 * b.1, a.2 * b.0 - a.0 * b.2, a.0 * b.1 - a.1 * b.0)
    }
    static func normalized(_ v: (Double, Double, Double)) -> (Double, Double, Double) {
        let n = (v.0 * v.0 + v.1 * v.1 + v.2 * v.2).squareRoot()
        return n > 0 ? (v.0 / n, v.1 / n, v.2 / n) : (0, 0, 1)
    }

    typealias Vertex = (x: Double, y: Double, depth: Double)

    /// Fills the pixels whose centres lie in the triangle where it is nearer than what is there.
    static func fill(triangle t: (Vertex, Vertex, Vertex), color: Color, image: inout RGBAImage, depth: inout [Double]) {
        let (a, b, c) = t
        let area: Double = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)
        guard area != 0, area.isFinite else { return }
        let x0 = max(0, Int(Foundation.floor(min(a.x, b.x, c.x)))), x1 = min(image.width - 1, Int(Foundation.ceil(max(a.x, b.x, c.x))))
        let y0 = max(0, Int(Foundation.floor(min(a.y, b.y, c.y)))), y1 = min(image.height - 1, Int(Foundation.ceil(max(a.y, b.y, c.y))))
        guard x0 <= x1, y0 <= y1 else { return }
        for py in y0...y1 {
            let y: Double = Double(py) + 0.5
            for px in x0...x1 {
                let x: Double = Double(px) + 0.5
                let w0: Double = ((b.x - x) * (c.y - y) - (b.y - y) * (c.x - x)) / area
                let w1: Double = ((c.x - x) * (a.y - y) - (c.y - y) * (a.x - x)) / area
                let w2: Double = 1 - w0 - w1
                // Shared edges belong to both triangles: a hair of tolerance leaves no cracks.
                guard w0 >= -1e-9, w1 >= -1e-9, w2 >= -1e-9 else { continue }
                let d: Double = w0 * a.depth + w1 * b.depth + w2 * c.depth
                let index = py * image.width + px
                if d < depth[index] {
                    depth[index] = d
                    image[px, py] = color
                }
            }
        }
    }

    /// Mesh lines drawn into the image where they are not behind the surface.
    static func stroke(pointsAlong points: [Vertex], color: Color, image: inout RGBAImage, depth: [Double]) {
        for (a, b) in zip(points, points.dropFirst()) {
            let steps = max(1, Int(max(abs(b.x - a.x), abs(b.y - a.y)).rounded(.up)))
            for k in 0...steps {
                let t: Double = Double(k) / Double(steps)
                let p: Vertex = (a.x + t * (b.x - a.x), a.y + t * (b.y - a.y), a.depth + t * (b.depth - a.depth))
                let px = Int(p.x), py = Int(p.y)
                guard px >= 0, py >= 0, px < image.width, py < image.height else { continue }
                guard p.depth <= depth[py * image.width + px] + tolerance else { continue }
                let under = image[px, py]
                image[px, py] = under.mixed(with: color.withAlpha(1), color.alpha)
            }
        }
    }

    /// Whether a point on the drawn surface is the nearest thing at its pixel: its depth is
    /// the pixel's, up to how much the depth changes from one pixel to the next there (the
    /// point lies anywhere in its pixel, whose depth is its centre's), a little more for
    /// rounding, and never more than `maxSlack` (so a surface hides what is clearly behind it).
    static func visible(_ p: Vertex, depth: [Double], width: Int, height: Int) -> Bool {
        let px = Int(p.x), py = Int(p.y)
        guard px >= 0, py >= 0, px < width, py < height else { return false }
        let own = depth[py * width + px]
        guard own.isFinite else { return true }
        var change = 0.0
        for (dx, dy) in [(1, 0), (-1, 0), (0, 1), (0, -1)] {
            let x = px + dx, y = py + dy
            guard x >= 0, y >= 0, x < width, y < height, depth[y * width + x].isFinite else { continue }
            change = max(change, abs(depth[y * width + x] - own))
        }
        return p.depth <= own + 2e-3 + min(change, maxSlack)
    }

    static let maxSlack = 0.05

    /// How far behind the surface a mesh line may be and still be drawn: lines lie on it.
    static let tolerance = 2e-2

    /// The polyline with points inserted so that no piece is longer than `step` in box units.
    static func subdivided(_ points: [(Double, Double)], step: Double) -> [(Double, Double)] {
        guard let first = points.first else { return [] }
        var result = [first]
        for (a, b) in zip(points, points.dropFirst()) {
            let length: Double = ((b.0 - a.0) * (b.0 - a.0) + (b.1 - a.1) * (b.1 - a.1)).squareRoot()
            let pieces = max(1, Int((length / step).rounded(.up)))
            for k in 1...pieces {
                let t: Double = Double(k) / Double(pieces)
                result.append((a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1)))
            }
        }
        return result
    }
}
