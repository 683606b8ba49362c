import Charts
import Testing

@Suite struct OrderStatisticTests {
    @Test("the k-th smallest equals sorted()[k] for every k, with duplicates, sorted and reversed input")
    func matchesSorting() {
        var state: UInt64 = 12345
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double((state >> 33) % 50) / 7
        }
        let inputs: [[Double]] = [
            (0..<200).map { _ in next() }, (0..<64).map(Double.init), (0..<64).map { Double(-$0) }, [3], [2, 2, 2, 1],
        ]
        for values in inputs {
            let sorted = values.sorted()
            for k in values.indices {
                #expect(OrderStatistic.kthSmallest(of: values, k: k) == sorted[k])
            }
        }
    }
}
