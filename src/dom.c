/* HTML documents over libxml2: parsing, visible text, Markdown,
 * serialization and safe tree edits. See dom.h. */
#include "dom.h"

#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <libxml/xmlerror.h>
#include <libxml/HTMLtree.h>
#include <libxml/parserInternals.h> /* xmlStringTextNoenc */
#include <utf8proc.h>

/* ---- buffers ---------------------------------------------------------- */

/* Frees B's bytes and resets it to empty. */
void dom_buf_free(struct dom_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->oom = 0;
}

int dom_buf_reserve(struct dom_buf *b, size_t n)
{
    if (b->oom)
        return -1;
    if (b->len + n + 1 <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + n + 1)
        cap *= 2;
    char *p = realloc(b->data, cap);
    if (p == NULL) {
        b->oom = 1;
        return -1;
    }
    b->data = p;
    b->cap = cap;
    return 0;
}

void dom_buf_add_grow(struct dom_buf *b, const char *s, size_t n)
{
    if (dom_buf_reserve(b, n) != 0)
        return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

/* Appends the C string S. */
void dom_buf_addstr(struct dom_buf *b, const char *s)
{
    dom_buf_add(b, s, strlen(s));
}

void dom_buf_add_escaped(struct dom_buf *b, const char *s, size_t len)
{
    size_t from = 0;
    for (size_t i = 0; i < len; i++) {
        const char *e = s[i] == '&' ? "&amp;" : s[i] == '<' ? "&lt;" : s[i] == '>' ? "&gt;" : s[i] == '"' ? "&quot;" : NULL;
        if (e) {
            dom_buf_add(b, s + from, i - from);
            dom_buf_addstr(b, e);
            from = i + 1;
        }
    }
    dom_buf_add(b, s + from, len - from);
}

/* ---- parsing and freeing ---------------------------------------------- */

/* Structured-error handler for one parse: appends "line N: message". */
static void collect_error(void *data, xmlErrorPtr err)
{
    xmlParserCtxtPtr ctxt = data;
    struct dom_buf *out = ctxt->_private;
    if (out == NULL || err == NULL)
        return;
    char line[32];
    snprintf(line, sizeof line, "line %d: ", err->line);
    dom_buf_addstr(out, line);
    const char *msg = err->message ? err->message : "parse error";
    size_t n = strlen(msg);
    while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        n--;
    dom_buf_add(out, msg, n);
    dom_buf_add(out, "\n", 1);
}

/* Attributes kept per start tag. libxml2's HTML parser checks each new
 * attribute against all earlier ones of its element, so one tag with a
 * million attributes takes hours; past this many they are dropped. */
#define DOM_MAX_ATTRIBUTES 1000

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Scans the start tag whose name begins at S[I] (after '<'): returns the
 * offset of its '>' (or LEN), sets *COUNT to its number of attributes and
 * *KEEP_END to the end of its DOM_MAX_ATTRIBUTES-th attribute (or of the
 * last one, when fewer). Quoting follows the HTML tokenizer. */
static size_t scan_tag(const char *s, size_t len, size_t i, size_t *count, size_t *keep_end)
{
    size_t n = 0;
    while (i < len && !is_space(s[i]) && s[i] != '>' && s[i] != '/')
        i++;
    *keep_end = i;
    for (;;) {
        while (i < len && (is_space(s[i]) || s[i] == '/'))
            i++;
        if (i >= len || s[i] == '>')
            break;
        size_t j = i + 1;
        while (j < len && !is_space(s[j]) && s[j] != '=' && s[j] != '>' && s[j] != '/')
            j++;
        while (j < len && is_space(s[j]))
            j++;
        if (j < len && s[j] == '=') {
            j++;
            while (j < len && is_space(s[j]))
                j++;
            if (j < len && (s[j] == '"' || s[j] == '\'')) {
                const char *close = memchr(s + j + 1, s[j], len - j - 1);
                j = close ? (size_t)(close - s) + 1 : len;
            } else {
                while (j < len && !is_space(s[j]) && s[j] != '>')
                    j++;
            }
        }
        if (++n <= DOM_MAX_ATTRIBUTES)
            *keep_end = j;
        i = j;
    }
    *count = n;
    return i;
}

/* HTML with attributes past DOM_MAX_ATTRIBUTES in any start tag removed,
 * as a new buffer (length in *OUT_LEN), or NULL when no tag has that many
 * (or memory runs out: then the input is parsed as it is). */
static char *drop_excess_attributes(const char *s, size_t len, size_t *out_len)
{
    char *out = NULL;
    size_t o = 0, copied = 0;
    for (size_t i = 0; i + 1 < len; i++) {
        const char *lt = memchr(s + i, '<', len - i - 1); /* a tag opens only at '<' */
        if (lt == NULL)
            break;
        i = (size_t)(lt - s);
        if (!((s[i + 1] | 0x20) >= 'a' && (s[i + 1] | 0x20) <= 'z'))
            continue;
        size_t count, keep_end;
        size_t end = scan_tag(s, len, i + 1, &count, &keep_end);
        if (count > DOM_MAX_ATTRIBUTES) {
            if (out == NULL && (out = malloc(len)) == NULL)
                return NULL;
            memcpy(out + o, s + copied, keep_end - copied);
            o += keep_end - copied;
            copied = end;  /* the '>' (if any) is copied with what follows */
        }
        i = end > i ? end - 1 : i;
    }
    if (out == NULL)
        return NULL;
    memcpy(out + o, s + copied, len - copied);
    *out_len = o + len - copied;
    return out;
}

/* Parses through a private context so errors reach only ERRORS. */
xmlDocPtr dom_parse(const char *html, size_t len, struct dom_buf *errors)
{
    if (len == 0)
        return htmlNewDocNoDtD(NULL, NULL);
    size_t trimmed_len = 0;
    char *trimmed = drop_excess_attributes(html, len, &trimmed_len);
    if (trimmed != NULL) {
        html = trimmed;
        len = trimmed_len;
    }
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    if (ctxt == NULL) {
        free(trimmed);
        return NULL;
    }
    ctxt->_private = errors;
    /* error/warning callbacks print; the structured one only collects */
    ctxt->sax->error = NULL;
    ctxt->sax->warning = NULL;
    ctxt->sax->serror = errors ? collect_error : NULL;
    /* libxml2 only calls serror for handlers marked as SAX2 ones; the HTML
     * parser's callbacks do not depend on the mark otherwise */
    if (errors)
        ctxt->sax->initialized = XML_SAX2_MAGIC;
    ctxt->vctxt.error = NULL;
    ctxt->vctxt.warning = NULL;
    xmlDocPtr doc = htmlCtxtReadMemory(ctxt, html, (int)(len > 0x7fffffff ? 0x7fffffff : len), NULL,
                                       "UTF-8", DOM_PARSE_OPTIONS);
    htmlFreeParserCtxt(ctxt);
    free(trimmed);
    if (doc == NULL)
        doc = htmlNewDocNoDtD(NULL, NULL);
    return doc;
}

/* Frees the trash (nodes that are still unlinked) and the document. */
void dom_free(xmlDocPtr doc, struct dom_trash *trash)
{
    for (size_t i = 0; i < trash->len; i++) {
        xmlNodePtr n = trash->nodes[i];
        if (n != NULL && n->parent == NULL)
            xmlFreeNode(n);
    }
    free(trash->nodes);
    trash->nodes = NULL;
    trash->len = trash->cap = 0;
    if (doc != NULL)
        xmlFreeDoc(doc);
}

/* Adds N to the trash; -1 when out of memory. */
static int trash_add(struct dom_trash *t, xmlNodePtr n)
{
    if (t->len == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 16;
        xmlNodePtr *p = realloc(t->nodes, cap * sizeof *p);
        if (p == NULL)
            return -1;
        t->nodes = p;
        t->cap = cap;
    }
    t->nodes[t->len++] = n;
    return 0;
}

/* Makes room for one more node, so the next trash_add cannot fail. */
static int trash_reserve(struct dom_trash *t)
{
    if (trash_add(t, NULL) != 0)
        return -1;
    t->len--;
    return 0;
}

/* Takes N out of the trash (it is about to be linked into a tree). */
static void trash_take(struct dom_trash *t, xmlNodePtr n)
{
    for (size_t i = t->len; i-- > 0;) {
        if (t->nodes[i] == n) {
            t->nodes[i] = t->nodes[--t->len];
            return;
        }
    }
}

/* ---- tag classes ------------------------------------------------------ */

static const char *const block_tags[] = {
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd",
    "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption",
    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head",
    "header", "hgroup", "hr", "html", "legend", "li", "main", "menu", "nav",
    "ol", "option", "p", "pre", "section", "summary", "table", "tbody",
    "tfoot", "thead", "tr", "ul"};

/* Elements whose content is never visible text. */
static const char *const hidden_tags[] = {"head", "iframe", "noscript", "object",
                                          "script", "style", "template", "title"};

/* What the text walk needs to know of a tag name, as bits. */
enum { TAG_BLOCK = 1, TAG_HIDDEN = 2, TAG_BR = 4, TAG_PRE = 8, TAG_CELL = 16 };

/* The known tag names by hash (open addressing), filled on first use:
 * one string compare per element instead of a binary search per test. */
static struct {
    const char *name;
    unsigned flags;
} tag_table[256];

static unsigned tag_hash(const char *s)
{
    unsigned h = 2166136261u; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static void tag_add(const char *name, unsigned flag)
{
    unsigned i = tag_hash(name);
    for (;; i++) {
        i &= 255;
        if (tag_table[i].name == NULL)
            tag_table[i].name = name;
        if (dom_name_eq(tag_table[i].name, name)) {
            tag_table[i].flags |= flag;
            return;
        }
    }
}

static unsigned tag_flags(const xmlChar *tag)
{
    static int filled;
    if (!filled) {
        for (size_t i = 0; i < sizeof block_tags / sizeof *block_tags; i++)
            tag_add(block_tags[i], TAG_BLOCK);
        for (size_t i = 0; i < sizeof hidden_tags / sizeof *hidden_tags; i++)
            tag_add(hidden_tags[i], TAG_HIDDEN);
        tag_add("br", TAG_BR);
        tag_add("pre", TAG_PRE);
        tag_add("td", TAG_CELL);
        tag_add("th", TAG_CELL);
        filled = 1;
    }
    if (tag == NULL)
        return 0;
    for (unsigned i = tag_hash((const char *)tag);; i++) {
        i &= 255;
        if (tag_table[i].name == NULL)
            return 0;
        if (dom_name_eq(tag_table[i].name, (const char *)tag))
            return tag_table[i].flags;
    }
}

/* Whether TAG starts a new line in text and a new block in Markdown. */
int dom_is_block(const xmlChar *tag)
{
    return (tag_flags(tag) & TAG_BLOCK) != 0;
}

/* Elements whose content is never visible text. */
static int is_hidden(const xmlChar *tag)
{
    return (tag_flags(tag) & TAG_HIDDEN) != 0;
}

static int tag_is(xmlNodePtr n, const char *tag)
{
    return n != NULL && n->type == XML_ELEMENT_NODE && dom_name_eq((const char *)n->name, tag);
}

/* ---- whitespace-collapsing writer (shared by text and Markdown) ------- */

struct tw {
    struct dom_buf *out;
    size_t line_start; /* offset where the current line begins */
    size_t glue;       /* offset right after an opening marker, or SIZE_MAX */
    int space;         /* collapsible whitespace is pending */
    int space_nl;      /* ... and it held a line break */
    int brk;           /* pending line breaks (0, 1, 2 for a blank line) */
    int max_brk;       /* how many pending breaks count */
    int last_cjk;      /* the last character written was CJK */
    int pre;           /* inside <pre>: whitespace is kept */
    int escape;        /* escape Markdown punctuation */
};

static void tw_init(struct tw *w, struct dom_buf *out, int max_brk)
{
    memset(w, 0, sizeof *w);
    w->out = out;
    w->line_start = out->len;
    w->glue = (size_t)-1;
    w->max_brk = max_brk;
}

/* Chinese and Japanese characters: a line break between two of them is
 * not a space (CSS Text's segment break rule). Hangul is left out: Korean
 * puts spaces between words. */
static int is_cjk(unsigned c)
{
    if (c >= 0x1100 && c <= 0x11FF)
        return 0;
    if (c >= 0x3130 && c <= 0x318F)
        return 0;
    return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFFEF) ||
           (c >= 0x20000 && c <= 0x3FFFF);
}

/* Decodes one UTF-8 sequence at S (at most N bytes); *LEN gets its length.
 * Invalid bytes decode as themselves, one at a time. */
static unsigned utf8_decode(const unsigned char *s, size_t n, size_t *len)
{
    unsigned c = s[0];
    size_t k = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (c < 0xC0 || k > n) {
        *len = 1;
        return c;
    }
    unsigned v = c & (0x3F >> (k - 1));
    for (size_t i = 1; i < k; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *len = 1;
            return c;
        }
        v = (v << 6) | (s[i] & 0x3F);
    }
    *len = k;
    return v;
}

