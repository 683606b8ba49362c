import Foundation
import Testing
@testable import NetworkEngine

/// A long descent path kept within a budget: every point while they fit, then the points a
/// drawing needs, with the extremes exact.
struct PathRecorderTests {
    /// A spiral into a minimum, as momentum draws, with a far excursion early on.
    static func point(at step: Int) -> DescentPath.Point {
        let t = Double(step)
        let radius: Double = 3 * exp(-t / 50_000) + (step == 777 ? 9 : 0)
        return DescentPath.Point(x: radius * cos(t / 300), y: radius * sin(t / 300) * 0.5, cost: radius)
    }

    @Test("every point is kept up to the limit")
    func exact() {
        var recorder = PathRecorder(limit: 100, resolution: 10)
        for step in 0..<99 { recorder.append(step: step, Self.point(at: step)) }
        #expect(recorder.isExact)
        #expect(recorder.entries.map(\.point) == (0..<99).map { Self.point(at: $0) })
    }

    @Test("past it: the budget holds, the ends and extremes are exact, and every point lies near a kept one")
    func thinned() throws {
        var recorder = PathRecorder(limit: 4096, resolution: 2000)
        let count = 300_001
        for step in 0..<count { recorder.append(step: step, Self.point(at: step)) }
        let kept = recorder.entries
        #expect(!recorder.isExact)
        #expect(kept.count <= 4096)
        #expect(kept.first?.point == Self.point(at: 0))
        #expect(kept.last?.point == Self.point(at: count - 1))
        let xs = (0..<count).map { Self.point(at: $0).x }, ys = (0..<count).map { Self.point(at: $0).y }
        #expect(recorder.xRange == xs.min()!...xs.max()!)
        #expect(recorder.yRange == ys.min()!...ys.max()!)
        let tolerance = try #require(recorder.tolerance)
        // Each point within twice the tolerance of a kept point at or before its step.
        var k = 0
        for step in 0..<count {
            while k + 1 < kept.count, kept[k + 1].step <= step { k += 1 }
            let p = Self.point(at: step), q = kept[k].point
            let near = abs(p.x - q.x) <= 2 * tolerance.x && abs(p.y - q.y) <= 2 * tolerance.y
            if !near {
                Issue.record("step \(step) is \(abs(p.x - q.x)), \(abs(p.y - q.y)) from the kept step \(kept[k].step); tolerance \(tolerance)")
                break
            }
        }
    }
}
