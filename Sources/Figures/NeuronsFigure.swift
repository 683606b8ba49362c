import Charts
import Drawing
import NetworkEngine

/// What every neuron computes: one small plot per neuron, in columns by layer, beside the
/// network's fit at full size — the figure that answers "what has the hidden layer learnt".
///
/// For one input each plot is the neuron's activation a^(l)_i over the input's range (the
/// heart network's 13 hidden curves); for two inputs it is a map over the input plane, in
/// the decision map's colours (TensorFlow Playground's neuron thumbnails). A layer's plots
/// share one scale: the activation's range ([0, 1] sigmoid, [−1, 1] tanh), or the values
/// the layer takes over the inputs shown (relu, identity), said in the column's heading.
///
/// With features (`features:`, e.g. x1², sin x1 of the data's x1 and x2), the plots are still
/// over the data's own inputs, as Playground draws them: each raw point's features go through
/// the network, and the features themselves come first, a column of their own values, each
/// labelled with its formula and on its own scale (± its largest value, so 0 is the middle).
///
/// ```swift
/// let figure = try NeuronsFigure(network: heart, data: data, title: "What the heart network's neurons compute")
/// figure.draw(on: canvas, theme: .light)
/// ```
public struct NeuronsFigure: Sendable {
    public var network: Network
    /// The examples, with the data's own inputs (what the plots are drawn over).
    public var data: Dataset
    /// What the network sees of an input (nil: the input itself).
    public var features: Features?
    public var title: Label
    /// Replaces the subtitle (empty: none).
    public var subtitleOverride: Label?
    public var textSizing: TextSizing = .talk
    /// The network's fit beside the neurons, where `FitFigure` can draw the network's shape.
    public var showsFit = true
    /// Layers with more neurons show the first and last few around "⋮".
    public var maxNeurons = 12
    /// Which parameters are drawn ("after 10000 steps of gd at rate 7"), for the subtitle.
    public var state = "at the spec's parameters"

    /// - Parameters:
    ///   - data: the examples with the data's own inputs.
    ///   - features: what the network sees of an input, when it is not the input itself.
    /// - Throws: `NeuronsError` unless the data has one or two inputs (before any features).
    public init(network: Network, data: Dataset, features: Features? = nil, title: Label) throws {
        try NeuronsError.check(network, features: features)
        self.network = network
        self.data = data
        self.features = features
        self.title = title
    }

    /// The data's own inputs: what the plots are drawn over.
    private var inputWidth: Int { features?.rawWidth ?? network.shape[0] }

    /// Whether the plots are maps over the input plane (else curves over the line).
    var isPlane: Bool { inputWidth == 2 }

    /// Points along the input line, or a side of the input plane.
    var samples: Int { isPlane ? 48 : 160 }

    /// The input line: the examples' range.
    var line: ClosedRange<Double> {
        let xs = data.inputs.values
        let low = xs.min() ?? 0, high = xs.max() ?? 1
        return low < high ? low...high : (low - 1)...(high + 1)
    }

    /// The data's own inputs the plots are drawn at: the line's points, or the plane's row by
    /// row from the lowest x2; one column per point.
    func sampledInputs() -> Matrix {
        let n = samples
        guard isPlane else {
            let range = line
            return Matrix(rows: 1, columns: n, values: (0..<n).map {
                range.lowerBound + Double($0) / Double(n - 1) * (range.upperBound - range.lowerBound)
            })
        }
        let (xr, yr) = FitFigure.plane(of: data)
        var grid = Matrix(rows: 2, columns: n * n)
        for row in 0..<n {
            for column in 0..<n {
                grid[0, row * n + column] = xr.lowerBound + Double(column) / Double(n - 1) * (xr.upperBound - xr.lowerBound)
                grid[1, row * n + column] = yr.lowerBound + Double(row) / Double(n - 1) * (yr.upperBound - yr.lowerBound)
            }
        }
        return grid
    }

    /// Every layer's activations at the sampled inputs: a^(l) for l = 0…L, one row per neuron,
    /// one column per point; a^(0) is what the network sees there (the features, or the point).
    func activations() -> [Matrix] {
        let x = sampledInputs()
        return network.forward(features?.apply(x) ?? x).a
    }

    /// The scale a layer's plots share.
    static func range(of layer: Matrix, activation: Activation) -> ClosedRange<Double> {
        if let bounded = activation.outputRange { return bounded }
        let finite = layer.values.filter(\.isFinite)
        let low = finite.min() ?? 0, high = finite.max() ?? 1
        return low < high ? low...high : (low - 0.5)...(high + 0.5)
    }

