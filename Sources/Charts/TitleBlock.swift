import Drawing

/// A chart's title and subtitle, left-aligned at the top of its area.
///
/// The subtitle may come in pieces: they are joined with " · " and wrapped to the area's
/// width, a line for each run of pieces that fits, so a long description never runs off the
/// figure.
///
/// ```swift
/// let titles = TitleBlock(title: "Training", subtitle: "cost against step")
/// let placed = titles.layout(in: area, text: canvas, sizing: sizing)
/// titles.emit(placed, on: canvas, theme: .light, sizing: sizing)
/// let rest = placed.content
/// ```
public struct TitleBlock: ChartElement, Sendable {
    public var title: Label
    /// The subtitle's pieces; empty pieces are skipped.
    public var subtitlePieces: [Label]
    /// The space under the block, in multiples of the chart's gap (none without a title or subtitle).
    public var closingGap: Double

    /// A title block whose subtitle wraps at its " · " separators.
    public init(title: Label, subtitle: Label) {
        self.init(title: title, subtitlePieces: subtitle.split(separator: " · "))
    }

    /// A title block whose subtitle wraps.
    ///
    /// - Parameters:
    ///   - title: the headline.
    ///   - subtitlePieces: joined with " · ", wrapped between pieces to the area's width.
    ///   - closingGap: the space under the block, in multiples of the chart's gap.
    public init(title: Label, subtitlePieces: [Label], closingGap: Double = 1.5) {
        self.title = title
        self.subtitlePieces = subtitlePieces
        self.closingGap = closingGap
    }

    /// A line of the block and the box its ink fills (its top-left corner is where it is drawn).
    public struct Line: Sendable {
        public var label: Label
        public var rect: Rect
    }

    /// Where the title and the subtitle's lines go, and the area left below.
    public struct Layout: Sendable {
        /// The title's lines: one, or more where it is wider than the area (wrapped at spaces).
        public var title: [Line]
        public var subtitle: [Line]
        public var content: Rect
    }

    public func layout(in area: Rect, text: Measuring, sizing: ChartSizing) -> Layout {
        var top: Double = area.minY
        var titleLines: [Line] = []
        var subtitleLines: [Line] = []
        let titleWords = title.isEmpty ? [] : TitleBlock.wrap(title.split(separator: " "), joiner: " ", width: area.width, text: text, font: sizing.titleFont)
        for line in titleWords {
            let extents = text.measure(line, font: sizing.titleFont)
            titleLines.append(Line(label: line, rect: Rect(x: area.minX, y: top, width: extents.width, height: extents.height)))
            top += max(extents.height, sizing.titleFont.size * 0.75) + sizing.gap * (line == titleWords.last ? 1.2 : 0.5)
        }
        // A piece wider than the area breaks at its spaces.
        let lines = TitleBlock.wrap(subtitlePieces, width: area.width, text: text, font: sizing.subtitleFont).flatMap { line in
            text.measure(line, font: sizing.subtitleFont).width <= area.width ? [line]
                : TitleBlock.wrap(line.split(separator: " "), joiner: " ", width: area.width, text: text, font: sizing.subtitleFont)
        }
        for line in lines {
            let extents = text.measure(line, font: sizing.subtitleFont)
            subtitleLines.append(Line(label: line, rect: Rect(x: area.minX, y: top, width: extents.width, height: extents.height)))
            top += max(extents.height, sizing.subtitleFont.size * 0.75) + sizing.gap
        }
        if !titleLines.isEmpty || !subtitleLines.isEmpty { top += sizing.gap * closingGap }
        return Layout(title: titleLines, subtitle: subtitleLines,
                      content: Rect(x: area.minX, y: top, width: area.width, height: max(area.maxY - top, 1)))
    }

    public func emit(_ layout: Layout, on canvas: Canvas, theme: Theme, sizing: ChartSizing) {
        for line in layout.title {
            canvas.draw(line.label, font: sizing.titleFont, color: theme.foreground,
                        at: Point(x: line.rect.minX, y: line.rect.minY), anchor: TextAnchor(.left, .top))
        }
        for line in layout.subtitle {
            canvas.draw(line.label, font: sizing.subtitleFont, color: theme.secondaryText,
                        at: Point(x: line.rect.minX, y: line.rect.minY), anchor: TextAnchor(.left, .top))
        }
    }

    /// Splits pieces into lines joined by `joiner` (" · " between a subtitle's pieces, " "
    /// between words) no wider than `width`; a piece wider than that gets a line of its own.
    static func wrap(_ pieces: [Label], joiner: String = " · ", width: Double, text: Measuring, font: Font) -> [Label] {
        var lines: [Label] = []
        var current: Label?
        for piece in pieces where !piece.isEmpty {
            guard let line = current else {
                current = piece
                continue
            }
            let joined = line + Label.plain(joiner) + piece
            if text.measure(joined, font: font).width <= width {
                current = joined
            } else {
                lines.append(line)
                current = piece
            }
        }
        if let current { lines.append(current) }
        return lines
    }
}
