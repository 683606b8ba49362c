import Charts
import Drawing
import NetworkEngine

extension DiagramLayout {
    /// What a diagram's layout decides before the note lines are known: the header, the
    /// colour scales, and every text whose size the geometry depends on, measured once.
    ///
    /// `NetworkDiagram.layout` lays out again with room for notes when the first pass has
    /// something to say; the passes share one `Measures`.
    struct Measures {
        var diagram: NetworkDiagram
        var numbers: DiagramNumbers
        var sizing: ChartSizing
        /// The frame inside its padding.
        var area: Rect
        var format: ValueFormat
        var isBackward: Bool
        var horizontal: Bool
        var labelsShown: Bool
        var dashesNegative: Bool
        /// The title and subtitle texts.
        var header: [Text]
        /// Where the header ends and the network and legends begin.
        var top: Double
        var edgeScale: ColorScale
        /// Every edge's colour in an architecture diagram.
        var architectureEdge: Color
        /// The largest |value| the edges' widths stand for.
        var widthMagnitude: Double
        var neuronScale: ColorScale?
        var legends: LegendColumn
        /// Which neurons each layer draws (large layers are elided around "⋮").
        var slots: [LayerSlots]
        var maxSlots: Double
        var captions: Captions
        /// Each slot's neuron label, nil for an ellipsis or without labels.
        var neuronLabels: [[Label?]]
        /// The neuron labels' full-size font.
        var neuronFont: Font
        /// Half the diagonal of the largest neuron label at `neuronFont`: what a circle must hold.
        var neuronLabelHalfDiagonal: Double
        var hasNeuronLabels: Bool
        /// The font of "12 more" beside an ellipsis.
        var countFont: Font
        /// Room kept after the last layer for its "12 more" when it is elided (horizontal only).
        var endReserve: Double
        /// Names beside the input neurons (horizontal only), by slot; nil for an ellipsis.
        var sideNames: [Label?]
        /// The widest side name and the gap before its circle: room kept before the input layer.
        var sideReserve: Double

        init(diagram: NetworkDiagram, canvas: Canvas, theme: Theme, frame: Rect?) {
            let frame = frame ?? canvas.bounds
            let network = diagram.network
            let numbers = DiagramNumbers(network: network, coloring: diagram.coloring, input: diagram.input)
            let sizing = diagram.textSizing.sizing(for: frame)
            let em = sizing.em
            let format = ValueFormat(digits: diagram.precision)
            let area = frame.inset(by: sizing.padding)
            self.diagram = diagram
            self.numbers = numbers
            self.sizing = sizing
            self.format = format
            self.area = area
            if case .gradients = diagram.coloring { isBackward = true } else { isBackward = false }
            horizontal = diagram.orientation == .horizontal
            labelsShown = diagram.labels != .none
            dashesNegative = diagram.dashesNegative ?? (theme.name == Theme.print.name)

            (header, top) = DiagramLayout.header(diagram, numbers: numbers, in: area, canvas: canvas, sizing: sizing, theme: theme)
            // The colour scale spans every value it paints (bias badges too); the width scale
            // only the edges, the one thing drawn with widths.
            edgeScale = ColorScale.diverging(map: DiagramLayout.edgeMap(theme), values: numbers.coloredValues(showsBiases: diagram.showsBiases),
                                             magnitude: diagram.weightRange)
            architectureEdge = theme.secondaryText.withAlpha(0.75)
            widthMagnitude = ColorScale.diverging(values: numbers.allEdgeValues, magnitude: diagram.weightRange).domain.upperBound
            neuronScale = DiagramLayout.neuronScale(diagram, numbers: numbers, theme: theme)
            legends = LegendColumn(edgeScale: edgeScale, widthMagnitude: widthMagnitude, neuronScale: neuronScale,
                                   isBackward: isBackward, isArchitecture: diagram.coloring == .architecture, showsBiases: diagram.showsBiases,
                                   dashesNegative: dashesNegative, format: format, canvas: canvas, sizing: sizing)

            let slots = network.shape.map { LayerSlots(count: $0, limit: diagram.maxNeurons) }
            self.slots = slots
            maxSlots = Double(slots.map(\.slots.count).max() ?? 1)
            let depth = network.depth
            // The layers' spacing before the geometry is known: an underestimate, so that
            // captions that might touch are made compact rather than found touching later.
            let pitch: Double? = horizontal && depth > 0 ? (area.width - legends.width) / Double(depth) * 0.7 : nil
            captions = Captions(network: network, isBackward: isBackward, names: diagram.layerNames, canvas: canvas, sizing: sizing, pitch: pitch)

            let neuronFont = Font.sans(size: em * 1.12)
            self.neuronFont = neuronFont
            let neuronLabels: [[Label?]] = (0...network.depth).map { l in
                slots[l].slots.map { slot -> Label? in
                    guard case .neuron(let i) = slot else { return nil }
                    return diagram.neuronLabel(layer: l, index: i, numbers: numbers, format: format)
                }
            }
            self.neuronLabels = neuronLabels
            let labelBoxes = neuronLabels.flatMap { $0 }.compactMap { $0 }.map { canvas.measure($0, font: neuronFont) }
            neuronLabelHalfDiagonal = labelBoxes.map { ($0.width * $0.width + $0.height * $0.height).squareRoot() / 2 }.max() ?? 0
            hasNeuronLabels = !labelBoxes.isEmpty

            countFont = sizing.legendFont
            let lastElided = slots.last?.isElided ?? false
            endReserve = (horizontal && lastElided) ? canvas.measure(Label.plain("0000 more"), font: countFont).width + sizing.gap : 0
            if horizontal, let names = diagram.inputNames {
                sideNames = slots[0].slots.map { slot -> Label? in
                    guard case .neuron(let i) = slot, i < names.count else { return nil }
                    return names[i]
                }
                let widest: Double = sideNames.compactMap { $0 }.map { canvas.measure($0, font: neuronFont).width }.max() ?? 0
                sideReserve = widest > 0 ? widest + sizing.gap * 1.5 : 0
            } else {
                sideNames = slots[0].slots.map { _ in nil }
                sideReserve = 0
            }
        }
    }

    /// Neuron colours for `--input`: a sequential map over the range every layer's values can
    /// take — [−1, 1] for tanh, [0, 1] for sigmoid, the values shown for relu, identity and the
    /// input — so a value's colour says where it sits in what its neuron can output, not
    /// among the few values shown.
    static func neuronScale(_ diagram: NetworkDiagram, numbers: DiagramNumbers, theme: Theme) -> ColorScale? {
        guard case .weights = diagram.coloring, let values = numbers.neurons else { return nil }
        var low = Double.infinity, high = -Double.infinity
        for (l, layer) in values.enumerated() {
            let shown = layer.filter(\.isFinite)
            let range = l == 0 ? nil : diagram.network.layers[l - 1].activation.outputRange
            low = min(low, range?.lowerBound ?? shown.min() ?? low)
            high = max(high, range?.upperBound ?? shown.max() ?? high)
        }
        guard low.isFinite, high.isFinite else { return ColorScale(map: theme.colorMap, domain: 0...1) }
        if low == high { return ColorScale(map: theme.colorMap, domain: (low - 0.5)...(high + 0.5)) }
        return ColorScale(map: theme.colorMap, domain: low...high)
    }
}
