import CCairo

/// Draws a scene with cairo: PNG pixels (and animation frames) and PDF pages. (SVG is
/// `SVGWriter`'s: cairo 1.16 writes text only as glyph outlines.)
///
/// Groups that a `LayerCache` asks to keep are copied as pixels after they are drawn, and
/// `.pixels` items put such copies back: the raster half of an animation's cache.
///
/// ```swift
/// let renderer = try CairoRenderer(width: scene.width, height: scene.height, format: .png, scale: 2)
/// renderer.render(scene)
/// let png = try renderer.encoded(metadata: ["Software": "netfig"])
/// ```
public final class CairoRenderer: SceneRenderer {
    public let format: OutputFormat
    private let cairo: CairoContext
    private var context: OpaquePointer { cairo.context }
    private var finished = false

    /// - Parameter scale: PNG pixels per format unit; nothing for PDF.
    /// - Throws: `DrawingError.invalidSize`, or `.cairo` (also for `.svg`).
    public init(width: Double, height: Double, format: OutputFormat, scale: Double = 1) throws {
        self.format = format
        cairo = try CairoContext(width: width, height: height, format: format, scale: scale)
    }

    /// A PDF renderer whose bytes go to `sink` as cairo writes them, page after page
    /// (`showPage()`): `MultiPagePDF`'s.
    init(pdfWidth width: Double, height: Double, sink: ByteSink) throws {
        format = .pdf
        cairo = try CairoContext(width: width, height: height, format: .pdf, scale: 1, sink: sink)
    }

    public func paint(_ color: Color) {
        cairo_save(context)
        setSource(color)
        cairo_paint(context)
        cairo_restore(context)
    }

    public func drawPath(_ path: ScenePath) {
        for segment in path.segments {
            switch segment {
            case .move(let p): cairo_move_to(context, p.x, p.y)
            case .line(let p): cairo_line_to(context, p.x, p.y)
            case .curve(let p, let c1, let c2): cairo_curve_to(context, c1.x, c1.y, c2.x, c2.y, p.x, p.y)
            case .arc(let center, let radius, let start, let end):
                cairo_new_sub_path(context)
                cairo_arc(context, center.x, center.y, radius, start, end)
            case .rectangle(let r): cairo_rectangle(context, r.x, r.y, r.width, r.height)
            case .close: cairo_close_path(context)
            }
        }
        switch path.paint {
        case .fill(let color):
            setSource(color)
            cairo_fill(context)
        case .stroke(let color, let style):
            setSource(color)
            setStroke(style)
            cairo_stroke(context)
        }
    }

    private func setStroke(_ style: StrokeStyle) {
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
    }

    public func drawText(_ text: SceneText) {
        cairo_save(context)
        cairo_new_path(context)
        cairo_translate(context, text.origin.x, text.origin.y)
        if text.rotation != 0 { cairo_rotate(context, text.rotation) }
        setSource(text.color)
        for run in text.runs {
            cairo.select(run.font)
            cairo_move_to(context, text.offset.x + run.x, text.offset.y + run.y)
            cairo_show_text(context, run.text)
        }
        cairo_new_path(context)
        cairo_restore(context)
    }

    public func drawImage(_ item: SceneImage) {
        let image = item.image, rect = item.rect
        guard image.width > 0, image.height > 0, rect.width > 0, rect.height > 0 else { return }
        let source: CairoImageSurface
        do {
            source = try CairoImageSurface(image: image)
        } catch let error as DrawingError {
            cairo.remember(error)
            return
        } catch {
            return
        }
        cairo_save(context)
        cairo_new_path(context)
        cairo_rectangle(context, rect.x, rect.y, rect.width, rect.height)
        cairo_clip(context)
        cairo_translate(context, rect.x, rect.y)
        let sx: Double = rect.width / Double(image.width)
        let sy: Double = rect.height / Double(image.height)
        cairo_scale(context, sx, sy)
        cairo_set_source_surface(context, source.pointer, 0, 0)
        if let pattern = cairo_get_source(context) {
            cairo_pattern_set_filter(pattern, item.smooth ? CAIRO_FILTER_GOOD : CAIRO_FILTER_NEAREST)
            cairo_pattern_set_extend(pattern, CAIRO_EXTEND_PAD)
        }
        cairo_paint(context)
        cairo_restore(context)
    }

    public func beginGroup(_ group: SceneGroup) {
        cairo_save(context)
        if let clip = group.clip {
            cairo_new_path(context)
            cairo_rectangle(context, clip.x, clip.y, clip.width, clip.height)
            cairo_clip(context)
        }
        if group.opacity < 1 { cairo_push_group(context) }
    }

    public func endGroup(_ group: SceneGroup) {
        if group.opacity < 1 {
            cairo_pop_group_to_source(context)
            cairo_paint_with_alpha(context, max(0, group.opacity))
        }
        cairo_restore(context)
        if let keep = group.keep, let patch = pixels(under: keep.rect) {
            keep.cache.keep(patch)
        }
    }

    // MARK: Pixels

