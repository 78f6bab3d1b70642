/* See rulebook.h. */
#include "rulebook.h"

#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "dom.h"

size_t rulebook_first_char(const char *text, size_t len, size_t *at)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    while (i < len && dom_is_lua_space(s[i]))
        i++;
    if (i == len || !((s[i] >= 1 && s[i] <= 127) || (s[i] >= 194 && s[i] <= 244)))
        return 0;
    size_t j = i + 1;
    while (j < len && s[j] >= 0x80 && s[j] <= 0xBF)
        j++;
    *at = i;
    return j - i;
}

/* Order of first characters: by length, then bytes. A character is one
 * to four bytes: a loop here costs less than a call to memcmp. */
static int cmp_char(const char *a, size_t an, const char *b, size_t bn)
{
    if (an != bn)
        return an < bn ? -1 : 1;
    for (size_t i = 0; i < an; i++)
        if (a[i] != b[i])
            return (unsigned char)a[i] < (unsigned char)b[i] ? -1 : 1;
    return 0;
}

static int cmp_first(const void *pa, const void *pb)
{
    const struct rule_first *a = pa, *b = pb;
    return cmp_char(a->c, a->len, b->c, b->len);
}

void rulebook_index(struct rulebook *book, struct rule_first *by_first, size_t *any)
{
    size_t nf = 0, na = 0;
    for (size_t i = 0; i < book->n; i++) {
        const struct rule_hint *r = &book->rules[i];
        if (!r->firsts) {
            any[na++] = i;
            continue;
        }
        for (size_t k = 0; k < r->nfirsts; k++)
            by_first[nf++] = (struct rule_first){r->firsts[k], r->first_lens[k], i};
    }
    qsort(by_first, nf, sizeof *by_first, cmp_first);
    book->by_first = by_first;
    book->nby_first = nf;
    book->any = any;
    book->nany = na;
}

/* Characters in S as the bytes that start one: a lower bound of
 * utf8.len, and of the byte count Lua falls back to for bad UTF-8. */
static size_t char_starts(const char *s, size_t len)
{
    size_t n = 0, i = 0;
#ifdef __SSE2__
    /* sixteen bytes at a time: the continuation bytes (0x80..0xBF, below
     * -64 as signed bytes) are the ones that start nothing */
    const __m128i limit = _mm_set1_epi8(-64), one = _mm_set1_epi8(1), zero = _mm_setzero_si128();
    for (; i + 16 <= len; i += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(s + i));
        /* 1 in each byte that starts a character, summed by psadbw (a
         * popcount would be a library call without -mpopcnt) */
        __m128i starts = _mm_andnot_si128(_mm_cmplt_epi8(x, limit), one);
        __m128i sums = _mm_sad_epu8(starts, zero);
        n += (size_t)_mm_cvtsi128_si32(sums) + (size_t)_mm_cvtsi128_si32(_mm_srli_si128(sums, 8));
    }
