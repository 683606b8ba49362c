import Synchronization

/// A rectangle of device pixels on a raster canvas of a given pixel size.
public struct PixelBox: Equatable, Sendable {
    public let x: Int
    public let y: Int
    public let width: Int
    public let height: Int
    public let canvasWidth: Int
    public let canvasHeight: Int

    /// The pixels that `rect` touches under a scale-and-offset transform: its corners mapped
    /// to device space (as cairo's `user_to_device` does), rounded outward and kept inside
    /// the canvas; nil when nothing is left.
    init?(under rect: Rect, scaleX: Double, scaleY: Double, offsetX: Double, offsetY: Double,
          canvasWidth: Int, canvasHeight: Int) {
        let x0: Double = scaleX * rect.minX + offsetX, x1: Double = scaleX * rect.maxX + offsetX
        let y0: Double = scaleY * rect.minY + offsetY, y1: Double = scaleY * rect.maxY + offsetY
        let left = max(0, min(x0, x1).rounded(.down)), right = min(Double(canvasWidth), max(x0, x1).rounded(.up))
        let top = max(0, min(y0, y1).rounded(.down)), bottom = min(Double(canvasHeight), max(y0, y1).rounded(.up))
        guard left.isFinite, top.isFinite, right > left, bottom > top else { return nil }
        x = Int(left)
        y = Int(top)
        width = Int(right - left)
        height = Int(bottom - top)
        self.canvasWidth = canvasWidth
        self.canvasHeight = canvasHeight
    }
}

/// A rectangle of a raster surface's pixels, as `CairoRenderer` copied them.
public struct PixelPatch: Sendable {
    public let box: PixelBox
    /// Cairo's premultiplied native-endian ARGB words, row after row.
    let bytes: [UInt8]
}

/// A layer that every frame of an animation draws the same, kept as pixels: the first frame
/// draws it, later frames put its pixels back instead.
///
/// The pixels are exactly what drawing would have given, provided that everything under the
/// rectangle before the layer is the same in every frame (the frame's background), that the
/// layer draws nothing outside the rectangle (the caller clips to it), and that the layer
/// itself is the same every time: the cache tells places and canvas sizes apart, not layers.
/// On SVG and PDF canvases the layer is simply drawn. Safe to share between the threads that
/// draw frames at once.
///
/// ```swift
/// let base = LayerCache()
/// base.draw(on: canvas, under: panel) { drawBackgroundAndHeatmap() }   // drawn, then kept
/// ```
public final class LayerCache: Sendable {
    private let patches = Mutex<[PixelPatch]>([])

    public init() {}

    /// A chart's base layer through an optional cache: drawn when there is none.
    public static func draw(_ cache: LayerCache?, on canvas: Canvas, under rect: Rect, _ layer: () -> Void) {
        guard let cache else { return layer() }
        cache.draw(on: canvas, under: rect, layer)
    }

    /// Draws the layer into `rect` as a group the renderer keeps as pixels, or puts back the
    /// pixels an earlier frame's renderer kept there on a canvas of the same size.
    public func draw(on canvas: Canvas, under rect: Rect, _ layer: () -> Void) {
        guard let box = canvas.pixelBox(under: rect) else { return layer() }
        if let kept = patch(for: box) {
            canvas.append(.pixels(kept))
            return
        }
        canvas.group(keep: (self, rect), layer)
    }

    /// The kept pixels for this box, if a renderer has kept them.
    func patch(for box: PixelBox) -> PixelPatch? {
        patches.withLock { $0.first(where: { $0.box == box }) }
    }

    /// Keeps a renderer's copy of the layer's pixels (the first one for a box wins).
    func keep(_ patch: PixelPatch) {
        patches.withLock { list in
            if !list.contains(where: { $0.box == patch.box }) { list.append(patch) }
        }
    }
}
