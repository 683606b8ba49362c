import Charts
import Drawing
import Foundation
@testable import Figures
import NetfigSpec
import NetworkEngine
import Testing

/// The neurons figure of a spec with `features:` against an independent computation: the
/// plots are over the data's own inputs, and `Tests/Fixtures/oracle/features.py` (numpy, none
/// of netfig's code) computes each point's features and sends them through the network.
struct NeuronFeaturesOracleTests {
    static let cases: [FeaturesOracleTests.Case] = [
        .init(name: "the plane, Playground's seven, tanh", features: ["x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)"],
              rawWidth: 2, hidden: [3], activations: ["tanh", "sigmoid"], cost: "mean"),
        .init(name: "the plane, out of order, relu to identity", features: ["sin( x2 )", "x2 * x1", "x1^2"], rawWidth: 2,
              hidden: [2], activations: ["relu", "identity"], cost: "mean"),
        .init(name: "the line, sigmoid to identity", features: ["x1", "sin(x1)", "x1^2"], rawWidth: 1, hidden: [4],
              activations: ["sigmoid", "identity"], cost: "mean"),
    ]

    /// The points the plots are drawn at, worked out here from the examples: the line from the
    /// smallest input to the largest, or the fit's plane (the examples' range and 8 % more,
    /// at least 0.5 a side), row by row from the lowest x2.
    static func points(_ data: Dataset, samples n: Int) -> (points: [[Double]], plane: (x: ClosedRange<Double>, y: ClosedRange<Double>)?) {
        func range(_ row: Int, margin: (Double) -> Double) -> ClosedRange<Double> {
            let values = (0..<data.count).map { data.inputs[row, $0] }
            let low = values.min()!, high = values.max()!
            return (low - margin(high - low))...(high + margin(high - low))
        }
        func at(_ range: ClosedRange<Double>, _ i: Int) -> Double {
            range.lowerBound + Double(i) / Double(n - 1) * (range.upperBound - range.lowerBound)
        }
        guard data.inputWidth == 2 else {
            let line = range(0) { _ in 0 }
            return ((0..<n).map { [at(line, $0)] }, nil)
        }
        let x = range(0) { max($0 * 0.08, 0.5) }, y = range(1) { max($0 * 0.08, 0.5) }
        return ((0..<n).flatMap { row in (0..<n).map { column in [at(x, column), at(y, row)] } }, (x, y))
    }

    /// a^(l) of every point by numpy, [point][layer][neuron], layer 0 the features.
    static func oracle(spec: String, points: [[Double]], in directory: URL) throws -> [[[Double]]] {
        struct Oracle: Decodable { let activations: [[[Double]]] }
        var object = try #require(try JSONSerialization.jsonObject(with: Data(spec.utf8)) as? [String: Any])
        object["data"] = ["inputs": points, "targets": points.map { _ in [0.0] }]
        let path = directory.appendingPathComponent("points.json")
        try JSONSerialization.data(withJSONObject: object).write(to: path)
        let script = repositoryRoot.appendingPathComponent("Tests/Fixtures/oracle/features.py").path
        let run = try runTool("/usr/bin/env", ["python3", script, path.path])
        try #require(run.status == 0, "the oracle failed (is python3-numpy installed? make setup installs it): \(run.stderr)")
        return try JSONDecoder().decode(Oracle.self, from: Data(run.stdout.utf8)).activations
    }

    /// What a drawn figure's scene holds: its paths, texts and images, in drawing order.
    static func record(_ figure: NeuronsFigure) throws -> (paths: [ScenePath], texts: [String], images: [SceneImage]) {
        let canvas = try Canvas(width: 1280, height: 720, format: .png, scale: 1)
        figure.draw(on: canvas, theme: .light)
        let recorder = RecordingRenderer()
        recorder.render(canvas.scene)
        var paths: [ScenePath] = [], texts: [String] = [], images: [SceneImage] = []
        for mark in recorder.marks {
            switch mark.kind {
            case .path(let path): paths.append(path)
            case .text(let text): texts.append(text.label.description)
            case .image(let image): images.append(image)
            case .paint: break
            }
        }
        return (paths, texts, images)
    }

    /// The scale a column of plots is drawn on, from numpy's values: each feature ± its
    /// largest |value|; a layer its activation's range, or the values it takes.
    static func scale(_ values: [Double], layer l: Int, activation: String) -> ClosedRange<Double> {
        if l == 0 {
            let largest = values.map(abs).max()!
            return -largest...largest
        }
        switch activation {
        case "tanh": return -1...1
        case "sigmoid": return 0...1
        default: return values.min()!...values.max()!
        }
    }

