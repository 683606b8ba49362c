import Charts
import Drawing

/// Neurons, elided runs of neurons, edges and bias badges: the network itself, placed on
/// its geometry, each reserved in the label placer so labels keep clear of it.
extension DiagramLayout {
    /// An edge's stroke width, growing with |value| up to the largest edge's (or `--weight-range`).
    struct EdgeStroke {
        var minWidth: Double
        var maxWidth: Double
        var magnitude: Double

        init(em: Double, radius: Double, magnitude: Double) {
            minWidth = max(0.75, em * 0.06)
            maxWidth = max(minWidth * 2, min(em * 0.6, radius * 0.5))
            self.magnitude = magnitude
        }

        func width(_ value: Double) -> Double {
            let t: Double = min(abs(value) / magnitude, 1)
            return minWidth + (maxWidth - minWidth) * (t.isFinite ? t : 0)
        }
    }

    /// The neurons' circles with their labels, and "⋮ 12 more" where a layer is elided.
    ///
    /// - Returns: the circles, the texts in them and beside them, and each shown neuron's
    ///   centre by layer, for the edges and badges.
    static func neurons(_ m: Measures, _ geometry: Geometry, canvas: Canvas, theme: Theme, placer: inout Placement)
        -> (neurons: [Neuron], texts: [Text], centers: [[Int: Point]]) {
        let em = m.sizing.em
        let textOnLight = Color(hex: 0x1F1F1F)
        let textOnDark = Color(hex: 0xF5F5F5)
        let radius = geometry.radius
        var neurons: [Neuron] = []
        var texts: [Text] = []
        var centers: [[Int: Point]] = Array(repeating: [:], count: m.slots.count)
        for l in m.slots.indices {
            let main: Double = geometry.main(l)
            let count = m.slots[l].slots.count
            for (s, slot) in m.slots[l].slots.enumerated() {
                let cross: Double = geometry.crossCenter + (Double(s) - Double(count - 1) / 2) * geometry.pitch
                let center = geometry.point(main: main, cross: cross)
                switch slot {
                case .neuron(let i):
                    centers[l][i] = center
                    let fill: Color
                    if let neuronScale = m.neuronScale, let value = m.numbers.neurons?[l][i] {
                        fill = neuronScale.color(for: value)
                    } else {
                        fill = l == 0 ? theme.grid : theme.background
                    }
                    // A feature's plot only where its formula stands beside it (inputs of a
                    // horizontal diagram), since the plot takes the label's place.
                    let showsFunction = m.diagram.neuronFunctions?.layersDrawn.contains(l) == true && (l > 0 || m.sideNames[s] != nil)
                    neurons.append(Neuron(layer: l, index: i, center: center, radius: radius, fill: fill,
                                          outline: theme.foreground, outlineWidth: max(1, em * (l == 0 ? 0.1 : 0.14)),
                                          showsFunction: showsFunction))
                    placer.claim(circle: center, radius: radius)
                    if l == 0, let name = m.sideNames[s] {
                        // Beside the circle, at the neuron labels' full size: what the input is.
                        let extents = canvas.measure(name, font: m.neuronFont)
                        let rect = Rect(x: center.x - radius - m.sizing.gap * 1.5 - extents.width, y: center.y - extents.height / 2,
                                        width: extents.width, height: extents.height)
                        texts.append(Text(label: name, font: m.neuronFont, color: theme.foreground, rect: rect,
                                          role: .neuron, value: nil, halo: false))
                        placer.claim(rect)
                    }
                    if geometry.neuronLabelsShown, !showsFunction, let label = m.neuronLabels[l][s] {
                        let extents = canvas.measure(label, font: geometry.neuronFont)
                        let ink = fill.luminance > 0.45 ? textOnLight : textOnDark
                        texts.append(Text(label: label, font: geometry.neuronFont, color: ink,
                                          rect: Rect(x: center.x - extents.width / 2, y: center.y - extents.height / 2,
                                                     width: extents.width, height: extents.height),
                                          role: .neuron, value: m.diagram.neuronValue(layer: l, index: i, numbers: m.numbers), halo: false))
                    }
                case .ellipsis(let hidden):
                    texts += ellipsis(hidden: hidden, at: center, m, geometry, canvas: canvas, theme: theme, placer: &placer)
                }
            }
        }
        return (neurons, texts, centers)
    }