/* Drops spaces, no-break spaces and ideographic spaces ending the line. */
static void tw_trim_end(struct tw *w)
{
    struct dom_buf *b = w->out;
    for (;;) {
        if (b->len > w->line_start && (b->data[b->len - 1] == ' ' || b->data[b->len - 1] == '\t')) {
            b->len--;
        } else if (b->len >= w->line_start + 3 && memcmp(b->data + b->len - 3, "\xE3\x80\x80", 3) == 0) {
            b->len -= 3;
        } else if (b->len >= w->line_start + 2 && memcmp(b->data + b->len - 2, "\xC2\xA0", 2) == 0) {
            b->len -= 2;
        } else {
            break;
        }
    }
    if (b->data)
        b->data[b->len] = '\0';
}

/* Asks for a line break before the next visible character. */
static void tw_break(struct tw *w)
{
    if (w->brk < w->max_brk)
        w->brk++;
    w->space = w->space_nl = 0;
}

/* Writes pending breaks and spaces before a character of class CJK. */
static void tw_flush(struct tw *w, int cjk)
{
    struct dom_buf *b = w->out;
    if (w->brk) {
        if (b->len > 0) {
            tw_trim_end(w);
            dom_buf_add(b, "\n\n", (size_t)w->brk);
            w->line_start = b->len;
        }
        w->brk = 0;
        w->space = w->space_nl = 0;
    } else if (w->space) {
        if (b->len > w->line_start && b->len != w->glue && !(w->space_nl && w->last_cjk && cjk))
            dom_buf_add(b, " ", 1);
        w->space = w->space_nl = 0;
    }
}

/* White space that collapses outside <pre> (0xA0 also stands for an
 * invalid lone byte: utf8_decode gives such bytes as themselves). */
static int is_tw_space(unsigned c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0xA0;
}

/* Markdown punctuation that tw_text escapes when asked. */
static int is_md_special(unsigned c)
{
    return c == '*' || c == '_' || c == '[' || c == ']' || c == '`' || c == '\\';
}

/* Writes N bytes of text S, collapsing whitespace unless in <pre>. */
static void tw_text(struct tw *w, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        size_t k;
        unsigned c = utf8_decode(p + i, n - i, &k);
        if (w->pre) {
            if (c == '\r') {
                i += k;
                continue;
            }
            if (c == '\n') {
                tw_flush(w, 0);
                tw_trim_end(w);
                dom_buf_add(w->out, "\n", 1);
                w->line_start = w->out->len;
                i += k;
                continue;
            }
        } else if (is_tw_space(c)) {
            w->space = 1;
            if (c == '\n')
                w->space_nl = 1;
            i += k;
            continue;
        }
        int cjk = is_cjk(c);
        tw_flush(w, cjk);
        if (!w->pre && c == 0x3000 && w->out->len == w->line_start) {
            i += k; /* ideographic indentation at the start of a line */
            continue;
        }
        if (w->escape && !w->pre && is_md_special(c))
            dom_buf_add(w->out, "\\", 1);
        /* Once a character is written, the characters right after it up to
         * the next white space need no flush and no indentation check:
         * they go out in one append (the loop above, only faster). */
        size_t j = i + k, last = i;
        while (j < n && !w->pre) {
            unsigned char b = p[j];
            if (b < 0x80) {
                if (is_tw_space(b) || (w->escape && is_md_special(b)))
                    break;
                last = j++;
                continue;
            }
            /* a 3-byte sequence led by E1..EF decodes above U+0FFF: never
             * white space; the rest as utf8_decode reads it (0xA0 is a
             * no-break space, or a lone byte standing for itself) */
            if (b >= 0xE1 && b <= 0xEF && n - j >= 3 && (p[j + 1] & 0xC0) == 0x80 &&
                (p[j + 2] & 0xC0) == 0x80) {
                last = j;
                j += 3;
                continue;
            }
            size_t k2;
            if (utf8_decode(p + j, n - j, &k2) == 0xA0)
                break;
            last = j;
            j += k2;
        }
        if (last > i) {
            size_t kl;
            cjk = is_cjk(utf8_decode(p + last, n - last, &kl));
        }
        dom_buf_add(w->out, (const char *)p + i, j - i);
        w->last_cjk = cjk;
        i = j;
    }
}

/* Writes an opening marker ("**", "[", "`"): spaces right after it drop. */
static void tw_open(struct tw *w, const char *marker)
{
    tw_flush(w, 0);
    dom_buf_addstr(w->out, marker);
    w->glue = w->out->len;
    w->last_cjk = 0;
}

