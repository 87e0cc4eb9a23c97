#ifndef TRYG_CLIBPQ_H
#define TRYG_CLIBPQ_H
#include <postgresql/libpq-fe.h>

/* Loads libpq.so.5 once; NULL when every libpq function tryg uses can be called, else why not. */
const char *tryg_libpq_load(void);
#endif
