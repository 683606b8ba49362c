import ArgumentParser
import Charts
import Drawing
import Figures
import Foundation
import NetfigSpec
import NetworkEngine

/// `netfig surface SPEC --x PARAM --y PARAM -o FILE`: the exact cost over two parameters.
struct Surface: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw the cost over a grid of two parameters, with contours and the descent path.",
        discussion: """
            The exact cost C of the spec's network and data, over a grid of two
            named parameters, every other parameter held at its spec value. Names
            follow the seed: W2[1,3] is w^(2)_13, b2[1] is b^(2)_1, w1 and b1 where
            a layer has one. Default pair: the last layer's first weight and bias.

            Examples:
              netfig surface assets/not.yaml --x w1 --y b1 -o not-surface.png \\
                  --x-range -10:10 --y-range -10:10 --descent 200 --rate 0.5
              netfig surface assets/heart.yaml --x 'W3[1,1]' --y 'b3[1]' -o s.pdf
              netfig surface assets/not.yaml -o grid.csv --resolution 101
              netfig surface assets/heart.yaml -o slice.png --descent 5000 \\
                  --train-all

            For a network with many parameters, planes through all of them:
            C(θ + αδ + βη), the spec at (0, 0). --x random --y random draws δ and η
            from netfig's generator (--seed S; δ the first draw, η the second),
            each neuron's row rescaled to the length of θ's (--normalize filter,
            or layer, none), biases fixed (--biases zero) or moving (keep); α, β
            over −1:1. --x toward:OTHER.yaml is θ_other − θ (α = 1 is OTHER). --plane
            pca is the plane of the spec's own training run (its first two
            principal directions through where it ends), with the run projected
            on it and the axes' shares of its variance. The directions are
            written to FILE.plane.json beside the output.
              netfig surface trained.yaml --x random --y random -o landscape.png
              netfig surface trained.yaml --x random --y random --seed 7 \\
                  --normalize layer --biases keep -o landscape.csv
              netfig surface assets/heart.yaml --x toward:trained.yaml --y random \\
                  -o toward.png
              netfig surface assets/heart.yaml --plane pca -o pca.png

            A grid shared among machines (a Slurm array, GNU parallel): each of n
            runs computes a contiguous band of the grid's rows with --shard i/n
            into a CSV part; --from then puts the parts together and draws the
            figure (or writes the CSV), byte for byte what one run writes. Give
            --from the spec and options the shards had (the title, the markers
            and the path come from them); it checks that the parts are every
            shard of that grid, once each.
              netfig surface assets/heart.yaml --resolution 4096 \\
                  --shard "$SLURM_ARRAY_TASK_ID/16" -o "part-$SLURM_ARRAY_TASK_ID.csv"
              parallel -j 1 -S node1,node2 --wd . netfig surface assets/heart.yaml \\
                  --resolution 4096 --shard {}/16 -o part-{}.csv ::: $(seq 16)
              netfig surface assets/heart.yaml --resolution 4096 \\
                  --from 'part-*.csv' -o heart.png
            """
    )

    @Argument(help: "The spec file (YAML or JSON).")
    var spec: String

    @OptionGroup var figure: FigureOptions

    @Option(help: ArgumentHelp("The parameter along x, e.g. w1, W2[1,3] (default: the last layer's first weight); or a direction through every parameter: random, or toward:OTHER.yaml (θ_other − θ).", valueName: "param"))
    var x: String?

    @Option(help: ArgumentHelp("The parameter along y, e.g. b1, b2[1] (default: the last layer's first bias); or a direction: random, toward:OTHER.yaml.", valueName: "param"))
    var y: String?

    @Option(help: ArgumentHelp("pca: the plane of the spec's own training run (its first two principal directions, through where it ends), with the run's path on it; instead of --x and --y.", valueName: "pca"))
    var plane: PlaneKind?

    @Option(parsing: .unconditional, help: "The random directions' seed, e.g. --seed 7 (default 1): δ is its first draw, η its second.")
    var seed: UInt64?

    @Option(help: "How random directions are scaled to the spec's parameters: filter (each neuron's row to that row's length; default), layer (each layer's), or none.")
    var normalize: RandomDirections.Normalization?

    @Option(help: "Random directions' biases: zero (biases stay put; default) or keep (they move, normalised as part of their neuron's row, or layer).")
    var biases: RandomDirections.Biases?

    @Option(name: .customLong("x-range"), parsing: .unconditional, help: ArgumentHelp("The x interval a:b (default: a window around the current value, widened to hold the descent path).", valueName: "a:b"), transform: ValueRange.parse)
    var xRange: ValueRange?

    @Option(name: .customLong("y-range"), parsing: .unconditional, help: ArgumentHelp("The y interval a:b, e.g. --y-range -10:10.", valueName: "a:b"), transform: ValueRange.parse)
    var yRange: ValueRange?

    @Option(parsing: .unconditional, help: "Grid points per side (2 to \(Self.maxResolution)), e.g. --resolution 512.")
    var resolution: Int = 255

    @Option(parsing: .unconditional, help: "About how many contour lines (0 for none), e.g. --contours 20; with --view 3d, on the floor below the surface.")
    var contours: Int = 10

    @Flag(help: "Colour the cost on a log scale (automatic when it spans two decades).")
    var log = false

    @Flag(help: "Colour the cost on a linear scale even when it spans decades.")
    var linear = false

    @Option(help: "The colour map: \(ColorMap.all.map(\.name).joined(separator: ", ")) (append _r to reverse), e.g. --colormap magma.")
    var colormap: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Overlay gradient descent of the two parameters for this many steps, from the spec's values, e.g. --descent 200.", valueName: "steps"))
    var descent: Int?

    @Option(parsing: .unconditional, help: "The descent's rate, e.g. --rate 0.5 (default: the spec's training rate).")
    var rate: Double?

    @Option(help: "The descent's optimizer: gd, momentum or adam (default: the spec's).")
    var optimizer: Optimizer?

    @Option(help: ArgumentHelp("Rival descent paths from one start, each optimizer (or optimizer@rate) in its own colour with its final cost, e.g. --compare gd,momentum,adam or --compare gd@0.1,gd@1 (with --descent STEPS; --rate sets the rate of those without one).", valueName: "list"), transform: Rivals.parse)
    var compare: Rivals?

    @Option(parsing: .unconditional, help: ArgumentHelp("Where the descent starts, x,y (default: the spec's values), e.g. --start -2,3.", valueName: "x,y"), transform: StartPoint.parse)
    var start: StartPoint?

    @Flag(name: .customLong("gradient-field"), help: "Draw −∇C as arrows over the surface: where descent steps from each point (length grows as √|∇C|).")
    var gradientField = false

    @OptionGroup var view: ViewOptions

    @Flag(help: "With --view 3d: mesh lines over the shaded surface.")
    var wireframe = false

    @Option(help: "equal: one unit of w as long as one of b, so valleys keep their angle (default); auto: each axis fills the plot.")
    var aspect: Aspect = .equal

    @Flag(name: .customLong("train-all"), help: "Train every parameter instead; draw the surface through the final parameters with the projected path.")
    var trainAll = false

    @Option(help: ArgumentHelp("Compute only the i-th of n bands of the grid's rows (1 ≤ i ≤ n), e.g. one task of a Slurm array, into -o PART.csv for --from.", valueName: "i/n"), transform: Shard.parse)
    var shard: Shard?

    @Option(parsing: .upToNextOption, help: ArgumentHelp("Draw the figure (or write the CSV) from the parts --shard wrote, e.g. --from 'part-*.csv' (netfig expands the pattern); with the shards' spec and options.", valueName: "parts"))
    var from: [String] = []

    static let maxResolution = 4096
    /// Arrows per side of `--gradient-field`.
    static let fieldArrows = 17

    func validate() throws {
        guard resolution >= 2, resolution <= Self.maxResolution else {
            throw ValidationError("--resolution \(resolution): expected 2 to \(Self.maxResolution) (\(Self.maxResolution)² points take \(Self.maxResolution * Self.maxResolution * 8 / 1_048_576) MiB)")
        }
        guard contours >= 0, contours <= 100 else { throw ValidationError("--contours \(contours): expected 0 to 100") }
        if log && linear { throw ValidationError("--log and --linear: expected at most one") }
        if let descent, descent < 0 || descent > SpecFile.maxSteps { throw ValidationError("--descent \(descent): expected 0 to \(SpecFile.maxSteps) steps") }
        if let rate, !(rate > 0 && rate.isFinite) { throw ValidationError("--rate \(rate): expected a finite number above 0") }
        // One _r reverses; a second would reverse back, which is a typo, not a choice.
        if let colormap, ColorMap.named(colormap) == nil || colormap.lowercased().hasSuffix("_r_r") {
            throw ValidationError("--colormap \(colormap): expected one of \(ColorMap.all.map(\.name).joined(separator: ", ")) (add _r to reverse)")
        }
        try validatePlane()
        if trainAll && descent == nil { throw ValidationError("--train-all needs --descent STEPS: how long to train") }
        if (rate != nil || optimizer != nil) && descent == nil && plane == nil { throw ValidationError("--rate and --optimizer go with --descent STEPS (or --plane pca)") }
        if usesPlane, compare != nil || view.view == .threeD || gradientField || start != nil {
            throw ValidationError("--compare, --start, --gradient-field and --view 3d go with two named parameters, not with directions (--x random, --x toward:FILE, --plane pca)")
        }
        if compare != nil {
            if descent == nil { throw ValidationError("--compare needs --descent STEPS: how long each path runs") }
            if optimizer != nil { throw ValidationError("--compare and --optimizer: expected one (--compare names each path's optimizer)") }
            if trainAll { throw ValidationError("--compare and --train-all: expected one (rival paths move the two parameters only)") }
        }
        if view.view == .map, wireframe { throw ValidationError("--wireframe goes with --view 3d") }
        if view.view == .threeD && gradientField { throw ValidationError("--gradient-field draws on the map: expected --view map (the default)") }
        if start != nil && trainAll { throw ValidationError("--start and --train-all: expected one (--train-all starts from the spec)") }
        if start != nil && descent == nil { throw ValidationError("--start goes with --descent STEPS: where the descent starts") }
        if let shard {
            if !from.isEmpty { throw ValidationError("--shard and --from: expected one (--shard computes a part, --from puts the parts together)") }
            guard figure.output.lowercased().hasSuffix(".csv") else {
                throw ValidationError("--shard \(shard): expected -o FILE.csv, not \(figure.output) (a shard writes its rows as CSV; --from draws the figure from the parts)")
            }
            guard shard.count <= resolution else {
                throw ValidationError("--shard \(shard): expected n at most \(resolution), the grid's rows (--resolution)")
            }
        }
    }

    func run() throws {
        let target = try figure.target(allowingCSV: true)
        let loaded = try SpecFile.load(spec, needs: .examples(for: "surface"))
        if usesPlane { return try runPlane(loaded, target: target) }
        let data = try loaded.requireData(for: "surface")
        var network = loaded.network
        let (xName, yName) = try ParameterChoice.pair(x: x, y: y, in: network)
        var canvas: Canvas?
        if case .figure(let format) = target {
            canvas = try Canvas(width: figure.width, height: figure.height, format: format, scale: figure.scale)
        }

        let options = loaded.training(steps: descent, rate: rate, optimizer: optimizer)

        if let start {
            network[xName] = start.x
            network[yName] = start.y
        }
        let start = (x: network[xName], y: network[yName])
        var path: DescentPath?
        var rivals: [CostSurfaceFigure.Rival] = []
        if let compare {
            let pixels: Double = max(figure.width, figure.height) * figure.scale
            for entry in compare.entries {
                let options = loaded.training(steps: descent, rate: entry.rate ?? rate, optimizer: entry.optimizer)
                let progress = Progress("\(entry.optimizer.rawValue): step", total: options.steps, quiet: figure.quiet)
                let rival = try DescentPath(network: network, data: data, x: xName, y: yName, options: options,
                                            recorder: PathRecorder(resolution: 8 * pixels), progress: progress.update)
                progress.finish()
                rivals.append(.init(label: Label.plain("\(entry.optimizer.rawValue), rate \(RateText.format(options.rate))"), path: rival))
            }
        } else if descent != nil {
            // A long path keeps what the figure's pixels can show (PathRecorder), not every step.
            let pixels: Double = max(figure.width, figure.height) * figure.scale
            var recorder = PathRecorder(resolution: 8 * pixels)
            let progress = Progress("descent: step", total: options.steps, quiet: figure.quiet)
            if trainAll {
                let history = try Trainer(options: options).train(network, on: data, recordingCosts: false, observe: { s in
                    recorder.append(step: s.step, .init(x: s.network[xName], y: s.network[yName], cost: s.cost))
                }, progress: progress.update)
                network = history.network
                path = DescentPath(x: xName, y: yName, recorded: recorder)
            } else {
                path = try DescentPath(network: network, data: data, x: xName, y: yName, options: options,
                                       recorder: recorder, progress: progress.update)
            }
            progress.finish()
        }

        // The window holds the whole path (every rival's): their extremes are recorded exactly.
        let drawn = [path].compactMap { $0 } + rivals.map(\.path)
        let xs = [start.x] + drawn.flatMap { [$0.xRange?.lowerBound, $0.xRange?.upperBound].compactMap { $0 } }
        let ys = [start.y] + drawn.flatMap { [$0.yRange?.lowerBound, $0.yRange?.upperBound].compactMap { $0 } }
        var xWindow = xRange?.range ?? CostSurface.window(around: start.x, holding: xs)
        var yWindow = yRange?.range ?? CostSurface.window(around: start.y, holding: ys)
        if aspect == .equal, xRange == nil || yRange == nil {
            // Automatic windows are widened to the plot's shape, so that equal units fill it;
            // the CSV (and a shard's part) gets the grid of the figure of these options. The
            // layout snaps to the raster's pixels, so it is measured at the figure's --scale.
            let measuring = try canvas ?? Canvas(width: figure.width, height: figure.height, format: .png, scale: figure.scale)
            let trial = CostSurface(network: network, data: data, x: xName, y: yName, xRange: xWindow, yRange: yWindow,
                                    resolution: (x: 2, y: 2))
            var provisional = CostSurfaceFigure(surface: trial, network: network, title: figure.titleLabel(loaded, fallback: "Cost surface"), subtitle: figure.subtitleLabel(Label.plain(subtitle(loaded, network: network, options: options))),
                                                contours: 0)
            provisional.textSizing = .context(figure.context)
            // plotAspect lays the trial out with each axis filling the plot.
            if let ratio = provisional.plotAspect(in: measuring.bounds, text: measuring, theme: figure.theme.theme) {
                (xWindow, yWindow) = CostSurfaceFigure.equalUnitWindows(x: xWindow, y: yWindow, widenX: xRange == nil,
                                                                       widenY: yRange == nil, aspect: ratio)
            }
        }
        // What a shard's part records and --from checks: this grid, of this spec and these options.
        let header = CostSurfaceFigure.csvHeader(x: xName, y: yName, in: network)
        let slice = trainAll ? "trained,\(options.optimizer.rawValue),rate=\(options.rate),steps=\(options.steps)" : "spec"
        let grid = SurfacePart.Grid(x: xName.name(in: network), xRange: xWindow, y: yName.name(in: network), yRange: yWindow,
                                    resolution: resolution, slice: slice, specHash: loaded.hash)
        if let shard {
            return try writePart(shard, of: grid, header: header, network: network, data: data, x: xName, y: yName,
                                 xRange: xWindow, yRange: yWindow)
        }
        let surface = try from.isEmpty
            ? BenchmarkTiming.measure("grid") {
                CostSurface(network: network, data: data, x: xName, y: yName, xRange: xWindow, yRange: yWindow,
                            resolution: (x: resolution, y: resolution))
            }
            : SurfaceMerge.surface(from: from, spec: spec, grid: grid, header: header, x: xName, y: yName,
                                   xRange: xWindow, yRange: yWindow, resolution: resolution)

        var figureValue = CostSurfaceFigure(
            surface: surface, path: path, network: network,
            title: figure.titleLabel(loaded, fallback: "Cost surface of \(Provenance.fileName(spec))"),
            subtitle: figure.subtitleLabel(Label.plain(subtitle(loaded, network: network, options: options))),
            colorMap: colormap.flatMap(ColorMap.named),
            scaling: log ? .log : linear ? .linear : .automatic,
            contours: contours, current: start)
        figureValue.rivals = rivals
        if gradientField {
            figureValue.gradientField = GradientField(network: network, data: data, x: xName, y: yName,
                                                      xRange: xWindow, yRange: yWindow, count: Self.fieldArrows)
            figureValue.gradientFieldCount = Self.fieldArrows
        }
        figureValue.equalAspect = aspect == .equal
        figureValue.textSizing = .context(figure.context)
        figureValue.showsNotes = figure.notes
        if let canvas, view.view == .threeD {
            var solid = Surface3DFigure(surface: surface, network: network, title: figureValue.title, subtitle: figureValue.subtitle)
            solid.paths = rivals.isEmpty ? path.map { [($0.points, Color.white)] } ?? []
                : rivals.enumerated().map { ($1.path.points, CostSurfaceFigure.rivalColor($0)) }
            solid.azimuth = view.azimuth ?? solid.azimuth
            solid.elevation = view.elevation ?? solid.elevation
            solid.wireframe = wireframe
            solid.colorMap = colormap.flatMap(ColorMap.named)
            solid.log = figureValue.isLog
            solid.textSizing = .context(figure.context)
            solid.draw(on: canvas, theme: figure.theme.theme)
            try canvas.write(to: figure.output, metadata: Provenance.metadata(loaded))
        } else {
            try writeMap(figureValue, canvas: canvas, loaded: loaded)
        }
    }

    /// The map figure on `canvas`, written, with a note on stderr of the contour labels left
    /// out; or, without a canvas, the numbers behind it as CSV.
    func writeMap(_ figureValue: CostSurfaceFigure, canvas: Canvas?, loaded: LoadedSpec) throws {
        guard let canvas else { return try FileOutput.write(Array(figureValue.csv.utf8), to: figure.output) }
        let leftOut = figureValue.draw(on: canvas, theme: figure.theme.theme)
        try canvas.write(to: figure.output, metadata: Provenance.metadata(loaded))
        if let leftOut {
            Terminal.error("note: \(leftOut) left out: no room clear of the path, the markers and the other labels. --context paper sets smaller text; --contours sets how many lines there are.")
        }
    }

    /// `--shard i/n`: computes only this shard's band of rows, with the bits the whole grid
    /// gives them, and writes them as a part for `--from`.
    private func writePart(_ shard: Shard, of grid: SurfacePart.Grid, header: String, network: Network, data: Dataset,
                           x: ParameterName, y: ParameterName, xRange: ClosedRange<Double>, yRange: ClosedRange<Double>) throws {
        let rows = shard.rows(of: resolution)
        let values = BenchmarkTiming.measure("grid") {
            CostSurface.values(rows: rows, network: network, data: data, x: x, y: y, xRange: xRange, yRange: yRange,
                               resolution: (x: resolution, y: resolution))
        }
        let xs = (0..<resolution).map { CostSurface.coordinate($0, resolution, xRange) }
        let ys = rows.map { CostSurface.coordinate($0, resolution, yRange) }
        let text = SurfacePart.text(grid: grid, shard: shard, rows: rows, header: header, xs: xs, ys: ys, values: values)
        try FileOutput.write(Array(text.utf8), to: figure.output)
    }

    private func subtitle(_ loaded: LoadedSpec, network: Network, options: TrainingOptions) -> String {
        let shape = network.shape.map(String.init).joined(separator: " → ")
        let count = loaded.data?.count ?? 0
        var text = "\(shape), \(count) example\(count == 1 ? "" : "s") · \(resolution)×\(resolution) grid"
        if let compare {
            text += " · \(compare.entries.count) optimizers from one start, \(options.steps) steps each; other parameters fixed"
        } else if descent != nil {
            let rate = RateText.format(options.rate)
            if trainAll {
                text += " · all parameters trained \(options.steps) steps (\(options.optimizer.rawValue), rate \(rate)); slice through the final parameters, path projected"
            } else {
                text += " · \(options.optimizer.rawValue), rate \(rate), \(options.steps) steps; other parameters fixed"
            }
        } else {
            text += " · other parameters fixed at the spec's values"
        }
        if gradientField { text += " · arrows: −∇C, length growing as √|∇C|" }
        return text
    }
}

