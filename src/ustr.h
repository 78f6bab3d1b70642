/* Unicode and CJK text helpers over utf8proc (and iconv for legacy Chinese
 * encodings). Plain C, no Lua: the binding is lua_ustr.c.
 *
 * Invalid UTF-8 never stops a function here. Every byte that does not start
 * a well-formed sequence (utf8proc_iterate's rules: no overlongs, no
 * surrogates, nothing above U+10FFFF) is read as one U+FFFD. Functions that
 * measure or slice (len, width, sub, trim, graphemes) count it as one code
 * point and leave the bytes in the slices they return; functions that build
 * new text (normalize, fold, lower, upper, halfwidth, fullwidth, squeeze,
 * repair) write U+FFFD in its place, so their output is always valid UTF-8.
 * A NUL byte is the code point U+0000, like any other. */
#ifndef QUIRE_USTR_H
#define QUIRE_USTR_H

#include <stddef.h>
#include <stdint.h>

#define USTR_REPLACEMENT 0xFFFD

/* Output buffers of the rebuilding functions below must hold
 * USTR_GROWTH * len bytes: the worst case is an invalid byte becoming
 * U+FFFD (3 bytes) or an ASCII character becoming a full-width one. */
#define USTR_GROWTH 3

/* Decodes the code point at S[*I] and moves *I past it; an invalid byte
 * gives U+FFFD and moves one byte. *I must be below LEN. */
int32_t ustr_decode(const char *s, size_t len, size_t *i);

/* Writes CP as UTF-8 to OUT (room for 4 bytes); returns the byte count. */
size_t ustr_encode(int32_t cp, char *out);

/* Number of code points (invalid bytes count one each). */
size_t ustr_len(const char *s, size_t len);

/* Whether S is valid UTF-8; if not, *BAD gets the offset of the first
 * invalid byte. */
int ustr_valid(const char *s, size_t len, size_t *bad);

/* Copies S to OUT with every invalid byte replaced by U+FFFD; returns the
 * output length. OUT holds USTR_GROWTH * LEN bytes. */
size_t ustr_repair(const char *s, size_t len, char *out);

/* Byte range [*FROM, *TO) of code points I..J (1-based, inclusive;
 * negative counts from the end, as string.sub does). */
void ustr_sub(const char *s, size_t len, int64_t i, int64_t j, size_t *from, size_t *to);

/* End (byte offset) of the extended grapheme cluster starting at POS < LEN. */
size_t ustr_grapheme_end(const char *s, size_t len, size_t pos);

/* Number of extended grapheme clusters. */
size_t ustr_graphemes(const char *s, size_t len);

/* Terminal columns of code point CP: 2 for East Asian wide and full-width,
 * 0 for combining marks and controls, AMBIGUOUS (1 or 2) for East Asian
 * ambiguous characters, else 1. */
int ustr_cpwidth(int32_t cp, int ambiguous);

/* Terminal columns of S, one grapheme cluster at a time (a cluster is as
 * wide as its widest code point; emoji presentation and flags take 2). */
size_t ustr_width(const char *s, size_t len, int ambiguous);

/* Length in bytes of the longest prefix of S made of whole grapheme
 * clusters that fits in COLS columns; *USED gets its width. */
size_t ustr_fit(const char *s, size_t len, size_t cols, int ambiguous, size_t *used);

enum ustr_form { USTR_NFC, USTR_NFD, USTR_NFKC, USTR_NFKD, USTR_CASEFOLD };

/* Normalizes S to FORM (USTR_CASEFOLD: full Unicode case folding, no
 * other change). On success returns 0 and sets *OUT to a malloc'd string
 * the caller frees (or to NULL when S is already in FORM, then the answer
 * is S itself) and *OUTLEN to its length. Returns -1 when out of memory. */
int ustr_normalize(const char *s, size_t len, enum ustr_form form, char **out, size_t *outlen);

