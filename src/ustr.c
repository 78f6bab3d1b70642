/* Unicode and CJK text helpers: utf8proc does the Unicode work (decoding,
 * normalization, case, categories, widths, grapheme breaks); iconv does
 * the legacy Chinese encodings. What is written here is policy on top:
 * how invalid bytes are read, what counts as a sentence, which full-width
 * forms to keep. */
#include "ustr.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

/* ---- decoding ---------------------------------------------------------- */

int32_t ustr_decode(const char *s, size_t len, size_t *i)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t p = *i;
    if (u[p] < 0x80) {
        *i = p + 1;
        return u[p];
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate(u + p, (utf8proc_ssize_t)(len - p), &cp);
    if (n < 0) {
        *i = p + 1;
        return USTR_REPLACEMENT;
    }
    *i = p + (size_t)n;
    return cp;
}

size_t ustr_encode(int32_t cp, char *out)
{
    return (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)out);
}

/* The code point that ends at END (> 0), read the way ustr_decode reads
 * forwards; *START gets where it begins. */
static int32_t decode_before(const char *s, size_t end, size_t *start)
{
    size_t k = end - 1;
    size_t lim = end >= 4 ? end - 4 : 0;
    while (k > lim && ((unsigned char)s[k] & 0xC0) == 0x80)
        k--;
    size_t j = k;
    int32_t cp = ustr_decode(s, end, &j);
    if (j == end) {
        *start = k;
        return cp;
    }
    *start = end - 1;
    return USTR_REPLACEMENT;
}

size_t ustr_len(const char *s, size_t len)
{
    size_t n = 0, i = 0;
    while (i < len) {
        if ((unsigned char)s[i] < 0x80)
            i++;
        else
            ustr_decode(s, len, &i);
        n++;
    }
    return n;
}

int ustr_valid(const char *s, size_t len, size_t *bad)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(u + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n < 0) {
            *bad = i;
            return 0;
        }
        i += (size_t)n;
    }
    *bad = len;
    return 1;
}

size_t ustr_repair(const char *s, size_t len, char *out)
{
    size_t i = 0, o = 0;
    while (i < len) {
        size_t start = i;
        int32_t cp = ustr_decode(s, len, &i);
        if (cp == USTR_REPLACEMENT && i == start + 1) {
            o += ustr_encode(cp, out + o);
        } else {
            memcpy(out + o, s + start, i - start);
            o += i - start;
        }
    }
    return o;
}

/* Byte offset just after the first N code points from byte POS. */
static size_t skip_cps(const char *s, size_t len, size_t pos, int64_t n)
{
    while (n > 0 && pos < len) {
        ustr_decode(s, len, &pos);
        n--;
    }
    return pos;
}

void ustr_sub(const char *s, size_t len, int64_t i, int64_t j, size_t *from, size_t *to)
{
    int64_t n = 0;
    if (i < 0 || j < 0)
        n = (int64_t)ustr_len(s, len);
    if (i < 0)
        i = i < -n ? 1 : n + i + 1;
    else if (i == 0)
        i = 1;
    if (j < 0)
        j = j < -n ? 0 : n + j + 1;
    if (i > j) {
        *from = *to = 0;
        return;
    }
    *from = skip_cps(s, len, 0, i - 1);
    *to = skip_cps(s, len, *from, j - i + 1);
}

/* ---- grapheme clusters and width ----------------------------------------- */

size_t ustr_grapheme_end(const char *s, size_t len, size_t pos)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = pos;
    int32_t cp = ustr_decode(s, len, &i);
    utf8proc_int32_t state = 0;
    while (i < len) {
        /* between two ASCII characters there is always a break except CR LF */
        if (cp < 0x80 && u[i] < 0x80) {
            if (cp == '\r' && u[i] == '\n')
                i++;
            break;
        }
        size_t k = i;
        int32_t next = ustr_decode(s, len, &k);
        if (utf8proc_grapheme_break_stateful(cp, next, &state))
            break;
        cp = next;
        i = k;
    }
    return i;
}

size_t ustr_graphemes(const char *s, size_t len)
{
    size_t n = 0, i = 0;
    while (i < len) {
        i = ustr_grapheme_end(s, len, i);
        n++;
    }
    return n;
}

/* East Asian Width "A" (ambiguous) ranges, which utf8proc 2.8 does not
 * expose. Generated from /usr/share/unicode/EastAsianWidth.txt (Unicode
 * 15.0, package unicode-data) by merging adjacent ";A" entries:
 *   for each line "XXXX[..YYYY];A", extend the last range if XXXX follows
 *   it, else start a new one.
 * The C test checks this table against that file. */
