/* See article.h. */
#define _GNU_SOURCE /* memmem */
#include "article.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ustr.h"

const char *const art_kind_names[AK_N] = {"para", "heading", "list", "quote", "image", "table", "code"};

void art_reset(struct article *art)
{
    art->bytes.len = 0;
    art->nblocks = art->nshadows = art->nlinks = art->nitems = art->nnodes = 0;
    art->oom = 0;
}

void art_free(struct article *art)
{
    dom_buf_free(&art->bytes);
    free(art->blocks);
    free(art->shadows);
    free(art->links);
    free(art->items);
    free(art->nodes);
    memset(art, 0, sizeof *art);
}

/* ARRAY (N elements of SIZE bytes used, *CAP held) with room for one
 * more: itself, or moved; NULL when out of memory (ARRAY stays). */
static void *grow(struct article *art, void *array, size_t n, size_t *cap, size_t size)
{
    if (n < *cap)
        return array;
    size_t c = *cap ? *cap * 2 : 64;
    void *p = realloc(array, c * size);
    if (p == NULL) {
        art->oom = 1;
        return NULL;
    }
    *cap = c;
    return p;
}

struct art_str art_add_str(struct article *art, const char *s, size_t len)
{
    struct art_str str = {art->bytes.len, len, 1};
    dom_buf_add(&art->bytes, s ? s : "", len);
    if (art->bytes.oom)
        art->oom = 1;
    return str;
}

const char *art_bytes(const struct article *art, struct art_str str)
{
    return str.set && art->bytes.data ? art->bytes.data + str.off : "";
}

long art_add_block(struct article *art, int kind, struct art_str text, int sh)
{
    struct art_block *blocks = grow(art, art->blocks, art->nblocks, &art->cap_blocks, sizeof *blocks);
    if (blocks == NULL)
        return -1;
    art->blocks = blocks;
    struct art_block *b = &art->blocks[art->nblocks];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    b->text = text;
    b->sh = sh;
    b->ordered = -1;
    b->ld_int = 1; /* ld = 0 */
    return (long)art->nblocks++;
}

long art_add_shadow(struct article *art, int parent, struct art_str tag, int idx, int depth,
                    xmlNodePtr node)
{
    struct art_shadow *shadows = grow(art, art->shadows, art->nshadows, &art->cap_shadows, sizeof *shadows);
    if (shadows == NULL)
        return -1;
    art->shadows = shadows;
    struct art_shadow *s = &art->shadows[art->nshadows];
    memset(s, 0, sizeof *s);
    s->parent = parent;
    s->tag = tag;
    s->idx = idx;
    s->depth = depth;
    s->node = node;
    return (long)art->nshadows++;
}

int art_add_link(struct article *art, struct art_str href, struct art_str text)
{
    struct art_link *links = grow(art, art->links, art->nlinks, &art->cap_links, sizeof *links);
    if (links == NULL)
        return -1;
    art->links = links;
    art->links[art->nlinks++] = (struct art_link){href, text};
    return 0;
}

int art_add_item(struct article *art, struct art_str item)
{
    struct art_str *items = grow(art, art->items, art->nitems, &art->cap_items, sizeof *items);
    if (items == NULL)
        return -1;
    art->items = items;
    art->items[art->nitems++] = item;
    return 0;
}

int art_add_node(struct article *art, xmlNodePtr node)
{
    xmlNodePtr *nodes = grow(art, art->nodes, art->nnodes, &art->cap_nodes, sizeof *nodes);
    if (nodes == NULL)
        return -1;
    art->nodes = nodes;
    art->nodes[art->nnodes++] = node;
    return 0;
}

/* ---- choosing the main content ----------------------------------------- */

double art_good_total(const struct article *art)
{
    double total = 0;
    for (size_t i = 0; i < art->nblocks; i++)
        total = total + art->blocks[i].good;
    return total;
}

