#ifndef TRYG_CREADLINE_SHIM_H
#define TRYG_CREADLINE_SHIM_H
#define _XOPEN_SOURCE 700
#include <stdio.h>
#include <wchar.h>
#include <readline/readline.h>
#include <readline/history.h>
#endif
