#ifndef TRYG_CREADLINE_SHIM_H
#define TRYG_CREADLINE_SHIM_H
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <signal.h>
#include <time.h>
#include <sys/select.h>
#include <readline/readline.h>
#include <readline/history.h>

/* Setters and getters for readline's globals: Swift 6 rejects touching mutable C globals. */

/* Keys are read by the shell's own function (readline's, with an event hook, polls and could
   take a key typed just after Ctrl-C into the interrupted line). */
static inline void tryg_rl_set_getc(rl_getc_func_t *getc) { rl_getc_function = getc; }
static inline int tryg_rl_input_fd(void) { return fileno(rl_instream ? rl_instream : stdin); }
/* Ctrl-C at the prompt: the cursor to the end of the line (its last row, when the line takes
   several), so the new prompt starts below all of it. */
static inline void tryg_rl_end_interrupted_line(void) {
    rl_point = rl_end;
    (*rl_redisplay_function)();
}
/* Runs readline's handling of a signal it noted (a resize, Ctrl-C) with its own redisplay: on a
   resize readline clears the row before redrawing only then (with another redisplay function it
   redraws from wherever the cursor is, and the prompt and line came out twice on one row). The
   shell's redisplay then draws the line once more, in colour. */
static inline void tryg_rl_handle_signals(void) {
    rl_voidfunc_t *painter = rl_redisplay_function;
    rl_redisplay_function = rl_redisplay;
    rl_check_signals();
    rl_redisplay_function = painter;
    if (painter != rl_redisplay && RL_ISSTATE(RL_STATE_TERMPREPPED)) (*painter)();
}
/* Whether readline itself starts a new line when it returns at end of input (it does when it
   turned bracketed paste on, which it turns off with a carriage return). */
static inline int tryg_rl_newline_at_eof(void) {
    const char *paste = rl_variable_value("enable-bracketed-paste");
    return paste != NULL && strcmp(paste, "on") == 0;
}

/* Waits at most `timeout_ms` for a key on `fd`: 1 when one can be read and no signal came
   first, 0 when a signal came (or the time ran out) and the caller should handle signals and ask
   again. The signals readline acts on are blocked from before readline's note of a caught one is
   checked until pselect waits, so one that comes in between ends the wait at once instead of
   being seen only after the next key; one that comes with a key counts before the key, whether
   it is still pending (on this thread or the process) or another thread's handler noted it. */
static inline int tryg_wait_for_key(int fd, int timeout_ms) {
    static const int watched_signals[] = { SIGINT, SIGWINCH, SIGTERM, SIGHUP, SIGQUIT };
    sigset_t watched, old, pending;
    sigemptyset(&watched);
    for (unsigned i = 0; i < sizeof watched_signals / sizeof watched_signals[0]; i++) sigaddset(&watched, watched_signals[i]);
    sigprocmask(SIG_BLOCK, &watched, &old);
    int ready = 0;
    if (rl_pending_signal() == 0) {
        fd_set keys;
        FD_ZERO(&keys);
        FD_SET(fd, &keys);
        struct timespec wait = { timeout_ms / 1000, (long)(timeout_ms % 1000) * 1000000L };
        int r = pselect(fd + 1, &keys, NULL, NULL, &wait, &old);
        if (r > 0) {
            /* A signal another thread took (and readline's handler noted there) counts too. */
            ready = rl_pending_signal() == 0;
            sigemptyset(&pending);
            sigpending(&pending);
            for (unsigned i = 0; i < sizeof watched_signals / sizeof watched_signals[0]; i++) {
                int sig = watched_signals[i];
                if (sigismember(&pending, sig) == 1 && sigismember(&old, sig) != 1) ready = 0;
            }
        } else if (r < 0 && errno != EINTR) {
            ready = 1;   /* the read reports the error */
        }
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
    return ready;
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

/* A list of candidates shown in another form (a function with its arguments); NULL shows
   the candidates themselves, asking first when there are many. */
static inline void tryg_rl_set_display_matches_hook(rl_compdisp_func_t *hook) { rl_completion_display_matches_hook = hook; }
static inline void tryg_rl_display_match_list(char **matches, int len, int max) {
    rl_display_match_list(matches, len, max);
    rl_forced_update_display();
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
