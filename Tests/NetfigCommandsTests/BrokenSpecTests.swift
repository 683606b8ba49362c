import Foundation
import Testing

/// Every command against the corpus of broken specs in `Tests/Fixtures/broken-specs`.
struct BrokenSpecTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let file: String
        let line: Int?
        let field: String?
        var testDescription: String { file }
    }

    static let folder = repositoryRoot.appendingPathComponent("Tests/Fixtures/broken-specs")

    static let cases: [Case] = {
        guard let table = try? String(contentsOf: folder.appendingPathComponent("EXPECTED.tsv"), encoding: .utf8) else { return [] }
        return table.split(separator: "\n").compactMap { row in
            let cells = row.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard cells.count == 3 else { return nil }
            return Case(file: cells[0], line: Int(cells[1]), field: cells[2] == "-" ? nil : cells[2])
        }
    }()

    static let commands: [[String]] = [
        ["eval"], ["train", "-o", "out.png"], ["diagram", "-o", "out.svg"], ["surface", "-o", "out.csv", "--resolution", "8"],
        ["fit", "-o", "out.csv"], ["animate", "-o", "frames", "--frames", "2"],
    ]

    /// Specs whose one mistake is the missing data: a network alone, for diagram; every other
    /// command needs examples.
    static let networkAlone: Set<String> = ["28-no-data.yaml"]

    @Test("the corpus is all there")
    func corpus() throws {
        #expect(Self.cases.count == 40)
        for c in Self.cases { #expect(FileManager.default.fileExists(atPath: Self.folder.appendingPathComponent(c.file).path), "\(c.file)") }
    }

    @Test("every command exits 2 with a line that points at the mistake", arguments: cases)
    func pointsAtTheMistake(_ c: Case) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.copyItem(at: Self.folder.appendingPathComponent(c.file), to: directory.appendingPathComponent(c.file))
        for command in Self.commands {
            let run = try netfig(arguments: [command[0], c.file] + command.dropFirst(), in: directory)
            if command[0] == "diagram", Self.networkAlone.contains(c.file) {
                // A spec whose one lack is data still describes a network, which diagram draws.
                #expect(run.status == 0, "\(run.stderr)")
                try FileManager.default.removeItem(at: directory.appendingPathComponent("out.svg"))
                continue
            }
            #expect(run.status == 2, "\(command[0]) \(c.file): status \(run.status), \(run.stderr)")
            let lines = run.stderr.split(separator: "\n").map(String.init)
            #expect(!lines.isEmpty && lines.allSatisfy { $0.hasPrefix("netfig: \(c.file)") }, "\(run.stderr)")
            guard let first = lines.first else { continue }
            // netfig: FILE:LINE: FIELD: message
            let rest = first.dropFirst("netfig: \(c.file)".count)
            let line = rest.hasPrefix(":") ? Int(rest.dropFirst().prefix { $0.isNumber }) : nil
            if let expected = c.line {
                // A parser meets a syntax error at or just after the mistake.
                let slack = c.field == nil ? 2 : 0
                #expect(line.map { $0 >= expected && $0 <= expected + slack } == true, "\(first): expected line \(expected)")
            }
            if let field = c.field {
                #expect(first.contains(": \(field)"), "\(first): expected the field \(field)")
            }
            // Nothing was written.
            let left = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            #expect(left == [c.file], "\(command[0]) left \(left)")
        }
    }
}
