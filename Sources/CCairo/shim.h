// cairo for chart images: PNG through image surfaces, PDF through the PDF surface.
#include <cairo.h>
#include <cairo-pdf.h>
