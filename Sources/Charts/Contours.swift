import Drawing
import Foundation

/// Contour lines of a grid by marching squares, joined into polylines, with a few inline labels.
///
/// Saddle cells are resolved by the cell's mean value; cells with a non-finite corner are
/// skipped.
///
/// ```swift
/// let contours = Contours(grid: grid, levels: Contours.levels(for: grid, count: 8))
/// contours.draw(on: canvas, x: axes.x, y: axes.y, color: theme.contour, sizing: sizing)
/// ```
public struct Contours: Sendable {
    public var grid: Grid
    public var levels: [Double]
    /// Whether to write level values on the lines.
    public var labelled: Bool

    public init(grid: Grid, levels: [Double], labelled: Bool = true) {
        self.grid = grid
        self.levels = levels
        self.labelled = labelled
    }

    /// About `count` nice levels strictly inside the grid's finite range (1-2-5 steps; on a log
    /// scale 1, 2 and 5 times powers of ten).
    public static func levels(for grid: Grid, count: Int, kind: Scale.Kind = .linear) -> [Double] {
        guard count > 0, let range = grid.finiteRange(positive: kind == .log), range.upperBound > range.lowerBound else {
            return []
        }
        let inside = { (value: Double) in value > range.lowerBound && value < range.upperBound }
        switch kind {
        case .linear:
            return Ticks.linear(in: range, count: count + 1).map(\.value).filter(inside)
        case .log:
            let low = Int(log10(range.lowerBound).rounded(.down))
            let high = Int(log10(range.upperBound).rounded(.up))
            var candidates: [Double] = []
            for exponent in low...high {
                for mantissa in [1, 2, 5] {
                    if let value = Double("\(mantissa)e\(exponent)"), inside(value) { candidates.append(value) }
                }
            }
            let every = max(1, Int((Double(candidates.count) / Double(count)).rounded(.up)))
            return stride(from: 0, to: candidates.count, by: every).map { candidates[$0] }
        }
    }

    /// The contour of one level as polylines in data coordinates.
    public func lines(at level: Double) -> [[Point]] {
        lines(at: level, extremes: BlockExtremes(grid, width: Self.blockWidth))
    }

    /// `lines(at:)` with the block extremes made once for all levels.
    func lines(at level: Double, extremes: BlockExtremes) -> [[Point]] {
        let columns = grid.columns
        let resolution = Self.resolution(of: level)
        var segments: [(Int, Int)] = []
        for row in 0..<(grid.rows - 1) {
            for block in 0..<extremes.blocksPerRow {
                // A cell is cut when some corner lies above the level and some not: skip the
                // blocks whose values are all on one side (most of them, for smooth surfaces).
                // Cells are still visited in row-major order, so the segments come out as before.
                guard extremes.crosses(level, row: row, block: block) else { continue }
            for column in (block * Self.blockWidth)..<min((block + 1) * Self.blockWidth, columns - 1) {
                let v00 = grid.value(column: column, row: row)
                let v10 = grid.value(column: column + 1, row: row)
                let v11 = grid.value(column: column + 1, row: row + 1)
                let v01 = grid.value(column: column, row: row + 1)
                guard v00.isFinite, v10.isFinite, v11.isFinite, v01.isFinite else { continue }
                // Edge keys: even for the horizontal edge right of a point, odd for the vertical
                // edge above it, so neighbouring cells agree on shared edges.
                let bottom = (row * columns + column) * 2
                let top = ((row + 1) * columns + column) * 2
                let left = (row * columns + column) * 2 + 1
                let right = (row * columns + column + 1) * 2 + 1
                let a0 = v00 > level, a1 = v10 > level, a2 = v11 > level, a3 = v01 > level
                let index = (a0 ? 1 : 0) | (a1 ? 2 : 0) | (a2 ? 4 : 0) | (a3 ? 8 : 0)
                if index == 0 || index == 15 { continue }
                // An edge whose two ends both lie within rounding of the level says nothing of
                // where it crosses: on a plateau at the level's value (saturated outputs, whose
                // cost is a round number) the sides are decided by the last bits and the line
                // would trace the grid as a staircase. Such cells are left out.
                let unresolved = { (p: Double, q: Double) in abs(p - level) <= resolution && abs(q - level) <= resolution }
                if (a0 != a1 && unresolved(v00, v10)) || (a1 != a2 && unresolved(v10, v11))
                    || (a2 != a3 && unresolved(v11, v01)) || (a3 != a0 && unresolved(v01, v00)) { continue }
                switch index {
                case 5, 10:
                    let mean: Double = (v00 + v10 + v11 + v01) / 4
                    let centerAbove = mean > level
                    // Corners whose side differs from the centre are cut off on their own.
                    let cutCorners00And11 = (index == 5) != centerAbove
                    if cutCorners00And11 {
                        segments.append((left, bottom))
                        segments.append((right, top))
                    } else {
                        segments.append((bottom, right))
                        segments.append((top, left))
                    }
                default:
                    var crossed: [Int] = []
                    if a0 != a1 { crossed.append(bottom) }
                    if a1 != a2 { crossed.append(right) }
                    if a2 != a3 { crossed.append(top) }
                    if a3 != a0 { crossed.append(left) }
                    if crossed.count == 2 { segments.append((crossed[0], crossed[1])) }
                }
            }
            }
        }
        return chain(segments).map { keys in keys.map { crossing(edge: $0, level: level) } }
    }