/* Writes a closing marker; an empty pair (OPEN right before) vanishes.
 * Pending whitespace stays pending, so it lands after the marker. */
static void tw_close(struct tw *w, const char *open, const char *close)
{
    size_t n = strlen(open);
    if (w->out->len == w->glue && w->out->len >= n) {
        w->out->len -= n;
        w->out->data[w->out->len] = '\0';
        w->glue = (size_t)-1;
        return;
    }
    w->brk = 0;
    dom_buf_addstr(w->out, close);
    w->last_cjk = 0;
}

/* ---- visible text ----------------------------------------------------- */

/* Depth-first walk of START's subtree without recursion: the next node
 * after N, descending when DESCEND; LEAVE is called for each element left. */
static xmlNodePtr walk_next(xmlNodePtr start, xmlNodePtr n, int descend,
                            void (*leave)(void *, xmlNodePtr), void *ud)
{
    if (descend && n->children != NULL)
        return n->children;
    for (;;) {
        if (n == start)
            return NULL;
        if (n->type == XML_ELEMENT_NODE && leave)
            leave(ud, n);
        if (n->next != NULL)
            return n->next;
        n = n->parent;
        if (n == NULL)
            return NULL;
        if (n == start) {
            if (n->type == XML_ELEMENT_NODE && leave)
                leave(ud, n);
            return NULL;
        }
    }
}

/* Leaving an element: a block ends the line; </pre> ends preformatting. */
static void text_leave(void *ud, xmlNodePtr n)
{
    struct tw *w = ud;
    unsigned f = tag_flags(n->name);
    if (f & TAG_BLOCK)
        tw_break(w);
    if ((f & TAG_PRE) && w->pre > 0)
        w->pre--;
}

/* Adds NODE's text to the text being written by W. */
static void text_walk(struct tw *wp, xmlNodePtr node)
{
    struct tw w = *wp;
    for (xmlNodePtr n = node; n != NULL;) {
        int descend = 1;
        switch (n->type) {
        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE:
            if (n->content)
                tw_text(&w, (const char *)n->content, strlen((const char *)n->content));
            break;
        case XML_ELEMENT_NODE: {
            unsigned f = tag_flags(n->name);
            if (n != node && (f & TAG_HIDDEN)) {
                descend = 0;
                break;
            }
            if (f & (TAG_BLOCK | TAG_BR)) {
                tw_break(&w);
            } else if (f & TAG_CELL) {
                w.space = 1;
            }
            if (f & TAG_PRE)
                w.pre++;
            break;
        }
        case XML_DOCUMENT_NODE:
        case XML_HTML_DOCUMENT_NODE:
            break;
        default:
            descend = 0; /* comments, doctype, processing instructions */
            break;
        }
        n = walk_next(node, n, descend, text_leave, &w);
    }
    *wp = w;
}

/* Ends the text written by W. */
static void text_end(struct tw *w)
{
    w->line_start = 0;
    tw_trim_end(w);
    /* an empty line at the very start would come from a leading block */
    if (w->out->data == NULL)
        dom_buf_add(w->out, "", 0);
}

void dom_text(xmlNodePtr node, struct dom_buf *out)
{
    struct tw w;
    tw_init(&w, out, 1);
    text_walk(&w, node);
    text_end(&w);
}

void dom_text_run(xmlNodePtr const *nodes, size_t count, struct dom_buf *out)
{
    struct tw w;
    tw_init(&w, out, 1);
    for (size_t i = 0; i < count; i++)
        text_walk(&w, nodes[i]);
    text_end(&w);
}

/* Plain concatenation of the text below NODE (what libxml2 calls its content). */
static void raw_text(xmlNodePtr node, struct dom_buf *out)
{
    for (xmlNodePtr n = node; n != NULL;) {
        int descend = n->type == XML_ELEMENT_NODE || n->type == XML_DOCUMENT_NODE ||
                      n->type == XML_HTML_DOCUMENT_NODE;
        if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content)
            dom_buf_addstr(out, (const char *)n->content);
        n = walk_next(node, n, descend, NULL, NULL);
    }
    if (out->data == NULL)
        dom_buf_add(out, "", 0);
}

/* ---- Markdown --------------------------------------------------------- */

struct md {
    struct dom_buf *out;
    struct dom_buf *inl;   /* the inline run being gathered */
    struct dom_buf *cells; /* table cells while a table is rendered */
    struct tw w;           /* writes into inl */
    char prefix[256];      /* every line of the current block starts so */
    size_t plen;
    char first[256];       /* the first line of a list item starts so instead */
    int has_first;
    int tight;             /* blocks separated by one newline (inside lists) */
    int depth;
};

static void md_inline(struct md *m, xmlNodePtr n);
static void md_children(struct md *m, xmlNodePtr parent);

/* Whether N has a block element below it (outside hidden elements). */
static int has_block(xmlNodePtr node)
{
    for (xmlNodePtr n = node->children ? node->children : NULL; n != NULL;) {
        int descend = 0;
        if (n->type == XML_ELEMENT_NODE) {
            if (dom_is_block(n->name))
                return 1;
            descend = !is_hidden(n->name);
        }
        n = walk_next(node, n, descend, NULL, NULL);
    }
    return 0;
}

/* Starts a block: a blank line after the previous one (one newline when tight). */
static void md_sep(struct md *m)
{
    struct dom_buf *o = m->out;
    if (o->len == 0)
        return;
    if (o->data[o->len - 1] != '\n')
        dom_buf_add(o, "\n", 1);
    if (!m->tight) {
        size_t n = m->plen;
        while (n > 0 && m->prefix[n - 1] == ' ')
            n--;
        dom_buf_add(o, m->prefix, n);
        dom_buf_add(o, "\n", 1);
    }
}

/* Writes one line with the block's prefix (the list marker on a first line). */
static void md_line(struct md *m, const char *s, size_t n)
{
    if (m->has_first) {
        dom_buf_addstr(m->out, m->first);
        m->has_first = 0;
    } else {
        dom_buf_add(m->out, m->prefix, m->plen);
    }
    dom_buf_add(m->out, s, n);
    dom_buf_add(m->out, "\n", 1);
}

/* Emits TEXT (lines separated by \n) as one block; BREAKS adds the two
 * trailing spaces of a Markdown hard break to every line but the last. */
static void md_block_text(struct md *m, const char *text, size_t len, int breaks)
{
    md_sep(m);
    size_t i = 0;
    while (i <= len) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - text) : len;
        if (breaks && nl) {
            if (m->has_first) {
                dom_buf_addstr(m->out, m->first);
                m->has_first = 0;
            } else {
                dom_buf_add(m->out, m->prefix, m->plen);
            }
            dom_buf_add(m->out, text + i, end - i);
            dom_buf_add(m->out, "  \n", 3);
        } else {
            md_line(m, text + i, end - i);
        }
        if (!nl)
            break;
        i = end + 1;
    }
}

/* Writes the gathered inline run as paragraphs (split at blank lines). */
static void md_flush(struct md *m)
{
    struct dom_buf *b = m->inl;
    m->w.line_start = 0;
    tw_trim_end(&m->w);
    size_t start = 0;
    while (start < b->len && b->data[start] == '\n')
        start++;
    while (start < b->len) {
        const char *para = b->data + start;
        const char *blank = strstr(para, "\n\n");
        size_t n = blank ? (size_t)(blank - para) : b->len - start;
        if (n > 0)
            md_block_text(m, para, n, 1);
        start += n;
        while (start < b->len && b->data[start] == '\n')
            start++;
    }
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
    tw_init(&m->w, b, 2);
    m->w.escape = 1;
}

/* Inline content of N's children rendered into a fresh run; returns it
 * with line breaks turned into spaces (for headings and table cells). */
static void md_inline_children(struct md *m, xmlNodePtr n)
{
    for (xmlNodePtr c = n->children; c != NULL; c = c->next)
        md_inline(m, c);
    struct dom_buf *b = m->inl;
    m->w.line_start = 0;
    tw_trim_end(&m->w);
    for (size_t i = 0; i < b->len; i++)
        if (b->data[i] == '\n')
            b->data[i] = ' ';
}

/* Appends the value of attribute NAME of N to the inline run, with
 * spaces and parentheses escaped so the link target stays one token. */
static void md_url(struct md *m, xmlNodePtr n, const char *name)
{
    xmlAttrPtr a = xmlHasProp(n, (const xmlChar *)name);
    if (a == NULL || a->children == NULL || a->children->content == NULL)
        return;
    for (const char *s = (const char *)a->children->content; *s; s++) {
        if (*s == ' ')
            dom_buf_add(m->inl, "%20", 3);
        else if (*s == '(')
            dom_buf_add(m->inl, "%28", 3);
        else if (*s == ')')
            dom_buf_add(m->inl, "%29", 3);
        else if (*s != '\n' && *s != '\r')
            dom_buf_add(m->inl, s, 1);
    }
}

