/* cairo, loaded when the first chart image is drawn rather than at every start: linked in,
   libcairo and the libraries it needs (X11, fontconfig, freetype, pixman, png) cost a
   shell that never draws an image about a millisecond of each start.

   Each cairo function tryg calls is defined here and calls through a pointer that
   tryg_cairo_load fills from libcairo.so.2; the declarations are cairo's own. Call
   tryg_cairo_load first, and no cairo function when it fails. A function tryg starts to
   use is added to the list below. */
#include "lazy_library.h"
#include "CCairo.h"

#define CAIRO_FUNCTIONS(CAIRO, CAIRO_VOID) \
    CAIRO_VOID(cairo_arc, (cairo_t *cr, double xc, double yc, double radius, double angle1, double angle2), (cr, xc, yc, radius, angle1, angle2)) \
    CAIRO_VOID(cairo_close_path, (cairo_t *cr), (cr)) \
    CAIRO(cairo_t *, cairo_create, (cairo_surface_t *target), (target)) \
    CAIRO_VOID(cairo_destroy, (cairo_t *cr), (cr)) \
    CAIRO_VOID(cairo_fill, (cairo_t *cr), (cr)) \
    CAIRO_VOID(cairo_fill_preserve, (cairo_t *cr), (cr)) \
    CAIRO(cairo_font_options_t *, cairo_font_options_create, (void), ()) \
    CAIRO_VOID(cairo_font_options_destroy, (cairo_font_options_t *options), (options)) \
    CAIRO_VOID(cairo_font_options_set_hint_metrics, (cairo_font_options_t *options, cairo_hint_metrics_t hint_metrics), (options, hint_metrics)) \
    CAIRO_VOID(cairo_font_options_set_hint_style, (cairo_font_options_t *options, cairo_hint_style_t hint_style), (options, hint_style)) \
    CAIRO(cairo_surface_t *, cairo_image_surface_create, (cairo_format_t format, int width, int height), (format, width, height)) \
    CAIRO_VOID(cairo_line_to, (cairo_t *cr, double x, double y), (cr, x, y)) \
    CAIRO_VOID(cairo_move_to, (cairo_t *cr, double x, double y), (cr, x, y)) \
    CAIRO_VOID(cairo_new_path, (cairo_t *cr), (cr)) \
    CAIRO_VOID(cairo_new_sub_path, (cairo_t *cr), (cr)) \
    CAIRO(cairo_surface_t *, cairo_pdf_surface_create_for_stream, (cairo_write_func_t write_func, void *closure, double width_in_points, double height_in_points), (write_func, closure, width_in_points, height_in_points)) \
    CAIRO_VOID(cairo_pdf_surface_set_metadata, (cairo_surface_t *surface, cairo_pdf_metadata_t metadata, const char *utf8), (surface, metadata, utf8)) \
    CAIRO_VOID(cairo_rectangle, (cairo_t *cr, double x, double y, double width, double height), (cr, x, y, width, height)) \
    CAIRO_VOID(cairo_scale, (cairo_t *cr, double sx, double sy), (cr, sx, sy)) \
    CAIRO_VOID(cairo_select_font_face, (cairo_t *cr, const char *family, cairo_font_slant_t slant, cairo_font_weight_t weight), (cr, family, slant, weight)) \
    CAIRO_VOID(cairo_set_dash, (cairo_t *cr, const double *dashes, int num_dashes, double offset), (cr, dashes, num_dashes, offset)) \
    CAIRO_VOID(cairo_set_font_options, (cairo_t *cr, const cairo_font_options_t *options), (cr, options)) \
    CAIRO_VOID(cairo_set_font_size, (cairo_t *cr, double size), (cr, size)) \
    CAIRO_VOID(cairo_set_line_cap, (cairo_t *cr, cairo_line_cap_t line_cap), (cr, line_cap)) \
    CAIRO_VOID(cairo_set_line_join, (cairo_t *cr, cairo_line_join_t line_join), (cr, line_join)) \
    CAIRO_VOID(cairo_set_line_width, (cairo_t *cr, double width), (cr, width)) \
    CAIRO_VOID(cairo_set_source_rgba, (cairo_t *cr, double red, double green, double blue, double alpha), (cr, red, green, blue, alpha)) \
    CAIRO_VOID(cairo_show_text, (cairo_t *cr, const char *utf8), (cr, utf8)) \
    CAIRO(cairo_status_t, cairo_status, (cairo_t *cr), (cr)) \
    CAIRO(const char *, cairo_status_to_string, (cairo_status_t status), (status)) \
    CAIRO_VOID(cairo_stroke, (cairo_t *cr), (cr)) \
    CAIRO_VOID(cairo_surface_destroy, (cairo_surface_t *surface), (surface)) \
    CAIRO_VOID(cairo_surface_finish, (cairo_surface_t *surface), (surface)) \
    CAIRO(cairo_status_t, cairo_surface_status, (cairo_surface_t *surface), (surface)) \
    CAIRO(cairo_status_t, cairo_surface_write_to_png_stream, (cairo_surface_t *surface, cairo_write_func_t write_func, void *closure), (surface, write_func, closure)) \
    CAIRO_VOID(cairo_text_extents, (cairo_t *cr, const char *utf8, cairo_text_extents_t *extents), (cr, utf8, extents))

TRYG_LAZY_LIBRARY(CAIRO_FUNCTIONS, "libcairo.so.2", tryg_cairo_load)

#define WRAPPER(ret, name, params, args) \
    __attribute__((visibility("hidden"))) ret name params { return p_##name args; }
#define WRAPPER_VOID(name, params, args) \
    __attribute__((visibility("hidden"))) void name params { p_##name args; }
CAIRO_FUNCTIONS(WRAPPER, WRAPPER_VOID)
