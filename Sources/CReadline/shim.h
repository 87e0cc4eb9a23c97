#ifndef TRYG_CREADLINE_SHIM_H
#define TRYG_CREADLINE_SHIM_H
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>

/* Setters and getters for readline's globals: Swift 6 rejects touching mutable C globals. */

static inline void tryg_rl_set_event_hook(rl_hook_func_t *hook) { rl_event_hook = hook; }
static inline void tryg_rl_set_done(int done) { rl_done = done; }
static inline void tryg_rl_set_name(const char *name) { rl_readline_name = name; }
static inline void tryg_rl_use_stderr(void) { rl_outstream = stderr; }
static inline const char *tryg_rl_line_buffer(void) { return rl_line_buffer; }
static inline void tryg_rl_set_attempted_over(int over) { rl_attempted_completion_over = over; }
static inline void tryg_rl_set_append_character(int c) { rl_completion_append_character = c; }

/* Word breaks come from the language's vocabulary (kept for the process's life); quotes
   open a word that may hold spaces. */
static inline void tryg_rl_set_completion(rl_completion_func_t *completer, char *word_breaks) {
    rl_attempted_completion_function = completer;
    rl_completer_word_break_characters = word_breaks;
    rl_completer_quote_characters = "\"'`";
}

#endif
