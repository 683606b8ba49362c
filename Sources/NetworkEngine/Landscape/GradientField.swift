/// −∇C over a grid of two parameters: where gradient descent would step from each point,
/// every other parameter held at its value, computed by backpropagation.
///
/// ```swift
/// let field = GradientField(network: net, data: data, x: w, y: b, xRange: -3...3, yRange: -3...3, count: 15)
/// field.arrows.count   // 225
/// ```
public struct GradientField: Sendable {
    public struct Arrow: Sendable, Equatable {
        /// The grid point.
        public var x: Double
        public var y: Double
        /// −∂C/∂x and −∂C/∂y there.
        public var dx: Double
        public var dy: Double
    }

    public let arrows: [Arrow]

    /// - Parameter count: arrows per side, placed at the centres of `count` equal cells.
    public init(network: Network, data: Dataset, x: ParameterName, y: ParameterName,
                xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, count: Int) {
        var arrows: [Arrow] = []
        var moved = network
        for row in 0..<count {
            for column in 0..<count {
                let px: Double = xRange.lowerBound + (Double(column) + 0.5) / Double(count) * (xRange.upperBound - xRange.lowerBound)
                let py: Double = yRange.lowerBound + (Double(row) + 0.5) / Double(count) * (yRange.upperBound - yRange.lowerBound)
                moved[x] = px
                moved[y] = py
                let gradients = moved.gradients(data).gradients
                arrows.append(Arrow(x: px, y: py, dx: -gradients[x], dy: -gradients[y]))
            }
        }
        self.arrows = arrows
    }
}