/* Simple (one-to-one) lower/upper case mapping of every code point into
 * OUT (USTR_GROWTH * LEN bytes); returns the output length. */
size_t ustr_lower(const char *s, size_t len, char *out);
size_t ustr_upper(const char *s, size_t len, char *out);

/* Two-letter general category of CP ("Lu", "Lo", "Nd", ..., "Cn"). */
const char *ustr_category(int32_t cp);

/* Script of CP: "Han", "Hiragana", "Katakana", "Hangul", "Bopomofo",
 * "Latin", "Greek", "Cyrillic", "Hebrew", "Arabic", "Devanagari", "Thai",
 * "Inherited", "Common", "Other" (a letter of a script not listed) or
 * "Unknown" (unassigned). See ustr.c for how it is derived. */
const char *ustr_script(int32_t cp);

/* Whether CP is a CJK letter: Han, kana, Hangul or Bopomofo. */
int ustr_is_cjk(int32_t cp);

/* Share of the letters and digits in S that are CJK (0 when none). */
double ustr_cjk_ratio(const char *s, size_t len);

/* Whether CP is Unicode White_Space. */
int ustr_is_space(int32_t cp);

/* Byte range [*FROM, *TO) of S without leading and trailing white space. */
void ustr_trim(const char *s, size_t len, size_t *from, size_t *to);

/* Copies S to OUT with every run of white space made one character: "\n"
 * when the run holds a line break, else " ". Returns the output length;
 * OUT holds USTR_GROWTH * LEN bytes. */
size_t ustr_squeeze(const char *s, size_t len, char *out);

/* Full-width ASCII forms (U+FF01..U+FF5E) to ASCII, keeping the full-width
 * punctuation Chinese text uses (！（），：；？) unless ALL is set.
 * Returns the output length; OUT holds USTR_GROWTH * LEN bytes. */
size_t ustr_halfwidth(const char *s, size_t len, int all, char *out);

/* ASCII letters, digits and symbols to their full-width forms (and space
 * to U+3000 when SPACE is set). OUT holds USTR_GROWTH * LEN bytes. */
size_t ustr_fullwidth(const char *s, size_t len, int space, char *out);

/* Finds the next sentence at or after POS: [*FROM, *TO) without the white
 * space around it (empty when only white space is left). Returns where to
 * continue. A sentence ends after a run of terminators (。！？；… and
 * Latin . ! ? not inside a number or word) with the closing quotes and
 * brackets after it, or at a line break. */
size_t ustr_sentence(const char *s, size_t len, size_t pos, size_t *from, size_t *to);

/* Finds the next run of CJK letters at or after POS: [*FROM, *TO), empty
 * when there is none. Returns where to continue. */
size_t ustr_cjk_run(const char *s, size_t len, size_t pos, size_t *from, size_t *to);

/* iconv errors */
enum ustr_iconv_status {
    USTR_ICONV_OK = 0,
    USTR_ICONV_UNKNOWN = -1,  /* iconv does not know the encoding */
    USTR_ICONV_INVALID = -2,  /* invalid input or a character TO cannot hold, at *BAD */
    USTR_ICONV_NOMEM = -3
};

/* Converts S from encoding FROM to TO with iconv. On success *OUT is a
 * malloc'd string the caller frees and *OUTLEN its length. */
int ustr_iconv(const char *to, const char *from, const char *s, size_t len, char **out, size_t *outlen,
               size_t *bad);

/* Whether S[BAD..LEN) is a UTF-8 sequence the end of S cut short: a lead
 * byte, then fewer continuation bytes than it announces. BAD < LEN. */
int ustr_cut_short(const char *s, size_t len, size_t bad);

/* Which encoding S is in: "UTF-8" (ASCII included, and UTF-8 with a few
 * invalid bytes), "GB18030" (GBK and GB2312 are subsets) or "BIG5"; NULL
 * when it is none of them. */
const char *ustr_guess(const char *s, size_t len);

#endif
