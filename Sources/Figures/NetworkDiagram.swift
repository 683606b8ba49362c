import Charts
import Drawing
import NetworkEngine

/// The network diagram: neurons as circles in layers, each edge coloured by its weight on a
/// diverging scale centred at 0 and stroked wider as |w| grows, in the seed's notation or
/// with the numbers, with legends for both encodings.
///
/// A plain value: `layout(on:theme:)` measures the labels and decides every position;
/// `draw(on:theme:)` only paints that layout.
///
/// - Parameters:
///   - network: the network, at the parameters to show.
///   - title: the headline (e.g. the spec's file name).
///   - subtitle: what comes first in the second line, e.g. "3 → 2 tanh"; the diagram adds
///     what its colours stand for.
///   - labels: `.symbols` (a^{(l)}_i, w^{(l)}_{ij}, b^{(l)}_i), `.values` or `.none`.
///   - precision: significant digits of the numbers written.
///   - orientation: input at the left or at the top.
///   - weightRange: the colour scale runs from −range to +range (default: the largest |value|).
///   - input: fill every neuron by its activation for this input (one value per input
///     neuron, as the engine's forward pass requires).
///   - coloring: weights, or ∂C_k/∂w for one example (the backward pass); the example's
///     input and target must fit the network's input and output layers.
///   - maxNeurons: layers with more neurons show the first and last few around "⋮".
///   - showsBiases: a badge per neuron coloured by its bias, labelled b^{(l)}_i.
///   - dashesNegative: dash negative edges; nil follows the theme (the print theme dashes).
///
/// ```swift
/// let loaded = try SpecFile.load("assets/vector-layer.yaml")
/// var diagram = NetworkDiagram(network: loaded.network, title: "vector-layer.yaml", subtitle: "3 → 2 tanh")
/// diagram.labels = .values
/// let canvas = try Canvas(width: 960, height: 540, format: .png, scale: 2)
/// diagram.draw(on: canvas, theme: .light)
/// try canvas.write(to: "output/vector-layer.png")
/// ```
public struct NetworkDiagram: Sendable {
    public var network: Network
    public var title: Label
    public var subtitle: String
    public var labels: DiagramLabelMode = .symbols
    public var precision: Int = 3
    public var orientation: DiagramOrientation = .horizontal
    public var weightRange: Double?
    public var input: [Double]?
    public var coloring: DiagramColoring = .weights
    public var maxNeurons: Int = 12
    public var showsBiases: Bool = false
    /// What each neuron computes over the input line or plane, drawn in place of its circle
    /// (`--neurons functions`; inputs keep theirs, unless they are features named beside them).
    public var neuronFunctions: NeuronFunctions?
    public var dashesNegative: Bool?
    /// Write the notes on labels left out at the bottom of the figure (`--notes`); without,
    /// the command repeats them on the terminal only, and the figure keeps its room.
    public var showsNotes = false
    /// The whole subtitle instead of the shape and what the colours show (`--subtitle`; empty: none).
    public var subtitleOverride: Label?
    /// How large its text is (`--context`), or a larger figure's sizes when it is a cell of one.
    public var textSizing: TextSizing = .talk
    /// Names for the neurons, by layer (input first), in place of the seed's symbols: a
    /// spec's `labels.neurons`, or the features' formulas (x_1^2, \sin x_1) in the input
    /// column. Nil, or nil for a layer or neuron, keeps the symbol.
    public var neuronNames: [[Label?]?]?
    /// Names for the layers' captions in place of "input a^(0) = x", "hidden", "output" (a
    /// spec's `labels.layers`); nil for a layer keeps netfig's.
    public var layerNames: [Label?]?
    /// Names written beside the input neurons, one each (the features' formulas, x_1^2 and
    /// \sin x_1, which read as what each input is): left of the column laid out horizontally,
    /// where they keep their size however small the circles get; in the circles vertically.
    public var inputNames: [Label]?
    /// The data's own input behind `input`, when the network sees features of it: what the
    /// subtitle calls x.
    public var rawInput: [Double]?

    public init(network: Network, title: Label, subtitle: String = "") {
        self.network = network
        self.title = title
        self.subtitle = subtitle
    }

    /// The layer description netfig puts in a subtitle: "4 → 3 → 2 tanh".
    public static func shapeDescription(_ network: Network) -> String {
        let activations = network.layers.map(\.activation.rawValue)
        let activationText = Set(activations).count == 1 ? activations[0] : activations.joined(separator: "/")
        return network.shape.map(String.init).joined(separator: " → ") + " " + activationText
    }

