import ArgumentParser
import Charts
import Drawing
import Figures
import Foundation
import NetfigSpec
import NetworkEngine

/// `netfig profile SPEC --toward OTHER.yaml -o FILE`: the cost along the line between two
/// networks' parameters.
struct Profile: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw the cost along the line from the spec's parameters to another spec's.",
        discussion: """
            C(θ(α)) with θ(α) = (1 − α)θ₁ + αθ₂ (Goodfellow, Vinyals & Saxe 2015):
            θ₁ the spec's weights and biases (α = 0), θ₂ those of OTHER (α = 1), a
            spec of the same layers (only its weights and biases are used). The
            cost is over the spec's training examples, with its activations and
            cost; with test examples (data: {…, test: 0.3}) the test cost is
            drawn too. Both networks are marked on the line. -o FILE.csv writes
            alpha,cost (and test_cost) in full precision.

            Examples:
              netfig train assets/heart.yaml -o curve.png --save trained.yaml
              netfig profile assets/heart.yaml --toward trained.yaml -o profile.png
              netfig profile assets/heart.yaml --toward trained.yaml -o profile.csv \\
                  --range 0:1 --resolution 1001
              netfig profile a.yaml --toward b.yaml -o ab.pdf --range -1:2
            """
    )

    @Argument(help: "The spec file (YAML or JSON): θ₁, its data and activations.")
    var spec: String

    @OptionGroup var figure: FigureOptions

    @Option(help: ArgumentHelp("The other spec (YAML or JSON), of the same layers: θ₂, at α = 1, e.g. --toward trained.yaml.", valueName: "other"))
    var toward: String

    @Option(name: .customLong("range"), parsing: .unconditional, help: ArgumentHelp("The α interval a:b (default -0.5:1.5: both networks and beyond), e.g. --range 0:1.", valueName: "a:b"), transform: ValueRange.parse)
    var range: ValueRange?

    @Option(parsing: .unconditional, help: "Points along α (2 to \(Self.maxResolution)), e.g. --resolution 1001 (default 201).")
    var resolution: Int = 201

    static let maxResolution = 1_000_000

    func validate() throws {
        guard resolution >= 2, resolution <= Self.maxResolution else {
            throw ValidationError("--resolution \(resolution): expected 2 to \(Self.maxResolution)")
        }
    }

    func run() throws {
        let target = try figure.target(allowingCSV: true)
        let loaded = try SpecFile.load(spec)
        let data = try loaded.requireData(for: "profile")
        let other = try SpecFile.load(toward)
        guard other.network.shape == loaded.network.shape else {
            let shape = { (s: [Int]) in "[" + s.map(String.init).joined(separator: ", ") + "]" }
            throw FailureReport.usage("--toward \(toward): layers \(shape(other.network.shape)); expected \(shape(loaded.network.shape)), the layers of \(Provenance.fileName(spec))")
        }
        var canvas: Canvas?
        if case .figure(let format) = target {
            canvas = try Canvas(width: figure.width, height: figure.height, format: format, scale: figure.scale)
        }
        let alphas = range?.range ?? -0.5...1.5
        // θ₂'s weights and biases with θ₁'s activations and cost.
        var end = loaded.network
        for l in end.layers.indices {
            end.layers[l].W = other.network.layers[l].W
            end.layers[l].b = other.network.layers[l].b
        }
        let profile = BenchmarkTiming.measure("grid") {
            CostProfile(from: loaded.network, to: end, data: data, test: loaded.test, range: alphas, points: resolution)
        }
        let names = (Provenance.fileName(spec), Provenance.fileName(toward))
        var figureValue = CostProfileFigure(profile: profile, names: names,
                                            title: figure.titleLabel(loaded, fallback: "The cost from \(names.0) to \(names.1)"),
                                            subtitle: "")
        let ends = figureValue.endsLabel
        figureValue.subtitle = figure.subtitleLabel(subtitle(loaded) + (ends.isEmpty ? "" : Label(" · ") + ends))
        figureValue.textSizing = .context(figure.context)
        if let canvas {
            figureValue.draw(on: canvas, theme: figure.theme.theme)
            try canvas.write(to: figure.output, metadata: Provenance.metadata(loaded))
        } else {
            try FileOutput.write(Array(figureValue.csv.utf8), to: figure.output)
        }
    }

    /// "1 → 6 → 7 → 2, 100 examples · θ(α) = (1 − α)θ₁ + αθ₂ · 201 points", the formula as math.
    private func subtitle(_ loaded: LoadedSpec) -> Label {
        let shape = loaded.network.shape.map(String.init).joined(separator: " → ")
        let count = loaded.data?.count ?? 0
        var text = "\(shape), \(count) example\(count == 1 ? "" : "s")"
        if let test = loaded.test { text += " and \(test.count) test example\(test.count == 1 ? "" : "s")" }
        return Label.plain(text + " · ") + Label("$\\theta(\\alpha) = (1 - \\alpha)\\theta_1 + \\alpha\\theta_2$")
            + Label.plain(" · \(resolution) points")
    }
}
