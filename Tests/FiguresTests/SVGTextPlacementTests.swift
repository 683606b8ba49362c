import Charts
import Drawing
import Foundation
import NetworkEngine
import Testing
@testable import Figures

/// Every label of an SVG figure, drawn by librsvg, sits where the PNG has it: within each
/// label's box the ink (what the label adds to the picture drawn without labels) has its
/// centre of mass within a pixel of the PNG's (Pango rounds glyph positions to whole pixels,
/// up to half a pixel each way). A whole-picture pixel count cannot tell a misplaced label
/// from antialiasing; this can (mutation-checked: dropping the anchor's shift or the
/// scripts' dy fails it).
struct SVGTextPlacementTests {
    static let width = 960.0, height = 540.0

    @Test("labels of a diagram with values, biases and math land where the PNG has them")
    func diagram() throws {
        var diagram = NetworkDiagram(network: SampleNetworks.vectorLayer, title: "The vector layer $a^{(1)} = \\sigma(W a^{(0)} + b)$")
        diagram.labels = .values
        diagram.showsBiases = true
        diagram.input = [0.3, 0.4, 0.1]
        let canvas = try Canvas(width: Self.width, height: Self.height, format: .svg)
        _ = diagram.draw(on: canvas, theme: .light)
        try Self.check(canvas.scene)
    }

    @Test("labels of a diagram in the seed's notation land where the PNG has them")
    func symbols() throws {
        let canvas = try Canvas(width: Self.width, height: Self.height, format: .svg)
        _ = NetworkDiagram(network: SampleNetworks.hiddenLayer, title: "4 → 3 → 2").draw(on: canvas, theme: .dark)
        try Self.check(canvas.scene)
    }

    /// Renders the scene with and without its text through cairo (the PNG's renderer) and
    /// through SVGWriter and rsvg-convert, and compares each label's ink.
    static func check(_ scene: Scene, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let bare = Scene(width: scene.width, height: scene.height, items: withoutText(scene.items))
        let png = try cairo(scene), pngBare = try cairo(bare)
        let svg = try rsvg(scene), svgBare = try rsvg(bare)
        let recorder = RecordingRenderer()
        recorder.render(scene)
        var checked = 0
        for (text, clip) in recorder.texts where text.runs.contains(where: { !$0.text.trimmingCharacters(in: .whitespaces).isEmpty }) {
            var box = text.bounds.inset(by: -2)
            if let clip { box = box.intersection(clip) }
            guard let expected = inkCentre(png, pngBare, in: box), let actual = inkCentre(svg, svgBare, in: box) else { continue }
            let distance = ((expected.x - actual.x) * (expected.x - actual.x) + (expected.y - actual.y) * (expected.y - actual.y)).squareRoot()
            #expect(distance < 1, "'\(text.label)': its ink is \(distance) px from the PNG's", sourceLocation: sourceLocation)
            checked += 1
        }
        #expect(checked >= 10, sourceLocation: sourceLocation)
    }

    static func withoutText(_ items: [SceneItem]) -> [SceneItem] {
        items.compactMap { item in
            switch item {
            case .text: return nil
            case .group(var group):
                group.items = withoutText(group.items)
                return .group(group)
            default: return item
            }
        }
    }

    static func cairo(_ scene: Scene) throws -> RGBAImage {
        let renderer = try CairoRenderer(width: scene.width, height: scene.height, format: .png, scale: 1)
        renderer.render(scene)
        return try renderer.image()
    }

    static func rsvg(_ scene: Scene) throws -> RGBAImage {
        let writer = SVGWriter(width: scene.width, height: scene.height)
        writer.render(scene)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("netfig-svg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let svg = folder.appendingPathComponent("figure.svg"), png = folder.appendingPathComponent("figure.png")
        try Data(try writer.encoded()).write(to: svg)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/rsvg-convert")
        process.arguments = ["-w", "\(Int(scene.width))", "-h", "\(Int(scene.height))", svg.path, "-o", png.path]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        return try RGBAImage(contentsOfPNG: png.path)
    }

    /// The centre of what `image` adds to `bare` inside `box`, weighted by how much it
    /// changes each pixel; nil where it adds nothing (a label hidden under another).
    static func inkCentre(_ image: RGBAImage, _ bare: RGBAImage, in box: Rect) -> Point? {
        var total = 0.0, sumX = 0.0, sumY = 0.0
        let x0 = max(0, Int(box.minX.rounded(.down))), x1 = min(image.width, Int(box.maxX.rounded(.up)))
        let y0 = max(0, Int(box.minY.rounded(.down))), y1 = min(image.height, Int(box.maxY.rounded(.up)))
        guard x1 > x0, y1 > y0 else { return nil }
        for y in y0..<y1 {
            for x in x0..<x1 {
                let i = (y * image.width + x) * 4
                let weight = (0..<3).map { abs(Double(image.pixels[i + $0]) - Double(bare.pixels[i + $0])) }.max() ?? 0
                total += weight
                sumX += weight * (Double(x) + 0.5)
                sumY += weight * (Double(y) + 0.5)
            }
        }
        return total > 255 ? Point(x: sumX / total, y: sumY / total) : nil
    }
}
