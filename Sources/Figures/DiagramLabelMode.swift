/// What the diagram writes on neurons and edges.
///
/// - `symbols`: the seed's notation, a^{(l)}_i on neurons, w^{(l)}_{ij} on edges, b^{(l)}_i
///   on biases (δ^{(l)}_i on neurons in the backward view).
/// - `values`: the numbers behind those symbols, to a chosen number of significant digits.
/// - `none`: no labels, only colour and width.
///
/// ```swift
/// var diagram = NetworkDiagram(network: network, title: "vector-layer.yaml")
/// diagram.labels = .values
/// ```
public enum DiagramLabelMode: String, CaseIterable, Sendable {
    case symbols
    case values
    case none
}
