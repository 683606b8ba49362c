import Charts
import Drawing
import NetworkEngine

/// The chain rule as a figure: one parameter's path to the cost of one example.
///
/// A row of nodes carries the forward values — the parameter, z^(l)_j, a^(l)_j, the output
/// a^(L) when the parameter lies below the output layer, and C_k — and each arrow between
/// them its local derivative, as a formula above and a number below. Under the row, δ of
/// each layer from the output down (the backward pass), then the product of the factors
/// that gives ∂C_k/∂p, in full precision: the number `eval` prints for this one example;
/// with several examples, the mean (or sum) over all of them follows, as `eval` prints it.
///
/// ```swift
/// let rule = try ChainRule(network: net, input: [0], target: [1], parameter: .single(weight: false, layer: 1))
/// let figure = ChainFigure(rule: rule, network: net, example: DiagramExample(number: 1, count: 1, input: [0], target: [1]),
///                          title: "The chain rule for $\\partial C_k/\\partial b^{(1)}$")
/// figure.draw(on: canvas, theme: .light)
/// ```
public struct ChainFigure: Sendable {
    public var rule: ChainRule
    public var network: Network
    public var example: DiagramExample
    /// ∂C/∂p over every example of the data (as `eval` prints it), shown when there are several.
    public var total: Double?
    public var title: Label
    /// Replaces the subtitle (empty: none).
    public var subtitleOverride: Label?
    public var textSizing: TextSizing = .talk
    /// Significant digits of the factors (the product is printed in full).
    public var precision = 4

    public init(rule: ChainRule, network: Network, example: DiagramExample, total: Double? = nil, title: Label) {
        self.rule = rule
        self.network = network
        self.example = example
        self.total = total
        self.title = title
    }

    // MARK: What the figure says

    /// A node of the forward row: a symbol over its value.
    struct Node {
        var symbol: Label
        /// One line, or a vector's entries one under another.
        var values: [Label]
        var isParameter = false
    }

    /// An arrow's local derivative: the symbol and the formula above, the number below.
    struct Edge {
        var symbol: Label
        var formula: Label
        var numbers: [Label]
    }

    private var format: ValueFormat { ValueFormat(digits: precision) }
    private var depth: Int { network.depth }
    private var isOutputLayer: Bool { rule.layer == depth }

    /// `a^{(l)}_{j}`, without the index where the layer has one neuron (as the seed writes the NOT neuron).
    private func symbol(_ letter: String, layer: Int, index: Int?) -> String {
        guard let index, network.shape[layer] > 1 else { return "\(letter)^{(\(layer))}" }
        return "\(letter)^{(\(layer))}_{\(index + 1)}"
    }

    private var parameterSymbol: String { rule.parameter.tex(in: network) }
    private var zSymbol: String { symbol("z", layer: rule.layer, index: rule.neuron) }
    private var aSymbol: String { symbol("a", layer: rule.layer, index: rule.neuron) }
    private var isWeight: Bool { rule.source != nil }
    /// The plain letter of the parameter (w or b) for the compact derivative symbols on arrows.
    private var parameterLetter: String { isWeight ? "w" : "b" }

    /// A vector as a column of its entries (long ones: the first two, ⋮ and the last).
    private func column(_ values: [Double]) -> [Label] {
        guard values.count > 4 else { return values.map(format.label) }
        return [format.label(values[0]), format.label(values[1]), "⋮", format.label(values[values.count - 1])]
    }

    private func values(_ values: [Double]) -> Label {
        values.count == 1 ? format.label(values[0]) : format.vector(values, limit: 3)
    }

    var nodes: [Node] {
        var nodes = [
            Node(symbol: .math(parameterSymbol), values: [format.label(rule.parameterValue)], isParameter: true),
            Node(symbol: .math(zSymbol), values: [format.label(rule.z)]),
            Node(symbol: .math(aSymbol), values: [format.label(rule.a)]),
        ]
        if !isOutputLayer { nodes.append(Node(symbol: .math("a^{(\(depth))}"), values: column(rule.output))) }
        nodes.append(Node(symbol: .math("C_k"), values: [format.label(rule.cost)]))
        return nodes
    }

