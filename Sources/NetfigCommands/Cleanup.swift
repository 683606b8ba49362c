import Foundation
import Synchronization

/// Helper processes and temporary files that a signal (Ctrl-C, kill) must not leave behind:
/// ffmpeg still running, `.netfig-video-PID.tmp`, ffmpeg's list of frames, the folder of PNG
/// copies of SVG or PDF frames.
final class Cleanup: Sendable {
    static let shared = Cleanup()

    private struct State {
        var paths: Set<String> = []
        var folders: Set<String> = []
        var children: Set<pid_t> = []
        var writes = 0
        var stopping = false
    }

    private let state = Mutex(State())

    func add(_ path: String) { state.withLock { _ = $0.paths.insert(path) } }
    func remove(_ path: String) { state.withLock { _ = $0.paths.remove(path) } }
    /// A folder removed with everything in it.
    func add(folder: String) { state.withLock { _ = $0.folders.insert(folder) } }
    func remove(folder: String) { state.withLock { _ = $0.folders.remove(folder) } }
    func add(child: pid_t) { state.withLock { _ = $0.children.insert(child) } }
    func remove(child: pid_t) { state.withLock { _ = $0.children.remove(child) } }

    /// Runs a file write that a signal must not interrupt between the creation of its
    /// temporary file and its registration for removal: the signal handler waits for writes
    /// under way and lets no new one start. Worker threads write frames this way.
    func write<T>(_ body: () throws -> T) rethrows -> T {
        let allowed = state.withLock { state in
            guard !state.stopping else { return false }
            state.writes += 1
            return true
        }
        // The process is exiting: wait for it, writing nothing more.
        while !allowed { pause() }
        defer { state.withLock { $0.writes -= 1 } }
        return try body()
    }

    /// Waits, never to return, while a signal's cleanup is under way: the thread that waited
    /// for a child the cleanup ended must not report the child's end as a failure (exit 1)
    /// before the signal handler exits with 128 + the signal.
    func holdIfStopping() {
        while state.withLock({ $0.stopping }) { pause() }
    }

    /// Ends the children (SIGTERM, then SIGKILL for one still there after two seconds), then
    /// removes the files, in that order so that no child writes a file after its removal.
    /// Writes through `write` under way finish first (up to two seconds) and none starts after.
    /// For the signal handler, just before the process exits.
    func run() {
        for _ in 0..<2000 {
            let idle = state.withLock { state in
                state.stopping = true
                return state.writes == 0
            }
            if idle { break }
            usleep(1000)
        }
        let (paths, folders, children) = state.withLock { ($0.paths, $0.folders, $0.children) }
        for child in children { kill(child, SIGTERM) }
        for child in children where !ended(child, within: 200) {
            kill(child, SIGKILL)
            _ = ended(child, within: 200)
        }
        for path in paths { unlink(path) }
        for folder in folders { try? FileManager.default.removeItem(atPath: folder) }
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
