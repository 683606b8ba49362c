import Charts
import Drawing

extension DiagramLayout {
    /// Where the network goes: its rectangle, the pitch between neurons, the circles' radius
    /// and the layers' positions along the main axis (left to right, or top to bottom).
    ///
    /// Decided from what the header, the captions and the legend column leave, down to
    /// `bottom` (above any note lines).
    struct Geometry {
        var horizontal: Bool
        /// The network's rectangle; laid out horizontally, a small network's is only as tall
        /// as its neurons need.
        var rect: Rect
        /// Distance between neighbouring neurons of a layer.
        var pitch: Double
        var radius: Double
        /// The neuron labels' font: shrunk when the circles cannot hold the full size.
        var neuronFont: Font
        var neuronLabelsShown: Bool
        var ellipsisFont: Font
        var mainStart: Double
        var layerGap: Double
        var crossCenter: Double
        /// The legend column's left edge.
        var legendX: Double
        /// Said in the figure when the neuron labels had to go.
        var note: String?

        init(_ m: Measures, bottom: Double) {
            let sizing = m.sizing
            let em = sizing.em
            let horizontal = m.horizontal
            self.horizontal = horizontal
            let rightmostLegendX: Double = m.area.maxX - m.legends.width
            var rect = Geometry.networkRect(m, bottom: bottom, right: rightmostLegendX - em * 2.5)
            let crossLength: Double = horizontal ? rect.height : rect.width
            let mainLength: Double = horizontal ? rect.width : rect.height
            let pitch: Double = min(crossLength / m.maxSlots, em * 8)
            self.pitch = pitch

            let fit = Geometry.fitRadius(m, pitch: pitch, mainLength: mainLength)
            radius = fit.radius
            neuronFont = fit.font
            neuronLabelsShown = fit.labelsShown
            note = fit.note
            ellipsisFont = Font.sans(size: min(em * 1.5, pitch * 0.8))

            let axis = Geometry.mainAxis(m, rect: rect, radius: fit.radius, mainLength: mainLength, legendX: rightmostLegendX)
            mainStart = axis.mainStart
            layerGap = axis.layerGap
            legendX = axis.legendX
            // Small networks do not need the whole height: the network and its captions are
            // centred as one block instead of the captions sinking to the bottom.
            let contentCross: Double = (m.maxSlots - 1) * pitch + 2 * fit.radius + em * 2.5
            if horizontal && contentCross < rect.height {
                let spare: Double = rect.height - contentCross
                rect.y += spare / 2
                rect.height = contentCross
            }
            self.rect = rect
            crossCenter = horizontal ? rect.midY : rect.midX
        }

        /// Where layer `l` sits on the main axis.
        func main(_ l: Int) -> Double { mainStart + layerGap * Double(l) }

        func point(main: Double, cross: Double) -> Point {
            horizontal ? Point(x: main, y: cross) : Point(x: cross, y: main)
        }

        /// The network's rectangle: what the header, captions and legend column leave.
        static func networkRect(_ m: Measures, bottom: Double, right networkRight: Double) -> Rect {
            let sizing = m.sizing, em = sizing.em, area = m.area, top = m.top
            var rect: Rect
            if m.horizontal {
                rect = Rect(x: area.minX, y: top, width: networkRight - area.minX, height: bottom - top - m.captions.block - sizing.gap * 2)
            } else {
                let left: Double = area.minX + m.captions.width + sizing.gap * 3
                rect = Rect(x: left, y: top, width: networkRight - left, height: bottom - top - em * 0.6)
            }
            rect.width = max(rect.width, em * 4)
            rect.height = max(rect.height, em * 4)
            return rect
        }

        /// The circles' radius: big enough to hold the widest neuron label, within the pitch.
        /// When the cap is smaller the labels shrink, down to the smallest text the context
        /// allows (still legible on a slide), or are left out with a note.
        static func fitRadius(_ m: Measures, pitch: Double, mainLength: Double)
            -> (radius: Double, font: Font, labelsShown: Bool, note: String?) {
            let em = m.sizing.em
            let depth = m.diagram.network.depth
            var neuronFont = m.neuronFont
            let halfDiagonal: Double = m.neuronLabelHalfDiagonal
            let needed: Double = halfDiagonal + em * 0.2
            let mainCap: Double = depth > 0 ? mainLength / Double(depth) * 0.2 : em * 3
            let cap: Double = min(pitch * 0.46, em * 3.4, mainCap)
            // A neuron's plot wants all the room there is.
            var radius: Double = m.diagram.neuronFunctions != nil ? .infinity : m.labelsShown ? max(needed, em * 2.4) : em * 2
            var labelsShown = m.labelsShown && m.hasNeuronLabels
            var note: String?
            if radius > cap {
                radius = cap
                if labelsShown && needed > cap {
                    let shrink: Double = (cap - em * 0.2) / max(halfDiagonal, 1e-9)
                    if neuronFont.size * shrink >= m.sizing.smallestText {
                        neuronFont = neuronFont.withSize(neuronFont.size * shrink)
                    } else {
                        labelsShown = false
                        note = "Neuron labels left out: the circles are too small to hold them."
                    }
                }
            }
            return (radius, neuronFont, labelsShown, note)
        }

        /// Main-axis positions: layers evenly spaced, centred, not wider than a slide needs;
        /// a narrow horizontal network is centred together with its legend column.
        static func mainAxis(_ m: Measures, rect: Rect, radius: Double, mainLength: Double, legendX rightmostLegendX: Double)
            -> (mainStart: Double, layerGap: Double, legendX: Double) {
            let em = m.sizing.em, area = m.area, horizontal = m.horizontal
            let depth = m.diagram.network.depth
            let captionExtents = m.captions.extents
            // Horizontal captions are centred under their layer: the outer ones must not stick out.
            let firstOverhang: Double = horizontal
                ? max(radius + m.sideReserve, max(captionExtents[0].name.width, captionExtents[0].detail.width) / 2) : radius
            let lastCaption = captionExtents[depth]
            let lastOverhang: Double = horizontal ? max(radius + m.endReserve, max(lastCaption.name.width, lastCaption.detail.width) / 2) : radius
            let span: Double = max(mainLength - firstOverhang - lastOverhang, 0)
            let layerGap: Double = depth > 0 ? min(span / Double(depth), em * 30) : 0
            let used: Double = layerGap * Double(depth)
            var mainStart: Double = (horizontal ? rect.minX : rect.minY) + firstOverhang + (span - used) / 2
            var legendX: Double = rightmostLegendX
            if horizontal {
                let legendGap: Double = em * 4
                let contentLeft: Double = mainStart - firstOverhang
                let contentRight: Double = mainStart + used + lastOverhang
                if legendX - contentRight > legendGap {
                    let groupWidth: Double = contentRight - contentLeft + legendGap + m.legends.width
                    let groupLeft: Double = area.minX + (area.width - groupWidth) / 2
                    mainStart += groupLeft - contentLeft
                    legendX = groupLeft + (contentRight - contentLeft) + legendGap
                }
            }
            return (mainStart, layerGap, legendX)
        }

        /// Labels stay between the header and the captions, left of the legend column.
        func labelPlacer(_ m: Measures, bottom: Double) -> Placement {
            let sizing = m.sizing, em = sizing.em, top = m.top
            let labelLeft: Double = horizontal ? m.area.minX : rect.minX - sizing.gap
            let labelBottom: Double = horizontal ? rect.maxY + sizing.gap : bottom
            return Placement(bounds: Rect(x: labelLeft, y: top, width: legendX - em * 1.2 - labelLeft, height: labelBottom - top),
                               gap: em * 0.12)
        }
    }
}
