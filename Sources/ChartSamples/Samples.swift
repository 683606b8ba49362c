// The sample charts: what `make samples` writes, and what the chart tests draw.
import Charts
import Drawing
import Foundation


/// The cost curve the command line's `train` will draw: ~0.11 down to ~1e-3 over 10,000 steps.
func sampleCostSeries() -> (steps: [Double], costs: [Double]) {
    let steps = (0...10_000).map(Double.init)
    let costs = steps.map { step -> Double in
        let decay: Double = 0.109 * exp(-step / 900) + 0.001 * (1 + 0.5 * exp(-step / 4000))
        let wobble: Double = 1 + 0.04 * sin(step / 37) * exp(-step / 3000)
        return decay * wobble
    }
    return (steps, costs)
}

func sampleLineChart(series: Int = 1) -> LineChart {
    let (steps, costs) = sampleCostSeries()
    var all = [Series(name: "gradient descent, rate 7", x: steps, y: costs)]
    if series > 1 {
        all.append(Series(name: "momentum 0.9", x: steps, y: costs.enumerated().map { $0.element * (0.6 + 0.4 * exp(-Double($0.offset) / 2000)) }))
        all.append(Series(name: "Adam", x: steps, y: costs.map { $0 * 1.4 }))
    }
    let final = costs.last ?? 0
    return LineChart(
        title: "Training the heart network",
        subtitle: "cost $C$ against step, 4 → 3 → 2, tanh",
        xTitle: "step", yTitle: "cost $C$", series: all,
        note: Label("final $C$ = ") + TickFormatter.compact(final), markLastPoints: true)
}

/// A cost-like surface with a valley, a saddle and a NaN hole.
func sampleGrid(columns: Int = 121, rows: Int = 101, withHole: Bool = true) -> Grid? {
    Grid(columns: columns, rows: rows, x: -2...3, y: -1.5...2.5) { w, b in
        if withHole && hypot(w - 2.3, b + 1.0) < 0.25 { return .nan }
        let valley: Double = 0.3 * (w - 1) * (w - 1) + (b - 0.5 * w) * (b - 0.5 * w)
        let bump: Double = 1.2 * exp(-((w + 1) * (w + 1) + (b - 1.5) * (b - 1.5)) * 2)
        return valley + bump + 0.05
    }
}

func sampleHeatmapChart() throws -> HeatmapChart {
    guard let grid = sampleGrid() else { throw SampleError.noGrid }
    let path = Series(name: "descent", x: (0..<40).map { 2.6 - 1.6 * (1 - exp(-Double($0) / 8)) },
                      y: (0..<40).map { 2.2 - 1.7 * (1 - exp(-Double($0) / 6)) })
    return HeatmapChart(
        title: "Cost surface of the NOT neuron", subtitle: "$C(w, b)$ with all other parameters fixed",
        xTitle: "weight $w^{(1)}_{11}$", yTitle: "bias $b^{(1)}_1$", grid: grid, colorBarTitle: "cost $C$",
        contourCount: 8, paths: [path], markers: [PointMarker(x: 1, y: 0.5, label: "minimum", shape: .cross)])
}

enum SampleError: Error {
    case noGrid
}
