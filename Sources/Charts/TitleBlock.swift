import Drawing

/// A chart's title and subtitle, left-aligned at the top.
public struct TitleBlock: Sendable {
    public var title: Label
    public var subtitle: Label

    public init(title: Label, subtitle: Label) {
        self.title = title
        self.subtitle = subtitle
    }

    /// Draws the block (when `draw` is true) and returns the area left below it.
    @discardableResult
    public func layout(on canvas: Canvas, in area: Rect, theme: Theme, sizing: ChartSizing, draw: Bool) -> Rect {
        var top: Double = area.minY
        if !title.isEmpty {
            let extents = canvas.measure(title, font: sizing.titleFont)
            if draw {
                canvas.draw(title, font: sizing.titleFont, color: theme.foreground,
                            at: Point(x: area.minX, y: top), anchor: TextAnchor(.left, .top))
            }
            top += max(extents.height, sizing.titleFont.size * 0.75) + sizing.gap * 1.2
        }
        if !subtitle.isEmpty {
            let extents = canvas.measure(subtitle, font: sizing.subtitleFont)
            if draw {
                canvas.draw(subtitle, font: sizing.subtitleFont, color: theme.secondaryText,
                            at: Point(x: area.minX, y: top), anchor: TextAnchor(.left, .top))
            }
            top += max(extents.height, sizing.subtitleFont.size * 0.75) + sizing.gap
        }
        if !title.isEmpty || !subtitle.isEmpty { top += sizing.gap * 1.5 }
        return Rect(x: area.minX, y: top, width: area.width, height: max(area.maxY - top, 1))
    }
}