    /// A feature's own scale: ± its largest |value| over the inputs shown, so that 0 is the
    /// middle colour, as on a tanh layer's maps (x1² and sin x1 differ too much to share one).
    static func featureRange(_ values: some Sequence<Double>) -> ClosedRange<Double> {
        let largest = values.filter(\.isFinite).map(abs).max() ?? 0
        return largest > 0 ? -largest...largest : -1...1
    }

    /// The neurons a column shows: all, or the first and last few around a gap (nil).
    func shown(_ count: Int) -> [Int?] {
        guard count > maxNeurons else { return Array(0..<count) }
        let head = (maxNeurons - 1) / 2 + 1, tail = maxNeurons - 1 - head
        return Array(0..<head) + [nil] + Array((count - tail)..<count)
    }

    var subtitlePieces: [Label] {
        if let subtitleOverride { return subtitleOverride.split(separator: " · ") }
        var pieces: [Label] = [.plain(NetworkDiagram.shapeDescription(network) + " " + state), inputsPiece]
        if showsFit && fitKind != nil { pieces.append("right: the output against the targets") }
        return pieces
    }

    /// The fit's picture for the data's inputs and the network's outputs, if it has one.
    private var fitKind: FitFigure.Kind? { FitFigure.kind(inputs: inputWidth, outputs: network.shape[network.depth]) }

    /// What the plots are drawn over, said in the subtitle.
    var inputsPiece: Label {
        let f = ValueFormat(digits: 2)
        let what = features == nil ? "each neuron's activation" : "each feature's value and neuron's activation"
        if isPlane {
            let (xr, yr) = FitFigure.plane(of: data)
            return Label("\(what) over the input plane, $x_1$ from ") + f.label(xr.lowerBound) + " to "
                + f.label(xr.upperBound) + Label(", $x_2$ from ") + f.label(yr.lowerBound) + " to " + f.label(yr.upperBound)
        }
        return Label("\(what) against the input $x$ from ") + f.label(line.lowerBound) + " to " + f.label(line.upperBound)
    }

    // MARK: Drawing

    public func draw(on canvas: Canvas, theme: Theme) {
        let sizing = textSizing.sizing(for: canvas.bounds)
        let em = sizing.em
        canvas.fillBackground(theme.background)
        let inner = canvas.bounds.inset(by: sizing.padding)
        let titles = TitleBlock(title: title, subtitlePieces: subtitlePieces)
        let placed = titles.layout(in: inner, text: canvas, sizing: sizing)
        titles.emit(placed, on: canvas, theme: theme, sizing: sizing)
        let content = placed.content

        var neuronsRect = content
        if showsFit, var fit = try? FitFigure(network: network, data: data, features: features, title: "", subtitle: "") {
            // The features' column takes its room from the fit's (a map is as tall as it is wide
            // and rarely fills its share).
            let share: Double = (isPlane ? 0.5 : 0.46) - (features == nil ? 0 : 0.06)
            neuronsRect = Rect(x: content.minX, y: content.minY, width: content.width * (1 - share) - em, height: content.height)
            fit.textSizing = .fixed(sizing)
            fit.draw(on: canvas, in: Rect(x: content.maxX - content.width * share, y: content.minY,
                                          width: content.width * share, height: content.height), theme: theme)
        }
        drawNeurons(in: neuronsRect, on: canvas, theme: theme, sizing: sizing)
    }

    /// What a column of plots says: its heading, its scale, and the label beside each plot
    /// (the neuron's number, or the feature's formula).
    private func column(_ l: Int, functions: NeuronFunctions) -> (heading: Label, scale: Label, name: (Int) -> Label) {
        if l == 0, let features {
            return (Label("$a^{(0)}$ · features"), "own scales", { Label.math(features.list[$0].tex) })
        }
        let f = ValueFormat(digits: 2)
        let range = functions.ranges[l - 1]
        return (Label("$a^{(\(l))}$ · \(network.layers[l - 1].activation.rawValue)"),
                f.label(range.lowerBound) + " to " + f.label(range.upperBound), { Label.plain("\($0 + 1)") })
    }

