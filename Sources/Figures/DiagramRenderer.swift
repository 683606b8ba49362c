import Charts
import Drawing

/// Paints a `DiagramLayout`: no positions are decided here, only drawing order and styles.
///
/// Order: edge hairlines, edges light to heavy, neurons, bias badges, label halos and text,
/// legends.
///
/// ```swift
/// DiagramRenderer(layout: diagram.layout(on: canvas, theme: .light), theme: .light).draw(on: canvas)
/// ```
struct DiagramRenderer {
    let layout: DiagramLayout
    let theme: Theme

    func draw(on canvas: Canvas) {
        canvas.fillBackground(theme.background)
        let sizing = layout.sizing

        // Dashed edges get no hairline: it would fill their gaps and hide the dashes.
        for edge in layout.edges where edge.dash.isEmpty {
            canvas.polyline([edge.from, edge.to])
        }
        if layout.edges.contains(where: { $0.dash.isEmpty }) {
            canvas.stroke(layout.hairline.color, style: StrokeStyle(width: layout.hairline.width))
        }
        for edge in layout.edges {
            canvas.polyline([edge.from, edge.to])
            canvas.stroke(edge.color, style: StrokeStyle(width: edge.width, dash: edge.dash, cap: .butt))
        }

        for neuron in layout.neurons {
            if neuron.showsFunction, let functions = layout.functions {
                // A square as wide as the circle's inner square and a little more.
                let half: Double = neuron.radius * 0.82
                let square = Rect(x: neuron.center.x - half, y: neuron.center.y - half, width: 2 * half, height: 2 * half)
                canvas.rectangle(square)
                canvas.fill(theme.background)
                functions.draw(layer: neuron.layer, neuron: neuron.index, in: square, on: canvas, theme: theme, sizing: sizing, panel: true)
                canvas.rectangle(square)
                canvas.stroke(neuron.outline, style: StrokeStyle(width: neuron.outlineWidth))
                continue
            }
            canvas.circle(center: neuron.center, radius: neuron.radius)
            canvas.fill(neuron.fill, keepPath: true)
            canvas.stroke(neuron.outline, style: StrokeStyle(width: neuron.outlineWidth))
        }

        for bias in layout.biases {
            canvas.rectangle(bias.rect)
            canvas.fill(bias.color, keepPath: true)
            canvas.stroke(theme.foreground, style: StrokeStyle(width: max(0.75, sizing.em * 0.07)))
        }

        let haloPad: Double = sizing.em * 0.12
        for text in layout.texts where text.halo {
            canvas.rectangle(text.rect.inset(by: -haloPad))
            canvas.fill(layout.haloColor)
        }
        for text in layout.texts {
            canvas.draw(text.label, font: text.font, color: text.color,
                        at: Point(x: text.rect.minX, y: text.rect.minY), anchor: TextAnchor(.left, .top))
        }

        for (bar, placed) in layout.colorBars {
            bar.emit(placed, on: canvas, theme: theme, sizing: sizing)
        }
        if let widthLegend = layout.widthLegend {
            widthLegend.legend.emit(widthLegend.layout, on: canvas, theme: theme, sizing: sizing)
        }
    }
}
