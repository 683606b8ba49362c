/// A label laid out into positioned runs, with its advance width and ink extents.
///
/// Layout needs glyph metrics, which only cairo knows, so it takes a `measure` function:
/// for a string in a font it returns the advance and how far the ink reaches above and
/// below the baseline. The canvas passes one that uses the same font options it draws with.
struct TextLayout {
    /// Glyph metrics of one run: advance width, ink above and below its own baseline.
    struct Metrics {
        var advance: Double
        var ascent: Double
        var descent: Double
    }

    private(set) var runs: [TextRun] = []
    private(set) var extents = TextExtents(width: 0, ascent: 0, descent: 0)

    /// Relative size of scripts, and their baseline shifts in em of the parent size.
    static let scriptScale: Double = 0.7
    static let superscriptRise: Double = 0.42
    static let subscriptDrop: Double = 0.18
    static let subscriptDropWithSuperscript: Double = 0.26

    init(label: Label, font: Font, measure: @escaping (String, Font) -> Metrics) {
        var cursor: Double = 0
        var ascent: Double = 0
        var descent: Double = 0
        var layouter = Layouter(baseFont: font, measure: measure)
        for segment in label.segments {
            switch segment {
            case .text(let text):
                cursor = layouter.place(text, font: font, x: cursor, y: 0)
            case .math(let tex):
                let nodes = MathParser.parse(tex)
                cursor = layouter.layout(nodes, size: font.size, x: cursor, y: 0, level: 0)
            }
        }
        for placed in layouter.placed {
            ascent = max(ascent, placed.metrics.ascent - placed.run.y)
            descent = max(descent, placed.metrics.descent + placed.run.y)
        }
        runs = layouter.placed.map { $0.run }
        extents = TextExtents(width: cursor, ascent: max(ascent, 0), descent: max(descent, 0))
    }
}

/// The recursive part of `TextLayout`: walks math nodes and places runs.
private struct Layouter {
    struct Placed {
        var run: TextRun
        var metrics: TextLayout.Metrics
    }

    let baseFont: Font
    let measure: (String, Font) -> TextLayout.Metrics
    var placed: [Placed] = []

    init(baseFont: Font, measure: @escaping (String, Font) -> TextLayout.Metrics) {
        self.baseFont = baseFont
        self.measure = measure
    }

    /// Places one string; returns the x where the next run starts.
    mutating func place(_ text: String, font: Font, x: Double, y: Double) -> Double {
        let metrics = measure(text, font)
        placed.append(Placed(run: TextRun(text: text, font: font, x: x, y: y), metrics: metrics))
        return x + metrics.advance
    }

    func font(for style: MathNode.Style, size: Double) -> Font {
        switch style {
        case .italic:
            return Font(family: Font.mathFamily, size: size, weight: baseFont.weight, slant: .italic)
        case .upright:
            // Digits, brackets and operators follow the surrounding text, so `10^{-3}` on an
            // axis matches the plain tick labels next to it.
            return Font(family: baseFont.family, size: size, weight: baseFont.weight, slant: .upright)
        case .text:
            return baseFont.withSize(size)
        }
    }

    /// Whether a node can be the left operand of a following binary operator.
    static func endsOperand(_ node: MathNode, previous: Bool) -> Bool {
        switch node {
        case .symbol(let text, _, let spacing):
            return spacing == .none && !["(", "[", "{"].contains(text)
        case .space:
            return previous
        case .group, .scripts:
            return true
        }
    }

    /// Lays out a list of nodes at a size; returns the x after the last one.
    mutating func layout(_ nodes: [MathNode], size: Double, x: Double, y: Double, level: Int) -> Double {
        var cursor = x
        // A binary operator after nothing, an opening bracket or another operator is a sign
        // (TeX's rule), so `[-1, 1]` gets no space after the bracket.
        var operandBefore = false
        for node in nodes {
            defer { operandBefore = Layouter.endsOperand(node, previous: operandBefore) }
            switch node {
            case .symbol(let text, let style, let spacing):
                // Operators are spaced only between operands and only at full size, as in TeX;
                // a leading minus is a sign, not a binary operator.
                let before: Double
                let after: Double
                switch spacing {
                case .none:
                    (before, after) = (0, 0)
                case .binary:
                    let gap: Double = (operandBefore && level == 0) ? 0.22 * size : 0
                    (before, after) = (gap, gap)
                case .relation:
                    let gap: Double = level == 0 ? 0.28 * size : 0
                    (before, after) = (gap, gap)
                case .punctuation:
                    (before, after) = (0, level == 0 ? 0.17 * size : 0)
                }
                cursor += before
                cursor = place(text, font: font(for: style, size: size), x: cursor, y: y)
                cursor += after
            case .space(let em):
                cursor += em * size
            case .group(let children):
                cursor = layout(children, size: size, x: cursor, y: y, level: level)
            case .scripts(let base, let sub, let sup):
                cursor = layout([base], size: size, x: cursor, y: y, level: level)
                let scriptSize: Double = size * TextLayout.scriptScale
                let start: Double = cursor + 0.03 * size
                var end = start
                if let sup {
                    let rise: Double = TextLayout.superscriptRise * size
                    end = max(end, layout([sup], size: scriptSize, x: start, y: y - rise, level: level + 1))
                }
                if let sub {
                    let factor: Double = sup == nil ? TextLayout.subscriptDrop : TextLayout.subscriptDropWithSuperscript
                    let drop: Double = factor * size
                    end = max(end, layout([sub], size: scriptSize, x: start, y: y + drop, level: level + 1))
                }
                cursor = end + 0.03 * size
            }
        }
        return cursor
    }
}
