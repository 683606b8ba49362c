import Dispatch
import Drawing
import Foundation
import Synchronization

/// A count shared by worker threads.
final class Counter: Sendable {
    private let value = Mutex(0)

    /// Adds one and returns the new count.
    func increment() -> Int { value.withLock { $0 += 1; return $0 } }
}

/// Values that worker threads fill in, each its own slot, for one thread to read in order.
final class Slots<Value: Sendable>: Sendable {
    private let values: Mutex<[Value?]>

    init(count: Int) { values = Mutex(Array(repeating: nil, count: count)) }

    func set(_ position: Int, _ value: Value) { values.withLock { $0[position] = value } }
    /// The values filled in, in order.
    var filled: [Value] { values.withLock { $0.compactMap { $0 } } }
}

/// The first error any worker met; later ones are dropped.
final class FirstError: Sendable {
    private let stored = Mutex<(any Error)?>(nil)

    func set(_ error: any Error) { stored.withLock { if $0 == nil { $0 = error } } }
    var error: (any Error)? { stored.withLock { $0 } }
    var isSet: Bool { error != nil }
}

/// Ctrl-C and kill (SIGINT, SIGTERM) during any command: end helper processes (ffmpeg),
/// remove the temporary files of writes under way, so only whole files remain (old figures
/// stay as they were), and exit with the usual 128 + signal. SIGKILL cannot be caught;
/// `animate` clears what it leaves.
enum Interruption {
    /// Set by `animate`, the one command whose interrupted work `--resume` finishes, so the
    /// message offers it only there.
    static let resumable = Atomic<Bool>(false)

    /// Installed once, by the command line's entry point, which keeps the returned sources
    /// alive while the command runs.
    static func install() -> [any DispatchSourceSignal] {
        [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                Cleanup.shared.run()
                FileOutput.removeUnfinished()
                if Terminal.showsProgress { Terminal.endProgress() }
                let hint = resumable.load(ordering: .relaxed) ? " (animate --resume finishes the frames)" : ""
                Terminal.error("interrupted; every file written so far is whole\(hint)")
                exit(128 + number)
            }
            source.resume()
            return source
        }
    }
}