    private func drawNeurons(in rect: Rect, on canvas: Canvas, theme: Theme, sizing: ChartSizing) {
        let em = sizing.em
        let functions = NeuronFunctions(figure: self)
        let columns = Array(functions.layersDrawn)
        let columnWidth: Double = rect.width / Double(columns.count)
        let lineHeight: Double = em * 1.35
        let header: Double = 2 * lineHeight + em * 0.5
        let gap: Double = em * 0.35
        let labelFont = sizing.tickFont
        let numberWidth: Double = canvas.measure(Label.plain("\(network.shape.dropFirst().max() ?? 1)"), font: labelFont).width + em * 0.4
        let aspect: Double = isPlane ? 1 : 1.6
        for (index, l) in columns.enumerated() {
            let count = network.shape[l]
            let (heading, scale, name) = column(l, functions: functions)
            let labelWidth: Double = l > 0 ? numberWidth
                : (0..<count).map { canvas.measure(name($0), font: labelFont).width }.max().map { $0 + em * 0.4 } ?? numberWidth
            let slots = shown(count)
            // The layer's plots in as many side-by-side stacks as make them largest.
            let height: Double = rect.height - header
            let best = (1...4).map { stacks -> (stacks: Int, size: Double) in
                let rows = (slots.count + stacks - 1) / stacks
                let across: Double = (columnWidth - em - Double(stacks) * labelWidth - Double(stacks - 1) * em) / Double(stacks)
                return (stacks, min(height / Double(rows) - gap, across / aspect, em * 6.5))
            }.max { $0.size < $1.size }!
            let rows = (slots.count + best.stacks - 1) / best.stacks
            let plotHeight: Double = best.size, plotWidth: Double = best.size * aspect
            let stackWidth: Double = labelWidth + plotWidth
            let blockWidth: Double = Double(best.stacks) * stackWidth + Double(best.stacks - 1) * em
            let left: Double = rect.minX + Double(index) * columnWidth + (columnWidth - blockWidth) / 2
            let top: Double = rect.minY + header + (height - Double(rows) * (plotHeight + gap)) / 2
            // Over the plots, but no further out than the figure's margin (a narrow first column).
            func centre(_ label: Label, _ font: Font) -> Double {
                let half: Double = canvas.measure(label, font: font).width / 2
                return min(max(left + blockWidth / 2, rect.minX + half), rect.maxX - half)
            }
            canvas.draw(heading, font: sizing.axisTitleFont, color: theme.foreground,
                        at: Point(x: centre(heading, sizing.axisTitleFont), y: rect.minY + lineHeight), anchor: TextAnchor(.center, .bottom))
            canvas.draw(scale, font: sizing.legendFont, color: theme.secondaryText,
                        at: Point(x: centre(scale, sizing.legendFont), y: rect.minY + 2 * lineHeight), anchor: TextAnchor(.center, .bottom))
            for (slot, neuron) in slots.enumerated() {
                let stack = slot / rows, row = slot % rows
                let plot = Rect(x: left + Double(stack) * (stackWidth + em) + labelWidth, y: top + Double(row) * (plotHeight + gap),
                                width: plotWidth, height: plotHeight)
                guard let neuron else {
                    canvas.draw("⋮", font: labelFont, color: theme.foreground, at: Point(x: plot.midX, y: plot.midY), anchor: .center)
                    continue
                }
                canvas.draw(name(neuron), font: labelFont, color: theme.secondaryText,
                            at: Point(x: plot.minX - em * 0.4, y: plot.midY), anchor: TextAnchor(.right, .middle))
                functions.draw(layer: l, neuron: neuron, in: plot, on: canvas, theme: theme, sizing: sizing, panel: true)
                canvas.rectangle(plot)
                canvas.stroke(theme.axis, style: StrokeStyle(width: sizing.axisWidth))
            }
        }
    }
}

/// Why a neurons figure cannot be drawn.
public enum NeuronsError: Error, Equatable, CustomStringConvertible {
    /// A network of this many inputs, fed the data's own.
    case inputs(Int)
    /// Data of this many inputs, of which the network sees features.
    case dataInputs(Int)

    public var description: String {
        switch self {
        case .inputs(let count):
            return "neurons draws each neuron over the input line or plane: expected a network of 1 or 2 inputs, this one has \(count) (diagram --input shows every neuron's value for one input)"
        case .dataInputs(let count):
            return "neurons draws each neuron over the data's input line or plane: expected data of 1 or 2 inputs before its features, this has \(count) (diagram --input shows every neuron's value for one input)"
        }
    }

