/* Unicode helpers (src/ustr.c) without Lua: Unicode's own conformance
 * files from the unicode-data package, then table-driven cases. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "check.h"
#include "ustr.h"

#define UNICODE_DIR "/usr/share/unicode"

/* Opens a Unicode data file, or its .bz2 through bzip2 (Debian ships
 * NormalizationTest.txt compressed). *PIPED says which to close with. */
static FILE *open_data(const char *path, int *piped)
{
    FILE *f = fopen(path, "r");
    *piped = 0;
    if (f != NULL)
        return f;
    char cmd[512];
    snprintf(cmd, sizeof cmd, "bzip2 -dc '%s.bz2' 2>/dev/null", path);
    FILE *p = popen(cmd, "r");
    int c = p ? fgetc(p) : EOF;
    if (c == EOF) {
        if (p)
            pclose(p);
        return NULL;
    }
    ungetc(c, p);
    *piped = 1;
    return p;
}

static void close_data(FILE *f, int piped)
{
    if (piped)
        pclose(f);
    else
        fclose(f);
}

/* Parses space-separated hex code points from P up to END into UTF-8 in
 * OUT (NUL-terminated); returns its length. */
static size_t hex_to_utf8(const char *p, const char *end, char *out)
{
    size_t n = 0;
    while (p < end) {
        char *next;
        long cp = strtol(p, &next, 16);
        if (next == p) {
            p++;
            continue;
        }
        n += ustr_encode((int32_t)cp, out + n);
        p = next;
    }
    out[n] = '\0';
    return n;
}

/* Whether FORM of S[0, len) is WANT. */
static int normalizes_to(const char *s, size_t len, enum ustr_form form, const char *want, size_t wantlen)
{
    char *out;
    size_t outlen;
    if (ustr_normalize(s, len, form, &out, &outlen) != 0)
        return 0;
    const char *got = out ? out : s;
    int ok = outlen == wantlen && memcmp(got, want, wantlen) == 0;
    free(out);
    return ok;
}

/* NormalizationTest.txt: every line's five columns against the
 * invariants at the top of the file; then Part 1's rule that every code
 * point it does not list is unchanged by all four forms. */
static void test_normalization_file(void)
{
    int piped;
    FILE *f = open_data(UNICODE_DIR "/NormalizationTest.txt", &piped);
    check(f != NULL);
    if (f == NULL) {
        fprintf(stderr, "NormalizationTest.txt not found: install the unicode-data package\n");
        return;
    }
    static unsigned char in_part1[0x110000];
    char line[4096], c[5][1024];
    size_t n[5];
    long lines = 0, passed = 0;
    int part = -1;
    while (fgets(line, sizeof line, f) != NULL) {
        if (line[0] == '@') {
            part = atoi(line + 5);
            continue;
        }
        if (line[0] == '#' || line[0] == '\n')
            continue;
        const char *p = line;
        for (int k = 0; k < 5; k++) {
            const char *semi = strchr(p, ';');
            if (semi == NULL)
                semi = p + strlen(p);
            n[k] = hex_to_utf8(p, semi, c[k]);
            p = *semi ? semi + 1 : semi;
        }
        if (part == 1) {
            size_t i = 0;
            in_part1[ustr_decode(c[0], n[0], &i)] = 1;
        }
        int ok = 1;
        for (int k = 0; k < 3; k++) {
            ok &= normalizes_to(c[k], n[k], USTR_NFC, c[1], n[1]);
            ok &= normalizes_to(c[k], n[k], USTR_NFD, c[2], n[2]);
        }
        for (int k = 3; k < 5; k++) {
            ok &= normalizes_to(c[k], n[k], USTR_NFC, c[3], n[3]);
            ok &= normalizes_to(c[k], n[k], USTR_NFD, c[4], n[4]);
        }
        for (int k = 0; k < 5; k++) {
            ok &= normalizes_to(c[k], n[k], USTR_NFKC, c[3], n[3]);
            ok &= normalizes_to(c[k], n[k], USTR_NFKD, c[4], n[4]);
        }
        lines++;
        if (ok)
            passed++;
        else
            fprintf(stderr, "NormalizationTest.txt: fails: %s", line);
    }
    close_data(f, piped);
    printf("NormalizationTest.txt: %ld lines checked, %ld passed\n", lines, passed);
    check(lines > 18000);
    check_int(passed, lines);

    long cps = 0, same = 0;
    for (int32_t cp = 0; cp < 0x110000; cp++) {
        if ((cp >= 0xD800 && cp <= 0xDFFF) || in_part1[cp])
            continue;
        char s[8];
        size_t len = ustr_encode(cp, s);
        cps++;
        same += normalizes_to(s, len, USTR_NFC, s, len) && normalizes_to(s, len, USTR_NFD, s, len) &&
                normalizes_to(s, len, USTR_NFKC, s, len) && normalizes_to(s, len, USTR_NFKD, s, len);
    }
    printf("NormalizationTest.txt part 1: %ld unlisted code points checked, %ld unchanged\n", cps, same);
    check_int(same, cps);
}

