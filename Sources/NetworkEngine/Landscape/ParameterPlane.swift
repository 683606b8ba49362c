/// A plane through a network's parameters, θ(α, β) = θ + α·δ + β·η: where a cost surface of
/// a network with many parameters lies (two random directions, the direction toward another
/// network, or the principal directions of a training run).
///
/// Every entry of θ(α, β) is (θ + α·δ) + β·η, as written, rounded at each step. The first
/// layer's weighted sums are affine in (α, β):
///
///     z¹(α, β) = (W + αδ_W + βη_W) x + (b + αδ_b + βη_b) = z¹₀ + α·u + β·v,
///     z¹₀ = W x + b,  u = δ_W x + δ_b,  v = η_W x + η_b,
///
/// so a grid computes z¹₀, u and v once (`FirstLayerTerms`) and each point's z¹ as
/// (z¹₀ + α·u) + β·v: two fused multiply-adds per neuron and example instead of a row of W
/// times x. The other layers use θ(α, β)'s weights and biases. At (0, 0) this
/// is the network itself, bit for bit; elsewhere it is the cost at θ(α, β) up to the
/// rounding of the rearranged sums (numpy's full forward pass agrees to 1e-12 in the tests).
///
/// ```swift
/// let plane = ParameterPlane(origin: network, x: delta, y: eta)
/// plane.cost(alpha: 0.5, beta: -0.25, on: data)   // what the grid has at that point
/// ```
public struct ParameterPlane: Sendable {
    /// θ, at (0, 0).
    public let origin: Network
    /// δ, along α.
    public let x: ParameterVector
    /// η, along β.
    public let y: ParameterVector

    public init(origin: Network, x: ParameterVector, y: ParameterVector) {
        precondition(x.shape == origin.shape && y.shape == origin.shape, "ParameterPlane: directions shaped \(x.shape), \(y.shape) for a network \(origin.shape)")
        self.origin = origin
        self.x = x
        self.y = y
    }

    /// θ(α, β): every weight and bias (θ + α·δ) + β·η.
    public func network(alpha: Double, beta: Double) -> Network {
        var network = origin
        for l in network.layers.indices {
            network.layers[l] = Self.layer(origin.layers[l], x: (x.W[l], x.b[l]), y: (y.W[l], y.b[l]), alpha: alpha, beta: beta)
        }
        return network
    }

    /// A layer of θ(α, β).
    static func layer(_ layer: Dense, x: (W: Matrix, b: [Double]), y: (W: Matrix, b: [Double]),
                      alpha: Double, beta: Double) -> Dense {
        var moved = layer
        for e in moved.W.values.indices {
            moved.W.values[e] = layer.W.values[e] + alpha * x.W.values[e] + beta * y.W.values[e]
        }
        for i in moved.b.indices { moved.b[i] = layer.b[i] + alpha * x.b[i] + beta * y.b[i] }
        return moved
    }

    /// The first layer's z¹₀ = W x + b, u = δ_W x + δ_b and v = η_W x + η_b for every example,
    /// each as `Dense.forward` sums (fused multiply-adds in order of the inputs, then the bias).
    public struct FirstLayerTerms: Sendable {
        /// `neurons × examples`, one column per example, as `Dense.forward`'s z.
        public let z0: Matrix
        public let u: Matrix
        public let v: Matrix
    }

    /// z¹₀, u and v over `data`'s examples: the reference, in `Dense.forward`.
    public func firstLayerTerms(_ data: Dataset) -> FirstLayerTerms {
        let first = origin.layers[0]
        func sums(_ W: Matrix, _ b: [Double]) -> Matrix {
            Dense(W: W, b: b, activation: .identity).forward(data.inputs).z
        }
        return FirstLayerTerms(z0: sums(first.W, first.b), u: sums(x.W[0], x.b[0]), v: sums(y.W[0], y.b[0]))
    }

    /// C at (α, β) as the grid computes it: z¹ = (z¹₀ + α·u) + β·v in two fused
    /// multiply-adds (exact at (0, 0): z¹₀ + 0·u is z¹₀), the first layer's
    /// activation, then θ(α, β)'s later layers (`Dense.forward`) and `Network.cost`.
    ///
    /// The reference that `PlaneLanes`, the grid's kernel, reproduces bit for bit.
    public func cost(alpha: Double, beta: Double, on data: Dataset, terms: FirstLayerTerms? = nil) -> Double {
        let terms = terms ?? firstLayerTerms(data)
        let moved = network(alpha: alpha, beta: beta)
        var z = terms.z0
        for e in z.values.indices {
            z.values[e] = terms.z0.values[e].addingProduct(alpha, terms.u.values[e]).addingProduct(beta, terms.v.values[e])
        }
        let activation = moved.layers[0].activation
        let a = Matrix(rows: z.rows, columns: z.columns, values: z.values.map(activation.value))
        var pass = ForwardPass(z: [z], a: [data.inputs, a])
        for layer in moved.layers.dropFirst() {
            let (zl, al) = layer.forward(pass.output)
            pass.z.append(zl)
            pass.a.append(al)
        }
        return moved.cost(pass, targets: data.targets)
    }

