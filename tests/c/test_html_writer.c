/* dom.c's direct HTML writer against libxml2's own (htmlNodeDumpFormatOutput):
 * byte for byte, for every node of every real page the tests have (the
 * corpus, the cleaner's pages, the bad inputs) and for hand-made edge
 * cases; and it must take most nodes itself, or it is no faster. */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "check.h"
#include "dom.h"
#include "record.h"

static long nodes, direct, mismatches;

/* Both writers over N, outer and inner. */
static void compare(xmlDocPtr doc, xmlNodePtr n, const char *where)
{
    for (int outer = 0; outer <= 1; outer++) {
        struct dom_buf a = {0}, b = {0};
        int r = dom_html_direct(n, outer, &a);
        nodes++;
        if (r == 0) {
            direct++;
            dom_html_libxml2(doc, n, outer, &b);
            if (a.len != b.len || memcmp(a.data, b.data, a.len) != 0) {
                if (mismatches++ < 5)
                    fprintf(stderr, "%s: <%s> outer=%d\n direct: %.300s\nlibxml2: %.300s\n", where,
                            n->name ? (const char *)n->name : "?", outer, a.data, b.data);
            }
        } else {
            check_int(a.len, 0); /* left as it was */
        }
        dom_buf_free(&a);
        dom_buf_free(&b);
    }
}

static void compare_tree(xmlDocPtr doc, xmlNodePtr n, const char *where)
{
    for (; n != NULL; n = n->next) {
        compare(doc, n, where);
        if (n->type == XML_ELEMENT_NODE)
            compare_tree(doc, n->children, where);
    }
}

static void compare_html(const char *html, size_t len, const char *where)
{
    struct dom_trash trash = {0};
    xmlDocPtr doc = dom_parse(html, len, NULL);
    compare(doc, (xmlNodePtr)doc, where);
    compare_tree(doc, doc->children, where);
    dom_free(doc, &trash);
}

static int visit(const char *path, const struct stat *sb, int type, struct FTW *ftw)
{
    (void)ftw;
    size_t pl = strlen(path);
    int md = pl > 3 && strcmp(path + pl - 3, ".md") == 0;
    int html = pl > 5 && strcmp(path + pl - 5, ".html") == 0;
    if (type != FTW_F || !(md || html) || sb->st_size > 4 << 20)
        return 0;
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return 0;
    char *buf = malloc((size_t)sb->st_size + 1);
    size_t got = buf ? fread(buf, 1, (size_t)sb->st_size, f) : 0;
    fclose(f);
    if (buf == NULL)
        return 0;
    size_t from = 0;
    if (md) {
        struct fm_parts parts;
        fm_split(buf, got, &parts);
        from = parts.status == FM_UNTERMINATED ? got : parts.body_start;
    }
    compare_html(buf + from, got - from, path);
    free(buf);
    return 0;
}

int main(void)
{
    /* what libxml2 writes its own way: quotes in values, addresses, boolean
     * and empty attributes, elements with no end tag, comments, script */
    static const char *const cases[] = {
        "<p title='say \"hi\"'>a</p><p title=\"it's\">b</p><p title='\"x\" it&#39;s'>c</p>",
        "<a href=' /中文 path?q=a b&amp;c=\"d\"#x'>x</a><a name='n m'>y</a><form action='a|b'></form>",
        "<img src=''><img src='  '><img src='data:image/png;base64,AAA=' alt='<>&'>",
        "<input disabled><option selected value=1>o</option><td nowrap>t</td><div hidden></div>",
        "<p></p><br><hr><li></li><dd></dd><p>x<br>y</p><table><tr><td></td></tr></table>",
        "<p>a &lt; b &gt; c &amp; d &nbsp; e\tf\r\ng</p><!-- note --><p>\x01</p>",
        "<script>if (a < b && c) {}</script><style>p > a {}</style><p title='&{x}'>y</p>",
        "<p title='<!-- c -->'>z</p><svg><path d='M0'/></svg><math><mi>x</mi></math>",
        "<p>" "\xe4\xb8\xad\xe6\x96\x87" "<span class='a b' data-x='1'>s</span></p>",
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        compare_html(cases[i], strlen(cases[i]), cases[i]);

    const char *corpus = getenv("QUIRE_CORPUS"), *tests = getenv("QUIRE_TESTS");
    if (corpus)
        nftw(corpus, visit, 16, FTW_PHYS);
    if (tests) {
        char dir[4096];
        snprintf(dir, sizeof dir, "%s/data", tests);
        nftw(dir, visit, 16, FTW_PHYS);
    }
    fprintf(stderr, "%ld serializations, %ld by the direct writer, %ld differ\n", nodes, direct,
            mismatches);
    check(corpus != NULL && tests != NULL);
    check_int(mismatches, 0);
    check(nodes > 100000);
    check(direct >= nodes * 95 / 100);
    return check_report();
}
