import Foundation
import Synchronization

/// Helper processes and temporary files that a signal (Ctrl-C, kill) must not leave behind:
/// ffmpeg still running, `.netfig-video-PID.tmp`, ffmpeg's list of frames.
final class Cleanup: Sendable {
    static let shared = Cleanup()

    private struct State {
        var paths: Set<String> = []
        var children: Set<pid_t> = []
    }

    private let state = Mutex(State())

    func add(_ path: String) { state.withLock { _ = $0.paths.insert(path) } }
    func remove(_ path: String) { state.withLock { _ = $0.paths.remove(path) } }
    func add(child: pid_t) { state.withLock { _ = $0.children.insert(child) } }
    func remove(child: pid_t) { state.withLock { _ = $0.children.remove(child) } }

    /// Ends the children (SIGTERM, then SIGKILL for one still there after two seconds), then
    /// removes the files, in that order so that no child writes a file after its removal.
    /// For the signal handler, just before the process exits.
    func run() {
        let (paths, children) = state.withLock { ($0.paths, $0.children) }
        for child in children { kill(child, SIGTERM) }
        for child in children where !ended(child, within: 200) {
            kill(child, SIGKILL)
            _ = ended(child, within: 200)
        }
        for path in paths { unlink(path) }
    }

    /// Whether the child has ended, polled every 10 ms up to `tries` times. Foundation may reap
    /// it first, so "no such child" counts as ended too.
    private func ended(_ child: pid_t, within tries: Int) -> Bool {
        for _ in 0..<tries {
            var status: Int32 = 0
            if waitpid(child, &status, WNOHANG) != 0 { return true }
            usleep(10_000)
        }
        return false
    }
}
