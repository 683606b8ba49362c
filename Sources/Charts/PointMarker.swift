import Drawing

/// A labelled point drawn over a chart, e.g. the minimum of a cost surface.
///
/// ```swift
/// let minimum = PointMarker(x: 1.2, y: -0.4, label: "minimum", shape: .cross)
/// ```
public struct PointMarker: Sendable {
    public var x: Double
    public var y: Double
    public var label: Label
    public var shape: MarkerShape
    public var color: Color?
    /// Put the label left of the point (it goes right unless that runs off the plot), e.g.
    /// so two markers close together keep their labels apart.
    public var labelOnLeft: Bool
    /// The ring around the marker (nil: the usual thin black one), e.g. for test examples.
    public var outline: Color?
    /// The ring's width as a share of the marker's size (nil: the usual).
    public var outlineWidth: Double?

    public init(x: Double, y: Double, label: Label = "", shape: MarkerShape = .circle, color: Color? = nil,
                labelOnLeft: Bool = false, outline: Color? = nil, outlineWidth: Double? = nil) {
        self.x = x
        self.y = y
        self.label = label
        self.shape = shape
        self.color = color
        self.labelOnLeft = labelOnLeft
        self.outline = outline
        self.outlineWidth = outlineWidth
    }
}
