import Foundation
import Synchronization

/// Progress of long work on stderr, only when stderr is a terminal: a count, a percentage
/// and an estimate of the time left, rewritten in place at most ten times a second.
/// Worker threads may report to it.
final class Progress: Sendable {
    private let label: String
    private let total: Int
    private let enabled: Bool
    private let start = Date()
    private let lastShown = Mutex(Date.distantPast)

    init(_ label: String, total: Int, enabled: Bool = Terminal.showsProgress) {
        self.label = label
        self.total = max(1, total)
        self.enabled = enabled
    }

    func update(_ done: Int) {
        guard enabled else { return }
        let now = Date()
        let due = lastShown.withLock { last in
            guard now.timeIntervalSince(last) >= 0.1 || done >= total else { return false }
            last = now
            return true
        }
        guard due else { return }
        let fraction = Double(done) / Double(total)
        let elapsed = now.timeIntervalSince(start)
        var line = "\(label) \(done)/\(total) (\(Int(fraction * 100))%)"
        if fraction > 0.02, done < total {
            let left = elapsed / fraction - elapsed
            line += String(format: ", about %.0f s left", left.rounded(.up))
        }
        Terminal.progress(line)
    }

    func finish() {
        if enabled { Terminal.endProgress() }
    }
}
