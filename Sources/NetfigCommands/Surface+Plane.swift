import ArgumentParser
import Charts
import Drawing
import Figures
import Foundation
import NetfigSpec
import NetworkEngine

/// `--plane pca`: the plane of the spec's own training run.
enum PlaneKind: String, ExpressibleByArgument, CaseIterable {
    case pca
}

extension RandomDirections.Normalization: ExpressibleByArgument {}
extension RandomDirections.Biases: ExpressibleByArgument {}

/// `netfig surface` over a plane through every parameter: `--x random`, `--x toward:FILE`
/// (and the same for `--y`), `--plane pca`.
extension Surface {
    /// The two axes' choices, when they are directions (or `--plane` is given).
    var usesPlane: Bool {
        plane != nil || [x, y].compactMap { $0 }.map(AxisChoice.init).contains(where: \.isDirection)
    }

    /// The combinations a plane allows, checked before any work.
    func validatePlane() throws {
        let choices = (x: x.map(AxisChoice.init), y: y.map(AxisChoice.init))
        let randomOptions = [("--seed", seed != nil), ("--normalize", normalize != nil), ("--biases", biases != nil)]
            .filter(\.1).map(\.0)
        let randomAxis = choices.x == .random || choices.y == .random
        if plane != nil {
            if let given = x.map({ ("--x", $0) }) ?? y.map({ ("--y", $0) }) {
                throw ValidationError("--plane pca and \(given.0) \(given.1): expected one of them (the plane's axes are the training run's first two principal directions)")
            }
            if trainAll { throw ValidationError("--plane pca and --train-all: expected one (the plane already goes through the trained parameters)") }
            if let first = randomOptions.first {
                throw ValidationError("\(first) and --plane pca: expected \(first) with --x random or --y random (the plane's directions are not random)")
            }
            return
        }
        guard usesPlane else {
            if let first = randomOptions.first {
                throw ValidationError("\(first): expected it with --x random or --y random (random directions for a network with many parameters)")
            }
            return
        }
        guard let xChoice = choices.x, let yChoice = choices.y, xChoice.isDirection, yChoice.isDirection else {
            let given = [("--x", x), ("--y", y)].map { "\($0.0) \($0.1 ?? "(default)")" }.joined(separator: " with ")
            throw ValidationError("\(given): expected two directions (random, toward:FILE) or two parameter names, not one of each")
        }
        if case .toward(let a) = xChoice, case .toward(let b) = yChoice, a == b {
            throw ValidationError("--x and --y both toward:\(a): expected two different directions")
        }
        if descent != nil {
            throw ValidationError("--descent with --x \(x ?? "") --y \(y ?? ""): expected two parameter names (descent moves those two) or --plane pca (the path of the spec's own training)")
        }
        if let first = randomOptions.first, !randomAxis {
            throw ValidationError("\(first): expected it with --x random or --y random, not with two toward: directions")
        }
    }

    /// Computes and writes the surface over the plane, with its `.plane.json` file: the
    /// plane, its windows, then a shard's part, or the grid (computed or merged) as a figure
    /// or CSV.
    func runPlane(_ loaded: LoadedSpec, target: OutputTarget) throws {
        let data = try loaded.requireData(for: "surface")
        var canvas: Canvas?
        if case .figure(let format) = target {
            canvas = try Canvas(width: figure.width, height: figure.height, format: format, scale: figure.scale)
        }
        let options = loaded.training(steps: descent, rate: rate, optimizer: optimizer)
        let setup = try planeSetup(loaded, options: options)
        let title = figure.titleLabel(loaded, fallback: "Cost surface of \(Provenance.fileName(spec))")
        let subtitle = figure.subtitleLabel(Label.plain(planeSubtitle(loaded, setup)))
        let windows = try planeWindows(setup, data: data, canvas: canvas, title: title, subtitle: subtitle)
        let axes: (x: SurfaceAxis, y: SurfaceAxis) = (.direction(setup.axes.x), .direction(setup.axes.y))
        let header = CostSurfaceFigure.csvHeader(x: axes.x, y: axes.y, in: setup.plane.origin)
        let slice = plane != nil ? "trained,\(options.optimizer.rawValue),rate=\(options.rate),steps=\(options.steps)" : "spec"
        let grid = SurfacePart.Grid(x: setup.axes.x.name, xRange: windows.x, y: setup.axes.y.name, yRange: windows.y,
                                    resolution: resolution, slice: slice, specHash: loaded.hash, plane: setup.header)
        if let shard {
            return try writePlanePart(shard, of: grid, header: header, setup: setup, data: data, windows: windows)
        }
        let resolution = self.resolution
        let surface = try from.isEmpty
            ? BenchmarkTiming.measure("grid") {
                CostSurface(plane: setup.plane, data: data, axes: setup.axes, xRange: windows.x, yRange: windows.y,
                            resolution: (x: resolution, y: resolution))
            }
            : SurfaceMerge.surface(from: from, spec: spec, grid: grid, header: header, axes: axes,
                                   xRange: windows.x, yRange: windows.y, resolution: resolution)
        try writePlaneSurface(surface, setup: setup, loaded: loaded, canvas: canvas, title: title, subtitle: subtitle)
    }