int art_choose_main(struct article *art)
{
    /* the best container by decayed score, class words weighing in; the
     * shadows in the order the blocks reach them, first best kept */
    size_t ns = art->nshadows;
    char *seen = calloc(ns ? ns : 1, 2);
    if (seen == NULL)
        return -1;
    char *keep = seen + ns;
    long best = -1;
    double best_s = 0;
    for (size_t i = 0; i < art->nblocks; i++) {
        for (int sh = art->blocks[i].sh; sh >= 0 && !seen[sh]; sh = art->shadows[sh].parent) {
            seen[sh] = 1;
            const struct art_shadow *s = &art->shadows[sh];
            double v = s->S;
            if (s->hint == AH_POSITIVE)
                v = v * 1.25;
            else if (s->hint == AH_WEAK)
                v = v * 0.8;
            if (best < 0 || v > best_s) {
                best = sh;
                best_s = v;
            }
        }
    }
    if (best < 0) {
        free(seen);
        return 0;
    }
    /* an ancestor holding much more good text is the article */
    long cur = best;
    for (int a = art->shadows[cur].parent; a >= 0; a = art->shadows[a].parent)
        if (art->shadows[a].T >= 1.4 * art->shadows[cur].T)
            cur = a;
    keep[cur] = 1;
    /* siblings with a fair share of good text join it */
    int parent = art->shadows[cur].parent;
    if (parent >= 0) {
        double floor = 0.3 * art->shadows[cur].T;
        if (floor < 10)
            floor = 10;
        for (size_t sh = 0; sh < ns; sh++)
            if (seen[sh] && art->shadows[sh].parent == parent && (long)sh != cur &&
                art->shadows[sh].T >= floor)
                keep[sh] = 1;
    }
    for (size_t i = 0; i < art->nblocks; i++) {
        int inside = 0;
        for (int sh = art->blocks[i].sh; sh >= 0 && !inside; sh = art->shadows[sh].parent)
            inside = keep[sh];
        if (!inside)
            art->blocks[i].out = "generic:outside-main";
    }
    free(seen);
    return 0;
}

/* ---- pull quotes and titles --------------------------------------------- */

/* Quotation marks unquote() strips, in its order. */
static const char *const quote_marks[] = {"\"", "'", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x98",
                                          "\xE2\x80\x99", "\xE3\x80\x8C", "\xE3\x80\x8D", "\xE3\x80\x8E",
                                          "\xE3\x80\x8F", "\xC2\xAB", "\xC2\xBB"};

int art_repeated(const struct article *art, const struct art_block *q, struct dom_buf *prose,
                 int *prose_made)
{
    if (q->units < 5 || q->units > 80)
        return 0;
    const char *s = art_bytes(art, q->text);
    size_t from, to;
    ustr_trim(s, q->text.len, &from, &to);
    s += from;
    size_t n = to - from;
    for (size_t m = 0; m < sizeof quote_marks / sizeof *quote_marks; m++) {
        size_t ml = strlen(quote_marks[m]);
        if (n >= ml && memcmp(s, quote_marks[m], ml) == 0) {
            s += ml;
            n -= ml;
        }
        if (n >= ml && memcmp(s + n - ml, quote_marks[m], ml) == 0)
            n -= ml;
    }
    ustr_trim(s, n, &from, &to);
    s += from;
    n = to - from;
    if (n < 20)
        return 0;
    if (!*prose_made) {
        prose->len = 0;
        int first = 1;
        for (size_t i = 0; i < art->nblocks; i++) {
            const struct art_block *b = &art->blocks[i];
            if (!b->kept || b->kind == AK_QUOTE)
                continue;
            if (!first)
                dom_buf_add(prose, "", 1); /* the NUL between texts */
            dom_buf_add(prose, art_bytes(art, b->text), b->text.len);
            first = 0;
        }
        *prose_made = 1;
    }
    return prose->len >= n && memmem(prose->data ? prose->data : "", prose->len, s, n) != NULL;
}

