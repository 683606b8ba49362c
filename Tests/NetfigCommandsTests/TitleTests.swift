import Foundation
import Testing

/// A figure's title and subtitle: `--title` and `--subtitle` (with `$…$` math, '' for none),
/// else the spec's `title:`, else a title naming the spec file as it is spelt.
struct TitleTests {
    /// The text of an SVG's labels, tags dropped (each label is one `<text>`).
    static func texts(_ svg: String) -> [String] {
        svg.components(separatedBy: "<text").dropFirst().map { element in
            let body = element.components(separatedBy: "</text>")[0]
            return body.replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
                .replacingOccurrences(of: "^[^>]*>", with: "", options: .regularExpression)
        }
    }

    func figure(_ spec: String, named name: String = "s.yaml", _ arguments: [String]) throws -> [String] {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try spec.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        let run = try netfig(arguments: [arguments[0], name, "-o", "f.svg"] + arguments.dropFirst(), in: directory)
        try #require(run.status == 0, "\(run.stderr)")
        return Self.texts(try String(contentsOf: directory.appendingPathComponent("f.svg"), encoding: .utf8))
    }

    static let not = "layers: [1, 1]\nactivation: tanh\nweights: [[[1.3]]]\nbiases: [[-0.1]]\ndata: {set: not}\n"

    @Test("the spec's title: is every figure's default title, its math set as math", arguments: ["diagram", "surface", "train", "fit"])
    func specTitle(_ command: String) throws {
        var arguments = [command]
        if command == "surface" { arguments += ["--x", "w1", "--y", "b1"] }
        let texts = try figure("title: 'The NOT neuron, $a = \\tanh(wx + b)$'\n" + Self.not, arguments)
        // Math is set without the source's spaces (its operators are spaced by the layout).
        let title = texts.first?.replacingOccurrences(of: " ", with: "")
        #expect(title == "TheNOTneuron,a=tanh(wx+b)", "\(texts.prefix(2))")
        #expect(!texts.contains { $0.contains("$") })
    }

    @Test("--title and --subtitle replace the defaults; '' leaves none")
    func options() throws {
        let texts = try figure(Self.not, ["diagram", "--title", "Cost over $w^{(1)}$", "--subtitle", ""])
        #expect(texts.first == "Cost over w(1)", "\(texts.prefix(2))")
        #expect(!texts.contains { $0.contains("edges:") || $0.contains("1 → 1") })
        let none = try figure(Self.not, ["train", "--title", "", "--subtitle", "two examples · $C_k$", "--steps", "5"])
        #expect(none.first == "two examples · Ck", "\(none.prefix(2))")
    }

    @Test("a title built from the file name shows the name as spelt, dollars and backslashes included")
    func fileName() throws {
        let texts = try figure(Self.not, named: "a$b\\c.yaml", ["diagram"])
        #expect(texts.first == "Network a$b\\c.yaml", "\(texts.prefix(2))")
    }

    @Test("--notes puts what a surface left out into its subtitle, with the count stderr gives")
    func surfaceNotes() throws {
        let arguments = ["surface", "--x", "w1", "--y", "b1", "--x-range", "-10:10", "--y-range", "-10:10", "--contours", "20", "--linear"]
        let plain = try figure(Self.not, arguments)
        #expect(!plain.contains { $0.contains("left out") })
        let noted = try figure(Self.not, arguments + ["--notes"])
        let line = try #require(noted.first { $0.contains("left out: no room") }, "\(noted.prefix(3))")
        // The same count as the note on stderr.
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.not.write(to: directory.appendingPathComponent("s.yaml"), atomically: true, encoding: .utf8)
        let run = try netfig(arguments: [arguments[0], "s.yaml", "-o", "f.svg"] + arguments.dropFirst() + ["--notes"], in: directory)
        let count = try #require(line.split(separator: "·").last?.split(separator: " ").first)
        #expect(run.stderr.contains("note: \(count) contour label"), "\(run.stderr) vs \(line)")
    }
}
