/// One parsed piece of math: a glyph string in a style, a group, or a base with scripts.
indirect enum MathNode: Equatable {
    /// How a symbol is set: italic (variables), upright (digits, operators), or label text.
    enum Style: Equatable {
        case italic
        case upright
        case text
    }

    /// Extra space around a symbol, in em: binary operators and relations get some.
    enum Spacing: Equatable {
        case none
        case binary
        case relation
        /// Commas and semicolons: a thin space after, as in TeX.
        case punctuation
    }

    case symbol(String, Style, Spacing)
    case space(Double)
    case group([MathNode])
    case scripts(base: MathNode, sub: MathNode?, sup: MathNode?)
}