    @Test("each plot is numpy's feature value or activation over the data's own inputs, features first with their formulas", arguments: cases)
    func plots(_ c: FeaturesOracleTests.Case) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = FeaturesOracleTests.spec(c, seed: 7)
        let specPath = directory.appendingPathComponent("spec.json")
        try text.write(to: specPath, atomically: true, encoding: .utf8)
        let loaded = try SpecFile.load(specPath.path)
        let raw = try #require(loaded.rawData)
        var figure = try NeuronsFigure(network: loaded.network, data: raw, features: loaded.features, title: "t")
        figure.showsFit = false
        let (points, plane) = Self.points(raw, samples: figure.samples)
        let expected = try Self.oracle(spec: text, points: points, in: directory)
        let shape = [c.features.count] + c.hidden + [1]
        let activations = ["features"] + c.activations
        // (layer, neuron) of every plot, in the figure's order: by column, top to bottom.
        let plots = shape.indices.flatMap { l in (0..<shape[l]).map { (l, $0) } }
        func numpy(_ l: Int, _ i: Int) -> [Double] { expected.map { $0[l][i] } }
        func range(_ l: Int, _ i: Int) -> ClosedRange<Double> {
            l == 0 ? Self.scale(numpy(l, i), layer: 0, activation: "")
                : Self.scale((0..<shape[l]).flatMap { numpy(l, $0) }, layer: l, activation: activations[l])
        }

        // The numbers behind the plots.
        let functions = try #require(NeuronFunctions(network: loaded.network, data: raw, features: loaded.features))
        #expect(functions.layersDrawn == 0...shape.count - 1)
        for (l, i) in plots {
            let drawn = functions.activations[l]
            for (k, value) in numpy(l, i).enumerated() {
                GeneralisationOracleTests.expectClose(drawn[i, k], value, "a^(\(l))_\(i + 1) at point \(k)")
            }
        }

        let scene = try Self.record(figure)
        #expect(scene.texts.contains("$a^{(0)}$ · features"))
        for feature in try #require(loaded.features).list {
            #expect(scene.texts.contains(Label.math(feature.tex).description), "\(feature) is named beside its plot")
        }
        if let plane {
            // Maps: each the heatmap of numpy's values on its column's scale, pixel for pixel.
            try #require(scene.images.count == plots.count)
            for ((l, i), image) in zip(plots, scene.images) {
                let grid = try #require(Grid(columns: figure.samples, rows: figure.samples, values: numpy(l, i), x: plane.x, y: plane.y))
                let colors = ColorScale(map: FitFigure.softDivergingMap(.light), domain: range(l, i))
                let map = Heatmap(grid: grid, colors: colors).image(width: image.image.width, height: image.image.height)
                #expect(map.pixels == image.image.pixels, "the map of a^(\(l))_\(i + 1)")
            }
            return
        }
        // Curves: each point read back through its plot's scale (a panel, its middle line, the curve).
        var curves: [(plot: Rect, points: [Point])] = []
        for (index, path) in scene.paths.enumerated() {
            let vertices = path.segments.compactMap { segment -> Point? in
                switch segment {
                case .move(let p), .line(let p): return p
                default: return nil
                }
            }
            guard vertices.count == figure.samples, index >= 2, case .fill = scene.paths[index - 2].paint,
                  case .rectangle(let plot)? = scene.paths[index - 2].segments.first else { continue }
            curves.append((plot, vertices))
        }
        try #require(curves.count == plots.count)
        for ((l, i), curve) in zip(plots, curves) {
            let (values, bounds) = (numpy(l, i), range(l, i))
            for (k, point) in curve.points.enumerated() {
                let read = bounds.lowerBound + (curve.plot.maxY - point.y) / curve.plot.height * (bounds.upperBound - bounds.lowerBound)
                #expect(abs(read - values[k]) <= 1e-9 * max(1, abs(values[k])), "a^(\(l))_\(i + 1) at x = \(points[k][0])")
            }
        }
    }

    @Test("neurons, diagram --neurons functions and animate --neurons functions draw the feature specs")
    func commands() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let xor = repositoryRoot.appendingPathComponent("assets/xor-features.yaml").path
        for arguments in [["neurons", xor, "-o", "n.svg", "--train", "--steps", "20"],
                          ["diagram", xor, "-o", "d.png", "--neurons", "functions"],
                          ["animate", xor, "-o", "frames", "--frames", "2", "--steps", "10", "--neurons", "functions"]] {
            let run = try netfig(arguments: arguments, in: directory)
            #expect(run.status == 0, "\(arguments[0]): \(run.stderr)")
        }
        let svg = try String(contentsOf: directory.appendingPathComponent("n.svg"), encoding: .utf8)
        #expect(svg.contains("features") && svg.contains("own scales"))
        // Features of three inputs still have no line or plane to be drawn over.
        let wide = directory.appendingPathComponent("wide.yaml")
        try "layers: [2, 1]\nactivation: tanh\nfeatures: [x1, x3]\ndata: {inputs: [[1, 2, 3]], targets: [[1]]}\n"
            .write(to: wide, atomically: true, encoding: .utf8)
        for (arguments, message) in [(["diagram", wide.path, "-o", "w.png", "--neurons", "functions"], "has 3 data inputs, too many to draw over; expected --input x1,x2,…"),
                                     (["animate", wide.path, "-o", "w", "--neurons", "functions"], "has 3 data inputs; expected 1 or 2"),
                                     (["neurons", wide.path, "-o", "w.png"], "expected data of 1 or 2 inputs before its features, this has 3")] {
            let refused = try netfig(arguments: arguments, in: directory)
            #expect(refused.status == 2 && refused.stderr.contains(message), "\(arguments[0]): \(refused.stderr)")
            #expect(refused.stderr.split(separator: "\n").count == 1)
        }
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("w.png").path))
    }
}
