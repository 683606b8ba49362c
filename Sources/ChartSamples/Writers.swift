import Charts
import Drawing
import Foundation

// Each writes one family of sample charts into a folder.

func writeSamples(into folder: String) throws {
    for format in OutputFormat.allCases {
        let canvas = try Canvas(width: 1600, height: 1000, format: format)
        sampleLineChart().draw(on: canvas, in: canvas.bounds, theme: .light)
        try canvas.write(to: "\(folder)/line_chart.\(format.fileExtension)", metadata: ["Software": "netfig sample"])
    }
    for theme in [Theme.dark, Theme.print] {
        let canvas = try Canvas(width: 800, height: 500, format: .png)
        sampleLineChart(series: 3).draw(on: canvas, in: canvas.bounds, theme: theme)
        try canvas.write(to: "\(folder)/line_chart_\(theme.name)_800.png")
    }
    for (width, height) in [(400.0, 300.0), (2400.0, 1600.0)] {
        let canvas = try Canvas(width: width, height: height, format: .png)
        sampleLineChart(series: 3).draw(on: canvas, in: canvas.bounds, theme: .light)
        try canvas.write(to: "\(folder)/line_chart_\(Int(width))x\(Int(height)).png")
    }
}

func writeHeatmapSamples(into folder: String) throws {
    let chart = try sampleHeatmapChart()
    for format in OutputFormat.allCases {
        let canvas = try Canvas(width: 1200, height: 900, format: format)
        chart.draw(on: canvas, in: canvas.bounds, theme: .light)
        try canvas.write(to: "\(folder)/heatmap.\(format.fileExtension)", metadata: ["Software": "netfig sample"])
    }
    var logChart = chart
    logChart.colors = ColorScale(map: .magma, domain: (chart.grid.finiteRange(positive: true) ?? 0.01...1), kind: .log)
    let canvas = try Canvas(width: 800, height: 600, format: .png, scale: 2)
    logChart.draw(on: canvas, in: canvas.bounds, theme: .dark)
    try canvas.write(to: "\(folder)/heatmap_log_dark@2x.png")
    let small = try Canvas(width: 400, height: 300, format: .png)
    chart.draw(on: small, in: small.bounds, theme: .print)
    try small.write(to: "\(folder)/heatmap_400x300_print.png")
}

func writeMathSample(into folder: String) throws {
    let labels: [Label] = [
        "$a^{(1)}_2$, $w^{(2)}_{12}$, $x_1$, $b^{(l)}_j$",
        "$\\partial C/\\partial w^{(2)}_{12}$ and $\\nabla_W C$",
        "$\\delta^{(l)}_j = \\sigma'(z^{(l)}_j) \\cdot \\sum_k w^{(l+1)}_{kj} \\delta^{(l+1)}_k$",
        "$C = \\frac{1}{n} \\sum_k (a_k - y_k)^2$",
        "Greek: $\\alpha \\beta \\gamma \\eta \\theta \\lambda \\mu \\pi \\rho \\sigma \\tau \\phi \\omega \\Delta \\Sigma \\Omega$",
        "$w \\gets w - \\eta \\, \\partial C/\\partial w$,  $x \\in [-1, 1]$, $z \\leq 10^{-3}$",
    ]
    for format in [OutputFormat.png, .pdf] {
        let canvas = try Canvas(width: 900, height: 520, format: format)
        canvas.fillBackground(.white)
        let font = Font.sans(size: 30)
        for (index, label) in labels.enumerated() {
            let baseline = Point(x: 30, y: 60 + Double(index) * 75)
            let extents = canvas.measure(label, font: font)
            canvas.rectangle(Rect(x: baseline.x, y: baseline.y - extents.ascent, width: extents.width, height: extents.height))
            canvas.stroke(Color(hex: 0x56B4E9), style: StrokeStyle(width: 1))
            canvas.polyline([Point(x: baseline.x, y: baseline.y), Point(x: baseline.x + extents.width, y: baseline.y)])
            canvas.stroke(Color(hex: 0xE69F00), style: StrokeStyle(width: 1))
            canvas.draw(label, font: font, color: .black, at: baseline)
        }
        canvas.draw("vertical $C$", font: .sans(size: 24), color: .black, at: Point(x: 870, y: 260),
                    anchor: .center, rotation: -Double.pi / 2)
        try canvas.write(to: "\(folder)/math.\(format.fileExtension)")
    }
}

func writeFitSample(into folder: String) throws {
    let xs = stride(from: -3.0, through: 3.0, by: 0.05).map { $0 }
    let inputs = stride(from: -3.0, through: 3.0, by: 0.4).map { $0 }
    let chart = LineChart(
        title: "What the network computes", subtitle: "1 → 1, tanh, after 2,000 steps",
        xTitle: "input $x$", yTitle: "output $a^{(2)}_1$",
        series: [Series(name: "network $a^{(2)}_1(x)$", x: xs, y: xs.map { tanh(1.7 * $0) * 0.9 - 0.05 }),
                 Series(name: "targets $y$", x: inputs, y: inputs.map { $0 < 0 ? -0.8 : 0.8 }, kind: .markers)],
        yScale: .linear)
    for theme in [Theme.light, .print] {
        let canvas = try Canvas(width: 900, height: 600, format: .png)
        chart.draw(on: canvas, in: canvas.bounds, theme: theme)
        try canvas.write(to: "\(folder)/fit_\(theme.name).png")
    }
}

func writeDivergingSample(into folder: String) throws {
    guard let grid = (Grid(columns: 60, rows: 40, x: 0...6, y: 0...4) { x, y in sin(x) * cos(y) * 0.8 }) else {
        throw SampleError.noGrid
    }
    let chart = HeatmapChart(title: "Gradient $\\partial C/\\partial w$", xTitle: "$w_1$", yTitle: "$w_2$", grid: grid,
                             colors: .diverging(map: .redBlue, values: grid.values), colorBarTitle: "$\\partial C/\\partial w$",
                             contourLevels: [-0.6, -0.3, 0.3, 0.6])
    let canvas = try Canvas(width: 900, height: 600, format: .png)
    chart.draw(on: canvas, in: canvas.bounds, theme: .light)
    try canvas.write(to: "\(folder)/heatmap_diverging.png")
}
