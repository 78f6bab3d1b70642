/* Word tokens for full-text search over Chinese and Latin text: CJK runs
 * become overlapping character bigrams (with each character as a unigram
 * at the same position, so one-character searches work), Latin letters and
 * digits become case-folded, NFKC-normalised words. Plain C, no SQLite. */
#ifndef QUIRE_CJKTOKEN_H
#define QUIRE_CJKTOKEN_H

#include <stddef.h>

enum { CJKTOKEN_COLOCATED = 1 };  /* same position as the previous token */

/* Called per token: TOK/LEN is the token text (not NUL-terminated), START
 * and END its byte span in the input. A non-zero return stops and is
 * returned by cjk_tokenize. */
typedef int (*cjk_emit_fn)(void *ctx, int flags, const char *tok, int len, int start, int end);

/* Tokenizes TEXT. FOR_QUERY leaves out the unigrams inside longer CJK runs,
 * so a query "疫情防控" is the phrase of its bigrams. Returns 0, the first
 * non-zero value EMIT returned, or -1 when out of memory. */
int cjk_tokenize(const char *text, size_t len, int for_query, cjk_emit_fn emit, void *ctx);

/* Whether code point CP is written without spaces between words (Han,
 * kana, Hangul). */
int cjk_is_cjk(int cp);

#endif
