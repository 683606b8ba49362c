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
/// ```swift
/// let figure = try NeuronsFigure(network: heart, data: data, title: "What the heart network's neurons compute")
/// figure.draw(on: canvas, theme: .light)
/// ```
public struct NeuronsFigure: Sendable {
    public var network: Network
    public var data: Dataset
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

    /// - Throws: `NeuronsError.inputs` unless the network has one or two inputs.
    public init(network: Network, data: Dataset, title: Label) throws {
        guard (1...2).contains(network.shape[0]) else { throw NeuronsError.inputs(network.shape[0]) }
        self.network = network
        self.data = data
        self.title = title
    }

    private var isPlane: Bool { network.shape[0] == 2 }

    /// Points along the input line, or a side of the input plane.
    var samples: Int { isPlane ? 48 : 160 }

    /// The input line: the examples' range.
    var line: ClosedRange<Double> {
        let xs = data.inputs.values
        let low = xs.min() ?? 0, high = xs.max() ?? 1
        return low < high ? low...high : (low - 1)...(high + 1)
    }

    /// Every layer's activations at the sampled inputs: a^(l) for l = 1…L, one row per neuron,
    /// one column per input (the plane's points row by row from the lowest x2).
    func activations() -> [Matrix] {
        let n = samples
        let inputs: Matrix
        if isPlane {
            let (xr, yr) = FitFigure.plane(of: data)
            var grid = Matrix(rows: 2, columns: n * n)
            for row in 0..<n {
                for column in 0..<n {
                    grid[0, row * n + column] = xr.lowerBound + Double(column) / Double(n - 1) * (xr.upperBound - xr.lowerBound)
                    grid[1, row * n + column] = yr.lowerBound + Double(row) / Double(n - 1) * (yr.upperBound - yr.lowerBound)
                }
            }
            inputs = grid
        } else {
            let range = line
            inputs = Matrix(rows: 1, columns: n, values: (0..<n).map {
                range.lowerBound + Double($0) / Double(n - 1) * (range.upperBound - range.lowerBound)
            })
        }
        return Array(network.forward(inputs).a.dropFirst())
    }

    /// The scale a layer's plots share.
    static func range(of layer: Matrix, activation: Activation) -> ClosedRange<Double> {
        if let bounded = activation.outputRange { return bounded }
        let finite = layer.values.filter(\.isFinite)
        let low = finite.min() ?? 0, high = finite.max() ?? 1
        return low < high ? low...high : (low - 0.5)...(high + 0.5)
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
        if showsFit && FitFigure.kind(for: network.shape) != nil { pieces.append("right: the output against the targets") }
        return pieces
    }

    /// What the plots are drawn over, said in the subtitle.
    var inputsPiece: Label {
        let f = ValueFormat(digits: 2)
        if isPlane {
            let (xr, yr) = FitFigure.plane(of: data)
            return Label("each neuron's activation over the input plane, $x_1$ from ") + f.label(xr.lowerBound) + " to "
                + f.label(xr.upperBound) + Label(", $x_2$ from ") + f.label(yr.lowerBound) + " to " + f.label(yr.upperBound)
        }
        return Label("each neuron's activation against the input $x$ from ") + f.label(line.lowerBound) + " to " + f.label(line.upperBound)
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
        if showsFit, var fit = try? FitFigure(network: network, data: data, title: "", subtitle: "") {
            let share: Double = isPlane ? 0.5 : 0.46
            neuronsRect = Rect(x: content.minX, y: content.minY, width: content.width * (1 - share) - em, height: content.height)
            fit.textSizing = .fixed(sizing)
            fit.draw(on: canvas, in: Rect(x: content.maxX - content.width * share, y: content.minY,
                                          width: content.width * share, height: content.height), theme: theme)
        }
        drawNeurons(in: neuronsRect, on: canvas, theme: theme, sizing: sizing)
    }

