import Charts
import Drawing
import Foundation
import NetworkEngine

/// Where everything of a `NetworkDiagram` goes, decided before anything is drawn: neuron
/// circles, edges with their colours and widths, labels placed clear of each other, captions,
/// legends and notes.
///
/// The layout measures text with the canvas it will be drawn on (so PNG, SVG and PDF agree)
/// and is testable without pixels: every circle and label is a plain value.
///
/// ```swift
/// let layout = diagram.layout(on: canvas, theme: .light)
/// layout.neurons.count           // circles drawn
/// layout.texts.filter { $0.role == .edge }.map(\.value)   // the numbers on the edges
/// ```
struct DiagramLayout {
    /// A neuron's circle.
    struct Neuron {
        /// 0 is the input layer.
        var layer: Int
        /// 0-based index in the layer.
        var index: Int
        var center: Point
        var radius: Double
        var fill: Color
        var outline: Color
        var outlineWidth: Double
        /// Drawn as a square holding the plot of what the neuron computes.
        var showsFunction = false
    }

    /// A weight's line, from neuron `column` of layer − 1 to neuron `row` of `layer`.
    struct Edge {
        /// 1-based weight layer l: the edge stands for w^{(l)}_{row+1, column+1}.
        var layer: Int
        var row: Int
        var column: Int
        var from: Point
        var to: Point
        /// The weight, or ∂C_k/∂w in the backward view.
        var value: Double
        var color: Color
        var width: Double
        var dash: [Double]

        var midpoint: Point { Point(x: (from.x + to.x) / 2, y: (from.y + to.y) / 2) }
    }

    /// A bias badge beside its neuron.
    struct Bias {
        var layer: Int
        var index: Int
        /// The neuron's circle, which the badge sits on.
        var center: Point
        var radius: Double
        var rect: Rect
        var value: Double
        var color: Color
    }

    /// A piece of text and the box its ink fills.
    struct Text {
        enum Role: Hashable, Sendable {
            case title, subtitle, caption, neuron, edge, bias, ellipsis, note
        }

        var label: Label
        var font: Font
        var color: Color
        /// The ink box: the text is drawn with its top-left ink corner at the box's corner.
        var rect: Rect
        var role: Role
        /// The number the text shows, when it shows one (values mode).
        var value: Double?
        /// Whether a patch of background is painted under it (labels over edges).
        var halo: Bool
    }

    var sizing: ChartSizing
    var neurons: [Neuron] = []
    /// The neurons' functions, when they are drawn.
    var functions: NeuronFunctions?
    /// Edges in drawing order: light and thin first, heavy on top.
    var edges: [Edge] = []
    var biases: [Bias] = []
    var texts: [Text] = []
    /// Colour bars and where they go.
    var colorBars: [(bar: ColorBar, layout: ColorBar.Layout)] = []
    var widthLegend: (legend: WidthLegend, layout: WidthLegend.Layout, size: Rect)?
    /// Every drawn edge also gets this faint hairline underneath, so weights near 0 (near the
    /// diverging map's white middle) still show where the connection is.
    var hairline: (color: Color, width: Double)
    var haloColor: Color
    var edgeScale: ColorScale
    var neuronScale: ColorScale?
    /// What could not be shown, said in the figure.
    var notes: [String] = []
    /// The area the network itself occupies.
    var networkRect: Rect

    /// Lays out a diagram from what is measured already: geometry, then the network, its
    /// labels, captions, legends and notes.
    ///
    /// - Parameters:
    ///   - m: the diagram, measured for its canvas and frame (an animation frame's panel,
    ///     or the whole canvas).
    ///   - canvas: measures the texts whose size depends on the geometry.
    ///   - theme: colours.
    ///   - noteLines: lines kept free at the bottom for notes (the diagram lays out again
    ///     when the first pass has something to say).
    init(_ m: Measures, canvas: Canvas, theme: Theme, noteLines: Int = 0) {
        let sizing = m.sizing
        let em = sizing.em
        self.sizing = sizing
        hairline = (theme.secondaryText.withAlpha(0.5), max(0.7, em * 0.06))
        haloColor = theme.background.withAlpha(0.88)
        edgeScale = m.edgeScale
        neuronScale = m.neuronScale

        let bottom: Double = DiagramLayout.bottom(of: m.area, noteLines: noteLines, sizing: sizing)
        let geometry = Geometry(m, bottom: bottom)
        networkRect = geometry.rect
        var placer = geometry.labelPlacer(m, bottom: bottom)

        let nodes = DiagramLayout.neurons(m, geometry, canvas: canvas, theme: theme, placer: &placer)
        neurons = nodes.neurons
        functions = m.diagram.neuronFunctions
        let stroke = EdgeStroke(em: em, radius: geometry.radius, magnitude: m.widthMagnitude)
        edges = DiagramLayout.edges(m, centers: nodes.centers, stroke: stroke)
        if m.diagram.showsBiases {
            biases = DiagramLayout.biases(m, centers: nodes.centers, radius: geometry.radius, placer: &placer)
        }
        let labels = DiagramLayout.labels(m, edges: edges, biases: biases, canvas: canvas, theme: theme, placer: &placer)
        notes = (geometry.note.map { [$0] } ?? []) + labels.notes
        let captions = m.captions.texts(geometry, sizing: sizing, theme: theme)

        let rect = geometry.rect
        let block = (top: rect.minY, bottom: m.horizontal ? rect.maxY + sizing.gap * 2 + m.captions.block : rect.maxY)
        let legends = m.legends.place(x: geometry.legendX, block: block, top: m.top, bottom: bottom, stroke: stroke,
                                      format: m.format, canvas: canvas, sizing: sizing)
        colorBars = legends.colorBars
        widthLegend = legends.widthLegend

        let noteTexts = DiagramLayout.noteTexts(notes, lines: noteLines, in: m.area, canvas: canvas, sizing: sizing, theme: theme)
        texts = m.header + nodes.texts + labels.texts + captions + noteTexts
    }

    /// Above this many drawn edges in one layer, no edge of that layer is labelled: dozens
    /// of labels on a fan of crossing lines cannot be read anyway.
    static let maxLabelledEdges = 24

    /// The theme's diverging map, as edges use it.
    ///
    /// The diverging maps are pale in the middle: on a light background small weights fade
    /// away as they should, on a dark one they would glare. There the middle is mixed toward
    /// the background, so a small weight still reads as faint; the colour bar shows the same map.
    static func edgeMap(_ theme: Theme) -> ColorMap {
        let map = theme.vividDivergingMap
        guard theme.background.luminance < 0.5 else { return map }
        let count = map.colors.count
        let background = theme.background.withAlpha(1)
        let faded = map.colors.enumerated().map { index, color -> Color in
            let position: Double = (Double(index) + 0.5) / Double(count)
            let strength: Double = abs(position - 0.5) * 2
            return color.mixed(with: background, (1 - strength) * 0.7)
        }
        return ColorMap(name: map.name + "_faded", colors: faded, badColor: map.badColor, isDiverging: true)
    }

    /// The largest of 1, 2 and 5 times a power of ten not above `value`, for legend samples
    /// that read as round numbers.
    static func roundDown(_ value: Double) -> Double {
        guard value > 0, value.isFinite else { return value }
        let power: Double = pow(10, (log10(value)).rounded(.down))
        let mantissa: Double = value / power
        let step: Double = [5, 2, 1].first { mantissa >= $0 * (1 - 1e-12) } ?? 1
        return step * power
    }
}
