/// What a cost surface's grid points share: everything that does not move with the two
/// swept parameters.
///
/// Built once per surface (or per animation frame); `SweepLanes` then evaluates the grid,
/// several points at a time, starting from the first layer that a swept parameter belongs to
/// and recomputing in that layer only the neurons whose weight or bias moves.
struct SweepEvaluator: Sendable {
    /// Which grid axis alone decides the swept neuron's weighted sum Σ_j W_rj a_j.
    ///
    /// When the two parameters are a weight of one neuron and that neuron's bias (the usual
    /// pair), z = Σ_j W_rj a_j + b: the sum moves with the weight only, so every grid point
    /// along the bias's axis can share it. It is the same sum in the same order, so sharing
    /// it changes no bit of any point's cost.
    enum Axis: Sendable { case x, y }

    let network: Network
    let data: Dataset
    let x: ParameterName
    let y: ParameterName
    /// 0-based index of the first layer a swept parameter belongs to.
    let first: Int
    /// Rows (neurons) of that layer whose z moves.
    let movingRows: [Int]
    /// The forward pass at the network's own parameters.
    let base: ForwardPass
    let factor: Double
    /// The weight's axis when x and y are a weight and the bias of one neuron, else nil.
    let weightAxis: Axis?

    init(network: Network, data: Dataset, x: ParameterName, y: ParameterName) {
        self.network = network
        self.data = data
        self.x = x
        self.y = y
        let firstLayer = min(x.layer, y.layer) - 1
        first = firstLayer
        movingRows = Array(Set([x, y].filter { $0.layer - 1 == firstLayer }.map(Self.row))).sorted()
        base = network.forward(data.inputs)
        factor = network.reduction.factor(examples: data.count)
        let sameNeuron = x.layer == y.layer && Self.row(x) == Self.row(y)
        switch (sameNeuron, Self.isBias(x), Self.isBias(y)) {
        case (true, false, true): weightAxis = .x
        case (true, true, false): weightAxis = .y
        default: weightAxis = nil
        }
    }

    /// The 0-based neuron a parameter belongs to in its layer.
    static func row(_ p: ParameterName) -> Int {
        switch p {
        case .weight(_, let row, _): return row - 1
        case .bias(_, let index): return index - 1
        case .single: return 0
        }
    }

    private static func isBias(_ p: ParameterName) -> Bool {
        switch p {
        case .weight: return false
        case .bias: return true
        case .single(let isWeight, _): return !isWeight
        }
    }
}
