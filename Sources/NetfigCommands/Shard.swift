import ArgumentParser

/// `--shard 2/8`: the 2nd of 8 shares of a run's work, so that many machines (a Slurm array,
/// GNU parallel) can share it.
///
/// An animation's frames go strided (frames i, i + n, …), a surface's grid rows in one
/// contiguous band: later frames carry longer paths and curves, so striding evens out the
/// work, while every grid row costs the same, and a band's lines are a piece of the whole
/// grid's CSV as it stands, so the parts put back together are that file.
///
/// ```swift
/// let shard = try Shard.parse("2/3")
/// shard.includes(frameNumber: 5)   // true: frames 2, 5, 8, …
/// shard.rows(of: 10)               // 3..<6 (0-based): rows 4 to 6 of 10
/// ```
struct Shard: ExpressibleByArgument, Equatable, CustomStringConvertible {
    let index: Int
    let count: Int

    init(index: Int, count: Int) {
        precondition(index >= 1 && index <= count, "Shard: \(index)/\(count)")
        self.index = index
        self.count = count
    }

    init?(argument: String) {
        let parts = argument.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, i >= 1, i <= n else { return nil }
        self.init(index: i, count: n)
    }

    static func parse(_ argument: String) throws -> Shard {
        guard let shard = Shard(argument: argument) else { throw ValidationError("expected i/n with 1 ≤ i ≤ n, e.g. 2/8") }
        return shard
    }

    /// `2/8`, as written on the command line.
    var description: String { "\(index)/\(count)" }

    func includes(frameNumber: Int) -> Bool { (frameNumber - index) % count == 0 && frameNumber >= index }

    /// This shard's rows of `total` (0-based): the `index`-th of `count` contiguous bands,
    /// whose sizes differ by at most one. Empty when there are more shards than rows.
    func rows(of total: Int) -> Range<Int> {
        (total * (index - 1) / count)..<(total * index / count)
    }
}
