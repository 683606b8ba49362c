import Foundation

/// A figure as a value: what to draw, in order, independent of any output format.
///
/// Charts and figures build a scene through a `Canvas`; a renderer turns it into a file
/// (`CairoRenderer` for PNG and PDF, `SVGWriter` for SVG) or into a list of what was drawn
/// where (`RecordingRenderer`, for tests). Coordinates are format units with y downwards:
/// PNG pixels before the scale, SVG CSS px, PDF points.
///
/// ```swift
/// let canvas = try Canvas(width: 200, height: 100, format: .png)
/// canvas.draw("$w^{(2)}_{12}$", font: .sans(size: 14), color: .black, at: Point(x: 100, y: 50), anchor: .center)
/// let scene = canvas.scene        // one text item, its runs laid out with cairo's metrics
/// ```
public struct Scene: Sendable {
    public var width: Double
    public var height: Double
    public var items: [SceneItem]

    public init(width: Double, height: Double, items: [SceneItem] = []) {
        self.width = width
        self.height = height
        self.items = items
    }

    /// The whole scene as a rectangle.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }
}

/// One thing a scene draws.
public enum SceneItem: Sendable {
    /// A path filled or stroked.
    case path(ScenePath)
    /// A label, laid out.
    case text(SceneText)
    /// Pixels stretched over a rectangle (heatmaps).
    case image(SceneImage)
    /// Items drawn together under a clip, an opacity, or kept as pixels between frames.
    case group(SceneGroup)
    /// A colour over everything the enclosing clips leave (a background).
    case paint(Color)
    /// Pixels a raster renderer kept from an earlier frame's group (see `LayerCache`), put
    /// back as they were.
    case pixels(PixelPatch)
}

/// A path and how it is painted.
public struct ScenePath: Sendable {
    /// One step of a path, as cairo and SVG both understand it.
    public enum Segment: Sendable, Equatable {
        case move(Point)
        case line(Point)
        case curve(to: Point, control1: Point, control2: Point)
        /// A circular arc as its own sub-path, clockwise on screen from `start` to `end`
        /// (radians, 0 = +x).
        case arc(center: Point, radius: Double, start: Double, end: Double)
        case rectangle(Rect)
        case close
    }

    public enum Paint: Sendable, Equatable {
        case fill(Color)
        case stroke(Color, StrokeStyle)
    }

    public var segments: [Segment]
    public var paint: Paint

    public init(segments: [Segment], paint: Paint) {
        self.segments = segments
        self.paint = paint
    }
}

/// A label laid out in runs of one font each (math is several runs: italic letters, smaller
/// raised scripts).
public struct SceneText: Sendable, Equatable {
    /// What the label says, as given (plain text and `$…$` math).
    public var label: Label
    /// The runs, from the label's start on its baseline: x along it, y below it (a
    /// superscript's y is negative).
    public var runs: [TextRun]
    /// The point the label is drawn about (its anchor point).
    public var origin: Point
    /// Where the label's start on its baseline lies from `origin`, before rotation: the
    /// anchor's shift.
    public var offset: Point
    /// Radians, clockwise on screen.
    public var rotation: Double
    public var color: Color
    /// Advance width and ink ascent and descent of the whole label.
    public var extents: TextExtents

    public init(label: Label, runs: [TextRun], origin: Point, offset: Point, rotation: Double, color: Color,
                extents: TextExtents) {
        self.label = label
        self.runs = runs
        self.origin = origin
        self.offset = offset
        self.rotation = rotation
        self.color = color
        self.extents = extents
    }

    /// The label's box before rotation, relative to `origin`: its advance wide, from the
    /// ink's top to its bottom.
    public var localBox: Rect {
        Rect(x: offset.x, y: offset.y - extents.ascent, width: extents.width, height: extents.height)
    }

    /// The smallest upright rectangle holding the label's box, in scene coordinates.
    public var bounds: Rect {
        let box = localBox
        guard rotation != 0 else { return Rect(x: origin.x + box.x, y: origin.y + box.y, width: box.width, height: box.height) }
        let c: Double = cos(rotation), s: Double = sin(rotation)
        let corners = [Point(x: box.minX, y: box.minY), Point(x: box.maxX, y: box.minY),
                       Point(x: box.minX, y: box.maxY), Point(x: box.maxX, y: box.maxY)].map { p in
            Point(x: origin.x + p.x * c - p.y * s, y: origin.y + p.x * s + p.y * c)
        }
        let xs = corners.map(\.x), ys = corners.map(\.y)
        let minX = xs.min() ?? origin.x, minY = ys.min() ?? origin.y
        return Rect(x: minX, y: minY, width: (xs.max() ?? minX) - minX, height: (ys.max() ?? minY) - minY)
    }
}

/// An image stretched over a rectangle.
public struct SceneImage: Sendable {
    public var image: RGBAImage
    public var rect: Rect
    /// Interpolate when scaling; nearest neighbour otherwise.
    public var smooth: Bool

    public init(image: RGBAImage, rect: Rect, smooth: Bool) {
        self.image = image
        self.rect = rect
        self.smooth = smooth
    }
}

/// Items drawn together.
public struct SceneGroup: Sendable {
    /// Nothing is drawn outside it.
    public var clip: Rect?
    /// The group composited at this opacity (1: drawn directly).
    public var opacity: Double
    /// Where a raster renderer keeps the pixels under `keptRect` after drawing the group, so
    /// that later frames can put them back instead of drawing it (`LayerCache`).
    public var keep: (cache: LayerCache, rect: Rect)?
    public var items: [SceneItem]

    public init(clip: Rect? = nil, opacity: Double = 1, keep: (cache: LayerCache, rect: Rect)? = nil, items: [SceneItem]) {
        self.clip = clip
        self.opacity = opacity
        self.keep = keep
        self.items = items
    }
}
