#ifndef TRYG_CCAIRO_H
#define TRYG_CCAIRO_H
#include <cairo/cairo.h>
#include <cairo/cairo-pdf.h>

/* Loads libcairo.so.2 once; NULL when every cairo function tryg uses can be called, else
   why not. */
const char *tryg_cairo_load(void);
#endif
