import Charts
import Drawing
import Foundation
import NetworkEngine

/// Where everything of a `NetworkDiagram` goes, decided before anything is drawn: neuron
/// circles, edges with their colours and widths, labels placed clear of each other, captions,
/// legends and notes.
///
/// The layout measures text with the canvas it will be drawn on (so PNG, SVG and PDF agree)
/// and is testable without pixels: every circle and label is a plain value.
///
/// ```swift
/// let layout = diagram.layout(on: canvas, theme: .light)
/// layout.neurons.count           // circles drawn
/// layout.texts.filter { $0.role == .edge }.map(\.value)   // the numbers on the edges
/// ```
struct DiagramLayout {
    /// A neuron's circle.
    struct Neuron {
        /// 0 is the input layer.
        var layer: Int
        /// 0-based index in the layer.
        var index: Int
        var center: Point
        var radius: Double
        var fill: Color
        var outline: Color
        var outlineWidth: Double
    }

    /// A weight's line, from neuron `column` of layer − 1 to neuron `row` of `layer`.
    struct Edge {
        /// 1-based weight layer l: the edge stands for w^{(l)}_{row+1, column+1}.
        var layer: Int
        var row: Int
        var column: Int
        var from: Point
        var to: Point
        /// The weight, or ∂C_k/∂w in the backward view.
        var value: Double
        var color: Color
        var width: Double
        var dash: [Double]

        var midpoint: Point { Point(x: (from.x + to.x) / 2, y: (from.y + to.y) / 2) }
    }

    /// A bias badge beside its neuron.
    struct Bias {
        var layer: Int
        var index: Int
        /// The neuron's circle, which the badge sits on.
        var center: Point
        var radius: Double
        var rect: Rect
        var value: Double
        var color: Color
    }

    /// A piece of text and the box its ink fills.
    struct Text {
        enum Role: Hashable, Sendable {
            case title, subtitle, caption, neuron, edge, bias, ellipsis, note
        }

        var label: Label
        var font: Font
        var color: Color
        /// The ink box: the text is drawn with its top-left ink corner at the box's corner.
        var rect: Rect
        var role: Role
        /// The number the text shows, when it shows one (values mode).
        var value: Double?
        /// Whether a patch of background is painted under it (labels over edges).
        var halo: Bool
    }

    var sizing: ChartSizing
    var neurons: [Neuron] = []
    /// Edges in drawing order: light and thin first, heavy on top.
    var edges: [Edge] = []
    var biases: [Bias] = []
    var texts: [Text] = []
    /// Colour bars and where they go.
    var colorBars: [(bar: ColorBar, layout: ColorBar.Layout)] = []
    var widthLegend: (legend: WidthLegend, layout: WidthLegend.Layout, size: Rect)?
    /// Every drawn edge also gets this faint hairline underneath, so weights near 0 (near the
    /// diverging map's white middle) still show where the connection is.
    var hairline: (color: Color, width: Double)
    var haloColor: Color
    var edgeScale: ColorScale
    var neuronScale: ColorScale?
    /// What could not be shown, said in the figure.
    var notes: [String] = []
    /// The area the network itself occupies.
    var networkRect: Rect

