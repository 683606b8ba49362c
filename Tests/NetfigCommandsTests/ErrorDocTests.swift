import Foundation
import Testing

/// `docs/errors.md` shows real messages: each example's spec is saved, its command run, and
/// stderr and the exit status must be exactly what the page shows.
struct ErrorDocTests {
    struct Example: CustomTestStringConvertible, Sendable {
        let title: String
        let specName: String?
        let specText: String?
        let command: [String]
        let stderr: String
        let status: Int32
        var testDescription: String { title }
    }

    static let examples: [Example] = {
        guard let page = try? String(contentsOf: repositoryRoot.appendingPathComponent("docs/errors.md"), encoding: .utf8) else { return [] }
        return page.components(separatedBy: "\n## ").dropFirst().compactMap { section in
            let title = String(section.prefix { $0 != "\n" })
            let spec = section.firstMatch(of: /`([^`]+)`:\n\n```(?:yaml|json)\n((?s).*?)```/)
            guard let console = section.firstMatch(of: /```console\n\$ netfig (.*)\n((?s).*?)```\n\nExit status (\d+)\./),
                  let status = Int32(console.3) else { return nil }
            return Example(title: title, specName: spec.map { String($0.1) }, specText: spec.map { String($0.2) },
                           command: console.1.split(separator: " ").map(String.init), stderr: String(console.2), status: status)
        }
    }()

    @Test("the page has its examples")
    func page() {
        #expect(Self.examples.count >= 20)
        #expect(Self.examples.contains { $0.status == 1 } && Self.examples.contains { $0.status == 2 })
    }

    @Test("each example gives exactly the message and status shown", arguments: examples)
    func example(_ example: Example) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        if let name = example.specName, let text = example.specText {
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let run = try netfig(arguments: example.command, in: directory)
        #expect(run.stderr == example.stderr)
        #expect(run.status == example.status)
    }
}
