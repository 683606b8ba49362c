import ArgumentParser
import Charts
import Drawing
import Figures
import Foundation
import NetfigSpec
import NetworkEngine

/// `netfig fit SPEC -o FILE`: what the network computes, against its targets.
struct Fit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw what the network computes against its targets.",
        discussion: """
            1 → 1 networks: the function a(x) with the examples. 1 → 2: the curve the
            network draws as x runs over the inputs, against the target curve (the
            course's heart). 2 → 1: a decision map over the input plane, the 0.5
            boundary and the examples. Shapes count the data's inputs: with features
            (x1², sin x1, …) the map is still over x1 and x2. Held-out test examples
            are drawn within a dark ring. --by-example draws the cost example by
            example instead, for any shape. -o FILE.csv writes inputs, outputs and
            targets for every example (any shape); with test examples, their rows
            follow and a last column, set, says train or test.

            Examples:
              netfig fit assets/heart.yaml -o output/heart-fit-before.png
              netfig fit assets/heart.yaml -o output/heart-fit-after.png --train
              netfig fit assets/heart.yaml -o output/heart-drawing.png --history 500
              netfig fit assets/xor.yaml -o output/xor-map.png --train
              netfig fit assets/spiral.yaml -o spiral.png --train --discretize
              netfig fit assets/sine.yaml -o sine.png --train --residuals
              netfig fit assets/heart.yaml -o costs.png --train --by-example
              netfig fit assets/not.yaml -o fit.csv
            """
    )

    @Argument(help: "The spec file (YAML or JSON).")
    var spec: String

    @OptionGroup var figure: FigureOptions

    @OptionGroup(title: "Training") var training: TrainingArguments

    @Flag(help: "Train first (the spec's training settings, or the options below) and draw the trained network.")
    var train = false

    @Option(parsing: .unconditional, help: ArgumentHelp("Train, and draw the output every k steps translucently behind the final one (the course's plot), e.g. --history 100.", valueName: "k"))
    var history: Int?

    @Option(help: "For a decision map: equal (one unit of x1 as long as one of x2, the default) or auto (each axis fills the plot).")
    var aspect: Aspect = .equal

    @Option(name: .customLong("x-range"), parsing: .unconditional, help: ArgumentHelp("For a 1 → 1 function: the inputs it is drawn over, e.g. --x-range -4:4 to show the whole tanh (default: the examples' range).", valueName: "a:b"), transform: ValueRange.parse)
    var xRange: ValueRange?

    @Flag(help: "For a decision map: colour the plane by the class the network gives (above or below the boundary's level), as Playground's \"discretize output\".")
    var discretize = false

    @Flag(help: "For a 1 → 1 function: a segment from each example's target to the network's output at its input.")
    var residuals = false

    @Flag(help: "The cost, example by example, for any shape: each output against its target with the residual between, a panel per output (up to 3), and each example's cost C_k.")
    var byExample = false

    /// Beyond this many faint curves a figure turns to mud; k is raised to stay under it.
    static let maxHistoryCurves = 200

    func validate() throws {
        if let history, history < 1 { throw ValidationError("--history \(history): expected 1 or more steps between curves") }
        if byExample, history != nil || discretize || residuals || xRange != nil {
            throw ValidationError("--by-example draws every example at the final parameters: expected no --history, --discretize, --residuals or --x-range")
        }
        if !train && history == nil && !training.isEmpty {
            throw ValidationError("--steps, --rate and --optimizer go with --train or --history")
        }
    }

    func run() throws {
        let target = try figure.target(allowingCSV: true)
        let loaded = try SpecFile.load(spec, needs: .examples(for: "fit"))
        let data = try loaded.requireData(for: "fit")
        let raw = loaded.rawData ?? data
        let rawShape = [raw.inputWidth] + loaded.network.shape.dropFirst()
        let kind = FitFigure.kind(inputs: raw.inputWidth, outputs: data.targetWidth)
        var canvas: Canvas?
        if case .figure(let format) = target {
            guard kind != nil || byExample else {
                throw FailureReport.usage("\(spec): \(FitError.unsupportedShape(rawShape))")
            }
            if byExample, data.targetWidth > ExampleCostFigure.maxOutputs {
                throw FailureReport.usage("--by-example: \(Provenance.fileName(spec)) has \(data.targetWidth) outputs; expected up to \(ExampleCostFigure.maxOutputs), a panel each (eval prints every example's outputs and C_k)")
            }
            canvas = try Canvas(width: figure.width, height: figure.height, format: format, scale: figure.scale)
        }
        let arrow = rawShape.map(String.init).joined(separator: " → ")
        if discretize, kind != .decisionMap, !byExample {
            throw FailureReport.usage("--discretize: \(Provenance.fileName(spec)) is \(arrow); expected a 2 → 1 network (--discretize colours a decision map by class)")
        }
        if residuals, kind != .function {
            throw FailureReport.usage("--residuals: \(Provenance.fileName(spec)) is \(arrow); expected a 1 → 1 network (--residuals draws each example's target to the network's output)")
        }

        var network = loaded.network
        var earlier: [Network] = []
        let options = training.options(for: loaded)
        let trains = train || history != nil
        if trains {
            var keep: Set<Int> = []
            if let history {
                let every = max(history, options.steps / Self.maxHistoryCurves)
                keep = Set(stride(from: 0, to: options.steps, by: every))
            }
            let progress = Progress("training: step", total: options.steps, quiet: figure.quiet)
            let result = try Trainer(options: options).train(network, on: data, keeping: keep, recordingCosts: false,
                                                             progress: progress.update)
            progress.finish()
            network = result.network
            earlier = result.snapshots.keys.sorted().compactMap { result.snapshots[$0] }
        }

        guard let canvas else {
            try FileOutput.write(Array(FitFigure.csv(network: network, data: raw, features: loaded.features, test: loaded.rawTest).utf8), to: figure.output)
            return
        }
        let cost = network.cost(data)
        var subtitle = "\(network.shape.map(String.init).joined(separator: " → ")), \(data.count) example\(data.count == 1 ? "" : "s")"
        if let test = loaded.test {
            subtitle = "\(network.shape.map(String.init).joined(separator: " → ")), \(data.count) training and \(test.count) test example\(test.count == 1 ? "" : "s")"
        }
        subtitle += " · "
        if trains {
            subtitle += "after \(options.steps) steps of \(options.optimizer.rawValue) at rate \(RateText.format(options.rate))"
            if !earlier.isEmpty {
                subtitle += kind == .decisionMap ? ", earlier boundaries faint" : ", earlier outputs faint"
            }
        } else {
            subtitle += "at the spec's parameters"
        }
        if byExample {
            var examples = ExampleCostFigure(network: network, data: data, test: loaded.test,
                                             title: figure.titleLabel(loaded, fallback: "The cost of each example of \(Provenance.fileName(spec))"),
                                             subtitle: figure.subtitleLabel(Label.plain(subtitle)))
            examples.textSizing = .context(figure.context)
            examples.draw(on: canvas, theme: figure.theme.theme)
            return try canvas.write(to: figure.output, metadata: Provenance.metadata(loaded))
        }
        var costs = Label("$C$ = ") + TickFormatter.compact(cost)
        if let test = loaded.test { costs = costs + Label(", test $C$ = ") + TickFormatter.compact(network.cost(test)) }
        var fit = try FitFigure(network: network, data: raw, features: loaded.features, test: loaded.rawTest, history: earlier,
                                title: figure.titleLabel(loaded, fallback: "What \(Provenance.fileName(spec)) computes"),
                                subtitle: figure.subtitleLabel(Label.plain(subtitle + " · ") + costs))
        fit.equalAspect = aspect == .equal
        fit.discretize = discretize
        fit.residuals = residuals
        if let xRange {
            guard fit.kind == .function else {
                throw FailureReport.usage("--x-range: \(Provenance.fileName(spec)) is \(network.shape.map(String.init).joined(separator: " → ")); expected a 1 → 1 network (--x-range sets the inputs a function is drawn over)")
            }
            fit.inputWindow = xRange.range
        }
        fit.textSizing = .context(figure.context)
        fit.draw(on: canvas, theme: figure.theme.theme)
        try canvas.write(to: figure.output, metadata: Provenance.metadata(loaded))
    }
}
