import NetworkEngine

/// The numbers a diagram shows, computed by the engine: what each edge, bias and neuron stands
/// for in the chosen view.
///
/// In the backward view the gradients come from `Network.backward` on the one example, so they
/// are the engine's own numbers: for a spec holding only that example they equal what
/// `netfig eval` prints as ∂C/∂W and ∂C/∂b.
///
/// ```swift
/// let numbers = DiagramNumbers(network: network, coloring: .weights, input: [0.3, 0.4, 0.1])
/// numbers.edges[0][1, 2]   // w^{(1)}_{23}
/// numbers.neurons[1]       // a^{(1)} for that input
/// ```
struct DiagramNumbers: Sendable {
    /// edges[l − 1][i, j]: w^{(l)}_{ij}, or ∂C_k/∂w^{(l)}_{ij} in the backward view.
    var edges: [Matrix]
    /// biases[l − 1][i]: b^{(l)}_i, or ∂C_k/∂b^{(l)}_i in the backward view.
    var biases: [[Double]]
    /// neurons[l][i]: a^{(l)}_i for `--input` (l = 0 is the input); in the backward view
    /// x_i for l = 0 and δ^{(l)}_i after. Nil when neurons carry no number.
    var neurons: [[Double]]?
    /// C_k of the example in the backward view.
    var exampleCost: Double?

    init(network: Network, coloring: DiagramColoring, input: [Double]?) {
        switch coloring {
        case .weights, .architecture:
            edges = network.layers.map(\.W)
            biases = network.layers.map(\.b)
            exampleCost = nil
            if let input {
                let pass = network.forward(Matrix(rows: input.count, columns: 1, values: input))
                neurons = pass.a.map { $0.column(0) }
            } else {
                neurons = nil
            }
        case .gradients(let example):
            let x = Matrix(rows: example.input.count, columns: 1, values: example.input)
            let y = Matrix(rows: example.target.count, columns: 1, values: example.target)
            let pass = network.forward(x)
            // One example: the engine's reduction factor is 1 for both mean and sum, so these
            // are ∂C_k/∂w and ∂C_k/∂b exactly as `netfig eval` reports them for that example.
            let gradients = network.backward(pass, targets: y)
            edges = gradients.dW
            biases = gradients.db
            neurons = [example.input] + gradients.delta.map { $0.column(0) }
            exampleCost = network.exampleCosts(pass, targets: y).first
        }
    }

    /// Every edge value, for the colour scale's range.
    var allEdgeValues: [Double] { edges.flatMap(\.values) }

    /// Every value the edge colour scale paints: the edges', and the bias badges' when shown.
    func coloredValues(showsBiases: Bool) -> [Double] {
        showsBiases ? allEdgeValues + biases.flatMap { $0 } : allEdgeValues
    }
}
