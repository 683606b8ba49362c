import Charts
import Drawing
import NetworkEngine

/// The training curve: cost against step, log y when it spans decades, the final cost stated.
///
/// A long run's costs are recorded into a `BoundedSeries` as training goes (`recording(…)`),
/// so the figure keeps what its pixels can show, not every step.
///
/// ```swift
/// let figure = TrainingCurve(costs: history.costs, every: 1, title: "heart.yaml",
///                            subtitle: "1 → 6 → 7 → 2 sigmoid · gd, rate 7 · 10 000 steps")
/// figure.draw(on: canvas, theme: .light)
/// ```
public struct TrainingCurve: Sendable {
    /// The recorded (step, cost) points: 0, k, 2k, … and the last step.
    public var points: BoundedSeries
    public var title: Label
    public var subtitle: Label
    /// How large its text is (`--context`), or a larger figure's sizes when it is a cell of one.
    public var textSizing: TextSizing = .talk

    /// A curve over recorded points.
    public init(points: BoundedSeries, title: Label, subtitle: Label) {
        self.points = points
        self.title = title
        self.subtitle = subtitle
    }

    /// A curve over every k-th of `costs` (costs[t] is C after t steps) and the last, all kept.
    public init(costs: [Double], every: Int = 1, title: Label, subtitle: Label) {
        var points = BoundedSeries(bucketCount: 2, exactLimit: costs.count)
        for (step, cost) in costs.enumerated() where Self.records(step, of: costs.count - 1, every: every) {
            points.append(x: step, y: cost)
        }
        self.init(points: points, title: title, subtitle: subtitle)
    }

    /// Whether step `step` of a run of `steps` is plotted (and written to CSV): 0, k, 2k, … and the last.
    public static func records(_ step: Int, of steps: Int, every: Int) -> Bool {
        step % max(1, every) == 0 || step == steps
    }

    /// The steps that are plotted (and written to CSV) while every recorded point is kept.
    public var recordedSteps: [Int] { points.points.map(\.x) }

    public var chart: LineChart {
        let kept = points.points
        let series = Series(name: "cost $C$", x: kept.map { Double($0.x) }, y: kept.map(\.y))
        let final = points.last.map { Label("final $C$ = ") + TickFormatter.compact($0.y) }
        var chart = LineChart(
            title: title, subtitle: subtitle,
            xTitle: "step", yTitle: "cost $C$", series: [series],
            note: final, markLastPoints: true)
        chart.textSizing = textSizing
        return chart
    }

    public func draw(on canvas: Canvas, in rect: Rect? = nil, theme: Theme) {
        chart.draw(on: canvas, in: rect ?? canvas.bounds, theme: theme)
    }

    /// The CSV's first line.
    public static let csvHeader = "step,cost\n"

    /// One CSV row: the step, and the cost in full precision (the shortest text that reads back).
    public static func csvRow(step: Int, cost: Double) -> String { "\(step),\(cost)\n" }

    /// `step,cost` rows for the recorded steps, while every recorded point is kept.
    public var csv: String {
        Self.csvHeader + points.points.map { Self.csvRow(step: $0.x, cost: $0.y) }.joined()
    }
}
