/// Where charts and figures draw: paths, images and text, recorded as a `Scene` for one
/// output format, with text measured as that format's renderer will draw it.
///
/// Coordinates are format units with y downwards: PNG pixels before `scale`, SVG CSS px,
/// PDF points. A canvas belongs to one task; its scene is a value that crosses tasks.
///
/// - Parameters:
///   - width: width in format units.
///   - height: height in format units.
///   - format: what the canvas will be encoded as.
///   - scale: pixel density: a 800×600 PNG canvas at scale 2 is 1600×1200 pixels. For SVG
///     and PDF it is the density of embedded raster images such as heatmaps.
///
/// ```swift
/// let canvas = try Canvas(width: 800, height: 600, format: .png, scale: 2)
/// canvas.fillBackground(.white)
/// canvas.polyline([Point(x: 10, y: 300), Point(x: 790, y: 300)])
/// canvas.stroke(Color(hex: 0x0072B2), style: StrokeStyle(width: 2))
/// canvas.draw("$w^{(2)}_{12}$", font: .sans(size: 24), color: .black,
///             at: Point(x: 400, y: 100), anchor: .center)
/// try canvas.write(to: "output/example.png", metadata: ["Software": "netfig 0.1"])
/// ```
public final class Canvas {
    public let width: Double
    public let height: Double
    public let format: OutputFormat
    public let scale: Double
    /// igzip's level for PNG output: 0, the one that writes the same bytes on every run
    /// (`PNGEncoder`); 1 for a copy thrown away after use (a video's frames).
    public var pngCompressionLevel: Int = 0

    /// Measures text with cairo's metrics for this format and scale.
    private let measurer: CairoContext
    /// The groups being built, innermost last; the first holds the scene's top level.
    private var levels: [Level] = [Level(clip: nil, opensWithState: true)]
    /// The path being built, painted by the next `fill` or `stroke`.
    private var path: [ScenePath.Segment] = []
    private var encodedOnce = false
    /// A PNG canvas's renderer and how many top-level items it has drawn: encoding again
    /// after more drawing draws only what is new.
    private var raster: (renderer: CairoRenderer, drawn: Int)?

    /// A group under construction: a `withState` opens one, and so does each `clip(to:)`
    /// inside it (cairo's clips hold until the state ends).
    private struct Level {
        var clip: Rect?
        var keep: (cache: LayerCache, rect: Rect)?
        var opensWithState: Bool
        var items: [SceneItem] = []

        init(clip: Rect?, keep: (cache: LayerCache, rect: Rect)? = nil, opensWithState: Bool) {
            self.clip = clip
            self.keep = keep
            self.opensWithState = opensWithState
        }
    }

    /// Device pixels per format unit for raster content: place images on this grid to keep
    /// them sharp.
    public var deviceScale: Double { scale }

    /// The whole canvas as a rectangle.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// Creates a canvas.
    ///
    /// - Throws: `DrawingError.invalidSize`, `.fontNotFound` when DejaVu Sans or DejaVu
    ///   Serif is missing, or `.cairo` if cairo cannot measure text.
    public init(width: Double, height: Double, format: OutputFormat, scale: Double = 1) throws {
        try CairoContext.validate(width: width, height: height, scale: scale)
        try FontAvailability.require(Font.sansFamily)
        try FontAvailability.require(Font.mathFamily)
        self.width = width
        self.height = height
        self.format = format
        self.scale = scale
        measurer = try CairoContext.measuring(format: format, scale: format == .png ? scale : 1)
        // The pixels are allocated with the canvas, before the scene's many small values: an
        // animation's frames then reuse the same heap memory frame after frame, where a
        // surface allocated after them is mapped afresh by glibc and faulted in every frame.
        if format == .png { raster = (try CairoRenderer(width: width, height: height, format: format, scale: scale), 0) }
    }

    /// What has been drawn so far, groups left open closed as they stand.
    public var scene: Scene {
        var open = levels
        while open.count > 1 { Self.close(&open) }
        return Scene(width: width, height: height, items: open[0].items)
    }

    /// Adds an item at the current place in the scene.
    public func append(_ item: SceneItem) {
        levels[levels.count - 1].items.append(item)
    }

    // MARK: Paths