/// `--view`: the heatmap or the 3-D surface.
enum SurfaceView: String, CaseIterable, ExpressibleByArgument {
    case map
    case threeD = "3d"
}

/// `--view map|3d` with the 3-D view's angles, for `surface` and `animate`'s surface panel.
struct ViewOptions: ParsableArguments {
    @Option(help: "map (the default: a heatmap with contours) or 3d: the surface lit and coloured in a box, the path hidden where the surface covers it.")
    var view: SurfaceView = .map

    @Option(parsing: .unconditional, help: ArgumentHelp("With --view 3d: degrees the view turns about the vertical axis, e.g. --azimuth 30 (default -60).", valueName: "degrees"))
    var azimuth: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("With --view 3d: degrees the view looks down, 5 to 85, e.g. --elevation 50 (default 30).", valueName: "degrees"))
    var elevation: Double?

    func validate() throws {
        if view == .map, azimuth != nil || elevation != nil {
            throw ValidationError("--azimuth and --elevation go with --view 3d")
        }
        if let azimuth, !azimuth.isFinite { throw ValidationError("--azimuth \(azimuth): expected a finite number of degrees") }
        if let elevation, !(5...85).contains(elevation) { throw ValidationError("--elevation \(elevation): expected 5 to 85 degrees") }
    }
}