static const int32_t ambiguous_ranges[][2] = {
    {0x00A1, 0x00A1}, {0x00A4, 0x00A4}, {0x00A7, 0x00A8}, {0x00AA, 0x00AA},
    {0x00AD, 0x00AE}, {0x00B0, 0x00B4}, {0x00B6, 0x00BA}, {0x00BC, 0x00BF},
    {0x00C6, 0x00C6}, {0x00D0, 0x00D0}, {0x00D7, 0x00D8}, {0x00DE, 0x00E1},
    {0x00E6, 0x00E6}, {0x00E8, 0x00EA}, {0x00EC, 0x00ED}, {0x00F0, 0x00F0},
    {0x00F2, 0x00F3}, {0x00F7, 0x00FA}, {0x00FC, 0x00FC}, {0x00FE, 0x00FE},
    {0x0101, 0x0101}, {0x0111, 0x0111}, {0x0113, 0x0113}, {0x011B, 0x011B},
    {0x0126, 0x0127}, {0x012B, 0x012B}, {0x0131, 0x0133}, {0x0138, 0x0138},
    {0x013F, 0x0142}, {0x0144, 0x0144}, {0x0148, 0x014B}, {0x014D, 0x014D},
    {0x0152, 0x0153}, {0x0166, 0x0167}, {0x016B, 0x016B}, {0x01CE, 0x01CE},
    {0x01D0, 0x01D0}, {0x01D2, 0x01D2}, {0x01D4, 0x01D4}, {0x01D6, 0x01D6},
    {0x01D8, 0x01D8}, {0x01DA, 0x01DA}, {0x01DC, 0x01DC}, {0x0251, 0x0251},
    {0x0261, 0x0261}, {0x02C4, 0x02C4}, {0x02C7, 0x02C7}, {0x02C9, 0x02CB},
    {0x02CD, 0x02CD}, {0x02D0, 0x02D0}, {0x02D8, 0x02DB}, {0x02DD, 0x02DD},
    {0x02DF, 0x02DF}, {0x0300, 0x036F}, {0x0391, 0x03A1}, {0x03A3, 0x03A9},
    {0x03B1, 0x03C1}, {0x03C3, 0x03C9}, {0x0401, 0x0401}, {0x0410, 0x044F},
    {0x0451, 0x0451}, {0x2010, 0x2010}, {0x2013, 0x2016}, {0x2018, 0x2019},
    {0x201C, 0x201D}, {0x2020, 0x2022}, {0x2024, 0x2027}, {0x2030, 0x2030},
    {0x2032, 0x2033}, {0x2035, 0x2035}, {0x203B, 0x203B}, {0x203E, 0x203E},
    {0x2074, 0x2074}, {0x207F, 0x207F}, {0x2081, 0x2084}, {0x20AC, 0x20AC},
    {0x2103, 0x2103}, {0x2105, 0x2105}, {0x2109, 0x2109}, {0x2113, 0x2113},
    {0x2116, 0x2116}, {0x2121, 0x2122}, {0x2126, 0x2126}, {0x212B, 0x212B},
    {0x2153, 0x2154}, {0x215B, 0x215E}, {0x2160, 0x216B}, {0x2170, 0x2179},
    {0x2189, 0x2189}, {0x2190, 0x2199}, {0x21B8, 0x21B9}, {0x21D2, 0x21D2},
    {0x21D4, 0x21D4}, {0x21E7, 0x21E7}, {0x2200, 0x2200}, {0x2202, 0x2203},
    {0x2207, 0x2208}, {0x220B, 0x220B}, {0x220F, 0x220F}, {0x2211, 0x2211},
    {0x2215, 0x2215}, {0x221A, 0x221A}, {0x221D, 0x2220}, {0x2223, 0x2223},
    {0x2225, 0x2225}, {0x2227, 0x222C}, {0x222E, 0x222E}, {0x2234, 0x2237},
    {0x223C, 0x223D}, {0x2248, 0x2248}, {0x224C, 0x224C}, {0x2252, 0x2252},
    {0x2260, 0x2261}, {0x2264, 0x2267}, {0x226A, 0x226B}, {0x226E, 0x226F},
    {0x2282, 0x2283}, {0x2286, 0x2287}, {0x2295, 0x2295}, {0x2299, 0x2299},
    {0x22A5, 0x22A5}, {0x22BF, 0x22BF}, {0x2312, 0x2312}, {0x2460, 0x24E9},
    {0x24EB, 0x254B}, {0x2550, 0x2573}, {0x2580, 0x258F}, {0x2592, 0x2595},
    {0x25A0, 0x25A1}, {0x25A3, 0x25A9}, {0x25B2, 0x25B3}, {0x25B6, 0x25B7},
    {0x25BC, 0x25BD}, {0x25C0, 0x25C1}, {0x25C6, 0x25C8}, {0x25CB, 0x25CB},
    {0x25CE, 0x25D1}, {0x25E2, 0x25E5}, {0x25EF, 0x25EF}, {0x2605, 0x2606},
    {0x2609, 0x2609}, {0x260E, 0x260F}, {0x261C, 0x261C}, {0x261E, 0x261E},
    {0x2640, 0x2640}, {0x2642, 0x2642}, {0x2660, 0x2661}, {0x2663, 0x2665},
    {0x2667, 0x266A}, {0x266C, 0x266D}, {0x266F, 0x266F}, {0x269E, 0x269F},
    {0x26BF, 0x26BF}, {0x26C6, 0x26CD}, {0x26CF, 0x26D3}, {0x26D5, 0x26E1},
    {0x26E3, 0x26E3}, {0x26E8, 0x26E9}, {0x26EB, 0x26F1}, {0x26F4, 0x26F4},
    {0x26F6, 0x26F9}, {0x26FB, 0x26FC}, {0x26FE, 0x26FF}, {0x273D, 0x273D},
    {0x2776, 0x277F}, {0x2B56, 0x2B59}, {0x3248, 0x324F}, {0xE000, 0xF8FF},
    {0xFE00, 0xFE0F}, {0xFFFD, 0xFFFD}, {0x1F100, 0x1F10A}, {0x1F110, 0x1F12D},
    {0x1F130, 0x1F169}, {0x1F170, 0x1F18D}, {0x1F18F, 0x1F190}, {0x1F19B, 0x1F1AC},
    {0xE0100, 0xE01EF}, {0xF0000, 0xFFFFD}, {0x100000, 0x10FFFD},
};

