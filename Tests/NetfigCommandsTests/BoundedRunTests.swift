import Foundation
import NetfigSpec
import NetworkEngine
import Testing
@testable import Figures

/// Runs `netfig` and reads its own peak resident memory (VmHWM), which it prints with
/// `NETFIG_TIMING=1`. A parent's rusage will not do: Linux puts into a spawned child's
/// ru_maxrss the peak of the process that spawned it (this test runner, hundreds of MB and
/// growing as other tests run), so two children's peaks differed by the runner's growth.
private func peakKilobytes(_ arguments: [String]) throws -> (status: Int32, kilobytes: Int) {
    let run = try netfig(arguments: arguments, environment: ["NETFIG_TIMING": "1"])
    let line = run.stderr.split(separator: "\n").first { $0.hasPrefix("peak_memory: ") }
    let kilobytes = try #require(line.flatMap { Int($0.dropFirst("peak_memory: ".count).split(separator: " ")[0]) }, "\(run.stderr)")
    return (run.status, kilobytes)
}

struct BoundedRunTests {
    static let tiny = "layers: [1, 1]\nactivation: tanh\nweights: [[[1.3]]]\nbiases: [[-0.1]]\ndata: {set: not}\ntraining: {rate: 0.05}\n"

    /// 10⁶ and 10⁷ steps of a 1 → 1 network: keeping every cost took 8 bytes a step for the
    /// costs and 24 more for the curve's series, 290 MB more at 10⁷; bounded, the larger
    /// run's peak is the smaller's.
    @Test("train's peak memory does not grow with the steps (10⁶ against 10⁷)", arguments: ["png", "csv"])
    func peakMemory(_ format: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.tiny.write(to: directory.appendingPathComponent("tiny.yaml"), atomically: true, encoding: .utf8)
        let spec = directory.appendingPathComponent("tiny.yaml").path
        let small = try peakKilobytes(["train", spec, "-o", directory.appendingPathComponent("small.\(format)").path, "--steps", "1000000"])
        let large = try peakKilobytes(["train", spec, "-o", directory.appendingPathComponent("large.\(format)").path, "--steps", "10000000"])
        #expect(small.status == 0 && large.status == 0)
        // 8 MB of slack: allocator noise, and the CSV's buffered rows; a kept history is 80 MB and more.
        #expect(large.kilobytes <= small.kilobytes + 8 * 1024, "peak \(small.kilobytes) kB at 10⁶ steps, \(large.kilobytes) kB at 10⁷")
        if format == "csv" {
            let rows = try String(contentsOf: directory.appendingPathComponent("large.csv"), encoding: .utf8).utf8.count { $0 == UInt8(ascii: "\n") }
            #expect(rows == 10_000_002)
        }
    }

    /// The CSV is streamed as training runs; its bytes are those of the whole run's costs
    /// written at the end, as netfig did before, with and without --every.
    @Test("train -o curve.csv streams the same bytes as writing every kept cost at the end", arguments: [1, 7])
    func csvBytes(_ every: Int) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = repositoryRoot.appendingPathComponent("assets/heart.yaml").path
        let run = try netfig("train", spec, "-o", "curve.csv", "--steps", "3000", "--every", "\(every)", in: directory)
        #expect(run.status == 0, "\(run.stderr)")
        let loaded = try SpecFile.load(spec)
        var options = loaded.training
        options.steps = 3000
        let history = try Trainer(options: options).train(loaded.network, on: loaded.data!)
        let expected = TrainingCurve(costs: history.costs, every: every, title: "", subtitle: "").csv
        let written = try String(contentsOf: directory.appendingPathComponent("curve.csv"), encoding: .utf8)
        #expect(written == expected)
        #expect(written.hasPrefix("step,cost\n0,\(history.costs[0])\n"))
    }

    @Test("a run that fails leaves no CSV and no temporary file")
    func csvOnFailure() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "layers: [1, 1]\nactivation: identity\ndata: {inputs: [[1000]], targets: [[0]]}\ntraining: {rate: 10}\n"
            .write(to: directory.appendingPathComponent("wild.yaml"), atomically: true, encoding: .utf8)
        let run = try netfig("train", "wild.yaml", "-o", "out/curve.csv", "--steps", "100", in: directory)
        #expect(run.status == 1)
        let left = (try? FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("out").path)) ?? []
        #expect(left.isEmpty, "\(left)")
    }

    @Test("a spec or a data file over its limit is refused before it is read, exit 2 and one line")
    func fileLimits() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // Sparse files: their size is what is checked, so nothing is written or read.
        let big = directory.appendingPathComponent("big.yaml")
        #expect(FileManager.default.createFile(atPath: big.path, contents: nil))
        #expect(truncate(big.path, off_t(SpecFile.maxSpecBytes + 1)) == 0)
        let spec = try netfig("eval", "big.yaml", in: directory)
        #expect(spec.status == 2)
        #expect(spec.stderr == "netfig: big.yaml: \(SpecFile.maxSpecBytes + 1) bytes; a spec may hold at most 4194304 bytes (4 MiB); put large data in a CSV file (data: {file: …})\n")

        let csv = directory.appendingPathComponent("points.csv")
        #expect(FileManager.default.createFile(atPath: csv.path, contents: nil))
        #expect(truncate(csv.path, off_t(SpecFile.maxDataBytes + 1)) == 0)
        try "layers: [1, 1]\nactivation: tanh\ndata: {file: points.csv, inputs: 1}\n"
            .write(to: directory.appendingPathComponent("file.yaml"), atomically: true, encoding: .utf8)
        let data = try netfig("eval", "file.yaml", in: directory)
        #expect(data.status == 2)
        #expect(data.stderr == "netfig: points.csv: \(SpecFile.maxDataBytes + 1) bytes; a data file may hold at most 67108864 bytes (64 MiB)\n")
    }

    @Test("animate refuses, before training, frames whose networks would not fit: exit 2, one line naming --frames")
    func animateLimit() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "layers: [1, 1000, 1]\nactivation: tanh\ndata: {set: not}\n"
            .write(to: directory.appendingPathComponent("wide.yaml"), atomically: true, encoding: .utf8)
        let run = try netfig("animate", "wide.yaml", "-o", "frames", "--frames", "100000", "--steps", "100000", in: directory)
        #expect(run.status == 2)
        #expect(run.stderr == "netfig: --frames 100000: 100000 frames of 3001 parameters each keep 300100000 numbers; expected at most 50000000 (--frames 16661 or fewer for this network)\n")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("frames").path))
    }
}