    /// Starts a new sub-path at a point.
    public func move(to point: Point) {
        path.append(.move(point))
    }

    /// Adds a straight segment to a point.
    public func line(to point: Point) {
        path.append(.line(point))
    }

    /// Adds a cubic Bézier segment.
    public func curve(to point: Point, control1: Point, control2: Point) {
        path.append(.curve(to: point, control1: control1, control2: control2))
    }

    /// Closes the current sub-path with a straight segment.
    public func closePath() {
        path.append(.close)
    }

    /// Adds a circular arc, clockwise on screen from `start` to `end` (radians, 0 = +x).
    public func arc(center: Point, radius: Double, from start: Double, to end: Double) {
        path.append(.arc(center: center, radius: radius, start: start, end: end))
    }

    /// Adds a full circle as its own sub-path.
    public func circle(center: Point, radius: Double) {
        arc(center: center, radius: radius, from: 0, to: 2 * Double.pi)
        path.append(.close)
    }

    /// Adds a rectangle as its own sub-path.
    public func rectangle(_ rect: Rect) {
        path.append(.rectangle(rect))
    }

    /// Adds an open polyline through the points in one go: one path however many points.
    ///
    /// Non-finite points break the line instead of poisoning the path.
    public func polyline(_ points: [Point]) {
        path.reserveCapacity(path.count + points.count)
        var penDown = false
        for point in points {
            guard point.x.isFinite, point.y.isFinite else {
                penDown = false
                continue
            }
            path.append(penDown ? .line(point) : .move(point))
            penDown = true
        }
    }

    /// Forgets the current path without drawing it.
    public func clearPath() {
        path.removeAll()
    }

    /// Fills the current path.
    ///
    /// - Parameters:
    ///   - color: the fill colour.
    ///   - keepPath: keep the path for a following `stroke`.
    public func fill(_ color: Color, keepPath: Bool = false) {
        paint(.fill(color), keepPath: keepPath)
    }

    /// Strokes the current path.
    ///
    /// - Parameters:
    ///   - color: the line colour.
    ///   - style: width, dashes, caps and joins.
    ///   - keepPath: keep the path for a following call.
    public func stroke(_ color: Color, style: StrokeStyle = StrokeStyle(), keepPath: Bool = false) {
        paint(.stroke(color, style), keepPath: keepPath)
    }

    /// A dark halo under a light line, so the line reads over bright and dark colours alike:
    /// strokes the current path `scale` times as wide as the line will be, round-capped, and
    /// keeps the path for the line's own `stroke`.
    ///
    /// ```swift
    /// canvas.polyline(path)
    /// canvas.strokeHalo(under: 2)
    /// canvas.stroke(.white, style: StrokeStyle(width: 2, cap: .round, join: .round))
    /// ```
    public func strokeHalo(under width: Double, scale: Double = 2.2, color: Color = Color.black.withAlpha(0.45)) {
        stroke(color, style: StrokeStyle(width: width * scale, cap: .round, join: .round), keepPath: true)
    }

    private func paint(_ paint: ScenePath.Paint, keepPath: Bool) {
        append(.path(ScenePath(segments: path, paint: paint)))
        if !keepPath { path.removeAll(keepingCapacity: true) }
    }

    /// Paints the whole canvas (within the current clip) with a colour.
    public func fillBackground(_ color: Color) {
        append(.paint(color))
    }

    // MARK: State

    /// Runs `body` and then restores the clip: the items it adds form a group.
    ///
    /// ```swift
    /// canvas.withState {
    ///     canvas.clip(to: plotRect)
    ///     canvas.polyline(points)
    ///     canvas.stroke(.black)
    /// }
    /// ```
    @discardableResult
    public func withState<T>(_ body: () throws -> T) rethrows -> T {
        levels.append(Level(clip: nil, opensWithState: true))
        defer { closeState() }
        return try body()
    }

    /// Restricts drawing to a rectangle until the enclosing `withState` ends.
    public func clip(to rect: Rect) {
        path.removeAll()
        levels.append(Level(clip: rect, opensWithState: false))
    }

    /// Runs `body` in a group that a raster renderer keeps as pixels in `keep.cache` (see
    /// `LayerCache`).
    func group(keep: (cache: LayerCache, rect: Rect), _ body: () -> Void) {
        levels.append(Level(clip: nil, keep: keep, opensWithState: true))
        defer { closeState() }
        body()
    }

