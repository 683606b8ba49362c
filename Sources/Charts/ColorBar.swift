import Drawing

/// A vertical colour bar: the colour scale as a strip, ticks and labels on its right, and
/// an optional title rotated beside them.
///
/// ```swift
/// let bar = ColorBar(colors: scale, title: "cost $C$")
/// let width = bar.width(forHeight: 400, text: canvas, sizing: sizing)   // to reserve room
/// let placed = bar.layout(in: Rect(x: 700, y: 50, width: width, height: 400), text: canvas, sizing: sizing)
/// bar.emit(placed, on: canvas, theme: .light, sizing: sizing)
/// ```
public struct ColorBar: ChartElement, Sendable {
    public var colors: ColorScale
    public var title: Label

    public init(colors: ColorScale, title: Label = "") {
        self.colors = colors
        self.title = title
    }

    func barWidth(_ sizing: ChartSizing) -> Double { sizing.em * 1.1 }

    /// The ticks a bar of this height gets.
    public func ticks(height: Double, sizing: ChartSizing) -> [Tick] {
        let count = Axes.yTickCount(height, sizing: sizing)
        return Scale(kind: colors.kind, domain: colors.domain).ticks(count: count)
    }

    /// How wide the bar, its labels and its title are at this height.
    public func width(forHeight height: Double, text: Measuring, sizing: ChartSizing) -> Double {
        let labels = ticks(height: height, sizing: sizing).filter { !$0.label.isEmpty }
        let labelWidth: Double = labels.map { text.measure($0.label, font: sizing.tickFont).width }.max() ?? 0
        let titleHeight: Double = title.isEmpty ? 0 : text.measure(title, font: sizing.axisTitleFont).height + sizing.gap * 2
        return barWidth(sizing) + sizing.tickLength + sizing.gap + labelWidth + titleHeight
    }

    /// The strip on the device pixel grid, its ticks and the widest label.
    public struct Layout: Sendable {
        /// The room given: strip, ticks, labels and title.
        public var rect: Rect
        /// The colour strip; nil when the rectangle leaves no whole pixel for it.
        public var bar: Rect?
        public var pixelWidth: Int
        public var pixelHeight: Int
        public var ticks: [Tick]
        public var labelWidth: Double
    }

    public func layout(in rect: Rect, text: Measuring, sizing: ChartSizing) -> Layout {
        let scale = text.deviceScale
        let snappedLeft: Double = (rect.minX * scale).rounded() / scale
        let bar = Rect(x: snappedLeft, y: rect.minY, width: (barWidth(sizing) * scale).rounded() / scale, height: rect.height)
        let pixelWidth = Int((bar.width * scale).rounded())
        let pixelHeight = Int((bar.height * scale).rounded())
        let ticks = self.ticks(height: rect.height, sizing: sizing)
        let labelWidth: Double = ticks.filter { !$0.label.isEmpty }
            .reduce(0) { max($0, text.measure($1.label, font: sizing.tickFont).width) }
        // A chart squeezed below its margins has no room for a bar: draw none rather than fail.
        let fits = pixelWidth > 0 && pixelHeight > 0
        return Layout(rect: rect, bar: fits ? bar : nil, pixelWidth: pixelWidth, pixelHeight: pixelHeight, ticks: ticks, labelWidth: labelWidth)
    }

    public func emit(_ layout: Layout, on canvas: Canvas, theme: Theme, sizing: ChartSizing) {
        guard let bar = layout.bar else { return }
        var image = RGBAImage(width: layout.pixelWidth, height: layout.pixelHeight)
        for row in 0..<layout.pixelHeight {
            let t: Double = 1 - (Double(row) + 0.5) / Double(layout.pixelHeight)
            let color = colors.map.color(at: t)
            for column in 0..<layout.pixelWidth { image[column, row] = color }
        }
        canvas.drawImage(image, in: bar)
        canvas.rectangle(bar)
        canvas.stroke(theme.axis, style: StrokeStyle(width: sizing.axisWidth))

        let position = Scale(kind: colors.kind, domain: colors.domain, start: bar.maxY, end: bar.minY)
        for tick in layout.ticks {
            let py: Double = position.position(of: tick.value)
            let length: Double = tick.isMajor ? sizing.tickLength : sizing.minorTickLength
            canvas.polyline([Point(x: bar.maxX, y: py), Point(x: bar.maxX + length, y: py)])
        }
        canvas.stroke(theme.axis, style: StrokeStyle(width: sizing.axisWidth))
        for tick in layout.ticks where !tick.label.isEmpty {
            let py: Double = position.position(of: tick.value)
            canvas.draw(tick.label, font: sizing.tickFont, color: theme.foreground,
                        at: Point(x: bar.maxX + sizing.tickLength + sizing.gap, y: py), anchor: TextAnchor(.left, .middle))
        }
        if !title.isEmpty {
            let left: Double = bar.maxX + sizing.tickLength + sizing.gap + layout.labelWidth + sizing.gap * 2
            canvas.draw(title, font: sizing.axisTitleFont, color: theme.foreground,
                        at: Point(x: left, y: bar.midY), anchor: TextAnchor(.center, .top), rotation: -Double.pi / 2)
        }
    }
}
