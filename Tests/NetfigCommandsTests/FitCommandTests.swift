import Foundation
import Testing

struct FitCommandTests {
    @Test("fit draws the heart before and after training, byte-identical on a rerun")
    func heart() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = repositoryRoot.appendingPathComponent("assets/heart.yaml").path
        for name in ["a", "b"] {
            let run = try netfig("fit", spec, "-o", "\(name).svg", "--history", "100", "--steps", "300", in: directory)
            #expect(run.status == 0, "\(run.stderr)")
        }
        #expect(try Data(contentsOf: directory.appendingPathComponent("a.svg")) == Data(contentsOf: directory.appendingPathComponent("b.svg")))
        #expect(try netfig("fit", spec, "-o", "before.png", in: directory).status == 0)
    }

    @Test("fit -o FILE.csv writes every example's input, output and target, for any shape")
    func csv() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try netfig("fit", repositoryRoot.appendingPathComponent("assets/vector-cost.yaml").path, "-o", "fit.csv", in: directory)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = try String(contentsOf: directory.appendingPathComponent("fit.csv"), encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "x1,x2,x3,a1,a2,y1,y2")
        #expect(lines.count == 3)
    }

    @Test("without test examples the CSV is the training rows alone, with no set column: its bytes as before test sets")
    func csvWithoutTest() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let network = "layers: [2, 3, 1]\nactivation: [tanh, sigmoid]\ninit: {seed: 4, scale: 1}\n"
        let examples = "inputs: [[0.5, -1], [2, 0.25], [-1.5, 1]], targets: [[1], [0], [1]]"
        try (network + "data: {\(examples)}\n").write(to: directory.appendingPathComponent("plain.yaml"), atomically: true, encoding: .utf8)
        try (network + "data: {\(examples), test: {inputs: [[0, 0]], targets: [[1]]}}\n")
            .write(to: directory.appendingPathComponent("held.yaml"), atomically: true, encoding: .utf8)
        for name in ["plain", "held"] {
            let run = try netfig("fit", "\(name).yaml", "-o", "\(name).csv", in: directory)
            #expect(run.status == 0, "\(run.stderr)")
        }
        let plain = try String(contentsOf: directory.appendingPathComponent("plain.csv"), encoding: .utf8)
        let held = try String(contentsOf: directory.appendingPathComponent("held.csv"), encoding: .utf8).split(separator: "\n")
        #expect(held.count == 5 && held[0] == "x1,x2,a1,y1,set" && held[4].hasPrefix("0.0,0.0,") && held[4].hasSuffix(",1.0,test"))
        let trainingRows = held.dropLast().map { $0.replacingOccurrences(of: ",train", with: "").replacingOccurrences(of: ",set", with: "") }
        #expect(plain == trainingRows.joined(separator: "\n") + "\n")
    }

    @Test("a shape fit cannot draw, and stray training options, exit 2 with one line")
    func refusals() throws {
        let vector = try netfig("fit", repositoryRoot.appendingPathComponent("assets/vector-layer.yaml").path, "-o", "/tmp/never.png")
        #expect(vector.status == 2)
        #expect(vector.stderr.contains("this one is 3 → 2"))
        #expect(vector.stderr.split(separator: "\n").count == 1)
        #expect(try netfig("fit", repositoryRoot.appendingPathComponent("assets/not.yaml").path, "-o", "/tmp/never.png", "--steps", "5").status == 2)
        #expect(try netfig("fit", repositoryRoot.appendingPathComponent("assets/not.yaml").path, "-o", "/tmp/never.png", "--history", "0").status == 2)
        let range = try netfig("fit", repositoryRoot.appendingPathComponent("assets/xor.yaml").path, "-o", "/tmp/never.png", "--x-range", "-1:1")
        #expect(range.status == 2 && range.stderr.contains("expected a 1 → 1 network"), "\(range.stderr)")
        #expect(range.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: "/tmp/never.png"))
    }
}
