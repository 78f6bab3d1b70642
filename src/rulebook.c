/* See rulebook.h. */
#define _GNU_SOURCE /* memmem */
#include "rulebook.h"

#include <stdlib.h>
#include <string.h>

#include "dom.h"

static int is_lua_space(unsigned char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

size_t rulebook_first_char(const char *text, size_t len, size_t *at)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    while (i < len && is_lua_space(s[i]))
        i++;
    if (i == len || !((s[i] >= 1 && s[i] <= 127) || (s[i] >= 194 && s[i] <= 244)))
        return 0;
    size_t j = i + 1;
    while (j < len && s[j] >= 0x80 && s[j] <= 0xBF)
        j++;
    *at = i;
    return j - i;
}

static int first_allowed(const struct rule_hint *r, const char *c, size_t n)
{
    if (!r->firsts)
        return 1;
    for (size_t k = 0; k < r->nfirsts; k++)
        if (r->first_lens[k] == n && memcmp(r->firsts[k], c, n) == 0)
            return 1;
    return 0;
}

/* Characters in S as the bytes that start one: a lower bound of
 * utf8.len, and of the byte count Lua falls back to for bad UTF-8. */
static size_t char_starts(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

int rulebook_may_match(const struct rulebook *book, const char *text, size_t len)
{
    int wide = 0;
    if (book->folded && book->n > 0) {
        struct dom_text_stats st;
        dom_text_stats(text, len, &st);
        wide = st.wide;
    }
    return rulebook_may_match_wide(book, text, len, wide);
}

int rulebook_may_match_wide(const struct rulebook *book, const char *text, size_t len, int wide)
{
    if (book->n == 0)
        return 0;
    const char *folded = NULL;
    char *own = NULL;
    size_t flen = 0;
    if (book->folded) {
        if (wide) {
            own = malloc(len ? len : 1);
            if (!own)
                return 1; /* no room to look: let the rules decide */
            flen = dom_text_fold(text, len, own);
            folded = own;
        }
    }
    size_t at = 0, fat = 0;
    size_t an = rulebook_first_char(text, len, &at);
    size_t bn = folded ? rulebook_first_char(folded, flen, &fat) : 0;
    size_t chars = (size_t)-1; /* counted when first needed */
    int maybe = 0;
    for (size_t i = 0; i < book->n && !maybe; i++) {
        const struct rule_hint *r = &book->rules[i];
        if (!first_allowed(r, text + at, an) && !(folded && first_allowed(r, folded + fat, bn)))
            continue;
        if (r->max >= 0 && len > (size_t)r->max) {
            if (chars == (size_t)-1)
                chars = char_starts(text, len);
            if (chars > (size_t)r->max)
                continue;
        }
        if (r->lead && !memmem(text, len, r->lead, r->lead_len) &&
            !(folded && memmem(folded, flen, r->lead, r->lead_len)))
            continue;
        maybe = 1;
    }
    free(own);
    return maybe;
}
