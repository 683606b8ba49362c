import Testing
@testable import NetworkEngine

/// Cost surfaces over a plane θ + αδ + βη: the grid's kernel against the plane's reference in
/// plain loops (bit for bit), the reference against `Network.cost` at θ(α, β) (to rounding), the
/// spec itself at (0, 0) bit for bit, and the directions' draws and normalisations.
/// (`PlaneOracleTests` checks the grids against numpy's full forward passes.)
struct ParameterPlaneTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let shape: [Int]
        let activations: [Activation]
        let examples: Int
        let reduction: CostReduction
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "1 → 1 tanh (the NOT neuron's shape), 2 examples", shape: [1, 1], activations: [.tanh], examples: 2, reduction: .mean),
        Case(name: "1 → 6 → 7 → 2 sigmoid/tanh/sigmoid, 37 examples", shape: [1, 6, 7, 2], activations: [.sigmoid, .tanh, .sigmoid], examples: 37, reduction: .mean),
        Case(name: "5 → 9 → 3 relu/identity, 70 examples (two blocks of 32 and a tail)", shape: [5, 9, 3], activations: [.relu, .identity], examples: 70, reduction: .sum),
        Case(name: "3 → 4 → 4 → 4 → 1 tanh/relu/sigmoid/identity, 13 examples", shape: [3, 4, 4, 4, 1], activations: [.tanh, .relu, .sigmoid, .identity], examples: 13, reduction: .mean),
        Case(name: "12 → 5 → 2 sigmoid, 33 examples", shape: [12, 5, 2], activations: [.sigmoid, .sigmoid], examples: 33, reduction: .mean),
    ]

    static func setting(_ c: Case, seed: UInt64 = 7) -> (network: Network, data: Dataset) {
        let network = Network.random(shape: c.shape, activations: c.activations, seed: seed, scale: 0.8, reduction: c.reduction)
        var rng = Xoshiro256StarStar(seed: seed + 100)
        let inputs = (0..<c.examples).map { _ in (0..<c.shape[0]).map { _ in rng.nextUniform(-1.5, 1.5) } }
        let targets = (0..<c.examples).map { _ in (0..<c.shape[c.shape.count - 1]).map { _ in rng.nextUniform(0, 1) } }
        return (network, Dataset(inputs: inputs, targets: targets))
    }

    static let alpha = PlaneAxis(name: "alpha", symbol: "\\alpha", title: "alpha")
    static let beta = PlaneAxis(name: "beta", symbol: "\\beta", title: "beta")

    @Test("every grid value has the bits of the plane's reference, and (0, 0) those of Network.cost", arguments: cases)
    func gridMatchesReference(_ c: Case) {
        let (network, data) = Self.setting(c)
        for biases in RandomDirections.Biases.allCases {
            let (delta, eta) = RandomDirections.pair(for: network, seed: 3, normalization: .filter, biases: biases)
            let plane = ParameterPlane(origin: network, x: delta, y: eta)
            // 11 columns: a full group of eight lanes and a part-filled one; 0 at column 5, row 3.
            let surface = CostSurface(plane: plane, data: data, axes: (Self.alpha, Self.beta), xRange: -1...1, yRange: -0.75...0.75,
                                      resolution: (x: 11, y: 7), threads: 2)
            let terms = plane.firstLayerTerms(data)
            for row in 0..<7 {
                for column in 0..<11 {
                    let expected = plane.cost(alpha: surface.xValue(column), beta: surface.yValue(row), on: data, terms: terms)
                    #expect(surface.value(column: column, row: row).bitPattern == expected.bitPattern, "\(biases) at \(column),\(row)")
                }
            }
            #expect(surface.xValue(5) == 0 && surface.yValue(3) == 0)
            #expect(surface.value(column: 5, row: 3).bitPattern == network.cost(data).bitPattern)
        }
    }

    @Test("the plane's cost is the network's cost at θ(α, β), up to the rearranged first layer's rounding", arguments: cases)
    func referenceMatchesNetwork(_ c: Case) {
        let (network, data) = Self.setting(c)
        let (delta, eta) = RandomDirections.pair(for: network, seed: 5, normalization: .layer, biases: .keep)
        let plane = ParameterPlane(origin: network, x: delta, y: eta)
        for (alpha, beta) in [(0.5, -0.25), (-1.0, 1.0), (0.125, 0.875), (2.0, -3.0)] {
            let expected = plane.network(alpha: alpha, beta: beta).cost(data)
            let value = plane.cost(alpha: alpha, beta: beta, on: data)
            #expect(abs(value - expected) <= 1e-13 * max(1, abs(expected)), "at \(alpha), \(beta): \(value) against \(expected)")
        }
        #expect(plane.network(alpha: 0, beta: 0) == network)
    }

    @Test("the first layer's terms computed for the grid have Dense.forward's bits", arguments: [1, 31, 32, 33, 64, 70, 101])
    func firstLayerTerms(_ examples: Int) {
        let c = Case(name: "", shape: [7, 5, 2], activations: [.relu, .sigmoid], examples: examples, reduction: .mean)
        let (network, data) = Self.setting(c)
        let (delta, eta) = RandomDirections.pair(for: network, seed: 9, normalization: .none, biases: .keep)
        let plane = ParameterPlane(origin: network, x: delta, y: eta)
        let reference = plane.firstLayerTerms(data)
        let interleaved = PlaneEvaluator.firstLayerTerms(plane, inputs: data.inputs)
        for k in 0..<examples {
            for i in 0..<5 {
                let t = (k * 5 + i) * 3
                #expect(interleaved[t].bitPattern == reference.z0[i, k].bitPattern)
                #expect(interleaved[t + 1].bitPattern == reference.u[i, k].bitPattern)
                #expect(interleaved[t + 2].bitPattern == reference.v[i, k].bitPattern)
            }
        }
    }

    @Test("any band of a plane's rows, alone, has the whole grid's bits; one thread or several alike")
    func bands() {
        let (network, data) = Self.setting(Self.cases[1])
        let (delta, eta) = RandomDirections.pair(for: network, seed: 1, normalization: .filter, biases: .zero)
        let plane = ParameterPlane(origin: network, x: delta, y: eta)
        let whole = CostSurface(plane: plane, data: data, axes: (Self.alpha, Self.beta), xRange: -1...1, yRange: -1...1,
                                resolution: (x: 11, y: 13), threads: 1)
        for (band, threads) in [(0..<13, 3), (0..<1, 2), (5..<9, 1), (12..<13, 2), (7..<7, 1)] {
            let part = CostSurface.values(rows: band, plane: plane, data: data, xRange: -1...1, yRange: -1...1,
                                          resolution: (x: 11, y: 13), threads: threads)
            #expect(part.map(\.bitPattern) == whole.values[(band.lowerBound * 11)..<(band.upperBound * 11)].map(\.bitPattern))
        }
    }

    @Test("costs at scattered points have the reference's bits")
    func scatteredPoints() {
        let (network, data) = Self.setting(Self.cases[2])
        let (delta, eta) = RandomDirections.pair(for: network, seed: 2, normalization: .filter, biases: .keep)
        let plane = ParameterPlane(origin: network, x: delta, y: eta)
        let points: [(alpha: Double, beta: Double)] = (0..<19).map { i in
            let alpha: Double = Double(i) * 0.1 - 0.9
            let beta: Double = Double(i * i) * 0.01 - 1
            return (alpha, beta)
        }
        let costs = plane.costs(at: points, on: data)
        #expect(costs.count == 19)
        for (point, cost) in zip(points, costs) {
            #expect(cost.bitPattern == plane.cost(alpha: point.alpha, beta: point.beta, on: data).bitPattern)
        }
    }

    @Test("a profile's line: (1 − α)θ₁ + αθ₂ through the grid's evaluator, θ₁ at α = 0 bit for bit, both ends' costs wherever they fall")
    func profile() {
        let c = Self.cases[1]
        let (start, data) = Self.setting(c, seed: 7)
        let end = Self.setting(c, seed: 8).network
        let (_, test) = Self.setting(c, seed: 9)
        for (range, points) in [(-0.5...1.5, 201), (-1.0...2.0, 201), (0.25...0.75, 5)] {
            let profile = CostProfile(from: start, to: end, data: data, test: test, range: range, points: points, threads: 2)
            #expect(profile.alphas.count == points && profile.costs.count == points && profile.testCosts?.count == points)
            for (i, alpha) in profile.alphas.enumerated() {
                #expect(profile.costs[i].bitPattern == profile.line.cost(alpha: alpha, beta: 0, on: data).bitPattern)
                #expect(profile.testCosts?[i].bitPattern == profile.line.cost(alpha: alpha, beta: 0, on: test).bitPattern)
            }
            #expect(profile.ends.map(\.alpha) == [0.0, 1.0].filter(range.contains))
            for e in profile.ends {
                #expect(e.cost.bitPattern == profile.line.cost(alpha: e.alpha, beta: 0, on: data).bitPattern)
                #expect(e.testCost?.bitPattern == profile.line.cost(alpha: e.alpha, beta: 0, on: test).bitPattern)
                if e.alpha == 0 { #expect(e.cost.bitPattern == start.cost(data).bitPattern) }
                // θ₂'s cost up to the rounding of θ₁ + (θ₂ − θ₁).
                if e.alpha == 1 { #expect(abs(e.cost - end.cost(data)) <= 1e-13 * max(1, end.cost(data))) }
            }
        }
    }

    // MARK: Directions

    @Test("δ is what Network.random draws with the same seed and scale 1; η the draws after it")
    func draws() {
        let shape = [3, 4, 2]
        let network = Network.random(shape: shape, activations: [.tanh, .tanh], seed: 11, scale: 0.3)
        let (delta, eta) = RandomDirections.pair(for: network, seed: 42, normalization: .none, biases: .keep)
        let drawn = Network.random(shape: shape, activations: [.tanh, .tanh], seed: 42, scale: 1)
        #expect(delta == ParameterVector(drawn))
        var rng = Xoshiro256StarStar(seed: 42)
        let all = (0..<(2 * network.parameterCount)).map { _ in rng.nextNormal() }
        // η: W1, W2, then b1, b2, from the 23rd draw on.
        let etaDraws = Array(all[network.parameterCount...])
        #expect(eta.W[0].values + eta.W[1].values + eta.b[0] + eta.b[1] == etaDraws)
        // Zeroed biases change no weight's draw.
        let (zeroDelta, zeroEta) = RandomDirections.pair(for: network, seed: 42, normalization: .none, biases: .zero)
        #expect(zeroDelta.W == delta.W && zeroEta.W == eta.W)
        #expect(zeroDelta.b.allSatisfy { $0.allSatisfy { $0 == 0 } } && zeroEta.b.allSatisfy { $0.allSatisfy { $0 == 0 } })
    }

    @Test("filter normalisation: each neuron's row (with its bias when kept) has the length of θ's row, same direction")
    func filterRows() {
        let network = Network.random(shape: [4, 6, 3], activations: [.relu, .sigmoid], seed: 3, scale: 0.7)
        let theta = ParameterVector(network)
        var rng = Xoshiro256StarStar(seed: 8)
        let raw = RandomDirections.gaussian(like: theta, rng: &rng)
        for biases in RandomDirections.Biases.allCases {
            let d = RandomDirections.normalized(raw, to: theta, .filter, biases: biases)
            for l in 0..<2 {
                for i in 0..<d.W[l].rows {
                    func row(_ v: ParameterVector) -> [Double] {
                        Array(v.W[l].values[(i * v.W[l].columns)..<((i + 1) * v.W[l].columns)]) + (biases == .keep ? [v.b[l][i]] : [])
                    }
                    func length(_ xs: [Double]) -> Double { xs.reduce(0) { $0 + $1 * $1 }.squareRoot() }
                    let target = length(row(theta)), got = length(row(d))
                    #expect(abs(got - target) <= 1e-14 * target, "layer \(l + 1) row \(i + 1) \(biases)")
                    // Parallel to the draw: a positive multiple of it.
                    let ratio = got / length(row(raw))
                    for (x, y) in zip(row(d), row(raw)) { #expect(abs(x - ratio * y) <= 1e-14 * target) }
                }
                if biases == .zero { #expect(d.b[l].allSatisfy { $0 == 0 }) }
            }
        }
    }

    @Test("layer normalisation: each layer's W (and b when kept) has θ's length")
    func layerLengths() {
        let network = Network.random(shape: [2, 5, 5, 1], activations: [.tanh, .tanh, .sigmoid], seed: 6, scale: 1.2)
        let theta = ParameterVector(network)
        for biases in RandomDirections.Biases.allCases {
            let (d, _) = RandomDirections.pair(for: network, seed: 4, normalization: .layer, biases: biases)
            for l in 0..<3 {
                func length(_ v: ParameterVector) -> Double {
                    (v.W[l].values + (biases == .keep ? v.b[l] : [])).reduce(0) { $0 + $1 * $1 }.squareRoot()
                }
                #expect(abs(length(d) - length(theta)) <= 1e-14 * length(theta))
            }
        }
    }

    @Test("a neuron whose weights are all 0 gets no direction under filter normalisation")
    func deadNeuron() {
        var network = Network.random(shape: [3, 2, 1], activations: [.relu, .identity], seed: 1, scale: 1)
        for j in 0..<3 { network.layers[0].W[1, j] = 0 }
        let (d, _) = RandomDirections.pair(for: network, seed: 1, normalization: .filter, biases: .zero)
        #expect(d.W[0].values[3..<6].allSatisfy { $0 == 0 })
        #expect(d.W[0].values[0..<3].allSatisfy { $0 != 0 })
    }

    // MARK: PCA

    @Test("the symmetric eigen-solver: A = V Λ Vᵀ, V orthonormal, values in decreasing order", arguments: [1, 2, 5, 17, 60])
    func eigen(_ m: Int) {
        var rng = Xoshiro256StarStar(seed: UInt64(m))
        let b = (0..<(m * m)).map { _ in rng.nextNormal() }
        var a = [Double](repeating: 0, count: m * m)
        for i in 0..<m { for j in 0..<m { for k in 0..<m { a[i * m + j] += b[i * m + k] * b[j * m + k] } } }
        let (values, vectors) = SymmetricEigen.decompose(a, size: m)
        let scale = values[0]
        #expect(zip(values, values.dropFirst()).allSatisfy { $0 >= $1 })
        for i in 0..<m {
            for j in 0..<m {
                var product = 0.0, rebuilt = 0.0
                for k in 0..<m {
                    product += vectors[i][k] * vectors[j][k]
                    rebuilt += vectors[k][i] * values[k] * vectors[k][j]
                }
                #expect(abs(product - (i == j ? 1 : 0)) <= 1e-13)
                #expect(abs(rebuilt - a[i * m + j]) <= 1e-12 * scale)
            }
        }
    }

    @Test("PCA of a run that turns: unit, orthogonal directions; the run ends at (0, 0) and starts at α ≤ 0, β ≤ 0")
    func pca() throws {
        let (network, data) = Self.setting(Self.cases[1])
        let steps = Array(stride(from: 0, through: 200, by: 10))
        let history = try Trainer(options: TrainingOptions(rate: 2, steps: 200, optimizer: .momentum))
            .train(network, on: data, keeping: Set(steps))
        let trajectory = steps.map { ParameterVector(history.snapshots[$0]!) }
        let pca = try TrajectoryPCA(trajectory: trajectory, final: ParameterVector(history.network))
        let (v1, v2) = pca.directions
        #expect(abs(v1.norm - 1) <= 1e-14 && abs(v2.norm - 1) <= 1e-14)
        #expect(abs(v1.dot(v2)) <= 1e-12)
        #expect(pca.explainedVariance.0 >= pca.explainedVariance.1 && pca.explainedVariance.1 > 0)
        #expect(pca.explainedVariance.0 + pca.explainedVariance.1 <= 1 + 1e-14)
        #expect(pca.coordinates.last! == (0, 0))
        #expect(pca.coordinates[0].0 <= 0 && pca.coordinates[0].1 <= 0)
        // The plane passes through the end: its cost there is the trained network's.
        let plane = pca.plane(for: network)
        #expect(plane.cost(alpha: 0, beta: 0, on: data).bitPattern == history.network.cost(data).bitPattern)
    }

    @Test("a run along a straight line, or one that never moves, has no plane")
    func noPlane() {
        let network = Network.random(shape: [2, 2, 1], activations: [.tanh, .tanh], seed: 1, scale: 1)
        let theta = ParameterVector(network)
        let d = ParameterVector.zeros(like: network).replacing(values: (0..<theta.count).map { Double($0 + 1) })
        let line = (0..<5).map { i in theta.replacing(values: zip(theta.values, d.values).map { $0 + Double(i) * 0.1 * $1 }) }
        #expect(throws: TrajectoryPCA.Failure.self) { try TrajectoryPCA(trajectory: line, final: line[4]) }
        #expect(throws: TrajectoryPCA.Failure.noPlane(firstShare: nil)) {
            try TrajectoryPCA(trajectory: [theta, theta, theta], final: theta)
        }
        #expect(throws: TrajectoryPCA.Failure.tooFewSteps(2)) { try TrajectoryPCA(trajectory: [theta, theta], final: theta) }
    }
}
