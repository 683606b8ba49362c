import Drawing

/// How one series looks: colour, dash pattern (in line widths) and marker.
///
/// ```swift
/// let style = Theme.print.seriesStyle(at: 1)  // second colour, dashed, square markers
/// ```
public struct SeriesStyle: Hashable, Sendable {
    public var color: Color
    /// On/off lengths in multiples of the line width; empty for solid.
    public var dash: [Double]
    public var marker: MarkerShape
    /// Whether markers are drawn along the line (print theme) or only where asked.
    public var showsMarkers: Bool
    /// The ring around each marker (nil: the background's, thin), e.g. black for held-out
    /// test examples.
    public var markerOutline: Color?
    /// The ring's width as a share of the marker's size (nil: the usual thin one).
    public var markerOutlineWidth: Double?

    public init(color: Color, dash: [Double] = [], marker: MarkerShape = .circle, showsMarkers: Bool = false,
                markerOutline: Color? = nil, markerOutlineWidth: Double? = nil) {
        self.color = color
        self.dash = dash
        self.marker = marker
        self.showsMarkers = showsMarkers
        self.markerOutline = markerOutline
        self.markerOutlineWidth = markerOutlineWidth
    }
}
