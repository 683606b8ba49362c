import Drawing
import Foundation
import NetfigSpec
import NetworkEngine

/// An error as the user sees it: one line and an exit status.
///
/// Bad input (a spec, a parameter name, an option value) exits 2; a failure while running
/// (an unwritable output, training that diverged) exits 1.
public struct FailureReport: Error, CustomStringConvertible {
    /// One line per problem, each to be printed after `netfig: ` (a spec's several mistakes).
    public var lines: [String]
    public var exitCode: Int32

    /// The lines as printed, joined by `\nnetfig: `.
    public var description: String { lines.joined(separator: "\nnetfig: ") }

    public static func usage(_ message: String) -> FailureReport { FailureReport(description: message, exitCode: 2) }
    public static func failure(_ message: String) -> FailureReport { FailureReport(description: message, exitCode: 1) }

    init(description: String, exitCode: Int32) {
        self.init(lines: [description], exitCode: exitCode)
    }

    init(lines: [String], exitCode: Int32) {
        self.lines = lines
        self.exitCode = exitCode
    }

    /// Classifies the errors the libraries throw; nil for errors the argument parser handles.
    init?(_ error: any Error) {
        switch error {
        case let error as SpecErrors:
            // One line per problem, each with the same prefix as the first.
            self.init(lines: error.problems.map(\.description), exitCode: 2)
        case let error as SpecError: self.init(description: error.description, exitCode: 2)
        case let error as ParameterNameError: self.init(description: error.description, exitCode: 2)
        case let error as DivergenceError: self.init(description: error.description, exitCode: 1)
        case let error as DrawingError:
            // A wrong extension is bad usage; anything else (an unwritable folder, a missing font) failed while running.
            if case .unsupportedExtension = error { self.init(description: error.description, exitCode: 2) } else { self.init(description: error.description, exitCode: 1) }
        default: return nil
        }
    }
}

/// Where messages and progress go.
enum Terminal {
    /// Writes `netfig: message` to stderr, as one line: control characters in it (which may
    /// come from a spec, a file name or an argument) are escaped.
    static func error(_ message: String) {
        let line = "netfig: \(Echo.escaped(message))\n"
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Whether progress should be shown: only when stderr is a terminal.
    static var showsProgress: Bool { isatty(STDERR_FILENO) == 1 }

    /// Rewrites the progress line on stderr.
    static func progress(_ message: String) {
        FileHandle.standardError.write(Data("\r\u{1B}[K\(message)".utf8))
    }

    static func endProgress() {
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
