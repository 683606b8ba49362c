import ArgumentParser

/// `a:b` on the command line, with a < b, both finite: `--x-range -10:10`.
struct ValueRange: ExpressibleByArgument, Equatable {
    let range: ClosedRange<Double>

    init(_ range: ClosedRange<Double>) { self.range = range }

    init?(argument: String) {
        // Split at the colon that follows a number, so "-10:-2" reads as −10 to −2.
        let parts = argument.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let low = Double(parts[0]), let high = Double(parts[1]),
              low.isFinite, high.isFinite, low < high else { return nil }
        range = low...high
    }

    static var defaultCompletionKind: CompletionKind { .default }
}
