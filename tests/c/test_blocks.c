/* blocks.c without Lua: class/id words, style hiding, shape tests and
 * the whitespace rewrites, each against what the Lua pattern or XPath it
 * replaces gives. */
#include <stdlib.h>
#include <string.h>

#include "blocks.h"
#include "check.h"
#include "dom.h"

/* The words of VALUE joined by spaces, into OUT. */
static const char *words(const char *value, char *out)
{
    char w[256];
    size_t at = 0, n, len = strlen(value);
    out[0] = '\0';
    while ((n = blk_next_word(value, len, &at, w)) > 0) {
        if (out[0])
            strcat(out, " ");
        strncat(out, w, n);
    }
    return out;
}

static const char *rewrite(size_t (*fn)(const char *, size_t, char *), const char *s, char *out)
{
    size_t n = fn(s, strlen(s), out);
    out[n] = '\0';
    return out;
}

static xmlNodePtr find(xmlNodePtr n, const char *tag)
{
    for (; n; n = n->next) {
        if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, tag) == 0)
            return n;
        xmlNodePtr f = find(n->children, tag);
        if (f)
            return f;
    }
    return NULL;
}

int main(void)
{
    char buf[512];

    /* value:gsub("(%l)(%u)", "%1 %2"):lower():gmatch("%a+") */
    check_str(words("appendQr_wrap", buf), "append qr wrap");
    check_str(words("related-posts", buf), "related posts");
    check_str(words("aBcDe", buf), "a bc de");
    check_str(words("ABC", buf), "abc");
    check_str(words("abcDEF", buf), "abc def");
    check_str(words("x1y2 z", buf), "x y z");
    check_str(words("", buf), "");
    check_str(words("123 --", buf), "");
    check_str(words("caf\xc3\xa9" "Bar", buf), "caf bar");

    /* style:lower() finds display%s*:%s*none or visibility%s*:%s*hidden */
    check(blk_style_hides("display:none", 12));
    check(blk_style_hides("color: red; DISPLAY :\tNone", 26));
    check(blk_style_hides("visibility: hidden", 18));
    check(blk_style_hides("display: nonesuch", 17)); /* the pattern has no end anchor */
    check(!blk_style_hides("display: block", 14));
    check(!blk_style_hides("display", 7));
    check(!blk_style_hides("display:", 8));
    check(!blk_style_hides("visibility: visible", 19));
    check(!blk_style_hides("", 0));

    /* s:gsub("%s*\n%s*", " ") and s:gsub("%s+", " ") */
    check_str(rewrite(blk_join_lines, "a \n b", buf), "a b");
    check_str(rewrite(blk_join_lines, "a  b\n\nc", buf), "a  b c");
    check_str(rewrite(blk_join_lines, "\n", buf), " ");
    check_str(rewrite(blk_join_lines, "a\t\x0b b", buf), "a\t\x0b b");
    check_str(rewrite(blk_squeeze, "  a \t\n b  ", buf), " a b ");
    check_str(rewrite(blk_squeeze, "\xc2\xa0x", buf), "\xc2\xa0x"); /* no-break space is not %s */

    /* s:gsub("^\n+", ""):gsub("%s+$", "") */
    size_t from, n;
    blk_code_span("\n\n  code  \n", 11, &from, &n);
    check_int(from, 2);
    check_int(n, 6);
    blk_code_span(" \n", 2, &from, &n);
    check_int(from, 0);
    check_int(n, 0);

    /* boolean(.//p), boolean(./li/p|./li/div) */
    const char *html = "<div><ul><li>a</li><li><span><p>b</p></span></li></ul>"
                       "<ol><li><div>c</div></li></ol><table><tr><td>x</td></tr></table></div>";
    struct dom_trash trash = {0};
    xmlDocPtr doc = dom_parse(html, strlen(html), NULL);
    static const char *const p[] = {"p", NULL};
    static const char *const nested[] = {"p", "div", NULL};
    static const char *const img[] = {"img", NULL};
    check(blk_has_descendant(find(doc->children, "div"), p));
    check(blk_has_descendant(find(doc->children, "ul"), p));
    check(!blk_has_descendant(find(doc->children, "ol"), p));
    check(!blk_has_descendant(find(doc->children, "table"), img));
    check(!blk_li_has_child(find(doc->children, "ul"), nested)); /* the p is a grandchild */
    check(blk_li_has_child(find(doc->children, "ol"), nested));
    check(blk_is(find(doc->children, "td"), "td"));
    check(!blk_is(find(doc->children, "td")->children, "td"));
    dom_free(doc, &trash);
    return check_report();
}