    /// Lays out a diagram.
    ///
    /// - Parameters:
    ///   - diagram: what to draw.
    ///   - canvas: measures text.
    ///   - theme: colours.
    ///   - noteLines: lines kept free at the bottom for notes (the diagram lays out twice when
    ///     the first pass has something to say).
    ///   - frame: the part of the canvas to fill (an animation frame's panel); the whole canvas by default.
    init(diagram: NetworkDiagram, canvas: Canvas, theme: Theme, noteLines: Int = 0, frame: Rect? = nil) {
        let frame = frame ?? canvas.bounds
        let network = diagram.network
        let numbers = DiagramNumbers(network: network, coloring: diagram.coloring, input: diagram.input)
        let sizing = ChartSizing(for: frame)
        let em = sizing.em
        self.sizing = sizing
        hairline = (theme.secondaryText.withAlpha(0.5), max(0.7, em * 0.06))
        haloColor = theme.background.withAlpha(0.88)
        edgeScale = ColorScale.diverging(map: DiagramLayout.edgeMap(theme), values: numbers.allEdgeValues, magnitude: diagram.weightRange)
        let format = ValueFormat(digits: diagram.precision)
        let area = frame.inset(by: sizing.padding)
        var texts: [Text] = []

        // Title and subtitle, the subtitle wrapped at " · " to the width.
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
        let noteHeight: Double = sizing.noteFont.size * 1.35
        let bottom: Double = area.maxY - (noteLines > 0 ? noteHeight * Double(noteLines) + sizing.gap : 0)

        let isBackward: Bool
        if case .gradients = diagram.coloring { isBackward = true } else { isBackward = false }

        // Neuron colours for --input: a sequential map over every activation shown.
        var neuronScale: ColorScale?
        if case .weights = diagram.coloring, let values = numbers.neurons {
            var fitted = ColorScale.fitting(values.flatMap { $0 }, map: theme.colorMap)
            if fitted.domain.lowerBound == fitted.domain.upperBound {
                let middle: Double = fitted.domain.lowerBound
                fitted = ColorScale(map: theme.colorMap, domain: (middle - 0.5)...(middle + 0.5))
            }
            neuronScale = fitted
        }
        self.neuronScale = neuronScale

        // The legend column at the right: colour bars side by side, the width legend below.
        let quantity = isBackward ? "\\partial C_k/\\partial w" : "w"
        var bars = [ColorBar(colors: edgeScale, title: Label(isBackward ? "$\(quantity)$" : "weight $w$"))]
        if let neuronScale { bars.append(ColorBar(colors: neuronScale, title: "activation $a$")) }
        let magnitude: Double = edgeScale.domain.upperBound
        let dashesNegative = diagram.dashesNegative ?? (theme.name == Theme.print.name)
        let labelsShown = diagram.labels != .none

        // Which neurons each layer draws (large layers are elided around "⋮").
        let slots = network.shape.map { LayerSlots(count: $0, limit: diagram.maxNeurons) }
        let maxSlots: Double = Double(slots.map(\.slots.count).max() ?? 1)

        // Captions: "input" / "hidden" / "output" and "3 neurons · tanh".
        let depth = network.depth
        let captionLines: [(Label, Label)] = (0...depth).map { l in
            let name: String
            if l == 0 { name = "input" } else if l == depth { name = "output" } else { name = depth > 2 ? "hidden \(l)" : "hidden" }
            let count = network.shape[l]
            var detail = "\(count) neuron\(count == 1 ? "" : "s")"
            if l > 0 { detail += " · \(network.layers[l - 1].activation.rawValue)" }
            // The backward view writes δ^{(l)} on hidden and output neurons; the captions say so.
            let symbol = (isBackward && l > 0) ? "\\delta" : "a"
            return (Label("\(name) $\(symbol)^{(\(l))}$"), Label.plain(detail))
        }
        let captionFont = sizing.axisTitleFont
        let detailFont = sizing.tickFont
        let captionExtents = captionLines.map { (canvas.measure($0.0, font: captionFont), canvas.measure($0.1, font: detailFont)) }
        let captionLineHeight: Double = captionExtents.map { $0.0.height }.max() ?? em
        let detailLineHeight: Double = captionExtents.map { $0.1.height }.max() ?? em
        let captionBlock: Double = captionLineHeight + sizing.gap * 0.8 + detailLineHeight
        let captionWidth: Double = captionExtents.map { max($0.0.width, $0.1.width) }.max() ?? 0

        // Legend sizes. A bar's tick labels depend on its height, which is decided later: reserve the widest.
        let barWidths = bars.map { bar in
            [4.0, 6, 9, 12, 15].map { bar.width(forHeight: em * $0, text: canvas, sizing: sizing) }.max() ?? 0
        }
        var legendWidth: Double = barWidths.reduce(0, +) + sizing.gap * 3 * Double(max(bars.count - 1, 0))
        let horizontal = diagram.orientation == .horizontal

        let widthTitle = Label(isBackward ? "width: $|\(quantity)|$" : "width: $|w|$")
        // The largest |value|, then two 1-2-5 values each at most half the one before.
        let half: Double = DiagramLayout.roundDown(magnitude / 2)
        let sampleValues: [Double] = [magnitude, half, DiagramLayout.roundDown(half / 2)]
        let negativeLabel = Label(isBackward ? "dashed: $\(quantity)$ < 0" : "dashed: $w$ < 0")
        // Stroke widths change the legend's row height, never its width, so it can be measured now.
        let measuredLegend = WidthLegend(title: widthTitle, samples: sampleValues.map { (label: format.label($0), width: 1) },
                                         dashedNegative: dashesNegative, negativeLabel: negativeLabel)
        legendWidth = max(legendWidth, measuredLegend.size(text: canvas, sizing: sizing).width)

        // The network's rectangle: what the title, captions and legend column leave.
        let rightmostLegendX: Double = area.maxX - legendWidth
        let networkRight: Double = rightmostLegendX - em * 2.5
        var rect: Rect
        if horizontal {
            rect = Rect(x: area.minX, y: top, width: networkRight - area.minX, height: bottom - top - captionBlock - sizing.gap * 2)
        } else {
            let left: Double = area.minX + captionWidth + sizing.gap * 3
            rect = Rect(x: left, y: top, width: networkRight - left, height: bottom - top - em * 0.6)
        }
        rect.width = max(rect.width, em * 4)
        rect.height = max(rect.height, em * 4)
        networkRect = rect

        let crossLength: Double = horizontal ? rect.height : rect.width
        let mainLength: Double = horizontal ? rect.width : rect.height
        let pitch: Double = min(crossLength / maxSlots, em * 8)

        // Neuron labels decide the radius: big enough to hold the widest, within the pitch.
        var neuronFont = Font.sans(size: em * 1.12)
        let neuronLabels: [[Label?]] = (0...depth).map { l in
            slots[l].slots.map { slot -> Label? in
                guard case .neuron(let i) = slot else { return nil }
                return diagram.neuronLabel(layer: l, index: i, numbers: numbers, format: format)
            }
        }
        let labelBoxes = neuronLabels.flatMap { $0 }.compactMap { $0 }.map { canvas.measure($0, font: neuronFont) }
        let halfDiagonal: Double = labelBoxes.map { ($0.width * $0.width + $0.height * $0.height).squareRoot() / 2 }.max() ?? 0
        let needed: Double = halfDiagonal + em * 0.2
        let mainCap: Double = depth > 0 ? mainLength / Double(depth) * 0.2 : em * 3
        let cap: Double = min(pitch * 0.4, em * 3.4, mainCap)
        var radius: Double = labelsShown ? max(needed, em * 2.4) : em * 2
        var neuronLabelsShown = labelsShown && !labelBoxes.isEmpty
        if radius > cap {
            radius = cap
            if neuronLabelsShown && needed > cap {
                let shrink: Double = (cap - em * 0.2) / max(halfDiagonal, 1e-9)
                // Down to three quarters of the tick-label size, still legible on a slide.
                if neuronFont.size * shrink >= em * 0.75 {
                    neuronFont = neuronFont.withSize(neuronFont.size * shrink)
                } else {
                    neuronLabelsShown = false
                    notes.append("Neuron labels left out: the circles are too small to hold them.")
                }
            }
        }

        // Main-axis positions: layers evenly spaced, centred, not wider than a slide needs.
        let ellipsisFont = Font.sans(size: min(em * 1.5, pitch * 0.8))
        let countFont = sizing.legendFont
        let lastElided = slots.last?.isElided ?? false
        let endReserve: Double = (horizontal && lastElided) ? canvas.measure(Label.plain("0000 more"), font: countFont).width + sizing.gap : 0
        // Horizontal captions are centred under their layer: the outer ones must not stick out.
        let firstOverhang: Double = horizontal ? max(radius, max(captionExtents[0].0.width, captionExtents[0].1.width) / 2) : radius
        let lastCaption = captionExtents[depth]
        let lastOverhang: Double = horizontal ? max(radius + endReserve, max(lastCaption.0.width, lastCaption.1.width) / 2) : radius
        let span: Double = max(mainLength - firstOverhang - lastOverhang, 0)
        let layerGap: Double = depth > 0 ? min(span / Double(depth), em * 30) : 0
        let used: Double = layerGap * Double(depth)
        var mainStart: Double = (horizontal ? rect.minX : rect.minY) + firstOverhang + (span - used) / 2
        var legendX: Double = rightmostLegendX
        if horizontal {
            // A narrow network and its legend are centred together rather than left far apart.
            let legendGap: Double = em * 4
            let contentLeft: Double = mainStart - firstOverhang
            let contentRight: Double = mainStart + used + lastOverhang
            if legendX - contentRight > legendGap {
                let groupWidth: Double = contentRight - contentLeft + legendGap + legendWidth
                let groupLeft: Double = area.minX + (area.width - groupWidth) / 2
                mainStart += groupLeft - contentLeft
                legendX = groupLeft + (contentRight - contentLeft) + legendGap
            }
        }
        // Small networks do not need the whole height: the network and its captions are
        // centred as one block instead of the captions sinking to the bottom.
        let contentCross: Double = (maxSlots - 1) * pitch + 2 * radius + em * 2.5
        if horizontal && contentCross < rect.height {
            let spare: Double = rect.height - contentCross
            rect.y += spare / 2
            rect.height = contentCross
            networkRect = rect
        }
        let crossCenter: Double = horizontal ? rect.midY : rect.midX
        func point(main: Double, cross: Double) -> Point {
            horizontal ? Point(x: main, y: cross) : Point(x: cross, y: main)
        }
        var centers: [[Int: Point]] = Array(repeating: [:], count: depth + 1)
        // Labels stay between the title and the captions, left of the legend.
        let labelLeft: Double = horizontal ? area.minX : rect.minX - sizing.gap
        let labelBottom: Double = horizontal ? rect.maxY + sizing.gap : bottom
        var placer = LabelPlacer(bounds: Rect(x: labelLeft, y: top, width: legendX - em * 1.2 - labelLeft, height: labelBottom - top),
                                 gap: em * 0.12)

        // Neurons and ellipses.
        let textOnLight = Color(hex: 0x1F1F1F)
        let textOnDark = Color(hex: 0xF5F5F5)
        for l in 0...depth {
            let main: Double = mainStart + layerGap * Double(l)
            let count = slots[l].slots.count
            for (s, slot) in slots[l].slots.enumerated() {
                let cross: Double = crossCenter + (Double(s) - Double(count - 1) / 2) * pitch
                let center = point(main: main, cross: cross)
                switch slot {
                case .neuron(let i):
                    centers[l][i] = center
                    let fill: Color
                    if let neuronScale, let value = numbers.neurons?[l][i] {
                        fill = neuronScale.color(for: value)
                    } else {
                        fill = l == 0 ? theme.grid : theme.background
                    }
                    neurons.append(Neuron(layer: l, index: i, center: center, radius: radius, fill: fill,
                                          outline: theme.foreground, outlineWidth: max(1, em * (l == 0 ? 0.1 : 0.14))))
                    placer.reserve(circle: center, radius: radius)
                    if neuronLabelsShown, let label = neuronLabels[l][s] {
                        let extents = canvas.measure(label, font: neuronFont)
                        let ink = fill.luminance > 0.45 ? textOnLight : textOnDark
                        texts.append(Text(label: label, font: neuronFont, color: ink,
                                          rect: Rect(x: center.x - extents.width / 2, y: center.y - extents.height / 2,
                                                     width: extents.width, height: extents.height),
                                          role: .neuron, value: diagram.neuronValue(layer: l, index: i, numbers: numbers), halo: false))
                    }
                case .ellipsis(let hidden):
                    let dots = Label.plain(horizontal ? "⋮" : "⋯")
                    let dotsExtents = canvas.measure(dots, font: ellipsisFont)
                    let dotsRect = Rect(x: center.x - dotsExtents.width / 2, y: center.y - dotsExtents.height / 2,
                                        width: dotsExtents.width, height: dotsExtents.height)
                    texts.append(Text(label: dots, font: ellipsisFont, color: theme.foreground, rect: dotsRect,
                                      role: .ellipsis, value: nil, halo: false))
                    placer.reserve(dotsRect)
                    let countLabel = Label.plain("\(hidden) more")
                    let countExtents = canvas.measure(countLabel, font: countFont)
                    let countRect: Rect
                    if horizontal {
                        countRect = Rect(x: dotsRect.maxX + sizing.gap, y: center.y - countExtents.height / 2,
                                         width: countExtents.width, height: countExtents.height)
                    } else {
                        countRect = Rect(x: center.x - countExtents.width / 2, y: dotsRect.maxY + sizing.gap * 0.6,
                                         width: countExtents.width, height: countExtents.height)
                    }
                    texts.append(Text(label: countLabel, font: countFont, color: theme.secondaryText, rect: countRect,
                                      role: .ellipsis, value: nil, halo: true))
                    placer.reserve(countRect)
                }
            }
        }

        // Edges: colour by value on the diverging scale, width growing with |value|.
        let minWidth: Double = max(0.75, em * 0.06)
        let maxWidth: Double = max(minWidth * 2, min(em * 0.6, radius * 0.5))
        func strokeWidth(_ value: Double) -> Double {
            let t: Double = min(abs(value) / magnitude, 1)
            return minWidth + (maxWidth - minWidth) * (t.isFinite ? t : 0)
        }
        let dashPattern: [Double] = [2.6, 1.7]
        func edgeColor(_ value: Double) -> Color { edgeScale.color(for: value) }
        for l in 1...depth {
            for i in slots[l].shownNeurons {
                for j in slots[l - 1].shownNeurons {
                    guard let from = centers[l - 1][j], let to = centers[l][i] else { continue }
                    let value: Double = numbers.edges[l - 1][i, j]
                    let width = strokeWidth(value)
                    let dash: [Double] = (dashesNegative && value < 0) ? dashPattern.map { $0 * max(width, 1.2) } : []
                    edges.append(Edge(layer: l, row: i, column: j, from: from, to: to, value: value,
                                      color: edgeColor(value), width: width, dash: dash))
                }
            }
        }
        // Light first, heavy on top; ties in a fixed order so reruns are identical.
        edges.sort { a, b in
            let (x, y) = (abs(a.value), abs(b.value))
            if x != y { return x < y }
            return (a.layer, a.row, a.column) < (b.layer, b.row, b.column)
        }

        // Bias badges on the upper right of each neuron, their labels beside them; then the
        // edge labels, each along its own edge.
        let labelStyle = LabelStyle(font: Font.sans(size: em * 0.95), color: theme.foreground, pad: em * 0.14, gap: sizing.gap)
        if diagram.showsBiases {
            let side: Double = min(em * 0.85, radius * 0.75)
            for l in 1...depth {
                for i in slots[l].shownNeurons {
                    guard let center = centers[l][i] else { continue }
                    let reach: Double = (radius + side * 0.25) * 0.7071
                    let badge = Rect(x: center.x + reach - side / 2, y: center.y - reach - side / 2, width: side, height: side)
                    let value: Double = numbers.biases[l - 1][i]
                    biases.append(Bias(layer: l, index: i, center: center, radius: radius, rect: badge,
                                       value: value, color: edgeColor(value)))
                    placer.reserve(badge)
                }
            }
            if labelsShown {
                let placed = DiagramLayout.biasLabels(biases, diagram: diagram, canvas: canvas, style: labelStyle, placer: &placer)
                texts += placed.texts
                notes += placed.notes
            }
        }
        if labelsShown {
            let placed = DiagramLayout.edgeLabels(edges, diagram: diagram, canvas: canvas, style: labelStyle, placer: &placer)
            texts += placed.texts
            notes += placed.notes
        }

        // Captions under each layer (horizontal) or to its left (vertical).
        for l in 0...depth {
            let main: Double = mainStart + layerGap * Double(l)
            let (nameExtents, detailExtents) = captionExtents[l]
            let nameRect: Rect
            let detailRect: Rect
            if horizontal {
                let y: Double = rect.maxY + sizing.gap * 2
                nameRect = Rect(x: main - nameExtents.width / 2, y: y, width: nameExtents.width, height: nameExtents.height)
                detailRect = Rect(x: main - detailExtents.width / 2, y: y + captionLineHeight + sizing.gap * 0.8,
                                  width: detailExtents.width, height: detailExtents.height)
            } else {
                let right: Double = rect.minX - sizing.gap * 3
                let y: Double = main - captionBlock / 2
                nameRect = Rect(x: right - nameExtents.width, y: y, width: nameExtents.width, height: nameExtents.height)
                detailRect = Rect(x: right - detailExtents.width, y: y + captionLineHeight + sizing.gap * 0.8,
                                  width: detailExtents.width, height: detailExtents.height)
            }
            texts.append(Text(label: captionLines[l].0, font: captionFont, color: theme.foreground, rect: nameRect,
                              role: .caption, value: nil, halo: false))
            texts.append(Text(label: captionLines[l].1, font: detailFont, color: theme.secondaryText, rect: detailRect,
                              role: .caption, value: nil, halo: false))
        }

        // Legends: colour bars from the top of the network area, the width legend below.
        var barHeight: Double = em * 15
        let widthSamples: [(label: Label, width: Double)] = sampleValues.map { value in
            (label: format.label(value), width: strokeWidth(value))
        }
        let widthLegend = WidthLegend(title: widthTitle, samples: widthSamples, dashedNegative: dashesNegative,
                                      negativeLabel: negativeLabel)
        let widthLegendSize = widthLegend.size(text: canvas, sizing: sizing)
        // The legend column is centred on the network and its captions, like a key beside a drawing.
        let blockTop: Double = rect.minY
        let blockBottom: Double = horizontal ? rect.maxY + sizing.gap * 2 + captionBlock : rect.maxY
        let available: Double = bottom - top - em * 0.7 - widthLegendSize.height - em * 2.4
        barHeight = max(min(max((blockBottom - blockTop) * 0.6, em * 9), barHeight, available), em * 4)
        let columnHeight: Double = em * 0.7 + barHeight + em * 1.8 + widthLegendSize.height
        let columnTop: Double = min(max((blockTop + blockBottom) / 2 - columnHeight / 2, top), bottom - columnHeight)
        let barTop: Double = max(columnTop, top) + em * 0.7
        var x: Double = legendX
        for (bar, width) in zip(bars, barWidths) {
            colorBars.append((bar: bar, layout: bar.layout(in: Rect(x: x, y: barTop, width: width, height: barHeight),
                                                           text: canvas, sizing: sizing)))
            x += width + sizing.gap * 3
        }
        let legendOrigin = Point(x: legendX, y: barTop + barHeight + em * 1.8)
        let legendBox = Rect(x: legendOrigin.x, y: legendOrigin.y, width: widthLegendSize.width, height: widthLegendSize.height)
        self.widthLegend = (legend: widthLegend, layout: widthLegend.layout(in: legendBox, text: canvas, sizing: sizing),
                            size: legendBox)

        // Notes at the bottom, one line each.
        var noteY: Double = area.maxY - noteHeight * Double(max(noteLines, 0))
        if noteLines > 0 {
            for note in notes.prefix(noteLines) {
                let label = Label(note)
                let extents = canvas.measure(label, font: sizing.noteFont)
                texts.append(Text(label: label, font: sizing.noteFont, color: theme.secondaryText,
                                  rect: Rect(x: area.minX, y: noteY + (noteHeight - extents.height) / 2,
                                             width: extents.width, height: extents.height),
                                  role: .note, value: nil, halo: false))
                noteY += noteHeight
            }
        }
        self.texts = texts
    }

