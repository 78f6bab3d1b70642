/* dom.c without Lua: parsing, text, Markdown, serialization, edits. */
#define _GNU_SOURCE /* memmem, which dom_find_bytes is checked against */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "dom.h"

/* The text of HTML's document, in a string the caller frees. */
static char *text_of(const char *html)
{
    struct dom_buf b = {0};
    struct dom_trash t = {0};
    xmlDocPtr doc = dom_parse(html, strlen(html), NULL);
    dom_text((xmlNodePtr)doc, &b);
    dom_free(doc, &t);
    return b.data;
}

static void check_text(const char *html, const char *want, int line)
{
    char *got = text_of(html);
    check_str_at(got, want, __FILE__, line);
    free(got);
}

static char *md_of(const char *html)
{
    struct dom_buf b = {0}, tmp[2] = {{0}};
    struct dom_trash t = {0};
    xmlDocPtr doc = dom_parse(html, strlen(html), NULL);
    dom_markdown((xmlNodePtr)doc, &b, tmp);
    dom_buf_free(&tmp[0]);
    dom_buf_free(&tmp[1]);
    dom_free(doc, &t);
    return b.data;
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

/* dom_each_link's callback: notes the tag. */
static void note_link(void *ud, xmlNodePtr n)
{
    dom_buf_addstr(ud, (const char *)n->name);
    dom_buf_addstr(ud, " ");
}

static int is_span(void *ud, const xmlChar *tag)
{
    (void)ud;
    return strcmp((const char *)tag, "span") == 0;
}

int main(void)
{
    check_text("<p>你好\n世界</p>", "你好世界", __LINE__);
    check_text("<p>hello\nworld</p>", "hello world", __LINE__);
    check_text("<div>a<div>b</div>c</div>", "a\nb\nc", __LINE__);
    check_text("<p>　　首行缩进</p>", "首行缩进", __LINE__);
    check_text("<p>&#123;x&#125;</p>", "{x}", __LINE__);
    check_text("<p>a</p><script>b</script><style>c</style><!--d--><p>e</p>", "a\ne", __LINE__);
    check_text("<pre>  a\n    b</pre>", "  a\n    b", __LINE__);
    check_text("<table><tr><td>1</td><td>2</td></tr><tr><td>3</td></tr></table>", "1 2\n3", __LINE__);
    check_text("", "", __LINE__);

    char *md = md_of("<h1>T</h1><p>a <strong> b </strong> c</p><ul><li>x</li></ul>");
    check_str(md, "# T\n\na **b** c\n\n- x\n");
    free(md);
    md = md_of("<p><a href='u'></a><em></em>z</p>");
    check_str(md, "z\n");
    free(md);

    /* errors are collected only when asked for */
    struct dom_buf err = {0};
    xmlDocPtr doc = dom_parse("<p>x</b>", 8, &err);
    check(err.data != NULL && strstr(err.data, "line 1: Unexpected end tag : b") != NULL);
    struct dom_trash trash = {0};
    dom_free(doc, &trash);
    dom_buf_free(&err);

    /* edits: removed nodes wait in the trash, freed with the document */
    const char *html = "<div><p>one</p><p>two</p></div>";
    doc = dom_parse(html, strlen(html), NULL);
    xmlNodePtr div = find(doc->children, "div");
    xmlNodePtr p1 = find(div->children, "p");
    check_int(dom_remove(p1, &trash), 0);
    check(p1->parent == NULL);
    check_int((long long)trash.len, 1);
    check_int(dom_insert(div, NULL, p1, &trash), 0);
    check_int((long long)trash.len, 0);
    struct dom_buf out = {0};
    dom_html(doc, div, 1, &out);
    check_str(out.data, "<div><p>two</p><p>one</p></div>");
    out.len = 0;
    check_int(dom_unwrap(div, &trash), 0);
    check_int(dom_set_text(p1, "新", 3, &trash), 0);
    dom_html(doc, div, 0, &out);
    check_str(out.data, "");
    out.len = 0;
    dom_text((xmlNodePtr)doc, &out);
    check_str(out.data, "two\n新");
    int oom;
    xmlNodePtr frag = dom_fragment(doc, "<b>x</b>y", 9, &trash, &oom);
    check(!oom && frag != NULL && frag->next != NULL && frag->next->type == XML_TEXT_NODE);
    dom_buf_free(&out);
    dom_free(doc, &trash); /* frees the fragment, the unwrapped div, the old text */
    check(dom_is_block((const xmlChar *)"li") && !dom_is_block((const xmlChar *)"span"));

    /* the cleaner's text measures */
    struct dom_text_stats st;
    const char *t = "中文，English words. it's co-op! 对吗？";
    dom_text_stats(t, strlen(t), &st);
    check_int(st.units, 4 + 4); /* 中 文 对 吗; English, words, it's, co-op */
    check_int(st.punct, 4);     /* ， ". " ! ？ */
    check(!st.wide);
    dom_text_stats("来源：新华社", strlen("来源：新华社"), &st);
    check_int(st.units, 5); /* ： is led by EF: not counted as CJK */
    check_int(st.punct, 0);
    check(st.wide);
    dom_text_stats("\xE3\x80\x80" "a|b.", 7, &st); /* ideographic space: CJK and wide */
    check_int(st.units, 3);
    check_int(st.punct, 0);
    check(st.wide);
    dom_text_stats("\xE4\xB8", 2, &st); /* a cut sequence counts nothing */
    check_int(st.units, 0);
    dom_text_stats("", 0, &st);
    check(st.units == 0 && st.punct == 0 && !st.wide);
    char folded[64];
    const char *w = "来源：新华社（北京）\xE3\x80\x80" "a／b｜c";
    size_t fn = dom_text_fold(w, strlen(w), folded);
    folded[fn] = '\0';
    check_str(folded, "来源:新华社(北京) a/b|c");
    check_int(dom_text_fold("\xEF\xBC", 2, folded), 2); /* a cut sequence stays */
    check_int(dom_text_fold("", 0, folded), 0);
    /* a full-width colon at every place of a longer text, and one cut
     * short at its end: the sixteen-byte skip lands on each */
    {
        int same = 1;
        for (size_t at = 0; at <= 38; at++) {
            char in[64], want[64], got[64];
            memset(in, 'x', sizeof in);
            memcpy(in + at, "\xEF\xBC\x9A", 3);
            memset(want, 'x', sizeof want);
            want[at] = ':';
            size_t gn = dom_text_fold(in, 43, got);
            same &= gn == 41 && memcmp(got, want, 41) == 0;
            memcpy(in + 41, "\xEF\xBC", 2); /* cut short: stays as it is */
            same &= dom_text_fold(in, 43, got) == 41 && memcmp(got + 39, "\xEF\xBC", 2) == 0;
        }
        check(same);
    }

    /* links: <a> at or below, <img> below, in document order */
    check(dom_is_url_text(" \thttps://x", 10) && dom_is_url_text("www.x", 5) && dom_is_url_text("http://", 7));
    check(!dom_is_url_text("httpx://", 8) && !dom_is_url_text("http:/", 6) && !dom_is_url_text("", 0));
    check(!dom_is_url_text("\xC2\xA0www.x", 7)); /* %s is ASCII white space only */
    const char *lh = "<a href=x><img src=1></a><p><img src=2><a>b</a></p>";
    xmlDocPtr ldoc = dom_parse(lh, strlen(lh), NULL);
    struct dom_buf seen = {0};
    dom_each_link((xmlNodePtr)ldoc, note_link, &seen);
    check_str(seen.data, "a img img a ");
    xmlNodePtr img = find(ldoc->children, "img");
    seen.len = 0;
    dom_each_link(img, note_link, &seen);
    check(seen.len == 0);
    dom_buf_free(&seen);
    dom_free(ldoc, &trash);

    /* text nodes holding bytes the parser would not pass: a lone 0xA0 and
     * an overlong U+00A0 read as white space, other 3-byte sequences and
     * runs of them are copied whole; the last character decides CJK
     * joining across a line break */
    {
        static const struct {
            const char *in, *want;
        } raw[] = {
            {"a\xa0" "b", "a b"},
            {"a\xe0\x82\xa0" "b", "a b"},
            {"x\xe4\xb8\xadx\xe4\xb8\xad", "x\xe4\xb8\xadx\xe4\xb8\xad"},
            {"\xe4\xb8\xad\n\xe6\x96\x87", "\xe4\xb8\xad\xe6\x96\x87"},
            {"a\xe4\xb8\xad\n\xe6\x96\x87" "b", "a\xe4\xb8\xad\xe6\x96\x87" "b"},
            {"\xe4\xb8\xad" "a\n\xe6\x96\x87", "\xe4\xb8\xad" "a \xe6\x96\x87"},
            {"\xe4\xb8\n\xe6\x96\x87", "\xe4\xb8 \xe6\x96\x87"},
        };
        xmlDocPtr tdoc = dom_parse("", 0, NULL);
        for (size_t i = 0; i < sizeof raw / sizeof *raw; i++) {
            xmlNodePtr t = xmlNewDocText(tdoc, (const xmlChar *)raw[i].in);
            struct dom_buf tb = {0};
            dom_text(t, &tb);
            check_str(tb.data, raw[i].want);
            dom_buf_free(&tb);
            xmlFreeNode(t);
        }
        dom_free(tdoc, &trash);
    }

    /* JSON strings as cjson writes them, '/' left alone */
    char js[64];
    const char *raw = "a\"b\\c/d\n\x01\x7f中";
    size_t jn = dom_json_quote(raw, strlen(raw), NULL, 0);
    check_int(dom_json_quote(raw, strlen(raw), js, jn - 1), jn); /* does not fit: sized only */
    check_int(dom_json_quote(raw, strlen(raw), js, jn), jn);
    js[jn] = '\0';
    check_str(js, "\"a\\\"b\\\\c/d\\n\\u0001\\u007f中\"");
    check_int(dom_json_quote("", 0, js, sizeof js), 2);
    check_int(dom_json_quote("\\", 1, NULL, 0), 4);
    check_int(dom_json_quote("\x1f", 1, NULL, 0), 8);
    /* a result that fits exactly, and escapes past the room given */
    check_int(dom_json_quote("ab", 2, js, 4), 4);
    js[4] = '\0';
    check_str(js, "\"ab\"");
    check_int(dom_json_quote("\n\n\n", 3, js, 3), 8);

    /* dom_find_bytes finds what memmem finds: every haystack length up
     * to 70 (the scalar loop, the sixteen-byte blocks and the last,
     * overlapping block), the needle at every place, and near misses
     * that share its first and last bytes */
    {
        char hay[80];
        const char *needles[] = {"\xe6\x8e\x88\xe6\x9d\x83", "ab", "a", "a\xe6" "b", "abcdefghijklmnopqrs"};
        int agree = 1;
        for (size_t k = 0; k < sizeof needles / sizeof *needles; k++) {
            const char *nd = needles[k];
            size_t nn = strlen(nd);
            for (size_t len = 0; len <= 70; len++) {
                for (long at = -1; at <= (long)len; at++) {
                    for (size_t i = 0; i < len; i++)
                        hay[i] = (char)(i % 3 == 0 ? nd[0] : nd[nn - 1]); /* first and last bytes */
                    if (at >= 0 && (size_t)at + nn <= len)
                        memcpy(hay + at, nd, nn);
                    /* a copy of exactly LEN bytes: the sanitizers see any read past it */
                    char *h = malloc(len ? len : 1);
                    memcpy(h, hay, len);
                    const char *want = memmem(h, len, nd, nn);
                    agree &= dom_find_bytes(h, len, nd, nn) == want;
                    free(h);
                }
            }
        }
        check(agree);
        check(dom_find_bytes("", 0, "", 0) != NULL);
        check(dom_find_bytes("abc", 3, "", 0) != NULL);
        check(dom_find_bytes("ab", 2, "abc", 3) == NULL);
    }

    /* any element child with a tag the test accepts */
    const char *ch = "<div>x<span><p>y</p></span><!--p--></div>";
    xmlDocPtr cdoc = dom_parse(ch, strlen(ch), NULL);
    xmlNodePtr cdiv = find(cdoc->children, "div");
    check(dom_any_child(cdiv, is_span, NULL));
    check(!dom_any_child(find(cdoc->children, "p"), is_span, NULL));
    check(!dom_any_child(find(cdoc->children, "span")->children, is_span, NULL)); /* p has a text child only */
    dom_free(cdoc, &trash);
    return check_report();
}
