import Foundation

/// One input the network sees, computed from the data's raw inputs x1, x2, …: TensorFlow
/// Playground's feature inputs (x1, x2, x1², x2², x1·x2, sin x1, sin x2), for any input
/// numbers.
///
/// Input numbers are 1-based, as a spec writes them: `.square(1)` is x1².
///
/// ```swift
/// let f = Feature(parsing: "sin(x2)")      // .sine(2)
/// f?.value([0.5, Double.pi / 2])           // 1.0
/// f?.description                           // "sin(x2)"
/// ```
public enum Feature: Hashable, Sendable, CustomStringConvertible {
    /// x_i itself.
    case input(Int)
    /// x_i².
    case square(Int)
    /// x_i · x_j (i ≠ j).
    case product(Int, Int)
    /// sin x_i.
    case sine(Int)

    /// The feature's value for one example's raw inputs (0-based array, 1-based numbers).
    public func value(_ x: [Double]) -> Double {
        switch self {
        case .input(let i): return x[i - 1]
        case .square(let i): return x[i - 1] * x[i - 1]
        case .product(let i, let j): return x[i - 1] * x[j - 1]
        case .sine(let i): return sin(x[i - 1])
        }
    }

    /// ∂feature/∂x_k for every raw input k (0-based array): the feature's local derivative,
    /// which carries a gradient from the network's input back to the data's.
    public func derivative(_ x: [Double]) -> [Double] {
        var d = [Double](repeating: 0, count: x.count)
        switch self {
        case .input(let i): d[i - 1] = 1
        case .square(let i): d[i - 1] = 2 * x[i - 1]
        case .product(let i, let j):
            d[i - 1] += x[j - 1]
            d[j - 1] += x[i - 1]
        case .sine(let i): d[i - 1] = cos(x[i - 1])
        }
        return d
    }

    /// The raw inputs the feature reads (1-based).
    public var inputs: [Int] {
        switch self {
        case .input(let i), .square(let i), .sine(let i): return [i]
        case .product(let i, let j): return [i, j]
        }
    }

    /// The spec's spelling: `x1`, `x1^2`, `x1*x2`, `sin(x1)`.
    public var description: String {
        switch self {
        case .input(let i): return "x\(i)"
        case .square(let i): return "x\(i)^2"
        case .product(let i, let j): return "x\(i)*x\(j)"
        case .sine(let i): return "sin(x\(i))"
        }
    }

    /// The formula in TeX, for a figure's label: x_1, x_1^2, x_1 x_2, \sin x_1.
    public var tex: String {
        switch self {
        case .input(let i): return "x_{\(i)}"
        case .square(let i): return "x_{\(i)}^{2}"
        case .product(let i, let j): return "x_{\(i)}\\,x_{\(j)}"
        case .sine(let i): return "\\sin\\,x_{\(i)}"
        }
    }

    /// Reads one feature as a spec writes it; nil when the text is not one.
    ///
    /// The grammar, spaces ignored, lowercase: `xI` | `xI^2` | `xI*xJ` (I ≠ J) | `sin(xI)`,
    /// where I and J are input numbers 1, 2, … written without leading zeros.
    public init?(parsing text: String) {
        let s = text.filter { $0 != " " }
        if s.hasPrefix("sin(") && s.hasSuffix(")") {
            guard let i = Self.inputNumber(s.dropFirst(4).dropLast()) else { return nil }
            self = .sine(i)
        } else if s.hasSuffix("^2") {
            guard let i = Self.inputNumber(s.dropLast(2)) else { return nil }
            self = .square(i)
        } else if let star = s.firstIndex(of: "*") {
            guard let i = Self.inputNumber(s[..<star]), let j = Self.inputNumber(s[s.index(after: star)...]), i != j else { return nil }
            self = .product(i, j)
        } else {
            guard let i = Self.inputNumber(Substring(s)) else { return nil }
            self = .input(i)
        }
    }

    /// `x7` → 7; nil for anything else (`x0`, `x01`, `y`, `x`).
    private static func inputNumber(_ text: Substring) -> Int? {
        guard text.first == "x" else { return nil }
        let digits = text.dropFirst()
        guard let first = digits.first, first != "0", digits.allSatisfy({ $0.isASCII && $0.isNumber }), digits.count <= 6,
              let n = Int(digits) else { return nil }
        return n
    }
}

/// The inputs a network sees, computed from a data set's raw inputs: a spec's `features:`.
///
/// The network's input layer has one neuron per feature; the data keeps its raw inputs
/// (the fit draws over them), and `apply` gives the examples the network trains on.
///
/// ```swift
/// let features = Features([.input(1), .input(2), .product(1, 2)], rawWidth: 2)
/// features([2, 3])                        // [2, 3, 6]
/// let seen = features.apply(to: xorData)  // 3 input rows
/// ```
public struct Features: Equatable, Sendable {
    public var list: [Feature]
    /// How many raw inputs each example has (at least the largest input number used).
    public var rawWidth: Int

    public init(_ list: [Feature], rawWidth: Int) {
        precondition(list.allSatisfy { $0.inputs.allSatisfy { (1...rawWidth).contains($0) } },
                     "Features: \(list) read inputs beyond \(rawWidth)")
        self.list = list
        self.rawWidth = rawWidth
    }

    /// Neurons of the input layer: one per feature.
    public var count: Int { list.count }

    /// The features of one example's raw inputs.
    public func callAsFunction(_ x: [Double]) -> [Double] {
        list.map { $0.value(x) }
    }

    /// The features of every column of `inputs` (one raw input per row).
    public func apply(_ inputs: Matrix) -> Matrix {
        precondition(inputs.rows == rawWidth, "Features: \(inputs.rows) input rows, expected \(rawWidth)")
        var result = Matrix(rows: list.count, columns: inputs.columns)
        for k in 0..<inputs.columns {
            let x = inputs.column(k)
            for (f, feature) in list.enumerated() { result[f, k] = feature.value(x) }
        }
        return result
    }

    /// The examples with their inputs replaced by their features (targets unchanged).
    public func apply(to data: Dataset) -> Dataset {
        Dataset(inputs: apply(data.inputs), targets: data.targets)
    }

    /// ∂C/∂x for one example's raw inputs `x`, from ∂C/∂a^(0) (one entry per feature):
    /// the chain rule through the features, Σ_f ∂C/∂f · ∂f/∂x_k.
    public func rawGradient(_ x: [Double], featureGradient: [Double]) -> [Double] {
        precondition(featureGradient.count == list.count, "Features: \(featureGradient.count) gradients for \(list.count) features")
        var g = [Double](repeating: 0, count: x.count)
        for (feature, upstream) in zip(list, featureGradient) {
            for (k, local) in feature.derivative(x).enumerated() where local != 0 {
                g[k] += upstream * local
            }
        }
        return g
    }
}
