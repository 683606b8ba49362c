import Foundation
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

/// The regression sets: the Playground's `plane` and `gaussians`, and netfig's `sine`.
struct RegressionSetTests {
    /// The label the Playground's `regressGaussian` gives, written apart from netfig's: the
    /// nearest of the six centres decides (their bumps of radius 2 do not overlap).
    static func gaussiansLabel(_ x: Double, _ y: Double) -> Double {
        let centres: [(Double, Double, Double)] = [(-4, 2.5, 1), (0, 2.5, -1), (4, 2.5, 1), (-4, -2.5, -1), (0, -2.5, 1), (4, -2.5, -1)]
        let nearest = centres.min { hypot(x - $0.0, y - $0.1) < hypot(x - $1.0, y - $1.1) }!
        let d = hypot(x - nearest.0, y - nearest.1)
        return d < 2 ? nearest.2 * (1 - d / 2) : 0
    }

    @Test("plane: inputs uniform over [−6, 6)², target (x1 + x2)/10, noise moves the point by at most 6·noise")
    func plane() {
        let set = BuiltInSet.plane.generate(count: 4000, noise: 0, seed: 7)
        let x1 = set.inputs.values[0..<4000], x2 = set.inputs.values[4000..<8000]
        #expect(set.inputs.values.allSatisfy { $0 >= -6 && $0 < 6 })
        for k in 0..<set.count { #expect(abs(set.targets[0, k] - (set.inputs[0, k] + set.inputs[1, k]) / 10) <= 1e-15) }
        // Uniform on [−6, 6): mean 0, variance 12; 4000 draws put the mean within 0.2 (3.5 σ).
        let mean1 = x1.reduce(0, +) / 4000, mean2 = x2.reduce(0, +) / 4000
        #expect(abs(mean1) < 0.2 && abs(mean2) < 0.2)
        let variance1 = x1.map { ($0 - mean1) * ($0 - mean1) }.reduce(0, +) / 3999
        #expect(abs(variance1 - 12) < 0.8)
        let noisy = BuiltInSet.plane.generate(count: 4000, noise: 0.2, seed: 7)
        #expect(noisy.inputs == set.inputs, "the noise moves where the label is taken, not the point")
        let shifts = (0..<noisy.count).map { noisy.targets[0, $0] - set.targets[0, $0] }
        #expect(shifts.allSatisfy { abs($0) <= 2 * 6 * 0.2 / 10 + 1e-12 })
        #expect(shifts.map(abs).max()! > 0.15)
    }

    @Test("gaussians: each target the signed bump of the nearest of six centres")
    func gaussians() {
        let set = BuiltInSet.gaussians.generate(count: 3000, noise: 0, seed: 2)
        for k in 0..<set.count {
            let expected = Self.gaussiansLabel(set.inputs[0, k], set.inputs[1, k])
            #expect(abs(set.targets[0, k] - expected) <= 1e-15, "example \(k)")
        }
        // The six discs of radius 2 cover 6·π·4/144 ≈ 52 % of the square; about half of them positive.
        let inside = (0..<set.count).filter { set.targets[0, $0] != 0 }
        #expect(abs(Double(inside.count) / 3000 - 6 * Double.pi * 4 / 144) < 0.04)
        let positive = inside.filter { set.targets[0, $0] > 0 }.count
        #expect(abs(Double(positive) / Double(inside.count) - 0.5) < 0.05)
        let noisy = BuiltInSet.gaussians.generate(count: 3000, noise: 0.3, seed: 2)
        #expect(noisy.inputs == set.inputs)
        #expect(noisy.targets != set.targets)
        #expect(noisy.targets.values.allSatisfy { $0 >= -1 && $0 <= 1 })
    }

    @Test("sine: x uniform over [−π, π), target sin x, noise a normal of that σ on the targets alone")
    func sine() {
        let clean = BuiltInSet.sine.generate(count: 3000, noise: 0, seed: 4)
        #expect(clean.inputs.values.allSatisfy { $0 >= -Double.pi && $0 < Double.pi })
        for k in 0..<clean.count { #expect(clean.targets[0, k] == sin(clean.inputs[0, k])) }
        let mean = clean.inputs.values.reduce(0, +) / 3000
        #expect(abs(mean) < 0.2)
        let noisy = BuiltInSet.sine.generate(count: 3000, noise: 0.1, seed: 4)
        #expect(noisy.inputs == clean.inputs)
        let residuals = (0..<3000).map { noisy.targets[0, $0] - clean.targets[0, $0] }
        let rmean = residuals.reduce(0, +) / 3000
        let sd = (residuals.map { ($0 - rmean) * ($0 - rmean) }.reduce(0, +) / 2999).squareRoot()
        #expect(abs(rmean) < 0.01 && abs(sd - 0.1) < 0.006)
    }

    @Test("regression sets say so, classification sets do not")
    func kinds() {
        #expect(BuiltInSet.allCases.filter(\.isRegression) == [.heart, .plane, .gaussians, .sine])
    }
}