    /// The error for a network and its features, when their inputs are neither a line nor a plane.
    public static func check(_ network: Network, features: Features?) throws {
        if let features {
            guard (1...2).contains(features.rawWidth) else { throw NeuronsError.dataInputs(features.rawWidth) }
        } else {
            guard (1...2).contains(network.shape[0]) else { throw NeuronsError.inputs(network.shape[0]) }
        }
    }
}

/// What every neuron computes over the input line or plane, ready to draw in a small
/// rectangle: the neurons figure's plots, and a diagram's neurons (`--neurons functions`).
///
/// With features, the line or plane is the data's own inputs, and the input neurons have
/// plots too: each feature's value there.
public struct NeuronFunctions: Sendable {
    /// a^(l) for l = 0…L at the sampled inputs (`NeuronsFigure.activations`).
    let activations: [Matrix]
    /// Each layer's shared scale, for l = 1…L (at l − 1).
    let ranges: [ClosedRange<Double>]
    /// Each feature's own scale (`NeuronsFigure.featureRange`); empty without features.
    let featureRanges: [ClosedRange<Double>]
    let plane: (x: ClosedRange<Double>, y: ClosedRange<Double>)?
    let samples: Int
    /// What the plots are drawn over ("each neuron's activation against the input x from 0 to 1").
    public let inputs: Label

    init(figure: NeuronsFigure) {
        activations = figure.activations()
        ranges = zip(activations.dropFirst(), figure.network.layers).map { NeuronsFigure.range(of: $0, activation: $1.activation) }
        let features = activations[0]
        featureRanges = figure.features == nil ? [] : (0..<features.rows).map {
            NeuronsFigure.featureRange(features.values[($0 * features.columns)..<(($0 + 1) * features.columns)])
        }
        plane = figure.isPlane ? FitFigure.plane(of: figure.data) : nil
        samples = figure.samples
        inputs = figure.inputsPiece
    }

    /// The functions of a network over its data's inputs, when the data has one or two
    /// (before any features), else nil.
    ///
    /// - Parameters:
    ///   - data: the examples with the data's own inputs.
    ///   - features: what the network sees of an input, when it is not the input itself.
    public init?(network: Network, data: Dataset, features: Features? = nil) {
        guard let figure = try? NeuronsFigure(network: network, data: data, features: features, title: "") else { return nil }
        self.init(figure: figure)
    }

    /// The layers that have plots: the input layer too when its neurons are features.
    public var layersDrawn: ClosedRange<Int> { (featureRanges.isEmpty ? 1 : 0)...ranges.count }

    /// Draws neuron `neuron` (0-based) of layer `layer` (0-based for the features, 1-based for
    /// the rest) in `rect`: its curve on the layer's scale (over a panel, with the scale's
    /// middle as a faint line), or its map.
    func draw(layer: Int, neuron: Int, in rect: Rect, on canvas: Canvas, theme: Theme, sizing: ChartSizing, panel: Bool) {
        let values = activations[layer]
        let row = Array(values.values[(neuron * values.columns)..<((neuron + 1) * values.columns)])
        let range = layer == 0 ? featureRanges[neuron] : ranges[layer - 1]
        if let plane {
            if let grid = Grid(columns: samples, rows: samples, values: row, x: plane.x, y: plane.y) {
                Heatmap(grid: grid, colors: ColorScale(map: FitFigure.softDivergingMap(theme), domain: range)).draw(on: canvas, in: rect)
            }
            return
        }
        if panel {
            canvas.rectangle(rect)
            canvas.fill(theme.panel)
        }
        let span: Double = range.upperBound - range.lowerBound
        func y(_ value: Double) -> Double { rect.maxY - (value - range.lowerBound) / span * rect.height }
        // The activation's middle (0 for tanh and the features, ½ for sigmoid) as a faint guide.
        let middle: Double = (range.lowerBound + range.upperBound) / 2
        canvas.polyline([Point(x: rect.minX, y: y(middle)), Point(x: rect.maxX, y: y(middle))])
        canvas.stroke(theme.grid, style: StrokeStyle(width: sizing.gridWidth))
        let points = row.enumerated().map { i, v in
            Point(x: rect.minX + Double(i) / Double(max(row.count - 1, 1)) * rect.width, y: min(max(y(v), rect.minY), rect.maxY))
        }
        canvas.polyline(points)
        canvas.stroke(theme.seriesStyle(at: 0).color, style: StrokeStyle(width: sizing.lineWidth, join: .round))
    }
}