    var edges: [Edge] {
        var edges: [Edge] = []
        let z = "\\partial z/\\partial \(parameterLetter)"
        if let source = rule.source {
            edges.append(Edge(symbol: .math(z), formula: Label("= $\(symbol("a", layer: rule.layer - 1, index: source))$"),
                              numbers: [format.label(rule.dzdp)]))
        } else {
            edges.append(Edge(symbol: .math(z), formula: "= 1", numbers: [format.label(rule.dzdp)]))
        }
        edges.append(Edge(symbol: "$\\partial a/\\partial z$", formula: Label("= ") + Self.derivativeFormula(rule.activation, z: rule.z),
                          numbers: [format.label(rule.dadz)]))
        if isOutputLayer {
            edges.append(Edge(symbol: "$\\partial C_k/\\partial a$", formula: "= $2(a - y)$", numbers: [format.label(rule.dCdOutput[rule.neuron])]))
        } else {
            let through = rule.layer + 1 == depth ? "layer \(depth)" : "layers \(rule.layer + 1)–\(depth)"
            edges.append(Edge(symbol: .math("\\partial a^{(\(depth))}/\\partial a"), formula: Label.plain(through),
                              numbers: column(rule.dOutputda)))
            edges.append(Edge(symbol: .math("\\partial C_k/\\partial a^{(\(depth))}"), formula: Label("= $2(a^{(\(depth))} - y)$"),
                              numbers: column(rule.dCdOutput)))
        }
        return edges
    }

    /// σ′(z) for the activation, as the seed writes tanh's: 1/cosh² z.
    static func derivativeFormula(_ activation: Activation, z: Double) -> Label {
        switch activation {
        case .tanh: return "$1/\\cosh^2 z$"
        case .sigmoid: return "$a(1 - a)$"
        case .relu: return z > 0 ? "1, as $z > 0$" : "0, as $z \\leq 0$"
        case .identity: return "1"
        }
    }

    /// δ of every layer from the output down to the parameter's.
    var deltaLines: [Label] {
        stride(from: depth, through: rule.layer, by: -1).map { m in
            let delta = rule.deltas[m - 1]
            let name = m == rule.layer && delta.count > 1 ? symbol("\\delta", layer: m, index: rule.neuron) : "\\delta^{(\(m))}"
            let shown = m == rule.layer && delta.count > 1 ? format.label(delta[rule.neuron]) : values(delta)
            let z = m == rule.layer ? zSymbol : "z^{(\(m))}"
            return Label("$\(name) = \\partial C_k/\\partial \(z)$ = ") + shown
        }
    }

    /// The product, symbol by symbol and then in numbers, and the total over the data.
    var productLines: [Label] {
        let target = "\\partial C_k/\\partial \(parameterSymbol)"
        let factors = "\\partial C_k/\\partial a \\cdot \\partial a/\\partial z \\cdot \\partial z/\\partial \(parameterLetter)"
        var lines: [Label] = []
        if !isOutputLayer {
            lines.append(Label("$\\partial C_k/\\partial \(aSymbol) = \\sum_i \\partial C_k/\\partial a^{(\(depth))}_i \\cdot \\partial a^{(\(depth))}_i/\\partial \(aSymbol)$ = ")
                         + format.label(rule.dCda))
        }
        lines.append(Label("$\(target) = \(factors)$"))
        lines.append(Label("= (") + format.label(rule.dCda) + Label(") × (") + format.label(rule.dadz) + Label(") × (")
                     + format.label(rule.dzdp) + Label(") = ") + Label.plain(Self.full(rule.gradient)))
        return lines
    }

    var totalLine: Label? {
        guard let total, example.count > 1 else { return nil }
        let how = network.reduction == .mean ? "the mean" : "the sum"
        return Label("over all \(example.count) examples, \(how) of the $C_k$: $\\partial C/\\partial \(parameterSymbol)$ = ") + Label.plain(Self.full(total))
    }

    /// A number as `eval` prints it (the shortest text that reads back), with a true minus sign.
    static func full(_ value: Double) -> String {
        "\(value)".replacingOccurrences(of: "-", with: "\u{2212}")
    }

    var subtitlePieces: [Label] {
        if let subtitleOverride { return subtitleOverride.split(separator: " · ") }
        return [
            Label("example \(example.number) of \(example.count): $x$ = ") + format.vector(example.rawInput ?? example.input) + Label(", $y$ = ")
                + format.vector(example.target),
            Label("$C_k = \\sum_i (a^{(\(depth))}_i - y_i)^2$"),
            Label("arrows: local derivatives, formula above, value below"),
        ]
    }

