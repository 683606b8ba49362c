import Foundation
import Testing

/// Runs `netfig` with standard output sent to a file (here `/dev/full`, where every write fails).
func netfig(arguments: [String], stdoutTo path: String, in directory: URL = repositoryRoot) throws -> Run {
    let process = Process()
    process.executableURL = netfigBinary
    process.arguments = arguments
    process.currentDirectoryURL = directory
    guard let output = FileHandle(forWritingAtPath: path) else { throw CocoaError(.fileWriteUnknown) }
    process.standardOutput = output
    let err = Pipe()
    process.standardError = err
    try process.run()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(status: process.terminationStatus, stdout: "", stderr: String(decoding: stderr, as: UTF8.self))
}

struct StandardOutputTests {
    @Test("eval and eval --json into /dev/full exit 1 with one line", arguments: [["eval", "assets/not.yaml"], ["eval", "assets/not.yaml", "--json"], ["eval", "--help"]])
    func full(arguments: [String]) throws {
        let run = try netfig(arguments: arguments, stdoutTo: "/dev/full")
        #expect(run.status == 1)
        #expect(run.stderr == "netfig: cannot write to standard output: No space left on device\n")
    }

    @Test("eval into a file still works")
    func file() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("out.txt").path
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let run = try netfig(arguments: ["eval", "assets/not.yaml"], stdoutTo: path)
        #expect(run.status == 0 && run.stderr.isEmpty)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == netfig("eval", "assets/not.yaml").stdout)
    }
}

struct EvalOverflowTests {
    static let spec = "layers: [1, 1]\nactivation: identity\nweights: [[[1e200]]]\ndata: {inputs: [[1e-300], [1e200]], targets: [[0], [0]]}\n"

    @Test("eval of a cost that overflows prints the numbers, then exits 1 naming the example")
    func text() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.spec.write(to: directory.appendingPathComponent("big.yaml"), atomically: true, encoding: .utf8)
        let run = try netfig("eval", "big.yaml", in: directory)
        #expect(run.status == 1)
        #expect(run.stdout.contains("C = inf"))
        #expect(run.stderr == "netfig: big.yaml: example 2 has z1 = inf; the numbers overflowed (printed above as inf or nan)\n")
    }

    @Test("eval --json of a cost that overflows prints nothing rather than null, and exits 1")
    func json() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.spec.write(to: directory.appendingPathComponent("big.yaml"), atomically: true, encoding: .utf8)
        let run = try netfig("eval", "big.yaml", "--json", in: directory)
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "netfig: big.yaml: example 2 has z1 = inf; JSON has no inf or nan, so nothing was printed (eval without --json shows every number)\n")
    }
}