/* ustr_normalize skips utf8proc for text it judges NFC already; that
 * judgement must agree with utf8proc for every code point, alone and
 * after a starter that composes ("A"), and before a combining mark. */
static void test_nfc_shortcut(void)
{
    long bad = 0;
    for (int32_t cp = 0x80; cp < 0x110000; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        char s[16];
        size_t len = 0;
        for (int form = 0; form < 3; form++) {
            len = 0;
            if (form == 1)
                s[len++] = 'A';
            len += ustr_encode(cp, s + len);
            if (form == 2)
                len += ustr_encode(0x0301, s + len);
            utf8proc_uint8_t *ref;
            utf8proc_ssize_t rn = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &ref,
                                               UTF8PROC_STABLE | UTF8PROC_COMPOSE);
            if (rn < 0 || !normalizes_to(s, len, USTR_NFC, (const char *)ref, (size_t)rn))
                bad++;
            free(ref);
        }
    }
    check_int(bad, 0);
}

/* GraphemeBreakTest.txt: every line's clusters. */
static void test_grapheme_file(void)
{
    FILE *f = fopen(UNICODE_DIR "/auxiliary/GraphemeBreakTest.txt", "r");
    check(f != NULL);
    if (f == NULL) {
        fprintf(stderr, "GraphemeBreakTest.txt not found: install the unicode-data package\n");
        return;
    }
    char line[4096], s[1024];
    size_t want[256];
    long lines = 0, passed = 0;
    while (fgets(line, sizeof line, f) != NULL) {
        if (line[0] == '#' || line[0] == '\n')
            continue;
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        /* "÷ 0020 × 0308 ÷": record the byte offset of each ÷ after a code point */
        size_t len = 0, nwant = 0;
        char *p = line;
        while (*p) {
            if (strncmp(p, "\xC3\xB7", 2) == 0) { /* ÷ */
                if (len > 0)
                    want[nwant++] = len;
                p += 2;
            } else if (strncmp(p, "\xC3\x97", 2) == 0) { /* × */
                p += 2;
            } else if ((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'F')) {
                char *next;
                long cp = strtol(p, &next, 16);
                len += ustr_encode((int32_t)cp, s + len);
                p = next;
            } else {
                p++;
            }
        }
        int ok = 1;
        size_t pos = 0, k = 0;
        while (pos < len) {
            pos = ustr_grapheme_end(s, len, pos);
            if (k >= nwant || want[k] != pos)
                ok = 0;
            k++;
        }
        ok &= k == nwant && ustr_graphemes(s, len) == nwant;
        /* ustr_width's one-code-point shortcut agrees with the cluster walk in ustr_fit */
        for (int amb = 1; amb <= 2; amb++) {
            size_t used;
            ok &= ustr_fit(s, len, SIZE_MAX, amb, &used) == len && used == ustr_width(s, len, amb);
        }
        lines++;
        if (ok)
            passed++;
        else
            fprintf(stderr, "GraphemeBreakTest.txt: fails: %s\n", line);
    }
    fclose(f);
    printf("GraphemeBreakTest.txt: %ld lines checked, %ld passed\n", lines, passed);
    check(lines > 600);
    check_int(passed, lines);
}

