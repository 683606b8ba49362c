import Foundation
import Testing
@testable import NetworkEngine

struct SweepLanesTests {
    @Test("four lanes give each point's cost with exactly the scalar evaluator's bits", arguments: 0..<CostSurfaceTests.pairs.count)
    func lanesEqualScalar(index: Int) {
        let (x, y) = CostSurfaceTests.pairs[index]
        let evaluator = SweepEvaluator(network: CostSurfaceTests.heart, data: CostSurfaceTests.heartData, x: x, y: y)
        let scratch = evaluator.makeScratch()
        let lanes = SweepLanes(evaluator)
        // Ordinary values, and ones that drive sigmoids past the fast exponential's range.
        let xs: [Double] = [-3, -0.25, 0, 0.7, 2.5, 40, -900, 1e3]
        for yValue in [-2.0, 0.1, 800] {
            for start in stride(from: 0, to: xs.count, by: 4) {
                let lanesX = SIMD4(xs[start], xs[start + 1], xs[start + 2], xs[start + 3])
                let costs = lanes.costs(x: lanesX, y: SIMD4(repeating: yValue))
                for lane in 0..<4 {
                    let scalar = evaluator.cost(x: lanesX[lane], y: yValue, scratch: scratch)
                    #expect(costs[lane].bitPattern == scalar.bitPattern, "\(x) = \(lanesX[lane]), \(y) = \(yValue)")
                }
            }
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
            #expect(Exponential.sigmoid(SIMD4(repeating: z))[2] == Exponential.sigmoid(z))
        }
    }
}
