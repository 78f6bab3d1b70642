/* Word segmentation for Chinese text with Latin words and numbers mixed
 * in. Plain C, no Lua: the binding is lua_segment.c.
 *
 * Runs of Han characters go to libfriso (MMSEG, complex mode, over the
 * dictionary Debian's friso-dict installs); everything else is split here,
 * so Latin words, numbers and mixed tokens stay whole and keep their case:
 * "COVID-19", "5G", "3.5", "100,000", "U.S", and a letters-and-digits token
 * followed by one space and a capitalised word ("M1 Max", "A15 Bionic").
 * Every token is a slice of the input; white space is never a token.
 *
 * A segmenter owns its friso dictionary and the buffers one run needs, so
 * segmenting allocates nothing per call that a caller could leak. */
#ifndef QUIRE_SEGMENT_H
#define QUIRE_SEGMENT_H

#include <stddef.h>

/* Where Debian's friso-dict puts the UTF-8 dictionary (with friso.lex.ini). */
#define SEGMENT_DEFAULT_DICT "/usr/share/friso/dict/UTF-8/"

/* Longest dictionary word friso matches, in characters. User words longer
 * than this are refused (friso would never find them). */
#define SEGMENT_MAX_WORD 6

enum segment_kind {
    SEGMENT_WORD = 0,   /* Han word (or a single Han character) */
    SEGMENT_LATIN = 1,  /* letters, with digits or joiners: COVID-19, M1 Max, café */
    SEGMENT_NUMBER = 2, /* digits, with . or , between them: 2021, 3.5, 100,000 */
    SEGMENT_PUNCT = 3   /* one punctuation or symbol character */
};

typedef struct segment segment_t;

/* Called for each token in order: TOKEN is a slice of the input (not
 * NUL-terminated), LEN bytes. A non-zero return stops segment_run. */
typedef int (*segment_fn)(void *ud, const char *token, size_t len, enum segment_kind kind);

/* Loads the dictionary in DICT_DIR (a folder holding friso.lex.ini; NULL
 * for SEGMENT_DEFAULT_DICT). Returns NULL with a message in ERR (ERRLEN
 * bytes) when the folder has no dictionary. Takes about 0.2 s. */
segment_t *segment_open(const char *dict_dir, char *err, size_t errlen);

/* Frees the segmenter; NULL is a no-op. */
void segment_close(segment_t *seg);

/* Number of dictionary entries loaded (all lexicons). */
size_t segment_size(const segment_t *seg);

/* Adds WORD (LEN bytes) to the dictionary. Returns 1 if added, 0 if it was
 * there already, -1 if it is not 2..SEGMENT_MAX_WORD Han characters,
 * -2 when out of memory. */
int segment_add_word(segment_t *seg, const char *word, size_t len);

/* Whether WORD (LEN bytes) is a dictionary word. */
int segment_has_word(segment_t *seg, const char *word, size_t len);

/* Whether code point CP is a Han character friso segments. */
int segment_is_han(int cp);

/* Segments TEXT (LEN bytes, any bytes: invalid UTF-8 reads as punctuation,
 * one byte at a time) calling FN for each token. Returns 0, the callback's
 * non-zero value if it stopped early, or -1 when out of memory. */
int segment_run(segment_t *seg, const char *text, size_t len, segment_fn fn, void *ud);

#endif
