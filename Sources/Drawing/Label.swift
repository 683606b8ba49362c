import Foundation
/// Text to draw: plain words with optional math between `$…$`, in a small TeX-like syntax.
///
/// Math supports single-letter italic variables, upright digits and punctuation,
/// sub- and superscripts (`a^{(1)}_2` stacks both at the same x), Greek letters
/// (`\sigma`, `\delta`, `\Delta`, …), `\partial`, `\nabla`, `\cdot`, `\times`, `\infty`,
/// `\leq`, `\geq`, `\approx`, `\to`, upright words via `\mathrm{…}` or `\text{…}`,
/// thin spaces `\,` and inline fractions written with a slash (`\partial C/\partial w`).
/// Spaces inside math are ignored, as in TeX. `\$` is a literal dollar sign.
///
/// ```swift
/// let yTitle: Label = "cost $C$"
/// let weight = Label.math("w^{(2)}_{12}")
/// let plain = Label.plain("costs $5")   // no math
/// ```
public struct Label: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// A stretch of plain text or of TeX-like math source.
    public enum Segment: Hashable, Sendable {
        case text(String)
        case math(String)
    }

    public let segments: [Segment]

    /// A label from source text in which `$…$` marks math.
    public init(_ source: String) {
        var segments: [Segment] = []
        var current = ""
        var inMath = false
        var escaped = false
        for character in source {
            if escaped {
                // Inside math the backslash belongs to the TeX command (except `\$`).
                if inMath && character != "$" { current.append("\\") }
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "$" {
                if !current.isEmpty { segments.append(inMath ? .math(current) : .text(current)) }
                current = ""
                inMath.toggle()
            } else {
                current.append(character)
            }
        }
        if escaped { current.append("\\") }
        if !current.isEmpty { segments.append(inMath ? .math(current) : .text(current)) }
        self.segments = segments
    }

    public init(stringLiteral value: String) {
        self.init(value)
    }

    init(segments: [Segment]) {
        self.segments = segments
    }

    /// A label that is all math, written without dollar signs.
    ///
    /// - Parameter tex: e.g. `"\\partial C/\\partial w^{(1)}_{11}"`.
    public static func math(_ tex: String) -> Label {
        Label(segments: tex.isEmpty ? [] : [.math(tex)])
    }

    /// A label drawn exactly as written: no math, dollar signs kept.
    public static func plain(_ text: String) -> Label {
        Label(segments: text.isEmpty ? [] : [.text(text)])
    }

    /// Whether the label draws nothing.
    public var isEmpty: Bool { segments.isEmpty }

    /// The label cut at every `separator` in its text (never inside math), separators dropped.
    ///
    /// ```swift
    /// Label("4 → 2 · $C$ = 0.1").split(separator: " · ")   // ["4 → 2", "$C$ = 0.1"]
    /// ```
    public func split(separator: String) -> [Label] {
        var pieces: [Label] = []
        var current: [Segment] = []
        for segment in segments {
            guard case .text(let text) = segment else {
                current.append(segment)
                continue
            }
            let parts = text.components(separatedBy: separator)
            for (index, part) in parts.enumerated() {
                if index > 0 {
                    pieces.append(Label(segments: current))
                    current = []
                }
                if !part.isEmpty { current.append(.text(part)) }
            }
        }
        pieces.append(Label(segments: current))
        return pieces
    }

    public var description: String {
        segments.map { segment -> String in
            switch segment {
            case .text(let text): return text
            case .math(let tex): return "$" + tex + "$"
            }
        }.joined()
    }
}

extension Label {
    /// Joins two labels: `Label("final $C$ = ") + TickFormatter.compact(c)`.
    /// The two labels one after the other; text meeting text becomes one run, so a label
    /// split (`split(separator:)`) and joined again is the label it was.
    public static func + (lhs: Label, rhs: Label) -> Label {
        guard case .text(let left)? = lhs.segments.last, case .text(let right)? = rhs.segments.first else {
            return Label(segments: lhs.segments + rhs.segments)
        }
        return Label(segments: lhs.segments.dropLast() + [.text(left + right)] + rhs.segments.dropFirst())
    }
}
