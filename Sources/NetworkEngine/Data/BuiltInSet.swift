import Foundation

/// The built-in data sets.
///
/// - `not`: the seed's NOT examples, x = 1 → 0 and x = 0 → 1.
/// - `heart`: the course's assignment: x_k = k/N for k = 0 … N−1, target the point at
///   t = 2πx of the heart curve Y0 = 16 sin³t, Y1 = 13 cos t − 5 cos 2t − 2 cos 3t − cos 4t,
///   scaled as y = 0.5 + Y/40.
/// - `xor`, `circle`, `spiral`, `gauss`: TensorFlow Playground's 2-D classification sets,
///   drawn the same way (its `dataset.ts`), seeded with our own generator. Class +1 has
///   target 1 and class −1 target 0, which suits a sigmoid output; noise is the Playground's
///   fraction (0 … 0.5 on its slider).
/// - `plane`, `gaussians`: the Playground's 2-D regression sets (`regressPlane`,
///   `regressGaussian`), drawn the same way: x1, x2 uniform in [−6, 6); the target is the
///   Playground's label itself, in −1 … 1 (suits a tanh or identity output): (x1 + x2)/10 for
///   the plane; for the gaussians ±max(0, 1 − d/2) by the distance d to the nearest of six
///   centres (±4 or 0, ±2.5), whose signs alternate. Noise moves the point the label is
///   taken at by up to ±6·noise in each coordinate (the Playground's fraction, 0 … 0.5).
/// - `sine`: a 1-D regression set of netfig's own: x uniform in [−π, π), target sin x,
///   plus noise·N(0, 1) where noise > 0 (the inputs are drawn first, so a set's inputs do
///   not depend on its noise).
///
/// ```swift
/// let heart = BuiltInSet.heart.generate(count: 100, noise: 0, seed: 1)
/// heart.targets.column(25)   // [0.9, 0.6]
/// ```
public enum BuiltInSet: String, CaseIterable, Sendable, Codable {
    case not
    case heart
    case xor
    case circle
    case spiral
    case gauss
    case plane
    case gaussians
    case sine

    /// Input neurons the set feeds.
    public var inputWidth: Int {
        switch self {
        case .not, .heart, .sine: return 1
        case .xor, .circle, .spiral, .gauss, .plane, .gaussians: return 2
        }
    }

    /// Output neurons the set's targets need.
    public var targetWidth: Int {
        switch self {
        case .not: return 1
        case .heart: return 2
        case .xor, .circle, .spiral, .gauss, .plane, .gaussians, .sine: return 1
        }
    }

    /// Whether the targets are continuous values (a regression set) rather than classes 0 and 1.
    public var isRegression: Bool {
        switch self {
        case .heart, .plane, .gaussians, .sine: return true
        case .not, .xor, .circle, .spiral, .gauss: return false
        }
    }

    /// Examples when the spec gives no `count`.
    public var defaultCount: Int {
        switch self {
        case .not: return 2
        case .heart, .sine: return 100
        case .xor, .circle, .spiral, .gauss, .plane, .gaussians: return 200
        }
    }

    /// Whether `count` and `noise` mean anything for this set (NOT is two fixed examples).
    public var isGenerated: Bool { self != .not }

