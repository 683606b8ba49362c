import ArgumentParser
import Charts
import Drawing
import Figures
import Foundation
import NetfigSpec
import NetworkEngine

/// `netfig neurons SPEC -o FILE`: what every neuron computes, beside the network's fit.
struct Neurons: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw what every neuron computes: one small plot per neuron, by layer, and the fit.",
        discussion: """
            For a network of one input each plot is the neuron's activation against the
            input; for two inputs a map over the input plane, in the decision map's colours.
            A layer's plots share one scale, said above the column. With features (x1²,
            sin x1, …) the plots are over the data's own inputs, and a first column shows
            each feature's value there, named by its formula, each on its own scale. Beside
            them, the network's output against the targets (as netfig fit draws it), where
            fit can draw the network's shape.

            Examples:
              netfig neurons assets/heart.yaml -o output/heart-neurons.png --train
              netfig neurons assets/xor.yaml -o output/xor-neurons.pdf --train
              netfig neurons assets/xor-features.yaml -o xor-features-neurons.png --train
              netfig neurons assets/not.yaml -o not-neurons.svg
            """
    )

    @Argument(help: "The spec file (YAML or JSON).")
    var spec: String

    @OptionGroup var figure: FigureOptions

    @OptionGroup(title: "Training") var training: TrainingArguments

    @Flag(help: "Train first (the spec's training settings, or the options below) and draw the trained network.")
    var train = false

    @Option(name: .customLong("max-neurons"), parsing: .unconditional, help: ArgumentHelp("Layers with more neurons show the first and last few around \"⋮\" (at least 3). Example: --max-neurons 8", valueName: "N"))
    var maxNeurons: Int = 12

    func validate() throws {
        guard maxNeurons >= 3 else { throw ValidationError("--max-neurons \(maxNeurons): expected 3 or more") }
        if !train && !training.isEmpty { throw ValidationError("--steps, --rate and --optimizer go with --train") }
    }

    func run() throws {
        guard case .figure(let format) = try figure.target(allowingCSV: false) else { return }
        let loaded = try SpecFile.load(spec)
        let data = try loaded.requireData(for: "neurons")
        var network = loaded.network
        do {
            try NeuronsError.check(network, features: loaded.features)
        } catch let error as NeuronsError {
            throw FailureReport.usage("\(spec): \(error)")
        }
        let canvas = try Canvas(width: figure.width, height: figure.height, format: format, scale: figure.scale)
        var state = "at the spec's parameters"
        if train {
            let options = training.options(for: loaded)
            state = "after \(options.steps) steps of \(options.optimizer.rawValue) at rate \(RateText.format(options.rate))"
            let progress = Progress("training: step", total: options.steps, quiet: figure.quiet)
            network = try Trainer(options: options).train(network, on: data, recordingCosts: false,
                                                          progress: progress.update).network
            progress.finish()
        }
        var neurons = try NeuronsFigure(network: network, data: loaded.rawData ?? data, features: loaded.features,
                                        title: figure.titleLabel(loaded, fallback: "What each neuron of \(Provenance.fileName(spec)) computes"))
        neurons.subtitleOverride = figure.subtitle.map { Label($0) }
        neurons.textSizing = .context(figure.context)
        neurons.maxNeurons = maxNeurons
        neurons.state = state
        neurons.draw(on: canvas, theme: figure.theme.theme)
        try canvas.write(to: figure.output, metadata: Provenance.metadata(loaded))
    }
}
