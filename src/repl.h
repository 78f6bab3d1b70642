/*
 * Line editing for the REPL: a thin layer over libedit (BSD editline) with
 * persistent history and a completion callback. Plain C, no Lua: the
 * binding (lua_repl.c) supplies the completer.
 */
#ifndef QUIRE_REPL_H
#define QUIRE_REPL_H

#include <stddef.h>

struct repl;

/* What a completer found for the text before the cursor: the byte offset
 * where the word being completed starts, and candidates that replace it. */
struct repl_matches {
    size_t start;
    char **items;
    size_t n, cap;
    int failed;  /* out of memory while adding */
};

/* Fills M for LINE (the text before the cursor, LEN bytes). */
typedef void (*repl_completer)(void *ctx, const char *line, size_t len, struct repl_matches *m);

/* Adds a copy of candidate S to M. */
void repl_matches_add(struct repl_matches *m, const char *s, size_t len);

enum repl_status { REPL_LINE, REPL_EOF, REPL_INTERRUPTED, REPL_ERROR };

/* A line editor on stdin/stdout; HISTORY_PATH (may be NULL) is loaded now
 * and written after each repl_add. NULL when out of memory or when libedit
 * cannot start. */
struct repl *repl_open(const char *prog, const char *history_path, int history_size);

/* Sets the completer called on Tab. */
void repl_set_completer(struct repl *r, repl_completer fn, void *ctx);

/* Reads a line with PROMPT. Returns the line (without its newline, owned by
 * the editor until the next call) and sets *status to REPL_LINE; or NULL
 * with REPL_EOF (Ctrl-D on an empty line), REPL_INTERRUPTED (Ctrl-C: the
 * line is discarded) or REPL_ERROR. */
const char *repl_read(struct repl *r, const char *prompt, enum repl_status *status);

/* Adds LINE (may hold newlines) to the history and saves the history file.
 * Returns 0, or -1 when the file could not be written. */
int repl_add(struct repl *r, const char *line);

/* Frees the editor and restores the terminal. */
void repl_close(struct repl *r);

#endif
