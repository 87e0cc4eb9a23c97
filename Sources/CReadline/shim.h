#ifndef TRYG_CREADLINE_SHIM_H
#define TRYG_CREADLINE_SHIM_H
#include <stdio.h>
#include <string.h>
#include <readline/readline.h>
#include <readline/history.h>

/* Setters and getters for readline's globals: Swift 6 rejects touching mutable C globals. */

/* The hook runs while readline waits for a key, and at once when a signal interrupts its read
   (Ctrl-C then ends the line before any key typed after it is read into that line). */
static inline void tryg_rl_set_event_hook(rl_hook_func_t *hook) { rl_event_hook = hook; rl_signal_event_hook = hook; }
static inline void tryg_rl_set_done(int done) { rl_done = done; }
/* Ctrl-C at the prompt: the cursor to the end of the line (its last row, when the line takes
   several), so the new prompt starts below all of it; then the line ends. */
static inline void tryg_rl_end_interrupted_line(void) {
    rl_point = rl_end;
    (*rl_redisplay_function)();
    rl_done = 1;
}
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

/* Highlighting: readline draws the line, then the shell paints it over in colour. */
static inline void tryg_rl_set_redisplay(rl_voidfunc_t *redisplay) { rl_redisplay_function = redisplay; }
static inline int tryg_rl_end(void) { return rl_end; }
/* The plain prompt is showing (not an incremental search, a numeric argument or another
   message) and long lines wrap (not scrolled sideways). */
static inline int tryg_rl_shows_prompt(void) {
    if (RL_ISSTATE(RL_STATE_ISEARCH | RL_STATE_NSEARCH | RL_STATE_NUMERICARG | RL_STATE_SEARCH)) return 0;
    const char *sideways = rl_variable_value("horizontal-scroll-mode");
    if (sideways != NULL && strcmp(sideways, "on") == 0) return 0;
    return rl_display_prompt != NULL && rl_prompt != NULL && strcmp(rl_display_prompt, rl_prompt) == 0;
}
/* Readline's idea of the screen: its width equals the terminal's only when the terminal wraps by itself. */
static inline int tryg_rl_screen_columns(void) { int rows = 0, cols = 0; rl_get_screen_size(&rows, &cols); return cols; }
static inline int tryg_rl_screen_rows(void) { int rows = 0, cols = 0; rl_get_screen_size(&rows, &cols); return rows; }
static inline int tryg_rl_output_fd(void) { return fileno(rl_outstream ? rl_outstream : stdout); }
static inline void tryg_rl_write(const char *text) {
    FILE *out = rl_outstream ? rl_outstream : stdout;
    fputs(text, out);
    fflush(out);
}

#endif
