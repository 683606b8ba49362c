import Drawing
import Synchronization

/// The last few heatmap images, so that the frames of an animation whose surface does not
/// move compute its pixels once instead of once per frame.
///
/// Keyed by everything the pixels depend on: the grid (its values, compared element by
/// element, which is immediate when frames share one array), its ranges, the colour scale
/// and the pixel size. Safe to use from the threads that render frames at once; the pixels
/// are computed outside the lock.
///
/// ```swift
/// let image = HeatmapImageCache.shared.image(for: heatmap, width: 800, height: 600) {
///     heatmap.render(width: 800, height: 600)
/// }
/// ```
final class HeatmapImageCache: Sendable {
    static let shared = HeatmapImageCache()

    /// Enough for an animation's surface panel and a figure or two beside it.
    static let capacity = 2

    private struct Key: Equatable {
        let values: [Double]
        let columns: Int
        let x: ClosedRange<Double>
        let y: ClosedRange<Double>
        let colors: ColorScale
        let width: Int
        let height: Int
    }

    private let entries = Mutex<[(key: Key, image: RGBAImage)]>([])

    /// The cached image for this heatmap and size, or the one `make` renders (then kept).
    ///
    /// - Parameters:
    ///   - heatmap: the grid and colours.
    ///   - width, height: the pixel size.
    ///   - make: renders the image when it is not cached.
    func image(for heatmap: Heatmap, width: Int, height: Int, make: () -> RGBAImage) -> RGBAImage {
        let key = Key(values: heatmap.grid.values, columns: heatmap.grid.columns, x: heatmap.grid.x,
                      y: heatmap.grid.y, colors: heatmap.colors, width: width, height: height)
        if let hit = entries.withLock({ list in list.first(where: { $0.key == key })?.image }) { return hit }
        let image = make()
        entries.withLock { list in
            list.removeAll { $0.key == key }
            list.insert((key, image), at: 0)
            if list.count > Self.capacity { list.removeLast(list.count - Self.capacity) }
        }
        return image
    }
}
