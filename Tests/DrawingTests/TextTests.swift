@testable import Drawing
import Testing

@Test func mathScriptsStackAndLeaveTheBaseline() throws {
    let canvas = try Canvas(width: 200, height: 100, format: .png)
    let font = Font.sans(size: 40)
    let base = canvas.measure(.math("a"), font: font)
    let scripted = canvas.measure(.math("a^{(1)}_2"), font: font)
    let subOnly = canvas.measure(.math("a_2"), font: font)
    let supOnly = canvas.measure(.math("a^{(1)}"), font: font)
    #expect(scripted.width > base.width)
    #expect(subOnly.descent > base.descent + 5)
    #expect(supOnly.ascent > base.ascent + 5)
    // Stacked: no wider than the wider script after the base.
    #expect(scripted.width < subOnly.width + supOnly.width - base.width)
}

@Test func scriptsShareTheirX() {
    let layout = TextLayout(label: .math("a^{(1)}_2"), font: .sans(size: 10)) { text, font in
        TextLayout.Metrics(advance: Double(text.count) * font.size * 0.5, ascent: font.size * 0.7, descent: 0)
    }
    let sup = layout.runs.first { $0.text == "(" }
    let sub = layout.runs.first { $0.text == "2" }
    #expect(sup?.x == sub?.x)
    #expect((sup?.y ?? 0) < 0)
    #expect((sub?.y ?? 0) > 0)
    #expect(layout.runs.first?.font.slant == .italic)
    #expect(sub?.font.slant == .upright)
}

@Test func mathInkSitsWhereMeasured() throws {
    let canvas = try Canvas(width: 200, height: 100, format: .png)
    canvas.fillBackground(.white)
    let font = Font.sans(size: 40)
    let baseline = Point(x: 20, y: 60)
    canvas.draw(.math("a^{(1)}_2"), font: font, color: .black, at: baseline)
    let image = try canvas.image()
    var top = image.height
    var bottom = 0
    for y in 0..<image.height {
        for x in 0..<image.width where image[x, y].red < 0.5 {
            top = min(top, y)
            bottom = max(bottom, y)
        }
    }
    let extents = canvas.measure(.math("a^{(1)}_2"), font: font)
    #expect(Double(top) < baseline.y - 30)
    #expect(Double(bottom) > baseline.y + 3)
    #expect(abs(Double(top) - (baseline.y - extents.ascent)) <= 2)
    #expect(abs(Double(bottom) - (baseline.y + extents.descent)) <= 2)
}

@Test func parserHandlesCommandsAndGroups() {
    let nodes = MathParser.parse("\\partial C/\\partial w^{(2)}_{12}")
    #expect(nodes.first == .symbol("∂", .italic, .none))
    #expect(nodes.count == 5)
    if case .scripts(let base, let sub, let sup)? = nodes.last {
        #expect(base == .symbol("w", .italic, .none))
        #expect(sub != nil && sup != nil)
    } else {
        Issue.record("expected scripts at the end: \(nodes)")
    }
    #expect(MathParser.parse("\\sigma")  == [.symbol("σ", .italic, .none)])
    #expect(MathParser.parse("\\nabla") == [.symbol("∇", .upright, .none)])
}

@Test func dollarSignsSplitMathFromText() {
    let label = Label("cost $C$ in \\$")
    #expect(label.segments == [.text("cost "), .math("C"), .text(" in $")])
    #expect(Label.plain("$x$").segments == [.text("$x$")])
}

@Test func missingFontFamilyIsAnError() throws {
    #expect(throws: DrawingError.fontNotFound(family: "No Such Family Zq", package: nil)) {
        try Font.requireInstalled(family: "No Such Family Zq")
    }
    let message = DrawingError.fontNotFound(family: "DejaVu Sans", package: "fonts-dejavu-core").description
    #expect(message == "font 'DejaVu Sans' not found; install fonts-dejavu-core")
    let canvas = try Canvas(width: 10, height: 10, format: .png)
    canvas.draw("x", font: Font(family: "No Such Family Zq", size: 10), color: .black, at: .zero)
    #expect(throws: DrawingError.self) { try canvas.encoded() }
}
