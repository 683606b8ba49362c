import ArgumentParser
import Charts
import Drawing
import Figures
import Foundation
import NetfigSpec
import NetworkEngine

/// `netfig diagram SPEC -o FILE`: the network diagram, weights or the backward pass.
struct Diagram: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw the network: neurons in layers, edges coloured and sized by weight.",
        discussion: """
            Each edge is coloured by its weight on a diverging scale centred at 0 and
            stroked wider as |w| grows; the print theme also dashes negative weights.
            Labels use the seed's notation (a^(l)_i on neurons, w^(l)_ij on edges,
            b^(l)_i on biases) or the numbers. Labels that find no room along their
            edges are left out, and the figure says so. A spec that gives no weights,
            biases or init (layers alone, say) is drawn as its architecture: every edge
            alike, no colour bar or width key (--color weights draws the seeded ones).
            With features, the input column shows their formulas (x₁², sin x₁), and
            --neurons functions plots every neuron over the data's own inputs, the
            features' values in the input column; a spec's labels: {layers: […],
            neurons: [[…], …]} names layers and neurons.

            Examples:
              netfig diagram assets/hidden-layer.yaml -o output/hidden.png
              netfig diagram assets/vector-layer.yaml -o v.svg --labels values
              netfig diagram assets/heart.yaml -o heart.pdf --orientation vertical
              netfig diagram assets/vector-layer.yaml -o w.png --weight-range 8
              netfig diagram assets/vector-layer.yaml -o a.png --input 0.3,0.4,0.1
              netfig diagram assets/not.yaml -o b.png --color gradients --example 2
              netfig diagram assets/heart.yaml -o h.png --max-neurons 4 --biases
              netfig diagram assets/xor.yaml -o x.png --neurons functions
              netfig diagram assets/architecture.yaml -o arch.svg
            """
    )

    @Argument(help: "The spec file (YAML or JSON).")
    var spec: String

    @OptionGroup var figure: FigureOptions

    @Option(help: ArgumentHelp("symbols (a^(l)_i, w^(l)_ij, b^(l)_i), values (the numbers) or none. Example: --labels values", valueName: "mode"))
    var labels: LabelModeArgument = .symbols

    @Option(parsing: .unconditional, help: ArgumentHelp("Significant digits of the numbers written (1 to 15). Example: --precision 2", valueName: "digits"))
    var precision: Int = 3

    @Option(help: ArgumentHelp("horizontal (input at the left) or vertical (input at the top). Example: --orientation vertical", valueName: "direction"))
    var orientation: OrientationArgument = .horizontal

    @Option(name: .customLong("weight-range"), parsing: .unconditional, help: ArgumentHelp("The colour and width scales run from −R to R (default: the largest |w|), so several diagrams can share one scale. Example: --weight-range 5", valueName: "R"))
    var weightRange: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("Fill each neuron by its activation for this input, one value per input of the data (with features, the data's x1, x2, …), comma-separated. Example: --input 0.3,0.4,0.1", valueName: "x1,x2,…"))
    var input: String?

    @Option(help: ArgumentHelp("weights (the forward view), gradients (∂C_k/∂w for --example k, and δ on the neurons: the backward pass) or none (every edge alike: the architecture). Default: weights, or none for a spec that gives no weights, biases or init. Example: --color gradients", valueName: "what"))
    var color: ColoringArgument?

    @Option(parsing: .unconditional, help: ArgumentHelp("The example (1-based, in the spec's data) whose backward pass --color gradients draws. Example: --example 2", valueName: "k"))
    var example: Int?

    @Option(name: .customLong("max-neurons"), parsing: .unconditional, help: ArgumentHelp("Layers with more neurons show the first and last few around \"⋮\" and a count (at least 3). Example: --max-neurons 8", valueName: "N"))
    var maxNeurons: Int = 12

    @Flag(help: "Draw each neuron's bias as a small square coloured on the same scale, labelled b^(l)_i. Example: --biases")
    var biases = false

    @Option(help: ArgumentHelp("circles, or functions: each neuron drawn as a small plot of what it computes over the data's inputs (a curve for one input, a map over the plane for two; for more, its activation for --input). Example: --neurons functions", valueName: "style"))
    var neurons: NeuronStyleArgument = .circles

    func validate() throws {
        guard (1...15).contains(precision) else { throw ValidationError("--precision \(precision): expected 1 to 15 significant digits") }
        if let weightRange, !(weightRange > 0 && weightRange.isFinite) {
            throw ValidationError("--weight-range \(weightRange): expected a finite number above 0")
        }
        guard maxNeurons >= 3 else { throw ValidationError("--max-neurons \(maxNeurons): expected 3 or more") }
        if let example, example < 1 { throw ValidationError("--example \(example): expected 1 or more (examples are numbered from 1)") }
        if example != nil && color != .gradients {
            throw ValidationError("--example needs --color gradients: it picks the example whose backward pass is drawn")
        }
        if input != nil && color == .gradients {
            throw ValidationError("--input cannot be combined with --color gradients: the backward pass uses the example's own input (choose it with --example k)")
        }
        if color == ColoringArgument.none, let asked = numbersAsked.first {
            throw ValidationError("\(asked) shows weights, which --color none leaves out (it draws the architecture alone)")
        }
        if let input { _ = try Self.parseInput(input) }
        if neurons == .functions && color == .gradients {
            throw ValidationError("--neurons functions draws what each neuron computes; it cannot be combined with --color gradients")
        }
    }

    /// "0.3,0.4,0.1" → [0.3, 0.4, 0.1].
    static func parseInput(_ text: String) throws -> [Double] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        var values: [Double] = []
        for (index, part) in parts.enumerated() {
            guard let value = Double(part), value.isFinite else {
                throw ValidationError("--input \(text): value \(index + 1) '\(part)' is not a number; expected comma-separated numbers, e.g. --input 0.3,0.4,0.1")
            }
            values.append(value)
        }
        return values
    }

    /// The options that ask for the weights' numbers, as written.
    var numbersAsked: [String] {
        var asked: [String] = []
        if labels == .values { asked.append("--labels values") }
        if input != nil { asked.append("--input") }
        if biases { asked.append("--biases") }
        if weightRange != nil { asked.append("--weight-range") }
        return asked
    }

    /// What the edges show: as asked, else the weights, or the architecture alone for a spec
    /// that chose no parameters (its weights are a default draw) unless an option asks for
    /// the numbers.
    func coloring(_ loaded: LoadedSpec) -> ColoringArgument {
        if let color { return color }
        return loaded.givesParameters || !numbersAsked.isEmpty ? .weights : .none
    }

    /// The neurons' and layers' names: the spec's `labels:`, and the features' formulas
    /// beside the input column.
    static func names(_ loaded: LoadedSpec) -> (neurons: [[Label?]?]?, layers: [Label?]?, inputs: [Label]?) {
        let shape = loaded.network.shape
        let neurons: [[Label?]?] = shape.indices.map { l in
            guard let names = loaded.spec.labels?.neurons, l < names.count, !names[l].isEmpty else { return nil }
            return names[l].map { Label($0) }
        }
        var layers: [Label?] = shape.indices.map { l in
            guard let names = loaded.spec.labels?.layers, l < names.count else { return nil }
            return Label(names[l])
        }
        var inputs: [Label]?
        if let features = loaded.features {
            if neurons[0] == nil { inputs = features.list.map { Label.math($0.tex) } }
            if layers[0] == nil { layers[0] = Label("features $a^{(0)}$ of $x$") }
        }
        let anyNeuron = neurons.contains { $0 != nil }
        let anyLayer = layers.contains { $0 != nil }
        return (anyNeuron ? neurons : nil, anyLayer ? layers : nil, inputs)
    }

    /// "4 inputs", or "3 data inputs" when the network sees features of them: what neuron
    /// plots are drawn over, for a message.
    static func inputCount(_ loaded: LoadedSpec) -> String {
        let count = loaded.features?.rawWidth ?? loaded.network.shape[0]
        return "\(count) \(loaded.features == nil ? "" : "data ")input\(count == 1 ? "" : "s")"
    }

    func run() throws {
        guard case .figure(let format) = try figure.target(allowingCSV: false) else { return }
        let gradients = color == .gradients
        let loaded = try SpecFile.load(spec, needs: gradients ? .examples(for: "diagram --color gradients") : nil)
        let network = loaded.network
        let coloring = self.coloring(loaded)
        // Made before the work, so a missing font fails at once.
        let canvas = try Canvas(width: figure.width, height: figure.height, format: format, scale: figure.scale)

        let fallback = coloring == .gradients ? "Backpropagation in \(Provenance.fileName(spec))" : "Network \(Provenance.fileName(spec))"
        var diagram = NetworkDiagram(network: network, title: figure.titleLabel(loaded, fallback: fallback),
                                     subtitle: NetworkDiagram.shapeDescription(network))
        diagram.subtitleOverride = figure.subtitle.map { Label($0) }
        diagram.labels = labels.mode
        diagram.textSizing = .context(figure.context)
        diagram.precision = precision
        diagram.orientation = orientation.orientation
        diagram.weightRange = weightRange
        diagram.maxNeurons = maxNeurons
        diagram.showsBiases = biases
        (diagram.neuronNames, diagram.layerNames, diagram.inputNames) = Self.names(loaded)
        if let input {
            let values = try Self.parseInput(input)
            let width = loaded.features?.rawWidth ?? network.shape[0]
            let what = loaded.features == nil ? "input neuron" : "data input"
            guard values.count == width else {
                throw FailureReport.usage("--input has \(values.count) value\(values.count == 1 ? "" : "s") but \(Provenance.fileName(spec)) has \(width) \(what)\(width == 1 ? "" : "s"); expected \(width) comma-separated numbers")
            }
            if let features = loaded.features {
                diagram.input = features(values)
                diagram.rawInput = values
            } else {
                diagram.input = values
            }
        }
        // Over the input line or plane for 1 or 2 inputs; wider, a neuron's function has no
        // picture, and each neuron shows its activation for one input (--input).
        let plotted = (loaded.features?.rawWidth ?? network.shape[0]) <= 2
        if neurons == .functions, plotted {
            guard input == nil else {
                throw FailureReport.usage("--neurons functions: \(Provenance.fileName(spec)) has \(Self.inputCount(loaded)), so each neuron is drawn over every input; expected no --input (it goes with networks of 3 inputs or more)")
            }
            let data = try loaded.requireData(for: "diagram --neurons functions")
            guard let functions = NeuronFunctions(network: network, data: loaded.rawData ?? data, features: loaded.features) else {
                throw FailureReport.usage("--neurons functions: \(Provenance.fileName(spec)) has \(Self.inputCount(loaded)); expected 1 or 2 (a curve over the input line, a map over the plane)")
            }
            diagram.neuronFunctions = functions
        } else if neurons == .functions, input == nil {
            throw FailureReport.usage("--neurons functions: \(Provenance.fileName(spec)) has \(Self.inputCount(loaded)), too many to draw over; expected --input x1,x2,… to show each neuron's activation for one input")
        }
        switch coloring {
        case .gradients:
            let data = try loaded.requireData(for: "diagram --color gradients")
            let k = example ?? 1
            guard k <= data.count else {
                throw FailureReport.usage("--example \(k): \(Provenance.fileName(spec)) has \(data.count) example\(data.count == 1 ? "" : "s"); expected 1 to \(data.count)")
            }
            diagram.coloring = .gradients(DiagramExample(number: k, count: data.count,
                                                         input: data.inputs.column(k - 1), target: data.targets.column(k - 1),
                                                         rawInput: loaded.rawData?.inputs.column(k - 1)))
        case .none:
            diagram.coloring = .architecture
        case .weights:
            diagram.coloring = .weights
        }
        let theme = figure.theme.theme
        diagram.showsNotes = figure.notes
        let notes = diagram.draw(on: canvas, theme: theme)
        try canvas.write(to: figure.output, metadata: Provenance.metadata(loaded))
        // The terminal says what the figure left out and how to get it back (the figure too,
        // with --notes).
        for note in notes {
            Terminal.error("note: \(note) Text is sized for the figure (--context paper sets it smaller); --max-neurons and --labels none thin the figure.")
        }
    }
}

/// `--labels`: symbols, values or none.
enum LabelModeArgument: String, CaseIterable, ExpressibleByArgument {
    case symbols, values, none

    var mode: DiagramLabelMode {
        switch self {
        case .symbols: return .symbols
        case .values: return .values
        case .none: return .none
        }
    }
}

/// `--orientation`: horizontal or vertical.
enum OrientationArgument: String, CaseIterable, ExpressibleByArgument {
    case horizontal, vertical

    var orientation: DiagramOrientation { self == .horizontal ? .horizontal : .vertical }
}

/// `--neurons`: circles or functions.
enum NeuronStyleArgument: String, CaseIterable, ExpressibleByArgument {
    case circles, functions
}

/// `--color`: weights, gradients or none (the architecture).
enum ColoringArgument: String, CaseIterable, ExpressibleByArgument {
    case weights, gradients, none
}
