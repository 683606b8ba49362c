import Testing
@testable import NetworkEngine

struct RandomTests {
    @Test("SplitMix64 gives the reference outputs for seed 1234567")
    func splitMix() {
        // From Vigna's reference implementation (splitmix64.c).
        var g = SplitMix64(state: 1_234_567)
        #expect(g.next() == 6_457_827_717_110_365_317)
        #expect(g.next() == 3_203_168_211_198_807_973)
        #expect(g.next() == 9_817_491_932_198_370_423)
    }

    @Test("the same seed gives the same stream, another seed another")
    func determinism() {
        var a = Xoshiro256StarStar(seed: 42), b = Xoshiro256StarStar(seed: 42), c = Xoshiro256StarStar(seed: 43)
        let sa = (0..<100).map { _ in a.next() }
        #expect(sa == (0..<100).map { _ in b.next() })
        #expect(sa != (0..<100).map { _ in c.next() })
    }

    @Test("uniforms lie in [0, 1) and normals have mean 0 and variance 1")
    func distributions() {
        var rng = Xoshiro256StarStar(seed: 9)
        let n = 200_000
        var sum = 0.0, sumSquares = 0.0
        for _ in 0..<n {
            let u = rng.nextUniform()
            #expect(u >= 0 && u < 1)
            let g = rng.nextNormal()
            sum += g
            sumSquares += g * g
        }
        let mean = sum / Double(n)
        let variance = sumSquares / Double(n) - mean * mean
        // Four standard errors: 4/√n for the mean, 4·√(2/n) for the variance.
        #expect(abs(mean) < 4 / Double(n).squareRoot())
        #expect(abs(variance - 1) < 4 * (2 / Double(n)).squareRoot())
    }

    @Test("indices are uniform and shuffles are permutations")
    func indices() {
        var rng = Xoshiro256StarStar(seed: 5)
        var counts = [Int](repeating: 0, count: 6)
        for _ in 0..<60_000 { counts[rng.nextIndex(below: 6)] += 1 }
        #expect(counts.allSatisfy { abs($0 - 10_000) < 500 })
        var array = Array(0..<50)
        rng.shuffle(&array)
        #expect(array.sorted() == Array(0..<50))
        #expect(array != Array(0..<50))
    }
}
