import ArgumentParser
import Charts
import Drawing
import Figures
import Foundation
import NetfigSpec
import NetworkEngine

/// `netfig chain SPEC -o FILE`: the chain rule for one parameter and one example.
struct Chain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw the chain rule: one parameter's path to the cost of one example.",
        discussion: """
            The forward values along the path (the parameter, z, a, the output and C_k), the
            local derivative on each arrow as a formula and a number, δ of every layer from
            the output down, and their product: ∂C_k/∂w in full precision, the number eval
            prints for that example alone. With several examples the figure also gives
            ∂C/∂w over all of them, as eval prints it.

            Examples:
              netfig chain assets/not-derivative.yaml -o chain.png --weight b1
              netfig chain assets/heart.yaml -o heart-chain.pdf --weight 'W1[3,1]' --example 40
              netfig chain assets/hidden-layer.yaml -o c.svg --weight 'W2[1,3]'
            """
    )

    @Argument(help: "The spec file (YAML or JSON).")
    var spec: String

    @OptionGroup var figure: FigureOptions

    @Option(help: ArgumentHelp("The parameter whose derivative is drawn, a weight or a bias in the seed's names (default: the first layer's first weight). Example: --weight 'W2[1,3]' or --weight b1", valueName: "PARAM"))
    var weight: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("The example (1-based, in the spec's data) whose cost C_k the chain ends in. Example: --example 2", valueName: "k"))
    var example: Int = 1

    @Option(parsing: .unconditional, help: ArgumentHelp("Significant digits of the factors (1 to 15; the product is always in full). Example: --precision 6", valueName: "digits"))
    var precision: Int = 4

    func validate() throws {
        guard example >= 1 else { throw ValidationError("--example \(example): expected 1 or more (examples are numbered from 1)") }
        guard (1...15).contains(precision) else { throw ValidationError("--precision \(precision): expected 1 to 15 significant digits") }
    }

    func run() throws {
        guard case .figure(let format) = try figure.target(allowingCSV: false) else { return }
        let loaded = try SpecFile.load(spec, needs: .examples(for: "chain"))
        let network = loaded.network, data = try loaded.requireData(for: "chain")
        let parameter = try ParameterChoice.resolve(weight, option: "--weight", fallback: .weight(layer: 1, row: 1, column: 1), in: network)
        guard example <= data.count else {
            throw FailureReport.usage("--example \(example): \(Provenance.fileName(spec)) has \(data.count) example\(data.count == 1 ? "" : "s"); expected 1 to \(data.count)")
        }
        let canvas = try Canvas(width: figure.width, height: figure.height, format: format, scale: figure.scale)
        let input = data.inputs.column(example - 1), target = data.targets.column(example - 1)
        let rule = try ChainRule(network: network, input: input, target: target, parameter: parameter)
        let total = data.count > 1 ? network.gradients(data).gradients[parameter] : nil
        let name = "$\\partial C_k/\\partial \(parameter.tex(in: network))$"
        var chart = ChainFigure(rule: rule, network: network,
                                example: DiagramExample(number: example, count: data.count, input: input, target: target,
                                                        rawInput: loaded.rawData?.inputs.column(example - 1)),
                                total: total, title: figure.titleLabel(loaded, fallback: "The chain rule for \(name)"))
        chart.subtitleOverride = figure.subtitle.map { Label($0) }
        chart.textSizing = .context(figure.context)
        chart.precision = precision
        if !chart.draw(on: canvas, theme: figure.theme.theme) {
            Terminal.error("note: the chain is set smaller than --context \(figure.context.rawValue) asks, to fit the figure; a wider figure (--width) gives it room.")
        }
        try canvas.write(to: figure.output, metadata: Provenance.metadata(loaded))
    }
}
