import Testing
@testable import NetworkEngine

struct TestSplitTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let examples: Int
        let share: Double
        var testDescription: String { "\(share) of \(examples)" }
    }

    static let cases: [Case] = [
        Case(examples: 2, share: 0.5), Case(examples: 3, share: 0.2), Case(examples: 4, share: 0.3),
        Case(examples: 10, share: 0.3), Case(examples: 10, share: 0.85), Case(examples: 17, share: 0.5),
        Case(examples: 100, share: 0.25), Case(examples: 1000, share: 0.1), Case(examples: 1000, share: 0.999),
    ]

    @Test("a split holds out round(share·N), disjoint from the rest, the two covering every example in order", arguments: cases)
    func partition(_ c: Case) {
        for seed: UInt64 in [0, 1, 2, 12345, .max] {
            let split = TestSplit(examples: c.examples, testShare: c.share, seed: seed)
            let expected = Int((c.share * Double(c.examples)).rounded(.toNearestOrAwayFromZero))
            #expect(split.test.count == expected)
            #expect(split.training.count == c.examples - expected)
            #expect(Set(split.test).isDisjoint(with: split.training))
            #expect((split.test + split.training).sorted() == Array(0..<c.examples))
            #expect(split.test == split.test.sorted() && split.training == split.training.sorted())
            // The same numbers give the same split.
            #expect(TestSplit(examples: c.examples, testShare: c.share, seed: seed) == split)
        }
    }

    @Test("halves round up: 0.5 of 5 holds out 3, 0.25 of 2 holds out 1, 0.1 of 4 none")
    func rounding() {
        #expect(TestSplit.testCount(examples: 5, share: 0.5) == 3)
        #expect(TestSplit.testCount(examples: 2, share: 0.25) == 1)
        #expect(TestSplit.testCount(examples: 4, share: 0.1) == 0)
        #expect(TestSplit.testCount(examples: 4, share: 0.9) == 4)
    }

    @Test("the seed chooses which examples are held out, from a stream of its own")
    func seeds() {
        let splits = (1...20).map { TestSplit(examples: 100, testShare: 0.3, seed: UInt64($0)).test }
        #expect(Set(splits).count == splits.count)
        // Not the first examples of a shuffle by the data's own generator (a built-in set's draws).
        var rng = Xoshiro256StarStar(seed: 1)
        var order = Array(0..<100)
        rng.shuffle(&order)
        #expect(TestSplit(examples: 100, testShare: 0.3, seed: 1).test != order[..<30].sorted())
        var own = Xoshiro256StarStar(seed: 1 ^ TestSplit.streamKey)
        var ownOrder = Array(0..<100)
        own.shuffle(&ownOrder)
        #expect(TestSplit(examples: 100, testShare: 0.3, seed: 1).test == ownOrder[..<30].sorted())
    }

    @Test("applied to data, each part holds its examples' columns in the data's order")
    func apply() {
        let data = BuiltInSet.spiral.generate(count: 40, noise: 0.2, seed: 5)
        let split = TestSplit(examples: 40, testShare: 0.25, seed: 5)
        let (training, test) = split.apply(to: data)
        #expect(training.count == 30 && test.count == 10)
        for (position, k) in split.test.enumerated() {
            #expect(test.inputs.column(position) == data.inputs.column(k))
            #expect(test.targets.column(position) == data.targets.column(k))
        }
        for (position, k) in split.training.enumerated() {
            #expect(training.inputs.column(position) == data.inputs.column(k))
            #expect(training.targets.column(position) == data.targets.column(k))
        }
    }
}
