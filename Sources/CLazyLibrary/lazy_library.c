#include "lazy_library.h"

void *tryg_lazy_open(const char *soname, const char **failure) {
    void *library = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        *failure = dlerror();
        if (*failure == NULL) *failure = "not found";
    }
    return library;
}
