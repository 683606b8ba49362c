import ArgumentParser
import Foundation

/// The `netfig` command: figures of small neural networks, computed by the engine that trains them.
public struct Netfig: ParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "netfig",
        abstract: "Figures of small neural networks, computed by the engine that trains them.",
        discussion: """
            Every command reads a spec file (YAML or JSON) describing a network,
            its data and its training, and `netfig COMMAND --help` says more.

            Examples:
              netfig eval assets/not.yaml
              netfig eval assets/heart.yaml --json > heart.json
              netfig train assets/heart.yaml -o output/heart-curve.png
              netfig diagram assets/hidden-layer.yaml -o output/hidden-layer.png
              netfig surface assets/not.yaml --x w1 --y b1 -o surface.png --descent 200
              netfig surface trained.yaml --x random --y random -o landscape.png
              netfig profile assets/heart.yaml --toward trained.yaml -o profile.png
              netfig fit assets/heart.yaml --history 100 -o heart.png
              netfig animate assets/heart.yaml -o frames --frames 100
              netfig demo -o output

            Exit status: 0 success; 2 bad usage or a bad spec; 1 a failure while
            running.
            """,
        version: version,
        subcommands: [Eval.self, Train.self, Diagram.self, Surface.self, Profile.self, Chain.self, Neurons.self, Fit.self, Animate.self, Demo.self]
    )

    public init() {}
}

/// Runs the command line and exits with PRODUCT.md's status codes: 0 success, 2 bad usage or
/// bad spec, 1 a failure while running. Errors are one line on stderr, never a stack trace.
public enum NetfigMain {
    public static func main(_ arguments: [String]? = nil) -> Never {
        let status = run(arguments)
        BenchmarkTiming.reportPeakMemory()
        // Closing is the last chance to learn that the output did not all arrive.
        do {
            try StandardOutput.close()
        } catch let error as FailureReport {
            Terminal.error(error.description)
            exit(status == 0 ? error.exitCode : status)
        } catch {
            exit(1)
        }
        exit(status)
    }

    /// Parses and runs; returns the exit status instead of exiting (for tests).
    public static func run(_ arguments: [String]? = nil) -> Int32 {
        let interruption = arguments == nil ? Interruption.install() : []
        defer { withExtendedLifetime(interruption) {} }
        do {
            var command = try Netfig.parseAsRoot(arguments)
            try command.run()
            return 0
        } catch let error as FailureReport {
            error.lines.forEach(Terminal.error)
            return error.exitCode
        } catch {
            if let report = FailureReport(error) {
                report.lines.forEach(Terminal.error)
                return report.exitCode
            }
            let code = Netfig.exitCode(for: error)
            if code == .success {
                do {
                    try StandardOutput.write(Netfig.fullMessage(for: error) + "\n")
                } catch {
                    Terminal.error("\(error)")
                    return 1
                }
                return 0
            }
            // One line, like every other error, with where to read more.
            let arguments = arguments ?? Array(CommandLine.arguments.dropFirst())
            let command = arguments.first { name in Netfig.configuration.subcommands.contains { $0._commandName == name } }
            let help = command.map { "netfig \($0) --help" } ?? "netfig --help"
            let message = Netfig.message(for: error).replacingOccurrences(of: "\n", with: " ")
            Terminal.error("\(message) (see '\(help)')")
            return code == .validationFailure ? 2 : code.rawValue
        }
    }
}