    /// "⋮" where a layer's middle neurons are left out, and how many beside it.
    static func ellipsis(hidden: Int, at center: Point, _ m: Measures, _ geometry: Geometry, canvas: Canvas, theme: Theme,
                         placer: inout Placement) -> [Text] {
        let sizing = m.sizing
        let dots = Label.plain(geometry.horizontal ? "⋮" : "⋯")
        let dotsExtents = canvas.measure(dots, font: geometry.ellipsisFont)
        let dotsRect = Rect(x: center.x - dotsExtents.width / 2, y: center.y - dotsExtents.height / 2,
                            width: dotsExtents.width, height: dotsExtents.height)
        let dotsText = Text(label: dots, font: geometry.ellipsisFont, color: theme.foreground, rect: dotsRect,
                            role: .ellipsis, value: nil, halo: false)
        placer.claim(dotsRect)
        let countFont = m.countFont
        let countLabel = Label.plain("\(hidden) more")
        let countExtents = canvas.measure(countLabel, font: countFont)
        let countRect: Rect
        if geometry.horizontal {
            countRect = Rect(x: dotsRect.maxX + sizing.gap, y: center.y - countExtents.height / 2,
                             width: countExtents.width, height: countExtents.height)
        } else {
            // Below the row's circles, not only below the dots: a count wider than the gap
            // between two circles would otherwise run across its neighbours.
            let top: Double = max(dotsRect.maxY + sizing.gap * 0.6, center.y + geometry.radius + sizing.gap * 0.3)
            countRect = Rect(x: center.x - countExtents.width / 2, y: top, width: countExtents.width, height: countExtents.height)
        }
        let countText = Text(label: countLabel, font: countFont, color: theme.secondaryText, rect: countRect,
                             role: .ellipsis, value: nil, halo: true)
        placer.claim(countRect)
        return [dotsText, countText]
    }

    /// Every edge between shown neurons, coloured by value on the diverging scale and
    /// stroked wider as |value| grows; light first, heavy on top.
    static func edges(_ m: Measures, centers: [[Int: Point]], stroke: EdgeStroke) -> [Edge] {
        let dashPattern: [Double] = [2.6, 1.7]
        let architecture = m.diagram.coloring == .architecture
        var edges: [Edge] = []
        for l in 1...m.diagram.network.depth {
            for i in m.slots[l].shownNeurons {
                for j in m.slots[l - 1].shownNeurons {
                    guard let from = centers[l - 1][j], let to = centers[l][i] else { continue }
                    guard !architecture else {
                        // Every connection alike: no weight to show.
                        edges.append(Edge(layer: l, row: i, column: j, from: from, to: to, value: 0,
                                          color: m.architectureEdge, width: stroke.minWidth * 1.8, dash: []))
                        continue
                    }
                    let value: Double = m.numbers.edges[l - 1][i, j]
                    let width = stroke.width(value)
                    let dash: [Double] = (m.dashesNegative && value < 0) ? dashPattern.map { $0 * max(width, 1.2) } : []
                    edges.append(Edge(layer: l, row: i, column: j, from: from, to: to, value: value,
                                      color: m.edgeScale.color(for: value), width: width, dash: dash))
                }
            }
        }
        // Ties in a fixed order so reruns are identical.
        edges.sort { a, b in
            let (x, y) = (abs(a.value), abs(b.value))
            if x != y { return x < y }
            return (a.layer, a.row, a.column) < (b.layer, b.row, b.column)
        }
        return edges
    }

    /// A bias badge on the upper right of each shown neuron past the input layer.
    static func biases(_ m: Measures, centers: [[Int: Point]], radius: Double, placer: inout Placement) -> [Bias] {
        let em = m.sizing.em
        let side: Double = min(em * 0.85, radius * 0.75)
        var biases: [Bias] = []
        for l in 1...m.diagram.network.depth {
            for i in m.slots[l].shownNeurons {
                guard let center = centers[l][i] else { continue }
                let reach: Double = (radius + side * 0.25) * 0.7071
                let badge = Rect(x: center.x + reach - side / 2, y: center.y - reach - side / 2, width: side, height: side)
                let value: Double = m.numbers.biases[l - 1][i]
                biases.append(Bias(layer: l, index: i, center: center, radius: radius, rect: badge,
                                   value: value, color: m.edgeScale.color(for: value)))
                placer.claim(badge)
            }
        }
        return biases
    }
}