    private func drawNeurons(in rect: Rect, on canvas: Canvas, theme: Theme, sizing: ChartSizing) {
        let em = sizing.em
        let functions = NeuronFunctions(figure: self)
        let layers = functions.activations
        let columnWidth: Double = rect.width / Double(layers.count)
        let lineHeight: Double = em * 1.35
        let header: Double = 2 * lineHeight + em * 0.5
        let gap: Double = em * 0.35
        let labelFont = sizing.tickFont
        let labelWidth: Double = canvas.measure(Label.plain("\(network.shape.dropFirst().max() ?? 1)"), font: labelFont).width + em * 0.4
        let aspect: Double = isPlane ? 1 : 1.6
        let f = ValueFormat(digits: 2)
        for (index, layer) in layers.enumerated() {
            let l = index + 1
            let activation = network.layers[index].activation
            let range = functions.ranges[index]
            let slots = shown(layer.rows)
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
            let centre: Double = left + blockWidth / 2
            canvas.draw(Label("$a^{(\(l))}$ · \(activation.rawValue)"), font: sizing.axisTitleFont, color: theme.foreground,
                        at: Point(x: centre, y: rect.minY + lineHeight), anchor: TextAnchor(.center, .bottom))
            canvas.draw(f.label(range.lowerBound) + " to " + f.label(range.upperBound), font: sizing.legendFont,
                        color: theme.secondaryText, at: Point(x: centre, y: rect.minY + 2 * lineHeight), anchor: TextAnchor(.center, .bottom))
            for (slot, neuron) in slots.enumerated() {
                let stack = slot / rows, row = slot % rows
                let plot = Rect(x: left + Double(stack) * (stackWidth + em) + labelWidth, y: top + Double(row) * (plotHeight + gap),
                                width: plotWidth, height: plotHeight)
                guard let neuron else {
                    canvas.draw("⋮", font: labelFont, color: theme.foreground, at: Point(x: plot.midX, y: plot.midY), anchor: .center)
                    continue
                }
                canvas.draw(Label.plain("\(neuron + 1)"), font: labelFont, color: theme.secondaryText,
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
    case inputs(Int)

    public var description: String {
        switch self {
        case .inputs(let count):
            return "neurons draws each neuron over the input line or plane: expected a network of 1 or 2 inputs, this one has \(count) (diagram --input shows every neuron's value for one input)"
        }
    }
}

/// What every neuron computes over the input line or plane, ready to draw in a small
/// rectangle: the neurons figure's plots, and a diagram's neurons (`--neurons functions`).
public struct NeuronFunctions: Sendable {
    /// a^(l) for l = 1…L at the sampled inputs (`NeuronsFigure.activations`).
    let activations: [Matrix]
    /// Each layer's shared scale.
    let ranges: [ClosedRange<Double>]
    let plane: (x: ClosedRange<Double>, y: ClosedRange<Double>)?
    let samples: Int
    /// What the plots are drawn over ("each neuron's activation against the input x from 0 to 1").
    public let inputs: Label

    init(figure: NeuronsFigure) {
        activations = figure.activations()
        ranges = zip(activations, figure.network.layers).map { NeuronsFigure.range(of: $0, activation: $1.activation) }
        plane = figure.network.shape[0] == 2 ? FitFigure.plane(of: figure.data) : nil
        samples = figure.samples
        inputs = figure.inputsPiece
    }

    /// The functions of a network of one or two inputs over its data's inputs, else nil.
    public init?(network: Network, data: Dataset) {
        guard let figure = try? NeuronsFigure(network: network, data: data, title: "") else { return nil }
        self.init(figure: figure)
    }

    /// Draws neuron `neuron` (0-based) of layer `layer` (1-based) in `rect`: its curve on the
    /// layer's scale (over a panel, with the scale's middle as a faint line), or its map.
    func draw(layer: Int, neuron: Int, in rect: Rect, on canvas: Canvas, theme: Theme, sizing: ChartSizing, panel: Bool) {
        let values = activations[layer - 1]
        let row = Array(values.values[(neuron * values.columns)..<((neuron + 1) * values.columns)])
        let range = ranges[layer - 1]
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
        // The activation's middle (0 for tanh, ½ for sigmoid) as a faint guide.
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
