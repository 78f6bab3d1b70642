/* Reading a post file into its parts: front matter, body, and whether the
 * bytes are text at all. Plain C, no Lua. */
#ifndef QUIRE_RECORD_H
#define QUIRE_RECORD_H

#include <stddef.h>

enum fm_status {
    FM_OK,            /* --- ... --- found */
    FM_NONE,          /* the file does not start with a --- line */
    FM_UNTERMINATED   /* --- opened and never closed */
};

struct fm_parts {
    enum fm_status status;
    size_t yaml_start, yaml_end;  /* the YAML text, without the fences */
    size_t body_start;            /* the body runs to the end of the buffer */
    int yaml_line;                /* 1-based line number of the first YAML line */
};

/* Splits BUF into front matter and body. A UTF-8 byte order mark and blank
 * lines before the opening "---" are skipped (real archives start with a
 * blank line); the front matter ends at a line "---" or "...". Fences may
 * carry trailing spaces and CR. */
void fm_split(const char *buf, size_t len, struct fm_parts *out);

enum text_problem {
    TEXT_OK,
    TEXT_NUL,           /* a NUL byte: binary data, not a post */
    TEXT_BAD_UTF8,      /* not valid UTF-8 */
    TEXT_CUT_SHORT      /* valid UTF-8 but for a last character cut short */
};

/* Checks that BUF is NUL-free valid UTF-8; *OFFSET gets the first bad byte. */
enum text_problem text_check(const char *buf, size_t len, size_t *offset);

/* FNV-1a, 64 bits, of BUF: a fingerprint to tell whether a post changed
 * between two exports (not for security). */
unsigned long long record_hash(const char *buf, size_t len);

#endif
