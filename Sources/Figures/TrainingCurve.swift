import Charts
import Drawing
import NetworkEngine

/// The training curve: cost against step, log y when it spans decades, the final cost stated.
///
/// ```swift
/// let figure = TrainingCurve(costs: history.costs, every: 1, title: "heart.yaml",
///                            subtitle: "1 → 6 → 7 → 2 sigmoid · gd, rate 7 · 10 000 steps")
/// figure.draw(on: canvas, theme: .light)
/// ```
public struct TrainingCurve: Sendable {
    /// costs[t] is C after t steps.
    public var costs: [Double]
    /// Plot every k-th step (the last step always).
    public var every: Int
    public var title: String
    public var subtitle: String

    public init(costs: [Double], every: Int = 1, title: String, subtitle: String) {
        self.costs = costs
        self.every = max(1, every)
        self.title = title
        self.subtitle = subtitle
    }

    /// The steps that are plotted (and written to CSV): 0, k, 2k, … and the last.
    public var recordedSteps: [Int] {
        guard !costs.isEmpty else { return [] }
        var steps = Array(stride(from: 0, to: costs.count, by: every))
        if steps.last != costs.count - 1 { steps.append(costs.count - 1) }
        return steps
    }

    public var chart: LineChart {
        let steps = recordedSteps
        let series = Series(name: "cost $C$", x: steps.map(Double.init), y: steps.map { costs[$0] })
        let final = costs.last.map { Label("final $C$ = ") + TickFormatter.compact($0) }
        return LineChart(
            title: Label.plain(title), subtitle: Label.plain(subtitle),
            xTitle: "step", yTitle: "cost $C$", series: [series],
            note: final, markLastPoints: true)
    }

    public func draw(on canvas: Canvas, in rect: Rect? = nil, theme: Theme) {
        chart.draw(on: canvas, in: rect ?? canvas.bounds, theme: theme)
    }

    /// `step,cost` rows for the recorded steps, costs in full precision.
    public var csv: String {
        "step,cost\n" + recordedSteps.map { "\($0),\(costs[$0])\n" }.joined()
    }
}
