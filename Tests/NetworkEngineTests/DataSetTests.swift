import Testing
@testable import NetworkEngine

struct DataSetTests {
    @Test("generated sets have the asked size and widths, and are seeded", arguments: BuiltInSet.allCases.filter(\.isGenerated))
    func shapes(_ set: BuiltInSet) {
        let a = set.generate(count: 60, noise: 0.1, seed: 3)
        #expect(a.count == 60)
        #expect(a.inputWidth == set.inputWidth && a.targetWidth == set.targetWidth)
        #expect(a == set.generate(count: 60, noise: 0.1, seed: 3))
        if set != .heart { #expect(a != set.generate(count: 60, noise: 0.1, seed: 4)) }
    }

    @Test("classification sets are labelled as the Playground labels them")
    func labels() {
        let xor = BuiltInSet.xor.generate(count: 200, noise: 0, seed: 1)
        for k in 0..<xor.count {
            let positive = xor.inputs[0, k] * xor.inputs[1, k] >= 0
            #expect(xor.targets[0, k] == (positive ? 1 : 0))
            #expect(abs(xor.inputs[0, k]) >= 0.3 && abs(xor.inputs[1, k]) >= 0.3)
        }
        let circle = BuiltInSet.circle.generate(count: 200, noise: 0, seed: 1)
        for k in 0..<circle.count {
            let r = (circle.inputs[0, k] * circle.inputs[0, k] + circle.inputs[1, k] * circle.inputs[1, k]).squareRoot()
            #expect((r < 2.5) == (circle.targets[0, k] == 1))
        }
        let gauss = BuiltInSet.gauss.generate(count: 200, noise: 0, seed: 1)
        let positiveMean = (0..<100).map { gauss.inputs[0, $0] }.reduce(0, +) / 100
        #expect(abs(positiveMean - 2) < 0.3)
        let spiral = BuiltInSet.spiral.generate(count: 200, noise: 0, seed: 1)
        #expect(spiral.inputs.column(0) == [0, 0])
        #expect((0..<200).filter { spiral.targets[0, $0] == 1 }.count == 100)
    }

    @Test("NOT is the seed's two examples")
    func not() {
        let not = BuiltInSet.not.generate(count: 2, noise: 0, seed: 1)
        #expect(not == Dataset(inputs: [[1], [0]], targets: [[0], [1]]))
    }
}
