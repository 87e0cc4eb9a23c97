#ifndef TRYG_LAZY_LIBRARY_H
#define TRYG_LAZY_LIBRARY_H
/* A shared library opened when it is first needed rather than linked, so that a start which
   never needs it does not map and bind it (and the libraries it needs).

   A file lists the library's functions tryg calls in a macro FUNCTIONS(F, F_VOID), one
   F(ret, name, (params), (args)) or F_VOID(name, (params), (args)) each, and defines each
   function to call through the pointer p_name. TRYG_LAZY_LIBRARY(FUNCTIONS, SONAME, LOADER)
   then defines the pointers and `const char *LOADER(void)`, which opens SONAME once and fills
   them: NULL when every function can be called, else why not. Call LOADER first, and none of
   the functions when it fails. */
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>

/* dlopen(soname), or NULL with the reason in *failure. */
void *tryg_lazy_open(const char *soname, const char **failure);

#define TRYG_LAZY_POINTER(ret, name, params, args) static ret (*p_##name) params;
#define TRYG_LAZY_POINTER_VOID(name, params, args) static void (*p_##name) params;
#define TRYG_LAZY_RESOLVE(ret, name, params, args) \
    if (failure == NULL && (p_##name = (ret (*) params)dlsym(library, #name)) == NULL) failure = "it lacks " #name;
#define TRYG_LAZY_RESOLVE_VOID(name, params, args) TRYG_LAZY_RESOLVE(void, name, params, args)

#define TRYG_LAZY_LIBRARY(FUNCTIONS, SONAME, LOADER) \
    FUNCTIONS(TRYG_LAZY_POINTER, TRYG_LAZY_POINTER_VOID) \
    static pthread_once_t LOADER##_once = PTHREAD_ONCE_INIT; \
    static const char *LOADER##_failure = "not tried"; \
    static void LOADER##_run(void) { \
        const char *failure = NULL; \
        void *library = tryg_lazy_open(SONAME, &failure); \
        if (library != NULL) { FUNCTIONS(TRYG_LAZY_RESOLVE, TRYG_LAZY_RESOLVE_VOID) } \
        LOADER##_failure = failure; \
    } \
    const char *LOADER(void) { \
        pthread_once(&LOADER##_once, LOADER##_run); \
        return LOADER##_failure; \
    }
#endif
