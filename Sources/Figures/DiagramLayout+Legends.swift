import Charts
import Drawing

extension DiagramLayout {
    /// The legend column at the right: colour bars side by side, the width legend below.
    ///
    /// Measured first, before the network's rectangle exists, because its width decides how
    /// much room the network gets; placed once the network's block (and the edges' stroke
    /// widths, which set the width legend's row height) are known.
    struct LegendColumn {
        var bars: [ColorBar]
        /// Each bar's width, the widest its tick labels can get over the heights it may be given.
        var barWidths: [Double]
        /// What the column takes at the right of the figure.
        var width: Double
        var widthTitle: Label
        /// The largest |value|, then two 1-2-5 values each at most half the one before.
        var sampleValues: [Double]
        var dashesNegative: Bool
        var negativeLabel: Label
        /// No weights to explain (an architecture diagram): no bars, no width key, no room taken.
        var isEmpty: Bool

        init(edgeScale: ColorScale, widthMagnitude magnitude: Double, neuronScale: ColorScale?, isBackward: Bool,
             isArchitecture: Bool = false, showsBiases: Bool, dashesNegative: Bool, format: ValueFormat, canvas: Canvas,
             sizing: ChartSizing) {
            let em = sizing.em
            isEmpty = isArchitecture
            let quantity = isBackward ? "\\partial C_k/\\partial w" : "w"
            // The bar names everything it colours: the bias badges share the edges' scale.
            let colorTitle: Label
            switch (isBackward, showsBiases) {
            case (false, false): colorTitle = "weight $w$"
            case (false, true): colorTitle = "weight $w$, bias $b$"
            case (true, false): colorTitle = Label("$\(quantity)$")
            case (true, true): colorTitle = Label("$\(quantity)$, $\\partial C_k/\\partial b$")
            }
            var bars = [ColorBar(colors: edgeScale, title: colorTitle)]
            if let neuronScale { bars.append(ColorBar(colors: neuronScale, title: "activation $a$")) }
            self.bars = bars
            self.dashesNegative = dashesNegative

            // A bar's tick labels depend on its height, which is decided later: reserve the widest.
            barWidths = bars.map { bar in
                [4.0, 6, 9, 12, 15].map { bar.width(forHeight: em * $0, text: canvas, sizing: sizing) }.max() ?? 0
            }
            var legendWidth: Double = barWidths.reduce(0, +) + sizing.gap * 3 * Double(max(bars.count - 1, 0))

            widthTitle = Label(isBackward ? "width: $|\(quantity)|$" : "width: $|w|$")
            let half: Double = DiagramLayout.roundDown(magnitude / 2)
            sampleValues = [magnitude, half, DiagramLayout.roundDown(half / 2)]
            negativeLabel = Label(isBackward ? "dashed: $\(quantity)$ < 0" : "dashed: $w$ < 0")
            // Stroke widths change the legend's row height, never its width, so it can be measured now.
            let measuredLegend = WidthLegend(title: widthTitle, samples: sampleValues.map { (label: format.label($0), width: 1) },
                                             dashedNegative: dashesNegative, negativeLabel: negativeLabel)
            legendWidth = max(legendWidth, measuredLegend.size(text: canvas, sizing: sizing).width)
            width = isArchitecture ? 0 : legendWidth
            if isArchitecture { bars = [] }
        }

        /// Places the column at `x`, centred on the network's block (the network and, laid out
        /// horizontally, its captions) like a key beside a drawing, within `top`...`bottom`.
        func place(x legendX: Double, block: (top: Double, bottom: Double), top: Double, bottom: Double,
                   stroke: EdgeStroke, format: ValueFormat, canvas: Canvas, sizing: ChartSizing)
            -> (colorBars: [(bar: ColorBar, layout: ColorBar.Layout)], widthLegend: (legend: WidthLegend, layout: WidthLegend.Layout, size: Rect)?) {
            guard !isEmpty else { return ([], nil) }
            let em = sizing.em
            var barHeight: Double = em * 15
            let widthSamples: [(label: Label, width: Double)] = sampleValues.map { value in
                (label: format.label(value), width: stroke.width(value))
            }
            let widthLegend = WidthLegend(title: widthTitle, samples: widthSamples, dashedNegative: dashesNegative,
                                          negativeLabel: negativeLabel)
            // A column too short for the width key beside a colour bar of four ems (an
            // animation's cell) keeps the bar: the colours carry the values, the widths repeat them.
            let fullSize = widthLegend.size(text: canvas, sizing: sizing)
            let keepsWidths: Bool = bottom - top >= em * 0.7 + em * 4 + em * 1.8 + fullSize.height
            let widthLegendSize: (width: Double, height: Double) = keepsWidths ? fullSize : (0, -em * 1.8)
            let blockTop: Double = block.top
            let blockBottom: Double = block.bottom
            let available: Double = bottom - top - em * 0.7 - widthLegendSize.height - em * 2.4
            barHeight = max(min(max((blockBottom - blockTop) * 0.6, em * 9), barHeight, available), em * 4)
            let columnHeight: Double = em * 0.7 + barHeight + em * 1.8 + widthLegendSize.height
            let columnTop: Double = min(max((blockTop + blockBottom) / 2 - columnHeight / 2, top), bottom - columnHeight)
            let barTop: Double = max(columnTop, top) + em * 0.7
            var colorBars: [(bar: ColorBar, layout: ColorBar.Layout)] = []
            var x: Double = legendX
            for (bar, width) in zip(bars, barWidths) {
                colorBars.append((bar: bar, layout: bar.layout(in: Rect(x: x, y: barTop, width: width, height: barHeight),
                                                               text: canvas, sizing: sizing)))
                x += width + sizing.gap * 3
            }
            let legendOrigin = Point(x: legendX, y: barTop + barHeight + em * 1.8)
            let legendBox = Rect(x: legendOrigin.x, y: legendOrigin.y, width: widthLegendSize.width, height: widthLegendSize.height)
            guard keepsWidths else { return (colorBars, nil) }
            return (colorBars, (legend: widthLegend, layout: widthLegend.layout(in: legendBox, text: canvas, sizing: sizing),
                                size: legendBox))
        }
    }
}
