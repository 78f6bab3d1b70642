/* Front matter splitting and text checks for post files. */
#include "record.h"
#include "ustr.h"

#include <stdint.h>
#include <string.h>

#include <utf8proc.h>

/* End of the line starting at P (index of '\n' or LEN). */
static size_t line_end(const char *buf, size_t len, size_t p)
{
    const char *nl = memchr(buf + p, '\n', len - p);
    return nl ? (size_t)(nl - buf) : len;
}

/* Whether BUF[from, to) is FENCE followed only by spaces, tabs or CR. */
static int is_fence(const char *buf, size_t from, size_t to, const char *fence)
{
    size_t n = strlen(fence);
    if (to - from < n || memcmp(buf + from, fence, n) != 0)
        return 0;
    for (size_t i = from + n; i < to; i++)
        if (buf[i] != ' ' && buf[i] != '\t' && buf[i] != '\r')
            return 0;
    return 1;
}

static int is_blank(const char *buf, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (buf[i] != ' ' && buf[i] != '\t' && buf[i] != '\r')
            return 0;
    return 1;
}

void fm_split(const char *buf, size_t len, struct fm_parts *out)
{
    size_t p = 0;
    int line = 1;
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        p = 3;
    size_t content_start = p;
    for (;;) {
        size_t e = line_end(buf, len, p);
        if (e < len && is_blank(buf, p, e)) {
            p = e + 1;
            line++;
            continue;
        }
        if (!is_fence(buf, p, e, "---")) {
            out->status = FM_NONE;
            out->yaml_start = out->yaml_end = content_start;
            out->body_start = content_start;
            out->yaml_line = 0;
            return;
        }
        p = e < len ? e + 1 : len;
        line++;
        break;
    }
    out->yaml_start = p;
    out->yaml_line = line;
    while (p < len) {
        size_t e = line_end(buf, len, p);
        if (is_fence(buf, p, e, "---") || is_fence(buf, p, e, "...")) {
            out->status = FM_OK;
            out->yaml_end = p;
            out->body_start = e < len ? e + 1 : len;
            return;
        }
        p = e < len ? e + 1 : len;
    }
    out->status = FM_UNTERMINATED;
    out->yaml_end = len;
    out->body_start = len;
}

enum text_problem text_check(const char *buf, size_t len, size_t *offset)
{
    const unsigned char *s = (const unsigned char *)buf;
    size_t i = 0;
    while (i < len) {
        /* ASCII fast path: most of an HTML body is markup, taken eight
         * bytes at a time while none has the high bit set or is NUL */
        if (s[i] < 0x80) {
            while (i + 8 <= len) {
                uint64_t x;
                memcpy(&x, s + i, 8);
                if ((x & 0x8080808080808080u) || ((x - 0x0101010101010101u) & ~x & 0x8080808080808080u))
                    break;
                i += 8;
            }
            if (i < len && s[i] < 0x80) {
                if (s[i] == 0) {
                    *offset = i;
                    return TEXT_NUL;
                }
                i++;
            }
            continue;
        }
        /* the usual valid sequences, taken whole: C2..DF with one
         * continuation byte, E1..EC and EE..EF with two (no overlong or
         * surrogate forms among them); utf8proc judges the rest */
        if (s[i] >= 0xC2 && s[i] <= 0xDF && i + 1 < len && (s[i + 1] & 0xC0) == 0x80) {
            i += 2;
            continue;
        }
        if (s[i] >= 0xE1 && s[i] <= 0xEF && s[i] != 0xED && i + 2 < len && (s[i + 1] & 0xC0) == 0x80 &&
            (s[i + 2] & 0xC0) == 0x80) {
            i += 3;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n < 0) {
            *offset = i;
            return ustr_cut_short(buf, len, i) ? TEXT_CUT_SHORT : TEXT_BAD_UTF8;
        }
        i += (size_t)n;
    }
    *offset = len;
    return TEXT_OK;
}

unsigned long long record_hash(const char *buf, size_t len)
{
    unsigned long long h = 14695981039346656037ULL;  /* FNV offset basis */
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)buf[i];
        h *= 1099511628211ULL;  /* FNV prime */
    }
    return h;
}