    /// Above this many drawn edges in one layer, no edge of that layer is labelled: dozens
    /// of labels on a fan of crossing lines cannot be read anyway.
    static let maxLabelledEdges = 24

    /// The theme's diverging map, as edges use it.
    ///
    /// The diverging maps are pale in the middle: on a light background small weights fade
    /// away as they should, on a dark one they would glare. There the middle is mixed toward
    /// the background, so a small weight still reads as faint; the colour bar shows the same map.
    static func edgeMap(_ theme: Theme) -> ColorMap {
        let map = theme.divergingMap
        guard theme.background.luminance < 0.5 else { return map }
        let count = map.colors.count
        let background = theme.background.withAlpha(1)
        let faded = map.colors.enumerated().map { index, color -> Color in
            let position: Double = (Double(index) + 0.5) / Double(count)
            let strength: Double = abs(position - 0.5) * 2
            return color.mixed(with: background, (1 - strength) * 0.7)
        }
        return ColorMap(name: map.name + "_faded", colors: faded, badColor: map.badColor, isDiverging: true)
    }

    /// The largest of 1, 2 and 5 times a power of ten not above `value`, for legend samples
    /// that read as round numbers.
    static func roundDown(_ value: Double) -> Double {
        guard value > 0, value.isFinite else { return value }
        let power: Double = pow(10, (log10(value)).rounded(.down))
        let mantissa: Double = value / power
        let step: Double = [5, 2, 1].first { mantissa >= $0 * (1 - 1e-12) } ?? 1
        return step * power
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
