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

    /// The two parameters of a surface or an animation: as named, or the defaults; never the same one twice.
    static func pair(x: String?, y: String?, in network: Network) throws -> (x: ParameterName, y: ParameterName) {
        let defaults = Self.defaults(for: network)
        let xName = try resolve(x, option: "--x", fallback: defaults.x, in: network)
        let yName = try resolve(y, option: "--y", fallback: defaults.y, in: network)
        guard xName != yName else {
            throw FailureReport.usage("--x and --y both name \(xName.name(in: network)); expected two different parameters")
        }
        return (xName, yName)
    }

    /// The last layer's first weight and first bias: the default pair for surfaces and animations.
    static func defaults(for network: Network) -> (x: ParameterName, y: ParameterName) {
        let last = network.depth
        return (.weight(layer: last, row: 1, column: 1), .bias(layer: last, index: 1))
    }
}