/* Whether CP is East Asian ambiguous width (binary search). */
static int is_ambiguous(int32_t cp)
{
    size_t lo = 0, hi = sizeof ambiguous_ranges / sizeof ambiguous_ranges[0];
    if (cp < ambiguous_ranges[0][0])
        return 0;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cp < ambiguous_ranges[mid][0])
            hi = mid;
        else if (cp > ambiguous_ranges[mid][1])
            lo = mid + 1;
        else
            return 1;
    }
    return 0;
}

int ustr_cpwidth(int32_t cp, int ambiguous)
{
    int w = utf8proc_charwidth(cp);
    if (w == 1 && ambiguous == 2 && is_ambiguous(cp))
        return 2;
    return w;
}

/* Columns of the grapheme cluster S[from, to): its widest code point;
 * 2 for an emoji presentation selector after a narrow base and for a
 * regional-indicator pair (a flag). */
static int cluster_width(const char *s, size_t from, size_t to, int ambiguous)
{
    int w = 0, wide_hint = 0, ri = 0;
    size_t k = from;
    while (k < to) {
        int32_t cp = ustr_decode(s, to, &k);
        int cw = ustr_cpwidth(cp, ambiguous);
        if (cw > w)
            w = cw;
        if (cp == 0xFE0F)
            wide_hint = 1;
        else if (cp >= 0x1F1E6 && cp <= 0x1F1FF)
            ri++;
    }
    if (w == 1 && (wide_hint || ri >= 2))
        w = 2;
    return w;
}

/* Columns of an ASCII byte: printable 1, controls 0. */
static int ascii_width(unsigned char c)
{
    return c >= 0x20 && c < 0x7F;
}

/* Whether the code point starting at S[I] (I < LEN) never joins the one
 * before it when that one is of grapheme class Other: only Extend, ZWJ
 * and SpacingMark do (UAX #29 GB9, GB9a), and ASCII is none of them. */
static int starts_cluster_after_other(const char *s, size_t len, size_t i)
{
    if ((unsigned char)s[i] < 0x80)
        return 1;
    int32_t cp = ustr_decode(s, len, &i);
    return utf8proc_get_property(cp)->boundclass == UTF8PROC_BOUNDCLASS_OTHER;
}

size_t ustr_width(const char *s, size_t len, int ambiguous)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t w = 0, i = 0;
    while (i < len) {
        if (u[i] < 0x80 && (i + 1 == len || u[i + 1] < 0x80)) {
            w += (size_t)ascii_width(u[i]);
            i++;
            continue;
        }
        /* most CJK text: a cluster of one code point of class Other */
        size_t k = i;
        int32_t cp = ustr_decode(s, len, &k);
        if (utf8proc_get_property(cp)->boundclass == UTF8PROC_BOUNDCLASS_OTHER &&
            (k == len || starts_cluster_after_other(s, len, k))) {
            w += (size_t)ustr_cpwidth(cp, ambiguous);
            i = k;
            continue;
        }
        size_t e = ustr_grapheme_end(s, len, i);
        w += (size_t)cluster_width(s, i, e, ambiguous);
        i = e;
    }
    return w;
}

size_t ustr_fit(const char *s, size_t len, size_t cols, int ambiguous, size_t *used)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t w = 0, i = 0;
    while (i < len) {
        size_t e;
        int cw;
        if (u[i] < 0x80 && (i + 1 == len || u[i + 1] < 0x80)) {
            e = i + 1;
            cw = ascii_width(u[i]);
        } else {
            e = ustr_grapheme_end(s, len, i);
            cw = cluster_width(s, i, e, ambiguous);
        }
        if (w + (size_t)cw > cols)
            break;
        w += (size_t)cw;
        i = e;
    }
    *used = w;
    return i;
}