/* S without ASCII white space (Lua's %s), appended to OUT. */
static void add_unspaced(struct dom_buf *out, const char *s, size_t len)
{
    size_t from = 0;
    for (size_t i = 0; i < len; i++) {
        if (dom_is_lua_space((unsigned char)s[i])) {
            dom_buf_add(out, s + from, i - from);
            from = i + 1;
        }
    }
    dom_buf_add(out, s + from, len - from);
}

int art_title_like(const char *text, size_t tlen, const char *title, size_t titlelen,
                   struct dom_buf *scratch)
{
    if (title == NULL || titlelen == 0)
        return 0;
    scratch->len = 0;
    add_unspaced(scratch, text, tlen);
    size_t a = scratch->len;
    add_unspaced(scratch, title, titlelen);
    if (scratch->oom)
        return 0;
    size_t t = scratch->len - a;
    const char *p = scratch->data;
    if (a == t && memcmp(p, p + a, a) == 0)
        return 1;
    return a >= 8 && t >= a && memcmp(p + a, p, a) == 0;
}

/* ---- the JSON line ------------------------------------------------------ */

void art_block_html(const struct article *art, xmlDocPtr doc, const struct art_block *b,
                    struct dom_buf *out)
{
    if (b->html.set) {
        dom_buf_add(out, art_bytes(art, b->html), b->html.len);
    } else if (b->kind == AK_IMAGE) {
        dom_buf_addstr(out, "<figure><img src=\"");
        dom_buf_add_escaped(out, art_bytes(art, b->src), b->src.len);
        dom_buf_addstr(out, "\" alt=\"");
        dom_buf_add_escaped(out, art_bytes(art, b->alt), b->alt.len);
        dom_buf_addstr(out, "\">");
        if (b->caption.set) {
            dom_buf_addstr(out, "<figcaption>");
            dom_buf_add_escaped(out, art_bytes(art, b->caption), b->caption.len);
            dom_buf_addstr(out, "</figcaption>");
        }
        dom_buf_addstr(out, "</figure>");
    } else if (b->node != NULL) {
        dom_html(doc, b->node, 1, out);
    } else {
        dom_buf_addstr(out, "<p>");
        dom_buf_add_escaped(out, art_bytes(art, b->text), b->text.len);
        dom_buf_addstr(out, "</p>");
    }
}

/* Appends S as a JSON string to OUT, quoted in place. */
static void add_quoted(struct dom_buf *out, const char *s, size_t len)
{
    size_t room = len + len / 8 + 16;
    if (dom_buf_reserve(out, room) != 0)
        return;
    size_t q = dom_json_quote(s, len, out->data + out->len, room);
    if (q > room) {
        if (dom_buf_reserve(out, q) != 0)
            return;
        dom_json_quote(s, len, out->data + out->len, q);
    }
    out->len += q;
    out->data[out->len] = '\0';
}