/// `--compare gd,momentum,adam` or `--compare gd@0.1,adam@0.01`: the rival paths' optimizers and rates.
struct Rivals: Equatable {
    struct Entry: Equatable {
        var optimizer: Optimizer
        var rate: Double?
    }

    var entries: [Entry]

    static let most = 5

    static func parse(_ text: String) throws -> Rivals {
        let names = Optimizer.allCases.map(\.rawValue).joined(separator: ", ")
        var entries: [Entry] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false).map({ $0.trimmingCharacters(in: .whitespaces) }) {
            let pieces = part.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard let optimizer = Optimizer(rawValue: pieces[0].lowercased()) else {
                throw ValidationError("--compare \(text): '\(part)' is not an optimizer; expected \(names), each optionally @rate (e.g. gd@0.5)")
            }
            var rate: Double?
            if pieces.count == 2 {
                guard let value = Double(pieces[1]), value > 0, value.isFinite else {
                    throw ValidationError("--compare \(text): '\(part)' has no usable rate; expected a finite number above 0 after @ (e.g. gd@0.5)")
                }
                rate = value
            }
            let entry = Entry(optimizer: optimizer, rate: rate)
            guard !entries.contains(entry) else { throw ValidationError("--compare \(text): '\(part)' is named twice; expected different optimizers or rates") }
            entries.append(entry)
        }
        guard (2...most).contains(entries.count) else {
            throw ValidationError("--compare \(text): expected 2 to \(most) paths, comma-separated (e.g. gd,momentum,adam)")
        }
        return Rivals(entries: entries)
    }
}

/// `--start x,y`: where descent starts.
struct StartPoint: Equatable {
    var x: Double
    var y: Double

    static func parse(_ text: String) throws -> StartPoint {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let x = parts[0], let y = parts[1], x.isFinite, y.isFinite else {
            throw ValidationError("--start \(text): expected two finite numbers x,y, e.g. --start -2,3")
        }
        return StartPoint(x: x, y: y)
    }
}
