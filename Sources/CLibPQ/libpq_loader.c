/* libpq, the PostgreSQL client library, loaded when tryg first talks to a server rather than
   at every start: a shell that never connects should not map it (and the TLS and Kerberos
   libraries it needs).

   Each libpq function tryg calls is defined here and calls through a pointer that
   tryg_libpq_load fills from libpq.so.5; the declarations are libpq's own. Call
   tryg_libpq_load first, and no libpq function when it fails. A function tryg starts to use
   is added to the list below. */
#include "lazy_library.h"
#include "CLibPQ.h"

#define PQ_FUNCTIONS(PQ, PQ_VOID) \
    PQ(PGconn *, PQconnectdb, (const char *a0), (a0)) \
    PQ(ConnStatusType, PQstatus, (const PGconn *a0), (a0)) \
    PQ(char *, PQerrorMessage, (const PGconn *a0), (a0)) \
    PQ_VOID(PQfinish, (PGconn *a0), (a0)) \
    PQ_VOID(PQreset, (PGconn *a0), (a0)) \
    PQ(PGresult *, PQexec, (PGconn *a0, const char *a1), (a0, a1)) \
    PQ(ExecStatusType, PQresultStatus, (const PGresult *a0), (a0)) \
    PQ(char *, PQresultErrorMessage, (const PGresult *a0), (a0)) \
    PQ(char *, PQresultErrorField, (const PGresult *a0, int a1), (a0, a1)) \
    PQ_VOID(PQclear, (PGresult *a0), (a0)) \
    PQ(int, PQntuples, (const PGresult *a0), (a0)) \
    PQ(int, PQnfields, (const PGresult *a0), (a0)) \
    PQ(char *, PQfname, (const PGresult *a0, int a1), (a0, a1)) \
    PQ(Oid, PQftype, (const PGresult *a0, int a1), (a0, a1)) \
    PQ(char *, PQgetvalue, (const PGresult *a0, int a1, int a2), (a0, a1, a2)) \
    PQ(int, PQgetisnull, (const PGresult *a0, int a1, int a2), (a0, a1, a2)) \
    PQ(PGcancel *, PQgetCancel, (PGconn *a0), (a0)) \
    PQ(int, PQcancel, (PGcancel *a0, char *a1, int a2), (a0, a1, a2)) \
    PQ_VOID(PQfreeCancel, (PGcancel *a0), (a0))

TRYG_LAZY_LIBRARY(PQ_FUNCTIONS, "libpq.so.5", tryg_libpq_load)

/* (libpq declares its functions visible, so these are too; should its own calls to them come
   here, the pointers lead back into libpq.) */
#define WRAPPER(ret, name, params, args) ret name params { return p_##name args; }
#define WRAPPER_VOID(name, params, args) void name params { p_##name args; }
PQ_FUNCTIONS(WRAPPER, WRAPPER_VOID)
