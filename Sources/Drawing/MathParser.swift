/// Parses the TeX-like math of a `Label` into `MathNode`s.
///
/// Unknown commands are kept as their upright name (e.g. `\foo` → "foo") so a typo shows in
/// the figure instead of vanishing.
struct MathParser {
    private let characters: [Character]
    private var index = 0

    init(_ source: String) {
        characters = Array(source)
    }

    /// Parses the whole source.
    static func parse(_ source: String) -> [MathNode] {
        var parser = MathParser(source)
        return parser.parseList(until: nil)
    }

    private mutating func parseList(until closing: Character?) -> [MathNode] {
        var nodes: [MathNode] = []
        while index < characters.count {
            let character = characters[index]
            if let closing, character == closing {
                index += 1
                return nodes
            }
            if character == "^" || character == "_" {
                index += 1
                let script = parseAtom() ?? .group([])
                let base: MathNode
                var sub: MathNode?
                var sup: MathNode?
                if case .scripts(let b, let s, let p)? = nodes.last {
                    nodes.removeLast()
                    base = b
                    sub = s
                    sup = p
                } else if let last = nodes.popLast() {
                    base = last
                } else {
                    base = .group([])
                }
                if character == "^" { sup = script } else { sub = script }
                nodes.append(.scripts(base: base, sub: sub, sup: sup))
                continue
            }
            if let atom = parseAtom() { nodes.append(atom) }
        }
        return nodes
    }

    /// One symbol, command or braced group; nil for ignored input such as spaces.
    private mutating func parseAtom() -> MathNode? {
        while index < characters.count, characters[index] == " " { index += 1 }
        guard index < characters.count else { return nil }
        let character = characters[index]
        index += 1
        switch character {
        case "{":
            return .group(parseList(until: "}"))
        case "\\":
            return parseCommand()
        default:
            return MathParser.node(for: character)
        }
    }

    private mutating func parseCommand() -> MathNode? {
        guard index < characters.count else { return .symbol("\\", .upright, .none) }
        let first = characters[index]
        if !first.isLetter {
            index += 1
            switch first {
            case ",": return .space(0.17)
            case ":", ">": return .space(0.22)
            case ";": return .space(0.28)
            case " ": return .space(0.33)
            case "!": return .space(-0.17)
            default: return .symbol(String(first), .upright, .none)
            }
        }
        var name = ""
        while index < characters.count, characters[index].isLetter {
            name.append(characters[index])
            index += 1
        }
        switch name {
        case "mathrm", "text", "operatorname", "mathit":
            let style: MathNode.Style = name == "text" ? .text : (name == "mathit" ? .italic : .upright)
            let content = plainArgument()
            return .symbol(content, style, .none)
        case "quad":
            return .space(1)
        case "frac":
            // Inline fractions only: \frac{a}{b} is set as a/b.
            let numerator = parseAtom() ?? .group([])
            let denominator = parseAtom() ?? .group([])
            return .group([numerator, .symbol("/", .upright, .none), denominator])
        default:
            break
        }
        if let greek = MathParser.lowercaseGreek[name] {
            return .symbol(greek, .italic, .none)
        }
        if let greek = MathParser.uppercaseGreek[name] {
            return .symbol(greek, .upright, .none)
        }
        if let symbol = MathParser.symbols[name] {
            return .symbol(symbol.text, symbol.style, symbol.spacing)
        }
        return .symbol(name, .upright, .none)
    }

    /// The raw text of a braced argument, for `\mathrm{…}` and `\text{…}`.
    private mutating func plainArgument() -> String {
        while index < characters.count, characters[index] == " " { index += 1 }
        guard index < characters.count else { return "" }
        guard characters[index] == "{" else {
            let single = String(characters[index])
            index += 1
            return single
        }
        index += 1
        var depth = 1
        var text = ""
        while index < characters.count {
            let character = characters[index]
            index += 1
            if character == "{" { depth += 1 }
            if character == "}" {
                depth -= 1
                if depth == 0 { break }
            }
            text.append(character)
        }
        return text
    }

    static func node(for character: Character) -> MathNode {
        switch character {
        case "-", "\u{2212}": return .symbol("\u{2212}", .upright, .binary)
        case "+", "\u{00B1}", "\u{00D7}": return .symbol(String(character), .upright, .binary)
        case "=", "<", ">": return .symbol(String(character), .upright, .relation)
        case "*": return .symbol("\u{2217}", .upright, .binary)
        case ",", ";": return .symbol(String(character), .upright, .punctuation)
        case "'": return .symbol("\u{2032}", .upright, .none)
        default:
            if character.isLetter && character.isASCII { return .symbol(String(character), .italic, .none) }
            return .symbol(String(character), .upright, .none)
        }
    }

    private static let lowercaseGreek: [String: String] = [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
        "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
        "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ",
        "tau": "τ", "upsilon": "υ", "phi": "ϕ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
        "partial": "∂", "ell": "ℓ",
    ]

    private static let uppercaseGreek: [String: String] = [
        "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
        "Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
    ]

    private static let symbols: [String: (text: String, style: MathNode.Style, spacing: MathNode.Spacing)] = [
        "nabla": ("∇", .upright, .none),
        "cdot": ("·", .upright, .binary),
        "times": ("×", .upright, .binary),
        "pm": ("±", .upright, .binary),
        "mp": ("∓", .upright, .binary),
        "odot": ("⊙", .upright, .binary),
        "circ": ("∘", .upright, .binary),
        "leq": ("≤", .upright, .relation),
        "le": ("≤", .upright, .relation),
        "geq": ("≥", .upright, .relation),
        "ge": ("≥", .upright, .relation),
        "neq": ("≠", .upright, .relation),
        "ne": ("≠", .upright, .relation),
        "approx": ("≈", .upright, .relation),
        "sim": ("∼", .upright, .relation),
        "to": ("→", .upright, .relation),
        "rightarrow": ("→", .upright, .relation),
        "leftarrow": ("←", .upright, .relation),
        "gets": ("←", .upright, .relation),
        "in": ("∈", .upright, .relation),
        "infty": ("∞", .upright, .none),
        "sum": ("∑", .upright, .none),
        "prod": ("∏", .upright, .none),
        "int": ("∫", .upright, .none),
        "sqrt": ("√", .upright, .none),
        "ldots": ("…", .upright, .none),
        "cdots": ("⋯", .upright, .none),
        "prime": ("′", .upright, .none),
        "log": ("log", .upright, .none),
        "ln": ("ln", .upright, .none),
        "exp": ("exp", .upright, .none),
        "tanh": ("tanh", .upright, .none),
        "max": ("max", .upright, .none),
        "min": ("min", .upright, .none),
    ]
}