/* The ambiguous-width table in ustr.c against EastAsianWidth.txt. */
static void test_ambiguous_table(void)
{
    FILE *f = fopen(UNICODE_DIR "/EastAsianWidth.txt", "r");
    check(f != NULL);
    if (f == NULL)
        return;
    static unsigned char amb[0x110000];
    char line[512];
    while (fgets(line, sizeof line, f) != NULL) {
        unsigned lo, hi;
        char cls[8];
        if (sscanf(line, "%x..%x ; %7[A-Za-z]", &lo, &hi, cls) == 3 ||
            sscanf(line, "%x..%x;%7[A-Za-z]", &lo, &hi, cls) == 3) {
        } else if (sscanf(line, "%x ; %7[A-Za-z]", &lo, cls) == 2 || sscanf(line, "%x;%7[A-Za-z]", &lo, cls) == 2) {
            hi = lo;
        } else {
            continue;
        }
        if (strcmp(cls, "A") == 0)
            for (unsigned cp = lo; cp <= hi && cp < 0x110000; cp++)
                amb[cp] = 1;
    }
    fclose(f);
    long bad = 0, seen = 0;
    for (int32_t cp = 0; cp < 0x110000; cp++) {
        seen += amb[cp];
        if (utf8proc_charwidth(cp) != 1)
            continue;
        if (ustr_cpwidth(cp, 2) != (amb[cp] ? 2 : 1) || ustr_cpwidth(cp, 1) != 1)
            bad++;
    }
    check(seen > 100000);
    check_int(bad, 0);
}

/* fullwidth() shifts ASCII by a fixed offset: utf8proc's <wide>
 * decompositions must say the same. */
static void test_fullwidth_offset(void)
{
    for (int32_t c = 0x21; c < 0x7F; c++) {
        utf8proc_int32_t dst[4];
        int last = 0;
        utf8proc_ssize_t n =
            utf8proc_decompose_char(c + 0xFF01 - 0x21, dst, 4, UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT, &last);
        check(n == 1 && dst[0] == c);
    }
}

/* Runs a rebuilding function into a fresh buffer; returns it (free it). */
static char *rebuilt(size_t (*f)(const char *, size_t, char *), const char *s)
{
    size_t len = strlen(s);
    char *out = malloc(len * USTR_GROWTH + 1);
    out[f(s, len, out)] = '\0';
    return out;
}

static size_t halfwidth_default(const char *s, size_t len, char *out) { return ustr_halfwidth(s, len, 0, out); }
static size_t halfwidth_all(const char *s, size_t len, char *out) { return ustr_halfwidth(s, len, 1, out); }
static size_t fullwidth_default(const char *s, size_t len, char *out) { return ustr_fullwidth(s, len, 0, out); }

static void check_rebuilt(size_t (*f)(const char *, size_t, char *), const char *s, const char *want)
{
    char *got = rebuilt(f, s);
    check_str(got, want);
    free(got);
}

