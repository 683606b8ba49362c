/// One training example, for drawing the backward pass: edges coloured by ∂C_k/∂w and
/// neurons annotated with δ.
///
/// - Parameters:
///   - number: the example's 1-based position in the spec's data (shown in the subtitle).
///   - count: how many examples the data has (shown as "example 2 of 100").
///   - input: x, one value per input neuron.
///   - target: y, one value per output neuron.
///
/// ```swift
/// let example = DiagramExample(number: 1, count: 1, input: [0.3, 0.4, 0.1], target: [0.9, 0.6])
/// var diagram = NetworkDiagram(network: network, title: "vector-layer.yaml")
/// diagram.coloring = .gradients(example)
/// ```
public struct DiagramExample: Hashable, Sendable {
    public var number: Int
    public var count: Int
    public var input: [Double]
    public var target: [Double]
    /// The data's own input, when the network sees features of it (`input`): what the
    /// subtitle calls x.
    public var rawInput: [Double]?

    public init(number: Int, count: Int, input: [Double], target: [Double], rawInput: [Double]? = nil) {
        self.number = number
        self.count = count
        self.input = input
        self.target = target
        self.rawInput = rawInput
    }
}
