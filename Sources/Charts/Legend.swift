import Drawing

/// A legend box: one row per entry with a line or marker swatch and a label.
///
/// Laid out in the inside corner of the plot that covers the fewest of `avoiding`'s points.
///
/// ```swift
/// var legend = Legend(entries: [.init(label: "train", style: theme.seriesStyle(at: 0), kind: .line)])
/// legend.avoiding = points
/// let placed = legend.layout(in: plot, text: canvas, sizing: sizing)
/// legend.emit(placed, on: canvas, theme: theme, sizing: sizing)
/// ```
public struct Legend: ChartElement, Sendable {
    public struct Entry: Sendable {
        public var label: Label
        public var style: SeriesStyle
        public var kind: Series.Kind

        public init(label: Label, style: SeriesStyle, kind: Series.Kind = .line) {
            self.label = label
            self.style = style
            self.kind = kind
        }
    }

    public var entries: [Entry]
    /// Points (in canvas units) the box should cover as few of as it can.
    public var avoiding: [Point] = []
    /// Corners already taken (by another box).
    public var excluding: Set<Corner> = []

    public init(entries: [Entry]) {
        self.entries = entries
    }

    /// The corners tried, in order of preference.
    /// Where in the plot a box goes: a corner, or the middle of the top or bottom edge
    /// (taken only where every corner covers more of the data).
    public enum Corner: CaseIterable, Sendable {
        case topRight, topLeft, bottomRight, bottomLeft, top, bottom
    }

    /// Width and height of the box.
    public func size(text: Measuring, sizing: ChartSizing) -> (width: Double, height: Double) {
        let labels = entries.map { text.measure($0.label, font: sizing.legendFont) }
        let textWidth: Double = labels.map(\.width).max() ?? 0
        let rowHeight: Double = sizing.em * 1.5
        let width: Double = sizing.em * (0.7 + 2.2 + 0.5 + 0.7) + textWidth
        let height: Double = rowHeight * Double(entries.count) + sizing.em * 0.8
        return (width, height)
    }

    /// The box in the best free corner of `plot`, and which corner that is.
    public struct Layout: Sendable {
        public var box: Rect
        public var corner: Corner

        public init(box: Rect, corner: Corner) {
            self.box = box
            self.corner = corner
        }
    }

    public func layout(in plot: Rect, text: Measuring, sizing: ChartSizing) -> Layout {
        let size = self.size(text: text, sizing: sizing)
        let placed = Legend.bestCorner(width: size.width, height: size.height, in: plot, avoiding: avoiding,
                                       margin: sizing.em * 0.6, excluding: excluding)
        return Layout(box: placed.box, corner: placed.corner)
    }

    public static func bestCorner(width: Double, height: Double, in plot: Rect, avoiding points: [Point],
                                  margin: Double, excluding: Set<Corner> = []) -> (box: Rect, corner: Corner) {
        var best: (box: Rect, corner: Corner, covered: Int)?
        for corner in Corner.allCases where !excluding.contains(corner) {
            let box = rect(corner, width: width, height: height, in: plot, margin: margin)
            let grown = box.inset(by: -margin / 2)
            let covered = points.reduce(0) { $0 + (grown.contains($1) ? 1 : 0) }
            if best == nil || covered < (best?.covered ?? 0) { best = (box, corner, covered) }
        }
        if let best { return (best.box, best.corner) }
        return (rect(.topRight, width: width, height: height, in: plot, margin: margin), .topRight)
    }

    static func rect(_ corner: Corner, width: Double, height: Double, in plot: Rect, margin: Double) -> Rect {
        let left: Double = plot.minX + margin
        let right: Double = plot.maxX - margin - width
        let top: Double = plot.minY + margin
        let bottom: Double = plot.maxY - margin - height
        let middle: Double = plot.midX - width / 2
        switch corner {
        case .top: return Rect(x: middle, y: top, width: width, height: height)
        case .bottom: return Rect(x: middle, y: bottom, width: width, height: height)
        case .topRight: return Rect(x: right, y: top, width: width, height: height)
        case .topLeft: return Rect(x: left, y: top, width: width, height: height)
        case .bottomRight: return Rect(x: right, y: bottom, width: width, height: height)
        case .bottomLeft: return Rect(x: left, y: bottom, width: width, height: height)
        }
    }

    /// Draws the box and its rows.
    public func emit(_ layout: Layout, on canvas: Canvas, theme: Theme, sizing: ChartSizing) {
        let box = layout.box
        canvas.rectangle(box)
        canvas.fill(theme.panel, keepPath: true)
        canvas.stroke(theme.grid, style: StrokeStyle(width: sizing.gridWidth))
        let rowHeight: Double = sizing.em * 1.5
        for (index, entry) in entries.enumerated() {
            let centerY: Double = box.minY + sizing.em * 0.4 + rowHeight * (Double(index) + 0.5)
            let swatchLeft: Double = box.minX + sizing.em * 0.7
            let swatchRight: Double = swatchLeft + sizing.em * 2.2
            if entry.kind != .markers {
                let dash = entry.style.dash.map { $0 * sizing.lineWidth }
                canvas.polyline([Point(x: swatchLeft, y: centerY), Point(x: swatchRight, y: centerY)])
                canvas.stroke(entry.style.color, style: StrokeStyle(width: sizing.lineWidth, dash: dash, cap: .butt))
            }
            if entry.kind != .line || entry.style.showsMarkers {
                entry.style.marker.draw(on: canvas, at: Point(x: (swatchLeft + swatchRight) / 2, y: centerY),
                                        size: sizing.markerSize * 1.2, color: entry.style.color,
                                        outline: entry.style.markerOutline ?? theme.background, outlineWidth: entry.style.markerOutlineWidth)
            }
            canvas.draw(entry.label, font: sizing.legendFont, color: theme.foreground,
                        at: Point(x: swatchRight + sizing.em * 0.5, y: centerY), anchor: TextAnchor(.left, .middle))
        }
    }
}
