import Foundation
import Testing

/// `surface --shard i/n` and `surface --from 'part-*.csv'`: a grid shared among runs, put back
/// together into the very files one run writes.
struct SurfaceShardTests {
    /// Two grids: the NOT neuron's default pair (a weight and its bias, whose weighted sums the
    /// grid shares along columns) with a descent path and automatic windows widened to equal
    /// units; and two parameters of different layers of the hidden-layer network (every point
    /// computed on its own), one range given, on a log colour scale.
    static let settings: [(spec: String, options: [String])] = [
        ("assets/not.yaml", ["--resolution", "23", "--descent", "40", "--rate", "0.5"]),
        ("assets/hidden-layer.yaml", ["--x", "W1[2,3]", "--y", "b2[1]", "--resolution", "19", "--x-range", "-2:2", "--log", "--contours", "6"]),
    ]

    /// Runs every shard of `n` into `part-i.csv` in `directory`.
    func shards(_ n: Int, spec: String, options: [String], in directory: URL, prefix: String = "part") throws {
        for i in 1...n {
            let run = try netfig(arguments: ["surface", spec] + options + ["--shard", "\(i)/\(n)", "-o", "\(prefix)-\(i).csv"], in: directory)
            #expect(run.status == 0 && run.stderr.isEmpty, "shard \(i)/\(n): \(run.stderr)")
        }
    }

    func bytes(_ name: String, in directory: URL) throws -> Data {
        try Data(contentsOf: directory.appendingPathComponent(name))
    }

    @Test("the merged CSV and figures are byte for byte one run's", arguments: [1, 2, 3, 7])
    func mergedEqualsOneRun(_ n: Int) throws {
        for (spec, options) in Self.settings {
            let directory = try temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let specPath = repositoryRoot.appendingPathComponent(spec).path
            try shards(n, spec: specPath, options: options, in: directory)
            // Every format for some n; CSV and PNG (pixels and their encoding) for all.
            let formats = ["csv", "png"] + (n == 3 ? ["svg"] : n == 7 ? ["pdf"] : [])
            for format in formats {
                let one = try netfig(arguments: ["surface", specPath] + options + ["-o", "one.\(format)"], in: directory)
                #expect(one.status == 0, "\(one.stderr)")
                let merged = try netfig(arguments: ["surface", specPath] + options + ["--from", "part-*.csv", "-o", "merged.\(format)"], in: directory)
                #expect(merged.status == 0 && merged.stderr == one.stderr, "\(merged.stderr)")
                let expected = try bytes("one.\(format)", in: directory)
                #expect(!expected.isEmpty)
                #expect(try bytes("merged.\(format)", in: directory) == expected, "\(spec) n = \(n): merged .\(format) differs from one run's")
            }
        }
    }

