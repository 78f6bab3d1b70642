/* HTML documents over libxml2: parsing with quiet, recoverable options,
 * block-aware visible text, Markdown rendering, serialization, and tree
 * edits that never free a node something may still point at (removed nodes
 * wait in a "trash" list until the document is released). Plain C, no Lua. */
#ifndef QUIRE_DOM_H
#define QUIRE_DOM_H

#include <stddef.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

/* A growable byte buffer. The owner frees it with dom_buf_free; after a
 * failed allocation OOM is set and further appends are dropped. */
struct dom_buf {
    char *data;
    size_t len, cap;
    int oom;
};

void dom_buf_free(struct dom_buf *b);
/* Appends N bytes of S (kept NUL-terminated); on failure sets oom. The
 * usual case, room enough, is inline: the walks append in small pieces. */
void dom_buf_add_grow(struct dom_buf *b, const char *s, size_t n);
/* Room for N more bytes (and the NUL) in B: 0, or -1 with oom set. */
int dom_buf_reserve(struct dom_buf *b, size_t n);
static inline void dom_buf_add(struct dom_buf *b, const char *s, size_t n)
{
    if (!b->oom && b->len + n + 1 <= b->cap) {
        memcpy(b->data + b->len, s, n);
        b->len += n;
        b->data[b->len] = '\0';
        return;
    }
    dom_buf_add_grow(b, s, n);
}
void dom_buf_addstr(struct dom_buf *b, const char *s);

