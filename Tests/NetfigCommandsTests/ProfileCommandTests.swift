import Foundation
import Testing

/// `netfig profile SPEC --toward OTHER -o FILE` on the command line: the figure, what is
/// refused. (`PlaneOracleTests` checks its numbers against numpy.)
struct ProfileCommandTests {
    static let heart = repositoryRoot.appendingPathComponent("assets/heart.yaml").path

    @Test("a spec of other layers, a missing --toward, a bad range or resolution: exit 2, one line naming it")
    func refused() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try "layers: [2, 3, 1]\nactivation: tanh\ndata: {set: xor, count: 8}\n"
            .write(to: directory.appendingPathComponent("small.yaml"), atomically: true, encoding: .utf8)
        let cases: [([String], String)] = [
            (["--toward", "small.yaml"], "--toward small.yaml: layers [2, 3, 1]; expected [1, 6, 7, 2], the layers of heart.yaml"),
            ([], "Missing expected argument '--toward <other>' (see 'netfig profile --help')"),
            (["--toward", "small.yaml", "--range", "1:0"],
             "The value '1:0' is invalid for '--range <a:b>': expected two finite numbers a:b with a < b, e.g. -10:10 (see 'netfig profile --help')"),
            (["--toward", "small.yaml", "--resolution", "1"], "--resolution 1: expected 2 to 1000000 (see 'netfig profile --help')"),
            (["--toward", "none.yaml"], "none.yaml: no such spec file; expected the path of a .yaml or .json spec"),
        ]
        for (arguments, message) in cases {
            let run = try netfig(arguments: ["profile", Self.heart] + arguments + ["-o", "p.png"], in: directory)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stderr == "netfig: \(message)\n")
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("p.png").path))
        }
    }

    @Test("the figure names both networks, marks them on the line, and draws the test cost beside the training cost")
    func figure() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let overfitting = repositoryRoot.appendingPathComponent("assets/overfitting.yaml").path
        #expect(try netfig(arguments: ["train", overfitting, "--steps", "200", "-o", "c.csv", "--save", "trained.yaml"], in: directory).status == 0)
        let run = try netfig(arguments: ["profile", overfitting, "--toward", "trained.yaml", "-o", "p.svg"], in: directory)
        #expect(run.status == 0 && run.stderr.isEmpty, "\(run.stderr)")
        let svg = try String(contentsOf: directory.appendingPathComponent("p.svg"), encoding: .utf8)
        let text = svg.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
        for word in ["overfitting.yaml", "trained.yaml", "training C", "test C", "15 test examples", "201 points", "at θ"] {
            #expect(text.contains(word), "'\(word)' missing from the figure's text")
        }
        // Both ends are on the default range: α = 0 and α = 1 are grid points.
        let csv = try netfig(arguments: ["profile", overfitting, "--toward", "trained.yaml", "-o", "p.csv"], in: directory)
        #expect(csv.status == 0)
        let lines = try String(contentsOf: directory.appendingPathComponent("p.csv"), encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 202 && lines[0] == "alpha,cost,test_cost")
        #expect(lines.contains { $0.hasPrefix("0.0,") } && lines.contains { $0.hasPrefix("1.0,") })
    }
}
