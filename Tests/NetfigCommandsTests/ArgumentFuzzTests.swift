import Foundation
import NetworkEngine
import Testing

/// Random command lines through the built `netfig`, as a user (or a script gone wrong) would
/// type them: every run ends on its own, by exit 0, 1 or 2 and never a signal, with every line
/// on stderr a `netfig:` line (no trace, no second line of one message), and a run that
/// succeeds writes its file. Seeded, so a failure reproduces.
struct ArgumentFuzzTests {
    static let specs = ["not.yaml", "xor.yaml", "vector-layer.yaml", "not-derivative.yaml"]

    /// Option names and the values tried for each, good and bad.
    static let common: [(String, [String])] = [
        ("--width", ["16", "320", "960", "0", "-5", "1e9", "nan", "abc"]),
        ("--height", ["16", "180", "540", "0", "1e9", "x"]),
        ("--scale", ["1", "2", "0", "0.001", "9", "nan"]),
        ("--theme", ["light", "dark", "print", "neon"]),
        ("--title", ["", "x", "$a^{(1)}_2$", "\u{1B}[2J", "line\nbreak"]),
        ("--notes", []),
    ]
    static let perCommand: [String: [(String, [String])]] = [
        "train": [("--steps", ["0", "1", "40", "-1", "1e20", "x"]), ("--rate", ["0.5", "0", "-1", "inf", "nan", "1e300"]),
                  ("--optimizer", ["gd", "momentum", "adam", "sgd"])],
        "diagram": [("--labels", ["symbols", "values", "none", "foo"]), ("--color", ["weights", "gradients", "rgb"]),
                    ("--example", ["0", "1", "2", "99"]), ("--biases", []), ("--input", ["0.3", "1,2", "0.3,0.4,0.1", "x"]),
                    ("--orientation", ["horizontal", "vertical", "diagonal"]), ("--max-neurons", ["0", "1", "12"]),
                    ("--precision", ["0", "3", "30"]), ("--weight-range", ["0", "1", "-1"]), ("--neurons", ["circles", "functions", "dots"])],
        "chain": [("--weight", ["w1", "b1", "W9[1,1]", "x"]), ("--example", ["0", "1", "2", "99"]), ("--precision", ["0", "4", "30"])],
        "neurons": [("--train", []), ("--steps", ["1", "30"]), ("--max-neurons", ["2", "12"])],
        "surface": [("--x", ["w1", "b1", "W9[1,1]", "W2[1,1]"]), ("--y", ["b1", "w1", "b2[1]", "zz"]),
                    ("--x-range", ["-1:1", "1:-1", "a:b", "0:0"]), ("--resolution", ["1", "2", "8", "100000"]),
                    ("--contours", ["0", "5", "1000"]), ("--log", []), ("--linear", []),
                    ("--colormap", ["viridis", "magma_r", "viridis_r_r", "nope"]), ("--descent", ["0", "5", "-1"]),
                    ("--aspect", ["equal", "auto", "square"]), ("--shard", ["1/2", "2/2", "3/2", "1/99"]),
                    ("--from", ["r*-out.csv", "none-*.csv"]), ("--compare", ["gd,adam", "gd", "gd@0,adam", "sgd,gd"]),
                    ("--start", ["1,2", "1", "x,y"]), ("--gradient-field", []), ("--view", ["map", "3d", "4d"]),
                    ("--azimuth", ["30", "nan"]), ("--elevation", ["45", "0"]), ("--wireframe", [])],
        "fit": [("--train", []), ("--by-example", []), ("--history", ["0", "1", "5"]), ("--steps", ["1", "30"]), ("--aspect", ["equal", "auto"])],
        "eval": [("--json", [])],
        "animate": [("--frames", ["0", "1", "2", "3"]), ("--steps", ["1", "10"]), ("--size", ["64x64", "10x10", "160x90", "axb"]),
                    ("--resolution", ["4", "8"]), ("--format", ["png", "svg", "gif"]), ("--spacing", ["even", "log", "cubic"]),
                    ("--jobs", ["0", "1", "2"]), ("--shard", ["1/2", "3/2", "0/0"])],
    ]
    static let outputs: [String: [String]] = [
        "train": ["out.png", "out.svg", "out.csv", "out.gif", "sub/dir/out.pdf"],
        "diagram": ["out.png", "out.pdf", "out.svg", "out.csv", "a b.png"],
        "surface": ["out.png", "out.csv", "out.svg"],
        "fit": ["out.png", "out.csv", "out.pdf"],
        "chain": ["out.png", "out.svg", "out.csv"],
        "neurons": ["out.png", "out.pdf", "out.csv"],
        "animate": ["frames", "sub/frames"],
    ]

