#ifndef TRYG_CZIP_H
#define TRYG_CZIP_H
#include <zip.h>

/* Loads libzip.so.4 once; NULL when every libzip function tryg uses can be called, else
   why not. */
const char *tryg_zip_load(void);
#endif
