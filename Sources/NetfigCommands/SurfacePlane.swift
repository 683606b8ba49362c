import Charts
import Drawing
import Foundation
import NetfigSpec
import NetworkEngine

/// What `--x` or `--y` names: a parameter, or a direction for a network with many parameters.
///
/// ```swift
/// AxisChoice("W2[1,3]")          // .parameter("W2[1,3]")
/// AxisChoice("random")           // .random
/// AxisChoice("toward:b.yaml")    // .toward("b.yaml")
/// ```
enum AxisChoice: Equatable {
    case parameter(String)
    case random
    case toward(String)

    static let towardPrefix = "toward:"

    init(_ text: String) {
        if text.lowercased() == "random" {
            self = .random
        } else if text.lowercased().hasPrefix(Self.towardPrefix) {
            self = .toward(String(text.dropFirst(Self.towardPrefix.count)))
        } else {
            self = .parameter(text)
        }
    }

    var isDirection: Bool {
        if case .parameter = self { return false }
        return true
    }
}

/// A cost surface's plane for a network with many parameters, θ + α·δ + β·η, with what the
/// figure, the CSV, a shard's part and the `.plane.json` file say about it.
///
/// - `--x random --y random`: δ and η random (`RandomDirections`: δ the seed's first draw,
///   η its second), normalised as asked, around the spec's parameters; α and β over −1:1.
/// - `--x toward:B.yaml`: δ = θ_B − θ, not normalised: α = 1 is B's parameters; α over
///   −0.5:1.5. Either axis may be either kind.
/// - `--plane pca`: θ_final + α·v₁ + β·v₂, the principal directions of the spec's own
///   training run (`TrajectoryPCA`), with the run's path projected on it.
struct SurfacePlane {
    /// Steps of a run recorded for its PCA: about this many intervals, evenly spaced.
    static let pcaIntervals = 100

    let plane: ParameterPlane
    let axes: (x: PlaneAxis, y: PlaneAxis)
    /// The windows without `--x-range` and `--y-range`.
    let windows: (x: ClosedRange<Double>, y: ClosedRange<Double>)
    /// Whether those windows may be widened to the plot's shape (equal units).
    let widens: Bool
    /// What the plane is, for a part's header (no spaces): `random:seed=1:…@hash`.
    let header: String
    /// What the plane is, for the subtitle.
    let subtitle: String
    /// Other specs' parameters on the plane, with their names.
    let landmarks: [(x: Double, y: Double, label: Label)]
    /// The projected training run (`--plane pca`), its own costs on its points.
    let path: DescentPath?
    /// The run's start, labelled with its cost beside the plane's there.
    let startLabel: Label?
    /// The `.plane.json` file's description of each axis, and the run's record for PCA.
    let xRecord: JSONValue
    let yRecord: JSONValue
    let pcaRecord: JSONValue?

    /// Random directions' settings.
    struct RandomSettings {
        let seed: UInt64
        let normalization: RandomDirections.Normalization
        let biases: RandomDirections.Biases

        var text: String { "seed=\(seed):normalize=\(normalization.rawValue):biases=\(biases.rawValue)" }

        var subtitle: String {
            let normalized: String
            switch normalization {
            case .filter: normalized = "filter-normalised"
            case .layer: normalized = "layer-normalised"
            case .none: normalized = "not normalised"
            }
            return "seed \(seed), \(normalized), biases \(biases == .zero ? "fixed" : "moving")"
        }
    }

