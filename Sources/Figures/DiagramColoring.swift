/// What the edges' colour and width stand for.
///
/// - `weights`: w^{(l)}_{ij}, the forward view.
/// - `gradients(example)`: ∂C_k/∂w^{(l)}_{ij} = δ^{(l)}_i a^{(l−1)}_j for that one example,
///   the backward view; neurons are annotated with δ^{(l)}_i = ∂C_k/∂z^{(l)}_i.
/// - `architecture`: nothing; every edge alike, no colour bar or width legend (a network
///   whose weights are not given, or drawn for its shape alone).
///
/// ```swift
/// diagram.coloring = .gradients(DiagramExample(number: 1, count: 2, input: [1], target: [0]))
/// ```
public enum DiagramColoring: Hashable, Sendable {
    case weights
    case gradients(DiagramExample)
    case architecture
}
