import Drawing
import Foundation
import Testing

/// An SVG figure, drawn by librsvg at the PNG's size, shows what the PNG shows: under 2 % of
/// pixels differ by more than 16 of 255 in a channel (what differs is the antialiasing and
/// hinting of text, which rsvg sets with Pango). Each figure kind, and an animation frame.
struct SVGFidelityTests {
    static let cases: [[String]] = [
        ["diagram", "hidden-layer.yaml"],
        ["diagram", "vector-layer.yaml", "--labels", "values", "--biases", "--input", "0.3,0.4,0.1"],
        ["diagram", "hidden-layer.yaml", "--color", "gradients", "--labels", "values", "--theme", "dark"],
        ["surface", "not.yaml", "--x", "w1", "--y", "b1", "--x-range", "-10:10", "--y-range", "-10:10", "--descent", "200", "--rate", "0.5"],
        ["train", "heart.yaml", "--steps", "2000"],
        ["fit", "heart.yaml", "--history", "100", "--steps", "2000"],
        ["fit", "xor.yaml", "--train", "--steps", "500", "--theme", "print"],
    ]

    @Test("an SVG figure drawn by rsvg-convert differs from the PNG on under 2 % of pixels", arguments: cases)
    func figure(arguments: [String]) throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = repositoryRoot.appendingPathComponent("assets/\(arguments[1])").path
        var command = arguments
        command[1] = spec
        for format in ["png", "svg"] {
            let run = try netfig(arguments: command + ["-o", folder.appendingPathComponent("figure.\(format)").path])
            try #require(run.status == 0, "\(run.stderr)")
        }
        try Self.compare(png: folder.appendingPathComponent("figure.png"), svg: folder.appendingPathComponent("figure.svg"))
    }

    @Test("an SVG animation frame drawn by rsvg-convert differs from the PNG frame on under 2 % of pixels")
    func frame() throws {
        let folder = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = repositoryRoot.appendingPathComponent("assets/heart.yaml").path
        for format in ["png", "svg"] {
            // At the density figures are written at (--scale 2), as in `figure`: the pixels that
            // differ are glyph edges (rsvg hints text through Pango, cairo here does not), and
            // at scale 1 slide-sized text gives them 2.2 % of a 1280×720 frame.
            let run = try netfig(arguments: ["animate", spec, "-o", folder.appendingPathComponent(format).path, "--frames", "2",
                                             "--steps", "500", "--format", format, "--scale", "2"])
            try #require(run.status == 0, "\(run.stderr)")
        }
        try Self.compare(png: folder.appendingPathComponent("png/frame_00002.png"), svg: folder.appendingPathComponent("svg/frame_00002.svg"))
    }

    static func compare(png: URL, svg: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let expected = try RGBAImage(contentsOfPNG: png.path)
        let rendered = svg.deletingPathExtension().appendingPathExtension("rsvg.png")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/rsvg-convert")
        process.arguments = ["-w", "\(expected.width)", "-h", "\(expected.height)", svg.path, "-o", rendered.path]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "rsvg-convert failed on \(svg.path)", sourceLocation: sourceLocation)
        let actual = try RGBAImage(contentsOfPNG: rendered.path)
        try #require(actual.width == expected.width && actual.height == expected.height, sourceLocation: sourceLocation)
        var differing = 0
        expected.pixels.withUnsafeBufferPointer { a in
            actual.pixels.withUnsafeBufferPointer { b in
                for pixel in stride(from: 0, to: a.count, by: 4) {
                    // Compared as drawn over the figure's own background: rsvg leaves no pixel
                    // transparent that the PNG fills, so the colour channels suffice.
                    let worst = (0..<3).map { abs(Int(a[pixel + $0]) - Int(b[pixel + $0])) }.max() ?? 0
                    if worst > 16 { differing += 1 }
                }
            }
        }
        let share = Double(differing) / Double(expected.width * expected.height)
        #expect(share < 0.02, "\(svg.lastPathComponent): \(share * 100) % of pixels differ", sourceLocation: sourceLocation)
    }
}
