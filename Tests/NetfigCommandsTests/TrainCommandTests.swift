import Drawing
import Foundation
import FoundationXML
import Testing

struct TrainCommandTests {
    @Test("train writes PNG, SVG and PDF curves, byte-identical on a rerun", arguments: ["png", "svg", "pdf"])
    func formats(_ format: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = repositoryRoot.appendingPathComponent("assets/heart.yaml").path
        let first = try netfig("train", spec, "-o", "a/curve.\(format)", "--steps", "300", in: directory)
        #expect(first.status == 0, "\(first.stderr)")
        let second = try netfig("train", spec, "-o", "b/curve.\(format)", "--steps", "300", in: directory)
        #expect(second.status == 0)
        let a = try Data(contentsOf: directory.appendingPathComponent("a/curve.\(format)"))
        let b = try Data(contentsOf: directory.appendingPathComponent("b/curve.\(format)"))
        #expect(a == b)
        switch format {
        case "png":
            let image = try RGBAImage(pngData: [UInt8](a))
            #expect(image.width == 1920 && image.height == 1080)
            #expect(image[5, 5].distance(to: Color(red: 1, green: 1, blue: 1)) < 0.02)
            #expect(String(decoding: a, as: UTF8.self).contains("Spec-Hash"))
        case "svg":
            let document = try XMLDocument(data: a)
            let root = try #require(document.rootElement())
            #expect(root.name == "svg")
            // attribute(forName:) misses attributes of namespaced elements in swift-corelibs-foundation.
            let attributes = Dictionary(uniqueKeysWithValues: (root.attributes ?? []).map { ($0.name ?? "", $0.stringValue ?? "") })
            #expect(attributes["width"] == "960px" && attributes["height"] == "540px")
            #expect(String(decoding: a, as: UTF8.self).contains("netfig"))
        default:
            #expect(a.starts(with: Data("%PDF-".utf8)))
        }
        // Nothing but the figure is left behind: no temporary files.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("a").path) == ["curve.\(format)"])
    }

