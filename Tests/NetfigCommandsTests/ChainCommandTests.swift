import Foundation
import Testing

/// `netfig chain`: the seed's derivative and eval's gradients, as text in the figure.
struct ChainCommandTests {
    /// The text of an SVG's labels, line by line.
    static func texts(_ url: URL) throws -> String {
        try String(contentsOf: url, encoding: .utf8)
    }

    /// The text of eval --json's gradient entries for a layer's parameters (`"b1": [-1.11…]`),
    /// as eval prints them: read as text, since Foundation's JSON parser may round differently.
    static func gradientText(_ json: String, _ key: String) throws -> [String] {
        let start = try #require(json.range(of: "\"\(key)\": ")).upperBound
        let end = try #require(json[start...].firstIndex(of: "\n"))
        return json[start..<end].split(whereSeparator: { "[], ".contains($0) }).map(String.init)
    }

    /// eval's number with the figure's true minus sign.
    static func typeset(_ number: String) -> String {
        number.replacingOccurrences(of: "-", with: "\u{2212}")
    }

    @Test("the chain of the seed's ∂C_k/∂b prints −1.1186026425530913 as eval does, and ∂C_k/∂w = 0")
    func seed() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = repositoryRoot.appendingPathComponent("assets/not-derivative.yaml").path
        let eval = try netfig("eval", spec, "--json").stdout
        let b = try Self.gradientText(eval, "b1")
        #expect(b == ["-1.1186026425530913"])
        for (parameter, value) in [("b1", b[0]), ("w1", try Self.gradientText(eval, "W1")[0])] {
            let run = try netfig("chain", spec, "-o", "\(parameter).svg", "--weight", parameter, in: directory)
            #expect(run.status == 0, "\(run.stderr)")
            let svg = try Self.texts(directory.appendingPathComponent("\(parameter).svg"))
            #expect(svg.contains(") = \(Self.typeset(value))</"), "\(parameter): \(value)")
            #expect(svg.contains("<text"))
        }
    }

    @Test("a deep network's chain gives eval's ∂C/∂w over all examples, and one example's through every layer")
    func heart() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = repositoryRoot.appendingPathComponent("assets/heart.yaml").path
        // W1 is 6 × 1: its third row's entry is W1[3,1].
        let w = try Self.gradientText(try netfig("eval", spec, "--json").stdout, "W1")[2]
        let run = try netfig("chain", spec, "-o", "c.svg", "--weight", "W1[3,1]", "--example", "40", in: directory)
        #expect(run.status == 0, "\(run.stderr)")
        let svg = try Self.texts(directory.appendingPathComponent("c.svg"))
        #expect(svg.contains("= \(Self.typeset(w))</"), "\(w)")
        #expect(svg.contains("example 40 of 100"))
        // δ of each layer from the output down.
        #expect(svg.components(separatedBy: ">δ</tspan>").count - 1 == 3)
    }

    @Test("bad examples, parameters and formats exit 2 with one line and write nothing")
    func refusals() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = repositoryRoot.appendingPathComponent("assets/heart.yaml").path
        for (arguments, says) in [(["--example", "0"], "--example 0"), (["--example", "101"], "has 100 examples"),
                                  (["--weight", "W4[1,1]"], "--weight"), (["--weight", "x"], "--weight"),
                                  (["--precision", "0"], "--precision")] {
            let run = try netfig(arguments: ["chain", spec, "-o", "c.png"] + arguments, in: directory)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stderr.contains(says), "\(arguments): \(run.stderr)")
            #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        }
        #expect(try netfig("chain", spec, "-o", "c.csv", in: directory).status == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }
}

