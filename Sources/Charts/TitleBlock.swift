import Drawing

/// A chart's title and subtitle, left-aligned at the top of its area.
///
/// ```swift
/// let titles = TitleBlock(title: "Training", subtitle: "cost against step")
/// let placed = titles.layout(in: area, text: canvas, sizing: sizing)
/// titles.emit(placed, on: canvas, theme: .light, sizing: sizing)
/// let rest = placed.content
/// ```
public struct TitleBlock: ChartElement, Sendable {
    public var title: Label
    public var subtitle: Label

    public init(title: Label, subtitle: Label) {
        self.title = title
        self.subtitle = subtitle
    }

    /// Where the title and subtitle go (their top-left corners), and the area left below.
    public struct Layout: Sendable {
        public var title: Point?
        public var subtitle: Point?
        public var content: Rect
    }

    public func layout(in area: Rect, text: Measuring, sizing: ChartSizing) -> Layout {
        var top: Double = area.minY
        var titleOrigin: Point?
        var subtitleOrigin: Point?
        if !title.isEmpty {
            let extents = text.measure(title, font: sizing.titleFont)
            titleOrigin = Point(x: area.minX, y: top)
            top += max(extents.height, sizing.titleFont.size * 0.75) + sizing.gap * 1.2
        }
        if !subtitle.isEmpty {
            let extents = text.measure(subtitle, font: sizing.subtitleFont)
            subtitleOrigin = Point(x: area.minX, y: top)
            top += max(extents.height, sizing.subtitleFont.size * 0.75) + sizing.gap
        }
        if !title.isEmpty || !subtitle.isEmpty { top += sizing.gap * 1.5 }
        return Layout(title: titleOrigin, subtitle: subtitleOrigin,
                      content: Rect(x: area.minX, y: top, width: area.width, height: max(area.maxY - top, 1)))
    }

    public func emit(_ layout: Layout, on canvas: Canvas, theme: Theme, sizing: ChartSizing) {
        if let origin = layout.title {
            canvas.draw(title, font: sizing.titleFont, color: theme.foreground, at: origin, anchor: TextAnchor(.left, .top))
        }
        if let origin = layout.subtitle {
            canvas.draw(subtitle, font: sizing.subtitleFont, color: theme.secondaryText, at: origin, anchor: TextAnchor(.left, .top))
        }
    }
}
