import Drawing
import Testing

/// What the recording renderer reports: each mark with the clips it was drawn under,
/// intersected, and the opacity of its groups, multiplied.
struct RecordingRendererTests {
    @Test("marks carry the intersection of their groups' clips, and labels their boxes")
    func clipsAndTexts() throws {
        let canvas = try Canvas(width: 200, height: 100, format: .png)
        canvas.fillBackground(.white)
        canvas.withState {
            canvas.clip(to: Rect(x: 0, y: 0, width: 120, height: 80))
            canvas.withState {
                canvas.clip(to: Rect(x: 50, y: 10, width: 100, height: 100))
                canvas.draw("inside", font: .sans(size: 12), color: .black, at: Point(x: 60, y: 40))
            }
            canvas.rectangle(Rect(x: 5, y: 5, width: 10, height: 10))
            canvas.fill(.black)
        }
        let recorder = RecordingRenderer()
        recorder.render(canvas.scene)
        #expect(recorder.marks.count == 3)
        #expect(recorder.marks[0].clip == nil)
        let text = try #require(recorder.texts.first)
        #expect(text.clip == Rect(x: 50, y: 10, width: 70, height: 70))
        let box = text.text.bounds
        let measured = canvas.measure("inside", font: .sans(size: 12))
        #expect(box.minX == 60 && abs(box.width - measured.width) < 1e-12)
        #expect(abs(box.maxY - (40 + measured.descent)) < 1e-12)
        #expect(recorder.marks[2].clip == Rect(x: 0, y: 0, width: 120, height: 80))
    }

    @Test("a rotated label's box is the upright box around it")
    func rotatedBounds() throws {
        let canvas = try Canvas(width: 200, height: 200, format: .png)
        canvas.draw("cost", font: .sans(size: 20), color: .black, at: Point(x: 100, y: 100), anchor: .center, rotation: -Double.pi / 2)
        let recorder = RecordingRenderer()
        recorder.render(canvas.scene)
        let text = try #require(recorder.texts.first?.text)
        let measured = canvas.measure("cost", font: .sans(size: 20))
        // Turned a quarter, the label is as tall as it was wide, centred where it was anchored.
        #expect(abs(text.bounds.height - measured.width) < 1e-9)
        #expect(abs(text.bounds.width - measured.height) < 1e-9)
        #expect(abs(text.bounds.midY - 100) < 1e-9)
    }

    @Test("opacity multiplies through nested groups")
    func opacity() {
        let inner = SceneGroup(opacity: 0.5, items: [.paint(.black)])
        let scene = Scene(width: 10, height: 10, items: [.group(SceneGroup(opacity: 0.4, items: [.group(inner)]))])
        let recorder = RecordingRenderer()
        recorder.render(scene)
        #expect(recorder.marks.count == 1)
        #expect(abs((recorder.marks.first?.opacity ?? 0) - 0.2) < 1e-15)
    }
}

/// A group's opacity, as cairo composites it and as SVG writes it.
struct GroupOpacityTests {
    static let scene = Scene(width: 20, height: 20, items: [
        .paint(.white),
        .group(SceneGroup(opacity: 0.5, items: [
            .path(ScenePath(segments: [.rectangle(Rect(x: 0, y: 0, width: 10, height: 20))], paint: .fill(.black))),
            // Overlapping the first inside the group: composited once, not darker where they meet.
            .path(ScenePath(segments: [.rectangle(Rect(x: 5, y: 0, width: 10, height: 20))], paint: .fill(.black))),
        ])),
    ])

    @Test("cairo composites a translucent group once, over what is under it")
    func cairo() throws {
        let renderer = try CairoRenderer(width: 20, height: 20, format: .png)
        renderer.render(Self.scene)
        let image = try renderer.image()
        for x in [2, 7, 12] { #expect(abs(Int(image[x, 10].bytes.red) - 128) <= 1, "x = \(x)") }
        #expect(image[18, 10].bytes.red == 255)
    }

    @Test("SVG writes the group's opacity on its <g>")
    func svg() throws {
        let writer = SVGWriter(width: 20, height: 20)
        writer.render(Self.scene)
        let text = String(decoding: try writer.encoded(), as: UTF8.self)
        #expect(text.contains("<g opacity=\"0.5\">"))
    }
}