    /// How close to `level` a value is taken to be the level itself: 64 units in the last place,
    /// more than a cost's rounding (a sum of squares of values near 1 is good to a few units).
    static func resolution(of level: Double) -> Double {
        64 * abs(level).ulp
    }

    /// Cells per block in the row scan of `lines(at:)`.
    static let blockWidth = 32

    /// Where the level crosses an edge, by linear interpolation.
    private func crossing(edge key: Int, level: Double) -> Point {
        let vertical = key % 2 == 1
        let point = key / 2
        let row = point / grid.columns
        let column = point % grid.columns
        let a = grid.value(column: column, row: row)
        let b = vertical ? grid.value(column: column, row: row + 1) : grid.value(column: column + 1, row: row)
        let t: Double = b == a ? 0.5 : (level - a) / (b - a)
        let x0: Double = grid.xCoordinate(column: column)
        let y0: Double = grid.yCoordinate(row: row)
        if vertical {
            let y1: Double = grid.yCoordinate(row: row + 1)
            return Point(x: x0, y: y0 + t * (y1 - y0))
        }
        let x1: Double = grid.xCoordinate(column: column + 1)
        return Point(x: x0 + t * (x1 - x0), y: y0)
    }

    /// Joins segments sharing edges into chains of edge keys, open chains first from an end.
    private func chain(_ segments: [(Int, Int)]) -> [[Int]] {
        var byEdge: [Int: [Int]] = [:]
        for (index, segment) in segments.enumerated() {
            byEdge[segment.0, default: []].append(index)
            byEdge[segment.1, default: []].append(index)
        }
        var used = [Bool](repeating: false, count: segments.count)
        var chains: [[Int]] = []
        func walk(from index: Int, startingAt start: Int) {
            var keys = [start]
            var current = index
            var key = start
            while true {
                used[current] = true
                let segment = segments[current]
                key = segment.0 == key ? segment.1 : segment.0
                keys.append(key)
                guard let next = byEdge[key]?.first(where: { !used[$0] }) else { break }
                current = next
            }
            chains.append(keys)
        }
        for (index, segment) in segments.enumerated() where !used[index] {
            if byEdge[segment.0]?.count == 1 {
                walk(from: index, startingAt: segment.0)
            } else if byEdge[segment.1]?.count == 1 {
                walk(from: index, startingAt: segment.1)
            }
        }
        for (index, segment) in segments.enumerated() where !used[index] {
            walk(from: index, startingAt: segment.0)
        }
        return chains
    }

