import Charts
import Drawing
import Foundation
import FoundationXML
import Testing

/// `train` and `eval` with held-out test examples and a weight penalty.
struct GeneralisationCommandTests {
    static let xor = "layers: [2, 4, 1]\nactivation: [tanh, sigmoid]\ninit: {seed: 2, scale: 0.8}\ndata: {set: xor, count: 30, noise: 0.2, seed: 3%@}\ntraining: {rate: 0.5, steps: 40%@}\n"

    static func spec(test: String = "", training: String = "") -> String {
        String(format: xor, test, training)
    }

    func csv(_ text: String, _ arguments: [String] = []) throws -> [[String]] {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try text.write(to: directory.appendingPathComponent("spec.yaml"), atomically: true, encoding: .utf8)
        let run = try netfig(arguments: ["train", "spec.yaml", "-o", "curve.csv"] + arguments, in: directory)
        try #require(run.status == 0, "\(run.stderr)")
        return try String(contentsOf: directory.appendingPathComponent("curve.csv"), encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
    }

    @Test("train's CSV gains test_cost with test examples and regularized_cost with a penalty, at the recorded steps")
    func columns() throws {
        #expect(try csv(Self.spec()).first == ["step", "cost"])
        let test = try csv(Self.spec(test: ", test: 0.3"), ["--every", "10"])
        #expect(test.first == ["step", "cost", "test_cost"])
        #expect(test.dropFirst().map { $0[0] } == ["0", "10", "20", "30", "40"])
        let penalised = try csv(Self.spec(training: ", l2: 0.01"))
        #expect(penalised.first == ["step", "cost", "regularized_cost"])
        #expect(penalised.dropFirst().allSatisfy { Double($0[2])! > Double($0[1])! })
        let both = try csv(Self.spec(test: ", test: 0.3", training: ", l1: 0.01, l2: 0.001"))
        #expect(both.first == ["step", "cost", "test_cost", "regularized_cost"])
        #expect(both.count == 42 && both.dropFirst().allSatisfy { $0.count == 4 })
    }

    @Test("λ = 0 written out trains to the same bytes as no penalty at all")
    func zeroPenalty() throws {
        let plain = try csv(Self.spec())
        #expect(try csv(Self.spec(training: ", l2: 0, l1: 0")) == plain)
        #expect(try csv(Self.spec(training: ", l2: 0.0")) == plain)
    }

    @Test("the test examples are not trained on: the cost column is that of training on the others alone")
    func heldOutNotTrained() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.spec(test: ", test: 0.3").write(to: directory.appendingPathComponent("spec.yaml"), atomically: true, encoding: .utf8)
        let eval = try netfig("eval", "spec.yaml", "--json", in: directory)
        struct Examples: Decodable {
            struct Example: Decodable { let input: [Double]; let target: [Double] }
            struct Test: Decodable { let examples: [Example]; let cost: Double }
            let examples: [Example]
            let test: Test
        }
        let split = try JSONDecoder().decode(Examples.self, from: Data(eval.stdout.utf8))
        #expect(split.examples.count == 21 && split.test.examples.count == 9)
        // The same network on the 21 training examples written out, with no test set.
        func rows(_ examples: [Examples.Example], _ key: KeyPath<Examples.Example, [Double]>) -> String {
            "[" + examples.map { "[" + $0[keyPath: key].map { "\($0)" }.joined(separator: ", ") + "]" }.joined(separator: ", ") + "]"
        }
        let inline = "layers: [2, 4, 1]\nactivation: [tanh, sigmoid]\ninit: {seed: 2, scale: 0.8}\ndata: {inputs: \(rows(split.examples, \.input)), targets: \(rows(split.examples, \.target))}\ntraining: {rate: 0.5, steps: 40}\n"
        let alone = try csv(inline)
        let withTest = try csv(Self.spec(test: ", test: 0.3"))
        #expect(withTest.map { Array($0.prefix(2)) } == alone)
        #expect(withTest[1][2] == "\(split.test.cost)")
    }

