import Foundation
import Synchronization
import Testing
@testable import NetfigCommands

/// Progress in a log: a line every interval, a closing one, none with --quiet.
struct ProgressLogTests {
    final class Lines: Sendable {
        private let lines = Mutex<[String]>([])
        func add(_ line: String) { lines.withLock { $0.append(line) } }
        var all: [String] { lines.withLock { $0 } }
    }

    @Test("a log gets whole lines with the count, the total and the share done")
    func lines() {
        let lines = Lines()
        let progress = Progress("training: step", total: 100_000_000, mode: .log(interval: 0), output: { lines.add($0) })
        progress.update(1_200_000)
        progress.update(100_000_000)
        progress.update(100_000_000)
        #expect(lines.all == ["training: step 1200000 of 100000000 (1 %)", "training: step 100000000 of 100000000 (100 %)"])
    }

    @Test("a short run writes nothing; --quiet writes nothing at all")
    func silent() {
        let lines = Lines()
        let short = Progress("training: step", total: 10, mode: .log(interval: 3600), output: { lines.add($0) })
        for step in 0...10 { short.update(step) }
        let quiet = Progress("training: step", total: 10, quiet: true, mode: .log(interval: 0), output: { lines.add($0) })
        for step in 0...10 { quiet.update(step) }
        #expect(lines.all.isEmpty)
    }

    @Test("--quiet is accepted by every command that trains")
    func quietFlag() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = repositoryRoot.appendingPathComponent("assets/not.yaml").path
        for arguments in [["train", spec, "-o", "c.csv"], ["fit", spec, "--train", "-o", "f.csv"],
                          ["surface", spec, "--descent", "10", "-o", "s.csv", "--resolution", "4"],
                          ["animate", spec, "-o", "frames", "--frames", "2", "--steps", "4"]] {
            let run = try netfig(arguments: arguments + ["--quiet"], in: directory)
            #expect(run.status == 0 && run.stderr.isEmpty, "\(arguments[0]): \(run.stderr)")
        }
    }
}
