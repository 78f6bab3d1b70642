/* Pieces of the cleaner's block walk (lua/quire/clean.lua) in plain C:
 * class/id words, inline-style hiding, the shape tests on lists and
 * tables, and the whitespace rewrites the walk applies to block text.
 * Each does exactly what the Lua pattern or XPath named beside it does,
 * so the walk in C (src/lua_dom.c, node:clean_blocks) gives the blocks
 * the Lua walk gave. Plain C, no Lua. */
#ifndef QUIRE_BLOCKS_H
#define QUIRE_BLOCKS_H

#include <stddef.h>

#include <libxml/tree.h>

/* The next word of a class or id value from *POS on, lower-cased into OUT
 * (room for LEN bytes); returns its length, 0 when there is none left.
 * Words are what value:gsub("(%l)(%u)", "%1 %2"):lower():gmatch("%a+")
 * gives: runs of ASCII letters, split where a lower-case letter meets an
 * upper-case one ("appendQr_wrap" -> append, qr, wrap). */
size_t blk_next_word(const char *s, size_t len, size_t *pos, char *out);

/* Whether an inline style hides the element: style:lower() finds
 * "display%s*:%s*none" or "visibility%s*:%s*hidden". */
int blk_style_hides(const char *s, size_t len);

/* The node after N in a depth-first walk of ROOT's subtree, without
 * recursion (documents may nest deep): N's first child when DESCEND,
 * else the next node that is not below N; NULL after ROOT's last. Walk
 * with for (n = root->children; n; n = blk_next(root, n, descend)). */
xmlNodePtr blk_next(xmlNodePtr root, xmlNodePtr n, int descend);

/* Whether NODE has a descendant element named one of NAMES (a NULL-ended
 * list): the XPath boolean(.//a|.//b|...). */
int blk_has_descendant(xmlNodePtr node, const char *const *names);

/* Whether some <li> child of NODE has a child element named one of NAMES:
 * boolean(./li/a|./li/b|...). */
int blk_li_has_child(xmlNodePtr node, const char *const *names);

/* Whether N is an element named NAME (no namespace, as XPath's name test). */
int blk_is(xmlNodePtr n, const char *name);

/* Rewrites of the LEN bytes at S into OUT (room for LEN bytes; both only
 * shrink); each returns the length written. %s is the C locale's. */
/* s:gsub("%s*\n%s*", " "): each run of white space holding a line break
 * becomes one space. */
size_t blk_join_lines(const char *s, size_t len, char *out);
/* s:gsub("%s+", " "). */
size_t blk_squeeze(const char *s, size_t len, char *out);

/* The code text of a <pre>: s:gsub("^\n+", ""):gsub("%s+$", ""), as the
 * offset and length of what is left. */
void blk_code_span(const char *s, size_t len, size_t *from, size_t *n);

#endif
