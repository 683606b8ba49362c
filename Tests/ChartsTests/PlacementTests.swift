import Drawing
import Foundation
import Testing
@testable import Charts

/// The placement stage and what a surface's overlays ask of it.
struct PlacementTests {
    @Test("a box fits inside the bounds and clear of boxes, circles and paths claimed before it")
    func fits() {
        var placement = Placement(bounds: Rect(x: 0, y: 0, width: 100, height: 100), gap: 1)
        let box = Rect(x: 10, y: 10, width: 20, height: 10)
        #expect(placement.fits(box))
        #expect(!placement.fits(Rect(x: 90, y: 10, width: 20, height: 10)), "sticks out of the bounds")
        placement.claim(Rect(x: 30.5, y: 10, width: 5, height: 5))
        #expect(!placement.fits(box), "within the gap of a claimed box")
        placement = Placement(bounds: placement.bounds)
        placement.claim(circle: Point(x: 35, y: 15), radius: 4)
        #expect(!placement.fits(Rect(x: 20, y: 10, width: 20, height: 10)))
        #expect(placement.fits(box))
        placement = Placement(bounds: placement.bounds)
        placement.claim(path: [Point(x: 0, y: 50), Point(x: 100, y: 50)], halfWidth: 3)
        #expect(!placement.fits(Rect(x: 10, y: 40, width: 20, height: 8)), "within the path's half width")
        #expect(placement.fits(Rect(x: 10, y: 38, width: 20, height: 8)))
        // A long path is kept in pieces; a box near its far end still sees it.
        placement = Placement(bounds: placement.bounds)
        placement.claim(path: (0...400).map { Point(x: Double($0) / 4, y: 80) }, halfWidth: 1)
        #expect(!placement.fits(Rect(x: 95, y: 78, width: 4, height: 4)))
    }

    @Test("place takes the first candidate with room and counts nothing; one with none is left out when noted")
    func place() {
        var placement = Placement(bounds: Rect(x: 0, y: 0, width: 100, height: 100))
        placement.claim(Rect(x: 0, y: 0, width: 50, height: 50))
        let got = placement.place(width: 10, height: 10, centers: [Point(x: 10, y: 10), Point(x: 70, y: 10)])
        #expect(got == Rect(x: 65, y: 5, width: 10, height: 10))
        #expect(placement.place(width: 10, height: 10, centers: [Point(x: 70, y: 10)]) == nil, "taken by the first")
        placement.noteLeftOut("contour label")
        placement.noteLeftOut("contour label")
        placement.noteLeftOut("marker label")
        #expect(placement.leftOutDescription == "2 contour labels, 1 marker label")
    }

    @Test("a path is thinned to what the pixels show: no two kept points within the distance, ends kept")
    func thinned() {
        let points = (0...1000).map { Point(x: Double($0) * 0.01, y: sin(Double($0) * 0.01)) }
        let kept = HeatmapChart.thinned(points, within: 0.5)
        #expect(kept.first == points.first && kept.last == points.last)
        #expect(kept.count < 40 && kept.count > 15, "\(kept.count)")
        for (a, b) in zip(kept, kept.dropFirst().dropLast()) { #expect(hypot(b.x - a.x, b.y - a.y) >= 0.5) }
    }

    @Test("a path that ends beyond the plot is labelled where it leaves it")
    func exit() throws {
        let plot = Rect(x: 0, y: 0, width: 100, height: 100)
        let exit = try #require(HeatmapChart.exit(of: [Point(x: 50, y: 50), Point(x: 60, y: 40), Point(x: 80, y: -20)], from: plot))
        #expect(abs(exit.x - 73.333333) < 1e-5 && abs(exit.y) < 1e-9)
        #expect(HeatmapChart.exit(of: [Point(x: 50, y: 50), Point(x: 60, y: 40)], from: plot) == nil)
        #expect(HeatmapChart.arrow(from: Point(x: 0, y: 0), to: Point(x: 0, y: -10)) == "↑")
        #expect(HeatmapChart.arrow(from: Point(x: 0, y: 0), to: Point(x: 10, y: 10)) == "↘")
    }
}
