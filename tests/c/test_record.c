/* fm_split (front matter / body) and text_check (NUL-free valid UTF-8). */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "record.h"

static const char *const status_names[] = {"ok", "none", "unterminated"};

/* Splits S and writes "status|yaml|body|line" into a static buffer, so one
 * check_str states the whole result. */
static const char *split(const char *s, size_t len)
{
    static char out[1024];
    struct fm_parts p;
    memset(&p, 0xAB, sizeof p);
    fm_split(s, len, &p);
    snprintf(out, sizeof out, "%s|%.*s|%.*s|%d", status_names[p.status],
             (int)(p.yaml_end - p.yaml_start), s + p.yaml_start,
             (int)(len - p.body_start), s + p.body_start, p.yaml_line);
    return out;
}

#define check_split(s, want) check_str(split((s), sizeof(s) - 1), (want))

static void test_split(void)
{
    check_split("---\ntitle: a\n---\n<p>body</p>\n", "ok|title: a\n|<p>body</p>\n|2");
    /* real archives start with a blank line */
    check_split("\n---\ntitle: a\n---\nbody", "ok|title: a\n|body|3");
    check_split("\n  \n\t\n---\ntitle: a\n---\nbody", "ok|title: a\n|body|5");
    /* a UTF-8 byte order mark */
    check_split("\xEF\xBB\xBF---\ntitle: a\n---\nbody", "ok|title: a\n|body|2");
    check_split("\xEF\xBB\xBF\n---\ntitle: a\n---\nbody", "ok|title: a\n|body|3");
    /* CRLF fences; the YAML keeps its CRs (libyaml reads them) */
    check_split("---\r\ntitle: a\r\n---\r\nbody\r\n", "ok|title: a\r\n|body\r\n|2");
    check_split("\r\n---\r\ntitle: a\r\n---\r\nbody", "ok|title: a\r\n|body|3");
    /* "..." closes too */
    check_split("---\ntitle: a\n...\nbody", "ok|title: a\n|body|2");
    /* trailing spaces and tabs after either fence */
    check_split("---  \ntitle: a\n--- \t\nbody", "ok|title: a\n|body|2");
    check_split("---\ntitle: a\n...   \r\nbody", "ok|title: a\n|body|2");
    /* empty front matter, and nothing after it */
    check_split("---\n---\nbody", "ok||body|2");
    check_split("---\n---\n", "ok|||2");
    check_split("---\n---", "ok|||2");
    check_split("---\ntitle: a\n---", "ok|title: a\n||2");
    /* a --- in the body belongs to the body */
    check_split("---\na: 1\n---\nx\n---\ny\n", "ok|a: 1\n|x\n---\ny\n|2");
    /* fences must be exactly --- (a longer rule is not one) */
    check_split("---\na: 1\n----\nb: 2\n---\nbody", "ok|a: 1\n----\nb: 2\n|body|2");
    check_split("---\na: 1\n --- \n---\nbody", "ok|a: 1\n --- \n|body|2");
    /* no front matter: all body (after the BOM) */
    check_split("<p>hello</p>\n", "none||<p>hello</p>\n|0");
    check_split("\xEF\xBB\xBF<p>hi</p>", "none||<p>hi</p>|0");
    check_split("\n\n# title\n", "none||\n\n# title\n|0");
    check_split("----\na: 1\n----\n", "none||----\na: 1\n----\n|0");
    check_split("--- a\nb\n---\n", "none||--- a\nb\n---\n|0");
    check_split("", "none|||0");
    check_split("\n\n", "none||\n\n|0");
    check_split("   ", "none||   |0");
    /* unterminated: YAML runs to the end, no body */
    check_split("---\ntitle: a\nbody", "unterminated|title: a\nbody||2");
    check_split("\n---\ntitle: a\n", "unterminated|title: a\n||3");
    check_split("---", "unterminated|||2");
    check_split("---\n", "unterminated|||2");
}

static const char *const problem_names[] = {"ok", "nul", "utf8", "cut"};

/* "problem@offset" for S. */
static const char *text(const char *s, size_t len)
{
    static char out[64];
    size_t offset = 12345;
    enum text_problem p = text_check(s, len, &offset);
    snprintf(out, sizeof out, "%s@%zu", problem_names[p], offset);
    return out;
}

#define check_text(s, want) check_str(text((s), sizeof(s) - 1), (want))

static void test_text_check(void)
{
    check_text("", "ok@0");
    check_text("plain ascii\n", "ok@12");
    /* CJK, fullwidth punctuation, emoji (4 bytes), a ZWJ sequence */
    check_text("新浪财经，国内", "ok@21");
    check_text("\xF0\x9F\x98\x80", "ok@4");
    check_text("\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB", "ok@11");
    check_text("\xEF\xBB\xBF", "ok@3");
    check_text("\xF4\x8F\xBF\xBF", "ok@4");  /* U+10FFFF, the last code point */
    /* NUL anywhere */
    check_text("\0", "nul@0");
    check_text("ab\0cd", "nul@2");
    check_text("中\0", "nul@3");
    /* invalid UTF-8 */
    check_text("ab\x80", "utf8@2");                 /* stray continuation byte */
    check_text("\xC0\xAF", "utf8@0");               /* overlong '/' */
    check_text("\xC1\xBF", "utf8@0");               /* overlong */
    check_text("\xE0\x80\xAF", "utf8@0");           /* overlong, 3 bytes */
    check_text("\xF0\x80\x80\xAF", "utf8@0");       /* overlong, 4 bytes */
    check_text("x\xED\xA0\x80", "utf8@1");          /* surrogate U+D800 */
    check_text("x\xED\xBF\xBF", "utf8@1");          /* surrogate U+DFFF */
    check_text("\xED\xA0\xBD\xED\xB8\x80", "utf8@0"); /* CESU-8 emoji */
    check_text("\xF4\x90\x80\x80", "utf8@0");       /* above U+10FFFF */
    check_text("\xF5\x80\x80\x80", "utf8@0");
    check_text("\xFF", "utf8@0");
    check_text("\xFE\xFF", "utf8@0");               /* a UTF-16 BOM */
    check_text("ab\xE4\xB8", "cut@2");              /* truncated at the end */
    check_text("ab\xE4\xB8x", "utf8@2");            /* truncated in the middle */
    check_text("\xF0\x9F\x98", "cut@0");
    check_text("\xC3", "cut@0");
    check_text("ab\xE4\xB8\xB8\xB8", "utf8@5");     /* too many continuation bytes */
    check_text("ab\xF5\x80", "utf8@2");             /* no such lead byte */
    /* GBK for 中文 is not UTF-8 */
    check_text("\xD6\xD0\xCE\xC4", "utf8@0");
    /* the first problem is reported */
    check_text("\xC3\0", "utf8@0");
    check_text("\0\xC3", "nul@0");
}

int main(void)
{
    test_split();
    test_text_check();
    return check_report();
}
