import Charts
import Drawing
import NetworkEngine

extension DiagramLayout {
    /// The captions of the layers, "input a^{(0)}" over "3 neurons", measured once: their
    /// sizes decide how much room the network gets, their positions come from its geometry.
    struct Captions {
        var lines: [(name: Label, detail: Label)]
        var extents: [(name: TextExtents, detail: TextExtents)]
        var nameFont: Font
        var detailFont: Font
        /// The height of the tallest name, where every detail line starts below it.
        var lineHeight: Double
        /// Name, gap and detail: the height a caption takes.
        var block: Double
        /// The widest name or detail.
        var width: Double

        init(network: Network, isBackward: Bool, canvas: Canvas, sizing: ChartSizing) {
            let em = sizing.em
            let depth = network.depth
            let lines: [(name: Label, detail: Label)] = (0...depth).map { l in
                let name: String
                if l == 0 { name = "input" } else if l == depth { name = "output" } else { name = depth > 2 ? "hidden \(l)" : "hidden" }
                let count = network.shape[l]
                var detail = "\(count) neuron\(count == 1 ? "" : "s")"
                if l > 0 { detail += " · \(network.layers[l - 1].activation.rawValue)" }
                // The backward view writes δ^{(l)} on hidden and output neurons; the captions say so.
                let symbol = (isBackward && l > 0) ? "\\delta" : "a"
                return (Label("\(name) $\(symbol)^{(\(l))}$"), Label.plain(detail))
            }
            let nameFont = sizing.axisTitleFont
            let detailFont = sizing.tickFont
            let extents: [(name: TextExtents, detail: TextExtents)] = lines.map { (canvas.measure($0.name, font: nameFont), canvas.measure($0.detail, font: detailFont)) }
            self.lines = lines
            self.nameFont = nameFont
            self.detailFont = detailFont
            self.extents = extents
            lineHeight = extents.map { $0.name.height }.max() ?? em
            let detailLineHeight: Double = extents.map { $0.detail.height }.max() ?? em
            block = lineHeight + sizing.gap * 0.8 + detailLineHeight
            width = extents.map { max($0.name.width, $0.detail.width) }.max() ?? 0
        }

        /// The captions under each layer (horizontal) or to its left (vertical).
        func texts(_ geometry: Geometry, sizing: ChartSizing, theme: Theme) -> [Text] {
            let rect = geometry.rect
            var texts: [Text] = []
            for l in lines.indices {
                let main: Double = geometry.main(l)
                let (nameExtents, detailExtents) = extents[l]
                let nameRect: Rect
                let detailRect: Rect
                if geometry.horizontal {
                    let y: Double = rect.maxY + sizing.gap * 2
                    nameRect = Rect(x: main - nameExtents.width / 2, y: y, width: nameExtents.width, height: nameExtents.height)
                    detailRect = Rect(x: main - detailExtents.width / 2, y: y + lineHeight + sizing.gap * 0.8,
                                      width: detailExtents.width, height: detailExtents.height)
                } else {
                    let right: Double = rect.minX - sizing.gap * 3
                    let y: Double = main - block / 2
                    nameRect = Rect(x: right - nameExtents.width, y: y, width: nameExtents.width, height: nameExtents.height)
                    detailRect = Rect(x: right - detailExtents.width, y: y + lineHeight + sizing.gap * 0.8,
                                      width: detailExtents.width, height: detailExtents.height)
                }
                texts.append(Text(label: lines[l].name, font: nameFont, color: theme.foreground, rect: nameRect,
                                  role: .caption, value: nil, halo: false))
                texts.append(Text(label: lines[l].detail, font: detailFont, color: theme.secondaryText, rect: detailRect,
                                  role: .caption, value: nil, halo: false))
            }
            return texts
        }
    }
}