    // MARK: Layout and drawing

    /// Where everything of the chain goes, from the top left of its block.
    struct Arrangement {
        var em: Double
        var nodes: [(node: Node, box: Rect)] = []
        var edges: [(edge: Edge, from: Double, to: Double)] = []
        var rowMid: Double = 0
        var lines: [(label: Label, font: Font, primary: Bool, origin: Point)] = []
        var size = (width: 0.0, height: 0.0)

        var symbolFont: Font { .sans(size: em * 1.3) }
        var valueFont: Font { .sans(size: em) }
        var edgeFont: Font { .sans(size: em * 0.9) }
        var lineHeight: Double { em * 1.35 }
        var pad: Double { em * 0.7 }
        var symbolHeight: Double { em * 1.9 }

        func moved(by dx: Double, _ dy: Double) -> Arrangement {
            var moved = self
            moved.nodes = nodes.map { ($0.node, Rect(x: $0.box.minX + dx, y: $0.box.minY + dy, width: $0.box.width, height: $0.box.height)) }
            moved.edges = edges.map { ($0.edge, $0.from + dx, $0.to + dx) }
            moved.rowMid = rowMid + dy
            moved.lines = lines.map { ($0.label, $0.font, $0.primary, Point(x: $0.origin.x + dx, y: $0.origin.y + dy)) }
            return moved
        }
    }

    /// The chain's row, the δ lines and the product at text size `em`, from (0, 0).
    func arrange(em: Double, text: Measuring) -> Arrangement {
        var result = Arrangement(em: em)
        let nodes = self.nodes, edges = self.edges
        let pad = result.pad, lineHeight = result.lineHeight
        let widths = nodes.map { node in
            ([node.symbol] + node.values).enumerated().map { index, label in
                text.measure(label, font: index == 0 ? result.symbolFont : result.valueFont).width
            }.max()! + 2 * pad
        }
        let rows: Int = nodes.map(\.values.count).max() ?? 1
        let nodeHeight: Double = pad + result.symbolHeight + Double(rows) * lineHeight + pad * 0.8
        let gaps = edges.map { edge in
            max(([edge.symbol, edge.formula] + edge.numbers).map { text.measure($0, font: result.edgeFont).width }.max()! + em * 1.2, em * 3)
        }
        let above: Double = 2 * lineHeight + em * 0.3
        let below: Double = Double(edges.map(\.numbers.count).max() ?? 1) * lineHeight
        var x = 0.0
        for (index, node) in nodes.enumerated() {
            let box = Rect(x: x, y: above, width: widths[index], height: nodeHeight)
            result.nodes.append((node, box))
            x = box.maxX
            if index < edges.count {
                result.edges.append((edges[index], x, x + gaps[index]))
                x += gaps[index]
            }
        }
        let rowWidth = x
        // Arrows at the height of the first value line's middle: where a scalar node's centre is.
        result.rowMid = above + min(nodeHeight / 2, pad + result.symbolHeight + lineHeight * 0.5)
        var y: Double = max(above + nodeHeight, result.rowMid + em * 0.45 + below) + em * 1.2
        for line in deltaLines {
            y += lineHeight
            result.lines.append((line, result.valueFont, false, Point(x: 0, y: y)))
        }
        y += em * 0.6
        var all = productLines.map { ($0, true) }
        if let totalLine { all.append((totalLine, false)) }
        let productFont = Font.sans(size: em * 1.15)
        for (line, primary) in all {
            y += lineHeight * 1.2
            result.lines.append((line, primary ? productFont : result.valueFont, primary, Point(x: 0, y: y)))
        }
        let widest: Double = result.lines.map { text.measure($0.label, font: $0.font).width }.max() ?? 0
        result.size = (max(rowWidth, widest), y + em * 0.4)
        return result
    }

    /// Where everything goes: the chain as large as the room allows (up to 1.5 times the
    /// figure's text size; smaller only when it would not fit), centred below the titles.
    struct Layout {
        var sizing: ChartSizing
        var titles: TitleBlock.Layout
        var chain: Arrangement
        /// Whether the chain fits the figure at the figure's text size (else it is set smaller).
        var fits: Bool
    }

