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
    /* The completer's order is the one to show (a survey scale in its order), not sorted,
       and read across the rows as text is, not down the columns. */
    rl_sort_completion_matches = 0;
    rl_variable_bind("print-completions-horizontally", "on");
    rl_filename_quote_characters = " \t\n\"'`\\$&;|()<>#";
}

/* The word breaks for this completion, chosen from the line (a dot command's paths keep their '/'). */
static inline void tryg_rl_set_word_break_hook(rl_cpvfunc_t *hook) { rl_completion_word_break_hook = hook; }
static inline int tryg_rl_point(void) { return rl_point; }
/* Readline treats the matches as file names: quoted when they hold a space, folders marked. */
static inline void tryg_rl_set_filename_completion(int on) { rl_filename_completion_desired = on; }

#endif
