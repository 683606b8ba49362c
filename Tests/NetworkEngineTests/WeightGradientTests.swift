import Testing
@testable import NetworkEngine

struct WeightGradientTests {
    /// ∂C/∂W and ∂C/∂b the plain way: one sum at a time, over the examples in order.
    static func plain(delta: [Double], aPrev: [Double], outputs: Int, inputs: Int, examples n: Int) -> (dW: [Double], db: [Double]) {
        var dW = [Double](repeating: 0, count: outputs * inputs)
        var db = [Double](repeating: 0, count: outputs)
        for i in 0..<outputs {
            for k in 0..<n { db[i] += delta[i * n + k] }
            for j in 0..<inputs {
                var sum = 0.0
                for k in 0..<n { sum += delta[i * n + k] * aPrev[j * n + k] }
                dW[i * inputs + j] = sum
            }
        }
        return (dW, db)
    }

    @Test("the vectorised sums, times the mean's 1/n, have exactly the plain loop's bits", arguments: [
        (1, 1, 1), (6, 1, 100), (7, 6, 100), (2, 7, 100), (3, 8, 5), (9, 15, 13), (4, 16, 2), (5, 17, 0),
        (12, 2, 37), (8, 3, 9), (6, 1, 0),
    ])
    func bitEqual(outputs: Int, inputs: Int, examples n: Int) {
        var rng = Xoshiro256StarStar(seed: UInt64(outputs * 1000 + inputs * 10 + n))
        let delta = (0..<(outputs * n)).map { _ in rng.nextNormal() * 0.3 }
        let aPrev = (0..<(inputs * n)).map { _ in rng.nextNormal() }
        let factor: Double = 1 / Double(max(n, 1))
        var dW = [Double](repeating: .nan, count: outputs * inputs)
        var db = [Double](repeating: .nan, count: outputs)
        delta.withUnsafeBufferPointer { d in
            aPrev.withUnsafeBufferPointer { x in
                dW.withUnsafeMutableBufferPointer { dw in
                    db.withUnsafeMutableBufferPointer { db in
                        Dense.weightGradients(delta: d, aPrev: x, outputs: outputs, inputs: inputs, examples: n,
                                              factor: factor, dW: dw, db: db)
                    }
                }
            }
        }
        let expected = Self.plain(delta: delta, aPrev: aPrev, outputs: outputs, inputs: inputs, examples: n)
        #expect(dW.map(\.bitPattern) == expected.dW.map { ($0 * factor).bitPattern })
        #expect(db.map(\.bitPattern) == expected.db.map { ($0 * factor).bitPattern })
    }
}
