#ifndef TRYG_CZIP_SHIM_H
#define TRYG_CZIP_SHIM_H
#include <zip.h>
#endif