    /// Where `pixels(under:)` copies from on this renderer's surface: `rect` in device
    /// pixels, rounded outward and kept inside; nil on vector surfaces.
    public func pixelBox(under rect: Rect) -> PixelBox? {
        guard format == .png else { return nil }
        var matrix = cairo_matrix_t()
        cairo_get_matrix(context, &matrix)
        guard matrix.xy == 0, matrix.yx == 0 else { return nil }
        return PixelBox(under: rect, scaleX: matrix.xx, scaleY: matrix.yy, offsetX: matrix.x0, offsetY: matrix.y0,
                        canvasWidth: Int(cairo_image_surface_get_width(cairo.surface)),
                        canvasHeight: Int(cairo_image_surface_get_height(cairo.surface)))
    }

    /// The device pixels that `rect` touches, to put back later with a `.pixels` item.
    private func pixels(under rect: Rect) -> PixelPatch? {
        guard let box = pixelBox(under: rect), let data = cairo_image_surface_get_data(cairo.surface) else { return nil }
        cairo_surface_flush(cairo.surface)
        let stride = Int(cairo_image_surface_get_stride(cairo.surface))
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
    /// does not apply). Ignored unless the patch came from a surface of this pixel size.
    public func restore(_ patch: PixelPatch) {
        let box = patch.box
        guard format == .png, let data = cairo_image_surface_get_data(cairo.surface),
              box.canvasWidth == Int(cairo_image_surface_get_width(cairo.surface)),
              box.canvasHeight == Int(cairo_image_surface_get_height(cairo.surface)) else { return }
        cairo_surface_flush(cairo.surface)
        let stride = Int(cairo_image_surface_get_stride(cairo.surface))
        let rowBytes = box.width * 4
        patch.bytes.withUnsafeBufferPointer { source in
            guard let source = source.baseAddress else { return }
            for row in 0..<box.height {
                (data + (box.y + row) * stride + box.x * 4).update(from: source + row * rowBytes, count: rowBytes)
            }
        }
        cairo_surface_mark_dirty_rectangle(cairo.surface, Int32(box.x), Int32(box.y), Int32(box.width), Int32(box.height))
    }

    // MARK: Output

    /// The encoded file: PNG or PDF bytes, with provenance.
    ///
    /// A PDF renderer is finished by this call and can be encoded only once; a PNG renderer
    /// can be encoded again after more drawing.
    ///
    /// - Parameters:
    ///   - metadata: key/value provenance, written in sorted key order: PNG `tEXt` chunks, PDF
    ///     Creator (`Software`), Title (`Title`) and Subject (every other pair as `key=value; …`).
    ///   - pngLevel: igzip's level for PNG, 1 or 2 (see `PNGEncoder`).
    /// - Throws: `DrawingError` if drawing or encoding failed.
    public func encoded(metadata: [String: String] = [:], pngLevel: Int = 2) throws -> [UInt8] {
        let pairs = metadata.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) }
        try cairo.check(operation: "drawing")
        switch format {
        case .png:
            let surface = cairo.surface
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
                                         text: pairs, level: pngLevel)
        case .svg:
            throw DrawingError.cairo(operation: "encoding", message: "cairo draws PNG and PDF here, not SVG")
        case .pdf:
            setPDFMetadata(pairs)
            return try finish()
        }
    }

    /// The pixels of a PNG renderer as they are now.
    ///
    /// - Throws: `DrawingError.formatMismatch` for a PDF renderer.
    public func image() throws -> RGBAImage {
        guard format == .png else {
            throw DrawingError.formatMismatch(path: "(pixels)", canvas: format, requested: .png)
        }
        try cairo.check(operation: "drawing")
        cairo_surface_flush(cairo.surface)
        let reference = try CairoImageSurface(adopting: cairo_surface_reference(cairo.surface), operation: "reading pixels")
        return reference.rgbaImage()
    }

    /// Sets the size of the PDF page about to be drawn (before anything is drawn on it).
    func setPageSize(width: Double, height: Double) {
        cairo_pdf_surface_set_size(cairo.surface, width, height)
    }

    /// Ends the PDF's current page: what is drawn next goes on a new one.
    ///
    /// - Throws: `DrawingError.cairo` when drawing the page failed.
    func showPage() throws {
        guard format == .pdf, !finished else { throw DrawingError.alreadyFinished(format: format) }
        try cairo.check(operation: "drawing")
        cairo_show_page(context)
        try cairo.check(operation: "ending a page")
    }

    /// Finishes a PDF whose bytes went to a sink as they came; the pages end with the last
    /// `showPage()` (cairo adds no empty page after it).
    func finishDocument(metadata: [String: String]) throws {
        guard format == .pdf else { throw DrawingError.formatMismatch(path: "(pages)", canvas: format, requested: .pdf) }
        try cairo.check(operation: "drawing")
        setPDFMetadata(metadata.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) })
        _ = try finish()
    }

    private func finish() throws -> [UInt8] {
        guard !finished, let sink = cairo.sink else { throw DrawingError.alreadyFinished(format: format) }
        finished = true
        cairo_surface_finish(cairo.surface)
        let status = cairo_surface_status(cairo.surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw DrawingError.cairo(operation: "finishing the \(format.fileExtension.uppercased())",
                                     message: CairoContext.message(status))
        }
        return sink.bytes
    }

    /// Sets fixed dates so reruns give identical bytes, and the provenance fields.
    private func setPDFMetadata(_ pairs: [(key: String, value: String)]) {
        let surface = cairo.surface
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

    private func setSource(_ color: Color) {
        cairo_set_source_rgba(context, color.red, color.green, color.blue, color.alpha)
    }
}
