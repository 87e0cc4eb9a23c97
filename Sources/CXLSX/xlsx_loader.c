/* libxlsxwriter, loaded when the first workbook is written rather than at every start: a
   shell that never writes a workbook should not map it (and the zlib and minizip it needs).

   Each libxlsxwriter function tryg calls is defined here and calls through a pointer that
   tryg_xlsx_load fills from libxlsxwriter.so.4; the declarations are libxlsxwriter's own.
   Call tryg_xlsx_load first, and no libxlsxwriter function when it fails. A function tryg
   starts to use is added to the list below. */
#include "lazy_library.h"
#include "CXLSX.h"

#define XLSX_FUNCTIONS(XLSX, XLSX_VOID) \
    XLSX(lxw_workbook *, workbook_new_opt, (const char *a0, lxw_workbook_options *a1), (a0, a1)) \
    XLSX(lxw_worksheet *, workbook_add_worksheet, (lxw_workbook *a0, const char *a1), (a0, a1)) \
    XLSX(lxw_format *, workbook_add_format, (lxw_workbook *a0), (a0)) \
    XLSX(lxw_error, workbook_close, (lxw_workbook *a0), (a0)) \
    XLSX(lxw_error, workbook_validate_sheet_name, (lxw_workbook *a0, const char *a1), (a0, a1)) \
    XLSX_VOID(format_set_bold, (lxw_format *a0), (a0)) \
    XLSX_VOID(format_set_num_format, (lxw_format *a0, const char *a1), (a0, a1)) \
    XLSX(lxw_error, worksheet_write_number, (lxw_worksheet *a0, lxw_row_t a1, lxw_col_t a2, double a3, lxw_format *a4), (a0, a1, a2, a3, a4)) \
    XLSX(lxw_error, worksheet_write_string, (lxw_worksheet *a0, lxw_row_t a1, lxw_col_t a2, const char *a3, lxw_format *a4), (a0, a1, a2, a3, a4)) \
    XLSX(lxw_error, worksheet_write_blank, (lxw_worksheet *a0, lxw_row_t a1, lxw_col_t a2, lxw_format *a3), (a0, a1, a2, a3)) \
    XLSX(lxw_error, worksheet_write_boolean, (lxw_worksheet *a0, lxw_row_t a1, lxw_col_t a2, int a3, lxw_format *a4), (a0, a1, a2, a3, a4)) \
    XLSX(lxw_error, worksheet_write_datetime, (lxw_worksheet *a0, lxw_row_t a1, lxw_col_t a2, lxw_datetime *a3, lxw_format *a4), (a0, a1, a2, a3, a4)) \
    XLSX(lxw_error, worksheet_write_comment, (lxw_worksheet *a0, lxw_row_t a1, lxw_col_t a2, const char *a3), (a0, a1, a2, a3)) \
    XLSX(lxw_error, worksheet_set_column, (lxw_worksheet *a0, lxw_col_t a1, lxw_col_t a2, double a3, lxw_format *a4), (a0, a1, a2, a3, a4)) \
    XLSX_VOID(worksheet_freeze_panes, (lxw_worksheet *a0, lxw_row_t a1, lxw_col_t a2), (a0, a1, a2)) \
    XLSX(lxw_error, worksheet_autofilter, (lxw_worksheet *a0, lxw_row_t a1, lxw_col_t a2, lxw_row_t a3, lxw_col_t a4), (a0, a1, a2, a3, a4)) \
    XLSX(char *, lxw_strerror, (lxw_error a0), (a0))

TRYG_LAZY_LIBRARY(XLSX_FUNCTIONS, "libxlsxwriter.so.4", tryg_xlsx_load)

/* (libxlsxwriter declares its functions visible, so these are too; should its own calls to
   them come here, the pointers lead back into libxlsxwriter.) */
#define WRAPPER(ret, name, params, args) ret name params { return p_##name args; }
#define WRAPPER_VOID(name, params, args) void name params { p_##name args; }
XLSX_FUNCTIONS(WRAPPER, WRAPPER_VOID)
