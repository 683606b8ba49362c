import Charts
import Drawing

/// Labels on edges and biases: the seed's symbols or the numbers, each placed where it is
/// clear of the others and of the circles, or left out and counted in a note.
extension DiagramLayout {
    /// How edge and bias labels are set.
    struct LabelStyle {
        var font: Font
        var color: Color
        /// Space between the text and its halo's edge.
        var pad: Double
        /// The chart's gap between a label and what it labels.
        var gap: Double
    }

    /// The bias labels, then the edge labels, each along its own edge; none when the diagram
    /// shows no labels.
    ///
    /// - Returns: the texts placed, and notes on what was left out.
    static func labels(_ m: Measures, edges: [Edge], biases: [Bias], canvas: Canvas, theme: Theme,
                       placer: inout Placement) -> (texts: [Text], notes: [String]) {
        guard m.labelsShown else { return ([], []) }
        let em = m.sizing.em
        let style = LabelStyle(font: Font.sans(size: em * 0.95), color: theme.foreground, pad: em * 0.14, gap: m.sizing.gap)
        var texts: [Text] = []
        var notes: [String] = []
        if m.diagram.showsBiases {
            let placed = biasLabels(biases, diagram: m.diagram, canvas: canvas, style: style, placer: &placer)
            texts += placed.texts
            notes += placed.notes
        }
        let placed = edgeLabels(edges, diagram: m.diagram, canvas: canvas, style: style, placer: &placer)
        texts += placed.texts
        notes += placed.notes
        return (texts, notes)
    }

    /// Places a label beside each bias badge: to its right, above it, or above the circle.
    ///
    /// - Returns: the texts placed, and a note when some found no free spot.
    static func biasLabels(_ biases: [Bias], diagram: NetworkDiagram, canvas: Canvas, style: LabelStyle,
                           placer: inout Placement) -> (texts: [Text], notes: [String]) {
        let format = ValueFormat(digits: diagram.precision)
        var texts: [Text] = []
        for bias in biases {
            let single = diagram.network.shape[bias.layer] == 1
            let label: Label = diagram.labels == .values
                ? format.label(bias.value)
                : .math(DiagramNotation.neuron("b", layer: bias.layer, index: bias.index + 1, single: single))
            let extents = canvas.measure(label, font: style.font)
            let w: Double = extents.width + 2 * style.pad
            let h: Double = extents.height + 2 * style.pad
            let g: Double = style.gap * 0.5
            let badge = bias.rect
            let candidates = [
                Point(x: badge.maxX + g + w / 2, y: badge.midY),
                Point(x: badge.midX, y: badge.minY - g - h / 2),
                Point(x: badge.maxX + g + w / 2, y: badge.minY - h / 2),
                Point(x: badge.minX - g - w / 2, y: badge.minY - g - h / 2),
                Point(x: badge.maxX + g + w / 2, y: badge.maxY + g + h / 2),
                // Above the circle, left of the badge: where the last layer has room.
                Point(x: badge.minX - g - w / 2, y: bias.center.y - bias.radius - g - h / 2),
                Point(x: badge.minX - g - w / 2, y: badge.minY - g - h / 2 - bias.radius * 0.3),
            ]
            if let box = placer.place(width: w, height: h, centers: candidates) {
                texts.append(Text(label: label, font: style.font, color: style.color, rect: box.inset(by: style.pad),
                                  role: .bias, value: diagram.labels == .values ? bias.value : nil, halo: true))
            }
        }
        let dropped = biases.count - texts.count
        let notes = dropped > 0 ? ["Bias labels: \(texts.count) of \(biases.count) shown; the rest found no free spot."] : []
        return (texts, notes)
    }

    /// Places a label on each edge, at the first spot along it (middle first) that is clear of
    /// other labels, of the circles, and of every other edge, so it cannot be read as another
    /// edge's label. Layers with more than `maxLabelledEdges` drawn edges get none.
    ///
    /// - Returns: the texts placed, and notes on what was left out.
    static func edgeLabels(_ edges: [Edge], diagram: NetworkDiagram, canvas: Canvas, style: LabelStyle,
                           placer: inout Placement) -> (texts: [Text], notes: [String]) {
        let format = ValueFormat(digits: diagram.precision)
        let backward: Bool
        if case .gradients = diagram.coloring { backward = true } else { backward = false }
        let along: [Double] = [0.5, 0.36, 0.64, 0.44, 0.56, 0.28, 0.72, 0.22, 0.78, 0.4, 0.6, 0.32, 0.68, 0.18, 0.82]
        var texts: [Text] = []
        var total = 0
        var crowdedLayers: [Int] = []
        for l in 1...max(diagram.network.depth, 1) {
            let layerEdges = edges.filter { $0.layer == l }
            if layerEdges.count > maxLabelledEdges {
                crowdedLayers.append(l)
                continue
            }
            // In values mode the largest numbers get the first pick of the free spots.
            let ordered = layerEdges.sorted { a, b in
                let (x, y) = (abs(a.value), abs(b.value))
                if diagram.labels == .values && x != y { return x > y }
                return (a.row, a.column) < (b.row, b.column)
            }
            let single = diagram.network.layers[l - 1].W.values.count == 1
            for edge in ordered {
                total += 1
                let label: Label = diagram.labels == .values
                    ? format.label(edge.value)
                    : .math(DiagramNotation.weight(layer: l, row: edge.row + 1, column: edge.column + 1, single: single))
                let extents = canvas.measure(label, font: style.font)
                let w: Double = extents.width + 2 * style.pad
                let h: Double = extents.height + 2 * style.pad
                let dx: Double = edge.to.x - edge.from.x
                let dy: Double = edge.to.y - edge.from.y
                var points = along.map { t in Point(x: edge.from.x + t * dx, y: edge.from.y + t * dy) }
                if layerEdges.count == 1 {
                    // A lone edge is labelled beside the line, as the seed's first picture
                    // does, rather than breaking it with a halo.
                    let length: Double = max((dx * dx + dy * dy).squareRoot(), 1e-9)
                    var normal = Point(x: dy / length, y: -dx / length)
                    if normal.y > 0 || (normal.y == 0 && normal.x < 0) { normal = Point(x: -normal.x, y: -normal.y) }
                    let offset: Double = abs(normal.x) * w / 2 + abs(normal.y) * h / 2 + edge.width / 2 + style.gap * 0.5
                    points.insert(Point(x: edge.midpoint.x + normal.x * offset, y: edge.midpoint.y + normal.y * offset), at: 0)
                }
                let others = edges.filter { !($0.layer == edge.layer && $0.row == edge.row && $0.column == edge.column) }
                let clear: (Rect) -> Bool = { box in
                    !others.contains { Placement.segment(from: $0.from, to: $0.to, crosses: box.inset(by: -$0.width / 2)) }
                }
                if let box = placer.place(width: w, height: h, centers: points, allowed: clear) {
                    texts.append(Text(label: label, font: style.font, color: style.color, rect: box.inset(by: style.pad),
                                      role: .edge, value: diagram.labels == .values ? edge.value : nil, halo: true))
                }
            }
        }
        var notes: [String] = []
        if texts.count < total {
            notes.append("\(backward ? "Gradient" : "Weight") labels: \(texts.count) of \(total) shown; the rest found no spot along their edges clear of other edges.")
        }
        if !crowdedLayers.isEmpty {
            let names = crowdedLayers.map { "W\($0)" }.joined(separator: ", ")
            notes.append("No \(backward ? "gradient" : "weight") labels on \(names): more than \(maxLabelledEdges) edges are too many to label.")
        }
        return (texts, notes)
    }
}
