/// The seed's notation as TeX for `Label.math`: layers in parenthesised superscripts,
/// 1-based neuron indices in subscripts, and no subscript where a layer has one neuron (the
/// seed's first picture writes a^{(1)}, w^{(1)}, b^{(1)}).
///
/// Indices of two digits or more are separated by a comma (w^{(1)}_{12,3}) so they stay
/// unambiguous.
///
/// ```swift
/// DiagramNotation.weight(layer: 1, row: 1, column: 2, single: false)  // "w^{(1)}_{12}"
/// DiagramNotation.neuron("a", layer: 0, index: 1, single: true)         // "a^{(0)}"
/// ```
enum DiagramNotation {
    /// a^{(l)}_i, δ^{(l)}_i, b^{(l)}_i: `symbol` is TeX such as `a` or `\delta`.
    static func neuron(_ symbol: String, layer: Int, index: Int, single: Bool) -> String {
        single ? "\(symbol)^{(\(layer))}" : "\(symbol)^{(\(layer))}_{\(index)}"
    }

    /// w^{(l)}_{ij}, from neuron j of layer l − 1 to neuron i of layer l (both 1-based).
    static func weight(layer: Int, row: Int, column: Int, single: Bool) -> String {
        if single { return "w^{(\(layer))}" }
        let separator = (row >= 10 || column >= 10) ? "," : ""
        return "w^{(\(layer))}_{\(row)\(separator)\(column)}"
    }
}