    /// C at each of `points` (α, β), as the grid computes it (with `cost(alpha:beta:on:)`'s
    /// bits), eight at a time: a projected path's points on the plane, or a profile's line.
    public func costs(at points: [(alpha: Double, beta: Double)], on data: Dataset) -> [Double] {
        guard !points.isEmpty else { return [] }
        let lanes = PlaneLanes(PlaneEvaluator(plane: self, data: data))
        let width = PlaneLanes.Lanes.scalarCount
        var result: [Double] = []
        result.reserveCapacity(points.count)
        for start in stride(from: 0, to: points.count, by: width) {
            var alpha = PlaneLanes.Lanes(), beta = PlaneLanes.Lanes()
            for lane in 0..<width {
                let point = points[min(start + lane, points.count - 1)]
                alpha[lane] = point.alpha
                beta[lane] = point.beta
            }
            let c = lanes.costs(alpha: alpha, beta: beta)
            for lane in 0..<min(width, points.count - start) { result.append(c[lane]) }
        }
        return result
    }
}

/// What a cost surface's axis is: one named parameter (its value), or a direction of a
/// `ParameterPlane` (its coefficient).
public enum SurfaceAxis: Hashable, Sendable, CustomStringConvertible {
    case parameter(ParameterName)
    case direction(PlaneAxis)

    /// The named parameter, for a parameter's axis.
    public var parameter: ParameterName? {
        if case .parameter(let name) = self { return name }
        return nil
    }

    /// The name a CSV's header gives it: `W2[1,3]`, `alpha`, `pc1`.
    public func name(in network: Network) -> String {
        switch self {
        case .parameter(let p): return p.name(in: network)
        case .direction(let d): return d.name
        }
    }

    /// Its symbol as a TeX-like label: `w^{(2)}_{13}`, `\alpha`.
    public func tex(in network: Network) -> String {
        switch self {
        case .parameter(let p): return p.tex(in: network)
        case .direction(let d): return d.symbol
        }
    }

    public var description: String {
        switch self {
        case .parameter(let p): return p.description
        case .direction(let d): return d.name
        }
    }
}

/// One direction of a plane as an axis: its name, symbol and what it is.
///
/// ```swift
/// PlaneAxis(name: "alpha", symbol: "\\alpha", title: "$\\alpha$ along $\\delta$ (random)")
/// ```
public struct PlaneAxis: Hashable, Sendable {
    /// The CSV header's name: `alpha`, `beta`, `pc1`, `pc2`.
    public let name: String
    /// The coefficient's symbol, TeX-like: `\alpha`.
    public let symbol: String
    /// The axis title, `$…$` math: `$\alpha$ along $\delta$ (random)`, `PC1, 87 % of the variance`.
    public let title: String

    public init(name: String, symbol: String, title: String) {
        self.name = name
        self.symbol = symbol
        self.title = title
    }
}

/// The cost along the line between two networks' parameters, θ(α) = (1 − α)θ₁ + αθ₂
/// (Goodfellow, Vinyals & Saxe 2015), on the training examples and, when given, the test
/// examples.
///
/// The line is the plane θ₁ + α·(θ₂ − θ₁) + β·0 (the same θ(α), written as the grid
/// evaluates it), evaluated at β = 0 by `CostSurface`'s grid: each value has the bits of
/// `ParameterPlane.cost` there.
///
/// ```swift
/// let profile = CostProfile(from: start, to: trained, data: data, test: nil, range: -0.5...1.5, points: 201)
/// profile.costs[50]   // C at α = 0: the start's cost
/// ```
public struct CostProfile: Sendable {
    public let alphas: [Double]
    public let costs: [Double]
    /// The test examples' cost at the same α, when there are test examples.
    public let testCosts: [Double]?
    /// C at α = 0 (θ₁) and α = 1 (θ₂), those of the two the range holds (the bits the grid
    /// has there when they are grid points), and the test cost there.
    public let ends: [(alpha: Double, cost: Double, testCost: Double?)]
    /// The line as a plane: origin θ₁, x θ₂ − θ₁, y zero.
    public let line: ParameterPlane

    public init(from start: Network, to end: Network, data: Dataset, test: Dataset?, range: ClosedRange<Double>, points: Int,
                threads: Int? = nil) {
        precondition(start.shape == end.shape, "CostProfile: networks shaped \(start.shape) and \(end.shape)")
        let line = ParameterPlane(origin: start, x: ParameterVector(end) - ParameterVector(start), y: .zeros(like: start))
        func along(_ examples: Dataset) -> [Double] {
            CostSurface.values(rows: 0..<1, plane: line, data: examples, xRange: range, yRange: 0...0,
                               resolution: (x: points, y: 1), threads: threads)
        }
        self.line = line
        alphas = (0..<points).map { CostSurface.coordinate($0, points, range) }
        costs = along(data)
        testCosts = test.map(along)
        let held = [0.0, 1.0].filter(range.contains)
        let points = held.map { (alpha: $0, beta: 0.0) }
        let endCosts = line.costs(at: points, on: data), endTests = test.map { line.costs(at: points, on: $0) }
        ends = held.indices.map { (alpha: held[$0], cost: endCosts[$0], testCost: endTests?[$0]) }
    }
}
