import CCairo
import Synchronization

/// A cairo surface and its drawing context, set up the one way netfig draws: unhinted font
/// metrics and outlines, round joins, and for PNG the pixel density as a scale. Renderers
/// draw through it and `Canvas` measures text with one of the same kind, so text is placed
/// identically whatever draws it.
///
/// The only owner of its surface and context (its `deinit` destroys both); it never crosses
/// tasks.
final class CairoContext {
    let format: OutputFormat
    let surface: OpaquePointer
    let context: OpaquePointer
    /// Where cairo streams PDF bytes; nil for PNG.
    let sink: ByteSink?
    /// A problem met while drawing or measuring (a missing font family), thrown when the
    /// output is encoded so that drawing calls stay non-throwing.
    private(set) var deferredError: DrawingError?
    private var checkedFamilies: Set<String> = []
    /// Scaled fonts this context has already handed to `pinFont()`.
    private var pinnedHere: Set<OpaquePointer> = []
    /// Every scaled font any context has drawn or measured with, each holding one reference
    /// of ours for the life of the process (see `pinFont()`).
    private static let pinnedFonts = Mutex<Set<Int>>([])

    /// Creates a surface of `width` × `height` format units: PNG pixels are that times `scale`.
    ///
    /// - Parameter sink: where a PDF's bytes go (a new in-memory sink when nil); unused for PNG.
    /// - Throws: `DrawingError.invalidSize`, or `.cairo` if cairo cannot create the surface.
    init(width: Double, height: Double, format: OutputFormat, scale: Double, sink pdfSink: ByteSink? = nil) throws {
        try Self.validate(width: width, height: height, scale: scale)
        let pixelWidth: Double = (width * scale).rounded()
        let pixelHeight: Double = (height * scale).rounded()
        self.format = format
        let created: OpaquePointer?
        switch format {
        case .png:
            sink = nil
            created = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(pixelWidth), Int32(pixelHeight))
        case .svg:
            // SVG is `SVGWriter`'s: cairo 1.16 writes text only as glyph outlines.
            throw DrawingError.cairo(operation: "creating the surface", message: "cairo draws PNG and PDF here, not SVG")
        case .pdf:
            let byteSink = pdfSink ?? ByteSink()
            sink = byteSink
            let closure = Unmanaged.passUnretained(byteSink).toOpaque()
            let write: cairo_write_func_t = { closure, data, length in
                guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
                let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
                sink.append(UnsafeBufferPointer(start: data, count: Int(length)))
                return CAIRO_STATUS_SUCCESS
            }
            created = cairo_pdf_surface_create_for_stream(write, closure, width, height)
        }
        guard let created else { throw DrawingError.cairo(operation: "creating the surface", message: "no surface") }
        let surfaceStatus = cairo_surface_status(created)
        guard surfaceStatus == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(created)
            throw DrawingError.cairo(operation: "creating the surface", message: Self.message(surfaceStatus))
        }
        guard let cr = cairo_create(created) else {
            cairo_surface_destroy(created)
            throw DrawingError.cairo(operation: "creating the context", message: "no context")
        }
        let contextStatus = cairo_status(cr)
        guard contextStatus == CAIRO_STATUS_SUCCESS else {
            cairo_destroy(cr)
            cairo_surface_destroy(created)
            throw DrawingError.cairo(operation: "creating the context", message: Self.message(contextStatus))
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

    /// A small context for measuring text as a `format` output at `scale` would draw it:
    /// cairo's scaled fonts depend on the surface's kind and the transform, not its size.
    /// SVG is measured as PDF, the other vector output with the same font options.
    static func measuring(format: OutputFormat, scale: Double) throws -> CairoContext {
        let side: Double = 2 / scale
        return try CairoContext(width: side, height: side, format: format == .svg ? .pdf : format, scale: scale)
    }

    /// Throws `DrawingError.invalidSize` unless the size is positive and, at `scale`, between
    /// 1 and 32767 pixels a side (cairo's limit).
    static func validate(width: Double, height: Double, scale: Double) throws {
        let pixelWidth: Double = (width * scale).rounded()
        let pixelHeight: Double = (height * scale).rounded()
        guard width.isFinite, height.isFinite, scale.isFinite, width > 0, height > 0, scale > 0,
              pixelWidth >= 1, pixelHeight >= 1, pixelWidth <= 32767, pixelHeight <= 32767
        else {
            throw DrawingError.invalidSize(width: width, height: height, scale: scale)
        }
    }

    deinit {
        cairo_destroy(context)
        cairo_surface_destroy(surface)
    }

    // MARK: Text

    /// The advance and ink ascent and descent of `text` in `font`.
    func metrics(of text: String, font: Font) -> TextLayout.Metrics {
        select(font)
        var extents = cairo_text_extents_t()
        cairo_text_extents(context, text, &extents)
        let ascent: Double = -extents.y_bearing
        let descent: Double = extents.height + extents.y_bearing
        let inked = extents.width > 0 || extents.height > 0
        return TextLayout.Metrics(advance: extents.x_advance, ascent: inked ? ascent : 0, descent: inked ? descent : 0)
    }

    /// Where each character of `text` starts, from the text's start, as cairo places its
    /// glyphs (one a character: cairo's text API does not shape).
    func characterOffsets(of text: String, font: Font) -> [Double] {
        select(font)
        var offsets: [Double] = []
        offsets.reserveCapacity(text.unicodeScalars.count)
        var x: Double = 0
        for scalar in text.unicodeScalars {
            offsets.append(x)
            var extents = cairo_text_extents_t()
            cairo_text_extents(context, String(scalar), &extents)
            x += extents.x_advance
        }
        return offsets
    }

    /// Makes `font` the context's font.
    func select(_ font: Font) {
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
    /// Animation frames are drawn on several threads at once, each with its own context, and
    /// cairo shares scaled fonts between them through its global cache. In cairo 1.16, when
    /// one thread drops a font's last reference (a context switching fonts or being
    /// destroyed) while another takes that font back from the cache and starts drawing with
    /// it, `cairo_scaled_font_destroy` fails an assertion and aborts the process. A font whose
    /// count never falls to zero cannot meet that race. There are few of them (the families,
    /// sizes and rotations of one program's labels).
    private func pinFont() {
        guard let font = cairo_get_scaled_font(context), !pinnedHere.contains(font) else { return }
        pinnedHere.insert(font)
        Self.pinnedFonts.withLock { pinned in
            if pinned.insert(Int(bitPattern: font)).inserted { cairo_scaled_font_reference(font) }
        }
    }

    // MARK: Status

    func remember(_ error: DrawingError) {
        if deferredError == nil { deferredError = error }
    }

    /// Throws the first deferred problem, or cairo's error state.
    func check(operation: String) throws {
        if let deferredError { throw deferredError }
        let status = cairo_status(context)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw DrawingError.cairo(operation: operation, message: Self.message(status))
        }
    }

    static func message(_ status: cairo_status_t) -> String {
        String(cString: cairo_status_to_string(status))
    }
}

/// Collects the bytes cairo streams out for PDF, in memory or, for a document too large to
/// hold (an animation's frames as pages), straight into a file being written.
final class ByteSink {
    private(set) var bytes: [UInt8] = []
    /// The file the bytes go to as they come, instead of `bytes`.
    let stream: FileOutput.Stream?

    init(stream: FileOutput.Stream? = nil) {
        self.stream = stream
    }

    func append(_ data: UnsafeBufferPointer<UInt8>) {
        if let stream {
            stream.write(Array(data))
        } else {
            bytes.append(contentsOf: data)
        }
    }
}