#endif
    for (; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* A text as the rules see it: its bytes, its folded form (or NULL), and
 * its length in characters once counted. */
struct seen {
    const char *text, *folded;
    size_t len, flen, chars;
};

static int ends_with(const char *s, size_t len, const char *tail, size_t n)
{
    return len >= n && memcmp(s + len - n, tail, n) == 0;
}

/* Whether the LEN bytes at S start with N ASCII digits after white space. */
static int starts_with_digits(const char *s, size_t len, long n)
{
    size_t i = 0;
    while (i < len && dom_is_lua_space((unsigned char)s[i]))
        i++;
    for (long k = 0; k < n; k++, i++)
        if (i >= len || s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* Whether rule R's digits, max, tail and lead allow the text T. */
static int rule_may(const struct rule_hint *r, struct seen *t)
{
    if (r->digits > 0 && !starts_with_digits(t->text, t->len, r->digits) &&
        !(t->folded && starts_with_digits(t->folded, t->flen, r->digits)))
        return 0;
    if (r->max >= 0 && t->len > (size_t)r->max) {
        /* a character takes at most 4 bytes: long texts need no count */
        if ((t->len + 3) / 4 > (size_t)r->max)
            return 0;
        if (t->chars == (size_t)-1)
            t->chars = char_starts(t->text, t->len);
        if (t->chars > (size_t)r->max)
            return 0;
    }
    /* a pattern anchored at the end: a compare, cheaper than a search */
    if (r->tail && !ends_with(t->text, t->len, r->tail, r->tail_len) &&
        !(t->folded && ends_with(t->folded, t->flen, r->tail, r->tail_len)))
        return 0;
    if (!r->lead)
        return 1;
    return dom_find_bytes(t->text, t->len, r->lead, r->lead_len) != NULL ||
           (t->folded && dom_find_bytes(t->folded, t->flen, r->lead, r->lead_len) != NULL);
}

/* Whether some rule that allows any first character may match T. */
static int any_rule_may(const struct rulebook *book, struct seen *t)
{
    for (size_t i = 0; i < book->nany; i++)
        if (rule_may(&book->rules[book->any[i]], t))
            return 1;
    return 0;
}

/* Whether some rule allowing first character C (N bytes; none when 0)
 * may match T. */
static int first_rule_may(const struct rulebook *book, const char *c, size_t n, struct seen *t)
{
    if (n == 0)
        return 0;
    size_t lo = 0, hi = book->nby_first;
    while (lo < hi) { /* the first entry not below C */
        size_t mid = lo + (hi - lo) / 2;
        if (cmp_char(book->by_first[mid].c, book->by_first[mid].len, c, n) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < book->nby_first && cmp_char(book->by_first[lo].c, book->by_first[lo].len, c, n) == 0; lo++)
        if (rule_may(&book->rules[book->by_first[lo].rule], t))
            return 1;
    return 0;
}

/* T's folded text, when BOOK's rules fold and the text is wide (WIDE < 0:
 * measured here): set into T, in a copy the caller frees, with *FAT and
 * *BN its first character. Returns 0 with nothing to fold, 1 folded, -1
 * with no room to fold. */
static int fold_seen(const struct rulebook *book, int wide, struct seen *t, size_t *fat, size_t *bn)
{
    if (!book->folded)
        return 0;
    if (wide < 0) {
        struct dom_text_stats st;
        dom_text_stats(t->text, t->len, &st);
        wide = st.wide;
    }
    if (!wide)
        return 0;
    char *folded = malloc(t->len ? t->len : 1);
    if (!folded)
        return -1;
    t->folded = folded;
    t->flen = dom_text_fold(t->text, t->len, folded);
    *bn = rulebook_first_char(folded, t->flen, fat);
    return 1;
}

int rulebook_may_match(const struct rulebook *book, const char *text, size_t len, int wide)
{
    if (book->n == 0)
        return 0;
    struct seen t = {text, NULL, len, 0, (size_t)-1};
    size_t at = 0;
    size_t an = rulebook_first_char(text, len, &at);
    if (any_rule_may(book, &t) || first_rule_may(book, text + at, an, &t))
        return 1;
    /* the folded text too: its leads and tails, and the rules its first
     * character allows (each rule asked once more, now with both texts) */
    size_t fat = 0, bn = 0;
    int fold = fold_seen(book, wide, &t, &fat, &bn);
    if (fold <= 0)
        return fold < 0; /* no room to look: let the rules decide */
    const char *folded = t.folded;
    int maybe = any_rule_may(book, &t) || first_rule_may(book, text + at, an, &t) ||
                ((bn != an || memcmp(folded + fat, text + at, an) != 0) &&
                 first_rule_may(book, folded + fat, bn, &t));
    free((char *)folded);
    return maybe;
}

/* Whether rule R allows first character C (N bytes; 0: none). */
static int allows_first(const struct rule_hint *r, const char *c, size_t n)
{
    if (!r->firsts)
        return 1;
    for (size_t k = 0; k < r->nfirsts && n > 0; k++)
        if (cmp_char(r->firsts[k], r->first_lens[k], c, n) == 0)
            return 1;
    return 0;
}

size_t rulebook_may_rules(const struct rulebook *book, const char *text, size_t len, int wide,
                          size_t *out, size_t cap)
{
    struct seen t = {text, NULL, len, 0, (size_t)-1};
    size_t at = 0, fat = 0, bn = 0;
    size_t an = rulebook_first_char(text, len, &at);
    if (fold_seen(book, wide, &t, &fat, &bn) < 0) { /* no room to look: every rule may */
        size_t n = 0;
        for (size_t i = 0; i < book->n && n < cap; i++)
            out[n++] = i;
        return n;
    }
    const char *folded = t.folded;
    size_t n = 0;
    for (size_t i = 0; i < book->n && n < cap; i++) {
        const struct rule_hint *r = &book->rules[i];
        if (!allows_first(r, text + at, an) && !(folded && allows_first(r, folded + fat, bn)))
            continue;
        if (rule_may(r, &t))
            out[n++] = i;
    }
    free((char *)folded);
    return n;
}
