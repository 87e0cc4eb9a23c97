/* libzip, loaded when the first workbook is opened rather than at every start: linked in,
   libzip and what it needs (libcrypto, bzip2) cost a shell that never reads a workbook
   most of a millisecond of each start.

   Each libzip function tryg calls is defined here and calls through a pointer that
   tryg_zip_load fills from libzip.so.4; the declarations are libzip's own. Call
   tryg_zip_load first, and no libzip function when it fails. A function tryg starts to use
   is added to the list below. */
#include "lazy_library.h"
#include "CZip.h"

#define ZIP_FUNCTIONS(ZIP, ZIP_VOID) \
    ZIP(int, zip_close, (zip_t *_Nonnull a0), (a0)) \
    ZIP_VOID(zip_discard, (zip_t *_Nonnull a0), (a0)) \
    ZIP_VOID(zip_error_fini, (zip_error_t *_Nonnull a0), (a0)) \
    ZIP_VOID(zip_error_init, (zip_error_t *_Nonnull a0), (a0)) \
    ZIP(const char *_Nonnull, zip_error_strerror, (zip_error_t *_Nonnull a0), (a0)) \
    ZIP(int, zip_fclose, (zip_file_t *_Nonnull a0), (a0)) \
    ZIP(zip_int64_t, zip_file_add, (zip_t *_Nonnull a0, const char *_Nonnull a1, zip_source_t *_Nonnull a2, zip_flags_t a3), (a0, a1, a2, a3)) \
    ZIP(const char *_Nonnull, zip_file_strerror, (zip_file_t *_Nonnull a0), (a0)) \
    ZIP(zip_file_t *_Nullable, zip_fopen_index, (zip_t *_Nonnull a0, zip_uint64_t a1, zip_flags_t a2), (a0, a1, a2)) \
    ZIP(zip_int64_t, zip_fread, (zip_file_t *_Nonnull a0, void *_Nonnull a1, zip_uint64_t a2), (a0, a1, a2)) \
    ZIP(const char *_Nullable, zip_get_name, (zip_t *_Nonnull a0, zip_uint64_t a1, zip_flags_t a2), (a0, a1, a2)) \
    ZIP(zip_int64_t, zip_get_num_entries, (zip_t *_Nonnull a0, zip_flags_t a1), (a0, a1)) \
    ZIP(zip_int64_t, zip_name_locate, (zip_t *_Nonnull a0, const char *_Nonnull a1, zip_flags_t a2), (a0, a1, a2)) \
    ZIP(zip_t *_Nullable, zip_open_from_source, (zip_source_t *_Nonnull a0, int a1, zip_error_t *_Nullable a2), (a0, a1, a2)) \
    ZIP(zip_source_t *_Nullable, zip_source_buffer, (zip_t *_Nonnull a0, const void *_Nullable a1, zip_uint64_t a2, int a3), (a0, a1, a2, a3)) \
    ZIP(zip_source_t *_Nullable, zip_source_buffer_create, (const void *_Nullable a0, zip_uint64_t a1, int a2, zip_error_t *_Nullable a3), (a0, a1, a2, a3)) \
    ZIP(int, zip_source_close, (zip_source_t *_Nonnull a0), (a0)) \
    ZIP_VOID(zip_source_free, (zip_source_t *_Nullable a0), (a0)) \
    ZIP_VOID(zip_source_keep, (zip_source_t *_Nonnull a0), (a0)) \
    ZIP(int, zip_source_open, (zip_source_t *_Nonnull a0), (a0)) \
    ZIP(zip_int64_t, zip_source_read, (zip_source_t *_Nonnull a0, void *_Nonnull a1, zip_uint64_t a2), (a0, a1, a2))

TRYG_LAZY_LIBRARY(ZIP_FUNCTIONS, "libzip.so.4", tryg_zip_load)

/* (libzip declares its functions visible, so these are too; should libzip's own calls to
   them come here, the pointers lead back into libzip.) */
#define WRAPPER(ret, name, params, args) ret name params { return p_##name args; }
#define WRAPPER_VOID(name, params, args) void name params { p_##name args; }
ZIP_FUNCTIONS(WRAPPER, WRAPPER_VOID)
