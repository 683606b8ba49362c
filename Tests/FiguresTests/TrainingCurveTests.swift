import Charts
import Drawing
import Foundation
import Testing
@testable import Figures

struct TrainingCurveTests {
    /// A decaying cost from 0.11 to about 1e-3 over 10 000 steps, like the heart's.
    static let costs: [Double] = (0...10_000).map { 0.001 + 0.11 * exp(-Double($0) / 900) }

    @Test("recorded steps are 0, k, 2k, … and always the last")
    func recordedSteps() {
        #expect(TrainingCurve(costs: Array(Self.costs[0...10]), every: 3, title: "", subtitle: "").recordedSteps == [0, 3, 6, 9, 10])
        #expect(TrainingCurve(costs: Array(Self.costs[0...9]), every: 3, title: "", subtitle: "").recordedSteps == [0, 3, 6, 9])
        #expect(TrainingCurve(costs: [0.5], every: 10, title: "", subtitle: "").recordedSteps == [0])
    }

    @Test("CSV rows are step,cost in full precision")
    func csv() {
        let csv = TrainingCurve(costs: Array(Self.costs[0...4]), every: 2, title: "", subtitle: "").csv
        let lines = csv.split(separator: "\n").map(String.init)
        #expect(lines == ["step,cost", "0,\(Self.costs[0])", "2,\(Self.costs[2])", "4,\(Self.costs[4])"])
        #expect(Double(lines[2].split(separator: ",")[1]) == Self.costs[2])
    }

    @Test("with test costs: two named series, a legend stating both final costs, no note; CSV rows gain test_cost")
    func testSeries() {
        let test = Self.costs.indices.map { 0.2 - 0.1 * exp(-Double($0) / 500) }
        let curve = TrainingCurve(costs: Self.costs, testCosts: test, title: "t", subtitle: "s")
        let chart = curve.chart
        #expect(chart.series.count == 2)
        #expect(chart.series[0].name.description.hasPrefix("training") && chart.series[1].name.description.hasPrefix("test"))
        #expect(chart.series[0].name.description.contains("0.001") && chart.series[1].name.description.contains("0.2"))
        #expect(chart.series[1].y == test)
        #expect(chart.note == nil && chart.markLastPoints)
        let lines = TrainingCurve(costs: Array(Self.costs[0...4]), testCosts: Array(test[0...4]), every: 2, title: "", subtitle: "").csv
            .split(separator: "\n").map(String.init)
        #expect(lines == ["step,cost,test_cost", "0,\(Self.costs[0]),\(test[0])", "2,\(Self.costs[2]),\(test[2])", "4,\(Self.costs[4]),\(test[4])"])
        #expect(TrainingCurve.csvHeader(testCost: true, regularizedCost: true) == "step,cost,test_cost,regularized_cost\n")
        #expect(TrainingCurve.csvRow(step: 3, cost: 0.5, regularizedCost: 0.75) == "3,0.5,0.75\n")
    }

    @Test("the chart goes to a log axis for a cost spanning two decades, and states the final cost")
    func chart() {
        let chart = TrainingCurve(costs: Self.costs, title: "t", subtitle: "s").chart
        #expect(chart.resolvedYScale == .log)
        #expect(chart.note?.description.contains("0.001") == true)
        let flat = TrainingCurve(costs: [0.5, 0.4, 0.3], title: "t", subtitle: "s").chart
        #expect(flat.resolvedYScale == .linear)
    }

    @Test("the curve is drawn in the theme's first series colour where the data say", arguments: ["light", "dark"])
    func pixels(_ themeName: String) throws {
        let theme = try #require(Theme.named(themeName))
        let curve = TrainingCurve(costs: Self.costs, title: "Training", subtitle: "test")
        let canvas = try Canvas(width: 960, height: 540, format: .png, scale: 1)
        curve.draw(on: canvas, theme: theme)
        let image = try canvas.image()
        #expect(image[2, 2].distance(to: theme.background) < 0.02)
        // The chart's own layout maps data to pixels; scan the column at step 5000 for the
        // series colour and read back the cost there.
        let axes = curve.chart.layout(in: canvas.bounds, text: canvas).axes
        let color = theme.seriesStyle(at: 0).color
        var found = false
        let column = Int(axes.x.position(of: 5000))
        for y in 0..<image.height where image[column, y].distance(to: color) < 0.15 {
            let value = axes.y.value(at: Double(y) + 0.5)
            let expected = Self.costs[5000]
            if abs(log10(value) - log10(expected)) < 0.05 { found = true }
        }
        #expect(found, "no \(theme.name) series pixel near C(5000) = \(Self.costs[5000]) in column \(column)")
    }
}
