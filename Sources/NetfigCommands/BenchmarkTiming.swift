import Dispatch
import Foundation

/// Benchmark-only timing: with `NETFIG_TIMING=1` in the environment, `surface` reports how
/// long the grid evaluation took and `train` how long the training loop took, as one line
/// on stderr (`grid: 12.345 ms`), and the processor time all its threads took as another
/// (`grid_cpu: 23.456 ms`): the work, which a machine shared with other jobs leaves alone
/// where it stretches the wall-clock time.
///
/// `make bench` compares these with the Python peers' own loop times, so both sides time
/// the same work (same spec, same grid, same examples) without process start-up. Nothing
/// is printed without the variable, so ordinary output never changes.
///
/// ```swift
/// let surface = BenchmarkTiming.measure("grid") { CostSurface(…) }
/// ```
enum BenchmarkTiming {
    static let enabled = ProcessInfo.processInfo.environment["NETFIG_TIMING"] == "1"

    /// Runs `work`, and when timing is enabled prints `label: N ms` to stderr.
    ///
    /// - Parameters:
    ///   - label: what was timed (`grid`, `training`).
    ///   - work: the work itself; its result is returned unchanged.
    static func measure<T>(_ label: String, _ work: () throws -> T) rethrows -> T {
        guard enabled else { return try work() }
        let start = DispatchTime.now().uptimeNanoseconds
        let cpuStart = processTime()
        let result = try work()
        let nanoseconds = DispatchTime.now().uptimeNanoseconds - start
        let cpu: Double = processTime() - cpuStart
        let milliseconds = Double(nanoseconds) / 1e6
        FileHandle.standardError.write(Data("\(label): \(String(format: "%.3f", milliseconds)) ms\n".utf8))
        FileHandle.standardError.write(Data("\(label)_cpu: \(String(format: "%.3f", cpu * 1e3)) ms\n".utf8))
        return result
    }

    /// When timing is enabled, prints `peak_memory: N kB`: this program's own peak resident
    /// memory (VmHWM). A parent's rusage cannot say it: Linux counts, in a spawned child's
    /// ru_maxrss, the peak of the process that spawned it (the memory it shared until exec).
    static func reportPeakMemory() {
        guard enabled, let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = line.split(separator: " ").dropFirst().first(where: { !$0.isEmpty }) else { return }
        FileHandle.standardError.write(Data("peak_memory: \(kilobytes) kB\n".utf8))
    }

    /// This process's processor time so far, every thread's, in seconds.
    private static func processTime() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
