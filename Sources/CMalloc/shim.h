#ifndef TRYG_CMALLOC_SHIM_H
#define TRYG_CMALLOC_SHIM_H
/* glibc's malloc settings (mallopt), which the Glibc module does not declare. */
#include <malloc.h>
#endif
