import CCairo
import Synchronization

/// A surface to draw on, in one output format, with paths, images and text.
///
/// Coordinates are format units with y downwards: PNG pixels before `scale`, SVG CSS px,
/// PDF points. A canvas belongs to one task; values (colours, images, bytes) cross tasks,
/// canvases do not.
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
    /// igzip's level for PNG output, 1 or 2: 2 compresses chart images a little smaller than
    /// 1 in the same time (`PNGEncoder`).
    public var pngCompressionLevel: Int = 2

    private let surface: OpaquePointer
    private let context: OpaquePointer
    private let sink: ByteSink?
    private var finished = false
    /// A problem met while drawing (a missing font family); thrown when the canvas is encoded
    /// so drawing calls stay non-throwing.
    private var deferredError: DrawingError?
    private var checkedFamilies: Set<String> = []
    /// Scaled fonts this canvas has already handed to `pinFont()`.
    private var pinnedHere: Set<OpaquePointer> = []
    /// Every scaled font any canvas has drawn or measured with, each holding one reference of
    /// ours for the life of the process (see `pinFont()`).
    private static let pinnedFonts = Mutex<Set<Int>>([])

    /// Device pixels per format unit for raster content: place images on this grid to keep
    /// them sharp.
    public var deviceScale: Double { scale }

    /// The whole canvas as a rectangle.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// Creates a canvas.
    ///
    /// - Throws: `DrawingError.invalidSize`, `.fontNotFound` when DejaVu Sans or DejaVu
    ///   Serif is missing, or `.cairo` if cairo cannot create the surface.
    public init(width: Double, height: Double, format: OutputFormat, scale: Double = 1) throws {
        let pixelWidth: Double = (width * scale).rounded()
        let pixelHeight: Double = (height * scale).rounded()
        guard width.isFinite, height.isFinite, scale.isFinite, width > 0, height > 0, scale > 0,
              pixelWidth >= 1, pixelHeight >= 1, pixelWidth <= 32767, pixelHeight <= 32767
        else {
            throw DrawingError.invalidSize(width: width, height: height, scale: scale)
        }
        try FontAvailability.require(Font.sansFamily)
        try FontAvailability.require(Font.mathFamily)
        self.width = width
        self.height = height
        self.format = format
        self.scale = scale

        let created: OpaquePointer?
        switch format {
        case .png:
            sink = nil
            created = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(pixelWidth), Int32(pixelHeight))
        case .svg, .pdf:
            let byteSink = ByteSink()
            sink = byteSink
            let closure = Unmanaged.passUnretained(byteSink).toOpaque()
            let write: cairo_write_func_t = { closure, data, length in
                guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
                let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
                sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
                return CAIRO_STATUS_SUCCESS
            }
            created = format == .svg
                ? cairo_svg_surface_create_for_stream(write, closure, width, height)
                : cairo_pdf_surface_create_for_stream(write, closure, width, height)
        }
        guard let created else { throw DrawingError.cairo(operation: "creating the surface", message: "no surface") }
        let surfaceStatus = cairo_surface_status(created)
        guard surfaceStatus == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(created)
            throw DrawingError.cairo(operation: "creating the surface", message: Canvas.message(surfaceStatus))
        }
        if format == .svg { cairo_svg_surface_set_document_unit(created, CAIRO_SVG_UNIT_PX) }
        guard let cr = cairo_create(created) else {
            cairo_surface_destroy(created)
            throw DrawingError.cairo(operation: "creating the context", message: "no context")
        }
        let contextStatus = cairo_status(cr)
        guard contextStatus == CAIRO_STATUS_SUCCESS else {
            cairo_destroy(cr)
            cairo_surface_destroy(created)
            throw DrawingError.cairo(operation: "creating the context", message: Canvas.message(contextStatus))
        }
        surface = created
        context = cr
        if format == .png { cairo_scale(cr, scale, scale) }
        // One layout for every format: unhinted metrics and outlines, set explicitly because
        // image surfaces otherwise hint.
        if let options = cairo_font_options_create() {
            cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
            cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
            cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
            cairo_set_font_options(cr, options)
            cairo_font_options_destroy(options)
        }
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
    }

    deinit {
        cairo_destroy(context)
        cairo_surface_destroy(surface)
    }

    // MARK: Paths

    /// Starts a new sub-path at a point.
    public func move(to point: Point) {
        cairo_move_to(context, point.x, point.y)
    }

    /// Adds a straight segment to a point.
    public func line(to point: Point) {
        cairo_line_to(context, point.x, point.y)
    }

    /// Adds a cubic Bézier segment.
    public func curve(to point: Point, control1: Point, control2: Point) {
        cairo_curve_to(context, control1.x, control1.y, control2.x, control2.y, point.x, point.y)
    }

    /// Closes the current sub-path with a straight segment.
    public func closePath() {
        cairo_close_path(context)
    }

    /// Adds a circular arc, clockwise on screen from `start` to `end` (radians, 0 = +x).
    public func arc(center: Point, radius: Double, from start: Double, to end: Double) {
        cairo_new_sub_path(context)
        cairo_arc(context, center.x, center.y, radius, start, end)
    }

    /// Adds a full circle as its own sub-path.
    public func circle(center: Point, radius: Double) {
        arc(center: center, radius: radius, from: 0, to: 2 * Double.pi)
        cairo_close_path(context)
    }

    /// Adds a rectangle as its own sub-path.
    public func rectangle(_ rect: Rect) {
        cairo_rectangle(context, rect.x, rect.y, rect.width, rect.height)
    }

    /// Adds an open polyline through the points in one go: one path however many points.
    ///
    /// Non-finite points break the line instead of poisoning the path.
    public func polyline(_ points: [Point]) {
        var penDown = false
        for point in points {
            guard point.x.isFinite, point.y.isFinite else {
                penDown = false
                continue
            }
            if penDown {
                cairo_line_to(context, point.x, point.y)
            } else {
                cairo_move_to(context, point.x, point.y)
                penDown = true
            }
        }
    }

    /// Forgets the current path without drawing it.
    public func clearPath() {
        cairo_new_path(context)
    }

    /// Fills the current path.
    ///
    /// - Parameters:
    ///   - color: the fill colour.
    ///   - keepPath: keep the path for a following `stroke`.
    public func fill(_ color: Color, keepPath: Bool = false) {
        setSource(color)
        if keepPath { cairo_fill_preserve(context) } else { cairo_fill(context) }
    }

    /// Strokes the current path.
    ///
    /// - Parameters:
    ///   - color: the line colour.
    ///   - style: width, dashes, caps and joins.
    ///   - keepPath: keep the path for a following call.
    public func stroke(_ color: Color, style: StrokeStyle = StrokeStyle(), keepPath: Bool = false) {
        setSource(color)
        cairo_set_line_width(context, style.width)
        let dashes = style.dash.filter { $0.isFinite && $0 >= 0 }
        if dashes.isEmpty || dashes.allSatisfy({ $0 == 0 }) {
            cairo_set_dash(context, nil, 0, 0)
        } else {
            dashes.withUnsafeBufferPointer { cairo_set_dash(context, $0.baseAddress, Int32($0.count), 0) }
        }
        switch style.cap {
        case .butt: cairo_set_line_cap(context, CAIRO_LINE_CAP_BUTT)
        case .round: cairo_set_line_cap(context, CAIRO_LINE_CAP_ROUND)
        case .square: cairo_set_line_cap(context, CAIRO_LINE_CAP_SQUARE)
        }
        switch style.join {
        case .miter: cairo_set_line_join(context, CAIRO_LINE_JOIN_MITER)
        case .round: cairo_set_line_join(context, CAIRO_LINE_JOIN_ROUND)
        case .bevel: cairo_set_line_join(context, CAIRO_LINE_JOIN_BEVEL)
        }
        if keepPath { cairo_stroke_preserve(context) } else { cairo_stroke(context) }
    }

    /// Paints the whole canvas (within the current clip) with a colour.
    public func fillBackground(_ color: Color) {
        withState {
            setSource(color)
            cairo_paint(context)
        }
    }

    // MARK: State

    /// Runs `body` and then restores clip, transform and path state.
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
        cairo_save(context)
        defer { cairo_restore(context) }
        return try body()
    }

    /// Restricts drawing to a rectangle until the enclosing `withState` ends.
    public func clip(to rect: Rect) {
        cairo_new_path(context)
        cairo_rectangle(context, rect.x, rect.y, rect.width, rect.height)
        cairo_clip(context)
    }

    // MARK: Pixels

    /// The device pixels that `rect` touches (its bounds rounded outward to whole pixels), to
    /// put back later with `restore(_:)`; nil on SVG and PDF canvases and when the transform
    /// rotates or skews.
    public func pixels(under rect: Rect) -> PixelPatch? {
        guard let box = pixelBox(under: rect), let data = cairo_image_surface_get_data(surface) else { return nil }
        cairo_surface_flush(surface)
        let stride = Int(cairo_image_surface_get_stride(surface))
        let rowBytes = box.width * 4
        let bytes = [UInt8](unsafeUninitializedCapacity: rowBytes * box.height) { out, initialized in
            guard let out = out.baseAddress else { return }
            for row in 0..<box.height {
                (out + row * rowBytes).initialize(from: data + (box.y + row) * stride + box.x * 4, count: rowBytes)
            }
            initialized = rowBytes * box.height
        }
        return PixelPatch(box: box, bytes: bytes)
    }

    /// Writes a patch's pixels back where they came from, replacing what is there (the clip
    /// does not apply). Ignored unless the patch came from a canvas of this pixel size.
    public func restore(_ patch: PixelPatch) {
        let box = patch.box
        guard format == .png, let data = cairo_image_surface_get_data(surface),
              box.canvasWidth == Int(cairo_image_surface_get_width(surface)),
              box.canvasHeight == Int(cairo_image_surface_get_height(surface)) else { return }
        cairo_surface_flush(surface)
        let stride = Int(cairo_image_surface_get_stride(surface))
        let rowBytes = box.width * 4
        patch.bytes.withUnsafeBufferPointer { source in
            guard let source = source.baseAddress else { return }
            for row in 0..<box.height {
                (data + (box.y + row) * stride + box.x * 4).update(from: source + row * rowBytes, count: rowBytes)
            }
        }
        cairo_surface_mark_dirty_rectangle(surface, Int32(box.x), Int32(box.y), Int32(box.width), Int32(box.height))
    }

    /// Where `pixels(under:)` copies from: `rect` in device pixels, rounded outward and kept
    /// inside the surface; nil on vector canvases and when the transform is not a scale and
    /// a translation.
    public func pixelBox(under rect: Rect) -> PixelBox? {
        guard format == .png else { return nil }
        var matrix = cairo_matrix_t()
        cairo_get_matrix(context, &matrix)
        guard matrix.xy == 0, matrix.yx == 0 else { return nil }
        var x0 = rect.minX, y0 = rect.minY, x1 = rect.maxX, y1 = rect.maxY
        cairo_user_to_device(context, &x0, &y0)
        cairo_user_to_device(context, &x1, &y1)
        let pixelWidth = Int(cairo_image_surface_get_width(surface))
        let pixelHeight = Int(cairo_image_surface_get_height(surface))
        let left = max(0, min(x0, x1).rounded(.down)), right = min(Double(pixelWidth), max(x0, x1).rounded(.up))
        let top = max(0, min(y0, y1).rounded(.down)), bottom = min(Double(pixelHeight), max(y0, y1).rounded(.up))
        guard left.isFinite, top.isFinite, right > left, bottom > top else { return nil }
        return PixelBox(x: Int(left), y: Int(top), width: Int(right - left), height: Int(bottom - top),
                        canvasWidth: pixelWidth, canvasHeight: pixelHeight)
    }

    /// Moves the origin.
    public func translate(x: Double, y: Double) {
        cairo_translate(context, x, y)
    }

    /// Rotates the axes clockwise on screen by `radians`.
    public func rotate(radians: Double) {
        cairo_rotate(context, radians)
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
        let source: CairoImageSurface
        do {
            source = try CairoImageSurface(image: image)
        } catch let error as DrawingError {
            remember(error)
            return
        } catch {
            return
        }
        withState {
            cairo_new_path(context)
            cairo_rectangle(context, rect.x, rect.y, rect.width, rect.height)
            cairo_clip(context)
            cairo_translate(context, rect.x, rect.y)
            let sx: Double = rect.width / Double(image.width)
            let sy: Double = rect.height / Double(image.height)
            cairo_scale(context, sx, sy)
            cairo_set_source_surface(context, source.pointer, 0, 0)
            if let pattern = cairo_get_source(context) {
                cairo_pattern_set_filter(pattern, smooth ? CAIRO_FILTER_GOOD : CAIRO_FILTER_NEAREST)
                cairo_pattern_set_extend(pattern, CAIRO_EXTEND_PAD)
            }
            cairo_paint(context)
        }
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
        withState {
            cairo_new_path(context)
            cairo_translate(context, point.x, point.y)
            if rotation != 0 { cairo_rotate(context, rotation) }
            setSource(color)
            for run in laid.runs {
                select(run.font)
                cairo_move_to(context, dx + run.x, dy + run.y)
                cairo_show_text(context, run.text)
            }
            cairo_new_path(context)
        }
    }

    private func layout(_ label: Label, font: Font) -> TextLayout {
        TextLayout(label: label, font: font) { text, runFont in
            self.select(runFont)
            var extents = cairo_text_extents_t()
            cairo_text_extents(self.context, text, &extents)
            let ascent: Double = -extents.y_bearing
            let descent: Double = extents.height + extents.y_bearing
            let inked = extents.width > 0 || extents.height > 0
            return TextLayout.Metrics(advance: extents.x_advance,
                                      ascent: inked ? ascent : 0, descent: inked ? descent : 0)
        }
    }

    private func select(_ font: Font) {
        if !checkedFamilies.contains(font.family) {
            checkedFamilies.insert(font.family)
            do {
                try FontAvailability.require(font.family)
            } catch let error as DrawingError {
                remember(error)
            } catch {}
        }
        let slant = font.slant == .italic ? CAIRO_FONT_SLANT_ITALIC : CAIRO_FONT_SLANT_NORMAL
        let weight = font.weight == .bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL
        cairo_select_font_face(context, font.family, slant, weight)
        cairo_set_font_size(context, font.size)
        pinFont()
    }

    /// Keeps the context's current scaled font (for this font and transform) referenced for
    /// good.
    ///
    /// Animation frames are drawn on several threads at once, each on its own canvas, and
    /// cairo shares scaled fonts between them through its global cache. In cairo 1.16, when
    /// one thread drops a font's last reference (a frame's context switching fonts or being
    /// destroyed) while another takes that font back from the cache and starts drawing with
    /// it, `cairo_scaled_font_destroy` fails an assertion and aborts the process: a race that
    /// a `make bench` run met once. A font whose count never falls to zero cannot meet it.
    /// There are few of them (the families, sizes and rotations of one program's labels).
    private func pinFont() {
        guard let font = cairo_get_scaled_font(context), !pinnedHere.contains(font) else { return }
        pinnedHere.insert(font)
        Canvas.pinnedFonts.withLock { pinned in
            if pinned.insert(Int(bitPattern: font)).inserted { cairo_scaled_font_reference(font) }
        }
    }

    // MARK: Output

    /// The encoded file: PNG, SVG or PDF bytes, with provenance.
    ///
    /// SVG and PDF canvases are finished by this call and can be encoded only once; a PNG
    /// canvas can be encoded again after more drawing (animation frames).
    ///
    /// - Parameter metadata: key/value provenance, written in sorted key order: PNG `tEXt`
    ///   chunks, SVG `<metadata>` entries, PDF Creator (`Software`), Title (`Title`) and
    ///   Subject (every other pair as `key=value; …`).
    /// - Throws: `DrawingError` if drawing or encoding failed.
    public func encoded(metadata: [String: String] = [:]) throws -> [UInt8] {
        if let deferredError { throw deferredError }
        let pairs = metadata.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) }
        try check(operation: "drawing")
        switch format {
        case .png:
            cairo_surface_flush(surface)
            let width = Int(cairo_image_surface_get_width(surface))
            let height = Int(cairo_image_surface_get_height(surface))
            let stride = Int(cairo_image_surface_get_stride(surface))
            let alpha = cairo_image_surface_get_format(surface) != CAIRO_FORMAT_RGB24
            guard let data = cairo_image_surface_get_data(surface) else {
                throw DrawingError.cairo(operation: "encoding a PNG", message: "no pixel data")
            }
            // Straight from cairo's buffer: no intermediate RGBA copy per frame.
            return try PNGEncoder.encode(pixels: data, width: width, height: height, stride: stride, alpha: alpha,
                                         text: pairs, level: pngCompressionLevel)
        case .svg:
            return SVGPostProcessor.process(try finish(), metadata: pairs)
        case .pdf:
            setPDFMetadata(pairs)
            return try finish()
        }
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
        try check(operation: "drawing")
        cairo_surface_flush(surface)
        let reference = try CairoImageSurface(adopting: cairo_surface_reference(surface), operation: "reading pixels")
        return reference.rgbaImage()
    }

    private func finish() throws -> [UInt8] {
        guard !finished, let sink else { throw DrawingError.alreadyFinished(format: format) }
        finished = true
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw DrawingError.cairo(operation: "finishing the \(format.fileExtension.uppercased())",
                                     message: Canvas.message(status))
        }
        return sink.bytes
    }

    /// Sets fixed dates so reruns give identical bytes, and the provenance fields.
    private func setPDFMetadata(_ pairs: [(key: String, value: String)]) {
        let fixedDate = "2000-01-01T00:00:00Z"
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, fixedDate)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, fixedDate)
        var others: [String] = []
        for (key, value) in pairs {
            switch key {
            case "Software", "Creator":
                cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, value)
            case "Title":
                cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, value)
            case "Author":
                cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, value)
            default:
                others.append("\(key)=\(value)")
            }
        }
        if !others.isEmpty {
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, others.joined(separator: "; "))
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_KEYWORDS, others.joined(separator: "; "))
        }
    }

    private func check(operation: String) throws {
        let status = cairo_status(context)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw DrawingError.cairo(operation: operation, message: Canvas.message(status))
        }
    }

    private func remember(_ error: DrawingError) {
        if deferredError == nil { deferredError = error }
    }

    private func setSource(_ color: Color) {
        cairo_set_source_rgba(context, color.red, color.green, color.blue, color.alpha)
    }

    private static func message(_ status: cairo_status_t) -> String {
        String(cString: cairo_status_to_string(status))
    }
}

/// Collects the bytes cairo streams out for SVG and PDF.
private final class ByteSink {
    var bytes: [UInt8] = []
}