    /// Closes the levels the innermost state opened: its clips, then itself.
    private func closeState() {
        while let last = levels.last, !last.opensWithState { Self.close(&levels) }
        Self.close(&levels)
    }

    /// Folds the innermost level into its parent: as a group when it clips or is kept,
    /// otherwise as its items (a group that only restores state draws nothing different).
    private static func close(_ levels: inout [Level]) {
        guard levels.count > 1, let level = levels.popLast() else { return }
        if level.clip == nil, level.keep == nil {
            levels[levels.count - 1].items.append(contentsOf: level.items)
        } else {
            levels[levels.count - 1].items.append(.group(SceneGroup(clip: level.clip, keep: level.keep, items: level.items)))
        }
    }

    /// Where a raster renderer of this canvas would copy the pixels under `rect` from
    /// (rounded outward to whole pixels); nil on SVG and PDF canvases.
    public func pixelBox(under rect: Rect) -> PixelBox? {
        guard format == .png else { return nil }
        return PixelBox(under: rect, scaleX: scale, scaleY: scale, offsetX: 0, offsetY: 0,
                        canvasWidth: Int((width * scale).rounded()), canvasHeight: Int((height * scale).rounded()))
    }

    // MARK: Images

    /// Draws an image stretched to a rectangle, pixel for pixel when the image has the
    /// rectangle's device size (`rect.width * deviceScale` columns).
    ///
    /// - Parameters:
    ///   - image: RGBA pixels.
    ///   - rect: where it goes, in canvas units.
    ///   - smooth: interpolate when scaling; nearest neighbour otherwise (SVG viewers smooth
    ///     regardless, so render at final size).
    public func drawImage(_ image: RGBAImage, in rect: Rect, smooth: Bool = false) {
        guard image.width > 0, image.height > 0, rect.width > 0, rect.height > 0 else { return }
        path.removeAll()
        append(.image(SceneImage(image: image, rect: rect, smooth: smooth)))
    }

    // MARK: Text

    /// Measures a label as it would be drawn.
    ///
    /// - Parameters:
    ///   - label: plain text with optional `$…$` math.
    ///   - font: the font for plain text; math uses `Font.mathFamily` at the same size.
    /// - Returns: advance width and ink ascent/descent.
    public func measure(_ label: Label, font: Font) -> TextExtents {
        layout(label, font: font).extents
    }

    /// Draws a label.
    ///
    /// - Parameters:
    ///   - label: plain text with optional `$…$` math.
    ///   - font: the font for plain text.
    ///   - color: the text colour.
    ///   - point: where the anchor point goes.
    ///   - anchor: which point of the label's box sits at `point`.
    ///   - rotation: radians, clockwise on screen; `-Double.pi / 2` reads bottom to top.
    public func draw(_ label: Label, font: Font, color: Color, at point: Point,
                     anchor: TextAnchor = .baselineLeft, rotation: Double = 0) {
        let laid = layout(label, font: font)
        let extents = laid.extents
        let dx: Double
        switch anchor.horizontal {
        case .left: dx = 0
        case .center: dx = -extents.width / 2
        case .right: dx = -extents.width
        }
        let dy: Double
        switch anchor.vertical {
        case .top: dy = extents.ascent
        case .middle: dy = (extents.ascent - extents.descent) / 2
        case .baseline: dy = 0
        case .bottom: dy = -extents.descent
        }
        path.removeAll()
        append(.text(SceneText(label: label, runs: laid.runs, origin: point, offset: Point(x: dx, y: dy),
                               rotation: rotation, color: color, extents: extents)))
    }

    private func layout(_ label: Label, font: Font) -> TextLayout {
        TextLayout(label: label, font: font) { text, runFont in self.measurer.metrics(of: text, font: runFont) }
    }

    // MARK: Output

