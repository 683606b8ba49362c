import Foundation
import Testing
@testable import NetworkEngine

/// The course's assignment: the heart data and the 1 → 6 → 7 → 2 sigmoid network.
struct HeartTests {
    let data = BuiltInSet.heart.generate(count: 100, noise: 0, seed: 1)

    @Test("the heart data matches the course's check table")
    func checkTable() {
        let table: [(k: Int, x: Double, y0: Double, y1: Double)] = [
            (0, 0.00, 0.50000000, 0.62500000),
            (1, 0.01, 0.50009902, 0.62701541),
            (10, 0.10, 0.58122992, 0.75997967),
            (25, 0.25, 0.90000000, 0.60000000),
            (50, 0.50, 0.50000000, 0.07500000),
            (75, 0.75, 0.10000000, 0.60000000),
            (99, 0.99, 0.49990098, 0.62701541),
        ]
        #expect(data.count == 100)
        for row in table {
            #expect(abs(data.inputs[0, row.k] - row.x) < 1e-15)
            #expect(abs(data.targets[0, row.k] - row.y0) < 5e-9, "y0 at k = \(row.k)")
            #expect(abs(data.targets[1, row.k] - row.y1) < 5e-9, "y1 at k = \(row.k)")
        }
    }

    @Test("each row of the targets has mean 0.5")
    func rowMeans() {
        for i in 0..<2 {
            let mean = (0..<100).map { data.targets[i, $0] }.reduce(0, +) / 100
            #expect(abs(mean - 0.5) < 1e-15)
        }
    }

    @Test("with every parameter zero the cost is 0.1121875")
    func zeroCost() {
        var network = Network.random(shape: [1, 6, 7, 2], activations: [.sigmoid, .sigmoid, .sigmoid], seed: 1, scale: 0)
        #expect(network.layers.allSatisfy { $0.W.values.allSatisfy { $0 == 0 } && $0.b.allSatisfy { $0 == 0 } })
        #expect(network(data.inputs.column(3)) == [0.5, 0.5])
        #expect(abs(network.cost(data) - 0.1121875) < 1e-15)
        network.reduction = .sum
        #expect(abs(network.cost(data) - 11.21875) < 1e-13)
    }

    @Test("10 000 steps at rate 7 bring the cost near 1e-3, as the course expects")
    func training() throws {
        let start = Network.random(shape: [1, 6, 7, 2], activations: [.sigmoid, .sigmoid, .sigmoid], seed: 1, scale: 0.5)
        let history = try Trainer(options: TrainingOptions(rate: 7, steps: 10_000)).train(start, on: data, keeping: [0, 10_000])
        #expect(history.costs.count == 10_001)
        #expect(history.costs[0] == start.cost(data))
        #expect(history.snapshots[0] == start)
        #expect(history.snapshots[10_000] == history.network)
        let final = try #require(history.costs.last)
        #expect(final == history.network.cost(data))
        print("heart: cost \(history.costs[0]) → \(final)")
        #expect(final < 3e-3)
        #expect(final > 1e-4)
    }
}
