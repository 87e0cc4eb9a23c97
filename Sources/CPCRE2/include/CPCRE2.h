#ifndef TRYG_CPCRE2_H
#define TRYG_CPCRE2_H
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

/* Loads libpcre2-8.so.0 once; NULL when every PCRE2 function tryg uses can be called, else
   why not. */
const char *tryg_pcre2_load(void);
#endif