    @Test("eval reports the test examples apart and C + R beside C; JSON keeps its keys and adds test and regularization")
    func eval() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.spec(test: ", test: 0.3", training: ", l2: 0.01, l1: 0.001").write(to: directory.appendingPathComponent("spec.yaml"), atomically: true, encoding: .utf8)
        try Self.spec().write(to: directory.appendingPathComponent("plain.yaml"), atomically: true, encoding: .utf8)
        let text = try netfig("eval", "spec.yaml", in: directory).stdout
        let json = try netfig("eval", "spec.yaml", "--json", in: directory).stdout
        struct Keys: Decodable {
            struct Test: Decodable { let examples: [EvalCommandTests.EvalJSON.Example]; let cost: Double }
            struct Penalty: Decodable { let l2: Double; let l1: Double; let penalty: Double; let cost: Double; let gradients: [String: EvalCommandTests.AnyGradient] }
            let cost: Double
            let test: Test
            let regularization: Penalty
        }
        let object = try JSONDecoder().decode(Keys.self, from: Data(json.utf8))
        let plain = try JSONDecoder().decode(EvalCommandTests.EvalJSON.self, from: Data(json.utf8))
        #expect(plain.examples.count == 21)
        #expect(text.hasPrefix("spec.yaml: 2 → 4 → 1, tanh, sigmoid; C = mean of C_k over 21 examples, test C over 9 test examples\n"))
        #expect(text.contains("\ntest example 9: x = ["))
        #expect(!text.contains("test example 10:"))
        #expect(text.contains("\nC = \(object.cost)\ntest C = \(object.test.cost)\nR = λ₂/2·Σw² + λ₁·Σ|w| = \(object.regularization.penalty) (λ₂ = 0.01, λ₁ = 0.001; weights only)\nC + R = \(object.regularization.cost)\n"))
        #expect(object.regularization.cost == object.cost + object.regularization.penalty)
        guard case .vector(let b1) = object.regularization.gradients["b1"], case .vector(let plainB1) = plain.gradients["b1"] else {
            Issue.record("b1 is not a vector")
            return
        }
        #expect(b1 == plainB1)
        guard case .matrix(let W2) = object.regularization.gradients["W2"] else { Issue.record("W2 is not a matrix"); return }
        #expect(text.contains("∂(C + R)/∂W2 = [[\(W2[0].map { "\($0)" }.joined(separator: ", "))]]"))
        // Without them, nothing new.
        let bare = try netfig("eval", "plain.yaml", "--json", in: directory).stdout
        #expect(!bare.contains("\"test\"") && !bare.contains("\"regularization\""))
        #expect(!(try netfig("eval", "plain.yaml", in: directory).stdout.contains("test")))
    }

    @Test("the curve of a run with test examples draws both costs, named in a legend", arguments: ["svg", "png"])
    func figure(_ format: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = repositoryRoot.appendingPathComponent("assets/overfitting.yaml").path
        let run = try netfig("train", spec, "-o", "curve.\(format)", "--steps", "600", in: directory)
        try #require(run.status == 0, "\(run.stderr)")
        let data = try Data(contentsOf: directory.appendingPathComponent("curve.\(format)"))
        if format == "svg" {
            let texts = try XMLDocument(data: data).nodes(forXPath: "//*[local-name()='text']").map { $0.stringValue ?? "" }.joined(separator: " ")
            #expect(texts.contains("training") && texts.contains("test"), "\(texts)")
            #expect(texts.contains("15 test examples"))
        } else {
            // Both series' colours are drawn.
            let image = try RGBAImage(pngData: [UInt8](data))
            for index in 0..<2 {
                let color = Theme.light.seriesStyle(at: index).color
                var count = 0
                for y in stride(from: 0, to: image.height, by: 2) {
                    for x in stride(from: 0, to: image.width, by: 2) where image[x, y].distance(to: color) < 0.05 { count += 1 }
                }
                #expect(count > 500, "series \(index): \(count) pixels of its colour")
            }
        }
    }
}
