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

/// The first error any worker met; later ones are dropped.
final class FirstError: Sendable {
    private let stored = Mutex<(any Error)?>(nil)

    func set(_ error: any Error) { stored.withLock { if $0 == nil { $0 = error } } }
    var error: (any Error)? { stored.withLock { $0 } }
    var isSet: Bool { error != nil }
}

/// Ctrl-C and kill (SIGINT, SIGTERM) while frames are written: remove the unfinished
/// temporary files, so only whole frames remain, and exit with the usual 128 + signal.
struct Interruption {
    private let sources: [any DispatchSourceSignal]

    static func install() -> Interruption {
        let sources = [SIGINT, SIGTERM].map { number -> any DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                FileOutput.removeUnfinished()
                Terminal.endProgress()
                Terminal.error("interrupted; the frames written so far are whole (rerun with --resume to finish)")
                exit(128 + number)
            }
            source.resume()
            return source
        }
        return Interruption(sources: sources)
    }

    func remove() {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
