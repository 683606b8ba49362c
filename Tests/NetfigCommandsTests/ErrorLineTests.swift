import Foundation
import Testing

/// Every error is exactly one line on stderr, whatever the spec, file name or argument holds.
struct ErrorLineTests {
    @Test("spec text with \\r\\n, escapes and a raw control byte: each error is one line, nothing raw", arguments: [
        "layers: [1, 1]\nactivation: tanh\n\"x\\r\\nnetfig: all good\": 1\ndata: {set: not}\n",
        "layers: [1, 1]\nactivation: \"\\e[2J\\e]0;title\\u0007\"\ndata: {set: not}\n",
        "layers: [1, 1]\nactivation: ta\u{1B}[2Jnh\ndata: {set: not}\n",
        "layers: [1, 1]\nactivation: tanh\ndata: {set: not}\ntraining: {optimizer: \"\u{2028}x\u{9B}31m\"}\n",
    ])
    func oneLine(spec: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try spec.write(to: directory.appendingPathComponent("s.yaml"), atomically: true, encoding: .utf8)
        let run = try netfig("eval", "s.yaml", in: directory)
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("netfig: s.yaml:"))
        #expect(run.stderr.filter { $0 == "\n" || $0 == "\r\n" }.count == 1, "\(run.stderr)")
        #expect(!run.stderr.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) || $0.value == 0x2028 })
    }

    @Test("a file name with a line break is echoed escaped, on one line")
    func fileName() throws {
        let run = try netfig("eval", "no\nnetfig: such.yaml")
        #expect(run.status == 2)
        #expect(run.stderr == "netfig: no\\u{A}netfig: such.yaml: no such spec file; expected the path of a .yaml or .json spec\n")
    }
}
