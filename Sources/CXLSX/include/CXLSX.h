#ifndef TRYG_CXLSX_H
#define TRYG_CXLSX_H
#include <xlsxwriter.h>

/* Loads libxlsxwriter.so.4 once; NULL when every libxlsxwriter function tryg uses can be
   called, else why not. */
const char *tryg_xlsx_load(void);
#endif