static const char *attr_value(xmlNodePtr n, const char *name)
{
    xmlAttrPtr a = xmlHasProp(n, (const xmlChar *)name);
    if (a == NULL || a->children == NULL || a->children->content == NULL)
        return NULL;
    return (const char *)a->children->content;
}

/* Whether text below N holds the byte C. */
static int has_char(xmlNodePtr node, char c)
{
    for (xmlNodePtr n = node; n != NULL;) {
        if (n->type == XML_TEXT_NODE && n->content && strchr((const char *)n->content, c))
            return 1;
        n = walk_next(node, n, n->type == XML_ELEMENT_NODE, NULL, NULL);
    }
    return 0;
}

/* Renders N as inline Markdown into the current run. */
static void md_inline(struct md *m, xmlNodePtr n)
{
    struct tw *w = &m->w;
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        if (n->content)
            tw_text(w, (const char *)n->content, strlen((const char *)n->content));
        return;
    }
    if (n->type != XML_ELEMENT_NODE || is_hidden(n->name) || m->depth > 512)
        return;
    const char *tag = (const char *)n->name;
    m->depth++;
    if (dom_name_eq(tag, "br")) {
        tw_break(w);
    } else if (dom_name_eq(tag, "img")) {
        const char *src = attr_value(n, "src");
        if (src == NULL)
            src = attr_value(n, "data-src");
        if (src != NULL && *src) {
            const char *alt = attr_value(n, "alt");
            tw_open(w, "![");
            if (alt)
                tw_text(w, alt, strlen(alt));
            w->space = w->space_nl = w->brk = 0;
            dom_buf_add(m->inl, "](", 2);
            md_url(m, n, attr_value(n, "src") ? "src" : "data-src");
            dom_buf_add(m->inl, ")", 1);
            w->glue = (size_t)-1;
        }
    } else if (dom_name_eq(tag, "a")) {
        const char *href = attr_value(n, "href");
        if (href == NULL || *href == '\0' || strncmp(href, "javascript:", 11) == 0 || href[0] == '#') {
            for (xmlNodePtr c = n->children; c; c = c->next)
                md_inline(m, c);
        } else {
            tw_open(w, "[");
            for (xmlNodePtr c = n->children; c; c = c->next)
                md_inline(m, c);
            if (m->inl->len == w->glue) {
                tw_close(w, "[", "");
            } else {
                w->brk = 0;
                w->space = 0;
                dom_buf_add(m->inl, "](", 2);
                md_url(m, n, "href");
                dom_buf_add(m->inl, ")", 1);
                w->last_cjk = 0;
            }
        }
    } else if (dom_name_eq(tag, "strong") || dom_name_eq(tag, "b") || dom_name_eq(tag, "em") ||
               dom_name_eq(tag, "i")) {
        const char *mark = (tag[0] == 's' || tag[0] == 'b') ? "**" : "*";
        tw_open(w, mark);
        for (xmlNodePtr c = n->children; c; c = c->next)
            md_inline(m, c);
        tw_close(w, mark, mark);
    } else if (dom_name_eq(tag, "code") && !w->pre) {
        /* a backtick inside the code needs a double fence */
        int tick = has_char(n, '`');
        const char *open = tick ? "`` " : "`", *close = tick ? " ``" : "`";
        tw_open(w, open);
        int esc = w->escape;
        w->escape = 0;
        for (xmlNodePtr c = n->children; c; c = c->next)
            md_inline(m, c);
        w->escape = esc;
        tw_close(w, open, close);
    } else {
        int block = dom_is_block(n->name);
        if (block)
            tw_break(w);
        for (xmlNodePtr c = n->children; c; c = c->next)
            md_inline(m, c);
        if (block)
            tw_break(w);
        else if (dom_name_eq(tag, "td") || dom_name_eq(tag, "th"))
            w->space = 1;
    }
    m->depth--;
}

/* Pushes S onto the line prefix; returns the old length to restore. */
static size_t md_push(struct md *m, const char *s)
{
    size_t old = m->plen, n = strlen(s);
    if (m->plen + n < sizeof m->prefix) {
        memcpy(m->prefix + m->plen, s, n);
        m->plen += n;
    }
    m->prefix[m->plen] = '\0';
    return old;
}

/* A <pre> as a fenced code block. */
static void md_pre(struct md *m, xmlNodePtr n)
{
    struct dom_buf *b = m->cells;
    b->len = 0;
    raw_text(n, b);
    const char *s = b->data ? b->data : "";
    size_t len = b->len;
    while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == '\r' || s[len - 1] == ' '))
        len--;
    while (len > 0 && *s == '\n') {
        s++;
        len--;
    }
    const char *fence = strstr(s, "```") ? "````" : "```";
    md_sep(m);
    md_line(m, fence, strlen(fence));
    size_t i = 0;
    while (i < len) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - s) : len;
        size_t e = end;
        if (e > i && s[e - 1] == '\r')
            e--;
        md_line(m, s + i, e - i);
        i = end + 1;
    }
    md_line(m, fence, strlen(fence));
    b->len = 0;
}

/* Each row (tr) of TABLE, skipping nested tables. */
static void md_rows(struct md *m, xmlNodePtr parent, int *ncols, int *nrows)
{
    for (xmlNodePtr c = parent->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (tag_is(c, "thead") || tag_is(c, "tbody") || tag_is(c, "tfoot")) {
            md_rows(m, c, ncols, nrows);
        } else if (tag_is(c, "tr")) {
            int cols = 0;
            for (xmlNodePtr td = c->children; td; td = td->next) {
                if (!tag_is(td, "td") && !tag_is(td, "th"))
                    continue;
                md_inline_children(m, td);
                struct dom_buf *in = m->inl;
                for (size_t i = 0; i < in->len; i++) {
                    if (in->data[i] == '|')
                        dom_buf_add(m->cells, "\\|", 2);
                    else
                        dom_buf_add(m->cells, in->data + i, 1);
                }
                dom_buf_add(m->cells, "\x1f", 1);
                in->len = 0;
                tw_init(&m->w, in, 2);
                m->w.escape = 1;
                cols++;
            }
            dom_buf_add(m->cells, "\x1e", 1);
            if (cols > *ncols)
                *ncols = cols;
            (*nrows)++;
        }
    }
}

/* A table as a pipe table: the first row is the header. */
static void md_table(struct md *m, xmlNodePtr n)
{
    struct dom_buf *cells = m->cells;
    cells->len = 0;
    int ncols = 0, nrows = 0;
    md_rows(m, n, &ncols, &nrows);
    if (ncols == 0 || cells->data == NULL) {
        cells->len = 0;
        return;
    }
    md_sep(m);
    const char *p = cells->data, *end = cells->data + cells->len;
    int row = 0;
    while (p < end) {
        const char *rend = memchr(p, '\x1e', (size_t)(end - p));
        if (rend == NULL)
            break;
        dom_buf_add(m->out, m->prefix, m->plen);
        dom_buf_add(m->out, "|", 1);
        int col = 0;
        while (p < rend) {
            const char *cend = memchr(p, '\x1f', (size_t)(rend - p));
            if (cend == NULL)
                break;
            dom_buf_add(m->out, " ", 1);
            dom_buf_add(m->out, p, (size_t)(cend - p));
            dom_buf_add(m->out, " |", 2);
            col++;
            p = cend + 1;
        }
        for (; col < ncols; col++)
            dom_buf_add(m->out, "  |", 3);
        dom_buf_add(m->out, "\n", 1);
        if (row == 0) {
            dom_buf_add(m->out, m->prefix, m->plen);
            dom_buf_add(m->out, "|", 1);
            for (int i = 0; i < ncols; i++)
                dom_buf_add(m->out, " --- |", 6);
            dom_buf_add(m->out, "\n", 1);
        }
        row++;
        p = rend + 1;
    }
    cells->len = 0;
}

/* A list: items with "- " or "N. ", continuation lines indented. */
static void md_list(struct md *m, xmlNodePtr n, int ordered)
{
    int saved_tight = m->tight, index = 0;
    const char *start = attr_value(n, "start");
    if (ordered && start)
        index = atoi(start) - 1;
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || !tag_is(c, "li")) {
            if (c->type == XML_ELEMENT_NODE)
                md_children(m, c), md_flush(m);
            continue;
        }
        char marker[32];
        if (ordered)
            snprintf(marker, sizeof marker, "%d. ", ++index);
        else
            snprintf(marker, sizeof marker, "- ");
        size_t mlen = strlen(marker);
        if (m->plen + mlen < sizeof m->first) {
            memcpy(m->first, m->prefix, m->plen);
            memcpy(m->first + m->plen, marker, mlen + 1);
        }
        m->has_first = 1;
        size_t old = md_push(m, ordered ? "   " : "  ");
        if (ordered && mlen > 3)
            md_push(m, " ");
        md_children(m, c);
        md_flush(m);
        if (m->has_first) { /* an empty item still shows its marker */
            m->has_first = 0;
            m->plen = old;
            m->prefix[old] = '\0';
            md_sep(m);
            dom_buf_addstr(m->out, m->first);
            while (m->out->len > 0 && m->out->data[m->out->len - 1] == ' ')
                m->out->len--;
            dom_buf_add(m->out, "\n", 1);
        }
        m->plen = old;
        m->prefix[old] = '\0';
        m->tight = 1;
    }
    m->tight = saved_tight;
}

