/* The blocks of one cleaning as plain C: what the cleaner's walk
 * (node:clean_blocks in src/lua_dom.c) makes of a document, kept in arrays
 * and an arena of bytes instead of a Lua table per block, so choosing the
 * main content, the pass of line rules and writing the JSON line need no
 * Lua values; a block becomes a Lua table only when Lua code must see it
 * (a rule's pattern may match its text, or quire.clean returns it).
 * lua/quire/clean.lua describes the fields. Plain C, no Lua. */
#ifndef QUIRE_ARTICLE_H
#define QUIRE_ARTICLE_H

#include <stddef.h>

#include <libxml/tree.h>

#include "dom.h"

enum art_kind { AK_PARA, AK_HEADING, AK_LIST, AK_QUOTE, AK_IMAGE, AK_TABLE, AK_CODE, AK_N };

/* "para", "heading", ... by enum art_kind. */
extern const char *const art_kind_names[AK_N];

/* Bytes [off, off + len) of the article's arena; none when !set. */
struct art_str {
    size_t off, len;
    int set;
};

struct art_link {
    struct art_str href, text;
};

/* A container the walk went into (a shadow): the good text below it. */
struct art_shadow {
    int parent;            /* index, -1 for none */
    struct art_str tag, path;
    int idx, depth;
    xmlNodePtr node;
    double T, S;           /* sums of good; integer 0 until something is added */
    int added;
    int hint;              /* enum art_hint */
};

enum art_hint { AH_NONE, AH_STRONG, AH_POSITIVE, AH_WEAK };

struct art_block {
    int kind;
    int level;             /* headings 1..6, else 0 */
    int split;             /* a line of a paragraph split at line breaks */
    int ordered;           /* lists: -1 none (no items), 0 or 1 */
    struct art_str text, html, path, src, alt, caption;
    xmlNodePtr node;       /* NULL: none */
    size_t nodes, nnodes;  /* a run's nodes: art->nodes[nodes..+nnodes); nnodes 0: none */
    size_t links, nlinks;  /* art->links[links..+nlinks) */
    size_t items, nitems;  /* list items: art->items[items..+nitems) */
    int has_items;
    double ld;
    int ld_int;            /* ld is the integer 0 or 1 (else a float) */
    long units, punct;
    int wide, measured;    /* measured: text is what units, punct, wide measured */
    double good;           /* 0 is the integer 0 */
    int sh;                /* its shadow */
    const char *out;       /* the rule that removed it, or NULL (static or arena-free text) */
    int ref;               /* after a references opener */
    int kept;
};

struct article {
    struct dom_buf bytes;  /* every string's bytes */
    struct art_block *blocks;
    size_t nblocks, cap_blocks;
    struct art_shadow *shadows;
    size_t nshadows, cap_shadows;
    struct art_link *links;
    size_t nlinks, cap_links;
    struct art_str *items;
    size_t nitems, cap_items;
    xmlNodePtr *nodes;
    size_t nnodes, cap_nodes;
    int oom;
};

/* Whether shadow SH is BOX or inside it. */
int art_shadow_within(const struct article *art, int sh, int box);
/* The box of a related opener, block OPENER: the innermost container
 * holding it and the next block still in, when that holds at most a
 * third of the article's units (a related box with its titles and their
 * summaries, ITmedia's 関連記事); else -1 (the opener sits in the
 * article's own container, as a "Read more:" line does). */
int art_related_box(const struct article *art, size_t opener);

/* Empties ART for a new cleaning, keeping its memory. */
void art_reset(struct article *art);
/* Frees ART's memory. */
void art_free(struct article *art);

/* Copies LEN bytes at S into the arena. */
struct art_str art_add_str(struct article *art, const char *s, size_t len);
/* The bytes of STR (valid until the arena grows). */
const char *art_bytes(const struct article *art, struct art_str str);

/* A new block of KIND in shadow SH with text TEXT: its index, or -1 when
 * out of memory. Its other fields are empty (ordered -1). */
long art_add_block(struct article *art, int kind, struct art_str text, int sh);
/* A new shadow: its index, or -1. T and S start at 0. */
long art_add_shadow(struct article *art, int parent, struct art_str tag, int idx, int depth,
                    xmlNodePtr node);
/* Appends a link, an item, a node; 0, or -1 when out of memory. */
int art_add_link(struct article *art, struct art_str href, struct art_str text);
int art_add_item(struct article *art, struct art_str item);
int art_add_node(struct article *art, xmlNodePtr node);

/* The sum of the blocks' good, in block order. */
double art_good_total(const struct article *art);

/* choose_main (see lua/quire/clean.lua), for blocks whose good sums to
 * 20 or more: marks the blocks outside the main content (out =
 * "generic:outside-main"). 0, or -1 when out of memory. */
int art_choose_main(struct article *art);

/* Whether quote block B (5 to 80 units) repeats a sentence of the other
 * kept blocks that are not quotes: a pull quote (repeated in clean.lua).
 * PROSE caches their text, joined by NUL bytes, on first use. */
int art_repeated(const struct article *art, const struct art_block *b, struct dom_buf *prose,
                 int *prose_made);

/* title_like in clean.lua: TEXT (a heading) is TITLE, or at least eight
 * bytes and the start of TITLE, both without ASCII white space. */
int art_title_like(const char *text, size_t tlen, const char *title, size_t titlelen,
                   struct dom_buf *scratch);

/* The html of block B as the JSON line gives it: its own, an image's
 * figure, its node's HTML or its text as a paragraph, into OUT. */
void art_block_html(const struct article *art, xmlDocPtr doc, const struct art_block *b,
                    struct dom_buf *out);

/* Appends the record's JSON line after HEAD (raw JSON up to the text's
 * value) to OUT: the kept blocks' texts joined by blank lines, then
 * "blocks" with each kept block's kind, level, text, items, ordered,
 * image fields and html, then "]}\n". SCRATCH and QUOTED are working
 * space. */
void art_jsonl(const struct article *art, xmlDocPtr doc, const char *head, size_t hlen,
               struct dom_buf *out, struct dom_buf *scratch, struct dom_buf *quoted);

#endif