    @Test("300 random command lines: each ends by itself with exit 0, 1 or 2, errors only as netfig: lines")
    func commandLines() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var rng = Xoshiro256StarStar(seed: 18)
        var outcomes: [Int32: Int] = [:]
        for round in 0..<300 {
            let commands = Array(Self.perCommand.keys).sorted()
            let command = commands[rng.nextIndex(below: commands.count)]
            var arguments = [command, repositoryRoot.appendingPathComponent("assets/" + Self.specs[rng.nextIndex(below: Self.specs.count)]).path]
            let output = Self.outputs[command].map { $0[rng.nextIndex(below: $0.count)] }
            if let output, rng.nextIndex(below: 10) > 0 { arguments += ["-o", "r\(round)-" + output] }
            let pool = (Self.perCommand[command] ?? []) + (command == "eval" || command == "animate" ? [] : Self.common)
            for _ in 0..<rng.nextIndex(below: 4) {
                let (name, values) = pool[rng.nextIndex(below: pool.count)]
                arguments.append(name)
                if !values.isEmpty { arguments.append(values[rng.nextIndex(below: values.count)]) }
            }
            // Keep the work small: a frame or two, a few steps.
            if command == "animate" { arguments += ["--steps", "4", "--frames", "2", "--size", "96x64", "--resolution", "4"] }
            if command == "fit" || command == "train" { arguments += ["--steps", "20"] }
            let run = try Self.run(arguments, in: directory, limit: 60)
            let shown = arguments.dropFirst(2).joined(separator: " ")
            guard let status = run.status else {
                Issue.record("netfig \(command) \(shown): still running after 60 s")
                continue
            }
            outcomes[status, default: 0] += 1
            #expect([0, 1, 2].contains(status), "netfig \(command) \(shown): exit \(status)\n\(run.stderr)")
            let lines = run.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            #expect(lines.allSatisfy { $0.hasPrefix("netfig: ") }, "netfig \(command) \(shown): stderr\n\(run.stderr)")
            if status != 0 { #expect(!lines.isEmpty, "netfig \(command) \(shown): exit \(status) without a word") }
        }
        print("argument fuzz: 300 runs, outcomes by exit status \(outcomes.sorted { $0.key < $1.key })")
        // Both kinds of run occur, so the assertions above met successes and errors alike.
        #expect((outcomes[0] ?? 0) > 20 && (outcomes[2] ?? 0) > 20)
    }

    /// Runs the built netfig with output to files (no pipe to fill), ending it after `limit`
    /// seconds; `status` is nil when it had to be ended, or the negative signal when one ended it.
    static func run(_ arguments: [String], in directory: URL, limit: Double) throws -> (status: Int32?, stderr: String) {
        let errors = directory.appendingPathComponent("stderr.txt")
        FileManager.default.createFile(atPath: errors.path, contents: nil)
        let handle = try FileHandle(forWritingTo: errors)
        defer { try? handle.close() }
        let process = Process()
        process.executableURL = netfigBinary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(limit)
        while process.isRunning, Date() < deadline { usleep(5_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            return (nil, "")
        }
        let text = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        let status = process.terminationReason == .uncaughtSignal ? -process.terminationStatus : process.terminationStatus
        return (status, text)
    }
}
