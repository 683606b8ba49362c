import Charts
import Drawing
import Foundation
import FoundationXML
import NetfigSpec
import NetworkEngine
import Testing
@testable import Figures

struct DiagramCommandTests {
    @Test("diagram writes PNG, SVG and PDF, byte-identical on a rerun", arguments: ["png", "svg", "pdf"])
    func formats(_ format: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = repositoryRoot.appendingPathComponent("assets/hidden-layer.yaml").path
        for folder in ["a", "b"] {
            let run = try netfig("diagram", spec, "-o", "\(folder)/net.\(format)", "--biases", in: directory)
            #expect(run.status == 0, "\(run.stderr)")
        }
        let a = try Data(contentsOf: directory.appendingPathComponent("a/net.\(format)"))
        let b = try Data(contentsOf: directory.appendingPathComponent("b/net.\(format)"))
        #expect(a == b)
        switch format {
        case "png":
            let image = try RGBAImage(pngData: [UInt8](a))
            #expect(image.width == 1920 && image.height == 1080)
        case "svg":
            let root = try #require(try XMLDocument(data: a).rootElement())
            #expect(root.name == "svg")
        default:
            #expect(a.starts(with: Data("%PDF-".utf8)))
        }
    }

    @Test("every mode runs: values, vertical, print, gradients, input, max-neurons")
    func modes() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let assets = repositoryRoot.appendingPathComponent("assets").path
        let runs: [[String]] = [
            ["\(assets)/vector-layer.yaml", "-o", "v.png", "--labels", "values", "--precision", "2"],
            ["\(assets)/heart.yaml", "-o", "h.svg", "--orientation", "vertical", "--theme", "print", "--labels", "none"],
            ["\(assets)/not.yaml", "-o", "g.pdf", "--color", "gradients", "--example", "2", "--labels", "values"],
            ["\(assets)/vector-layer.yaml", "-o", "i.png", "--input", "0.3,0.4,0.1", "--weight-range", "8"],
            ["\(assets)/heart.yaml", "-o", "m.png", "--max-neurons", "4", "--theme", "dark"],
        ]
        for arguments in runs {
            let run = try netfig(arguments: ["diagram"] + arguments, in: directory)
            #expect(run.status == 0, "\(arguments): \(run.stderr)")
            #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent(arguments[2]).path))
        }
    }

    @Test("bad options exit 2 with one clear line", arguments: [
        (["--color", "gradients", "--example", "0"], "--example 0: expected 1 or more"),
        (["--color", "gradients", "--example", "3"], "--example 3: not.yaml has 2 examples; expected 1 to 2"),
        (["--example", "1"], "--example needs --color gradients"),
        (["--input", "0.3,0.4"], "--input has 2 values but not.yaml has 1 input neuron"),
        (["--input", "0.3,x"], "--input 0.3,x: value 2 'x' is not a number"),
        (["--input", "1", "--color", "gradients"], "--input cannot be combined with --color gradients"),
        (["--labels", "words"], "words"),
        (["--precision", "0"], "--precision 0: expected 1 to 15"),
        (["--weight-range=0"], "--weight-range 0.0: expected a finite number above 0"),
        (["--max-neurons", "2"], "--max-neurons 2: expected 3 or more"),
    ])
    func badOptions(_ options: [String], _ message: String) throws {
        let run = try netfig(arguments: ["diagram", "assets/not.yaml", "-o", "/tmp/netfig-never-written.png"] + options)
        #expect(run.status == 2, "\(options): \(run.stderr)")
        #expect(run.stderr.contains(message), "\(options): \(run.stderr)")
        #expect(!run.stderr.contains("Usage:") || run.stderr.split(separator: "\n").count <= 4)
        #expect(!FileManager.default.fileExists(atPath: "/tmp/netfig-never-written.png"))
    }

    @Test("help gives an example for every option")
    func help() throws {
        let run = try netfig("diagram", "--help")
        #expect(run.status == 0)
        // The help is wrapped to the terminal: compare with runs of white space as one space.
        let text = run.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for option in ["--labels", "--precision", "--orientation", "--weight-range", "--input", "--color", "--example", "--max-neurons", "--biases"] {
            #expect(text.contains("Example: \(option)"), "no example for \(option)")
        }
        #expect(run.stdout.contains("Examples:"))
    }

    @Test("a .csv output is refused: a diagram has no numbers file")
    func csvRefused() throws {
        let run = try netfig("diagram", "assets/not.yaml", "-o", "net.csv")
        #expect(run.status == 2)
        #expect(run.stderr.contains("expected a file name ending in .png, .svg or .pdf"))
    }

    /// `eval --json`'s gradients.
    struct Gradients: Decodable {
        let gradients: [String: EvalCommandTests.AnyGradient]
    }

    @Test("the backward view's numbers equal what netfig eval --json prints for a one-example spec",
          arguments: ["vector-layer.yaml", "hidden-layer.yaml", "not-derivative.yaml"])
    func gradientsEqualEval(_ name: String) throws {
        let spec = "assets/\(name)"
        let run = try netfig("eval", spec, "--json")
        #expect(run.status == 0)
        let eval = try JSONDecoder().decode(Gradients.self, from: Data(run.stdout.utf8)).gradients
        let loaded = try SpecFile.load(repositoryRoot.appendingPathComponent(spec).path)
        let data = try #require(loaded.data)
        #expect(data.count == 1)
        var diagram = NetworkDiagram(network: loaded.network, title: Label.plain(name))
        diagram.labels = .values
        diagram.showsBiases = true
        diagram.coloring = .gradients(DiagramExample(number: 1, count: 1, input: data.inputs.column(0),
                                                     target: data.targets.column(0)))
        let canvas = try Canvas(width: 960, height: 540, format: .png, scale: 1)
        let layout = diagram.layout(on: canvas, theme: .light)
        #expect(!layout.edges.isEmpty)
        for edge in layout.edges {
            guard case .matrix(let W) = eval["W\(edge.layer)"] else { Issue.record("no W\(edge.layer)"); continue }
            #expect(edge.value == W[edge.row][edge.column], "W\(edge.layer)[\(edge.row + 1),\(edge.column + 1)]")
        }
        for bias in layout.biases {
            guard case .vector(let b) = eval["b\(bias.layer)"] else { Issue.record("no b\(bias.layer)"); continue }
            #expect(bias.value == b[bias.index])
        }
        // What is written on the edges is those numbers, to the chosen digits.
        for text in layout.texts where text.role == .edge {
            let value = try #require(text.value)
            #expect(text.label.description == ValueFormat(digits: 3).label(value).description)
        }
    }
}
