import Drawing
import Foundation
import Testing

/// Every command, every format: the same spec and options give the same bytes.
struct ReproducibilityTests {
    static let runs: [[String]] = [
        ["train", "assets/not.yaml", "--steps", "20"],
        ["train", "assets/overfitting.yaml", "--steps", "50"],
        ["diagram", "assets/hidden-layer.yaml", "--labels", "values"],
        ["surface", "assets/not.yaml", "--resolution", "32", "--descent", "20", "--rate", "0.5"],
        ["fit", "assets/heart.yaml", "--history", "10", "--steps", "30"],
        ["fit", "assets/xor.yaml"],
    ]

    @Test("figures and numbers are byte-identical on a rerun", arguments: ["png", "svg", "pdf", "csv"])
    func reruns(_ format: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for (index, run) in Self.runs.enumerated() where !(format == "csv" && run[0] == "diagram") {
            var outputs: [Data] = []
            for attempt in 0..<2 {
                let file = "out-\(index)-\(attempt).\(format)"
                let arguments = [run[0], repositoryRoot.appendingPathComponent(run[1]).path, "-o", file] + run.dropFirst(2)
                let result = try netfig(arguments: arguments, in: directory)
                #expect(result.status == 0, "\(arguments): \(result.stderr)")
                outputs.append(try Data(contentsOf: directory.appendingPathComponent(file)))
            }
            if outputs[0] != outputs[1], format == "png" {
                // Which stage differs: the drawing (pixels) or the encoding (deflate).
                let images = try (0..<2).map { try RGBAImage(pngData: [UInt8](outputs[$0])) }
                Issue.record("\(run) .png differs between runs; decoded pixels \(images[0].pixels == images[1].pixels ? "equal: the encoding differs" : "differ: the drawing differs")")
            }
            #expect(outputs[0] == outputs[1], "\(run) .\(format) differs between runs")
            #expect(!outputs[0].isEmpty)
        }
    }

    @Test("eval prints the same bytes on a rerun; animate writes the same frames and manifest")
    func evalAndAnimate() throws {
        let spec = repositoryRoot.appendingPathComponent("assets/heart.yaml").path
        #expect(try netfig("eval", spec, "--json").stdout == netfig("eval", spec, "--json").stdout)
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for name in ["a", "b"] {
            let run = try netfig("animate", spec, "-o", name, "--frames", "3", "--steps", "50", "--size", "320x180", "--resolution", "8", "--format", "svg", in: directory)
            #expect(run.status == 0, "\(run.stderr)")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("a").path).sorted()
        #expect(names.count == 4)
        for name in names {
            let a = try String(contentsOf: directory.appendingPathComponent("a/\(name)"), encoding: .utf8)
            let b = try String(contentsOf: directory.appendingPathComponent("b/\(name)"), encoding: .utf8)
            // Where they part, should they: the first differing line of each.
            let first = zip(a.split(separator: "\n"), b.split(separator: "\n")).first { $0 != $1 }
            #expect(a == b, "\(name): \(first.map { "\($0.0.prefix(300)) | \($0.1.prefix(300))" } ?? "lengths differ")")
        }
    }
}