/* ---- normalization and case ---------------------------------------------- */

/* Whether CP can never change under NFC, wherever it stands: a starter
 * (combining class 0) with no canonical decomposition that never comes
 * second in a canonical composition (NFC_Quick_Check = Yes and ccc = 0),
 * read from utf8proc's own properties. Hangul is composed by algorithm,
 * not by table, so its jamo and syllables are left to utf8proc. */
static int nfc_inert(int32_t cp)
{
    if (cp < 0x300)
        return 1;
    if ((cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0xAC00 && cp <= 0xD7A3))
        return 0;
    const utf8proc_property_t *p = utf8proc_get_property(cp);
    if (p->combining_class != 0)
        return 0;
    if (p->decomp_seqindex != UINT16_MAX && p->decomp_type == 0)
        return 0;
    if (p->comb_index != UINT16_MAX && (p->comb_index & 0x8000))
        return 0;
    return 1;
}

/* Whether valid UTF-8 S is certainly in NFC already, judged one code point
 * at a time; a no sends the string through utf8proc. */
static int nfc_quick(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        if (!nfc_inert(ustr_decode(s, len, &i)))
            return 0;
    }
    return 1;
}

static int all_ascii(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] >= 0x80)
            return 0;
    return 1;
}

int ustr_normalize(const char *s, size_t len, enum ustr_form form, char **out, size_t *outlen)
{
    static const utf8proc_option_t options[] = {
        [USTR_NFC] = UTF8PROC_STABLE | UTF8PROC_COMPOSE,
        [USTR_NFD] = UTF8PROC_STABLE | UTF8PROC_DECOMPOSE,
        [USTR_NFKC] = UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT,
        [USTR_NFKD] = UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT,
        [USTR_CASEFOLD] = UTF8PROC_CASEFOLD,
    };
    *out = NULL;
    *outlen = len;
    char *repaired = NULL;
    size_t bad;
    if (ustr_valid(s, len, &bad)) {
        if (form != USTR_CASEFOLD && all_ascii(s, len))
            return 0;
        if (form == USTR_NFC && nfc_quick(s, len))
            return 0;
    } else {
        /* utf8proc rejects invalid UTF-8; read it as U+FFFD first */
        if (len > (SIZE_MAX - 1) / USTR_GROWTH)
            return -1;
        repaired = malloc(len * USTR_GROWTH + 1);
        if (repaired == NULL)
            return -1;
        len = ustr_repair(s, len, repaired);
        s = repaired;
    }
    utf8proc_uint8_t *res = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &res, options[form]);
    free(repaired);
    if (n < 0)
        return -1;
    *out = (char *)res;
    *outlen = (size_t)n;
    return 0;
}

/* Maps every code point of S through F into OUT. */
static size_t map_cps(const char *s, size_t len, char *out, utf8proc_int32_t (*f)(utf8proc_int32_t))
{
    size_t i = 0, o = 0;
    while (i < len) {
        int32_t cp = ustr_decode(s, len, &i);
        o += ustr_encode(f(cp), out + o);
    }
    return o;
}

size_t ustr_lower(const char *s, size_t len, char *out)
{
    return map_cps(s, len, out, utf8proc_tolower);
}

size_t ustr_upper(const char *s, size_t len, char *out)
{
    return map_cps(s, len, out, utf8proc_toupper);
}

/* ---- categories and scripts ---------------------------------------------- */

const char *ustr_category(int32_t cp)
{
    return utf8proc_category_string(cp);
}

/* Script by Unicode block. utf8proc has no Script property, and reading
 * Scripts.txt at build time would tie the build to the unicode-data
 * package (it is only a test dependency), so the blocks of the scripts
 * this archive meets are listed here, and utf8proc's general category
 * decides within a block: letters, marks and letter-numbers take the
 * block's script, punctuation, symbols, digits and spaces are "Common"
 * (so 。and 、are Common, 々 and 〇 are Han, as in Scripts.txt). Ranges
 * marked ANY take the script whatever the category (CJK radicals are
 * symbols yet Han). This differs from Scripts.txt for a few marks
 * (Arabic harakat are Inherited there) and for U+30FC (Common there). */