    /// A plane of two directions, each random or toward another spec.
    static func directions(x: AxisChoice, y: AxisChoice, loaded: LoadedSpec, random: RandomSettings) throws -> SurfacePlane {
        let network = loaded.network
        let theta = ParameterVector(network)
        let drawn = RandomDirections.pair(for: network, seed: random.seed, normalization: random.normalization, biases: random.biases)
        let names = [("alpha", "\\alpha", "\\delta", "--x"), ("beta", "\\beta", "\\eta", "--y")]
        var vectors: [ParameterVector] = [], axes: [PlaneAxis] = [], records: [JSONValue] = [], headers: [String] = []
        var windows: [ClosedRange<Double>] = [], described: [String] = []
        var others: [(index: Int, name: String)] = []
        for (index, choice) in [x, y].enumerated() {
            let (name, symbol, direction, option) = names[index]
            switch choice {
            case .random:
                vectors.append(index == 0 ? drawn.delta : drawn.eta)
                axes.append(PlaneAxis(name: name, symbol: symbol, title: "$\(symbol)$ along $\(direction)$ (random)"))
                records.append(.object([("name", .string(name)), ("direction", .string("random")), ("seed", .integer(Int(truncatingIfNeeded: random.seed))),
                                        ("draw", .integer(index + 1)), ("normalize", .string(random.normalization.rawValue)),
                                        ("biases", .string(random.biases.rawValue))]))
                headers.append("random")
                windows.append(-1...1)
                described.append("\(direction == "\\delta" ? "δ" : "η") random")
            case .toward(let path):
                let other = try Self.other(path, option: option, loaded: loaded)
                vectors.append(ParameterVector(other.network) - theta)
                let file = Provenance.fileName(path)
                axes.append(PlaneAxis(name: name, symbol: symbol, title: "$\(symbol)$ along $\(direction)$, toward \(Self.escaped(file))"))
                records.append(.object([("name", .string(name)), ("direction", .string("toward")), ("spec", .string(path)),
                                        ("spec-hash", .string(other.hash))]))
                headers.append("toward=\(other.hash)")
                windows.append(-0.5...1.5)
                described.append("\(direction == "\\delta" ? "δ" : "η") toward \(file)")
                others.append((index, file))
            case .parameter:
                preconditionFailure("SurfacePlane: a parameter among directions")
            }
        }
        let plane = ParameterPlane(origin: network, x: vectors[0], y: vectors[1])
        var subtitle = "θ + αδ + βη: " + (x == .random && y == .random ? "δ and η random" : described.joined(separator: ", "))
        if x == .random || y == .random { subtitle += " (\(random.subtitle))" }
        let landmarks = others.map { (x: $0.index == 0 ? 1.0 : 0.0, y: $0.index == 1 ? 1.0 : 0.0, label: Label.plain($0.name)) }
        return SurfacePlane(plane: plane, axes: (axes[0], axes[1]), windows: (windows[0], windows[1]), widens: false,
                            header: headers.joined(separator: ",") + (x == .random || y == .random ? ":" + random.text : "") + "@" + Self.hash(plane),
                subtitle: subtitle,
                            landmarks: landmarks, path: nil, startLabel: nil,
                            xRecord: records[0], yRecord: records[1], pcaRecord: nil)
    }

    /// The spec named by `toward:FILE`, checked to have this network's shape.
    private static func other(_ path: String, option: String, loaded: LoadedSpec) throws -> LoadedSpec {
        guard !path.isEmpty else {
            throw FailureReport.usage("\(option) 'toward:': expected a spec file after 'toward:', e.g. \(option) toward:trained.yaml")
        }
        let other = try SpecFile.load(path)
        guard other.network.shape == loaded.network.shape else {
            let shape = { (s: [Int]) in "[" + s.map(String.init).joined(separator: ", ") + "]" }
            throw FailureReport.usage("\(option) toward:\(path): layers \(shape(other.network.shape)); expected \(shape(loaded.network.shape)), the layers of \(Provenance.fileName(loaded.path)) (the direction is θ_other − θ)")
        }
        return other
    }

    /// A training run at its recorded steps: 0, k, 2k, … and the last, about `pcaIntervals`
    /// apart.
    struct RecordedRun {
        let steps: [Int]
        let snapshots: [Network]
        /// The run's own cost at each recorded step.
        let costs: [Double]
        let trained: Network

