import NetworkEngine

/// Resolves a parameter named on the command line against a network, or explains why not.
enum ParameterChoice {
    /// - Parameters:
    ///   - text: the name as typed (`W2[1,1]`), or nil for `fallback`.
    ///   - option: the option's name, for messages (`--x`).
    static func resolve(_ text: String?, option: String, fallback: ParameterName, in network: Network) throws -> ParameterName {
        guard let text else { return fallback }
        do {
            return try ParameterName(parsing: text).resolved(in: network)
        } catch let error as ParameterNameError {
            throw FailureReport.usage("\(option): \(error.description)")
        }
    }

    /// The last layer's first weight and first bias: the default pair for surfaces and animations.
    static func defaults(for network: Network) -> (x: ParameterName, y: ParameterName) {
        let last = network.depth
        return (.weight(layer: last, row: 1, column: 1), .bias(layer: last, index: 1))
    }
}
