import Charts
import Drawing
import Foundation
import Testing
@testable import Figures
@testable import NetworkEngine

/// The 3-D surface: a path is hidden exactly where the surface covers it.
struct Surface3DFigureTests {
    /// A hill in the middle of a flat square: cost exp(−(x² + y²)/0.08).
    static func hill() -> CostSurface {
        let n = 129
        var values: [Double] = []
        for row in 0..<n {
            for column in 0..<n {
                let x = -1 + 2 * Double(column) / Double(n - 1), y = -1 + 2 * Double(row) / Double(n - 1)
                values.append(exp(-(x * x + y * y) / 0.08))
            }
        }
        return CostSurface(x: .single(weight: true, layer: 1), y: .single(weight: false, layer: 1), xRange: -1...1, yRange: -1...1,
                           columns: n, rows: n, values: values)
    }

    static func drawn(azimuth: Double, elevation: Double, paths: [[DescentPath.Point]]) throws -> Surface3DFigure.Drawn {
        let network = Network(layers: [Dense(W: Matrix(rows: 1, columns: 1, values: [0]), b: [0], activation: .tanh)])
        var figure = Surface3DFigure(surface: hill(), network: network, title: "t", subtitle: "")
        figure.azimuth = azimuth
        figure.elevation = elevation
        figure.markMinimum = false
        figure.paths = paths.map { ($0, Color.white) }
        let canvas = try Canvas(width: 960, height: 540, format: .png, scale: 1)
        return figure.render(on: canvas, theme: .light)
    }

    /// A straight path along y at x = 0 (costs unused: a path is placed on the drawn surface).
    static func line(from y0: Double, to y1: Double) -> [DescentPath.Point] {
        (0...20).map { DescentPath.Point(x: 0, y: y0 + (y1 - y0) * Double($0) / 20, cost: 0) }
    }

    @Test("seen low from the front, a path behind the hill is hidden and one in front is drawn; from above both show")
    func hiddenBehindTheHill() throws {
        // Azimuth 0: the viewer looks along +y, from below y = −1.
        let behind = try Self.drawn(azimuth: 0, elevation: 15, paths: [Self.line(from: 0.3, to: 0.5)])
        #expect(behind.visible.flatMap { $0 }.isEmpty, "\(behind.visible)")
        #expect(!behind.hidden.isEmpty)
        let front = try Self.drawn(azimuth: 0, elevation: 15, paths: [Self.line(from: -0.7, to: -0.5)])
        #expect(front.hidden.isEmpty, "\(front.hidden)")
        #expect(front.visible.flatMap { $0 }.count > 20)
        // Across the hill: drawn up its near side, hidden beyond its top.
        let across = try Self.drawn(azimuth: 0, elevation: 15, paths: [Self.line(from: -0.8, to: 0.8)])
        #expect(!across.visible.isEmpty && !across.hidden.isEmpty)
        let topY = try #require(across.visible.flatMap { $0 }.map(\.y).min())
        #expect(across.hidden.allSatisfy { $0.y >= topY - 1 }, "hidden points lie at or above the crest on screen")
        // From above nothing is behind anything.
        let above = try Self.drawn(azimuth: 0, elevation: 85, paths: [Self.line(from: -0.8, to: 0.8)])
        #expect(above.hidden.isEmpty)
        // From behind, the roles swap.
        let reversed = try Self.drawn(azimuth: 180, elevation: 15, paths: [Self.line(from: 0.3, to: 0.5)])
        #expect(reversed.hidden.isEmpty && !reversed.visible.isEmpty)
    }

    @Test("the floor carries the map's contours, at their level's distance from the hill's top, and the path's shadow, covered exactly where the surface is above it")
    func floorContoursAndShadow() throws {
        let drawn = try Self.drawn(azimuth: 0, elevation: 30, paths: [Self.line(from: -1, to: 1)])
        let grid = try #require(Grid(columns: 129, rows: 129, values: Self.hill().values, x: -1...1, y: -1...1))
        let levels = Contours.levels(for: grid, count: 10)
        #expect(Set(drawn.floor.compactMap(\.level)) == Set(levels))
        // The cost exp(−r²/0.08) is v at r = √(−0.08 ln v): every floor point of a level's line
        // lies there, to the grid's spacing (marching squares interpolates linearly).
        let spacing = 2.0 / 128
        for run in drawn.floor {
            guard let level = run.level else { continue }
            let radius = (-0.08 * Foundation.log(level)).squareRoot()
            for (x, y) in run.points {
                #expect(abs((x * x + y * y).squareRoot() - radius) < spacing, "level \(level) at (\(x), \(y))")
            }
        }
        // Seen from y = −1 at 30°, the floor (0.3 below the surface's lowest point, which the
        // flat plain holds) at y shows only where the plain's front edge does not cover it: the
        // plain at height h hides floor points with y ≥ −1 + (0.3 + h) cot 30°. Near the front
        // edge the plain is flat (h = e^(−12.5) ≈ 0), so the boundary is at −1 + 0.3√3.
        let boundary = -1 + 0.3 * 3.0.squareRoot()
        let shadow = drawn.floor.filter { $0.level == nil }
        #expect(shadow.count == 2, "one run in front of the plain's edge, one under it")
        let pixel = 2.0 / drawn.plot.height * 2  // a box unit is at most this many pixels apart on screen
        for run in shadow {
            for (_, y) in run.points.dropFirst().dropLast() {
                #expect(run.covered ? y > boundary - pixel : y < boundary + pixel, "y = \(y), covered: \(run.covered)")
            }
        }
        // Every contour of the hill lies under it.
        #expect(drawn.floor.filter { $0.level != nil }.allSatisfy { $0.covered })
        // With no floor contours, the floor is the plain's own height and carries nothing.
        var flat = Surface3DFigure(surface: Self.hill(), network: Network(layers: [Dense(W: Matrix(rows: 1, columns: 1, values: [0]), b: [0], activation: .tanh)]),
                                   title: "t", subtitle: "")
        flat.floorContours = 0
        #expect(flat.floor == 0)
        let canvas = try Canvas(width: 960, height: 540, format: .png, scale: 1)
        #expect(flat.render(on: canvas, theme: .light).floor.isEmpty)
    }
}