static void test_tables(void)
{
    /* len: invalid bytes count one each */
    static const struct { const char *s; size_t n; } lens[] = {
        {"", 0}, {"abc", 3}, {"中文", 2}, {"e\xCC\x81", 2}, {"\xF0\x9F\x98\x80", 1},
        {"\xFF\xFE", 2}, {"\xE4\xB8", 2}, {"a\xC0\xAF", 3}, {"\xED\xA0\x80", 3},
    };
    for (size_t i = 0; i < sizeof lens / sizeof lens[0]; i++)
        check_int(ustr_len(lens[i].s, strlen(lens[i].s)), lens[i].n);
    check_int(ustr_len("a\0b", 3), 3);

    size_t bad;
    check(ustr_valid("中文", 6, &bad) && bad == 6);
    check(!ustr_valid("ab\xE4\xB8", 4, &bad) && bad == 2);
    check(!ustr_valid("\xED\xA0\x80", 3, &bad) && bad == 0); /* a surrogate */
    check_rebuilt(ustr_repair, "a\xFF" "b\xE4\xB8", "a\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD");

    /* sub: string.sub's rules by code point */
    static const struct { const char *s; int64_t i, j; const char *want; } subs[] = {
        {"你好世界", 2, 3, "好世"}, {"你好世界", -2, -1, "世界"}, {"你好世界", 0, 1, "你"},
        {"你好世界", 3, 2, ""}, {"你好世界", -10, 2, "你好"}, {"你好世界", 2, 100, "好世界"},
        {"你好世界", 5, 9, ""}, {"你好世界", 1, -5, ""}, {"", 1, -1, ""}, {"a\xFF" "b", 2, 2, "\xFF"},
    };
    for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++) {
        size_t from, to;
        ustr_sub(subs[i].s, strlen(subs[i].s), subs[i].i, subs[i].j, &from, &to);
        char got[64];
        memcpy(got, subs[i].s + from, to - from);
        got[to - from] = '\0';
        check_str(got, subs[i].want);
    }

    /* width */
    static const struct { const char *s; size_t w1, w2; } widths[] = {
        {"", 0, 0}, {"abc", 3, 3}, {"中文", 4, 4}, {"ＡＢ", 4, 4}, {"\xE3\x80\x80", 2, 2},
        {"e\xCC\x81", 1, 1}, {"\xE2\x80\x9C\xE2\x80\x9D", 2, 4}, /* “” ambiguous */
        {"\xE2\x80\xA6", 1, 2}, {"\xC2\xB7", 1, 2}, {"\xF0\x9F\x98\x80", 2, 2},
        {"\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7", 2, 2}, /* family */
        {"\xF0\x9F\x87\xA8\xF0\x9F\x87\xB3", 2, 2}, /* flag CN */
        {"\xE2\x9D\xA4\xEF\xB8\x8F", 2, 2}, /* heart + VS16 */
        {"\xE1\x84\x80\xE1\x85\xA1\xE1\x86\xA8", 2, 2}, /* conjoining jamo */
        {"\xED\x95\x9C\xEA\xB5\xAD", 4, 4}, {"\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85", 4, 4}, /* 한국, سلام */
        {"a\tb\n", 2, 2}, {"\xFF", 1, 2}, /* read as U+FFFD, itself ambiguous */
    };
    for (size_t i = 0; i < sizeof widths / sizeof widths[0]; i++) {
        check_int(ustr_width(widths[i].s, strlen(widths[i].s), 1), widths[i].w1);
        check_int(ustr_width(widths[i].s, strlen(widths[i].s), 2), widths[i].w2);
    }

    /* fit never splits a cluster */
    size_t used;
    check_int(ustr_fit("中文abc", 9, 3, 1, &used), 3);
    check_int(used, 2);
    check_int(ustr_fit("ae\xCC\x81" "b", 5, 2, 1, &used), 4);
    check_int(ustr_fit("abc", 3, 10, 1, &used), 3);

    /* graphemes */
    check_int(ustr_graphemes("e\xCC\x81\r\n", 5), 2);
    check_int(ustr_graphemes("\xF0\x9F\x87\xA8\xF0\x9F\x87\xB3\xF0\x9F\x87\xBA", 12), 2);

    /* trim, squeeze: Unicode white space incl. U+3000 and NBSP, not ZWSP */
    static const struct { const char *s, *want; } trims[] = {
        {"  abc  ", "abc"}, {"\xE3\x80\x80\xE3\x80\x80正文\xC2\xA0", "正文"}, {"\t\n\r", ""}, {"", ""},
        {"\xE2\x80\x8B" "a", "\xE2\x80\x8B" "a"}, {"a\xE2\x80\xA8", "a"}, {"\xFF ", "\xFF"},
        {"中 文", "中 文"},
    };
    for (size_t i = 0; i < sizeof trims / sizeof trims[0]; i++) {
        size_t from, to;
        ustr_trim(trims[i].s, strlen(trims[i].s), &from, &to);
        char got[64];
        memcpy(got, trims[i].s + from, to - from);
        got[to - from] = '\0';
        check_str(got, trims[i].want);
    }
    check_rebuilt(ustr_squeeze, "a \xE3\x80\x80 b\n\n\xC2\xA0" "c", "a b\nc");
    check_rebuilt(ustr_squeeze, "\xE3\x80\x80x", " x");

    /* halfwidth keeps CJK punctuation, unlike NFKC */
    check_rebuilt(halfwidth_default, "ＡＢＣａｂｃ０１２３＋－＝％＃＠．", "ABCabc0123+-=%#@.");
    check_rebuilt(halfwidth_default, "你好，世界！（注）：是；对？。“”", "你好，世界！（注）：是；对？。“”");
    check_rebuilt(halfwidth_all, "你好，世界！", "你好,世界!");
    check_rebuilt(halfwidth_default, "\xE3\x80\x80ｶﾞ￥", "\xE3\x80\x80ｶﾞ￥");
    check_rebuilt(fullwidth_default, "ABC 123,!", "ＡＢＣ １２３，！");

    /* lower, upper: simple mappings */
    check_rebuilt(ustr_lower, "ÀÉÎ ABC Ωмир", "àéî abc ωмир");
    /* utf8proc gives ß the capital ẞ (Unicode's simple mapping has none) */
    check_rebuilt(ustr_upper, "straße ǆ ﬁ", "STRAẞE Ǆ ﬁ");

    /* categories and scripts */
    check_str(ustr_category('A'), "Lu");
    check_str(ustr_category(0x4E2D), "Lo");
    check_str(ustr_category('7'), "Nd");
    check_str(ustr_category(0x3002), "Po");
    check_str(ustr_category(0x0378), "Cn");
    static const struct { int32_t cp; const char *script; } scripts[] = {
        {0x4E2D, "Han"}, {0x3005, "Han"}, {0x3007, "Han"}, {0x2F00, "Han"}, {0x20000, "Han"},
        {0x3042, "Hiragana"}, {0x30A2, "Katakana"}, {0xFF71, "Katakana"}, {0xD55C, "Hangul"},
        {0x3131, "Hangul"}, {'a', "Latin"}, {0xE9, "Latin"}, {0xFF21, "Latin"}, {0x0436, "Cyrillic"},
        {0x0633, "Arabic"}, {0x06CC, "Arabic"}, {0x03B1, "Greek"}, {0x0E01, "Thai"},
        {0x3002, "Common"}, {0xFF0C, "Common"}, {'1', "Common"}, {' ', "Common"}, {0xD7, "Common"},
        {0x1F600, "Common"}, {0x0301, "Inherited"}, {0x10FFFD, "Common"}, {0x0378, "Unknown"},
        {0x10A0, "Other"},
    };
    for (size_t i = 0; i < sizeof scripts / sizeof scripts[0]; i++)
        check_str(ustr_script(scripts[i].cp), scripts[i].script);
    check(ustr_is_cjk(0x4E2D) && ustr_is_cjk(0x3042) && ustr_is_cjk(0xAC00));
    check(!ustr_is_cjk(0x3002) && !ustr_is_cjk('a') && !ustr_is_cjk(0xFF0C));
    check(ustr_cjk_ratio("中文ab", 8) == 0.5);
    check(ustr_cjk_ratio("，。", 6) == 0.0);
}

