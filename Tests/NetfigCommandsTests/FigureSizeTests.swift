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

    @Test("an image past cairo's 32 767 pixels a side is refused before any work, exit 2", arguments: ["png", "svg"])
    func widestSide(_ format: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = repositoryRoot.appendingPathComponent("assets/heart.yaml").path
        let run = try netfig("train", spec, "-o", "x.\(format)", "--steps", "3", "--width", "20000", "--height", "270", "--scale", "4.3",
                             in: directory)
        #expect(run.status == 2)
        #expect(run.stderr.contains("would be 86000×1161 pixels; expected at most 32767 a side"), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1)
    }

    @Test("an SVG or PDF too large for its heatmaps' density says so in those terms, not as PNG pixels", arguments: ["pdf", "svg"])
    func vectorBudget(_ format: String) throws {
        let spec = repositoryRoot.appendingPathComponent("assets/not.yaml").path
        let run = try netfig("surface", spec, "-o", "/tmp/never.\(format)", "--width", "20000", "--height", "20000")
        #expect(run.status == 2)
        #expect(run.stderr.contains("raster parts") && run.stderr.contains("lower --scale"), "\(run.stderr)")
    }

    /// Text is sized against the figure, so a figure too small for legible text is refused
    /// rather than drawn as garbage; the message names the least size and the context that
    /// allows a smaller one.
    @Test("a figure too small for legible text is refused with the least size that works",
          arguments: [["diagram", "-o", "x.png", "--width", "50", "--height", "30"],
                      ["surface", "--x", "w1", "--y", "b1", "-o", "x.svg", "--width", "2000", "--height", "100"],
                      ["animate", "-o", "frames", "--size", "200x100"]])
    func tooSmallForText(_ arguments: [String]) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let spec = repositoryRoot.appendingPathComponent("assets/not.yaml").path
        let run = try netfig(arguments: [arguments[0], spec] + arguments.dropFirst(), in: directory)
        #expect(run.status == 2)
        #expect(run.stderr.contains("too small for legible text") && run.stderr.contains("267 wide and 134 high")
                && run.stderr.contains("--context poster"), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
        // The least size it names works.
        if arguments[0] == "diagram" {
            let least = try netfig("diagram", spec, "-o", "x.png", "--width", "267", "--height", "134", in: directory)
            #expect(least.status == 0, "\(least.stderr)")
        }
    }
}