void art_jsonl(const struct article *art, xmlDocPtr doc, const char *head, size_t hlen,
               struct dom_buf *out, struct dom_buf *scratch, struct dom_buf *quoted)
{
    /* each kept block's text quoted once, into QUOTED: the record's text
     * (the texts joined by blank lines) and the blocks' texts are the same
     * bytes, and escaping goes byte by byte, so the joined text's escape
     * is the texts' escapes joined by \n\n. The offsets of each escape
     * (without its quotes) follow in SCRATCH. */
    quoted->len = 0;
    scratch->len = 0;
    for (size_t i = 0; i < art->nblocks; i++) {
        const struct art_block *b = &art->blocks[i];
        if (!b->kept)
            continue;
        size_t from = quoted->len;
        add_quoted(quoted, art_bytes(art, b->text), b->text.len);
        size_t span[2] = {from + 1, quoted->len - 1}; /* the escape, quotes left out */
        dom_buf_add(scratch, (const char *)span, sizeof span);
    }
    if (quoted->oom || scratch->oom) {
        out->oom = 1;
        return;
    }
    size_t nspans = scratch->len / (2 * sizeof(size_t)), k;
    const char *q = quoted->data ? quoted->data : "";
    dom_buf_add(out, head, hlen);
    dom_buf_add(out, "\"", 1);
    int any = 0;
    for (k = 0; k < nspans; k++) {
        size_t span[2];
        memcpy(span, scratch->data + k * sizeof span, sizeof span);
        if (span[1] == span[0])
            continue; /* an empty text joins nothing */
        if (any)
            dom_buf_add(out, "\\n\\n", 4);
        dom_buf_add(out, q + span[0], span[1] - span[0]);
        any = 1;
    }
    dom_buf_add(out, "\"", 1);
    dom_buf_addstr(out, ",\"blocks\":[");
    k = 0;
    struct dom_buf html = {0};
    for (size_t i = 0; i < art->nblocks; i++) {
        const struct art_block *b = &art->blocks[i];
        if (!b->kept)
            continue;
        size_t span[2];
        memcpy(span, scratch->data + k * sizeof span, sizeof span);
        dom_buf_addstr(out, k == 0 ? "{\"kind\":" : ",{\"kind\":");
        k++;
        const char *kind = art_kind_names[b->kind];
        add_quoted(out, kind, strlen(kind));
        if (b->level > 0) {
            char num[32];
            snprintf(num, sizeof num, ",\"level\":%d", b->level);
            dom_buf_addstr(out, num);
        }
        dom_buf_addstr(out, ",\"text\":\"");
        dom_buf_add(out, q + span[0], span[1] - span[0]);
        dom_buf_add(out, "\"", 1);
        if (b->has_items) {
            dom_buf_addstr(out, ",\"items\":[");
            for (size_t j = 0; j < b->nitems; j++) {
                struct art_str it = art->items[b->items + j];
                if (j > 0)
                    dom_buf_add(out, ",", 1);
                add_quoted(out, art_bytes(art, it), it.len);
            }
            dom_buf_add(out, "]", 1);
            if (b->ordered >= 0)
                dom_buf_addstr(out, b->ordered ? ",\"ordered\":true" : ",\"ordered\":false");
        }
        if (b->kind == AK_IMAGE) {
            if (b->src.set) {
                dom_buf_addstr(out, ",\"src\":");
                add_quoted(out, art_bytes(art, b->src), b->src.len);
            }
            if (b->alt.set) {
                dom_buf_addstr(out, ",\"alt\":");
                add_quoted(out, art_bytes(art, b->alt), b->alt.len);
            }
            if (b->caption.set) {
                dom_buf_addstr(out, ",\"caption\":");
                add_quoted(out, art_bytes(art, b->caption), b->caption.len);
            }
        }
        dom_buf_addstr(out, ",\"html\":");
        if (b->html.set) {
            add_quoted(out, art_bytes(art, b->html), b->html.len);
        } else {
            html.len = 0;
            art_block_html(art, doc, b, &html);
            add_quoted(out, html.data ? html.data : "", html.len);
            if (html.oom)
                out->oom = 1;
        }
        dom_buf_add(out, "}", 1);
    }
    dom_buf_free(&html);
    dom_buf_addstr(out, "]}\n");
}

int art_shadow_within(const struct article *art, int sh, int box)
{
    for (; sh >= 0; sh = art->shadows[sh].parent)
        if (sh == box)
            return 1;
    return 0;
}

int art_related_box(const struct article *art, size_t opener)
{
    size_t next = opener + 1;
    while (next < art->nblocks && art->blocks[next].out)
        next++;
    if (next >= art->nblocks)
        return -1;
    /* the innermost container holding the opener and the block after it */
    int box = art->blocks[opener].sh;
    while (box >= 0 && !art_shadow_within(art, art->blocks[next].sh, box))
        box = art->shadows[box].parent;
    if (box < 0)
        return -1;
    long in_box = 0, all = 0;
    for (size_t i = 0; i < art->nblocks; i++) {
        const struct art_block *b = &art->blocks[i];
        if (b->out)
            continue;
        all += b->units;
        if (art_shadow_within(art, b->sh, box))
            in_box += b->units;
    }
    return in_box * 3 <= all ? box : -1;
}
