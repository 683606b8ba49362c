import Foundation
import NetworkEngine
import Testing

/// Cost surfaces along directions and profiles between two networks, as `surface -o grid.csv`
/// (with its `.plane.json` file) and `profile -o profile.csv` write them, against an
/// independent computation: `Tests/Fixtures/oracle/landscape.py`, numpy's full forward pass at
/// every point, its own generator for the random directions, numpy's SVD for the PCA plane.
struct PlaneOracleTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let shape: [Int]
        let activations: [String]
        let cost: String
        let examples: Int
        /// netfig's arguments after the spec; `{other}` and `{another}` are other specs' paths.
        let arguments: [String]
        /// A test share or l2 in the spec (both PCA and the surface use the training examples only).
        var test: Double? = nil
        var training = "{\"rate\": 0.5, \"steps\": 40}"
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "random, filter-normalised, biases zero (the defaults)", shape: [2, 3, 1], activations: ["tanh", "sigmoid"], cost: "mean",
             examples: 11, arguments: ["--x", "random", "--y", "random"]),
        Case(name: "random, filter-normalised, biases kept, seed 5, another range", shape: [3, 5, 4, 2], activations: ["sigmoid", "tanh", "sigmoid"],
             cost: "mean", examples: 9, arguments: ["--x", "random", "--y", "random", "--seed", "5", "--biases", "keep",
                                                    "--x-range", "-0.5:2", "--y-range", "-3:0.25"]),
        Case(name: "random, layer-normalised, biases kept", shape: [1, 6, 7, 2], activations: ["sigmoid", "sigmoid", "sigmoid"], cost: "mean",
             examples: 20, arguments: ["--x", "random", "--y", "random", "--normalize", "layer", "--biases", "keep", "--seed", "9"]),
        Case(name: "random, not normalised, relu, summed cost", shape: [2, 8, 1], activations: ["relu", "identity"], cost: "sum",
             examples: 14, arguments: ["--x", "random", "--y", "random", "--normalize", "none"]),
        Case(name: "toward another spec along x, random along y", shape: [2, 4, 2], activations: ["tanh", "identity"], cost: "mean",
             examples: 10, arguments: ["--x", "toward:{other}", "--y", "random", "--biases", "keep"]),
        Case(name: "random along x, toward another spec along y, a test share held out", shape: [2, 4, 1], activations: ["relu", "sigmoid"],
             cost: "mean", examples: 16, arguments: ["--x", "random", "--y", "toward:{other}", "--seed", "3"], test: 0.25),
        Case(name: "toward two specs", shape: [1, 3, 1], activations: ["tanh", "tanh"], cost: "sum",
             examples: 7, arguments: ["--x", "toward:{other}", "--y", "toward:{another}", "--x-range", "-1:2"]),
        Case(name: "the PCA plane of a momentum run", shape: [2, 5, 1], activations: ["tanh", "sigmoid"], cost: "mean",
             examples: 12, arguments: ["--plane", "pca"], training: "{\"rate\": 0.3, \"steps\": 250, \"optimizer\": \"momentum\"}"),
        Case(name: "the PCA plane of a run with a test share, L2 and mini-batches", shape: [3, 4, 3, 2], activations: ["sigmoid", "relu", "identity"],
             cost: "mean", examples: 18, arguments: ["--plane", "pca", "--descent", "60", "--rate", "0.2"], test: 0.3,
             training: "{\"rate\": 0.5, \"steps\": 30, \"batch\": 5, \"l2\": 0.01}"),
    ]

    /// A JSON spec with seeded weights, biases and examples, every number written so it reads back exactly.
    static func spec(_ c: Case, seed: UInt64) -> String {
        var json = SeededJSON(seed: seed)
        let depth = c.shape.count - 1
        let weights = (1...depth).map { l in json.rows(c.shape[l], c.shape[l - 1], -1.2, 1.2) }
        let biases = (1...depth).map { l in json.numbers(c.shape[l], -0.5, 0.5) }
        var data = SeededJSON(seed: 1000 + UInt64(c.examples))
        // The same examples for every spec of a case: only the parameters differ.
        let inputs = data.rows(c.examples, c.shape[0], -1.5, 1.5), targets = data.rows(c.examples, c.shape[depth], 0, 1)
        let test = c.test.map { ", \"test\": \($0)" } ?? ""
        return """
            {"layers": \(c.shape), "activation": [\(c.activations.map { "\"\($0)\"" }.joined(separator: ", "))],
             "cost": "\(c.cost)",
             "weights": [\(weights.joined(separator: ", "))],
             "biases": [\(biases.joined(separator: ", "))],
             "data": {"inputs": \(inputs), "targets": \(targets)\(test)},
             "training": \(c.training)}
            """
    }

    static func oracle(_ arguments: [String]) throws -> [String: Any] {
        let script = repositoryRoot.appendingPathComponent("Tests/Fixtures/oracle/landscape.py").path
        let run = try runTool("/usr/bin/env", ["python3", script] + arguments)
        try #require(run.status == 0, "the oracle failed (is python3-numpy installed? make setup installs it): \(run.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    }

    /// A `{"W1": [[…]], "b1": […], …}` record as one list, layer by layer (W row by row, then b).
    static func flattened(_ record: Any?) throws -> [Double] {
        let object = try #require(record as? [String: Any])
        var values: [Double] = []
        for l in 1... {
            guard let W = object["W\(l)"] as? [[Double]] else { break }
            values += W.flatMap { $0 }
            values += try #require(object["b\(l)"] as? [Double])
        }
        return values
    }

    /// Equal to 1e-12: absolute for numbers up to 1, relative beyond.
    static func expectClose(_ netfig: Double, _ oracle: Double, _ what: @autoclosure () -> String) {
        #expect(abs(netfig - oracle) <= 1e-12 * max(1, abs(oracle)), "\(what()): netfig \(netfig), numpy \(oracle)")
    }

    static func expectClose(_ netfig: [Double], _ oracle: [Double], _ what: String) {
        #expect(netfig.count == oracle.count, "\(what): \(netfig.count) values, numpy \(oracle.count)")
        for (i, (a, b)) in zip(netfig, oracle).enumerated() { expectClose(a, b, "\(what) [\(i)]") }
    }

    /// The CSV's rows as numbers (Swift's `Double(text)` reads them back to their bits).
    static func rows(_ url: URL) throws -> (header: String, rows: [[Double]]) {
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        let rows = try lines.dropFirst().map { line in try line.split(separator: ",").map { try #require(Double($0)) } }
        return (lines[0], rows)
    }

    @Test("every grid value, the directions and their normalisation equal numpy's to 1e-12", arguments: cases)
    func surface(_ c: Case) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var paths: [String: String] = [:]
        for (name, seed) in [("spec", UInt64(1)), ("other", 2), ("another", 3)] {
            let url = directory.appendingPathComponent("\(name).json")
            try Self.spec(c, seed: seed).write(to: url, atomically: true, encoding: .utf8)
            paths[name] = url.path
        }
        let spec = try #require(paths["spec"])
        let arguments = c.arguments.map { $0.replacingOccurrences(of: "{other}", with: paths["other"] ?? "")
            .replacingOccurrences(of: "{another}", with: paths["another"] ?? "") }
        let grid = directory.appendingPathComponent("grid.csv")
        let run = try netfig(arguments: ["surface", spec] + arguments + ["--resolution", "9", "-o", grid.path])
        try #require(run.status == 0, "\(run.stderr)")
        let plane = directory.appendingPathComponent("grid.plane.json")
        let written = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: plane)) as? [String: Any])
        let oracle = try Self.oracle(["surface", spec, plane.path, grid.path])

        // The grid: 81 points, at the coordinates README gives, each cost numpy's.
        let (header, rows) = try Self.rows(grid)
        let pca = c.arguments.contains("pca")
        #expect(header == (pca ? "pc1,pc2,cost" : "alpha,beta,cost"))
        #expect(rows.count == 81)
        let xs = try #require(oracle["grid_x"] as? [Double]), ys = try #require(oracle["grid_y"] as? [Double])
        for (i, row) in rows.enumerated() {
            Self.expectClose(row[0], xs[i % 9], "x of row \(i + 2)")
            Self.expectClose(row[1], ys[i / 9], "y of row \(i + 2)")
        }
        Self.expectClose(rows.map { $0[2] }, try #require(oracle["costs"] as? [Double]), "C")

        // The origin: the spec's own parameters (the end of its run for PCA).
        Self.expectClose(try Self.flattened(written["origin"]), try Self.flattened(oracle["origin"]), "origin")
        // Each random or toward direction: numpy's own draws, normalised as README says, or θ_other − θ.
        for key in ["x-direction", "y-direction"] where !(oracle[key] is NSNull) {
            Self.expectClose(try Self.flattened(written[key]), try Self.flattened(oracle[key]), key)
        }
        // Filter normalisation, row by row: each neuron's row of the direction has the length of θ's.
        let norms = try #require(oracle["row_norms"] as? [[Double]])
        #expect(norms.isEmpty == !(c.arguments.contains("random") && !c.arguments.contains("layer") && !c.arguments.contains("none")))
        for (i, pair) in norms.enumerated() { Self.expectClose(pair[0], pair[1], "row \(i + 1)'s length") }

        if pca {
            let record = try #require(written["pca"] as? [String: Any])
            let expected = try #require(oracle["pca"] as? [String: Any])
            let directions = try #require(expected["directions"] as? [[Double]])
            Self.expectClose(try Self.flattened(written["x-direction"]), directions[0], "PC1")
            Self.expectClose(try Self.flattened(written["y-direction"]), directions[1], "PC2")
            Self.expectClose(try #require(record["explained-variance"] as? [Double]), try #require(expected["explained_variance"] as? [Double]),
                             "explained variance")
            let coordinates = try #require(record["coordinates"] as? [[Double]]), numpy = try #require(expected["coordinates"] as? [[Double]])
            Self.expectClose(coordinates.flatMap { $0 }, numpy.flatMap { $0 }, "projected path")
            Self.expectClose(try #require(record["cost"] as? [Double]), try #require(expected["cost"] as? [Double]), "the run's costs")
            Self.expectClose(try #require(record["plane-cost"] as? [Double]), try #require(expected["plane_cost"] as? [Double]),
                             "the plane's costs on the path")
            // The run is the spec's training (as train --save trains it): the plane goes through its end.
            let steps = c.arguments.contains("--descent") ? ["--steps", "60", "--rate", "0.2"] : []
            let trained = directory.appendingPathComponent("trained.json")
            let training = try netfig(arguments: ["train", spec, "-o", directory.appendingPathComponent("curve.csv").path, "--save", trained.path] + steps)
            try #require(training.status == 0, "\(training.stderr)")
            // Read exactly (JSONDecoder reads numbers back to their bits).
            struct Saved: Decodable { let weights: [[[Double]]]; let biases: [[Double]] }
            struct Origin: Decodable { let origin: [String: EvalCommandTests.AnyGradient] }
            let saved = try JSONDecoder().decode(Saved.self, from: Data(contentsOf: trained))
            let origin = try JSONDecoder().decode(Origin.self, from: Data(contentsOf: plane)).origin
            for l in saved.weights.indices {
                guard case .matrix(let W)? = origin["W\(l + 1)"], case .vector(let b)? = origin["b\(l + 1)"] else {
                    Issue.record("origin: W\(l + 1) or b\(l + 1) missing")
                    continue
                }
                #expect(W == saved.weights[l] && b == saved.biases[l], "layer \(l + 1)")
            }
        } else {
            // The spec itself at (0, 0), bit for bit what eval prints.
            struct Eval: Decodable { let cost: Double }
            let cost = try JSONDecoder().decode(Eval.self, from: Data(try netfig("eval", spec, "--json").stdout.utf8)).cost
            if !c.arguments.contains("--x-range") {
                let center = try #require(rows.first { $0[0] == 0 && $0[1] == 0 })
                #expect(center[2] == cost)
            }
        }
    }

    static let profiles: [Case] = [
        Case(name: "1 → 6 → 7 → 2 sigmoid, the default range", shape: [1, 6, 7, 2], activations: ["sigmoid", "sigmoid", "sigmoid"], cost: "mean",
             examples: 25, arguments: []),
        Case(name: "2 → 5 → 1 tanh/relu with a test share, from 0 to 1 in 7 points", shape: [2, 5, 1], activations: ["tanh", "relu"], cost: "mean",
             examples: 20, arguments: ["--range", "0:1", "--resolution", "7"], test: 0.3),
        Case(name: "3 → 4 → 2 summed, beyond both ends", shape: [3, 4, 2], activations: ["sigmoid", "identity"], cost: "sum",
             examples: 9, arguments: ["--range", "-2:3", "--resolution", "64"]),
    ]

    @Test("profile's costs along (1 − α)θ₁ + αθ₂, and the test cost, equal numpy's to 1e-12", arguments: profiles)
    func profile(_ c: Case) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = directory.appendingPathComponent("spec.json"), other = directory.appendingPathComponent("other.json")
        try Self.spec(c, seed: 1).write(to: spec, atomically: true, encoding: .utf8)
        try Self.spec(c, seed: 2).write(to: other, atomically: true, encoding: .utf8)
        let csv = directory.appendingPathComponent("profile.csv")
        let run = try netfig(arguments: ["profile", spec.path, "--toward", other.path, "-o", csv.path] + c.arguments)
        try #require(run.status == 0, "\(run.stderr)")
        let oracle = try Self.oracle(["profile", spec.path, other.path, csv.path])
        let (header, rows) = try Self.rows(csv)
        #expect(header == (c.test == nil ? "alpha,cost" : "alpha,cost,test_cost"))
        let count = c.arguments.firstIndex(of: "--resolution").map { Int(c.arguments[$0 + 1]) ?? 0 } ?? 201
        let range = c.arguments.firstIndex(of: "--range").map { c.arguments[$0 + 1].split(separator: ":").compactMap { Double($0) } } ?? [-0.5, 1.5]
        #expect(rows.count == count)
        for (i, row) in rows.enumerated() {
            Self.expectClose(row[0], range[0] + (Double(i) / Double(count - 1)) * (range[1] - range[0]), "α of row \(i + 2)")
        }
        Self.expectClose(rows.map { $0[1] }, try #require(oracle["costs"] as? [Double]), "C")
        if c.test != nil {
            Self.expectClose(rows.map { $0[2] }, try #require(oracle["test_costs"] as? [Double]), "test C")
        } else {
            #expect(oracle["test_costs"] is NSNull)
        }
        // At α = 0 the line is the spec itself: eval's C to the bit.
        if let start = rows.first(where: { $0[0] == 0 }) {
            struct Eval: Decodable { let cost: Double }
            #expect(start[1] == (try JSONDecoder().decode(Eval.self, from: Data(try netfig("eval", spec.path, "--json").stdout.utf8)).cost))
        }
    }
}
