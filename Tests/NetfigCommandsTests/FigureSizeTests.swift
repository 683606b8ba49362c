import Foundation
import Testing

/// Sizes and densities a figure cannot be drawn at are refused before any work, saying why
/// in the output's own terms.
struct FigureSizeTests {
    @Test("a --scale that leaves a PNG under 16 pixels a side is refused with the least that works",
          arguments: ["0.01", "0.001"])
    func tinyScale(_ scale: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = repositoryRoot.appendingPathComponent("assets/not.yaml").path
        let run = try netfig("diagram", spec, "-o", "x.png", "--scale", scale, in: directory)
        #expect(run.status == 2)
        #expect(run.stderr.contains("expected at least 16 a side"), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("x.png").path))
    }

    @Test("an SVG or PDF too large for its heatmaps' density says so in those terms, not as PNG pixels", arguments: ["pdf", "svg"])
    func vectorBudget(_ format: String) throws {
        let spec = repositoryRoot.appendingPathComponent("assets/not.yaml").path
        let run = try netfig("surface", spec, "-o", "/tmp/never.\(format)", "--width", "20000", "--height", "20000")
        #expect(run.status == 2)
        #expect(run.stderr.contains("raster parts") && run.stderr.contains("lower --scale"), "\(run.stderr)")
    }
}
