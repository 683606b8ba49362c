import Charts
import Drawing

/// Notes: what the diagram could not show, one line each at the bottom of the figure.
extension DiagramLayout {
    /// The height of one note line.
    static func noteHeight(_ sizing: ChartSizing) -> Double { sizing.noteFont.size * 1.35 }

    /// How far down the rest of the diagram may reach when `noteLines` lines are kept free
    /// for notes under it.
    static func bottom(of area: Rect, noteLines: Int, sizing: ChartSizing) -> Double {
        let noteHeight: Double = DiagramLayout.noteHeight(sizing)
        return area.maxY - (noteLines > 0 ? noteHeight * Double(noteLines) + sizing.gap : 0)
    }

    /// The first `lines` notes as texts, in the lines kept free at the bottom of `area`.
    static func noteTexts(_ notes: [String], lines: Int, in area: Rect, canvas: Canvas,
                          sizing: ChartSizing, theme: Theme) -> [Text] {
        let noteHeight: Double = DiagramLayout.noteHeight(sizing)
        var noteY: Double = area.maxY - noteHeight * Double(max(lines, 0))
        var texts: [Text] = []
        guard lines > 0 else { return texts }
        for note in notes.prefix(lines) {
            let label = Label(note)
            let extents = canvas.measure(label, font: sizing.noteFont)
            texts.append(Text(label: label, font: sizing.noteFont, color: theme.secondaryText,
                              rect: Rect(x: area.minX, y: noteY + (noteHeight - extents.height) / 2,
                                         width: extents.width, height: extents.height),
                              role: .note, value: nil, halo: false))
            noteY += noteHeight
        }
        return texts
    }
}
