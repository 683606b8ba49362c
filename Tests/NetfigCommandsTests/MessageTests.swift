import Foundation
import Testing

/// Messages that used to mislead, each saying now what is wrong.
struct MessageTests {
    func run(_ spec: String, _ arguments: [String]) throws -> Run {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try spec.write(to: directory.appendingPathComponent("s.yaml"), atomically: true, encoding: .utf8)
        return try netfig(arguments: arguments, in: directory)
    }

    static let not = "layers: [1, 1]\nactivation: tanh\ndata: {set: not}\n"

    @Test("spec messages", arguments: [
        (not + "training: {steps: 99999999999999999999}\n",
         "netfig: s.yaml:4: training.steps: expected a whole number; 99999999999999999999 is too large (at most 9223372036854775807)\n"),
        (not + "training: {steps: 0x10}\n", "netfig: s.yaml:4: training.steps: '0x10' is a hexadecimal number; write numbers in decimal, as in 16\n"),
        (not + "training: {steps: 010}\n", "netfig: s.yaml:4: training.steps: '010' has a leading zero, which some YAML readers take as octal; write 10\n"),
        (not + "training: {steps: 1_000}\n", "netfig: s.yaml:4: training.steps: '1_000' has underscores; write the number without them, as in 1000\n"),
        ("layers: " + String(repeating: "[", count: 3000) + String(repeating: "]", count: 3000) + "\n",
         "netfig: s.yaml:1: YAML syntax: nested too deeply; a spec needs a few levels of [ ] and { }, as in weights: [[[1.3]]]\n"),
    ])
    func spec(text: String, expected: String) throws {
        let result = try run(text, ["eval", "s.yaml"])
        #expect(result.status == 2)
        #expect(result.stderr == expected)
    }

    @Test("quoted numbers and ordinary decimals are not taken for hex or octal")
    func decimals() throws {
        let result = try run("layers: [1, 1]\nactivation: tanh\nweights: [[[0.05]]]\nbiases: [[-0.0]]\ndata: {inputs: [[0]], targets: [[10]]}\ntraining: {steps: 100, rate: 0.5}\n", ["eval", "s.yaml"])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test("a negative count is refused with its range, not as a missing value", arguments: [
        (["train", "s.yaml", "-o", "c.csv", "--steps", "-1"], "netfig: --steps -1: expected 0 to 100000000 (see 'netfig train --help')\n"),
        (["train", "s.yaml", "-o", "c.csv", "--rate", "-0.5"], "netfig: --rate -0.5: expected a finite number above 0 (see 'netfig train --help')\n"),
        (["animate", "s.yaml", "-o", "a", "--frames", "-3"], "netfig: --frames -3: expected 1 to 100000 (see 'netfig animate --help')\n"),
        (["diagram", "s.yaml", "-o", "d.png", "--weight-range", "-2"], "netfig: --weight-range -2.0: expected a finite number above 0 (see 'netfig diagram --help')\n"),
        (["animate", "s.yaml", "-o", "a", "--jobs", "-1"], "netfig: --jobs -1: expected 1 to 64 (see 'netfig animate --help')\n"),
        (["surface", "s.yaml", "--x", "w1", "--y", "b1", "-o", "s.png", "--contours", "-4"], "netfig: --contours -4: expected 0 to 100 (see 'netfig surface --help')\n"),
    ])
    func negative(arguments: [String], expected: String) throws {
        let result = try run(Self.not, arguments)
        #expect(result.status == 2)
        #expect(result.stderr == expected)
    }

    @Test("a spec path that is a folder says so")
    func folder() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("s.yaml"), withIntermediateDirectories: true)
        let result = try netfig("eval", "s.yaml", in: directory)
        #expect(result.status == 2)
        #expect(result.stderr == "netfig: s.yaml: is a folder; expected the path of a .yaml or .json spec\n")
    }

    @Test("a colour map reversed twice is refused")
    func colormap() throws {
        let result = try run(Self.not, ["surface", "s.yaml", "--colormap", "viridis_r_r", "--resolution", "4", "-o", "s.csv"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("netfig: --colormap viridis_r_r: expected one of viridis,"))
        #expect(try run(Self.not, ["surface", "s.yaml", "--colormap", "viridis_r", "--resolution", "4", "-o", "s.csv"]).status == 0)
    }

    @Test("a huge rate is written in the short form, not as 309 digits")
    func hugeRate() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try (Self.not + "training: {rate: 1e300, steps: 3}\n").write(to: directory.appendingPathComponent("s.yaml"), atomically: true, encoding: .utf8)
        let result = try netfig("train", "s.yaml", "-o", "c.svg", "--save", "t.yaml", in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let svg = try String(contentsOf: directory.appendingPathComponent("c.svg"), encoding: .utf8)
        #expect(svg.contains("rate 1e+300"))
        let saved = try String(contentsOf: directory.appendingPathComponent("t.yaml"), encoding: .utf8)
        #expect(saved.contains("at rate 1e+300;"))
        #expect(!svg.contains("000000000000") && !saved.contains("000000000000"))
    }

    @Test("help says what the command does: the output formats it writes, every colour map, a default that is not the machine's")
    func helpMatchesBehaviour() throws {
        // The help wraps its lines: read it as one run of words.
        func help(_ command: String) throws -> String {
            try netfig(command, "--help").stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        let diagram = try help("diagram")
        #expect(diagram.contains("surface, profile, train and fit also write .csv"), "\(diagram)")
        let surface = try help("surface")
        for name in ["viridis", "greys", "rdbu", "puor"] { #expect(surface.contains(name), "\(name)") }
        let animate = try help("animate")
        #expect(animate.contains("one per core, at most 8") && !animate.contains("(default: one per core). (default:"), "\(animate)")
    }

    @Test("a negative input is a value, not an option")
    func negativeInput() throws {
        let result = try run("layers: [3, 2]\nactivation: tanh\ninit: {seed: 1}\ndata: {inputs: [[0, 0, 0]], targets: [[0, 0]]}\n",
                             ["diagram", "s.yaml", "-o", "d.svg", "--input", "-0.3,0.4,0.1", "--labels", "values"])
        #expect(result.status == 0, "\(result.stderr)")
    }
}
