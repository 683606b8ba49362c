import Drawing

/// Font sizes, line widths and gaps for a chart, grown with its size so a 2400×1600 figure
/// reads like a 800×600 one.
///
/// Everything derives from `em`, the tick-label size: `min(width, 1.4 × height) / 62`,
/// clamped to 10…40 units.
///
/// ```swift
/// let sizing = ChartSizing(for: canvas.bounds)
/// canvas.draw("0.5", font: sizing.tickFont, color: theme.foreground, at: p)
/// ```
public struct ChartSizing: Hashable, Sendable {
    public var em: Double

    public init(for rect: Rect) {
        let reference: Double = min(rect.width, rect.height * 1.4)
        em = min(max(reference / 62, 10), 40)
    }

    public init(em: Double) {
        self.em = em
    }

    public var tickFont: Font { .sans(size: em) }
    public var axisTitleFont: Font { .sans(size: em * 1.1) }
    public var titleFont: Font { .sans(size: em * 1.45, weight: .bold) }
    public var subtitleFont: Font { .sans(size: em * 1.0) }
    public var legendFont: Font { .sans(size: em * 0.95) }
    public var noteFont: Font { .sans(size: em * 0.95) }
    public var contourLabelFont: Font { .sans(size: em * 0.8) }

    public var lineWidth: Double { max(1.25, em * 0.12) }
    public var axisWidth: Double { max(1, em * 0.07) }
    public var gridWidth: Double { max(0.75, em * 0.05) }
    public var tickLength: Double { em * 0.45 }
    public var minorTickLength: Double { em * 0.25 }
    public var markerSize: Double { em * 0.55 }
    /// Space around the whole chart.
    public var padding: Double { em * 0.9 }
    /// Space between a label and what it labels.
    public var gap: Double { em * 0.4 }
}
