import CCairo
import Drawing
import Testing

/// Cairo 1.16 aborts when one thread drops a scaled font's last reference while another
/// takes it back from cairo's cache (see `Canvas.pinFont()`); canvases therefore keep every
/// scaled font they use referenced for good. The race itself is too rare to provoke in a
/// test, so this checks the mechanism: after the canvas is gone, its font still has our
/// reference.
@Test("a scaled font a canvas drew with keeps a reference after the canvas is gone")
func scaledFontsStayReferenced() throws {
    let drawn = 13.37, untouched = 13.38  // sizes no other test uses
    do {
        let canvas = try Canvas(width: 60, height: 20, format: .png)
        canvas.draw("pinned", font: .sans(size: drawn), color: .black, at: Point(x: 2, y: 15))
    }
    // A context asking for the same face, size, transform and options gets the same scaled
    // font from cairo's cache: with the canvas's reference, one more than a font no canvas
    // has used (cairo's own count for a font in use is an internal matter, so compare).
    #expect(referenceCount(size: drawn) == referenceCount(size: untouched) + 1)
}

/// The reference count of the scaled font a fresh context gets for DejaVu Sans at `size`,
/// with the canvas's font options, while it uses it.
private func referenceCount(size: Double) -> UInt32 {
    let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 10, 10)
    let cr = cairo_create(surface)
    defer {
        cairo_destroy(cr)
        cairo_surface_destroy(surface)
    }
    let options = cairo_font_options_create()
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
    cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
    cairo_set_font_options(cr, options)
    cairo_font_options_destroy(options)
    cairo_select_font_face(cr, Font.sansFamily, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
    cairo_set_font_size(cr, size)
    return cairo_scaled_font_get_reference_count(cairo_get_scaled_font(cr))
}
