import Drawing
import Testing

@Test func canvasAtScaleTwoHasDoublePixels() throws {
    let canvas = try Canvas(width: 80, height: 60, format: .png, scale: 2)
    canvas.fillBackground(.white)
    let image = try RGBAImage(pngData: try canvas.encoded())
    #expect(image.width == 160)
    #expect(image.height == 120)
}

@Test func horizontalLineCrossesKnownPixel() throws {
    let canvas = try Canvas(width: 100, height: 50, format: .png, scale: 2)
    let background = Color(hex: 0xFAFAFA)
    let lineColor = Color(hex: 0xD55E00)
    canvas.fillBackground(background)
    canvas.polyline([Point(x: 10, y: 20), Point(x: 90, y: 20)])
    canvas.stroke(lineColor, style: StrokeStyle(width: 3))
    let image = try RGBAImage(pngData: try canvas.encoded())
    // y = 20 units is device row 40; the line covers rows 37...42 at scale 2.
    #expect(image[100, 40].distance(to: lineColor) < 2.0 / 255)
    #expect(image[100, 38].distance(to: lineColor) < 2.0 / 255)
    #expect(image[100, 30].distance(to: background) < 1.0 / 255)
    #expect(image[10, 40].distance(to: background) < 1.0 / 255)
}

@Test func drawnImageLandsPixelForPixel() throws {
    let canvas = try Canvas(width: 10, height: 10, format: .png, scale: 2)
    var image = RGBAImage(width: 20, height: 20, fill: .white)
    image[3, 5] = Color(hex: 0x123456)
    canvas.drawImage(image, in: Rect(x: 0, y: 0, width: 10, height: 10))
    let pixels = try canvas.image()
    #expect(pixels[3, 5] == Color(hex: 0x123456))
    #expect(pixels[4, 5] == .white)
}

@Test func transparentPixelsRoundTrip() throws {
    let canvas = try Canvas(width: 4, height: 4, format: .png)
    canvas.rectangle(Rect(x: 0, y: 0, width: 2, height: 4))
    canvas.fill(Color(hex: 0x336699, alpha: 0.5))
    let image = try RGBAImage(pngData: try canvas.encoded())
    #expect(image[3, 0].alpha == 0)
    #expect(abs(image[0, 0].alpha - 0.5) < 0.01)
    #expect(image[0, 0].withAlpha(1).distance(to: Color(hex: 0x336699)) < 3.0 / 255)
}