    /// Strokes every level and labels some of them where a label fits, leaving a gap in the
    /// line for it.
    ///
    /// - Parameters:
    ///   - x: the x scale (positioned on the canvas).
    ///   - y: the y scale.
    ///   - color: line and label colour.
    ///   - clip: rectangle to draw inside (the plot).
    ///   - colors: the scale the grid is painted with under the lines, if it is: a level
    ///     whose colour there is dark gets its line and label in white (at `color`'s
    ///     opacity), a light one in black, so both read on any colour map.
    ///   - placement: what the labels keep clear of (markers, paths, their labels); each
    ///     label placed is claimed in it, and one that finds no room is counted there.
    public func draw(on canvas: Canvas, x: Scale, y: Scale, color: Color, sizing: ChartSizing, clip: Rect,
                     colors: ColorScale? = nil, placement: inout Placement) {
        let step: Double = levels.count > 1 ? abs(levels[1] - levels[0]) : max(abs(levels.first ?? 1), 1e-12)
        let labelEvery = levels.count > 6 ? 2 : 1
        let lineStyle = StrokeStyle(width: max(sizing.lineWidth * 0.6, 1), cap: .round, join: .round)
        let extremes = BlockExtremes(grid, width: Self.blockWidth)
        // Every level's lines first: a label keeps clear of the other levels' lines, so that
        // in a dense bundle it goes where the lines part, or nowhere.
        // A line shorter than the stroke is wide draws a dot: where a level's band is
        // narrower than the grid's spacing (the NOT neuron's narrow valley) its crossings
        // make a dotted line that is the grid's, not the surface's. They are left out.
        let shortest: Double = max(lineStyle.width * 2.5, sizing.em * 0.8)
        let polylines: [[[Point]]] = levels.map { level in
            lines(at: level, extremes: extremes).map { line in
                line.map { Point(x: x.position(of: $0.x), y: y.position(of: $0.y)) }
            }.filter { Contours.length($0) >= shortest }
        }
        var placed: [(index: Int, label: Label, box: Rect, line: Int, from: Double, to: Double)] = []
        if labelled {
            for (index, level) in levels.enumerated() where index % labelEvery == 0 && !polylines[index].isEmpty {
                var others = placement
                for (j, lines) in polylines.enumerated() where j != index {
                    for line in lines { others.claim(path: line, halfWidth: lineStyle.width / 2) }
                }
                let label = levelsAreLog ? TickFormatter.compact(level) : TickFormatter.label(for: level, step: step)
                if let spot = Self.labelSpot(label, on: polylines[index], canvas: canvas, sizing: sizing, placement: others) {
                    placement.claim(spot.box)
                    placed.append((index, label, spot.box, spot.line, spot.from, spot.to))
                } else {
                    placement.noteLeftOut("contour label")
                }
            }
        }
        canvas.withState {
            canvas.clip(to: clip)
            for (index, level) in levels.enumerated() {
                let color = colors.map { Self.contrasting(color, on: $0.color(for: level)) } ?? color
                var lines = polylines[index]
                if let spot = placed.first(where: { $0.index == index }) {
                    canvas.draw(spot.label, font: sizing.contourLabelFont, color: color.withAlpha(1),
                                at: Point(x: spot.box.midX, y: spot.box.midY), anchor: .center)
                    let line = lines[spot.line]
                    let length = Contours.length(line)
                    lines.remove(at: spot.line)
                    lines.append(Contours.piece(of: line, from: 0, to: spot.from))
                    lines.append(Contours.piece(of: line, from: spot.to, to: length))
                }
                for line in lines { canvas.polyline(line) }
                canvas.stroke(color, style: lineStyle)
            }
        }
    }

    /// Strokes and labels every level with nothing else on the plot to keep clear of.
    public func draw(on canvas: Canvas, x: Scale, y: Scale, color: Color, sizing: ChartSizing, clip: Rect,
                     colors: ColorScale? = nil) {
        var placement = Placement(bounds: clip)
        draw(on: canvas, x: x, y: y, color: color, sizing: sizing, clip: clip, colors: colors, placement: &placement)
    }

    /// Black or white at `color`'s opacity, whichever stands out on `background`: a contour
    /// lies where the surface has its level, so the map's colour for the level is what the
    /// line and its label are drawn over.
    static func contrasting(_ color: Color, on background: Color) -> Color {
        (background.luminance < 0.5 ? Color.white : Color.black).withAlpha(color.alpha)
    }