    @Test("a shard's lines are its band of the whole grid's CSV, each value to the bit, and say which rows they are")
    func shardValues() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (spec, options) = Self.settings[1]
        let specPath = repositoryRoot.appendingPathComponent(spec).path
        #expect(try netfig(arguments: ["surface", specPath] + options + ["-o", "one.csv"], in: directory).status == 0)
        let whole = try String(contentsOf: directory.appendingPathComponent("one.csv"), encoding: .utf8).split(separator: "\n")
        #expect(whole.count == 1 + 19 * 19)
        try shards(3, spec: specPath, options: options, in: directory)
        // 19 rows in 3 contiguous bands of 6, 6 and 7 rows.
        var body: [Substring] = []
        for (i, rows) in [(1, 1...6), (2, 7...12), (3, 13...19)] {
            let part = try String(contentsOf: directory.appendingPathComponent("part-\(i).csv"), encoding: .utf8).split(separator: "\n")
            let fields = part[0].split(separator: " ")
            #expect(part[0].hasPrefix("# netfig surface part: shard=\(i)/3 rows=\(rows.lowerBound)-\(rows.upperBound) "))
            #expect(fields.contains("x=W1[2,3]") && fields.contains("y=b2[1]") && fields.contains("x-range=-2.0:2.0")
                    && fields.contains("resolution=19") && fields.contains("slice=spec"), "\(part[0])")
            #expect(fields.contains { $0.hasPrefix("spec-hash=") && $0.count == "spec-hash=".count + 16 })
            #expect(part[1] == whole[0])
            let lines = part.dropFirst(2)
            let band = whole[(1 + (rows.lowerBound - 1) * 19)..<(1 + rows.upperBound * 19)]
            #expect(lines.count == rows.count * 19)
            for (line, expected) in zip(lines, band) {
                let values = line.split(separator: ",").map { Double($0)!.bitPattern }
                #expect(values == expected.split(separator: ",").map { Double($0)!.bitPattern }, "\(line) | \(expected)")
            }
            body += lines
        }
        #expect(Array(body) == Array(whole.dropFirst()))
    }

    @Test("--train-all: the shards slice the trained network, and the merged figure is one run's")
    func trainAll() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = repositoryRoot.appendingPathComponent("assets/heart.yaml").path
        let options = ["--resolution", "17", "--descent", "30", "--train-all", "--scale", "1"]
        try shards(2, spec: spec, options: options, in: directory)
        #expect(try String(contentsOf: directory.appendingPathComponent("part-1.csv"), encoding: .utf8).contains(" slice=trained,"))
        for format in ["csv", "png"] {
            #expect(try netfig(arguments: ["surface", spec] + options + ["-o", "one.\(format)"], in: directory).status == 0)
            let merged = try netfig(arguments: ["surface", spec] + options + ["--from", "part-1.csv", "part-2.csv", "-o", "merged.\(format)"], in: directory)
            #expect(merged.status == 0, "\(merged.stderr)")
            #expect(try bytes("merged.\(format)", in: directory) == bytes("one.\(format)", in: directory))
        }
        // The slice through the spec's own parameters is another grid.
        let untrained = try netfig(arguments: ["surface", spec, "--resolution", "17", "--descent", "30", "--scale", "1", "--from", "part-*.csv", "-o", "m.png"], in: directory)
        #expect(untrained.status == 2 && untrained.stderr.hasPrefix("netfig: part-1.csv: "), "\(untrained.stderr)")
    }

    /// Runs netfig and expects exit 2, one line that starts as given, and no output file.
    func refused(_ arguments: [String], in directory: URL, _ start: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let output = arguments.last ?? ""
        let run = try netfig(arguments: arguments, in: directory)
        #expect(run.status == 2, "\(arguments): exit \(run.status)", sourceLocation: sourceLocation)
        #expect(run.stderr.hasPrefix("netfig: " + start), "\(run.stderr)", sourceLocation: sourceLocation)
        #expect(run.stderr.filter { $0 == "\n" }.count == 1 && run.stderr.hasSuffix("\n"), "\(run.stderr)", sourceLocation: sourceLocation)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent(output).path), sourceLocation: sourceLocation)
    }

    @Test("--shard: only with a CSV output, at most a shard a row, not with --from")
    func shardUsage() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = repositoryRoot.appendingPathComponent("assets/not.yaml").path
        try refused(["surface", spec, "--shard", "2/3", "-o", "part.png"], in: directory,
                    "--shard 2/3: expected -o FILE.csv, not part.png (a shard writes its rows as CSV; --from draws the figure from the parts)")
        try refused(["surface", spec, "--resolution", "8", "--shard", "1/9", "-o", "part.csv"], in: directory,
                    "--shard 1/9: expected n at most 8, the grid's rows (--resolution)")
        try refused(["surface", spec, "--shard", "4/3", "-o", "part.csv"], in: directory, "The value '4/3' is invalid for '--shard <i/n>'")
        try refused(["surface", spec, "--shard", "1/3", "--from", "part-*.csv", "-o", "part.csv"], in: directory, "--shard and --from: expected one")
    }

    @Test("--from refuses, in one line naming the file, parts that are missing, repeated, of other runs or damaged")
    func mergeErrors() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = repositoryRoot.appendingPathComponent("assets/not.yaml").path
        let options = ["--resolution", "14", "--x-range", "-4:4", "--y-range", "-3:3"]
        try shards(7, spec: spec, options: options, in: directory)
        func merge(_ folder: String, _ extra: [String] = [], spec: String = spec) -> [String] {
            ["surface", spec] + options + extra + ["--from", "\(folder)/*.csv", "-o", "merged.png"]
        }
        let fileManager = FileManager.default
        /// A folder holding copies of the given shards' parts.
        func folder(_ name: String, _ shards: [Int]) throws -> URL {
            let url = directory.appendingPathComponent(name)
            try fileManager.createDirectory(at: url, withIntermediateDirectories: true)
            for i in shards { try fileManager.copyItem(at: directory.appendingPathComponent("part-\(i).csv"), to: url.appendingPathComponent("part-\(i).csv")) }
            return url
        }
        func edit(_ url: URL, _ change: (inout [String]) -> Void) throws {
            var lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
            change(&lines)
            try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        }

        try refused(["surface", spec, "--from", "none-*.csv", "-o", "merged.png"], in: directory,
                    "--from 'none-*.csv': no file matches; expected the parts written by netfig surface --shard")

        _ = try folder("missing", [1, 4, 6, 7])
        try refused(merge("missing"), in: directory,
                    "--from 'missing/*.csv': shards 2-3, 5 of 7 missing (rows 3-6, 9-10 of 14); expected every shard's part")

        let repeated = try folder("repeated", Array(1...7))
        try fileManager.copyItem(at: repeated.appendingPathComponent("part-3.csv"), to: repeated.appendingPathComponent("part-3-again.csv"))
        try refused(merge("repeated"), in: directory,
                    "repeated/part-3.csv: shard 3/7 again (repeated/part-3-again.csv is shard 3/7 too); expected each shard once")

        // Two runs' parts, 7 and 2 shards, whose rows overlap.
        _ = try folder("overlap", Array(1...7))
        let half = try netfig(arguments: ["surface", spec] + options + ["--shard", "1/2", "-o", "overlap/half-1.csv"], in: directory)
        #expect(half.status == 0)
        try refused(merge("overlap"), in: directory,
                    "overlap/part-1.csv: shard 1/7, but overlap/half-1.csv is shard 1/2; expected the parts of one --shard i/n run")

        // A part of another grid among them, and parts of another spec.
        _ = try folder("mixed", Array(1...6))
        let other = try netfig(arguments: ["surface", spec, "--resolution", "14", "--x-range", "-4:5", "--y-range", "-3:3", "--shard", "7/7", "-o", "mixed/part-7.csv"], in: directory)
        #expect(other.status == 0)
        try refused(merge("mixed"), in: directory, "mixed/part-7.csv: x-range=-4.0:5.0, but mixed/part-1.csv has x-range=-4.0:4.0; expected the parts of one run")
        let derivative = repositoryRoot.appendingPathComponent("assets/not-derivative.yaml").path
        _ = try folder("all", Array(1...7))
        try refused(merge("all", spec: derivative), in: directory, "all/part-1.csv: spec-hash=")
        let hash = try #require(try String(contentsOf: directory.appendingPathComponent("part-1.csv"), encoding: .utf8)
            .firstMatch(of: /spec-hash=([0-9a-f]+)/)?.1)
        let message = try netfig(arguments: merge("all", spec: derivative), in: directory).stderr
        #expect(message.contains("spec-hash=\(hash), but not-derivative.yaml with these options gives spec-hash="), "\(message)")
        // Options other than the shards'.
        try refused(merge("all", ["--resolution", "15"]), in: directory,
                    "all/part-1.csv: resolution=14, but not.yaml with these options gives resolution=15; expected the spec and options the shards were run with (all but --shard and -o)")

        // Damaged parts.
        let damaged = try folder("damaged", Array(1...7))
        let part = damaged.appendingPathComponent("part-4.csv")
        let original = try Data(contentsOf: part)
        let cases: [(String, (inout [String]) -> Void)] = [
            ("damaged/part-4.csv:1: expected '# netfig surface part: shard=i/n rows=…'", { $0[0] = "x,y,cost" }),
            ("damaged/part-4.csv:1: rows=7-9, but shard 4/7 of a 14-row grid holds rows 7-8", { $0[0] = $0[0].replacingOccurrences(of: "rows=7-8", with: "rows=7-9") }),
            ("damaged/part-4.csv:2: 'x,y,cost': expected 'w1,b1,cost'", { $0[1] = "x,y,cost" }),
            ("damaged/part-4.csv:5: cost '0.25x': expected a number as netfig writes it", { $0[4] = $0[4].split(separator: ",").dropLast().joined(separator: ",") + ",0.25x" }),
            ("damaged/part-4.csv:5: cost '0.250': expected a number as netfig writes it", { $0[4] = $0[4].split(separator: ",").dropLast().joined(separator: ",") + ",0.250" }),
            ("damaged/part-4.csv:6: x is '0.5', expected -2.1538461538461537 (column 4 of the grid)", { $0[5] = "0.5," + $0[5].split(separator: ",").dropFirst().joined(separator: ",") }),
            ("damaged/part-4.csv:3: expected x,y,cost (three numbers)", { $0[2] += ",1" }),
            ("damaged/part-4.csv: ends after 20 of the 28 points of rows 7-8; expected all of them (a part cut short?)", { $0.removeSubrange(22..<30) }),
            ("damaged/part-4.csv:30: no end of line; expected one after every line (a part cut short?)", { $0[29] = String($0[29].dropLast(3)); $0.removeLast() }),
            ("damaged/part-4.csv:31: more lines than rows 7-8 hold (28 points)", { $0.insert("-4.0,-3.0,1.0", at: 30) }),
        ]
        for (message, change) in cases {
            try original.write(to: part)
            try edit(part, change)
            try refused(merge("damaged"), in: directory, message)
        }
        try original.write(to: part)
        let whole = try netfig(arguments: merge("damaged"), in: directory)
        #expect(whole.status == 0, "\(whole.stderr)")
    }
}