/// `netfig neurons`: the small multiples and the fit, and its refusals.
struct NeuronsCommandTests {
    @Test("neurons draws every layer's neurons with the fit; three inputs or CSV exit 2 with one line")
    func neurons() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try netfig("neurons", repositoryRoot.appendingPathComponent("assets/heart.yaml").path, "-o", "n.svg", "--train", "--steps", "50", in: directory)
        #expect(run.status == 0, "\(run.stderr)")
        let svg = try String(contentsOf: directory.appendingPathComponent("n.svg"), encoding: .utf8)
        #expect(svg.components(separatedBy: "· sigmoid").count - 1 == 3)
        #expect(svg.contains("after 50 steps of gd at rate 7"))
        let wide = try netfig("neurons", repositoryRoot.appendingPathComponent("assets/hidden-layer.yaml").path, "-o", "w.png", in: directory)
        #expect(wide.status == 2 && wide.stderr.contains("expected a network of 1 or 2 inputs, this one has 4"), "\(wide.stderr)")
        #expect(wide.stderr.split(separator: "\n").count == 1)
        #expect(try netfig("neurons", repositoryRoot.appendingPathComponent("assets/not.yaml").path, "-o", "n.csv", in: directory).status == 2)
        #expect(try netfig("neurons", repositoryRoot.appendingPathComponent("assets/not.yaml").path, "-o", "x.png", "--steps", "5", in: directory).status == 2)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("w.png").path))
    }
}

/// `--neurons functions` on diagrams and animations.
struct NeuronFunctionsCommandTests {
    @Test("diagram and animate take --neurons functions; wider networks show each neuron's activation for --input, and ask for it; --input with 1 or 2 inputs is refused with one line")
    func options() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let xor = repositoryRoot.appendingPathComponent("assets/xor.yaml").path
        #expect(try netfig("diagram", xor, "-o", "d.svg", "--neurons", "functions", in: directory).status == 0)
        let hidden = repositoryRoot.appendingPathComponent("assets/hidden-layer.yaml").path
        let wide = try netfig("diagram", hidden, "-o", "w.png", "--neurons", "functions", in: directory)
        #expect(wide.status == 2 && wide.stderr.contains("has 4 inputs, too many to draw over; expected --input x1,x2,…"), "\(wide.stderr)")
        #expect(wide.stderr.split(separator: "\n").count == 1)
        // With --input, each neuron is filled by its activation for that input: the --input figure.
        let given = try netfig("diagram", hidden, "-o", "given.png", "--neurons", "functions", "--input", "0.1,0.2,0.3,0.4", in: directory)
        let plain = try netfig("diagram", hidden, "-o", "plain.png", "--input", "0.1,0.2,0.3,0.4", in: directory)
        #expect(given.status == 0 && plain.status == 0, "\(given.stderr)\(plain.stderr)")
        #expect(try Data(contentsOf: directory.appendingPathComponent("given.png")) == Data(contentsOf: directory.appendingPathComponent("plain.png")))
        let mixed = try netfig("diagram", xor, "-o", "m.png", "--neurons", "functions", "--input", "1,2", in: directory)
        #expect(mixed.status == 2 && mixed.stderr.contains("expected no --input") && mixed.stderr.split(separator: "\n").count == 1)
        for (folder, extra) in [("a", ["--neurons", "functions"]), ("b", [])] {
            let run = try netfig(arguments: ["animate", xor, "-o", folder, "--frames", "2", "--steps", "20"] + extra, in: directory)
            #expect(run.status == 0, "\(run.stderr)")
        }
        let manifest = { (folder: String) in try String(contentsOf: directory.appendingPathComponent("\(folder)/manifest.json"), encoding: .utf8) }
        #expect(try manifest("a").contains("\"neurons\": \"functions\""))
        let solid = try netfig("animate", xor, "-o", "c", "--frames", "2", "--steps", "20", "--view", "3d", "--elevation", "50", in: directory)
        #expect(solid.status == 0, "\(solid.stderr)")
        #expect(try manifest("c").contains("\"view\": \"3d\""))
        let angle = try netfig("animate", xor, "-o", "d", "--frames", "2", "--azimuth", "10", in: directory)
        #expect(angle.status == 2 && angle.stderr.contains("go with --view 3d"), "\(angle.stderr)")
        #expect(try !manifest("b").contains("neurons"))
    }
}
