/* PCRE2, the regular expressions of `matches`, loaded when the first pattern is compiled
   rather than at every start (a shell that never matches a pattern does not map it).

   Each PCRE2 function tryg calls is defined here and calls through a pointer that
   tryg_pcre2_load fills from libpcre2-8.so.0; the declarations are PCRE2's own. Call
   tryg_pcre2_load first, and no PCRE2 function when it fails. A function tryg starts to use
   is added to the list below. */
#include "lazy_library.h"
#include "CPCRE2.h"

#define PCRE2_FUNCTIONS(F, F_VOID) \
    F(pcre2_code_8 *, pcre2_compile_8, (PCRE2_SPTR8 a0, PCRE2_SIZE a1, uint32_t a2, int *a3, PCRE2_SIZE *a4, pcre2_compile_context_8 *a5), (a0, a1, a2, a3, a4, a5)) \
    F_VOID(pcre2_code_free_8, (pcre2_code_8 *a0), (a0)) \
    F(int, pcre2_get_error_message_8, (int a0, PCRE2_UCHAR8 *a1, PCRE2_SIZE a2), (a0, a1, a2)) \
    F(pcre2_match_data_8 *, pcre2_match_data_create_from_pattern_8, (const pcre2_code_8 *a0, pcre2_general_context_8 *a1), (a0, a1)) \
    F_VOID(pcre2_match_data_free_8, (pcre2_match_data_8 *a0), (a0)) \
    F(pcre2_match_context_8 *, pcre2_match_context_create_8, (pcre2_general_context_8 *a0), (a0)) \
    F_VOID(pcre2_match_context_free_8, (pcre2_match_context_8 *a0), (a0)) \
    F(int, pcre2_set_match_limit_8, (pcre2_match_context_8 *a0, uint32_t a1), (a0, a1)) \
    F(int, pcre2_set_depth_limit_8, (pcre2_match_context_8 *a0, uint32_t a1), (a0, a1)) \
    F(int, pcre2_set_heap_limit_8, (pcre2_match_context_8 *a0, uint32_t a1), (a0, a1)) \
    F(int, pcre2_match_8, (const pcre2_code_8 *a0, PCRE2_SPTR8 a1, PCRE2_SIZE a2, PCRE2_SIZE a3, uint32_t a4, pcre2_match_data_8 *a5, pcre2_match_context_8 *a6), (a0, a1, a2, a3, a4, a5, a6))

TRYG_LAZY_LIBRARY(PCRE2_FUNCTIONS, "libpcre2-8.so.0", tryg_pcre2_load)

/* (PCRE2 declares its functions visible, so these are too; should PCRE2's own calls to them
   come here, the pointers lead back into PCRE2.) */
#define WRAPPER(ret, name, params, args) ret name params { return p_##name args; }
#define WRAPPER_VOID(name, params, args) void name params { p_##name args; }
PCRE2_FUNCTIONS(WRAPPER, WRAPPER_VOID)
