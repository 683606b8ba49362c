import Foundation
import Testing

struct SurfaceCommandTests {
    @Test("surface values equal eval's cost at sampled grid points, to 1e-12")
    func matchesEval() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = repositoryRoot.appendingPathComponent("assets/hidden-layer.yaml").path
        let run = try netfig("surface", spec, "--x", "W1[2,3]", "--y", "b2[1]", "-o", "grid.csv", "--resolution", "7",
                             "--x-range", "-2:2", "--y-range", "-1:3", in: directory)
        #expect(run.status == 0, "\(run.stderr)")
        let rows = try String(contentsOf: directory.appendingPathComponent("grid.csv"), encoding: .utf8).split(separator: "\n")
        #expect(rows.count == 50)
        #expect(rows[0] == "W1[2,3],b2[1],cost")
        struct Cost: Decodable { let cost: Double }
        let original = try String(contentsOfFile: spec, encoding: .utf8)
        // Fix the drawn parameters by saving the spec (which writes them out), then set the two.
        _ = try netfig("train", spec, "-o", "none.csv", "--steps", "0", "--save", "base.yaml", in: directory)
        #expect(original.contains("init:"))
        let base = try String(contentsOf: directory.appendingPathComponent("base.yaml"), encoding: .utf8)
        for index in [1, 9, 25, 33, 49] {
            let fields = rows[index].split(separator: ",").map { Double($0)! }
            var lines = base.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            try setWeight(&lines, layer: 0, row: 1, column: 2, to: fields[0])
            try setBias(&lines, layer: 1, index: 0, to: fields[1])
            try lines.joined(separator: "\n").write(to: directory.appendingPathComponent("point.yaml"), atomically: true, encoding: .utf8)
            let eval = try netfig("eval", "point.yaml", "--json", in: directory)
            #expect(eval.status == 0, "\(eval.stderr)")
            let cost = try JSONDecoder().decode(Cost.self, from: Data(eval.stdout.utf8)).cost
            #expect(abs(cost - fields[2]) <= 1e-12 * max(1, cost), "row \(index): eval \(cost), surface \(fields[2])")
        }
    }

    /// Rewrites one number in a saved spec's `weights:` block (one matrix row per line).
    func setWeight(_ lines: inout [String], layer: Int, row: Int, column: Int, to value: Double) throws {
        let start = try #require(lines.firstIndex(of: "weights:"))
        var matrix = -1, matrixRow = 0
        for i in (start + 1)..<lines.count {
            if lines[i].hasPrefix("  - ") { matrix += 1; matrixRow = 0 } else if !lines[i].hasPrefix("     ") { break } else { matrixRow += 1 }
            if matrix == layer && matrixRow == row {
                let prefix = lines[i].prefix { "[ -".contains($0) }
                let body = lines[i].dropFirst(prefix.count)
                let suffix = body.reversed().prefix { "],".contains($0) }
                var numbers = body.dropLast(suffix.count).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                numbers[column] = "\(value)"
                lines[i] = prefix + numbers.joined(separator: ", ") + String(suffix.reversed())
                return
            }
        }
        Issue.record("weight not found")
    }

    func setBias(_ lines: inout [String], layer: Int, index: Int, to value: Double) throws {
        let start = try #require(lines.firstIndex(of: "biases:"))
        let i = start + 1 + layer
        var numbers = lines[i].dropFirst(5).dropLast().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        numbers[index] = "\(value)"
        lines[i] = "  - [" + numbers.joined(separator: ", ") + "]"
    }

    @Test("surface figures are byte-identical on a rerun", arguments: ["png", "svg", "pdf"])
    func reruns(_ format: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = repositoryRoot.appendingPathComponent("assets/not.yaml").path
        for name in ["a", "b"] {
            let run = try netfig("surface", spec, "-o", "\(name).\(format)", "--resolution", "64", "--descent", "50", "--rate", "0.5", in: directory)
            #expect(run.status == 0, "\(run.stderr)")
        }
        #expect(try Data(contentsOf: directory.appendingPathComponent("a.\(format)")) == Data(contentsOf: directory.appendingPathComponent("b.\(format)")))
    }

    @Test("bad parameter names, ranges and sizes exit 2 with one line")
    func badInput() throws {
        let spec = repositoryRoot.appendingPathComponent("assets/not.yaml").path
        let layer = try netfig("surface", spec, "--x", "W5[1,1]", "-o", "/tmp/never.png")
        #expect(layer.status == 2)
        #expect(layer.stderr == "netfig: --x: 'W5[1,1]' is not a parameter of this network: the network has layers 1 to 1\n")
        let syntax = try netfig("surface", spec, "--y", "bias", "-o", "/tmp/never.png")
        #expect(syntax.status == 2 && syntax.stderr.contains("--y: 'bias' is not a parameter name"))
        let same = try netfig("surface", spec, "--x", "b1", "--y", "b1", "-o", "/tmp/never.png")
        #expect(same.status == 2 && same.stderr.contains("two different parameters"))
        #expect(try netfig("surface", spec, "--x-range", "3:1", "-o", "/tmp/never.png").status == 2)
        #expect(try netfig("surface", spec, "--x-range", "-1e308:1e308", "-o", "/tmp/never.png").status == 2)
        #expect(try netfig("surface", spec, "--resolution", "0", "-o", "/tmp/never.png").status == 2)
        #expect(try netfig("surface", spec, "--resolution", "100000", "-o", "/tmp/never.png").status == 2)
        #expect(try netfig("surface", spec, "--colormap", "jet", "-o", "/tmp/never.png").status == 2)
        #expect(try netfig("surface", spec, "--train-all", "-o", "/tmp/never.png").status == 2)
        #expect(!FileManager.default.fileExists(atPath: "/tmp/never.png"))
    }

    @Test("extreme but valid ranges still draw (no tick loop, no trap)")
    func extremeRanges() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = repositoryRoot.appendingPathComponent("assets/not.yaml").path
        for range in ["-1e308:1e307", "1:1.0000000000000002", "1e300:1.0000001e300"] {
            let run = try netfig("surface", spec, "--x-range", range, "--resolution", "8", "-o", "s.png", in: directory)
            #expect(run.status == 0, "\(range): \(run.stderr)")
        }
    }
}
