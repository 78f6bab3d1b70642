/* Word segmentation: Han runs through libfriso, the rest split here.
 * See segment.h for the token rules. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <friso.h>
#include <utf8proc.h>

#include "segment.h"
#include "ustr.h"

struct segment {
    friso_t friso;
    friso_config_t config;
    friso_task_t task;
    char *buf;      /* the current Han run, NUL-terminated, for friso */
    size_t cap;
};

int segment_is_han(int cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF)
        || (cp >= 0xF900 && cp <= 0xFAFF) || cp == 0x3007;
}

/* Han characters outside the BMP: single-character words (friso's tables
 * are for the BMP). */
static int is_han_astral(int cp)
{
    return cp >= 0x20000 && cp <= 0x3FFFF;
}

static int is_space(int cp)
{
    if (cp == ' ' || (cp >= '\t' && cp <= '\r'))
        return 1;
    if (cp < 0x80)
        return 0;
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL
        || c == UTF8PROC_CATEGORY_ZP || c == UTF8PROC_CATEGORY_CF
        || c == UTF8PROC_CATEGORY_CC;
}

/* Letters and digits of any script but Han: parts of a Latin-like word. */
static int is_wordch(int cp)
{
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
    if (cp == USTR_REPLACEMENT || segment_is_han(cp) || is_han_astral(cp))
        return 0;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return 1;
    default:
        return 0;
    }
}

static int is_digit(int cp)
{
    return (cp >= '0' && cp <= '9')
        || (cp >= 0x80 && utf8proc_category(cp) == UTF8PROC_CATEGORY_ND);
}