/* Renders block element N. */
static void md_block(struct md *m, xmlNodePtr n)
{
    const char *tag = (const char *)n->name;
    md_flush(m);
    if (m->depth > 512)
        return;
    m->depth++;
    if (tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6' && tag[2] == '\0') {
        md_inline_children(m, n);
        struct dom_buf *in = m->inl;
        if (in->len > 0) {
            char hashes[8];
            int level = tag[1] - '0';
            memset(hashes, '#', (size_t)level);
            hashes[level] = ' ';
            md_sep(m);
            if (m->has_first) {
                dom_buf_addstr(m->out, m->first);
                m->has_first = 0;
            } else {
                dom_buf_add(m->out, m->prefix, m->plen);
            }
            dom_buf_add(m->out, hashes, (size_t)level + 1);
            dom_buf_add(m->out, in->data, in->len);
            dom_buf_add(m->out, "\n", 1);
        }
        in->len = 0;
        tw_init(&m->w, in, 2);
        m->w.escape = 1;
    } else if (dom_name_eq(tag, "ul") || dom_name_eq(tag, "ol") || dom_name_eq(tag, "menu") ||
               dom_name_eq(tag, "dir")) {
        md_list(m, n, tag[0] == 'o');
    } else if (dom_name_eq(tag, "blockquote")) {
        size_t old = md_push(m, "> ");
        if (m->has_first) {
            /* "- > quote": keep the marker, then quote */
            size_t fl = strlen(m->first);
            if (fl + 2 < sizeof m->first)
                memcpy(m->first + fl, "> ", 3);
        }
        int tight = m->tight;
        md_children(m, n);
        md_flush(m);
        m->tight = tight;
        m->plen = old;
        m->prefix[old] = '\0';
    } else if (dom_name_eq(tag, "pre")) {
        md_pre(m, n);
    } else if (dom_name_eq(tag, "table")) {
        md_table(m, n);
    } else if (dom_name_eq(tag, "hr")) {
        md_sep(m);
        md_line(m, "---", 3);
    } else {
        md_children(m, n);
        md_flush(m);
    }
    m->depth--;
}

/* Renders the children of PARENT: inline runs gathered, blocks apart. */
static void md_children(struct md *m, xmlNodePtr parent)
{
    for (xmlNodePtr c = parent->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE) {
            if (is_hidden(c->name))
                continue;
            if (dom_is_block(c->name))
                md_block(m, c);
            else if (has_block(c) && m->depth < 512) {
                m->depth++;
                md_children(m, c);
                m->depth--;
            } else
                md_inline(m, c);
        } else if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            md_inline(m, c);
        }
    }
}

void dom_markdown(xmlNodePtr node, struct dom_buf *out, struct dom_buf tmp[2])
{
    struct md m;
    memset(&m, 0, sizeof m);
    m.out = out;
    m.inl = &tmp[0];
    m.cells = &tmp[1];
    m.inl->len = 0;
    m.cells->len = 0;
    tw_init(&m.w, m.inl, 2);
    m.w.escape = 1;
    if (node->type == XML_ELEMENT_NODE && dom_is_block(node->name) && !tag_is(node, "html") &&
        !tag_is(node, "body"))
        md_block(&m, node);
    else if (node->type == XML_ELEMENT_NODE && !has_block(node) && !tag_is(node, "html") && !tag_is(node, "body"))
        md_inline(&m, node);
    else if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
        md_inline(&m, node);
    else
        md_children(&m, node);
    md_flush(&m);
    while (out->len > 0 && out->data[out->len - 1] == '\n')
        out->len--;
    dom_buf_add(out, "\n", out->len > 0 ? 1 : 0);
    if (m.inl->oom || m.cells->oom)
        out->oom = 1;
}

/* ---- serialization ---------------------------------------------------- */

static int write_buf(void *ctx, const char *s, int n)
{
    dom_buf_add(ctx, s, (size_t)n);
    return n;
}

/* libxml2's own writer, htmlNodeDumpFormatOutput without formatting,
 * for each node dom_html serializes. */
void dom_html_libxml2(xmlDocPtr doc, xmlNodePtr node, int outer, struct dom_buf *out)
{
    xmlOutputBufferPtr ob = xmlOutputBufferCreateIO(write_buf, NULL, out, NULL);
    if (ob == NULL) {
        out->oom = 1;
        return;
    }
    if (node->type == XML_DOCUMENT_NODE || node->type == XML_HTML_DOCUMENT_NODE) {
        for (xmlNodePtr c = node->children; c; c = c->next)
            htmlNodeDumpFormatOutput(ob, doc, c, NULL, 0);
    } else if (outer) {
        htmlNodeDumpFormatOutput(ob, doc, node, NULL, 0);
    } else if (node->type == XML_ELEMENT_NODE) {
        for (xmlNodePtr c = node->children; c; c = c->next)
            htmlNodeDumpFormatOutput(ob, doc, c, NULL, 0);
    } else {
        htmlNodeDumpFormatOutput(ob, doc, node, NULL, 0);
    }
    xmlOutputBufferClose(ob);
    dom_buf_add(out, "", 0);
}

/* The direct writer below makes the bytes libxml2's writer makes, for
 * the nodes it knows, without libxml2's output buffer and the string it
 * allocates per text node and attribute (the cleaner's JSON output
 * serializes each block). Each helper returns -1 for something it leaves
 * to libxml2; tests/c/test_html_writer.c compares the two over every node
 * of the corpus and the test pages. */

/* The bytes that stand for themselves in text and attribute values
 * (libxml2's xmlEncodeEntitiesInternal on an HTML document): printable
 * ASCII but < > &, tab, newline and every byte from 0x80 on. */
static int html_plain(unsigned char c)
{
    return (c >= 0x20 && c != '<' && c != '>' && c != '&') || c == '\t' || c == '\n';
}

/* Whether one of the 8 bytes of X is not plain: under 0x20 (tab and
 * newline are plain, but rare enough to take the slow way), < > or &. */
static int word_not_plain(uint64_t x)
{
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    uint64_t lt = x ^ (ones * '<'), gt = x ^ (ones * '>'), amp = x ^ (ones * '&');
    uint64_t any = ((x - ones * 0x20) & ~x) | ((lt - ones) & ~lt) | ((gt - ones) & ~gt) |
                   ((amp - ones) & ~amp);
    return (any & highs) != 0;
}

/* S with < > & as entities. ATTR: S is an attribute value, where libxml2
 * keeps "<!--...-->" and "&{...}" as they are: left to it. */
static int hd_escaped(struct dom_buf *out, const xmlChar *s, int attr)
{
    const xmlChar *from = s, *end = s + strlen((const char *)s);
    for (;; s++) {
        while (end - s >= 8) { /* plain runs eight bytes at a time */
            uint64_t x;
            memcpy(&x, s, 8);
            if (word_not_plain(x))
                break;
            s += 8;
        }
        if (html_plain(*s))
            continue;
        dom_buf_add(out, (const char *)from, (size_t)(s - from));
        from = s + 1;
        switch (*s) {
        case 0:
            return 0;
        case '<':
            if (attr && s[1] == '!')
                return -1;
            dom_buf_add(out, "&lt;", 4);
            break;
        case '>':
            dom_buf_add(out, "&gt;", 4);
            break;
        case '&':
            if (attr && s[1] == '{')
                return -1;
            dom_buf_add(out, "&amp;", 5);
            break;
        default: /* \r and control bytes: libxml2's own rules */
            return -1;
        }
    }
}

/* Whether attribute A of element E holds an address, which libxml2
 * writes %-escaped (htmlAttrDumpOutput). */
static int hd_uri_attr(xmlAttrPtr a, xmlNodePtr e)
{
    const xmlChar *n = a->name;
    return !xmlStrcasecmp(n, BAD_CAST "href") || !xmlStrcasecmp(n, BAD_CAST "action") ||
           !xmlStrcasecmp(n, BAD_CAST "src") ||
           (!xmlStrcasecmp(n, BAD_CAST "name") && !xmlStrcasecmp(e->name, BAD_CAST "a"));
}

/* The bytes xmlURIEscapeStr keeps with the list libxml2's writer gives
 * it: letters, digits, the URI marks -_.!~*'() and @/:=?;#%&,+<> */
static int uri_kept(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c != 0 && strchr("-_.!~*'()@/:=?;#%&,+<>", c) != NULL);
}