/* Sentences of S joined with "|". */
static void check_sentences(const char *s, const char *want)
{
    size_t len = strlen(s), pos = 0, from, to, o = 0;
    char got[1024];
    while (pos < len) {
        pos = ustr_sentence(s, len, pos, &from, &to);
        if (to == from)
            continue;
        if (o)
            got[o++] = '|';
        memcpy(got + o, s + from, to - from);
        o += to - from;
    }
    got[o] = '\0';
    check_str(got, want);
}

static void test_sentences(void)
{
    check_sentences("他说：“好。”他走了。", "他说：“好。”|他走了。");
    check_sentences("增长3.5%。下降了！真的吗？是的；", "增长3.5%。|下降了！|真的吗？|是的；");
    check_sentences("等等……然后呢？！好", "等等……|然后呢？！|好");
    check_sentences("Hello world. It is 3.5 now! Node.js? Yes.", "Hello world.|It is 3.5 now!|Node.js?|Yes.");
    check_sentences("「完了。」他想。（注：无。）", "「完了。」|他想。|（注：无。）");
    check_sentences("标题\n\n\xE3\x80\x80\xE3\x80\x80正文第一句。", "标题|正文第一句。");
    check_sentences("", "");
    check_sentences("  \xE3\x80\x80 ", "");
    check_sentences("没有句号", "没有句号");
    check_sentences("a\xFF" "b。c", "a\xFF" "b。|c");
}