segment_t *segment_open(const char *dict_dir, char *err, size_t errlen)
{
    char dir[4096], ini[4200];
    if (dict_dir == NULL)
        dict_dir = SEGMENT_DEFAULT_DICT;
    size_t n = strlen(dict_dir);
    if (n == 0 || n + 2 > sizeof dir) {
        snprintf(err, errlen, "bad dictionary folder '%s'", dict_dir);
        return NULL;
    }
    memcpy(dir, dict_dir, n + 1);
    if (dir[n - 1] != '/') { /* friso joins names to the folder as is */
        dir[n] = '/';
        dir[n + 1] = '\0';
    }
    snprintf(ini, sizeof ini, "%sfriso.lex.ini", dir);
    FILE *f = fopen(ini, "r");
    if (f == NULL) {
        snprintf(err, errlen, "no friso dictionary in %s (install friso-dict)", dir);
        return NULL;
    }
    fclose(f);

    segment_t *seg = calloc(1, sizeof *seg);
    if (seg == NULL) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    seg->friso = friso_new();
    seg->config = friso_new_config();
    seg->task = friso_new_task();
    if (seg->friso == NULL || seg->config == NULL || seg->task == NULL) {
        segment_close(seg);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    friso_init_config(seg->config);
    seg->config->max_len = SEGMENT_MAX_WORD;
    seg->config->add_syn = 0;   /* synonyms would add tokens that are not in the text */
    seg->config->clr_stw = 0;   /* stop words are the caller's choice */
    seg->config->keep_urec = 1;
    seg->config->en_sseg = 0;
    seg->config->r_name = 1;
    friso_set_mode(seg->config, __FRISO_COMPLEX_MODE__);
    seg->friso->charset = FRISO_UTF8;
    seg->friso->dic = friso_dic_new();
    friso_dic_load_from_ifile(seg->friso, seg->config, dir, seg->config->max_len * 3);
    if (friso_all_dic_size(seg->friso->dic) == 0) {
        segment_close(seg);
        snprintf(err, errlen, "the friso dictionary in %s is empty", dir);
        return NULL;
    }
    return seg;
}

void segment_close(segment_t *seg)
{
    if (seg == NULL)
        return;
    if (seg->task)
        friso_free_task(seg->task);
    if (seg->config)
        friso_free_config(seg->config);
    if (seg->friso)
        friso_free(seg->friso); /* frees its dictionary too */
    free(seg->buf);
    free(seg);
}

size_t segment_size(const segment_t *seg)
{
    return friso_all_dic_size(seg->friso->dic);
}

/* Copies WORD into the NUL-terminated buffer; 0, or -1 out of memory. */
static int fill(segment_t *seg, const char *s, size_t len)
{
    if (len + 1 > seg->cap) {
        size_t cap = seg->cap ? seg->cap : 256;
        while (cap < len + 1)
            cap *= 2;
        char *p = realloc(seg->buf, cap);
        if (p == NULL)
            return -1;
        seg->buf = p;
        seg->cap = cap;
    }
    memcpy(seg->buf, s, len);
    seg->buf[len] = '\0';
    return 0;
}

/* Whether S (LEN bytes) is 2..SEGMENT_MAX_WORD BMP Han characters. */
static int is_han_word(const char *s, size_t len)
{
    size_t i = 0, chars = 0;
    while (i < len) {
        if (!segment_is_han(ustr_decode(s, len, &i)))
            return 0;
        chars++;
    }
    return chars >= 2 && chars <= SEGMENT_MAX_WORD;
}

int segment_has_word(segment_t *seg, const char *word, size_t len)
{
    if (len == 0 || len > 3 * SEGMENT_MAX_WORD || memchr(word, '\0', len))
        return 0;
    if (fill(seg, word, len) != 0)
        return 0;
    return friso_dic_match(seg->friso->dic, __LEX_CJK_WORDS__, seg->buf);
}

int segment_add_word(segment_t *seg, const char *word, size_t len)
{
    if (!is_han_word(word, len))
        return -1;
    if (segment_has_word(seg, word, len))
        return 0;
    char *copy = malloc(len + 1); /* the dictionary owns it from here */
    if (copy == NULL)
        return -2;
    memcpy(copy, word, len);
    copy[len] = '\0';
    friso_dic_add(seg->friso->dic, __LEX_CJK_WORDS__, copy, NULL);
    return 1;
}

/* Emits the characters of S[from, to) one token each. */
static int emit_chars(const char *s, size_t from, size_t to, segment_fn fn, void *ud)
{
    while (from < to) {
        size_t i = from;
        ustr_decode(s, to, &i);
        int r = fn(ud, s + from, i - from, SEGMENT_WORD);
        if (r)
            return r;
        from = i;
    }
    return 0;
}

/* Segments the Han run TEXT[from, to) with friso. Tokens friso gives that
 * do not match the text where it says they are (it never should) are
 * skipped, and what they would have covered comes out one character each. */
static int run_han(segment_t *seg, const char *text, size_t from, size_t to, segment_fn fn, void *ud)
{
    size_t len = to - from;
    if (fill(seg, text + from, len) != 0)
        return -1;
    friso_set_text(seg->task, seg->buf);
    size_t pos = 0;
    while (seg->config->next_token(seg->friso, seg->config, seg->task) != NULL) {
        friso_token_t t = seg->task->token;
        size_t wlen = strnlen(t->word, sizeof t->word);
        if (t->offset < 0 || (size_t)t->offset < pos || (size_t)t->offset + wlen > len || wlen == 0
            || memcmp(text + from + t->offset, t->word, wlen) != 0)
            continue;
        int r = emit_chars(text + from, pos, (size_t)t->offset, fn, ud);
        if (r)
            return r;
        r = fn(ud, text + from + t->offset, wlen, SEGMENT_WORD);
        if (r)
            return r;
        pos = (size_t)t->offset + wlen;
    }
    return emit_chars(text + from, pos, len, fn, ud);
}

/* Characters that join word characters on both sides into one token. */
static int is_joiner(int cp)
{
    return cp == '-' || cp == '.' || cp == '_' || cp == '\'' || cp == '&' || cp == ',';
}

/* Scans a Latin-like token starting at TEXT[I] (a word character); returns
 * its end and sets *KIND, *LETTERS (has a letter) and *DIGITS (has a digit). */
static size_t scan_word(const char *text, size_t len, size_t i, enum segment_kind *kind,
                        int *letters, int *digits)
{
    int has_letter = 0, has_digit = 0, only_num = 1;
    for (;;) {
        size_t j = i;
        int cp = ustr_decode(text, len, &j);
        if (is_wordch(cp)) {
            if (is_digit(cp)) {
                has_digit = 1;
            } else {
                has_letter = 1;
                only_num = 0;
            }
            i = j;
            continue;
        }
        if (!is_joiner(cp) || j >= len)
            break;
        /* a joiner counts only between two word characters; a comma only
         * between digits (100,000) */
        size_t k = j;
        int next = ustr_decode(text, len, &k);
        if (!is_wordch(next))
            break;
        if (cp == ',' && (!(text[i - 1] >= '0' && text[i - 1] <= '9') || !(next >= '0' && next <= '9')))
            break;
        if (cp != '.' && cp != ',')
            only_num = 0;
        i = j;
    }
    *kind = only_num ? SEGMENT_NUMBER : SEGMENT_LATIN;
    *letters = has_letter;
    *digits = has_digit;
    return i;
}

/* Whether TEXT[i, end) is a capitalised ASCII word: Max, Pro, Bionic. */
static int is_capitalised(const char *text, size_t i, size_t end)
{
    if (end - i < 2 || text[i] < 'A' || text[i] > 'Z')
        return 0;
    for (size_t k = i + 1; k < end; k++)
        if ((text[k] | 0x20) < 'a' || (text[k] | 0x20) > 'z')
            return 0;
    return 1;
}

int segment_run(segment_t *seg, const char *text, size_t len, segment_fn fn, void *ud)
{
    size_t i = 0;
    while (i < len) {
        size_t j = i;
        int cp = ustr_decode(text, len, &j);
        int r = 0;
        if (segment_is_han(cp)) {
            size_t end = j;
            while (end < len) {
                size_t k = end;
                if (!segment_is_han(ustr_decode(text, len, &k)))
                    break;
                end = k;
            }
            r = run_han(seg, text, i, end, fn, ud);
            j = end;
        } else if (is_han_astral(cp)) {
            r = fn(ud, text + i, j - i, SEGMENT_WORD);
        } else if (is_wordch(cp)) {
            enum segment_kind kind, kind2;
            int letters, digits, l2, d2;
            j = scan_word(text, len, i, &kind, &letters, &digits);
            /* "M1 Max": a letters-and-digits token, one space, a capitalised word */
            if (letters && digits && j + 2 < len && text[j] == ' ' && text[j + 1] >= 'A' && text[j + 1] <= 'Z') {
                size_t end2 = scan_word(text, len, j + 1, &kind2, &l2, &d2);
                if (is_capitalised(text, j + 1, end2))
                    j = end2;
            }
            r = fn(ud, text + i, j - i, kind);
        } else if (!is_space(cp)) {
            r = fn(ud, text + i, j - i, SEGMENT_PUNCT);
        }
        if (r)
            return r;
        i = j;
    }
    return 0;
}