    /// The plane the options ask for: the training run's (`--plane pca`), or two directions.
    private func planeSetup(_ loaded: LoadedSpec, options: TrainingOptions) throws -> SurfacePlane {
        if plane != nil { return try SurfacePlane.pca(loaded: loaded, options: options, quiet: figure.quiet) }
        let random = SurfacePlane.RandomSettings(seed: seed ?? 1, normalization: normalize ?? .filter, biases: biases ?? .zero)
        return try SurfacePlane.directions(x: AxisChoice(x ?? ""), y: AxisChoice(y ?? ""), loaded: loaded, random: random)
    }

    /// `--x-range` and `--y-range`, else the plane's own windows; for PCA's, which follow the
    /// path, widened to the plot's shape for equal units, as for two parameters (`run`).
    private func planeWindows(_ setup: SurfacePlane, data: Dataset, canvas: Canvas?, title: Label,
                              subtitle: Label) throws -> (x: ClosedRange<Double>, y: ClosedRange<Double>) {
        let x = xRange?.range ?? setup.windows.x, y = yRange?.range ?? setup.windows.y
        guard setup.widens, aspect == .equal, xRange == nil || yRange == nil else { return (x, y) }
        let measuring = try canvas ?? Canvas(width: figure.width, height: figure.height, format: .png, scale: figure.scale)
        let trial = CostSurface(plane: setup.plane, data: data, axes: setup.axes, xRange: x, yRange: y, resolution: (x: 2, y: 2))
        var provisional = CostSurfaceFigure(surface: trial, network: setup.plane.origin, title: title, subtitle: subtitle, contours: 0)
        provisional.textSizing = .context(figure.context)
        guard let ratio = provisional.plotAspect(in: measuring.bounds, text: measuring, theme: figure.theme.theme) else { return (x, y) }
        return CostSurfaceFigure.equalUnitWindows(x: x, y: y, widenX: xRange == nil, widenY: yRange == nil, aspect: ratio)
    }

    /// `--shard i/n`: this shard's band of the plane's grid, as a part for `--from`.
    private func writePlanePart(_ shard: Shard, of grid: SurfacePart.Grid, header: String, setup: SurfacePlane, data: Dataset,
                                windows: (x: ClosedRange<Double>, y: ClosedRange<Double>)) throws {
        let resolution = self.resolution
        let rows = shard.rows(of: resolution)
        let values = BenchmarkTiming.measure("grid") {
            CostSurface.values(rows: rows, plane: setup.plane, data: data, xRange: windows.x, yRange: windows.y,
                               resolution: (x: resolution, y: resolution))
        }
        let xs = (0..<resolution).map { CostSurface.coordinate($0, resolution, windows.x) }
        let ys = rows.map { CostSurface.coordinate($0, resolution, windows.y) }
        let text = SurfacePart.text(grid: grid, shard: shard, rows: rows, header: header, xs: xs, ys: ys, values: values)
        try FileOutput.write(Array(text.utf8), to: figure.output)
    }

    /// The figure (or the CSV) of the plane's grid, then the `.plane.json` file beside it.
    private func writePlaneSurface(_ surface: CostSurface, setup: SurfacePlane, loaded: LoadedSpec, canvas: Canvas?,
                                   title: Label, subtitle: Label) throws {
        var figureValue = CostSurfaceFigure(
            surface: surface, path: setup.path, network: setup.plane.origin, title: title, subtitle: subtitle,
            colorMap: colormap.flatMap(ColorMap.named),
            scaling: log ? .log : linear ? .linear : .automatic,
            contours: contours, current: (0, 0))
        figureValue.landmarks = setup.landmarks
        figureValue.startLabel = setup.startLabel
        figureValue.equalAspect = aspect == .equal
        figureValue.textSizing = .context(figure.context)
        figureValue.showsNotes = figure.notes
        try writeMap(figureValue, canvas: canvas, loaded: loaded)
        let sidecar = setup.sidecar(loaded: loaded, xRange: surface.xRange, yRange: surface.yRange, resolution: resolution)
        try FileOutput.write(Array((sidecar.rendered() + "\n").utf8), to: SurfacePlane.sidecarPath(for: figure.output))
    }

    private func planeSubtitle(_ loaded: LoadedSpec, _ setup: SurfacePlane) -> String {
        let shape = loaded.network.shape.map(String.init).joined(separator: " → ")
        let count = loaded.data?.count ?? 0
        let examples = "\(count) example\(count == 1 ? "" : "s")"
        return "\(shape), \(examples) · \(resolution)×\(resolution) grid · \(setup.subtitle)"
    }
}