        init(_ loaded: LoadedSpec, data: Dataset, options: TrainingOptions, quiet: Bool) throws {
            let total = options.steps
            let every = max(1, (total + pcaIntervals - 1) / pcaIntervals)
            let recorded = (0...total).filter { $0 % every == 0 || $0 == total }
            var costs: [Int: Double] = [:]
            let progress = Progress("training: step", total: total, quiet: quiet)
            let history = try Trainer(options: options).train(
                loaded.network, on: data, keeping: Set(recorded), recordingCosts: false,
                observe: { s in if s.step % every == 0 || s.step == total { costs[s.step] = s.cost } },
                progress: progress.update)
            progress.finish()
            steps = recorded
            snapshots = recorded.compactMap { history.snapshots[$0] }
            self.costs = recorded.map { costs[$0] ?? .nan }
            trained = history.network
        }
    }

    /// The plane of the spec's own training run, trained with `options`.
    static func pca(loaded: LoadedSpec, options: TrainingOptions, quiet: Bool) throws -> SurfacePlane {
        let data = try loaded.requireData(for: "surface --plane pca")
        let run = try RecordedRun(loaded, data: data, options: options, quiet: quiet)
        let pca: TrajectoryPCA
        do {
            pca = try TrajectoryPCA(trajectory: run.snapshots.map(ParameterVector.init), final: ParameterVector(run.trained))
        } catch let failure as TrajectoryPCA.Failure {
            let steps = options.steps
            throw FailureReport.usage("--plane pca: \(Provenance.fileName(loaded.path)) trained \(steps) step\(steps == 1 ? "" : "s") (\(options.optimizer.rawValue), rate \(RateText.format(options.rate))): \(failure)")
        }
        let plane = pca.plane(for: loaded.network)
        let share = pca.explainedVariance
        let axes = (PlaneAxis(name: "pc1", symbol: "\\alpha", title: "PC1, \(Self.percent(share.0)) of the variance"),
                    PlaneAxis(name: "pc2", symbol: "\\beta", title: "PC2, \(Self.percent(share.1)) of the variance"))
        let points = pca.coordinates.map { (alpha: $0.0, beta: $0.1) }
        let planeCosts = plane.costs(at: points, on: data)
        var recorder = PathRecorder.everything
        for (i, step) in run.steps.enumerated() {
            recorder.append(step: step, DescentPath.Point(x: points[i].alpha, y: points[i].beta, cost: run.costs[i]))
        }
        let path = DescentPath(axes: (.direction(axes.0), .direction(axes.1)), recorded: recorder)
        let start = Label("start: $C$ = ") + TickFormatter.compact(run.costs[0]) + Label(", on the plane ") + TickFormatter.compact(planeCosts[0])
        let record: JSONValue = .object([
            ("training", training(options)),
            ("explained-variance", .numbers([share.0, share.1])),
            ("steps", .array(run.steps.map(JSONValue.integer))),
            ("coordinates", .rows(points.map { [$0.alpha, $0.beta] })),
            ("cost", .numbers(run.costs)),
            ("plane-cost", .numbers(planeCosts)),
            ("trajectory", .array(run.snapshots.map { Self.parameters(ParameterVector($0)) })),
        ])
        let settings = "\(options.optimizer.rawValue):rate=\(options.rate):steps=\(options.steps):seed=\(options.seed)"
        let subtitle = "the plane of \(options.steps) steps of \(options.optimizer.rawValue) at rate \(RateText.format(options.rate)) (\(run.steps.count) recorded), through their end"
        func axisRecord(_ name: String, _ share: Double) -> JSONValue {
            .object([("name", .string(name)), ("direction", .string("pca")), ("explained-variance", .number(share))])
        }
        return SurfacePlane(plane: plane, axes: axes, windows: windows(around: points), widens: true,
                            header: "pca:\(settings)@" + Self.hash(plane), subtitle: subtitle,
                            landmarks: [], path: path, startLabel: start,
                            xRecord: axisRecord("pc1", share.0), yRecord: axisRecord("pc2", share.1), pcaRecord: record)
    }

