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

    /// Computes and writes the surface over the plane, with its `.plane.json` file.
    func runPlane(_ loaded: LoadedSpec, target: OutputTarget) throws {
        let data = try loaded.requireData(for: "surface")
        var canvas: Canvas?
        if case .figure(let format) = target {
            canvas = try Canvas(width: figure.width, height: figure.height, format: format, scale: figure.scale)
        }
        let options = loaded.training(steps: descent, rate: rate, optimizer: optimizer)
        let setup: SurfacePlane
        if plane != nil {
            setup = try SurfacePlane.pca(loaded: loaded, options: options, quiet: figure.quiet)
        } else {
            let random = SurfacePlane.RandomSettings(seed: seed ?? 1, normalization: normalize ?? .filter, biases: biases ?? .zero)
            setup = try SurfacePlane.directions(x: AxisChoice(x ?? ""), y: AxisChoice(y ?? ""), loaded: loaded, random: random)
        }
        let network = setup.plane.origin
        let title = figure.titleLabel(loaded, fallback: "Cost surface of \(Provenance.fileName(spec))")
        let subtitleText = planeSubtitle(loaded, setup)

        var xWindow = xRange?.range ?? setup.windows.x
        var yWindow = yRange?.range ?? setup.windows.y
        if setup.widens, aspect == .equal, xRange == nil || yRange == nil {
            // As for two parameters (`run`): automatic windows widened to the plot's shape.
            let measuring = try canvas ?? Canvas(width: figure.width, height: figure.height, format: .png, scale: figure.scale)
            let trial = CostSurface(plane: setup.plane, data: data, axes: setup.axes, xRange: xWindow, yRange: yWindow,
                                    resolution: (x: 2, y: 2))
            var provisional = CostSurfaceFigure(surface: trial, network: network, title: title,
                                                subtitle: figure.subtitleLabel(Label.plain(subtitleText)), contours: 0)
            provisional.textSizing = .context(figure.context)
            if let ratio = provisional.plotAspect(in: measuring.bounds, text: measuring, theme: figure.theme.theme) {
                (xWindow, yWindow) = CostSurfaceFigure.equalUnitWindows(x: xWindow, y: yWindow, widenX: xRange == nil,
                                                                       widenY: yRange == nil, aspect: ratio)
            }
        }
        let axes: (x: SurfaceAxis, y: SurfaceAxis) = (.direction(setup.axes.x), .direction(setup.axes.y))
        let header = CostSurfaceFigure.csvHeader(x: axes.x, y: axes.y, in: network)
        let slice = plane != nil ? "trained,\(options.optimizer.rawValue),rate=\(options.rate),steps=\(options.steps)" : "spec"
        let grid = SurfacePart.Grid(x: setup.axes.x.name, xRange: xWindow, y: setup.axes.y.name, yRange: yWindow,
                                    resolution: resolution, slice: slice, specHash: loaded.hash, plane: setup.header)
        let resolution = self.resolution
        if let shard {
            let rows = shard.rows(of: resolution)
            let values = BenchmarkTiming.measure("grid") {
                CostSurface.values(rows: rows, plane: setup.plane, data: data, xRange: xWindow, yRange: yWindow,
                                   resolution: (x: resolution, y: resolution))
            }
            let xs = (0..<resolution).map { CostSurface.coordinate($0, resolution, xWindow) }
            let ys = rows.map { CostSurface.coordinate($0, resolution, yWindow) }
            let text = SurfacePart.text(grid: grid, shard: shard, rows: rows, header: header, xs: xs, ys: ys, values: values)
            return try FileOutput.write(Array(text.utf8), to: figure.output)
        }
        let surface = try from.isEmpty
            ? BenchmarkTiming.measure("grid") {
                CostSurface(plane: setup.plane, data: data, axes: setup.axes, xRange: xWindow, yRange: yWindow,
                            resolution: (x: resolution, y: resolution))
            }
            : SurfaceMerge.surface(from: from, spec: spec, grid: grid, header: header, axes: axes,
                                   xRange: xWindow, yRange: yWindow, resolution: resolution)

        var figureValue = CostSurfaceFigure(
            surface: surface, path: setup.path, network: network, title: title,
            subtitle: figure.subtitleLabel(Label.plain(subtitleText)),
            colorMap: colormap.flatMap(ColorMap.named),
            scaling: log ? .log : linear ? .linear : .automatic,
            contours: contours, current: (0, 0))
        figureValue.landmarks = setup.landmarks
        figureValue.startLabel = setup.startLabel
        figureValue.equalAspect = aspect == .equal
        figureValue.textSizing = .context(figure.context)
        figureValue.showsNotes = figure.notes
        if let canvas {
            let leftOut = figureValue.draw(on: canvas, theme: figure.theme.theme)
            try canvas.write(to: figure.output, metadata: Provenance.metadata(loaded))
            if let leftOut {
                Terminal.error("note: \(leftOut) left out: no room clear of the path, the markers and the other labels. --context paper sets smaller text; --contours sets how many lines there are.")
            }
        } else {
            try FileOutput.write(Array(figureValue.csv.utf8), to: figure.output)
        }
        let sidecar = setup.sidecar(loaded: loaded, xRange: xWindow, yRange: yWindow, resolution: resolution)
        try FileOutput.write(Array((sidecar.rendered() + "\n").utf8), to: SurfacePlane.sidecarPath(for: figure.output))
    }

    private func planeSubtitle(_ loaded: LoadedSpec, _ setup: SurfacePlane) -> String {
        let shape = loaded.network.shape.map(String.init).joined(separator: " → ")
        let count = loaded.data?.count ?? 0
        let examples = "\(count) example\(count == 1 ? "" : "s")"
        return "\(shape), \(examples) · \(resolution)×\(resolution) grid · \(setup.subtitle)"
    }
}
