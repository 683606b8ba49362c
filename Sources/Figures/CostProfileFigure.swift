import Charts
import Drawing
import NetworkEngine

/// The cost along the line between two networks, C(θ(α)) with θ(α) = (1 − α)θ₁ + αθ₂: the
/// training cost, and the test cost as a second series when there are test examples; the
/// two networks marked where the line passes them (α = 0 and α = 1).
///
/// ```swift
/// let figure = CostProfileFigure(profile: profile, names: ("heart.yaml", "trained.yaml"),
///                                title: "From the start to the trained heart", subtitle: "…")
/// figure.draw(on: canvas, theme: .light)
/// ```
public struct CostProfileFigure: Sendable {
    public var profile: CostProfile
    /// θ₁'s and θ₂'s names (their spec files).
    public var names: (start: String, end: String)
    public var title: Label
    public var subtitle: Label
    /// How large its text is (`--context`).
    public var textSizing: TextSizing = .talk

    public init(profile: CostProfile, names: (start: String, end: String), title: Label, subtitle: Label) {
        self.profile = profile
        self.names = names
        self.title = title
        self.subtitle = subtitle
    }

    /// The two networks on the line (α = 0 and α = 1, where the range holds them), with their costs.
    var ends: [(alpha: Double, cost: Double, testCost: Double?)] { profile.ends }

    /// The line through the grid's points and the two networks' (where they fall between
    /// grid points, the line would miss a sharp minimum at θ₂ that its marker shows).
    func drawn(_ values: [Double], ends: [(Double, Double)]) -> (x: [Double], y: [Double]) {
        var points = Array(zip(profile.alphas, values))
        for end in ends where !profile.alphas.contains(end.0) { points.append(end) }
        points.sort { $0.0 < $1.0 }
        return (points.map(\.0), points.map(\.1))
    }

    public func chart(theme: Theme) -> LineChart {
        let ends = self.ends
        let line = drawn(profile.costs, ends: ends.map { ($0.alpha, $0.cost) })
        var series = [Series(name: profile.testCosts == nil ? "cost $C$" : "training $C$", x: line.x, y: line.y)]
        if let test = profile.testCosts {
            let testLine = drawn(test, ends: ends.compactMap { end in end.testCost.map { (end.alpha, $0) } })
            series.append(Series(name: "test $C$", x: testLine.x, y: testLine.y))
        }
        if !ends.isEmpty {
            // Unnamed: out of the legend; in the training line's colour, on it.
            series.append(Series(name: "", x: ends.map(\.alpha), y: ends.map(\.cost), kind: .markers, style: theme.seriesStyle(at: 0)))
        }
        var chart = LineChart(
            title: title, subtitle: subtitle,
            xTitle: Label("$\\alpha$ (0: \(Self.escaped(names.start)), 1: \(Self.escaped(names.end)))"),
            yTitle: "cost $C$", series: series)
        chart.textSizing = textSizing
        return chart
    }

    /// The training cost at the two networks, for the subtitle: "C = 0.1666 at θ₁, 0.002512
    /// at θ₂" (nothing for an end the range leaves out). A note in the plot would cover the
    /// line where it dips, which is where a reader looks.
    public var endsLabel: Label {
        ends.map { end in
            TickFormatter.compact(end.cost) + Label(end.alpha == 0 ? " at $\\theta_1$" : " at $\\theta_2$")
        }.reduce(Label("")) { $0.isEmpty ? Label("$C$ = ") + $1 : $0 + Label(", ") + $1 }
    }

    public func draw(on canvas: Canvas, in rect: Rect? = nil, theme: Theme) {
        chart(theme: theme).draw(on: canvas, in: rect ?? canvas.bounds, theme: theme)
    }

    /// `alpha,cost` rows (and `test_cost` with test examples), every number in full precision.
    public var csv: String {
        var out = "alpha,cost" + (profile.testCosts == nil ? "" : ",test_cost") + "\n"
        out.reserveCapacity(profile.alphas.count * 64)
        for (i, alpha) in profile.alphas.enumerated() {
            out += "\(alpha),\(profile.costs[i])"
            if let test = profile.testCosts { out += ",\(test[i])" }
            out += "\n"
        }
        return out
    }

    /// A file name as text in a label: `$` would start math.
    private static func escaped(_ text: String) -> String { text.replacingOccurrences(of: "$", with: "\\$") }
}
