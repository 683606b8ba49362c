import Foundation
import Synchronization

/// Progress of long work on stderr. On a terminal: a count, a percentage and an estimate of the
/// time left, rewritten in place at most ten times a second. Elsewhere (a batch job's log, a
/// pipe): a whole line every few seconds, `netfig: training: step 1200000 of 100000000 (1 %)`,
/// so a short run writes nothing. `--quiet` silences both. Worker threads may report to it.
///
/// ```swift
/// let progress = Progress("training: step", total: 10_000, quiet: false)
/// try trainer.train(network, on: data, progress: progress.update)
/// progress.finish()
/// ```
final class Progress: Sendable {
    enum Mode: Sendable, Equatable {
        /// Rewritten in place on a terminal.
        case terminal
        /// A line every `interval` seconds, for logs.
        case log(interval: Double)
        case off
    }

    /// Seconds between lines in a log: often enough to see a run is alive, rarely enough to
    /// keep a day's log short.
    static let logInterval = 5.0

    private let label: String
    private let total: Int
    private let mode: Mode
    private let start = Date()
    /// When the last line was written, whether any was, and whether the closing one was.
    private let lastShown: Mutex<(date: Date, any: Bool, closed: Bool)>
    private let output: @Sendable (String) -> Void

    /// - Parameters:
    ///   - label: what is counted, e.g. "training: step".
    ///   - total: the count when done.
    ///   - quiet: nothing at all (`--quiet`).
    ///   - mode: by default a terminal's when stderr is one, else a log's.
    ///   - output: where a log's lines go (stderr, through `Terminal.error`).
    init(_ label: String, total: Int, quiet: Bool = false, mode: Mode? = nil,
         output: @escaping @Sendable (String) -> Void = { Terminal.error($0) }) {
        self.label = label
        self.total = max(1, total)
        self.mode = quiet ? .off : mode ?? (Terminal.showsProgress ? .terminal : .log(interval: Self.logInterval))
        self.output = output
        // A log's first line comes one interval after the start, not at once.
        lastShown = Mutex((date: Date(), any: false, closed: false))
    }

    func update(_ done: Int) {
        switch mode {
        case .off: return
        case .terminal: updateTerminal(done)
        case .log(let interval): updateLog(done, interval: interval)
        }
    }

    private func updateTerminal(_ done: Int) {
        let now = Date()
        let due = lastShown.withLock { last in
            guard now.timeIntervalSince(last.date) >= 0.1 || done >= total || !last.any else { return false }
            last = (now, true, false)
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

    /// A line when an interval has passed since the last, and a closing one at the end of a
    /// run that wrote any.
    private func updateLog(_ done: Int, interval: Double) {
        let now = Date()
        let due = lastShown.withLock { last in
            guard !last.closed else { return false }
            let finishing = done >= total && last.any
            guard now.timeIntervalSince(last.date) >= interval || finishing else { return false }
            last = (now, true, done >= total)
            return true
        }
        guard due else { return }
        let percent = Int(Double(done) / Double(total) * 100)
        output("\(label) \(done) of \(total) (\(percent) %)")
    }

    func finish() {
        if mode == .terminal { Terminal.endProgress() }
    }
}
