import Foundation
import Testing

/// `surface --x random --y random`, `--x toward:FILE`, `--plane pca` on the command line: what
/// is written beside the output, what the figure names, what is refused (exit 2, one line),
/// and grids shared among runs. (`PlaneOracleTests` checks the numbers against numpy.)
struct SurfacePlaneCommandTests {
    static let heart = repositoryRoot.appendingPathComponent("assets/heart.yaml").path

    /// A spec of another shape than the heart's.
    static let small = """
        layers: [2, 3, 1]
        activation: tanh
        data: {set: xor, count: 20}
        training: {steps: 1}
        """

    @Test("combinations that make no plane are refused in one line naming the options, exit 2", arguments: [
        (["--x", "random", "--y", "b3[1]"],
         "--x random with --y b3[1]: expected two directions (random, toward:FILE) or two parameter names, not one of each (see 'netfig surface --help')"),
        (["--x", "random"],
         "--x random with --y (default): expected two directions (random, toward:FILE) or two parameter names, not one of each (see 'netfig surface --help')"),
        (["--plane", "pca", "--x", "random"],
         "--plane pca and --x random: expected one of them (the plane's axes are the training run's first two principal directions) (see 'netfig surface --help')"),
        (["--plane", "pca", "--seed", "2"],
         "--seed and --plane pca: expected --seed with --x random or --y random (the plane's directions are not random) (see 'netfig surface --help')"),
        (["--plane", "pca", "--descent", "10", "--train-all"],
         "--plane pca and --train-all: expected one (the plane already goes through the trained parameters) (see 'netfig surface --help')"),
        (["--normalize", "layer"],
         "--normalize: expected it with --x random or --y random (random directions for a network with many parameters) (see 'netfig surface --help')"),
        (["--x", "random", "--y", "random", "--descent", "10"],
         "--descent with --x random --y random: expected two parameter names (descent moves those two) or --plane pca (the path of the spec's own training) (see 'netfig surface --help')"),
        (["--x", "toward:a.yaml", "--y", "toward:a.yaml"],
         "--x and --y both toward:a.yaml: expected two different directions (see 'netfig surface --help')"),
        (["--x", "toward:a.yaml", "--y", "toward:b.yaml", "--biases", "keep"],
         "--biases: expected it with --x random or --y random, not with two toward: directions (see 'netfig surface --help')"),
        (["--plane", "flat"],
         "The value 'flat' is invalid for '--plane <pca>'. Please provide one of 'pca'. (see 'netfig surface --help')"),
    ])
    func refused(_ arguments: [String], _ message: String) throws {
        let run = try netfig(arguments: ["surface", Self.heart] + arguments + ["-o", "/nonexistent/never.png"])
        #expect(run.status == 2)
        #expect(run.stderr == "netfig: \(message)\n")
    }

