/* The CJK-aware tokenizer behind the SQLite export's full-text index. */
#include "cjktoken.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

int cjk_is_cjk(int cp)
{
    /* utf8proc has no script property; these blocks are the scripts that
     * write words without spaces: CJK radicals to Unified Ideographs
     * (incl. kana, bopomofo, Extension A), Hangul, compatibility
     * ideographs, half-width katakana, and the supplementary ideograph planes. */
    return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xA960 && cp <= 0xA97F) ||
           (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFF66 && cp <= 0xFF9F) || (cp >= 0x20000 && cp <= 0x3FFFF);
}

static int is_word_char(utf8proc_int32_t cp)
{
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
        return 1;
    default:
        return 0;
    }
}

/* Emits a Latin word folded to lower case and NFKC (Ｍ１ → m1). */
static int emit_word(const char *text, int start, int end, cjk_emit_fn emit, void *ctx)
{
    utf8proc_uint8_t *folded = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)text + start, end - start, &folded,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
                                          UTF8PROC_CASEFOLD | UTF8PROC_IGNORE);
    if (n < 0)
        return emit(ctx, 0, text + start, end - start, start, end);
    int rc = emit(ctx, 0, (const char *)folded, (int)n, start, end);
    free(folded);
    return rc;
}

/* Emits the tokens of one CJK run; OFFS holds the byte offset of each of its
 * N characters plus the end. */
static int emit_cjk_run(const char *text, const int *offs, int n, int for_query,
                        cjk_emit_fn emit, void *ctx)
{
    if (n == 1)
        return emit(ctx, 0, text + offs[0], offs[1] - offs[0], offs[0], offs[1]);
    for (int i = 0; i + 1 < n; i++) {
        int rc = emit(ctx, 0, text + offs[i], offs[i + 2] - offs[i], offs[i], offs[i + 2]);
        if (rc == 0 && !for_query)
            rc = emit(ctx, CJKTOKEN_COLOCATED, text + offs[i], offs[i + 1] - offs[i], offs[i], offs[i + 1]);
        if (rc != 0)
            return rc;
    }
    if (!for_query)
        return emit(ctx, 0, text + offs[n - 1], offs[n] - offs[n - 1], offs[n - 1], offs[n]);
    return 0;
}

int cjk_tokenize(const char *text, size_t len, int for_query, cjk_emit_fn emit, void *ctx)
{
    const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)text;
    int cap = 64, n = 0, rc = 0;
    int *offs = malloc(sizeof *offs * (size_t)cap);
    int word_start = -1;
    if (offs == NULL)
        return -1;
    size_t i = 0;
    while (rc == 0) {
        utf8proc_int32_t cp = -1;
        utf8proc_ssize_t step = 0;
        if (i < len) {
            step = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), &cp);
            if (step < 0) {
                cp = -1;  /* an invalid byte separates tokens */
                step = 1;
            }
        }
        int cjk = cp >= 0 && cjk_is_cjk(cp);
        int word = cp >= 0 && !cjk && is_word_char(cp);
        if (!cjk && n > 0) {
            offs[n] = (int)i;
            rc = emit_cjk_run(text, offs, n, for_query, emit, ctx);
            n = 0;
        }
        if (!word && word_start >= 0 && rc == 0) {
            rc = emit_word(text, word_start, (int)i, emit, ctx);
            word_start = -1;
        }
        if (i >= len || rc != 0)
            break;
        if (cjk) {
            if (n + 2 > cap) {
                cap *= 2;
                int *grown = realloc(offs, sizeof *offs * (size_t)cap);
                if (grown == NULL) {
                    rc = -1;
                    break;
                }
                offs = grown;
            }
            offs[n++] = (int)i;
        } else if (word && word_start < 0) {
            word_start = (int)i;
        }
        i += (size_t)step;
    }
    free(offs);
    return rc;
}
