/// A seeded division of a data set's examples into training and test examples: the
/// held-out share of a spec's `data: {…, test: 0.3}`.
///
/// round(share · N) examples are held out (halves rounded up), chosen as the first ones of
/// a Fisher–Yates shuffle of 0 … N−1 by netfig's generator, xoshiro256** seeded with
/// `seed ^ streamKey`: the data's seed, in a stream of its own, so the examples a built-in set
/// draws with that seed and the ones held out from it do not follow the same numbers. Both
/// parts keep the data's order. The same N, share and seed give the same split on every
/// machine.
///
/// ```swift
/// let split = TestSplit(examples: 10, testShare: 0.3, seed: 1)
/// split.test.count                     // 3
/// let (training, test) = split.apply(to: data)
/// ```
public struct TestSplit: Equatable, Sendable {
    /// The training examples' numbers (0-based, ascending).
    public let training: [Int]
    /// The test examples' numbers (0-based, ascending).
    public let test: [Int]

    /// Mixed into the seed so the split draws its own numbers: "test" in ASCII.
    public static let streamKey: UInt64 = 0x7465_7374

    /// The split of `n` examples holding out round(share · n) of them.
    ///
    /// - Precondition: `testCount(examples: n, share: share)` is 1 … n − 1.
    public init(examples n: Int, testShare share: Double, seed: UInt64) {
        let m = Self.testCount(examples: n, share: share)
        precondition(m >= 1 && m < n, "TestSplit: a share of \(share) of \(n) examples holds out \(m)")
        var order = Array(0..<n)
        var rng = Xoshiro256StarStar(seed: seed ^ Self.streamKey)
        rng.shuffle(&order)
        test = order[..<m].sorted()
        training = order[m...].sorted()
    }

    /// The examples held out from `n` at a share: round(share · n), halves up.
    public static func testCount(examples n: Int, share: Double) -> Int {
        let exact: Double = share * Double(n)
        guard exact.isFinite else { return 0 }
        return Int(exact.rounded(.toNearestOrAwayFromZero))
    }

    /// The training and the test examples of `data`, each in the data's order.
    public func apply(to data: Dataset) -> (training: Dataset, test: Dataset) {
        precondition(training.count + test.count == data.count, "TestSplit: split of \(training.count + test.count) examples applied to \(data.count)")
        return (data.subset(training), data.subset(test))
    }
}
