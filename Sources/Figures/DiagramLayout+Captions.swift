import Charts
import Drawing
import NetworkEngine

extension DiagramLayout {
    /// The captions of the layers, "input a^{(0)}" over "3 neurons", measured once: their
    /// sizes decide how much room the network gets, their positions come from its geometry.
    /// Where layers stand too close for "6 neurons · sigmoid", the activation takes a line
    /// of its own.
    struct Captions {
        var lines: [(name: Label, detail: Label)]
        /// The activations on their own lines, when the captions are stacked.
        var activations: [(label: Label, extents: TextExtents)?]
        var extents: [(name: TextExtents, detail: TextExtents)]
        var nameFont: Font
        var detailFont: Font
        /// The height of the tallest name, where every detail line starts below it.
        var lineHeight: Double
        /// Name, gap and detail: the height a caption takes.
        var block: Double
        /// The widest name or detail.
        var width: Double

        /// - Parameters:
        ///   - names: the layers' own names (a spec's `labels.layers`), in place of netfig's.
        ///   - pitch: about how far apart the layers' centres will be (horizontal diagrams),
        ///     to decide whether details stack.
        init(network: Network, isBackward: Bool, names: [Label?]? = nil, canvas: Canvas, sizing: ChartSizing, pitch: Double?) {
            let em = sizing.em
            let depth = network.depth
            var lines: [(name: Label, detail: Label)] = (0...depth).map { l in
                let name: String
                if l == 0 { name = "input" } else if l == depth { name = "output" } else { name = depth > 2 ? "hidden \(l)" : "hidden" }
                let count = network.shape[l]
                var detail = "\(count) neuron\(count == 1 ? "" : "s")"
                if l > 0 { detail += " · \(network.layers[l - 1].activation.rawValue)" }
                // The backward view writes δ^{(l)} on hidden and output neurons; the captions say so.
                let symbol = (isBackward && l > 0) ? "\\delta" : "a"
                // One notation for the input everywhere: the seed's a^{(0)} is the data's x
                // ("the input neuron a^{(0)} is set to x"), and every figure says so.
                let equals = l == 0 ? " = x" : ""
                if let names, l < names.count, let own = names[l] { return (own, Label.plain(detail)) }
                return (Label("\(name) $\(symbol)^{(\(l))}\(equals)$"), Label.plain(detail))
            }
            let nameFont = sizing.axisTitleFont
            let detailFont = sizing.tickFont
            // Layers closer than their names are wide (an animation's cell): the symbols alone,
            // and under them the activation alone (the layer sizes are in the shape, 1 → 6 → 2).
            if let pitch, (lines.map { canvas.measure($0.name, font: nameFont).width }.max() ?? 0) + sizing.em > pitch {
                for l in lines.indices {
                    let symbol = (isBackward && l > 0) ? "\\delta" : "a"
                    // A layer's own name stays.
                    let named = names.map { l < $0.count && $0[l] != nil } ?? false
                    if !named { lines[l].name = Label("$\(symbol)^{(\(l))}\(l == 0 ? " = x" : "")$") }
                    lines[l].detail = l == 0 ? "" : Label.plain(network.layers[l - 1].activation.rawValue)
                }
            }
            var activations: [(label: Label, extents: TextExtents)?] = lines.map { _ in nil }
            let widest: Double = lines.map { canvas.measure($0.detail, font: detailFont).width }.max() ?? 0
            if let pitch, widest + sizing.em > pitch {
                for l in lines.indices where l > 0 {
                    let count = network.shape[l]
                    lines[l].detail = Label.plain("\(count) neuron\(count == 1 ? "" : "s")")
                    let activation = Label.plain(network.layers[l - 1].activation.rawValue)
                    activations[l] = (activation, canvas.measure(activation, font: detailFont))
                }
            }
            let extents: [(name: TextExtents, detail: TextExtents)] = lines.map { (canvas.measure($0.name, font: nameFont), canvas.measure($0.detail, font: detailFont)) }
            self.activations = activations
            self.lines = lines
            self.nameFont = nameFont
            self.detailFont = detailFont
            self.extents = extents
            lineHeight = extents.map { $0.name.height }.max() ?? em
            let detailLineHeight: Double = extents.map { $0.detail.height }.max() ?? em
            block = lineHeight + sizing.gap * 0.8 + detailLineHeight
                + (activations.contains { $0 != nil } ? detailLineHeight + sizing.gap * 0.3 : 0)
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
                if let activation = activations[l] {
                    let width: Double = activation.extents.width
                    let x: Double = geometry.horizontal ? main - width / 2 : detailRect.maxX - width
                    texts.append(Text(label: activation.label, font: detailFont, color: theme.secondaryText,
                                      rect: Rect(x: x, y: detailRect.maxY + sizing.gap * 0.3, width: width, height: activation.extents.height),
                                      role: .caption, value: nil, halo: false))
                }
            }
            return texts
        }
    }
}