enum { LETTERS, ANY };
static const struct script_block {
    int32_t lo, hi;
    int rule;
    const char *name;
} script_blocks[] = {
    {0x0041, 0x024F, LETTERS, "Latin"},        /* Basic Latin .. Latin Extended-B */
    {0x0250, 0x02AF, LETTERS, "Latin"},        /* IPA Extensions */
    {0x0300, 0x036F, LETTERS, "Inherited"},    /* Combining Diacritical Marks */
    {0x0370, 0x03FF, LETTERS, "Greek"},
    {0x0400, 0x052F, LETTERS, "Cyrillic"},     /* Cyrillic, Cyrillic Supplement */
    {0x0590, 0x05FF, LETTERS, "Hebrew"},
    {0x0600, 0x06FF, LETTERS, "Arabic"},
    {0x0750, 0x077F, LETTERS, "Arabic"},       /* Arabic Supplement */
    {0x0870, 0x08FF, LETTERS, "Arabic"},       /* Arabic Extended-B, -A */
    {0x0900, 0x097F, LETTERS, "Devanagari"},
    {0x0E00, 0x0E7F, LETTERS, "Thai"},
    {0x1100, 0x11FF, LETTERS, "Hangul"},       /* Hangul Jamo */
    {0x1AB0, 0x1AFF, LETTERS, "Inherited"},    /* Combining Diacritical Marks Extended */
    {0x1C80, 0x1C8F, LETTERS, "Cyrillic"},     /* Cyrillic Extended-C */
    {0x1DC0, 0x1DFF, LETTERS, "Inherited"},    /* Combining Diacritical Marks Supplement */
    {0x1E00, 0x1EFF, LETTERS, "Latin"},        /* Latin Extended Additional */
    {0x1F00, 0x1FFF, LETTERS, "Greek"},        /* Greek Extended */
    {0x20D0, 0x20FF, LETTERS, "Inherited"},    /* Combining Diacritical Marks for Symbols */
    {0x2C60, 0x2C7F, LETTERS, "Latin"},        /* Latin Extended-C */
    {0x2DE0, 0x2DFF, LETTERS, "Cyrillic"},     /* Cyrillic Extended-A */
    {0x2E80, 0x2FDF, ANY, "Han"},              /* CJK Radicals Supplement, Kangxi Radicals */
    {0x3000, 0x303F, LETTERS, "Han"},          /* CJK Symbols and Punctuation: 々 〇 〡.. */
    {0x3040, 0x309F, LETTERS, "Hiragana"},
    {0x30A0, 0x30FF, LETTERS, "Katakana"},
    {0x3100, 0x312F, LETTERS, "Bopomofo"},
    {0x3130, 0x318F, LETTERS, "Hangul"},       /* Hangul Compatibility Jamo */
    {0x31A0, 0x31BF, LETTERS, "Bopomofo"},     /* Bopomofo Extended */
    {0x31F0, 0x31FF, LETTERS, "Katakana"},     /* Katakana Phonetic Extensions */
    {0x3400, 0x4DBF, ANY, "Han"},              /* CJK Extension A */
    {0x4E00, 0x9FFF, ANY, "Han"},              /* CJK Unified Ideographs */
    {0xA640, 0xA69F, LETTERS, "Cyrillic"},     /* Cyrillic Extended-B */
    {0xA720, 0xA7FF, LETTERS, "Latin"},        /* Latin Extended-D */
    {0xA960, 0xA97F, LETTERS, "Hangul"},       /* Hangul Jamo Extended-A */
    {0xAB30, 0xAB6F, LETTERS, "Latin"},        /* Latin Extended-E */
    {0xAC00, 0xD7AF, LETTERS, "Hangul"},       /* Hangul Syllables */
    {0xD7B0, 0xD7FF, LETTERS, "Hangul"},       /* Hangul Jamo Extended-B */
    {0xF900, 0xFAFF, ANY, "Han"},              /* CJK Compatibility Ideographs */
    {0xFB00, 0xFB06, LETTERS, "Latin"},        /* Latin ligatures */
    {0xFB1D, 0xFB4F, LETTERS, "Hebrew"},       /* Hebrew presentation forms */
    {0xFB50, 0xFDFF, LETTERS, "Arabic"},       /* Arabic Presentation Forms-A */
    {0xFE20, 0xFE2F, LETTERS, "Inherited"},    /* Combining Half Marks */
    {0xFE70, 0xFEFE, LETTERS, "Arabic"},       /* Arabic Presentation Forms-B */
    {0xFF21, 0xFF5A, LETTERS, "Latin"},        /* full-width Latin letters */
    {0xFF66, 0xFF9F, LETTERS, "Katakana"},     /* half-width katakana */
    {0xFFA0, 0xFFDC, LETTERS, "Hangul"},       /* half-width Hangul */
    {0x1B000, 0x1B16F, LETTERS, "Hiragana"},   /* Kana Supplement, Extended-A (kana letters) */
    {0x20000, 0x323AF, ANY, "Han"},            /* CJK Extensions B..H, Compatibility Supplement */
};

/* The block entry holding CP, or NULL (binary search over sorted ranges). */
static const struct script_block *find_block(int32_t cp)
{
    size_t lo = 0, hi = sizeof script_blocks / sizeof script_blocks[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cp < script_blocks[mid].lo)
            hi = mid;
        else if (cp > script_blocks[mid].hi)
            lo = mid + 1;
        else
            return &script_blocks[mid];
    }
    return NULL;
}