    /// Generates the examples.
    public func generate(count: Int, noise: Double, seed: UInt64) -> Dataset {
        var rng = Xoshiro256StarStar(seed: seed)
        switch self {
        case .not:
            return Dataset(inputs: [[1], [0]], targets: [[0], [1]])
        case .heart:
            return Self.heart(count: count, noise: noise, rng: &rng)
        case .xor:
            return Self.classes(count: count) { _ in
                var x = rng.nextUniform(-5, 5)
                var y = rng.nextUniform(-5, 5)
                let padding = 0.3
                x += x > 0 ? padding : -padding
                y += y > 0 ? padding : -padding
                let noiseX: Double = rng.nextUniform(-5, 5) * noise
                let noiseY: Double = rng.nextUniform(-5, 5) * noise
                return (x, y, (x + noiseX) * (y + noiseY) >= 0)
            }
        case .circle:
            let radius = 5.0
            return Self.classes(count: count) { i in
                let inside = i < count / 2
                let r = inside ? rng.nextUniform(0, radius * 0.5) : rng.nextUniform(radius * 0.7, radius)
                let angle = rng.nextUniform(0, 2 * Double.pi)
                let x: Double = r * sin(angle)
                let y: Double = r * cos(angle)
                let noiseX: Double = rng.nextUniform(-radius, radius) * noise
                let noiseY: Double = rng.nextUniform(-radius, radius) * noise
                let distance: Double = ((x + noiseX) * (x + noiseX) + (y + noiseY) * (y + noiseY)).squareRoot()
                return (x, y, distance < radius * 0.5)
            }
        case .spiral:
            let half = count / 2
            return Self.classes(count: count) { i in
                let positive = i < half
                let j = positive ? i : i - half
                let n = Double(positive ? half : count - half)
                let r: Double = Double(j) / n * 5
                let t: Double = 1.75 * Double(j) / n * 2 * Double.pi + (positive ? 0 : Double.pi)
                let x: Double = r * sin(t) + rng.nextUniform(-1, 1) * noise
                let y: Double = r * cos(t) + rng.nextUniform(-1, 1) * noise
                return (x, y, positive)
            }
        case .gauss:
            // The Playground maps noise 0 … 0.5 linearly to a variance of 0.5 … 4.
            let variance: Double = 0.5 + noise / 0.5 * 3.5
            let sd = variance.squareRoot()
            return Self.classes(count: count) { i in
                let positive = i < count / 2
                let centre = positive ? 2.0 : -2.0
                let x: Double = centre + sd * rng.nextNormal()
                let y: Double = centre + sd * rng.nextNormal()
                return (x, y, positive)
            }
        case .plane:
            return Self.regression(count: count, noise: noise, rng: &rng) { x, y in (x + y) / 10 }
        case .gaussians:
            return Self.regression(count: count, noise: noise, rng: &rng, Self.gaussiansLabel)
        case .sine:
            let xs = (0..<count).map { _ in rng.nextUniform(-Double.pi, Double.pi) }
            let targets = xs.map { x -> [Double] in [noise > 0 ? sin(x) + noise * rng.nextNormal() : sin(x)] }
            return Dataset(inputs: xs.map { [$0] }, targets: targets)
        }
    }

    /// The Playground's six Gaussians: centre (x, y) and the label's sign.
    public static let gaussianCentres: [(x: Double, y: Double, sign: Double)] = [
        (-4, 2.5, 1), (0, 2.5, -1), (4, 2.5, 1), (-4, -2.5, -1), (0, -2.5, 1), (4, -2.5, -1),
    ]

    /// The `gaussians` label at (x, y): of the six centres' signed bumps max(0, 1 − d/2),
    /// the one largest in size (the first of equals), 0 away from all of them.
    static func gaussiansLabel(_ x: Double, _ y: Double) -> Double {
        var label = 0.0
        for centre in gaussianCentres {
            let dx: Double = x - centre.x, dy: Double = y - centre.y
            let distance: Double = (dx * dx + dy * dy).squareRoot()
            let bump: Double = min(max(1 - distance / 2, 0), 1)
            let signed: Double = centre.sign * bump
            if abs(signed) > abs(label) { label = signed }
        }
        return label
    }

    /// A 2-D regression set as the Playground draws one: per example x, y uniform in
    /// [−6, 6), then the noise's two draws, and the label at the moved point.
    private static func regression(count: Int, noise: Double, rng: inout Xoshiro256StarStar,
                                   _ label: (Double, Double) -> Double) -> Dataset {
        let radius = 6.0
        var inputs: [[Double]] = []
        var targets: [[Double]] = []
        for _ in 0..<count {
            let x = rng.nextUniform(-radius, radius)
            let y = rng.nextUniform(-radius, radius)
            let noiseX: Double = rng.nextUniform(-radius, radius) * noise
            let noiseY: Double = rng.nextUniform(-radius, radius) * noise
            inputs.append([x, y])
            targets.append([label(x + noiseX, y + noiseY)])
        }
        return Dataset(inputs: inputs, targets: targets)
    }

    private static func heart(count: Int, noise: Double, rng: inout Xoshiro256StarStar) -> Dataset {
        var inputs: [[Double]] = []
        var targets: [[Double]] = []
        for k in 0..<count {
            let x = Double(k) / Double(count)
            let t = 2 * Double.pi * x
            let s = sin(t)
            let y0: Double = 16 * s * s * s
            let y1: Double = 13 * cos(t) - 5 * cos(2 * t) - 2 * cos(3 * t) - cos(4 * t)
            var target = [0.5 + y0 / 40, 0.5 + y1 / 40]
            if noise > 0 {
                target[0] += noise * rng.nextNormal()
                target[1] += noise * rng.nextNormal()
            }
            inputs.append([x])
            targets.append(target)
        }
        return Dataset(inputs: inputs, targets: targets)
    }

    /// Builds a two-class 2-D set from a point generator called with the example's index.
    private static func classes(count: Int, _ point: (Int) -> (Double, Double, Bool)) -> Dataset {
        var inputs: [[Double]] = []
        var targets: [[Double]] = []
        for i in 0..<count {
            let (x, y, positive) = point(i)
            inputs.append([x, y])
            targets.append([positive ? 1 : 0])
        }
        return Dataset(inputs: inputs, targets: targets)
    }
}
