import Charts
import Drawing

extension DiagramLayout {
    /// The diagram's header: a `TitleBlock` whose subtitle says what the colours and widths
    /// stand for, in " · "-joined pieces wrapped to the width.
    ///
    /// Its lines are recorded as texts (roles `.title` and `.subtitle`), which the renderer
    /// draws with the rest and tests read. The closing gap is two gaps, not a chart's one and
    /// a half: the label placer may put a bias or edge label right at the top of what the
    /// header leaves. The subtitle always has a piece (what the edges show), so that gap is
    /// always there.
    ///
    /// - Returns: the header's texts, and where what comes below them starts.
    static func header(_ diagram: NetworkDiagram, numbers: DiagramNumbers, in area: Rect, canvas: Canvas,
                       sizing: ChartSizing, theme: Theme) -> (texts: [Text], bottom: Double) {
        let block = TitleBlock(title: diagram.title, subtitlePieces: diagram.subtitlePieces(numbers: numbers),
                               closingGap: 2)
        let placed = block.layout(in: area, text: canvas, sizing: sizing)
        var texts: [Text] = []
        for line in placed.title {
            texts.append(Text(label: line.label, font: sizing.titleFont, color: theme.foreground, rect: line.rect,
                              role: .title, value: nil, halo: false))
        }
        for line in placed.subtitle {
            texts.append(Text(label: line.label, font: sizing.subtitleFont, color: theme.secondaryText, rect: line.rect,
                              role: .subtitle, value: nil, halo: false))
        }
        return (texts, placed.content.minY)
    }
}
