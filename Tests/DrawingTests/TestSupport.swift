import Drawing
import Foundation

/// A fresh, empty folder under the system temporary folder.
func temporaryFolder(_ name: String = #function) -> String {
    let safe = name.filter { $0.isLetter || $0.isNumber }
    let path = NSTemporaryDirectory() + "drawing-tests-\(safe)-\(UInt32.random(in: 0...UInt32.max))"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// A small drawing exercising paths, dashes, an image, clipping and math text.
func drawSample(on canvas: Canvas) {
    canvas.fillBackground(.white)
    canvas.polyline([Point(x: 10, y: 50), Point(x: 190, y: 50)])
    canvas.stroke(Color(hex: 0xD55E00), style: StrokeStyle(width: 4))
    canvas.withState {
        canvas.clip(to: Rect(x: 0, y: 0, width: 100, height: 100))
        canvas.circle(center: Point(x: 100, y: 100), radius: 30)
        canvas.fill(Color(hex: 0x0072B2, alpha: 0.5))
    }
    canvas.move(to: Point(x: 10, y: 120))
    canvas.curve(to: Point(x: 190, y: 120), control1: Point(x: 60, y: 80), control2: Point(x: 140, y: 160))
    canvas.stroke(.black, style: StrokeStyle(width: 1.5, dash: [6, 3], cap: .round))
    var image = RGBAImage(width: 4, height: 4, fill: .white)
    image[1, 1] = .black
    canvas.drawImage(image, in: Rect(x: 150, y: 100, width: 40, height: 40))
    canvas.draw("cost $a^{(1)}_2 = \\sigma(z)$", font: .sans(size: 14), color: .black,
                at: Point(x: 100, y: 20), anchor: .center)
    canvas.draw("$\\partial C/\\partial w$", font: .sans(size: 12), color: .black,
                at: Point(x: 20, y: 140), anchor: .center, rotation: -Double.pi / 2)
}