/* Lua's %s: ASCII white space (space, \t \n \v \f \r). */
static inline int dom_is_lua_space(unsigned char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

/* Whether names A and B (NUL-terminated: tags, attributes) are equal.
 * They are short and mostly differ at the first byte: inline, this costs
 * less than a call to strcmp, which took 2% of quire clean's time. */
static inline int dom_name_eq(const char *a, const char *b)
{
    while (*a != '\0' && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

/* Nodes unlinked from a document but perhaps still referred to: freed with
 * the document by dom_trash_free. */
struct dom_trash {
    xmlNodePtr *nodes;
    size_t len, cap;
};

/* The parse options quire uses: recover, no network, no error output. */
#define DOM_PARSE_OPTIONS \
    (HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET)

/* Parses LEN bytes of UTF-8 HTML. Never NULL unless out of memory: empty
 * input gives an empty document. When ERRORS is not NULL, each parse
 * problem is appended to it as "line N: message\n". */
xmlDocPtr dom_parse(const char *html, size_t len, struct dom_buf *errors);

/* Frees DOC and every node in TRASH; the trash list is emptied. */
void dom_free(xmlDocPtr doc, struct dom_trash *trash);

/* Visible text of NODE into OUT (appended): block elements become line
 * breaks, whitespace collapses (and disappears at a line break between two
 * CJK characters), lines are trimmed of ASCII, no-break and ideographic
 * spaces, script/style/comments are skipped, <pre> keeps its whitespace. */
void dom_text(xmlNodePtr node, struct dom_buf *out);

/* The text of sibling nodes NODES[0..COUNT) read as one: white space
 * between them collapses as it would inside their parent, so "lead " and
 * <b>bold</b> give "lead bold". */
void dom_text_run(xmlNodePtr const *nodes, size_t count, struct dom_buf *out);

/* The plain concatenation of the text below NODE into OUT. */
void dom_raw_text(xmlNodePtr node, struct dom_buf *out);

/* NODE as Markdown into OUT; TMP[0] and TMP[1] are scratch space. */
void dom_markdown(xmlNodePtr node, struct dom_buf *out, struct dom_buf tmp[2]);

/* Appends the LEN bytes at S to OUT with & < > " as HTML entities (the
 * cleaner's escape_html). */
void dom_buf_add_escaped(struct dom_buf *out, const char *s, size_t len);

/* Serializes NODE (OUTER: itself, else only its children) as HTML into OUT. */
void dom_html(xmlDocPtr doc, xmlNodePtr node, int outer, struct dom_buf *out);

/* The same bytes by libxml2's writer (htmlNodeDumpFormatOutput), and by
 * quire's direct one, which returns -1 (OUT as it was) for a node it
 * leaves to libxml2's: namespaces, entities, CDATA, control bytes, very
 * deep trees. dom_html tries the direct writer first. */
void dom_html_libxml2(xmlDocPtr doc, xmlNodePtr node, int outer, struct dom_buf *out);
int dom_html_direct(xmlNodePtr node, int outer, struct dom_buf *out);

/* Parses a fragment of HTML in DOC's context into new unlinked nodes, put
 * in TRASH (so they are owned until linked). Returns the first of the
 * chain of siblings (or NULL for an empty fragment); they stay linked to
 * each other via next/prev with no parent. Sets *OOM on allocation failure. */
xmlNodePtr dom_fragment(xmlDocPtr doc, const char *html, size_t len, struct dom_trash *trash, int *oom);

/* Tree edits. All return 0, or -1 when out of memory (before any change). */

/* Unlinks NODE and keeps it in TRASH. */
int dom_remove(xmlNodePtr node, struct dom_trash *trash);
/* Moves NODE's children to where NODE is, then removes NODE. */
int dom_unwrap(xmlNodePtr node, struct dom_trash *trash);
/* Links the unlinked or linked node NEW as PARENT's last child (before
 * BEFORE when it is not NULL); NEW leaves TRASH if it was there. Adjacent
 * text nodes are not merged, so no node is freed. */
int dom_insert(xmlNodePtr parent, xmlNodePtr before, xmlNodePtr node, struct dom_trash *trash);
/* Replaces NODE's children by one text node holding TEXT. */
int dom_set_text(xmlNodePtr node, const char *text, size_t len, struct dom_trash *trash);
/* Whether ANC is NODE or one of its ancestors. */
int dom_contains(xmlNodePtr anc, xmlNodePtr node);

/* Measures of a block's text for the cleaner's scoring, counted exactly as
 * the Lua patterns they replace (lua/quire/clean.lua) count them. */
struct dom_text_stats {
    size_t units; /* CJK characters (3-byte sequences led by E3..E9) plus words */
    size_t punct; /* , ; ! ? and their full-width cousins, 、 。 and ". " */
    int wide;     /* holds a full-width ： ｜ （ ） ／ or an ideographic space */
};

/* Measures the LEN bytes at S into ST in a few byte loops. */
void dom_text_stats(const char *s, size_t len, struct dom_text_stats *st);

/* The first place the N bytes at NEEDLE occur in the LEN bytes at S, or
 * NULL: memmem for the short texts and needles of the line rules, where
 * memmem's setup costs more than the search. */
const char *dom_find_bytes(const char *s, size_t len, const char *needle, size_t n);

/* Copies the LEN bytes at S to OUT with full-width ： ｜ （ ） ／ and the
 * ideographic space as ASCII : | ( ) / and space, so line patterns written
 * with ':' match both forms. OUT holds LEN bytes (folding only shrinks);
 * returns how many were written. */
size_t dom_text_fold(const char *s, size_t len, char *out);

/* Calls FN(UD, N) for each <a> at or below NODE and each <img> below it,
 * in document order: what the XPath "descendant-or-self::a|.//img"
 * selects, without building a node set. */
void dom_each_link(xmlNodePtr node, void (*fn)(void *ud, xmlNodePtr n), void *ud);

/* Whether link text S reads as a bare address: optional ASCII white space,
 * then http://, https:// or www. (the Lua patterns ^%s*https?:// and
 * ^%s*www%.). */
int dom_is_url_text(const char *s, size_t len);

/* S as a JSON string, quotes included, escaped as lua-cjson 2.1.0 escapes
 * (\" \\ \b \t \n \f \r, \u00XX for other control bytes and DEL) except
 * that '/' stays as it is. Returns the length; the bytes are written to
 * OUT when they fit in CAP (else what OUT holds is of no use, and a
 * second call with room for the length writes them). */
size_t dom_json_quote(const char *s, size_t len, char *out, size_t cap);

/* Whether some element child of NODE has a tag IS(UD, tag) accepts. */
int dom_any_child(xmlNodePtr node, int (*is)(void *ud, const xmlChar *tag), void *ud);

/* Block-level for text and Markdown purposes (p, div, li, h1, tr, ...). */
int dom_is_block(const xmlChar *tag);

#endif