/* Attribute A of element E: its name, and its value quoted unless it is
 * a boolean attribute or has none. SCRATCH holds the escaped value. */
static int hd_attr(struct dom_buf *out, xmlAttrPtr a, xmlNodePtr e, struct dom_buf *scratch)
{
    if (a->type != XML_ATTRIBUTE_NODE || a->ns != NULL)
        return -1;
    dom_buf_add(out, " ", 1);
    dom_buf_addstr(out, (const char *)a->name);
    if (a->children == NULL || htmlIsBooleanAttr(a->name))
        return 0;
    xmlNodePtr t = a->children;
    if (t->type != XML_TEXT_NODE || t->next != NULL || t->content == NULL)
        return -1;
    scratch->len = 0;
    if (hd_escaped(scratch, t->content, 1) != 0 || scratch->oom)
        return -1;
    const char *v = scratch->data ? scratch->data : "";
    size_t len = scratch->len;
    if (hd_uri_attr(a, e)) {
        /* blanks before the address go; other bytes as %XX */
        size_t i = 0;
        while (i < len && (v[i] == ' ' || v[i] == '\t' || v[i] == '\n' || v[i] == '\r'))
            i++;
        if (i == len && len > 0)
            return -1;
        static const char hex[] = "0123456789ABCDEF";
        dom_buf_add(out, "=\"", 2);
        for (size_t from = i;; i++) {
            if (i < len && uri_kept((unsigned char)v[i]))
                continue;
            dom_buf_add(out, v + from, i - from);
            if (i == len)
                break;
            unsigned char c = (unsigned char)v[i];
            char esc[3] = {'%', hex[c >> 4], hex[c & 15]};
            dom_buf_add(out, esc, 3);
            from = i + 1;
        }
        dom_buf_add(out, "\"", 1);
        return 0;
    }
    /* quoted as xmlBufWriteQuotedString does: "..." unless the value
     * holds '"': then '...', or "..." with &quot; when it holds both */
    const char *dq = memchr(v, '"', len);
    if (dq == NULL || memchr(v, '\'', len) == NULL) {
        char q = dq ? '\'' : '"';
        dom_buf_add(out, "=", 1);
        dom_buf_add(out, &q, 1);
        dom_buf_add(out, v, len);
        dom_buf_add(out, &q, 1);
        return 0;
    }
    dom_buf_add(out, "=\"", 2);
    for (size_t i = 0, from = 0;; i++) {
        if (i < len && v[i] != '"')
            continue;
        dom_buf_add(out, v + from, i - from);
        if (i == len)
            break;
        dom_buf_add(out, "&quot;", 6);
        from = i + 1;
    }
    dom_buf_add(out, "\"", 1);
    return 0;
}

/* How deep the direct writer goes before it leaves a node to libxml2's
 * (which walks without recursion). */
#define HD_MAX_DEPTH 200

static int hd_node(struct dom_buf *out, xmlNodePtr n, int depth, struct dom_buf *scratch)
{
    switch (n->type) {
    case XML_TEXT_NODE: {
        if (n->content == NULL)
            return 0;
        xmlNodePtr p = n->parent;
        if (n->name == xmlStringTextNoenc ||
            (p != NULL && p->name != NULL &&
             (!xmlStrcasecmp(p->name, BAD_CAST "script") || !xmlStrcasecmp(p->name, BAD_CAST "style")))) {
            dom_buf_addstr(out, (const char *)n->content); /* as it is */
            return 0;
        }
        return hd_escaped(out, n->content, 0);
    }
    case XML_COMMENT_NODE:
        if (n->content == NULL)
            return 0;
        dom_buf_add(out, "<!--", 4);
        dom_buf_addstr(out, (const char *)n->content);
        dom_buf_add(out, "-->", 3);
        return 0;
    case XML_ELEMENT_NODE:
        break;
    default: /* entities, CDATA, processing instructions, ... */
        return -1;
    }
    if (n->ns != NULL || n->nsDef != NULL || depth > HD_MAX_DEPTH)
        return -1;
    const htmlElemDesc *info = htmlTagLookup(n->name);
    dom_buf_add(out, "<", 1);
    dom_buf_addstr(out, (const char *)n->name);
    for (xmlAttrPtr a = n->properties; a != NULL; a = a->next)
        if (hd_attr(out, a, n, scratch) != 0)
            return -1;
    if (info != NULL && info->empty) {
        dom_buf_add(out, ">", 1);
        return 0;
    }
    if (n->children == NULL && info != NULL && info->saveEndTag != 0 &&
        strcmp(info->name, "html") != 0 && strcmp(info->name, "body") != 0) {
        dom_buf_add(out, ">", 1);
        return 0;
    }
    dom_buf_add(out, ">", 1);
    for (xmlNodePtr c = n->children; c != NULL; c = c->next) {
        if (c->parent != n)
            return -1;
        if (hd_node(out, c, depth + 1, scratch) != 0)
            return -1;
    }
    dom_buf_add(out, "</", 2);
    dom_buf_addstr(out, (const char *)n->name);
    dom_buf_add(out, ">", 1);
    return 0;
}

int dom_html_direct(xmlNodePtr node, int outer, struct dom_buf *out)
{
    size_t start = out->len;
    struct dom_buf scratch = {0};
    int r = 0;
    if (node->type == XML_DOCUMENT_NODE || node->type == XML_HTML_DOCUMENT_NODE ||
        (!outer && node->type == XML_ELEMENT_NODE)) {
        if (node->type != XML_ELEMENT_NODE && ((xmlDocPtr)node)->intSubset != NULL)
            r = -1; /* a doctype: libxml2 writes it */
        for (xmlNodePtr c = node->children; c != NULL && r == 0; c = c->next)
            r = hd_node(out, c, 0, &scratch);
    } else {
        r = hd_node(out, node, 0, &scratch);
    }
    dom_buf_free(&scratch);
    if (r != 0 || out->oom) {
        out->len = start;
        if (out->data)
            out->data[start] = '\0';
        return -1;
    }
    dom_buf_add(out, "", 0); /* NUL-terminated even when nothing was written */
    return 0;
}

void dom_html(xmlDocPtr doc, xmlNodePtr node, int outer, struct dom_buf *out)
{
    if (dom_html_direct(node, outer, out) != 0 && !out->oom)
        dom_html_libxml2(doc, node, outer, out);
}

/* ---- edits ------------------------------------------------------------ */

int dom_contains(xmlNodePtr anc, xmlNodePtr node)
{
    for (; node != NULL; node = node->parent)
        if (node == anc)
            return 1;
    return 0;
}

/* Unlinks N from its parent and siblings by hand (xmlUnlinkNode would
 * also do it, but this keeps every pointer change in one place). */
static void unlink_node(xmlNodePtr n)
{
    xmlNodePtr p = n->parent;
    if (p != NULL) {
        if (p->children == n)
            p->children = n->next;
        if (p->last == n)
            p->last = n->prev;
    }
    if (n->prev)
        n->prev->next = n->next;
    if (n->next)
        n->next->prev = n->prev;
    n->parent = n->prev = n->next = NULL;
}

int dom_remove(xmlNodePtr node, struct dom_trash *trash)
{
    if (node->parent == NULL && node->prev == NULL && node->next == NULL)
        return 0; /* already out of the tree */
    if (trash_add(trash, node) != 0)
        return -1;
    unlink_node(node);
    return 0;
}

int dom_insert(xmlNodePtr parent, xmlNodePtr before, xmlNodePtr node, struct dom_trash *trash)
{
    if (node->parent != NULL || node->prev != NULL || node->next != NULL)
        unlink_node(node);
    trash_take(trash, node);
    node->parent = parent;
    if (before == NULL) {
        node->prev = parent->last;
        if (parent->last)
            parent->last->next = node;
        else
            parent->children = node;
        parent->last = node;
    } else {
        node->next = before;
        node->prev = before->prev;
        if (before->prev)
            before->prev->next = node;
        else
            parent->children = node;
        before->prev = node;
    }
    return 0;
}

int dom_unwrap(xmlNodePtr node, struct dom_trash *trash)
{
    xmlNodePtr parent = node->parent;
    if (parent == NULL)
        return dom_remove(node, trash);
    if (trash_reserve(trash) != 0)
        return -1;
    while (node->children != NULL)
        dom_insert(parent, node, node->children, trash);
    return dom_remove(node, trash);
}

int dom_set_text(xmlNodePtr node, const char *text, size_t len, struct dom_trash *trash)
{
    size_t n = 0;
    for (xmlNodePtr c = node->children; c; c = c->next)
        n++;
    if (trash->cap - trash->len < n) {
        size_t cap = trash->len + n;
        xmlNodePtr *p = realloc(trash->nodes, cap * sizeof *p);
        if (p == NULL)
            return -1;
        trash->nodes = p;
        trash->cap = cap;
    }
    xmlNodePtr t = xmlNewDocTextLen(node->doc, (const xmlChar *)text, (int)len);
    if (t == NULL)
        return -1;
    while (node->children != NULL)
        dom_remove(node->children, trash);
    dom_insert(node, NULL, t, trash);
    return 0;
}

