import Dispatch
import Drawing
import Foundation

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
    ///
    /// The same numbers as `grid.interpolated` and `colors.color(for:)` per pixel, but the
    /// interpolation's cell and fraction are found once per column and once per row, and the
    /// colours come from a `ColorLookup`: identical pixels at a fraction of the cost.
    public func image(width: Int, height: Int) -> RGBAImage {
        var image = RGBAImage(width: width, height: height)
        guard width > 0, height > 0 else { return image }
        let xSpan: Double = grid.x.upperBound - grid.x.lowerBound
        let ySpan: Double = grid.y.upperBound - grid.y.lowerBound
        let columnCells = (0..<width).map { column -> (Int, Double) in
            let u: Double = (Double(column) + 0.5) / Double(width)
            let x: Double = grid.x.lowerBound + u * xSpan
            return Self.cell(x, in: grid.x, count: grid.columns)
        }
        let lookup = ColorLookup(colors)
        let columns = grid.columns
        let (yRange, rows) = (grid.y, grid.rows)
        // Bands of rows on every core: a 1600×1200 figure is two million pixels, each a
        // bilinear interpolation and a colour lookup (and a logarithm on log scales).
        let bands = max(1, min(ProcessInfo.processInfo.activeProcessorCount, height / 64))
        grid.values.withUnsafeBufferPointer { values in
            columnCells.withUnsafeBufferPointer { columnCells in
                image.pixels.withUnsafeMutableBufferPointer { pixels in
                    let shared = PixelBands(values: values, columnCells: columnCells, pixels: pixels)
                    DispatchQueue.concurrentPerform(iterations: bands) { band in
                        let values = shared.values, columnCells = shared.columnCells
                        guard let pixels = shared.pixels.baseAddress.map(UnsafeMutableRawPointer.init) else { return }
                        for row in (band * height / bands)..<((band + 1) * height / bands) {
                            let v: Double = (Double(row) + 0.5) / Double(height)
                            let y: Double = yRange.upperBound - v * ySpan
                            let (r0, ty) = Self.cell(y, in: yRange, count: rows)
                            let below = r0 * columns
                            let above = below + columns
                            for column in 0..<width {
                                let (c0, tx) = columnCells[column]
                                let v00 = values[below + c0]
                                let v10 = values[below + c0 + 1]
                                let v01 = values[above + c0]
                                let v11 = values[above + c0 + 1]
                                let value: Double
                                if v00.isFinite && v10.isFinite && v01.isFinite && v11.isFinite {
                                    let bottom: Double = v00 + (v10 - v00) * tx
                                    let top: Double = v01 + (v11 - v01) * tx
                                    value = bottom + (top - bottom) * ty
                                } else {
                                    // As Grid.interpolated: the nearest point, so bad cells stay sharp.
                                    let nearest = (ty < 0.5 ? below : above) + c0 + (tx < 0.5 ? 0 : 1)
                                    value = values[nearest]
                                }
                                pixels.storeBytes(of: lookup.pixel(for: value), toByteOffset: (row * width + column) * 4, as: UInt32.self)
                            }
                        }
                    }
                }
            }
        }
        return image
    }

    /// The lower grid index and the fraction towards the next, exactly as `Grid.interpolated`
    /// computes them for one axis.
    @inline(__always)
    private static func cell(_ p: Double, in range: ClosedRange<Double>, count: Int) -> (Int, Double) {
        let span: Double = range.upperBound - range.lowerBound
        let f: Double = span == 0 ? 0 : (p - range.lowerBound) / span * Double(count - 1)
        let c: Double = min(max(f, 0), Double(count - 1))
        let index = min(Int(c), count - 2)
        return (index, c - Double(index))
    }

    /// Draws the grid filling `rect`, one image pixel per device pixel.
    ///
    /// For exact pixels, `rect` should lie on the device-pixel grid (`Axes.snapsToPixels`).
    public func draw(on canvas: Canvas, in rect: Rect) {
        let scale = canvas.deviceScale
        let width = Int((rect.width * scale).rounded())
        let height = Int((rect.height * scale).rounded())
        canvas.drawImage(image(width: width, height: height), in: rect)
    }
}

/// The grid's values, each column's cell and the image's pixels, shared by the threads that
/// fill disjoint bands of rows.
private struct PixelBands: @unchecked Sendable {
    let values: UnsafeBufferPointer<Double>
    let columnCells: UnsafeBufferPointer<(Int, Double)>
    let pixels: UnsafeMutableBufferPointer<UInt8>
}