    /// Measures and places everything; laid out a second time with room for notes when the
    /// first pass had to leave labels out and the figure shows its notes.
    ///
    /// The passes share what the note lines cannot change (the header, the colour scales,
    /// every text the geometry depends on), measured once.
    func layout(on canvas: Canvas, in frame: Rect? = nil, theme: Theme) -> DiagramLayout {
        let measures = DiagramLayout.Measures(diagram: self, canvas: canvas, theme: theme, frame: frame)
        let first = DiagramLayout(measures, canvas: canvas, theme: theme)
        guard showsNotes, !first.notes.isEmpty else { return first }
        let second = DiagramLayout(measures, canvas: canvas, theme: theme, noteLines: first.notes.count)
        if second.notes.count <= first.notes.count { return second }
        return DiagramLayout(measures, canvas: canvas, theme: theme, noteLines: second.notes.count)
    }

    /// Draws the diagram over the whole canvas.
    ///
    /// - Parameters:
    ///   - canvas: where to draw; its size decides font sizes and spacing.
    ///   - theme: colours; `print` also dashes negative edges.
    /// - Returns: the notes about labels it left out (written at the bottom of the figure
    ///   with `showsNotes`), for a command to say on the terminal.
    @discardableResult
    public func draw(on canvas: Canvas, in frame: Rect? = nil, theme: Theme) -> [String] {
        let layout = self.layout(on: canvas, in: frame, theme: theme)
        DiagramRenderer(layout: layout, theme: theme).draw(on: canvas)
        return layout.notes
    }

    // MARK: Text the layout asks for

    /// The subtitle's pieces, joined with " · " and wrapped by the layout.
    func subtitlePieces(numbers: DiagramNumbers) -> [Label] {
        if let subtitleOverride { return subtitleOverride.split(separator: " · ") }
        let format = ValueFormat(digits: precision)
        var pieces: [Label] = []
        if !subtitle.isEmpty { pieces.append(.plain(subtitle)) }
        switch coloring {
        case .architecture:
            pieces.append("edges: connections (no weights given)")
        case .weights:
            pieces.append("edges: colour and width show the weight $w^{(l)}_{ij}$")
            if let input {
                pieces.append(Label("neurons: activations $a^{(l)}_i$ for $x$ = ") + format.vector(rawInput ?? input))
            }
            if let neuronFunctions { pieces.append(Label("squares: ") + neuronFunctions.inputs) }
        case .gradients(let example):
            var piece = Label("backward pass for example \(example.number) of \(example.count): $x$ = ")
                + format.vector(example.rawInput ?? example.input) + Label(", $y$ = ") + format.vector(example.target)
            if let cost = numbers.exampleCost { piece = piece + Label(", $C_k$ = ") + format.label(cost) }
            pieces.append(piece)
            pieces.append("edges: $\\partial C_k/\\partial w^{(l)}_{ij} = \\delta^{(l)}_i a^{(l-1)}_j$")
            pieces.append("neurons: $\\delta^{(l)}_i = \\partial C_k/\\partial z^{(l)}_i$")
        }
        if showsBiases {
            let backward: Bool
            if case .gradients = coloring { backward = true } else { backward = false }
            pieces.append(backward ? "squares: $\\partial C_k/\\partial b^{(l)}_i$, same colours"
                                   : "squares: biases $b^{(l)}_i$, same colours")
        }
        return pieces
    }

    /// What neuron i of layer l says: its symbol, or its number where it has one.
    func neuronLabel(layer l: Int, index i: Int, numbers: DiagramNumbers, format: ValueFormat) -> Label? {
        let single = network.shape[l] == 1
        let backward: Bool
        if case .gradients = coloring { backward = true } else { backward = false }
        if labels != .none, neuronValue(layer: l, index: i, numbers: numbers) == nil,
           let names = neuronNames, l < names.count, let layer = names[l], i < layer.count, let name = layer[i] {
            return name
        }
        if labels != .none, l == 0, orientation == .vertical, neuronValue(layer: l, index: i, numbers: numbers) == nil,
           let inputNames, i < inputNames.count {
            return inputNames[i]
        }
        switch labels {
        case .none:
            return nil
        case .symbols:
            let symbol = (backward && l > 0) ? "\\delta" : "a"
            return .math(DiagramNotation.neuron(symbol, layer: l, index: i + 1, single: single))
        case .values:
            if let value = neuronValue(layer: l, index: i, numbers: numbers) { return format.label(value) }
            return .math(DiagramNotation.neuron("a", layer: l, index: i + 1, single: single))
        }
    }

    /// The number written in a neuron in values mode: a^{(l)}_i for `--input`, x_i and δ^{(l)}_i
    /// in the backward view, nil otherwise.
    func neuronValue(layer l: Int, index i: Int, numbers: DiagramNumbers) -> Double? {
        guard labels == .values, let neurons = numbers.neurons, l < neurons.count, i < neurons[l].count else { return nil }
        return neurons[l][i]
    }
}
