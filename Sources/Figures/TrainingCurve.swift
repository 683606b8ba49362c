import Charts
import Drawing
import NetworkEngine

/// The training curve: cost against step, log y when it spans decades, the final cost stated;
/// with held-out test examples, the training and the test cost as two series with a legend.
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
    /// The test cost at the same steps; nil without test examples.
    public var testPoints: BoundedSeries?
    public var title: Label
    public var subtitle: Label
    /// How large its text is (`--context`), or a larger figure's sizes when it is a cell of one.
    public var textSizing: TextSizing = .talk

    /// A curve over recorded points, and the test cost's when there are test examples.
    public init(points: BoundedSeries, testPoints: BoundedSeries? = nil, title: Label, subtitle: Label) {
        self.points = points
        self.testPoints = testPoints
        self.title = title
        self.subtitle = subtitle
    }

    /// A curve over every k-th of `costs` (costs[t] is C after t steps) and the last, all kept,
    /// and of `testCosts` (the test cost at the same steps) when it is not empty.
    public init(costs: [Double], testCosts: [Double] = [], every: Int = 1, title: Label, subtitle: Label) {
        func kept(_ values: [Double]) -> BoundedSeries {
            var points = BoundedSeries(bucketCount: 2, exactLimit: values.count)
            for (step, value) in values.enumerated() where Self.records(step, of: values.count - 1, every: every) {
                points.append(x: step, y: value)
            }
            return points
        }
        self.init(points: kept(costs), testPoints: testCosts.isEmpty ? nil : kept(testCosts), title: title, subtitle: subtitle)
    }

    /// Whether step `step` of a run of `steps` is plotted (and written to CSV): 0, k, 2k, … and the last.
    public static func records(_ step: Int, of steps: Int, every: Int) -> Bool {
        step % max(1, every) == 0 || step == steps
    }

    /// The steps that are plotted (and written to CSV) while every recorded point is kept.
    public var recordedSteps: [Int] { points.points.map(\.x) }

    public var chart: LineChart {
        func series(_ name: Label, _ points: BoundedSeries) -> Series {
            let kept = points.points
            return Series(name: name, x: kept.map { Double($0.x) }, y: kept.map(\.y))
        }
        var final = points.last.map { Label("final $C$ = ") + TickFormatter.compact($0.y) }
        var lines = [series("cost $C$", points)]
        if let testPoints {
            // The legend states the final costs: one box, where a note beside it found no
            // corner clear of both lines.
            func name(_ which: String, _ points: BoundedSeries) -> Label {
                Label("\(which) $C$") + (points.last.map { Label(", final ") + TickFormatter.compact($0.y) } ?? "")
            }
            lines = [series(name("training", points), points), series(name("test", testPoints), testPoints)]
            final = nil
        }
        var chart = LineChart(
            title: title, subtitle: subtitle,
            xTitle: "step", yTitle: "cost $C$", series: lines,
            note: final, markLastPoints: true)
        chart.textSizing = textSizing
        return chart
    }

    public func draw(on canvas: Canvas, in rect: Rect? = nil, theme: Theme) {
        chart.draw(on: canvas, in: rect ?? canvas.bounds, theme: theme)
    }

    /// The CSV's first line: `step,cost`, then `test_cost` with test examples and
    /// `regularized_cost` (C + R, what training minimises) with a penalty.
    public static func csvHeader(testCost: Bool = false, regularizedCost: Bool = false) -> String {
        "step,cost" + (testCost ? ",test_cost" : "") + (regularizedCost ? ",regularized_cost" : "") + "\n"
    }

    /// One CSV row: the step, and the costs in full precision (the shortest text that reads back).
    public static func csvRow(step: Int, cost: Double, testCost: Double? = nil, regularizedCost: Double? = nil) -> String {
        var row = "\(step),\(cost)"
        if let testCost { row += ",\(testCost)" }
        if let regularizedCost { row += ",\(regularizedCost)" }
        return row + "\n"
    }

    /// `step,cost` (and `test_cost`) rows for the recorded steps, while every recorded point is kept.
    public var csv: String {
        let tests = testPoints?.points
        return Self.csvHeader(testCost: tests != nil) + points.points.enumerated().map { index, point in
            Self.csvRow(step: point.x, cost: point.y, testCost: tests.map { $0[index].y })
        }.joined()
    }
}