    /// Whether the levels look like a log series (ratios rather than differences constant).
    private var levelsAreLog: Bool {
        guard levels.count > 2, levels.allSatisfy({ $0 > 0 }) else { return false }
        let firstGap: Double = levels[1] - levels[0]
        let lastGap: Double = levels[levels.count - 1] - levels[levels.count - 2]
        return lastGap > firstGap * 1.5
    }

    /// Where `label` goes on one of a level's lines: upright (read from the back of a hall
    /// as easily as a tick label), centred on the line, inside the plot and clear of
    /// `placement`, trying the middle of the longest line first, then other stretches of it
    /// and of the shorter lines. The line crosses the box once and is cut where it does.
    /// Nil when nowhere fits.
    ///
    /// - Returns: the label's box, the line it cuts, and the arc lengths of the cut.
    static func labelSpot(_ label: Label, on polylines: [[Point]], canvas: Canvas, sizing: ChartSizing,
                          placement: Placement) -> (box: Rect, line: Int, from: Double, to: Double)? {
        let extents = canvas.measure(label, font: sizing.contourLabelFont)
        let pad: Double = sizing.em * 0.2
        let width: Double = extents.width + 2 * pad
        let height: Double = max(extents.height, sizing.contourLabelFont.size) + pad
        let lengths = polylines.map(Contours.length)
        let order = lengths.indices.sorted { lengths[$0] > lengths[$1] }
        for index in order where lengths[index] > width * 2 {
            let line = polylines[index]
            let length = lengths[index]
            for fraction in [0.5, 0.35, 0.65, 0.2, 0.8, 0.42, 0.58, 0.27, 0.73, 0.12, 0.88] {
                let middle: Double = length * fraction
                guard let center = point(on: line, at: middle) else { continue }
                let box = Rect(x: center.x - width / 2, y: center.y - height / 2, width: width, height: height)
                guard placement.fits(box) else { continue }
                // The cut: from the centre outwards to where the line leaves the box.
                let bounds = box
                func leaves(_ direction: Double) -> Double? {
                    var s = middle
                    while let p = point(on: line, at: s), bounds.contains(p) {
                        s += direction
                        if s < 0 || s > length { return nil }
                    }
                    return s
                }
                guard let from = leaves(-1), let to = leaves(1) else { continue }
                // The rest of the line must stay out of the box (no second crossing).
                var rest = Placement(bounds: placement.bounds)
                rest.claim(path: piece(of: line, from: 0, to: from - 1), halfWidth: 0.5)
                rest.claim(path: piece(of: line, from: to + 1, to: length), halfWidth: 0.5)
                if rest.fits(box) { return (box, index, from, to) }
            }
        }
        return nil
    }

    static func length(_ line: [Point]) -> Double {
        zip(line, line.dropFirst()).reduce(0) { $0 + hypot($1.1.x - $1.0.x, $1.1.y - $1.0.y) }
    }

    /// The point at arc length `s` along a polyline.
    static func point(on line: [Point], at s: Double) -> Point? {
        guard let first = line.first else { return nil }
        if s <= 0 { return first }
        var walked: Double = 0
        for (a, b) in zip(line, line.dropFirst()) {
            let segment: Double = hypot(b.x - a.x, b.y - a.y)
            if walked + segment >= s, segment > 0 {
                let t: Double = (s - walked) / segment
                return Point(x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y))
            }
            walked += segment
        }
        return line.last
    }

    /// The part of a polyline between arc lengths `start` and `end`.
    static func piece(of line: [Point], from start: Double, to end: Double) -> [Point] {
        guard end > start, let first = point(on: line, at: start), let last = point(on: line, at: end) else { return [] }
        var result = [first]
        var walked: Double = 0
        for (a, b) in zip(line, line.dropFirst()) {
            walked += hypot(b.x - a.x, b.y - a.y)
            if walked > start && walked < end { result.append(b) }
        }
        result.append(last)
        return result
    }
}
