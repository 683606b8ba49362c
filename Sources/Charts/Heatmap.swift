import Drawing

/// A grid of values shown as colours, rendered at the canvas's device-pixel size.
///
/// Each device pixel takes the colour of the grid bilinearly interpolated at the pixel's
/// centre (see `Grid.interpolated`), so a coarse grid looks smooth and an SVG viewer never has
/// to scale the image up. NaN and ±∞ get the colour map's bad colour.
///
/// ```swift
/// let heatmap = Heatmap(grid: grid, colors: ColorScale(map: .viridis, domain: 0...1))
/// heatmap.draw(on: canvas, in: plot)
/// ```
public struct Heatmap: Sendable {
    public var grid: Grid
    public var colors: ColorScale

    public init(grid: Grid, colors: ColorScale) {
        self.grid = grid
        self.colors = colors
    }

    /// The image of the whole grid at a pixel size, row 0 at the top (highest y).
    public func image(width: Int, height: Int) -> RGBAImage {
        var image = RGBAImage(width: width, height: height)
        guard width > 0, height > 0 else { return image }
        let xSpan: Double = grid.x.upperBound - grid.x.lowerBound
        let ySpan: Double = grid.y.upperBound - grid.y.lowerBound
        image.pixels.withUnsafeMutableBufferPointer { pixels in
            for row in 0..<height {
                let v: Double = (Double(row) + 0.5) / Double(height)
                let y: Double = grid.y.upperBound - v * ySpan
                for column in 0..<width {
                    let u: Double = (Double(column) + 0.5) / Double(width)
                    let x: Double = grid.x.lowerBound + u * xSpan
                    let color = colors.color(for: grid.interpolated(x: x, y: y)).bytes
                    let i = (row * width + column) * 4
                    pixels[i] = color.red
                    pixels[i + 1] = color.green
                    pixels[i + 2] = color.blue
                    pixels[i + 3] = color.alpha
                }
            }
        }
        return image
    }

    /// Draws the grid filling `rect`, one image pixel per device pixel.
    ///
    /// For exact pixels, `rect` should lie on the device-pixel grid (`Axes.layout(snap:)`).
    public func draw(on canvas: Canvas, in rect: Rect) {
        let scale = canvas.deviceScale
        let width = Int((rect.width * scale).rounded())
        let height = Int((rect.height * scale).rounded())
        canvas.drawImage(image(width: width, height: height), in: rect)
    }
}