    @Test("train -o curve.csv writes step,cost; --save writes a spec whose cost is the final one")
    func csvAndSave() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = repositoryRoot.appendingPathComponent("assets/heart.yaml").path
        let run = try netfig("train", spec, "-o", "curve.csv", "--steps", "200", "--every", "50", "--save", "trained/heart.yaml", in: directory)
        #expect(run.status == 0, "\(run.stderr)")
        let csv = try String(contentsOf: directory.appendingPathComponent("curve.csv"), encoding: .utf8)
        let rows = csv.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        #expect(rows.first == ["step", "cost"])
        #expect(rows.dropFirst().map { $0[0] } == ["0", "50", "100", "150", "200"])
        let final = try #require(Double(rows.last![1]))
        // The saved network, evaluated afresh, has exactly the final cost.
        let eval = try netfig("eval", "trained/heart.yaml", "--json", in: directory)
        #expect(eval.status == 0, "\(eval.stderr)")
        struct Cost: Decodable { let cost: Double }
        #expect(try JSONDecoder().decode(Cost.self, from: Data(eval.stdout.utf8)).cost == final)
        // And it trains on from there: 200 more steps match 400 from the start.
        _ = try netfig("train", "trained/heart.yaml", "-o", "more.csv", "--steps", "200", in: directory)
        _ = try netfig("train", spec, "-o", "all.csv", "--steps", "400", in: directory)
        let more = try String(contentsOf: directory.appendingPathComponent("more.csv"), encoding: .utf8).split(separator: "\n").last
        let all = try String(contentsOf: directory.appendingPathComponent("all.csv"), encoding: .utf8).split(separator: "\n").last
        #expect(more?.split(separator: ",").last == all?.split(separator: ",").last)
    }

    @Test("the command line's rate, steps and optimizer override the spec's")
    func overrides() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = repositoryRoot.appendingPathComponent("assets/not.yaml").path
        _ = try netfig("train", spec, "-o", "gd.csv", "--steps", "7", in: directory)
        _ = try netfig("train", spec, "-o", "adam.csv", "--steps", "7", "--optimizer", "adam", "--rate", "0.1", in: directory)
        let gd = try String(contentsOf: directory.appendingPathComponent("gd.csv"), encoding: .utf8)
        let adam = try String(contentsOf: directory.appendingPathComponent("adam.csv"), encoding: .utf8)
        #expect(gd.split(separator: "\n").count == 9)
        #expect(gd.split(separator: "\n")[1] == adam.split(separator: "\n")[1])
        #expect(gd != adam)
    }

    @Test("bad output names, unwritable folders and missing fonts: the right status, one line, no file")
    func failures() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = repositoryRoot.appendingPathComponent("assets/not.yaml").path

        let gif = try netfig("train", spec, "-o", "curve.gif", in: directory)
        #expect(gif.status == 2)
        #expect(gif.stderr == "netfig: curve.gif: unknown output format; expected a file name ending in .png, .svg, .pdf or .csv\n")

        let unwritable = try netfig("train", spec, "-o", "/proc/netfig-test/curve.png", in: directory)
        #expect(unwritable.status == 1)
        #expect(unwritable.stderr.hasPrefix("netfig: cannot write '/proc/netfig-test/curve.png'"))

        try "not a folder".write(to: directory.appendingPathComponent("file"), atomically: true, encoding: .utf8)
        let underFile = try netfig("train", spec, "-o", "file/curve.png", in: directory)
        #expect(underFile.status == 1 && underFile.stderr.contains("is not a folder"))

        let fonts = directory.appendingPathComponent("no-fonts.conf")
        try "<?xml version=\"1.0\"?>\n<fontconfig></fontconfig>\n".write(to: fonts, atomically: true, encoding: .utf8)
        let noFont = try netfig("train", spec, "-o", "curve.png", in: directory, environment: ["FONTCONFIG_FILE": fonts.path])
        #expect(noFont.status == 1)
        #expect(noFont.stderr == "netfig: font 'DejaVu Sans' not found; install fonts-dejavu-core\n")

        #expect(try netfig("train", spec, "-o", "curve.png", "--rate", "-1", in: directory).status == 2)
        #expect(try netfig("train", spec, "-o", "curve.png", "--every", "0", in: directory).status == 2)
        #expect(try netfig("train", spec, "-o", "curve.png", "--optimizer", "sgd", in: directory).status == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["file", "no-fonts.conf"])
    }

    @Test("training that diverges exits 1 naming the step and suggesting a lower rate")
    func divergence() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "layers: [1, 1]\nactivation: identity\ndata: {inputs: [[1000]], targets: [[0]]}\ntraining: {rate: 10, steps: 1000}\n"
            .write(to: directory.appendingPathComponent("wild.yaml"), atomically: true, encoding: .utf8)
        let run = try netfig("train", "wild.yaml", "-o", "curve.png", in: directory)
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("netfig: training diverged: the cost became"))
        #expect(run.stderr.contains("lower the rate"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("curve.png").path))
    }

    @Test("a run that fails leaves the figure of an earlier run intact")
    func failureKeepsOldFigure() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = repositoryRoot.appendingPathComponent("assets/not.yaml").path
        #expect(try netfig("train", good, "-o", "curve.png", "--steps", "10", in: directory).status == 0)
        let before = try Data(contentsOf: directory.appendingPathComponent("curve.png"))
        try "layers: [1, 1]\nactivation: identity\ndata: {inputs: [[1000]], targets: [[0]]}\ntraining: {rate: 10, steps: 1000}\n"
            .write(to: directory.appendingPathComponent("wild.yaml"), atomically: true, encoding: .utf8)
        #expect(try netfig("train", "wild.yaml", "-o", "curve.png", in: directory).status == 1)
        #expect(try Data(contentsOf: directory.appendingPathComponent("curve.png")) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["curve.png", "wild.yaml"])
    }
}