const char *ustr_script(int32_t cp)
{
    utf8proc_category_t cat = utf8proc_category(cp);
    if (cat == UTF8PROC_CATEGORY_CN)
        return "Unknown";
    const struct script_block *b = find_block(cp);
    int letterish = (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_ME) || cat == UTF8PROC_CATEGORY_NL;
    if (b != NULL && (b->rule == ANY || letterish))
        return b->name;
    if (letterish && cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME)
        return "Inherited";
    return letterish ? "Other" : "Common";
}

int ustr_is_cjk(int32_t cp)
{
    if (cp < 0x1100)
        return 0;
    const char *sc = ustr_script(cp);
    return strcmp(sc, "Han") == 0 || strcmp(sc, "Hiragana") == 0 || strcmp(sc, "Katakana") == 0 ||
           strcmp(sc, "Hangul") == 0 || strcmp(sc, "Bopomofo") == 0;
}

double ustr_cjk_ratio(const char *s, size_t len)
{
    size_t cjk = 0, total = 0, i = 0;
    while (i < len) {
        int32_t cp = ustr_decode(s, len, &i);
        utf8proc_category_t cat = utf8proc_category(cp);
        int alnum = (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
                    (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
        if (!alnum)
            continue;
        total++;
        cjk += (size_t)ustr_is_cjk(cp);
    }
    return total ? (double)cjk / (double)total : 0.0;
}

/* ---- white space ------------------------------------------------------- */

int ustr_is_space(int32_t cp)
{
    if (cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0x85)
        return 1;
    if (cp < 0xA0)
        return 0;
    utf8proc_category_t cat = utf8proc_category(cp);
    return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL || cat == UTF8PROC_CATEGORY_ZP;
}

/* Whether white-space CP breaks a line. */
static int is_line_break(int32_t cp)
{
    return (cp >= 0x0A && cp <= 0x0D) || cp == 0x85 || cp == 0x2028 || cp == 0x2029;
}

void ustr_trim(const char *s, size_t len, size_t *from, size_t *to)
{
    size_t i = 0;
    while (i < len) {
        size_t k = i;
        if (!ustr_is_space(ustr_decode(s, len, &k)))
            break;
        i = k;
    }
    size_t e = len;
    while (e > i) {
        size_t start;
        if (!ustr_is_space(decode_before(s, e, &start)))
            break;
        e = start;
    }
    *from = i;
    *to = e;
}

size_t ustr_squeeze(const char *s, size_t len, char *out)
{
    size_t i = 0, o = 0;
    while (i < len) {
        int32_t cp = ustr_decode(s, len, &i);
        if (!ustr_is_space(cp)) {
            o += ustr_encode(cp, out + o);
            continue;
        }
        int newline = is_line_break(cp);
        while (i < len) {
            size_t k = i;
            int32_t next = ustr_decode(s, len, &k);
            if (!ustr_is_space(next))
                break;
            newline |= is_line_break(next);
            i = k;
        }
        out[o++] = newline ? '\n' : ' ';
    }
    return o;
}

/* ---- full-width and half-width ------------------------------------------- */

/* The full-width punctuation Chinese text writes on purpose: halfwidth()
 * keeps it. */
static int is_cjk_fullwidth_punct(int32_t cp)
{
    switch (cp) {
    case 0xFF01: /* ！ */
    case 0xFF08: /* （ */
    case 0xFF09: /* ） */
    case 0xFF0C: /* ， */
    case 0xFF1A: /* ： */
    case 0xFF1B: /* ； */
    case 0xFF1F: /* ？ */
        return 1;
    }
    return 0;
}

/* The ASCII character that full-width CP stands for (utf8proc's <wide>
 * compatibility decomposition), or 0. */
static int32_t wide_to_ascii(int32_t cp)
{
    if (cp < 0x3000)
        return 0;
    const utf8proc_property_t *p = utf8proc_get_property(cp);
    if (p->decomp_type != UTF8PROC_DECOMP_TYPE_WIDE)
        return 0;
    utf8proc_int32_t dst[4];
    int last = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char(cp, dst, 4, UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT, &last);
    if (n == 1 && dst[0] > 0x20 && dst[0] < 0x7F)
        return dst[0];
    return 0;
}

size_t ustr_halfwidth(const char *s, size_t len, int all, char *out)
{
    size_t i = 0, o = 0;
    while (i < len) {
        int32_t cp = ustr_decode(s, len, &i);
        int32_t ascii = wide_to_ascii(cp);
        if (ascii != 0 && (all || !is_cjk_fullwidth_punct(cp)))
            cp = ascii;
        o += ustr_encode(cp, out + o);
    }
    return o;
}

size_t ustr_fullwidth(const char *s, size_t len, int space, char *out)
{
    size_t i = 0, o = 0;
    while (i < len) {
        int32_t cp = ustr_decode(s, len, &i);
        /* Halfwidth and Fullwidth Forms mirror ASCII 0x21..0x7E at a fixed
         * offset (the C test checks it against utf8proc's decompositions) */
        if (cp > 0x20 && cp < 0x7F)
            cp += 0xFF01 - 0x21;
        else if (cp == ' ' && space)
            cp = 0x3000;
        o += ustr_encode(cp, out + o);
    }
    return o;
}

/* ---- sentences and CJK runs ---------------------------------------------- */

static int is_cjk_terminator(int32_t cp)
{
    switch (cp) {
    case 0x3002: /* 。 */
    case 0xFF01: /* ！ */
    case 0xFF1F: /* ？ */
    case 0xFF1B: /* ； */
    case 0x2026: /* … */
    case 0xFF61: /* ｡ */
    case 0x203C: /* ‼ */
    case 0x2047: /* ⁇ */
    case 0x2048: /* ⁈ */
    case 0x2049: /* ⁉ */
        return 1;
    }
    return 0;
}

static int is_latin_terminator(int32_t cp)
{
    return cp == '.' || cp == '!' || cp == '?';
}

/* Closing quotes and brackets that stay with the sentence they close. */
static int is_closer(int32_t cp)
{
    if (cp == '"' || cp == '\'')
        return 1;
    if (cp < 0x80)
        return cp == ')' || cp == ']' || cp == '}';
    utf8proc_category_t cat = utf8proc_category(cp);
    return cat == UTF8PROC_CATEGORY_PE || cat == UTF8PROC_CATEGORY_PF;
}

static int is_ascii_alnum(int32_t cp)
{
    return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

/* Whether byte C may start a terminator or line break; every other byte
 * (the rest of ASCII, other lead bytes, continuation bytes) is skipped
 * without decoding. Terminators and breaks are ASCII or start with C2
 * (U+0085), E2 (U+2026, U+203C, U+2047..9, U+2028/9), E3 (U+3002) or EF
 * (U+FF01, U+FF1B, U+FF1F, U+FF61). */
static int may_end_sentence(unsigned char c)
{
    switch (c) {
    case '.': case '!': case '?': case '\n': case '\r': case '\v': case '\f':
    case 0xC2: case 0xE2: case 0xE3: case 0xEF:
        return 1;
    }
    return 0;
}

size_t ustr_sentence(const char *s, size_t len, size_t pos, size_t *from, size_t *to)
{
    const unsigned char *u = (const unsigned char *)s;
    while (pos < len) {
        size_t k = pos;
        if (!ustr_is_space(ustr_decode(s, len, &k)))
            break;
        pos = k;
    }
    size_t start = pos, end = len, next = len, i = pos;
    while (i < len) {
        if (!may_end_sentence(u[i])) {
            i++;
            continue;
        }
        size_t k = i;
        int32_t cp = ustr_decode(s, len, &k);
        if (is_line_break(cp)) {
            end = i;
            next = k;
            break;
        }
        int cjk = is_cjk_terminator(cp);
        if (!cjk && !is_latin_terminator(cp)) {
            i = k;
            continue;
        }
        /* the whole run of terminators (?!, ……, ...), then closers */
        size_t j = k;
        while (j < len) {
            size_t m = j;
            int32_t c = ustr_decode(s, len, &m);
            if (is_cjk_terminator(c))
                cjk = 1;
            else if (!is_latin_terminator(c))
                break;
            j = m;
        }
        while (j < len) {
            size_t m = j;
            if (!is_closer(ustr_decode(s, len, &m)))
                break;
            j = m;
        }
        if (!cjk && j < len) {
            /* Latin . ! ? inside a number or word (3.5, Node.js) go on */
            size_t m = j;
            if (is_ascii_alnum(ustr_decode(s, len, &m))) {
                i = j;
                continue;
            }
        }
        end = next = j;
        break;
    }
    while (end > start) {
        size_t b;
        if (!ustr_is_space(decode_before(s, end, &b)))
            break;
        end = b;
    }
    *from = start;
    *to = end;
    return next;
}

size_t ustr_cjk_run(const char *s, size_t len, size_t pos, size_t *from, size_t *to)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = pos;
    while (i < len) {
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        size_t k = i;
        if (ustr_is_cjk(ustr_decode(s, len, &k)))
            break;
        i = k;
    }
    size_t start = i;
    while (i < len) {
        size_t k = i;
        if (u[i] < 0x80 || !ustr_is_cjk(ustr_decode(s, len, &k)))
            break;
        i = k;
    }
    *from = start;
    *to = i;
    return i;
}

/* ---- legacy encodings ---------------------------------------------------- */

int ustr_iconv(const char *to, const char *from, const char *s, size_t len, char **out, size_t *outlen,
               size_t *bad)
{
    *out = NULL;
    *outlen = 0;
    *bad = 0;
    iconv_t cd = iconv_open(to, from);
    if (cd == (iconv_t)-1)
        return errno == EINVAL ? USTR_ICONV_UNKNOWN : USTR_ICONV_NOMEM;
    if (len > (SIZE_MAX - 64) / 2) {
        iconv_close(cd);
        return USTR_ICONV_NOMEM;
    }
    size_t cap = len * 2 + 64;
    char *buf = malloc(cap);
    if (buf == NULL) {
        iconv_close(cd);
        return USTR_ICONV_NOMEM;
    }
    char *in = (char *)s;
    size_t inleft = len, used = 0;
    int flushing = 0;
    for (;;) {
        char *o = buf + used;
        size_t oleft = cap - used;
        size_t r = flushing ? iconv(cd, NULL, NULL, &o, &oleft) : iconv(cd, &in, &inleft, &o, &oleft);
        used = (size_t)(o - buf);
        if (r != (size_t)-1) {
            if (flushing)
                break;
            flushing = 1;  /* stateful encodings may still owe a shift sequence */
            continue;
        }
        if (errno == E2BIG) {
            char *bigger = cap <= SIZE_MAX / 2 ? realloc(buf, cap * 2) : NULL;
            if (bigger == NULL) {
                free(buf);
                iconv_close(cd);
                return USTR_ICONV_NOMEM;
            }
            buf = bigger;
            cap *= 2;
            continue;
        }
        /* EILSEQ: invalid or unrepresentable; EINVAL: cut off at the end */
        *bad = (size_t)(in - s);
        free(buf);
        iconv_close(cd);
        return USTR_ICONV_INVALID;
    }
    iconv_close(cd);
    *out = buf;
    *outlen = used;
    return USTR_ICONV_OK;
}

/* How much decoded text T looks like Chinese text: the share of its
 * non-ASCII characters that are common in it (unified ideographs, CJK
 * and full-width punctuation, general punctuation), and whether two such
 * characters ever stand together. The wrong decoding of GBK or Big5 bytes
 * gives kana, Bopomofo, compatibility forms and private-use characters;
 * a stray Latin-1 byte decodes to a lone ideograph between ASCII. */
static double chinese_score(const char *t, size_t len)
{
    size_t good = 0, other = 0, i = 0;
    int run = 0, paired = 0;
    while (i < len) {
        int32_t cp = ustr_decode(t, len, &i);
        if (cp < 0x80) {
            run = 0;
            continue;
        }
        if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3000 && cp <= 0x3011) ||
            (cp >= 0xFF01 && cp <= 0xFF5E) || (cp >= 0x2010 && cp <= 0x2026)) {
            good++;
            if (++run >= 2)
                paired = 1;
        } else {
            other++;
            run = 0;
        }
    }
    if (!paired)
        return 0.0;
    return (double)good / (double)(good + other);
}

