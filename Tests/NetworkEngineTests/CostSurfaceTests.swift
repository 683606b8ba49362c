import Testing
@testable import NetworkEngine

struct CostSurfaceTests {
    static let heart = Network.random(shape: [1, 6, 7, 2], activations: [.sigmoid, .tanh, .sigmoid], seed: 4, scale: 0.5)
    static let heartData = BuiltInSet.heart.generate(count: 100, noise: 0, seed: 1)

    /// Pairs in every arrangement: output layer, hidden layer, first layer, across layers, same
    /// row, a bias and its neuron's weight.
    static let pairs: [(ParameterName, ParameterName)] = [
        (.weight(layer: 3, row: 1, column: 1), .bias(layer: 3, index: 1)),
        (.weight(layer: 3, row: 2, column: 4), .bias(layer: 3, index: 1)),
        (.weight(layer: 2, row: 3, column: 2), .bias(layer: 2, index: 5)),
        (.weight(layer: 1, row: 1, column: 1), .bias(layer: 1, index: 1)),
        (.weight(layer: 1, row: 4, column: 1), .weight(layer: 3, row: 2, column: 7)),
        (.bias(layer: 3, index: 2), .weight(layer: 2, row: 1, column: 1)),
        (.weight(layer: 2, row: 2, column: 1), .weight(layer: 2, row: 2, column: 6)),
        (.bias(layer: 2, index: 4), .weight(layer: 2, row: 4, column: 6)),
    ]

    @Test("grid values equal the network's cost with the two parameters set, bit for bit", arguments: 0..<pairs.count)
    func matchesCost(_ index: Int) {
        let (x, y) = Self.pairs[index]
        let surface = CostSurface(network: Self.heart, data: Self.heartData, x: x, y: y,
                                  xRange: -3...2, yRange: -1.5...4, resolution: (x: 9, y: 7), threads: 2)
        #expect(surface.values.count == 63)
        for row in 0..<7 {
            for column in 0..<9 {
                var network = Self.heart
                network[x] = surface.xValue(column)
                network[y] = surface.yValue(row)
                let expected = network.cost(Self.heartData)
                #expect(surface.value(column: column, row: row).bitPattern == expected.bitPattern, "\(x) \(y) at \(column),\(row)")
            }
        }
        #expect(surface.xValue(0) == -3 && surface.xValue(8) == 2)
        #expect(surface.yValue(0) == -1.5 && surface.yValue(6) == 4)
    }

    @Test("one thread and several give the same grid")
    func threads() {
        let (x, y) = Self.pairs[2]
        let one = CostSurface(network: Self.heart, data: Self.heartData, x: x, y: y, xRange: -1...1, yRange: -1...1, resolution: (x: 11, y: 13), threads: 1)
        let three = CostSurface(network: Self.heart, data: Self.heartData, x: x, y: y, xRange: -1...1, yRange: -1...1, resolution: (x: 11, y: 13), threads: 3)
        #expect(one.values == three.values)
    }

    @Test("any band of rows, evaluated alone, has the whole grid's bits for those rows", arguments: 0..<pairs.count)
    func bands(_ index: Int) {
        let (x, y) = Self.pairs[index]
        // 11 columns: one full group of eight lanes and a part-filled one.
        let resolution = (x: 11, y: 13)
        let whole = CostSurface(network: Self.heart, data: Self.heartData, x: x, y: y, xRange: -2...1.5, yRange: -1...3,
                                resolution: resolution, threads: 2)
        for (band, threads) in [(0..<13, 1), (0..<1, 2), (5..<9, 1), (12..<13, 3), (4..<13, 2), (7..<7, 1)] {
            let part = CostSurface.values(rows: band, network: Self.heart, data: Self.heartData, x: x, y: y,
                                          xRange: -2...1.5, yRange: -1...3, resolution: resolution, threads: threads)
            let expected = whole.values[(band.lowerBound * 11)..<(band.upperBound * 11)]
            #expect(part.map(\.bitPattern) == expected.map(\.bitPattern), "\(x) \(y), rows \(band)")
        }
    }

    @Test("the NOT neuron's surface has its valley along b = −w")
    func notValley() {
        let not = Network(layers: [Dense(W: Matrix([[1.3]]), b: [-0.1], activation: .tanh)])
        let data = BuiltInSet.not.generate(count: 2, noise: 0, seed: 1)
        let w = ParameterName.weight(layer: 1, row: 1, column: 1), b = ParameterName.bias(layer: 1, index: 1)
        let surface = CostSurface(network: not, data: data, x: w, y: b, xRange: -10...10, yRange: -10...10, resolution: (x: 201, y: 201))
        // For each b well inside the valley, the cheapest w is −b (to the grid's step, 0.1).
        for row in stride(from: 130, through: 200, by: 10) {
            let bValue = surface.yValue(row)
            let best = (0..<201).min { surface.value(column: $0, row: row) < surface.value(column: $1, row: row) }!
            #expect(abs(surface.xValue(best) + bValue) <= 0.1 + 1e-9, "b = \(bValue): cheapest w = \(surface.xValue(best))")
        }
        let minimum = surface.minimum!
        #expect(minimum.value < 1e-6)
        #expect(abs(surface.xValue(minimum.column) + surface.yValue(minimum.row)) <= 0.1 + 1e-9)
        // Bit for bit what `eval` computes (glibc's tanh; the example with input 0 has the
        // same z for every weight, which the grid computes once).
        for row in stride(from: 0, to: 201, by: 23) {
            for column in stride(from: 0, to: 201, by: 17) {
                var network = not
                network[w] = surface.xValue(column)
                network[b] = surface.yValue(row)
                #expect(surface.value(column: column, row: row).bitPattern == network.cost(data).bitPattern)
            }
        }
    }

    @Test("descent moves only the two parameters, and every point lies on the surface")
    func descent() throws {
        let (x, y) = Self.pairs[2]
        let path = try DescentPath(network: Self.heart, data: Self.heartData, x: x, y: y, options: TrainingOptions(rate: 2, steps: 40))
        #expect(path.points.count == 41)
        #expect(path.points[0] == .init(x: Self.heart[x], y: Self.heart[y], cost: Self.heart.cost(Self.heartData)))
        for point in path.points {
            var network = Self.heart
            network[x] = point.x
            network[y] = point.y
            #expect(point.cost == network.cost(Self.heartData))
        }
        #expect(path.points.last!.cost < path.points[0].cost)
        // The other parameters did not move: rebuild the final network from the start.
        let trained = try Trainer(options: TrainingOptions(rate: 2, steps: 40)).train(Self.heart, on: Self.heartData, moving: [x, y]).network
        var expected = Self.heart
        expected[x] = path.points.last!.x
        expected[y] = path.points.last!.y
        #expect(trained == expected)
    }
}
