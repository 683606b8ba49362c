import Synchronization

/// A rectangle of device pixels on a raster canvas of a given pixel size.
public struct PixelBox: Equatable, Sendable {
    public let x: Int
    public let y: Int
    public let width: Int
    public let height: Int
    public let canvasWidth: Int
    public let canvasHeight: Int
}

/// A rectangle of a raster canvas's pixels, as `Canvas.pixels(under:)` copied them.
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

    /// A chart's base layer through an optional cache: without one, `layer()` draws and
    /// returns the layout; with one, the layout comes from `layout()` (the same numbers,
    /// nothing drawn) and the layer's pixels from the cache when it has them.
    public static func draw<Layout>(_ cache: LayerCache?, on canvas: Canvas, under rect: Rect,
                                    layout: () -> Layout, layer: () -> Layout) -> Layout {
        guard let cache else { return layer() }
        cache.draw(on: canvas, under: rect) { _ = layer() }
        return layout()
    }

    /// Draws the layer into `rect`, or puts back the pixels an earlier call drew there on a
    /// canvas of the same size.
    public func draw(on canvas: Canvas, under rect: Rect, _ layer: () -> Void) {
        guard let box = canvas.pixelBox(under: rect) else { return layer() }
        if let kept = patches.withLock({ $0.first(where: { $0.box == box }) }) {
            canvas.restore(kept)
            return
        }
        layer()
        guard let drawn = canvas.pixels(under: rect) else { return }
        patches.withLock { list in
            if !list.contains(where: { $0.box == box }) { list.append(drawn) }
        }
    }
}