    func layout(on canvas: Canvas) -> Layout {
        let sizing = textSizing.sizing(for: canvas.bounds)
        let inner = canvas.bounds.inset(by: sizing.padding)
        let titles = TitleBlock(title: title, subtitlePieces: subtitlePieces).layout(in: inner, text: canvas, sizing: sizing)
        let content = titles.content
        let trial = arrange(em: sizing.em, text: canvas)
        let room: Double = min(content.width / trial.size.width, content.height / trial.size.height)
        // Larger where there is room; smaller where there is not, rather than off the page.
        let chain = room >= 1 ? (room > 1 ? arrange(em: sizing.em * min(room * 0.95, 1.5), text: canvas) : trial)
            : arrange(em: sizing.em * room * 0.98, text: canvas)
        let dx: Double = content.minX + max(0, (content.width - chain.size.width) / 2)
        let dy: Double = content.minY + max(0, (content.height - chain.size.height) / 2)
        return Layout(sizing: sizing, titles: titles, chain: chain.moved(by: dx, dy), fits: room >= 1)
    }

    /// Draws the figure, background included.
    ///
    /// - Returns: false when the chain does not fit the figure at its text size (it is set smaller).
    @discardableResult
    public func draw(on canvas: Canvas, theme: Theme) -> Bool {
        let layout = self.layout(on: canvas)
        let chain = layout.chain, em = chain.em
        canvas.fillBackground(theme.background)
        TitleBlock(title: title, subtitlePieces: subtitlePieces).emit(layout.titles, on: canvas, theme: theme, sizing: layout.sizing)
        let width = max(1.25, em * 0.1)
        let accent = theme.palette.count > 1 ? theme.palette[1] : theme.foreground
        for (node, box) in chain.nodes {
            canvas.rectangle(box)
            canvas.fill(node.isParameter ? accent.mixed(with: theme.background, 0.75) : theme.panel)
            canvas.rectangle(box)
            canvas.stroke(node.isParameter ? accent : theme.axis, style: StrokeStyle(width: width))
            canvas.draw(node.symbol, font: chain.symbolFont, color: theme.foreground,
                        at: Point(x: box.midX, y: box.minY + chain.pad + chain.symbolHeight * 0.75), anchor: TextAnchor(.center, .baseline))
            for (index, value) in node.values.enumerated() {
                let baseline: Double = box.minY + chain.pad + chain.symbolHeight + chain.lineHeight * (Double(index) + 0.8)
                canvas.draw(value, font: chain.valueFont, color: theme.foreground, at: Point(x: box.midX, y: baseline),
                            anchor: TextAnchor(.center, .baseline))
            }
        }
        let y = chain.rowMid
        let head: Double = em * 0.45
        for (edge, from, to) in chain.edges {
            let start: Double = from + em * 0.2, end: Double = to - em * 0.2
            canvas.polyline([Point(x: start, y: y), Point(x: end - head, y: y)])
            canvas.stroke(theme.foreground, style: StrokeStyle(width: width))
            canvas.move(to: Point(x: end, y: y))
            canvas.line(to: Point(x: end - head, y: y - head * 0.55))
            canvas.line(to: Point(x: end - head, y: y + head * 0.55))
            canvas.closePath()
            canvas.fill(theme.foreground)
            let mid: Double = (from + to) / 2
            canvas.draw(edge.formula, font: chain.edgeFont, color: theme.foreground, at: Point(x: mid, y: y - em * 0.45),
                        anchor: TextAnchor(.center, .bottom))
            canvas.draw(edge.symbol, font: chain.edgeFont, color: theme.foreground,
                        at: Point(x: mid, y: y - em * 0.45 - chain.lineHeight), anchor: TextAnchor(.center, .bottom))
            for (index, number) in edge.numbers.enumerated() {
                canvas.draw(number, font: chain.edgeFont, color: theme.foreground,
                            at: Point(x: mid, y: y + em * 0.45 + chain.lineHeight * Double(index)), anchor: TextAnchor(.center, .top))
            }
        }
        for line in chain.lines {
            canvas.draw(line.label, font: line.font, color: line.primary ? theme.foreground : theme.secondaryText, at: line.origin)
        }
        return layout.fits
    }
}
