import CCairo
import Foundation

/// Draws on a cairo context (an image surface for PNG, a PDF surface for PDF).
final class CairoCanvas: ChartCanvas {
    private let cr: OpaquePointer

    /// Takes a context whose user space is already scaled to layout units.
    init(context: OpaquePointer) {
        cr = context
        CairoText.configure(cr)
    }

    func fill(_ rect: ChartRect, _ color: ChartColor) {
        set(color)
        cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
        cairo_fill(cr)
    }

    func stroke(_ points: [ChartPoint], width: Double, _ color: ChartColor, dash: [Double]) {
        guard let first = points.first else { return }
        set(color)
        cairo_set_line_width(cr, width)
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
        cairo_set_line_cap(cr, dash.isEmpty ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT)
        dash.withUnsafeBufferPointer { cairo_set_dash(cr, $0.baseAddress, Int32($0.count), 0) }
        cairo_move_to(cr, first.x, first.y)
        for p in points.dropFirst() { cairo_line_to(cr, p.x, p.y) }
        cairo_stroke(cr)
        cairo_set_dash(cr, nil, 0, 0)
    }

    func fill(polygon: [ChartPoint], _ color: ChartColor) {
        guard let first = polygon.first else { return }
        set(color)
        cairo_move_to(cr, first.x, first.y)
        for p in polygon.dropFirst() { cairo_line_to(cr, p.x, p.y) }
        cairo_close_path(cr)
        cairo_fill(cr)
    }

    func circle(_ center: ChartPoint, radius: Double, fill: ChartColor, ring: ChartColor, ringWidth: Double) {
        cairo_new_sub_path(cr)
        cairo_arc(cr, center.x, center.y, radius, 0, 2 * Double.pi)
        set(fill)
        cairo_fill_preserve(cr)
        set(ring)
        cairo_set_line_width(cr, ringWidth)
        cairo_stroke(cr)
    }

    func text(_ text: String, at point: ChartPoint, font: ChartFont, _ color: ChartColor, anchor: ChartTextAnchor) {
        CairoText.select(cr, font)
        let width = CairoText.advance(cr, text)
        let x = anchor == .start ? point.x : anchor == .middle ? point.x - width / 2 : point.x - width
        set(color)
        cairo_move_to(cr, x, point.y)
        cairo_show_text(cr, text)
        cairo_new_path(cr)
    }

    private func set(_ c: ChartColor) {
        cairo_set_source_rgba(cr, c.red, c.green, c.blue, c.alpha)
    }
}

/// Text through cairo's own font selection (fontconfig and FreeType underneath).
enum CairoText {
    /// Metrics without hinting, so a label measures the same on every surface and at every scale.
    static func configure(_ cr: OpaquePointer) {
        guard let options = cairo_font_options_create() else { return }
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_set_font_options(cr, options)
        cairo_font_options_destroy(options)
    }

    static func select(_ cr: OpaquePointer, _ font: ChartFont) {
        cairo_select_font_face(cr, ChartFont.family, CAIRO_FONT_SLANT_NORMAL,
                               font.bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(cr, font.size)
    }

    /// How far the pen moves over the text.
    static func advance(_ cr: OpaquePointer, _ text: String) -> Double {
        var extents = cairo_text_extents_t()
        cairo_text_extents(cr, text, &extents)
        return extents.x_advance
    }
}

/// Measures label widths for the layout, on a one-pixel cairo surface kept for the process.
final class ChartTextMeasure: @unchecked Sendable {
    private let surface: OpaquePointer?
    private let cr: OpaquePointer?
    // cairo contexts are not thread-safe; a chart is laid out on one thread at a time, but be sure.
    private let lock = NSLock()

    static let shared = ChartTextMeasure()

    private init() {
        // Without cairo (an SVG needs none of it otherwise), widths are estimated from the length.
        guard tryg_cairo_load() == nil else {
            surface = nil
            cr = nil
            return
        }
        surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1)
        cr = surface.flatMap { cairo_create($0) }
        if let cr { CairoText.configure(cr) }
    }

    func width(_ text: String, _ font: ChartFont) -> Double {
        lock.lock()
        defer { lock.unlock() }
        guard let cr else { return Double(text.count) * font.size * 0.6 }
        CairoText.select(cr, font)
        return CairoText.advance(cr, text)
    }

    /// The longest prefix of `text` (with `…`) no wider than `limit`.
    func fit(_ text: String, _ font: ChartFont, to limit: Double) -> String {
        guard width(text, font) > limit else { return text }
        var kept = Substring(text)
        while !kept.isEmpty && width(kept + "…", font) > limit { kept = kept.dropLast() }
        return kept + "…"
    }

    deinit {
        if let cr { cairo_destroy(cr) }
        if let surface { cairo_surface_destroy(surface) }
    }
}