    /// The encoded file: PNG, SVG or PDF bytes, with provenance.
    ///
    /// SVG and PDF canvases can be encoded only once; a PNG canvas can be encoded again after
    /// more drawing (outside any `withState` that was open at the first encoding, whose
    /// group was drawn as it stood).
    ///
    /// - Parameter metadata: key/value provenance, written in sorted key order: PNG `tEXt`
    ///   chunks, SVG `<metadata>` entries, PDF Creator (`Software`), Title (`Title`) and
    ///   Subject (every other pair as `key=value; …`).
    /// - Throws: `DrawingError` if drawing or encoding failed.
    public func encoded(metadata: [String: String] = [:]) throws -> [UInt8] {
        if format != .png {
            guard !encodedOnce else { throw DrawingError.alreadyFinished(format: format) }
            encodedOnce = true
        }
        try measurer.check(operation: "measuring text")
        switch format {
        case .png:
            return try rendered().encoded(metadata: metadata, pngLevel: pngCompressionLevel)
        case .pdf:
            let renderer = try CairoRenderer(width: width, height: height, format: format, scale: scale)
            renderer.render(scene)
            return try renderer.encoded(metadata: metadata)
        case .svg:
            let writer = SVGWriter(width: width, height: height)
            writer.render(scene)
            return try writer.encoded(metadata: metadata)
        }
    }

    /// A PNG of what has been drawn, whatever the canvas's format, at `scale` pixels per
    /// unit: for an SVG or PDF canvas, its own scene (text laid out as that format measures
    /// it) drawn by cairo, so a raster copy of a vector figure, such as a video frame made of
    /// an SVG animation frame, shows the figure's drawing without an external rasteriser.
    ///
    /// ```swift
    /// let canvas = try Canvas(width: 640, height: 360, format: .svg)
    /// drawFigure(on: canvas)
    /// let svg = try canvas.encoded()
    /// let png = try canvas.encodedPNG()   // 640×360 pixels of the same scene
    /// ```
    ///
    /// - Parameter metadata: PNG `tEXt` chunks, as for `encoded(metadata:)`.
    /// - Throws: `DrawingError` if drawing or encoding failed.
    public func encodedPNG(metadata: [String: String] = [:]) throws -> [UInt8] {
        if format == .png { return try encoded(metadata: metadata) }
        try measurer.check(operation: "measuring text")
        let renderer = try CairoRenderer(width: width, height: height, format: .png, scale: scale)
        renderer.render(scene)
        return try renderer.encoded(metadata: metadata, pngLevel: pngCompressionLevel)
    }

    /// Encodes and writes the canvas to a file, atomically.
    ///
    /// Missing folders are created; the bytes go to a temporary file in the target folder
    /// that is renamed into place, so a failure never leaves a partial file.
    ///
    /// - Parameters:
    ///   - path: the file; its extension must name the canvas's format.
    ///   - metadata: provenance, as for `encoded(metadata:)`.
    /// - Throws: `DrawingError.cannotWrite` naming the path, `.unsupportedExtension`,
    ///   `.formatMismatch`, or an encoding error.
    public func write(to path: String, metadata: [String: String] = [:]) throws {
        let requested = try OutputFormat(path: path)
        guard requested == format else {
            throw DrawingError.formatMismatch(path: path, canvas: format, requested: requested)
        }
        try FileOutput.write(try encoded(metadata: metadata), to: path)
    }

    /// The pixels of a PNG canvas as they are now.
    ///
    /// - Throws: `DrawingError.formatMismatch` for SVG and PDF canvases.
    public func image() throws -> RGBAImage {
        guard format == .png else {
            throw DrawingError.formatMismatch(path: "(pixels)", canvas: format, requested: .png)
        }
        try measurer.check(operation: "measuring text")
        return try rendered().image()
    }

    /// The PNG renderer with every item drawn so far.
    private func rendered() throws -> CairoRenderer {
        let renderer = try raster?.renderer ?? CairoRenderer(width: width, height: height, format: format, scale: scale)
        let items = scene.items
        renderer.render(Scene(width: width, height: height, items: Array(items[min(raster?.drawn ?? 0, items.count)...])))
        raster = (renderer, items.count)
        return renderer
    }
}

/// What layout needs of a canvas: text measured as its renderer will draw it, and the pixel
/// grid that raster parts are snapped to.
public protocol Measuring {
    /// Advance width and ink ascent and descent of a label.
    func measure(_ label: Label, font: Font) -> TextExtents
    /// Device pixels per unit (1 for vector output's own units).
    var deviceScale: Double { get }
}

extension Canvas: Measuring {}
