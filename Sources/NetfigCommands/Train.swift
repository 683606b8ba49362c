import ArgumentParser
import Charts
import Drawing
import Figures
import Foundation
import NetfigSpec
import NetworkEngine

/// `netfig train SPEC -o FILE`: trains and writes the training curve (or its numbers).
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train the network and write its training curve.",
        discussion: """
            Trains with the spec's `training:` settings, overridden by the options
            below, and writes cost against step: a figure (.png, .svg, .pdf; log scale
            when the cost spans decades) or the numbers (.csv: step,cost in full
            precision). With test examples (data: {…, test: 0.3}) the figure draws
            the test cost too and the CSV has a test_cost column; with a penalty
            (training: {l2: λ} or {l1: λ}) the CSV has a regularized_cost column,
            the cost plus the penalty, which is what training minimises.

            Examples:
              netfig train assets/heart.yaml -o output/heart-curve.png
              netfig train assets/heart.yaml -o output/heart-curve.pdf --steps 50000
              netfig train assets/not.yaml -o curve.csv --rate 0.2 --optimizer momentum
              netfig train assets/heart.yaml -o curve.svg --save heart-trained.yaml
            """
    )

    @Argument(help: "The spec file (YAML or JSON).")
    var spec: String

    @OptionGroup var figure: FigureOptions

    @OptionGroup(title: "Training") var training: TrainingArguments




    @Option(parsing: .unconditional, help: "Plot (and write to CSV) every k-th step, e.g. --every 100; the last step is always included.")
    var every: Int = 1

    @Option(help: ArgumentHelp("Also write the trained network as a spec (.yaml, .yml or .json) that every command accepts, e.g. --save trained.yaml.", valueName: "trained-spec"))
    var save: String?

    func validate() throws {
        guard every >= 1 else { throw ValidationError("--every \(every): expected 1 or more") }
        if let save, !Self.specExtensions.contains(where: { save.lowercased().hasSuffix($0) }) {
            throw ValidationError("--save \(save): expected a file name ending in .yaml, .yml or .json")
        }
    }

    static let specExtensions = [".yaml", ".yml", ".json"]

    func run() throws {
        let target = try figure.target(allowingCSV: true)
        let loaded = try SpecFile.load(spec, needs: .examples(for: "train"))
        let data = try loaded.requireData(for: "train")
        let options = training.options(for: loaded)
        // Made before training, so a missing font fails at once rather than after the work.
        var canvas: Canvas?
        if case .figure(let format) = target {
            canvas = try Canvas(width: figure.width, height: figure.height, format: format, scale: figure.scale)
        }

        // The curve keeps what its pixels can show, and the CSV's rows go to its file as
        // training runs: neither holds every step of a long run.
        var points = BoundedSeries(pixels: figure.width * figure.scale)
        var testPoints = loaded.test == nil ? nil : BoundedSeries(pixels: figure.width * figure.scale)
        let regularized = !options.regularization.isNone
        let csv = try canvas == nil ? FileOutput.Stream(to: figure.output) : nil
        defer { csv?.abandon() }
        csv?.write(TrainingCurve.csvHeader(testCost: loaded.test != nil, regularizedCost: regularized))
        let steps = options.steps, every = self.every
        let progress = Progress("training: step", total: steps, quiet: figure.quiet)
        let history = try BenchmarkTiming.measure("training") {
            try Trainer(options: options).train(loaded.network, on: data, testing: loaded.test, recordingCosts: false,
                                                observe: { s in
                guard TrainingCurve.records(s.step, of: steps, every: every) else { return }
                points.append(x: s.step, y: s.cost)
                // Only at the recorded steps: the test examples' pass is skipped for the rest.
                let testCost = s.testCost()
                if let testCost { testPoints?.append(x: s.step, y: testCost) }
                csv?.write(TrainingCurve.csvRow(step: s.step, cost: s.cost, testCost: testCost,
                                                regularizedCost: regularized ? s.regularizedCost : nil))
            }, progress: progress.update)
        }
        progress.finish()

        if let canvas {
            let subtitle = Self.subtitle(loaded.network, options, examples: data.count, testExamples: loaded.test?.count)
            var curve = TrainingCurve(points: points, testPoints: testPoints,
                                      title: figure.titleLabel(loaded, fallback: "Training \(Provenance.fileName(spec))"),
                                      subtitle: figure.subtitleLabel(Label.plain(subtitle)))
            curve.textSizing = .context(figure.context)
            curve.draw(on: canvas, theme: figure.theme.theme)
            try canvas.write(to: figure.output, metadata: Provenance.metadata(loaded))
        } else {
            try csv?.finish()
        }

        if let save {
            try saveTrained(history.network, options: options, loaded: loaded, data: data, to: save)
        }
    }

    private func saveTrained(_ network: Network, options: TrainingOptions, loaded: LoadedSpec, data: Dataset, to path: String) throws {
        let from = URL(fileURLWithPath: spec).deletingLastPathComponent()
        let to = URL(fileURLWithPath: path).deletingLastPathComponent()
        let trained = loaded.spec.replacingParameters(with: network).relocatingData(from: from, to: to)
        let text: String
        if path.lowercased().hasSuffix(".json") {
            text = try SpecWriter.json(trained)
        } else {
            let cost = network.cost(data)
            var costs = "final C = \(cost)"
            if let test = loaded.test { costs += ", test C = \(network.cost(test))" }
            if !options.regularization.isNone { costs += ", C + R = \(cost + options.regularization.penalty(network))" }
            let comment = """
                Trained by netfig \(Netfig.version) from \(Provenance.fileName(spec)) (spec hash \(loaded.hash)):
                \(options.steps) steps of \(options.optimizer.rawValue) at rate \(RateText.format(options.rate)); \(costs)
                """
            text = SpecWriter.yaml(trained, comment: comment)
        }
        try FileOutput.write(Array(text.utf8), to: path)
    }

    /// "1 → 6 → 7 → 2 sigmoid · gd, rate 7 · 10000 steps, full batch of 100", then the test
    /// examples and the penalty when there are any: "· 30 test examples · l2 0.001".
    static func subtitle(_ network: Network, _ options: TrainingOptions, examples: Int, testExamples: Int? = nil) -> String {
        let activations = network.layers.map(\.activation.rawValue)
        let activationText = Set(activations).count == 1 ? activations[0] : activations.joined(separator: "/")
        let shape = network.shape.map(String.init).joined(separator: " → ")
        let batch = options.batchSize.map { $0 < examples ? "batches of \($0) from \(examples)" : "full batch of \(examples)" } ?? "full batch of \(examples)"
        let rate = RateText.format(options.rate)
        var text = "\(shape) \(activationText) · \(options.optimizer.rawValue), rate \(rate) · \(options.steps) steps, \(batch)"
        if options.noise > 0 { text += " · noise \(RateText.format(options.noise))" }
        if let testExamples { text += " · \(testExamples) test example\(testExamples == 1 ? "" : "s")" }
        if options.regularization.l2 > 0 { text += " · l2 \(RateText.format(options.regularization.l2))" }
        if options.regularization.l1 > 0 { text += " · l1 \(RateText.format(options.regularization.l1))" }
        return text
    }
}

extension Optimizer: ExpressibleByArgument {}