    /// A projected path's extent, with a fifth of its longer span on every side.
    static func windows(around points: [(alpha: Double, beta: Double)]) -> (x: ClosedRange<Double>, y: ClosedRange<Double>) {
        let alphas = points.map(\.alpha), betas = points.map(\.beta)
        let low = (x: alphas.min() ?? 0, y: betas.min() ?? 0), high = (x: alphas.max() ?? 0, y: betas.max() ?? 0)
        let span = max(high.x - low.x, high.y - low.y, 1e-12)
        let margin: Double = 0.2 * span
        return ((low.x - margin)...(high.x + margin), (low.y - margin)...(high.y + margin))
    }

    /// The training settings as the `.plane.json` file records them.
    private static func training(_ options: TrainingOptions) -> JSONValue {
        .object([("optimizer", .string(options.optimizer.rawValue)), ("rate", .number(options.rate)),
                 ("steps", .integer(options.steps)), ("batch", options.batchSize.map(JSONValue.integer) ?? .string("full")),
                 ("noise", .number(options.noise)), ("seed", .integer(Int(truncatingIfNeeded: options.seed))),
                 ("l2", .number(options.regularization.l2)), ("l1", .number(options.regularization.l1))])
    }

    /// The `.plane.json` file: everything an independent computation needs to evaluate the
    /// grid (the origin, both directions, the grid) and, for PCA, the run and its projection.
    func sidecar(loaded: LoadedSpec, xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, resolution: Int) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("netfig", .string(Netfig.version)),
            ("spec", .string(loaded.path)),
            ("spec-hash", .string(loaded.hash)),
            ("plane", .string("origin + alpha * x-direction + beta * y-direction")),
            ("x", xRecord), ("y", yRecord),
            ("x-range", .numbers([xRange.lowerBound, xRange.upperBound])),
            ("y-range", .numbers([yRange.lowerBound, yRange.upperBound])),
            ("resolution", .integer(resolution)),
            ("origin", Self.parameters(ParameterVector(plane.origin))),
            ("x-direction", Self.parameters(plane.x)),
            ("y-direction", Self.parameters(plane.y)),
        ]
        if let pcaRecord { pairs.append(("pca", pcaRecord)) }
        return .object(pairs)
    }

    /// Where the `.plane.json` file goes: beside the output, its extension replaced
    /// (`landscape.png` → `landscape.plane.json`).
    static func sidecarPath(for output: String) -> String {
        let url = URL(fileURLWithPath: output)
        let name = url.deletingPathExtension().lastPathComponent + ".plane.json"
        let folder = (output as NSString).deletingLastPathComponent
        return folder.isEmpty ? name : (folder as NSString).appendingPathComponent(name)
    }

    /// `{"W1": [[…]], "b1": […], "W2": …}`, layer by layer.
    static func parameters(_ v: ParameterVector) -> JSONValue {
        var pairs: [(String, JSONValue)] = []
        for l in v.W.indices {
            pairs.append(("W\(l + 1)", .rows(v.W[l].nested)))
            pairs.append(("b\(l + 1)", .numbers(v.b[l])))
        }
        return .object(pairs)
    }

    /// FNV-1a 64 of the plane's bits (origin, δ, η): parts of one grid share it.
    static func hash(_ plane: ParameterPlane) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for vector in [ParameterVector(plane.origin), plane.x, plane.y] {
            for value in vector.values {
                var bits = value.bitPattern
                for _ in 0..<8 {
                    hash ^= bits & 0xff
                    hash = hash &* 0x100_0000_01b3
                    bits >>= 8
                }
            }
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// "87 %", "4.2 %", "0.031 %": enough digits that a share below 1 does not read as 100 %
    /// and one above 0 not as 0 %.
    static func percent(_ share: Double) -> String {
        let value: Double = share * 100
        for decimals in (value >= 10 ? 0 : 1)...6 {
            let text = String(format: "%.\(decimals)f", value)
            guard let rounded = Double(text) else { continue }
            if !((rounded >= 100 && share < 1) || (rounded <= 0 && share > 0)) { return "\(text) %" }
        }
        return String(format: "%.2g %%", value)
    }

    /// A file name as text in a label: `$` would start math.
    private static func escaped(_ text: String) -> String { text.replacingOccurrences(of: "$", with: "\\$") }
}