/* Whether S is UTF-8 with a few damaged bytes (a file cut off in the
 * middle of a character, a stray byte) rather than another encoding: its
 * valid multi-byte characters outnumber its invalid bytes four to one.
 * GBK text makes a valid UTF-8 pair only when a lead byte in C2-DF meets a
 * trail byte in 80-BF, for about one character in seven. */
static int mostly_utf8(const char *s, size_t len)
{
    size_t multi = 0, invalid = 0, i = 0;
    while (i < len) {
        size_t at = i;
        int32_t cp = ustr_decode(s, len, &i);
        if (i - at > 1)
            multi++;
        else if (cp == 0xFFFD)
            invalid++;
    }
    return multi >= 4 * invalid;
}

int ustr_cut_short(const char *s, size_t len, size_t bad)
{
    unsigned char lead = (unsigned char)s[bad];
    size_t need = lead >= 0xF0 && lead <= 0xF4 ? 4 : lead >= 0xE0 && lead <= 0xEF ? 3
                : lead >= 0xC2 && lead <= 0xDF ? 2 : 0;
    if (need == 0 || len - bad >= need)
        return 0;
    for (size_t i = bad + 1; i < len; i++) {
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            return 0;
    }
    return 1;
}

const char *ustr_guess(const char *s, size_t len)
{
    static const char *const candidates[] = {"GB18030", "BIG5"};
    size_t bad;
    if (ustr_valid(s, len, &bad) || ustr_cut_short(s, len, bad) || mostly_utf8(s, len))
        return "UTF-8";
    const char *best = NULL;
    double best_score = 0.5;  /* below this, neither reads as Chinese */
    for (size_t c = 0; c < sizeof candidates / sizeof candidates[0]; c++) {
        char *text;
        size_t n;
        if (ustr_iconv("UTF-8", candidates[c], s, len, &text, &n, &bad) != USTR_ICONV_OK)
            continue;
        double score = chinese_score(text, n);
        free(text);
        if (score > best_score) {
            best = candidates[c];
            best_score = score;
        }
    }
    return best;
}
