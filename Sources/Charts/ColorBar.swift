import Drawing

/// A vertical colour bar with ticks and labels from the same tick code as the axes.
///
/// ```swift
/// let bar = ColorBar(colors: scale, title: "cost $C$")
/// let width = bar.width(on: canvas, height: plot.height, sizing: sizing)
/// bar.draw(on: canvas, in: Rect(x: plot.maxX + 20, y: plot.minY, width: width, height: plot.height),
///          theme: theme, sizing: sizing)
/// ```
public struct ColorBar: Sendable {
    public var colors: ColorScale
    public var title: Label

    public init(colors: ColorScale, title: Label = "") {
        self.colors = colors
        self.title = title
    }

    func barWidth(_ sizing: ChartSizing) -> Double { sizing.em * 1.1 }

    /// Ticks for a bar of a given height.
    public func ticks(height: Double, sizing: ChartSizing) -> [Tick] {
        let count = Axes.yTickCount(height, sizing: sizing)
        return Scale(kind: colors.kind, domain: colors.domain).ticks(count: count)
    }

    /// The total width: bar, ticks, labels and the title beside them.
    public func width(on canvas: Canvas, height: Double, sizing: ChartSizing) -> Double {
        let labels = ticks(height: height, sizing: sizing).filter { !$0.label.isEmpty }
        let labelWidth: Double = labels.map { canvas.measure($0.label, font: sizing.tickFont).width }.max() ?? 0
        let titleHeight: Double = title.isEmpty ? 0 : canvas.measure(title, font: sizing.axisTitleFont).height + sizing.gap * 2
        return barWidth(sizing) + sizing.tickLength + sizing.gap + labelWidth + titleHeight
    }

    /// Draws the bar at the left of `rect`, labels to its right, the title along the right edge.
    public func draw(on canvas: Canvas, in rect: Rect, theme: Theme, sizing: ChartSizing) {
        let scale = canvas.deviceScale
        let snappedLeft: Double = (rect.minX * scale).rounded() / scale
        let bar = Rect(x: snappedLeft, y: rect.minY, width: (barWidth(sizing) * scale).rounded() / scale, height: rect.height)
        let pixelWidth = Int((bar.width * scale).rounded())
        let pixelHeight = Int((bar.height * scale).rounded())
        // A chart squeezed below its margins has no room for a bar: draw none rather than fail.
        guard pixelWidth > 0, pixelHeight > 0 else { return }
        var image = RGBAImage(width: pixelWidth, height: pixelHeight)
        for row in 0..<pixelHeight {
            let t: Double = 1 - (Double(row) + 0.5) / Double(pixelHeight)
            let color = colors.map.color(at: t)
            for column in 0..<pixelWidth { image[column, row] = color }
        }
        canvas.drawImage(image, in: bar)
        canvas.rectangle(bar)
        canvas.stroke(theme.axis, style: StrokeStyle(width: sizing.axisWidth))

        let position = Scale(kind: colors.kind, domain: colors.domain, start: bar.maxY, end: bar.minY)
        let ticks = self.ticks(height: rect.height, sizing: sizing)
        for tick in ticks {
            let py: Double = position.position(of: tick.value)
            let length: Double = tick.isMajor ? sizing.tickLength : sizing.minorTickLength
            canvas.polyline([Point(x: bar.maxX, y: py), Point(x: bar.maxX + length, y: py)])
        }
        canvas.stroke(theme.axis, style: StrokeStyle(width: sizing.axisWidth))
        var labelWidth: Double = 0
        for tick in ticks where !tick.label.isEmpty {
            let py: Double = position.position(of: tick.value)
            labelWidth = max(labelWidth, canvas.measure(tick.label, font: sizing.tickFont).width)
            canvas.draw(tick.label, font: sizing.tickFont, color: theme.foreground,
                        at: Point(x: bar.maxX + sizing.tickLength + sizing.gap, y: py), anchor: TextAnchor(.left, .middle))
        }
        if !title.isEmpty {
            let left: Double = bar.maxX + sizing.tickLength + sizing.gap + labelWidth + sizing.gap * 2
            canvas.draw(title, font: sizing.axisTitleFont, color: theme.foreground,
                        at: Point(x: left, y: bar.midY), anchor: TextAnchor(.center, .top), rotation: -Double.pi / 2)
        }
    }
}
