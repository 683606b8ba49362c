import Drawing

/// Font sizes, line widths and gaps for a chart, in proportion to the figure's width, so a
/// figure of any size and any `--scale` projects the same.
///
/// Everything derives from `em`, the tick-label size: a fixed share of the width (set by the
/// `TypeContext`), or of twice the height for figures wider than 2 : 1, which would otherwise
/// have no room for text that large. The smallest text (contour labels, legends, notes) is
/// `0.9 em`; sub- and superscripts are 70 % of their base.
///
/// ```swift
/// let sizing = ChartSizing(for: canvas.bounds)          // talk: em = 16 on a 960-wide figure
/// canvas.draw("0.5", font: sizing.tickFont, color: theme.foreground, at: p)
/// ```
public struct ChartSizing: Hashable, Sendable {
    public var em: Double

    public init(for rect: Rect, context: TypeContext = .talk) {
        em = min(rect.width, rect.height * 2) * context.emPerWidth
    }

    public init(em: Double) {
        self.em = em
    }

    public var tickFont: Font { .sans(size: em) }
    public var axisTitleFont: Font { .sans(size: em * 1.1) }
    public var titleFont: Font { .sans(size: em * 1.4, weight: .bold) }
    public var subtitleFont: Font { .sans(size: em * 0.95) }
    public var legendFont: Font { .sans(size: em * 0.9) }
    public var noteFont: Font { .sans(size: em * 0.9) }
    public var contourLabelFont: Font { .sans(size: em * 0.9) }
    /// The smallest a label may be drawn (edge labels shrunk to fit, contour labels).
    public var smallestText: Double { em * 0.9 }

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

/// Who reads the figure, and so how large its text is against its width (seaborn's and
/// matplotlib's "context"). Sizes below are for a figure shown 960 pt wide (a 16:9 slide).
public enum TypeContext: String, CaseIterable, Sendable {
    /// Tick labels 12 pt, nothing under 10.8 pt: a figure printed half a page wide or more.
    case paper
    /// Tick labels 16 pt, nothing under 14.4 pt (scripts 10 pt): legible from a hall's back rows.
    case talk
    /// Tick labels 21 pt, nothing under 19 pt.
    case poster

    /// The tick labels' size per unit of width.
    public var emPerWidth: Double {
        switch self {
        case .paper: 12.0 / 960
        case .talk: 16.0 / 960
        case .poster: 21.0 / 960
        }
    }
}

/// How a chart sizes its text: for its own rectangle in a context, or with a figure's sizes
/// when it is one cell of a larger figure (an animation frame's panels all share the frame's).
public enum TextSizing: Hashable, Sendable {
    case context(TypeContext)
    case fixed(ChartSizing)

    public static let talk: TextSizing = .context(.talk)

    public func sizing(for rect: Rect) -> ChartSizing {
        switch self {
        case .context(let context): ChartSizing(for: rect, context: context)
        case .fixed(let sizing): sizing
        }
    }
}
