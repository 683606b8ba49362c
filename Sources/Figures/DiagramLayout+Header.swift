import Charts
import Drawing

/// The diagram's header: its title, then the subtitle's pieces joined with " · " and wrapped
/// to the width, so a long description of the colours never runs off the figure.
extension DiagramLayout {
    /// Sets the title and the wrapped subtitle at the top of `area`.
    ///
    /// - Returns: their texts (roles `.title` and `.subtitle`), and where what comes below
    ///   them starts.
    static func header(_ diagram: NetworkDiagram, numbers: DiagramNumbers, in area: Rect, canvas: Canvas,
                       sizing: ChartSizing, theme: Theme) -> (texts: [Text], bottom: Double) {
        var texts: [Text] = []
        var top: Double = area.minY
        if !diagram.title.isEmpty {
            let label = Label.plain(diagram.title)
            let extents = canvas.measure(label, font: sizing.titleFont)
            texts.append(Text(label: label, font: sizing.titleFont, color: theme.foreground,
                              rect: Rect(x: area.minX, y: top, width: extents.width, height: extents.height),
                              role: .title, value: nil, halo: false))
            top += max(extents.height, sizing.titleFont.size * 0.75) + sizing.gap * 1.2
        }
        for line in DiagramLayout.wrap(diagram.subtitlePieces(numbers: numbers), width: area.width,
                                       canvas: canvas, font: sizing.subtitleFont) {
            let extents = canvas.measure(line, font: sizing.subtitleFont)
            texts.append(Text(label: line, font: sizing.subtitleFont, color: theme.secondaryText,
                              rect: Rect(x: area.minX, y: top, width: extents.width, height: extents.height),
                              role: .subtitle, value: nil, halo: false))
            top += max(extents.height, sizing.subtitleFont.size * 0.75) + sizing.gap
        }
        top += sizing.gap * 2
        return (texts, top)
    }

    /// Splits " · "-joined pieces into lines no wider than `width`.
    static func wrap(_ pieces: [Label], width: Double, canvas: Canvas, font: Font) -> [Label] {
        var lines: [Label] = []
        var current: Label?
        for piece in pieces where !piece.isEmpty {
            guard let line = current else {
                current = piece
                continue
            }
            let joined = line + Label.plain(" · ") + piece
            if canvas.measure(joined, font: font).width <= width {
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
