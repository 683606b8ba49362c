import Foundation
import Testing

/// Runs the built `netfig` as a user would and captures what it prints.
struct Run {
    let status: Int32
    let stdout: String
    let stderr: String
}

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The `netfig` executable beside the test bundle (SwiftPM builds it because the tests depend on it).
let netfigBinary: URL = {
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
        let candidate = directory.appendingPathComponent("netfig")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        directory = directory.deletingLastPathComponent()
    }
    return repositoryRoot.appendingPathComponent(".build/debug/netfig")
}()

func netfig(_ arguments: String..., in directory: URL = repositoryRoot, environment: [String: String] = [:]) throws -> Run {
    try netfig(arguments: arguments, in: directory, environment: environment)
}

func netfig(arguments: [String], in directory: URL = repositoryRoot, environment: [String: String] = [:]) throws -> Run {
    try runProgram(netfigBinary, arguments, in: directory, environment: environment)
}

/// Runs a helper program (ffprobe, ffmpeg, pdfinfo, python3) to its end and keeps what it printed.
func runTool(_ path: String, _ arguments: [String]) throws -> Run {
    try runProgram(URL(fileURLWithPath: path), arguments)
}

/// Runs a program to its end in `directory` and keeps its exit status and output.
func runProgram(_ executable: URL, _ arguments: [String], in directory: URL = repositoryRoot,
                environment: [String: String] = [:]) throws -> Run {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if !environment.isEmpty {
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }
    process.currentDirectoryURL = directory
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read before waiting, so a large output cannot fill the pipe and stall the child.
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
}

func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("netfig-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

struct EvalCommandTests {
    @Test("eval prints the seed's NOT outputs in full precision")
    func notNeuron() throws {
        let run = try netfig("eval", "assets/not.yaml")
        #expect(run.status == 0)
        #expect(run.stdout.contains("a1 = [0.8336546070121552]"))
        #expect(run.stdout.contains("a1 = [-0.09966799462495582]"))
        #expect(run.stdout.contains("C_k = 1.209269698402472"))
        #expect(run.stderr.isEmpty)
    }

    @Test("eval prints the seed's derivative and vector costs")
    func seedNumbers() throws {
        #expect(try netfig("eval", "assets/not-derivative.yaml").stdout.contains("∂C/∂b1 = [-1.1186026425530913]"))
        let vector = try netfig("eval", "assets/vector-cost.yaml").stdout
        #expect(vector.contains("C_k = 1.2771038883115056"))
        #expect(vector.contains("C_k = 1.7788340952508743"))
    }

    /// `eval --json`'s schema, read with JSONDecoder (which parses doubles exactly;
    /// JSONSerialization's NSNumber bridging on Linux can be an ulp off).
    struct EvalJSON: Decodable {
        struct Example: Decodable {
            struct Layer: Decodable { let z: [Double]; let a: [Double] }
            let input: [Double]
            let target: [Double]
            let layers: [Layer]
            let cost: Double
            let inputGradient: [Double]
        }
        let examples: [Example]
        let cost: Double
        let gradients: [String: AnyGradient]
    }

    /// A gradient entry: a matrix (W) or a vector (b).
    enum AnyGradient: Decodable {
        case matrix([[Double]])
        case vector([Double])
        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let m = try? c.decode([[Double]].self) { self = .matrix(m) } else { self = .vector(try c.decode([Double].self)) }
        }
    }

    @Test("eval --json is one JSON object whose numbers read back exactly")
    func json() throws {
        let run = try netfig("eval", "assets/vector-cost.yaml", "--json")
        #expect(run.status == 0)
        let object = try JSONDecoder().decode(EvalJSON.self, from: Data(run.stdout.utf8))
        #expect(object.examples.count == 2)
        #expect(object.examples[0].cost == 1.2771038883115056)
        #expect(object.examples[1].cost == 1.7788340952508743)
        #expect(object.cost == 1.2771038883115056 + 1.7788340952508743)
        #expect(object.examples[0].layers[0].a.count == 2)
        #expect(object.examples[1].input == [0.7, 0.6, 0.2])
        #expect(Set(object.gradients.keys) == ["W1", "b1"])
        guard case .matrix(let W1) = object.gradients["W1"] else { Issue.record("W1 is not a matrix"); return }
        #expect(W1.map(\.count) == [3, 3])
    }

    @Test("the JSON of the heart network matches the text output")
    func jsonMatchesText() throws {
        let text = try netfig("eval", "assets/heart.yaml").stdout
        let json = try netfig("eval", "assets/heart.yaml", "--json").stdout
        let object = try JSONDecoder().decode(EvalJSON.self, from: Data(json.utf8))
        #expect(text.contains("\nC = \(object.cost)\n"))
        guard case .vector(let b3) = object.gradients["b3"] else { Issue.record("b3 is not a vector"); return }
        #expect(text.contains("∂C/∂b3 = [\(b3.map { "\($0)" }.joined(separator: ", "))]"))
        #expect(object.examples.count == 100)
        #expect(text.contains("a3 = [\(object.examples[99].layers[2].a.map { "\($0)" }.joined(separator: ", "))]"))
    }
}

struct ExitStatusTests {
    @Test("a bad spec exits 2 with one line naming the file, line and field")
    func badSpec() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "layers: [1, 1]\nactivation: tanh\ndata: {set: nott}\n".write(to: directory.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        let run = try netfig("eval", "bad.yaml", in: directory)
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("netfig: bad.yaml:3: data.set: unknown value 'nott'; did you mean 'not'?"))
        #expect(run.stderr.split(separator: "\n").count == 1)
    }

    @Test("a missing spec, a missing argument and an unknown option exit 2")
    func usage() throws {
        let missing = try netfig("eval", "nowhere.yaml")
        #expect(missing.status == 2 && missing.stderr.contains("nowhere.yaml: no such spec file"))
        #expect(try netfig("eval").status == 2)
        #expect(try netfig("eval", "assets/not.yaml", "--jsn").status == 2)
        #expect(try netfig("frobnicate").status == 2)
    }

    @Test("help has examples and exits 0")
    func help() throws {
        let root = try netfig("--help")
        #expect(root.status == 0 && root.stdout.contains("netfig eval assets/not.yaml"))
        let eval = try netfig("eval", "--help")
        #expect(eval.status == 0 && eval.stdout.contains("Examples:"))
        #expect(try netfig("--version").stdout.contains("0.1.0"))
    }
}
