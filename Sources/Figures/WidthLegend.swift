import Charts
import Drawing

/// The legend for stroke width: a few line samples, each with the magnitude it stands for,
/// and (for greyscale print) a dashed sample for negative values.
///
/// - Parameters:
///   - title: e.g. "width: $|w|$".
///   - samples: label and stroke width per row, thickest first.
///   - dashedNegative: add a dashed row saying negative values are dashed.
///   - dash: the dash pattern of that row, in multiples of its width.
///
/// ```swift
/// let legend = WidthLegend(title: "width: $|w|$", samples: [("6", 5), ("3", 2.8)], dashedNegative: false)
/// let size = legend.size(text: canvas, sizing: sizing)
/// let placed = legend.layout(in: Rect(x: 800, y: 300, width: size.width, height: size.height), text: canvas, sizing: sizing)
/// legend.emit(placed, on: canvas, theme: .light, sizing: sizing)
/// ```
struct WidthLegend: ChartElement, Sendable {
    var title: Label
    var samples: [(label: Label, width: Double)]
    var dashedNegative: Bool
    var negativeLabel: Label = "negative"
    var dash: [Double] = [2.5, 1.6]

    func rowHeight(_ sizing: ChartSizing) -> Double {
        max(sizing.em * 1.45, (samples.map(\.width).max() ?? 0) + sizing.em * 0.5)
    }

    func sampleLength(_ sizing: ChartSizing) -> Double { sizing.em * 2.6 }

    private var rows: [(label: Label, width: Double, dashed: Bool)] {
        var rows = samples.map { (label: $0.label, width: $0.width, dashed: false) }
        if dashedNegative, let middle = samples.dropFirst().first ?? samples.first {
            rows.append((label: negativeLabel, width: middle.width, dashed: true))
        }
        return rows
    }

    /// Width and height of the legend.
    func size(text: Measuring, sizing: ChartSizing) -> (width: Double, height: Double) {
        let titleExtents = text.measure(title, font: sizing.axisTitleFont)
        let labelWidth: Double = rows.map { text.measure($0.label, font: sizing.legendFont).width }.max() ?? 0
        let rowsWidth: Double = sampleLength(sizing) + sizing.gap * 1.5 + labelWidth
        let height: Double = titleExtents.height + sizing.gap * 1.5 + rowHeight(sizing) * Double(rows.count)
        return (max(titleExtents.width, rowsWidth), height)
    }

    /// Where the legend starts (its title's top-left corner), and where its rows start below
    /// the title.
    struct Layout: Sendable {
        var origin: Point
        var rowsTop: Double
    }

    func layout(in rect: Rect, text: Measuring, sizing: ChartSizing) -> Layout {
        let titleExtents = text.measure(title, font: sizing.axisTitleFont)
        return Layout(origin: Point(x: rect.minX, y: rect.minY), rowsTop: rect.minY + titleExtents.height + sizing.gap * 1.5)
    }

    func emit(_ layout: Layout, on canvas: Canvas, theme: Theme, sizing: ChartSizing) {
        let origin = layout.origin
        canvas.draw(title, font: sizing.axisTitleFont, color: theme.foreground, at: origin, anchor: TextAnchor(.left, .top))
        let top: Double = layout.rowsTop
        let height = rowHeight(sizing)
        for (index, row) in rows.enumerated() {
            let y: Double = top + height * (Double(index) + 0.5)
            canvas.polyline([Point(x: origin.x, y: y), Point(x: origin.x + sampleLength(sizing), y: y)])
            let pattern: [Double] = row.dashed ? dash.map { $0 * max(row.width, 1) } : []
            canvas.stroke(theme.foreground, style: StrokeStyle(width: row.width, dash: pattern, cap: .butt))
            canvas.draw(row.label, font: sizing.legendFont, color: theme.foreground,
                        at: Point(x: origin.x + sampleLength(sizing) + sizing.gap * 1.5, y: y),
                        anchor: TextAnchor(.left, .middle))
        }
    }
}