/* Parses HTML as a document of its own, then copies the children of its
 * head and body into DOC as a chain of unlinked siblings in TRASH. */
xmlNodePtr dom_fragment(xmlDocPtr doc, const char *html, size_t len, struct dom_trash *trash, int *oom)
{
    *oom = 0;
    xmlDocPtr tmp = dom_parse(html, len, NULL);
    if (tmp == NULL) {
        *oom = 1;
        return NULL;
    }
    xmlNodePtr first = NULL, last = NULL;
    xmlNodePtr root = xmlDocGetRootElement(tmp);
    for (xmlNodePtr sec = root ? root->children : NULL; sec; sec = sec->next) {
        xmlNodePtr from = sec;
        int wrapper = tag_is(sec, "head") || tag_is(sec, "body");
        for (xmlNodePtr c = wrapper ? from->children : from; c; c = wrapper ? c->next : NULL) {
            xmlNodePtr copy = xmlDocCopyNode(c, doc, 1);
            if (copy == NULL || trash_add(trash, copy) != 0) {
                if (copy)
                    xmlFreeNode(copy);
                *oom = 1;
                break;
            }
            if (last) {
                last->next = copy;
                copy->prev = last;
            } else {
                first = copy;
            }
            last = copy;
        }
    }
    xmlFreeDoc(tmp);
    return first;
}

/* Raw text of NODE: libxml2's plain concatenation, for text{raw = true}. */
void dom_raw_text(xmlNodePtr node, struct dom_buf *out)
{
    raw_text(node, out);
}

/* ---- text measures for the cleaner ------------------------------------ */

/* Byte classes for dom_text_stats. */
enum {
    TS_LEAD = 1,   /* E3..E9: may start a character counted alone */
    TS_START = 2,  /* %w or C0..DF: starts a word */
    TS_RUN = 4,    /* %w, 80..DF, ' or -: goes on with one */
    TS_CONT = 8,   /* 80..BF */
    TS_PUNCT = 16, /* , ; ! ? */
    TS_SPACE = 32, /* %s */
    TS_SCRIPT = 64 /* E0, E1, EA..ED: may start a letter_kind character */
};

/* The class bits of each byte, as the enum above defines them (a row
 * per 16 bytes; tests/lua/dom_api_test.lua checks the counts against the
 * patterns). */
static const unsigned char ts_class[256] = {
     0,  0,  0,  0,  0,  0,  0,  0,  0, 32, 32, 32, 32, 32,  0,  0,
     0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
    32, 16,  0,  0,  0,  0,  0,  4,  0,  0,  0,  0, 16,  4,  0,  0,
     6,  6,  6,  6,  6,  6,  6,  6,  6,  6,  0, 16,  0,  0,  0, 16,
     0,  6,  6,  6,  6,  6,  6,  6,  6,  6,  6,  6,  6,  6,  6,  6,
     6,  6,  6,  6,  6,  6,  6,  6,  6,  6,  6,  0,  0,  0,  0,  0,
     0,  6,  6,  6,  6,  6,  6,  6,  6,  6,  6,  6,  6,  6,  6,  6,
     6,  6,  6,  6,  6,  6,  6,  6,  6,  6,  6,  0,  0,  0,  0,  0,
    12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12,
    12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12,
    12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12,
    12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12,
     6,  6,  6,  6,  6,  6,  6,  6,  6,  6,  6,  6,  6,  6,  6,  6,
     6,  6,  6,  6,  6,  6,  6,  6,  6,  6,  6,  6,  6,  6,  6,  6,
    64, 64,  0,  1,  1,  1,  1,  1,  1,  1, 64, 64, 64, 64,  0,  0,
     0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
};

/* Each count was a gsub over the text with its own pattern, a match
 * skipped whole before the scan went on. The skips only ever pass over
 * bytes no match can start at (continuation bytes, the white space after
 * ". "), so one pass testing every position counts the same; only the
 * word pattern keeps state (inside a word or not). %w and %s are the C
 * locale's: quire runs in it. What the patterns were:
 *   units: [\227-\233][\128-\191][\128-\191] plus [%w\192-\223][%w\128-\223'%-]*
 *   (a 2-byte letter went on with no word until 2026-11: each letter
 *   of a Cyrillic, Greek or Arabic word counted a unit)
 *   punct: [,;!?], \239\188[\140\155\129\159], \227\128[\129\130], %.%s
 *   wide:  \239\188[\154\136\137\143], \239\189\156, \227\128\128
 * A 3-byte character of E3..E9 (CJK, kana) counts alone, as always.
 * Those behind E0, E1 and EA..ED had counted nothing, and a Korean
 * article scored as empty; they count as letter_kind says: a unit per
 * word, or per letter in scripts without spaces, marks never. E2
 * (punctuation, symbols) and EE, EF (private use, compatibility forms)
 * still count nothing. */
enum letter_kind { LK_OTHER, LK_MARK, LK_SYLLABLE, LK_WORD };

/* How a character behind lead E0, E1 or EA..ED counts. Scripts written
 * without spaces between words (Thai, Lao, Tibetan, Myanmar, Khmer, Yi:
 * the blocks below) count a unit per letter, as CJK does; the others
 * (the Indic scripts, Sinhala, Georgian, Ethiopic, Hangul, the extended
 * Latin and Greek letters of Vietnamese and Greek) are letters of words,
 * a unit per word as in Latin text. Combining marks (Thai vowels and
 * tones, Indic vowel signs and viramas) count nothing of their own. */
static enum letter_kind letter_kind(unsigned cp)
{
    utf8proc_category_t cat = utf8proc_category((utf8proc_int32_t)cp);
    if (cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC || cat == UTF8PROC_CATEGORY_ME)
        return LK_MARK;
    if (!(cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) &&
        !(cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO))
        return LK_OTHER;
    if ((cp >= 0x0E00 && cp <= 0x0FFF) || (cp >= 0x1000 && cp <= 0x109F) ||
        (cp >= 0x1780 && cp <= 0x17FF) || (cp >= 0xA000 && cp <= 0xA4CF))
        return LK_SYLLABLE;
    return LK_WORD;
}

/* The full stops of those scripts: Devanagari's danda and double danda
 * (most Indic scripts use them), Tibetan's shad, Myanmar's section
 * marks, Ethiopic's full stop, Khmer's khan. */
static int is_full_stop(unsigned cp)
{
    return cp == 0x0964 || cp == 0x0965 || cp == 0x0F0D || cp == 0x104A || cp == 0x104B ||
           cp == 0x1362 || cp == 0x17D4;
}

void dom_text_stats(const char *text, size_t len, struct dom_text_stats *st)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t units = 0, punct = 0;
    int wide = 0, in_word = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = s[i];
        unsigned char k = ts_class[c];
        if ((k & TS_SCRIPT) && i + 2 < len &&
            (ts_class[s[i + 1]] & TS_CONT) && (ts_class[s[i + 2]] & TS_CONT)) {
            unsigned cp = (unsigned)(c & 0x0F) << 12 | (unsigned)(s[i + 1] & 0x3F) << 6 |
                          (unsigned)(s[i + 2] & 0x3F);
            switch (letter_kind(cp)) {
            case LK_WORD:
                units += !in_word;
                in_word = 1;
                break;
            case LK_MARK: /* part of the word or syllable before it */
                break;
            case LK_SYLLABLE:
                units++;
                in_word = 0;
                break;
            default:
                punct += is_full_stop(cp);
                in_word = 0;
            }
            i += 2;
            continue;
        }
        if (in_word && !(k & TS_RUN))
            in_word = 0;
        if (!in_word && (k & TS_START)) {
            units++;
            in_word = 1;
            continue; /* a word's first byte starts nothing else */
        }
        if (k & TS_CONT)
            continue; /* the rest start nothing either */
        if (k & TS_PUNCT) {
            punct++;
        } else if (c == '.') {
            if (i + 1 < len && (ts_class[s[i + 1]] & TS_SPACE))
                punct++;
        } else if ((k & TS_LEAD) && i + 2 < len && (ts_class[s[i + 1]] & TS_CONT) &&
                   (ts_class[s[i + 2]] & TS_CONT)) {
            units++;
            if (c == 0xE3 && s[i + 1] == 0x80) {
                unsigned char x = s[i + 2];
                if (x == 0x81 || x == 0x82)
                    punct++; /* 、 。 */
                else if (x == 0x80)
                    wide = 1; /* the ideographic space */
            }
            i += 2; /* its continuation bytes start nothing (in_word is 0) */
        } else if (c == 0xEF && i + 2 < len) {
            unsigned char b = s[i + 1], x = s[i + 2];
            if (b == 0xBC && (x == 0x8C || x == 0x9B || x == 0x81 || x == 0x9F))
                punct++; /* ， ； ！ ？ */
            else if (b == 0xBC && (x == 0x9A || x == 0x88 || x == 0x89 || x == 0x8F))
                wide = 1; /* ： （ ） ／ */
            else if (b == 0xBD && x == 0x9C)
                wide = 1; /* ｜ */
        }
    }
    st->units = units;
    st->punct = punct;
    st->wide = wide;
}

