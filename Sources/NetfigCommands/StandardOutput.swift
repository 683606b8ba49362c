import Foundation

/// Standard output with every write checked, and its close: `eval > /dev/full`, or a full
/// disk under `eval --json > heart.json`, must end in exit 1 and a message, not a silent
/// half-written file and exit 0.
///
/// ```swift
/// try StandardOutput.write("C = 0.5\n")
/// ```
enum StandardOutput {
    /// Writes all of `text`, retrying short writes.
    ///
    /// - Throws: `FailureReport` (exit 1) naming the system's reason.
    static func write(_ text: String) throws {
        // Anything print() left in stdio's buffer goes first, to keep the order.
        fflush(nil)
        var failure: Int32 = 0
        Array(text.utf8).withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count, let base = buffer.baseAddress {
                let written = Glibc.write(STDOUT_FILENO, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if failure != 0 { throw report(failure) }
    }

    /// Flushes and closes standard output, where the last errors of a file show.
    ///
    /// - Throws: `FailureReport` (exit 1) naming the system's reason.
    static func close() throws {
        if fflush(nil) != 0 { throw report(errno) }
        if Glibc.close(STDOUT_FILENO) != 0, errno != EBADF, errno != EINTR { throw report(errno) }
    }

    private static func report(_ code: Int32) -> FailureReport {
        FailureReport.failure("cannot write to standard output: \(String(cString: strerror(code)))")
    }
}
