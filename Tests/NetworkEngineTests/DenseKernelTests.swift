import Testing
@testable import NetworkEngine

/// `Dense`'s forward pass and Wᵀδ run eight examples to a vector and four vectors at a time;
/// here each is checked, bit for bit, against the plain loop it replaces: one sum at a time,
/// in order, from zero.
struct DenseKernelTests {
    static func random(_ count: Int, _ rng: inout Xoshiro256StarStar) -> [Double] {
        (0..<count).map { _ in rng.nextNormal() }
    }

    /// A layer with random weights and biases and the identity activation.
    static func layer(outputs: Int, inputs: Int, _ rng: inout Xoshiro256StarStar) -> Dense {
        Dense(W: Matrix(rows: outputs, columns: inputs, values: random(outputs * inputs, &rng)),
              b: random(outputs, &rng), activation: .identity)
    }

    // Example counts hit every path: blocks of 32, a block of 8, single examples, and mixes.
    static let shapes: [(outputs: Int, inputs: Int, examples: Int)] = [
        (6, 1, 100), (7, 6, 100), (2, 7, 100), (3, 5, 32), (4, 3, 40), (2, 9, 7), (5, 2, 1), (1, 1, 75), (3, 4, 0),
    ]

    @Test("z = W a + b: fused multiply-adds in order of j, then the bias, as the plain loop", arguments: shapes.indices)
    func forwardBits(index: Int) {
        let (outputs, inputs, n) = Self.shapes[index]
        var rng = Xoshiro256StarStar(seed: UInt64(100 + index))
        let layer = Self.layer(outputs: outputs, inputs: inputs, &rng)
        let x = Self.random(inputs * n, &rng)
        let (z, _) = layer.forward(Matrix(rows: inputs, columns: n, values: x))
        for i in 0..<outputs {
            for k in 0..<n {
                var sum = 0.0
                for j in 0..<inputs { sum = sum.addingProduct(layer.W[i, j], x[j * n + k]) }
                sum += layer.b[i]
                #expect(z[i, k].bitPattern == sum.bitPattern, "z[\(i), \(k)]")
            }
        }
    }

    @Test("Wᵀδ: a product then a sum, in order of i, as the plain loop", arguments: shapes.indices)
    func transposedProductBits(index: Int) {
        let (outputs, inputs, n) = Self.shapes[index]
        var rng = Xoshiro256StarStar(seed: UInt64(200 + index))
        let layer = Self.layer(outputs: outputs, inputs: inputs, &rng)
        let z = Self.random(outputs * n, &rng)
        var delta = Self.random(outputs * n, &rng)
        let incoming = delta  // the identity's derivative is 1: δ stays as it came
        var dW = [Double](repeating: 0, count: outputs * inputs)
        var db = [Double](repeating: 0, count: outputs)
        var below = [Double](repeating: .nan, count: inputs * n)
        delta.withUnsafeMutableBufferPointer { d in
            dW.withUnsafeMutableBufferPointer { dw in
                db.withUnsafeMutableBufferPointer { dbs in
                    below.withUnsafeMutableBufferPointer { prev in
                        layer.backward(delta: d, z: z, a: z, aPrev: Self.random(inputs * n, &rng), examples: n, factor: 1,
                                       dW: dw, db: dbs, dCdaPrev: prev)
                    }
                }
            }
        }
        for j in 0..<inputs {
            for k in 0..<n {
                var sum = 0.0
                for i in 0..<outputs { sum += layer.W[i, j] * incoming[i * n + k] }
                #expect(below[j * n + k].bitPattern == sum.bitPattern, "(Wᵀδ)[\(j), \(k)]")
            }
        }
    }
}
