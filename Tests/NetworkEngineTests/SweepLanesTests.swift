import Foundation
import Testing
@testable import NetworkEngine

struct SweepLanesTests {
    @Test("eight lanes give each point's cost with exactly Network.cost's bits", arguments: 0..<CostSurfaceTests.pairs.count)
    func lanesEqualNetworkCost(index: Int) {
        let (x, y) = CostSurfaceTests.pairs[index]
        let evaluator = SweepEvaluator(network: CostSurfaceTests.heart, data: CostSurfaceTests.heartData, x: x, y: y)
        let lanes = SweepLanes(evaluator)
        // Ordinary values, and ones that drive sigmoids past the fast exponential's range.
        let xs = SIMD8<Double>(-3, -0.25, 0, 0.7, 2.5, 40, -900, 1e3)
        for yValue in [-2.0, 0.1, 800] {
            let costs = lanes.costs(x: xs, y: SIMD8(repeating: yValue))
            for lane in 0..<8 {
                var network = CostSurfaceTests.heart
                network[x] = xs[lane]
                network[y] = yValue
                let expected = network.cost(CostSurfaceTests.heartData)
                #expect(costs[lane].bitPattern == expected.bitPattern, "\(x) = \(xs[lane]), \(y) = \(yValue)")
            }
        }
    }

    @Test("a weight and its neuron's bias share the weighted sum, with the same bits", arguments: [
        (ParameterName.weight(layer: 2, row: 3, column: 2), ParameterName.bias(layer: 2, index: 3)),
        (.bias(layer: 3, index: 2), .weight(layer: 3, row: 2, column: 5)),
        (.weight(layer: 1, row: 6, column: 1), .bias(layer: 1, index: 6)),
    ])
    func sharedSums(x: ParameterName, y: ParameterName) {
        let evaluator = SweepEvaluator(network: CostSurfaceTests.heart, data: CostSurfaceTests.heartData, x: x, y: y)
        #expect(evaluator.weightAxis == (x.description.hasPrefix("b") ? .y : .x))
        let shared = SweepLanes(evaluator)
        let direct = SweepLanes(evaluator)
        let weights: [Double] = [-4, 0.3, 750]
        let biases = SIMD8<Double>(-800, -2, -0.5, 0, 0.25, 1, 3, 900)
        for weight in weights {
            shared.share(weight: SIMD8(repeating: weight))
            let costs = shared.costs(bias: biases)
            let expected = evaluator.weightAxis == .x ? direct.costs(x: SIMD8(repeating: weight), y: biases)
                                                      : direct.costs(x: biases, y: SIMD8(repeating: weight))
            for lane in 0..<8 { #expect(costs[lane].bitPattern == expected[lane].bitPattern, "\(weight), \(biases[lane])") }
        }
    }

    @Test("the fast exponential stays within 2 ulp of glibc's over its whole range, and σ past it is glibc's")
    func exponentialAccuracy() {
        var state: UInt64 = 88172645463325252
        var worst = 0.0
        for _ in 0..<200_000 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            let x: Double = Double(state >> 11) / Double(UInt64(1) << 53) * 1416 - 708
            let expected = Foundation.exp(x)
            worst = max(worst, abs(Exponential.exp(x) - expected) / expected.ulp)
        }
        #expect(worst <= 2)
        for z in [-1000.0, -709, 709, 1000, 0] {
            #expect(Exponential.sigmoid(z) == 1 / (1 + Foundation.exp(-z)))
        }
        // A buffer (a vectorised loop in release builds) gives every element the scalar's bits.
        // Past ±708 and NaN inside the vector loop (the first 24) as well as after it.
        let zs: [Double] = (0..<18).map { Double($0) * 0.37 - 3 } + [.nan, -1000, 709, .infinity, 708, -708.5, -.infinity, .nan]
        var out = [Double](repeating: 0, count: zs.count)
        zs.withUnsafeBufferPointer { z in out.withUnsafeMutableBufferPointer { Exponential.sigmoid(z, into: $0) } }
        for (z, a) in zip(zs, out) { #expect(a.bitPattern == Exponential.sigmoid(z).bitPattern, "σ(\(z))") }
    }
}
