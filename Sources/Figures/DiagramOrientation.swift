/// Which way the layers run: input at the left (`horizontal`) or at the top (`vertical`).
///
/// ```swift
/// var diagram = NetworkDiagram(network: network, title: "heart.yaml")
/// diagram.orientation = .vertical
/// ```
public enum DiagramOrientation: String, CaseIterable, Sendable {
    case horizontal
    case vertical
}
