import ArgumentParser

/// `a:b` on the command line, with a < b, both finite: `--x-range -10:10`.
struct ValueRange: ExpressibleByArgument, Equatable {
    let range: ClosedRange<Double>

    init(_ range: ClosedRange<Double>) { self.range = range }

    init?(argument: String) {
        // Split at the colon that follows a number, so "-10:-2" reads as −10 to −2.
        let parts = argument.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let low = Double(parts[0]), let high = Double(parts[1]),
              low.isFinite, high.isFinite, low < high, (high - low).isFinite else { return nil }
        range = low...high
    }

    static var defaultCompletionKind: CompletionKind { .default }

    /// For `@Option(transform:)`: the message says what was expected.
    static func parse(_ argument: String) throws -> ValueRange {
        guard let range = ValueRange(argument: argument) else {
            throw ValidationError("expected two finite numbers a:b with a < b, e.g. -10:10")
        }
        return range
    }
}