    @Test("toward: a spec of another shape, none after the colon, a run too short for a plane: exit 2, one line")
    func refusedAtRun() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.small.write(to: directory.appendingPathComponent("small.yaml"), atomically: true, encoding: .utf8)
        let cases: [([String], String)] = [
            (["surface", Self.heart, "--x", "toward:small.yaml", "--y", "random"],
             "--x toward:small.yaml: layers [2, 3, 1]; expected [1, 6, 7, 2], the layers of heart.yaml (the direction is θ_other − θ)"),
            (["surface", Self.heart, "--x", "random", "--y", "toward:"],
             "--y 'toward:': expected a spec file after 'toward:', e.g. --y toward:trained.yaml"),
            (["surface", "small.yaml", "--plane", "pca"],
             "--plane pca: small.yaml trained 1 step (gd, rate 3.5): 2 recorded steps; expected at least 3 (a run of 2 steps or more)"),
            (["surface", "small.yaml", "--plane", "pca", "--descent", "0"],
             "--plane pca: small.yaml trained 0 steps (gd, rate 3.5): 1 recorded step; expected at least 3 (a run of 2 steps or more)"),
        ]
        for (arguments, message) in cases {
            let run = try netfig(arguments: arguments + ["-o", "out.png"], in: directory)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stderr == "netfig: \(message)\n")
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out.png").path))
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out.plane.json").path))
        }
    }

    @Test("the directions go to FILE.plane.json beside the output, the same for the figure and the CSV; a shard writes none")
    func sidecar() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let options = ["--x", "random", "--y", "random", "--resolution", "15", "--seed", "4"]
        #expect(try netfig(arguments: ["surface", Self.heart] + options + ["-o", "figs/land.png"], in: directory).status == 0)
        let figure = try Data(contentsOf: directory.appendingPathComponent("figs/land.plane.json"))
        #expect(try netfig(arguments: ["surface", Self.heart] + options + ["-o", "land.csv"], in: directory).status == 0)
        #expect(try Data(contentsOf: directory.appendingPathComponent("land.plane.json")) == figure)
        let text = String(decoding: figure, as: UTF8.self)
        #expect(text.contains("\"seed\": 4") && text.contains("\"normalize\": \"filter\"") && text.contains("\"biases\": \"zero\""))
        #expect(text.contains("\"x-direction\"") && text.contains("\"y-direction\"") && text.contains("\"origin\""))
        #expect(try netfig(arguments: ["surface", Self.heart] + options + ["--shard", "1/2", "-o", "part-1.csv"], in: directory).status == 0)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("part-1.plane.json").path))
    }

    @Test("shards of a plane's grid merge to one run's files, byte for byte", arguments: [
        ["--x", "random", "--y", "random", "--resolution", "13", "--biases", "keep"],
        ["--plane", "pca", "--resolution", "11", "--descent", "300"],
    ])
    func shards(_ options: [String]) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for i in 1...3 {
            let run = try netfig(arguments: ["surface", Self.heart] + options + ["--shard", "\(i)/3", "-o", "part-\(i).csv"], in: directory)
            #expect(run.status == 0, "\(run.stderr)")
        }
        for format in ["csv", "png"] {
            #expect(try netfig(arguments: ["surface", Self.heart] + options + ["-o", "one.\(format)"], in: directory).status == 0)
            let merged = try netfig(arguments: ["surface", Self.heart] + options + ["--from", "part-*.csv", "-o", "merged.\(format)"], in: directory)
            #expect(merged.status == 0, "\(merged.stderr)")
            #expect(try Data(contentsOf: directory.appendingPathComponent("merged.\(format)")) == Data(contentsOf: directory.appendingPathComponent("one.\(format)")))
        }
        #expect(try Data(contentsOf: directory.appendingPathComponent("merged.plane.json")) == Data(contentsOf: directory.appendingPathComponent("one.plane.json")))
    }

    @Test("--from refuses parts of another seed, normalisation, bias choice, toward file or training run", arguments: [
        (["--x", "random", "--y", "random"], ["--seed", "2"]),
        (["--x", "random", "--y", "random"], ["--normalize", "layer"]),
        (["--x", "random", "--y", "random"], ["--biases", "keep"]),
        (["--x", "toward:a.yaml", "--y", "random"], ["--x", "toward:b.yaml"]),
        (["--plane", "pca", "--descent", "200"], ["--descent", "201"]),
        (["--plane", "pca", "--descent", "200"], ["--rate", "3"]),
    ])
    func refusesOtherPlanes(_ options: [String], _ change: [String]) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // Two trained hearts to go toward, of the heart's shape.
        for (name, steps) in [("a", "20"), ("b", "40")] {
            #expect(try netfig(arguments: ["train", Self.heart, "--steps", steps, "-o", "\(name).csv", "--save", "\(name).yaml"], in: directory).status == 0)
        }
        let base = ["--resolution", "6"] + options
        for i in 1...2 {
            #expect(try netfig(arguments: ["surface", Self.heart] + base + ["--shard", "\(i)/2", "-o", "part-\(i).csv"], in: directory).status == 0)
        }
        // The change replaces the option of the same name, or is added.
        var changed = base
        if let at = changed.firstIndex(of: change[0]) { changed[at + 1] = change[1] } else { changed += change }
        let run = try netfig(arguments: ["surface", Self.heart] + changed + ["--from", "part-*.csv", "-o", "merged.png"], in: directory)
        #expect(run.status == 2)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].hasPrefix("netfig: part-1.csv: "), "\(run.stderr)")
        #expect(run.stderr.contains("expected the spec and options the shards were run with"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("merged.png").path))
    }

    @Test("the figure's axes say what they are: α along δ, β along η; toward a spec; PCA's explained variance")
    func axisTitles() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try netfig(arguments: ["train", Self.heart, "--steps", "300", "-o", "c.csv", "--save", "trained.yaml"], in: directory).status == 0)
        let cases: [([String], [String])] = [
            (["--x", "random", "--y", "random"], ["α along δ (random)", "β along η (random)", "spec's values"]),
            (["--x", "toward:trained.yaml", "--y", "random"], ["α along δ, toward trained.yaml", "β along η (random)", "trained.yaml"]),
            (["--plane", "pca", "--descent", "400"], ["PC1, ", "% of the variance", "PC2, ", "after 400 steps", "start: C = ", "on the plane"]),
        ]
        for (options, words) in cases {
            let run = try netfig(arguments: ["surface", Self.heart] + options + ["--resolution", "31", "-o", "s.svg"], in: directory)
            #expect(run.status == 0, "\(run.stderr)")
            let svg = try String(contentsOf: directory.appendingPathComponent("s.svg"), encoding: .utf8)
            let text = svg.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
            for word in words { #expect(text.contains(word), "\(options): '\(word)' missing from the figure's text") }
        }
    }
}