/* iconv: GBK and Big5 both ways, and guess() telling them apart. */
static void test_encodings(void)
{
    const char *text = "新华社北京电，国务院总理今天主持召开常务会议，部署进一步做好稳就业工作。";
    char *gbk, *big5, *back;
    size_t gl, bl, backl, bad;
    check_int(ustr_iconv("GBK", "UTF-8", text, strlen(text), &gbk, &gl, &bad), USTR_ICONV_OK);
    check_int(ustr_iconv("UTF-8", "GB18030", gbk, gl, &back, &backl, &bad), USTR_ICONV_OK);
    check(backl == strlen(text) && memcmp(back, text, backl) == 0);
    free(back);
    check_str(ustr_guess(gbk, gl), "GB18030");
    const char *trad = "行政院今天召開會議，討論經濟發展與國際貿易問題。";
    check_int(ustr_iconv("BIG5", "UTF-8", trad, strlen(trad), &big5, &bl, &bad), USTR_ICONV_OK);
    check_str(ustr_guess(big5, bl), "BIG5");
    check_str(ustr_guess(text, strlen(text)), "UTF-8");
    check_str(ustr_guess("", 0), "UTF-8");
    check(ustr_guess("caf\xE9 ol\xE9", 8) == NULL);          /* Latin-1, not Chinese */
    check(ustr_guess("\x80\xFF\x80\xFF\x00\x01", 6) == NULL); /* binary */
    free(gbk);
    free(big5);

    char *out;
    size_t ol;
    check_int(ustr_iconv("UTF-8", "NO-SUCH-CODE", "x", 1, &out, &ol, &bad), USTR_ICONV_UNKNOWN);
    check_int(ustr_iconv("UTF-8", "GBK", "ab\xFF", 3, &out, &ol, &bad), USTR_ICONV_INVALID);
    check_int(bad, 2);
    check_int(ustr_iconv("GBK", "UTF-8", "a\xF0\x9F\x98\x80", 5, &out, &ol, &bad), USTR_ICONV_INVALID);
    check_int(bad, 1);
}

int main(void)
{
    test_normalization_file();
    test_nfc_shortcut();
    test_grapheme_file();
    test_ambiguous_table();
    test_fullwidth_offset();
    test_tables();
    test_sentences();
    test_encodings();
    return check_report();
}