/* The folds were three gsubs in turn; no replacement (one ASCII byte) can
 * join bytes into a new match and no two sequences can overlap, so one
 * left-to-right pass gives the same bytes. */
size_t dom_text_fold(const char *text, size_t len, char *out)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t from = 0, n = 0; /* bytes before FROM are copied, N written */
    for (size_t i = 0; i + 2 < len; i++) {
#ifdef __SSE2__
        /* sixteen bytes at a time to the next 0xEF or 0xE3, the lead
         * bytes of every form folded */
        const __m128i ef = _mm_set1_epi8((char)0xEF), e3 = _mm_set1_epi8((char)0xE3);
        while (i + 16 <= len) {
            __m128i x = _mm_loadu_si128((const __m128i *)(s + i));
            unsigned mask = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(x, ef), _mm_cmpeq_epi8(x, e3)));
            if (mask != 0) {
                i += (size_t)__builtin_ctz(mask);
                break;
            }
            i += 16;
        }
        if (i + 2 >= len)
            break;
#endif
        char c = 0;
        if (s[i] == 0xEF && s[i + 1] == 0xBC) {
            unsigned char k = s[i + 2];
            c = k == 0x9A ? ':' : k == 0x88 ? '(' : k == 0x89 ? ')' : k == 0x8F ? '/' : 0;
        } else if (s[i] == 0xEF && s[i + 1] == 0xBD && s[i + 2] == 0x9C) {
            c = '|';
        } else if (s[i] == 0xE3 && s[i + 1] == 0x80 && s[i + 2] == 0x80) {
            c = ' ';
        }
        if (c) {
            memcpy(out + n, text + from, i - from);
            n += i - from;
            out[n++] = c;
            i += 2;
            from = i + 1;
        }
    }
    memcpy(out + n, text + from, len - from);
    return n + len - from;
}

/* ---- links ------------------------------------------------------------ */

void dom_each_link(xmlNodePtr node, void (*fn)(void *ud, xmlNodePtr n), void *ud)
{
    for (xmlNodePtr n = node; n != NULL;) {
        int element = n->type == XML_ELEMENT_NODE;
        if (element && n->ns == NULL && n->name[0] == 'a' && n->name[1] == '\0')
            fn(ud, n);
        else if (element && n != node && n->ns == NULL && dom_name_eq((const char *)n->name, "img"))
            fn(ud, n);
        n = walk_next(node, n, element || n == node, NULL, NULL);
    }
}

int dom_is_url_text(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && dom_is_lua_space((unsigned char)s[i]))
        i++;
    s += i;
    len -= i;
    if (len >= 4 && memcmp(s, "www.", 4) == 0)
        return 1;
    if (len < 4 || memcmp(s, "http", 4) != 0)
        return 0;
    s += 4;
    len -= 4;
    if (len > 0 && s[0] == 's')
        s++, len--;
    return len >= 3 && memcmp(s, "://", 3) == 0;
}

/* ---- JSON ------------------------------------------------------------- */

/* The escape of each byte after its backslash ('u' for \u00XX), or 0
 * when it stands for itself: control bytes, '"', '\\' and DEL. */
static const char json_escapes[256] = {
    'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'b', 't', 'n', 'u', 'f', 'r', 'u', 'u',
    'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u',
    ['"'] = '"', ['\\'] = '\\', [0x7F] = 'u',
};

/* Whether one of the 8 bytes of X needs an escape: a control byte (under
 * 0x20), '"', '\\' or DEL. The classic word tests ("has a zero byte",
 * "has a byte less than n") are exact as yes/no answers. */
static int word_needs_escape(uint64_t x)
{
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    uint64_t q = x ^ (ones * '"'), b = x ^ (ones * '\\'), d = x ^ (ones * 0x7F);
    uint64_t any = ((x - ones * 0x20) & ~x) | ((q - ones) & ~q) | ((b - ones) & ~b) | ((d - ones) & ~d);
    return (any & highs) != 0;
}

const char *dom_find_bytes(const char *s, size_t len, const char *needle, size_t n)
{
    if (n == 0)
        return s ? s : "";
    if (n > len)
        return NULL;
    const unsigned char first = (unsigned char)needle[0], last = (unsigned char)needle[n - 1];
    const size_t end = len - n; /* the last place a match can start */
#ifdef __SSE2__
    /* sixteen places at a time: those where both the needle's first and
     * last bytes are in place, each then compared whole; the last sixteen
     * end at END, overlapping places that did not match before */
    if (end >= 15) {
        const __m128i f = _mm_set1_epi8((char)first), l = _mm_set1_epi8((char)last);
        for (size_t i = 0;; i += 16) {
            if (i > end - 15)
                i = end - 15;
            __m128i a = _mm_loadu_si128((const __m128i *)(s + i));
            __m128i b = _mm_loadu_si128((const __m128i *)(s + i + n - 1));
            unsigned mask = (unsigned)_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, f), _mm_cmpeq_epi8(b, l)));
            for (; mask != 0; mask &= mask - 1) {
                size_t at = i + (size_t)__builtin_ctz(mask);
                if (memcmp(s + at + 1, needle + 1, n - 1) == 0)
                    return s + at;
            }
            if (i == end - 15)
                return NULL;
        }
    }
#endif
    for (size_t i = 0; i <= end; i++)
        if ((unsigned char)s[i] == first && (unsigned char)s[i + n - 1] == last &&
            memcmp(s + i + 1, needle + 1, n - 1) == 0)
            return s + i;
    return NULL;
}

/* The offset of the first byte from I on that needs an escape, or LEN:
 * eight bytes at a time while none does. */
static size_t next_escape(const unsigned char *s, size_t i, size_t len)
{
#ifdef __SSE2__
    /* sixteen bytes at a time: any control byte (as signed, from 0 up to
     * 0x1F), '"', '\\' or DEL */
    const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\'),
                  del = _mm_set1_epi8(0x7F), space = _mm_set1_epi8(0x20), zero = _mm_setzero_si128();
    while (i + 16 <= len) {
        __m128i x = _mm_loadu_si128((const __m128i *)(s + i));
        /* bytes under 0x20 and at least 0 as signed: the control bytes */
        __m128i ctl = _mm_and_si128(_mm_cmplt_epi8(x, space), _mm_cmpgt_epi8(x, _mm_sub_epi8(zero, _mm_set1_epi8(1))));
        __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, backslash)),
                                   _mm_or_si128(_mm_cmpeq_epi8(x, del), ctl));
        int mask = _mm_movemask_epi8(hit);
        if (mask != 0)
            return i + (size_t)__builtin_ctz((unsigned)mask);
        i += 16;
    }
#endif
    while (i + 8 <= len) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        if (word_needs_escape(x))
            break;
        i += 8;
    }
    while (i < len && json_escapes[s[i]] == 0)
        i++;
    return i;
}

/* Runs of bytes that need no escape (nearly all of them) are copied
 * whole, in one pass that writes while the result fits. */
size_t dom_json_quote(const char *text, size_t len, char *out, size_t cap)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *s = (const unsigned char *)text;
    int fits = cap >= 1;
    size_t n = 1, from = 0;
    if (fits)
        out[0] = '"';
    for (size_t i = next_escape(s, 0, len); i < len; i = next_escape(s, i + 1, len)) {
        char e = json_escapes[s[i]];
        size_t add = i - from + (e == 'u' ? 6 : 2);
        fits = fits && n + add <= cap;
        if (fits) {
            memcpy(out + n, text + from, i - from);
            char *p = out + n + (i - from);
            p[0] = '\\';
            p[1] = e;
            if (e == 'u') {
                p[2] = '0';
                p[3] = '0';
                p[4] = hex[s[i] >> 4];
                p[5] = hex[s[i] & 15];
            }
        }
        n += add;
        from = i + 1;
    }
    size_t add = len - from + 1;
    if (fits && n + add <= cap) {
        memcpy(out + n, text + from, len - from);
        out[n + add - 1] = '"';
    }
    return n + add;
}

/* ---- children --------------------------------------------------------- */

int dom_any_child(xmlNodePtr node, int (*is)(void *ud, const xmlChar *tag), void *ud)
{
    for (xmlNodePtr c = node->children; c != NULL; c = c->next)
        if (c->type == XML_ELEMENT_NODE && is(ud, c->name))
            return 1;
    return 0;
}
