/* Plain-C pieces of the cleaner's block walk; see blocks.h. Lua's
 * character classes are the C locale's, which quire runs in, so the
 * tests below are ASCII only, as Lua's were. */
#include "blocks.h"
#include "dom.h"

#include <string.h>

static int is_space(unsigned char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

static int is_lower(unsigned char c)
{
    return c >= 'a' && c <= 'z';
}

static int is_upper(unsigned char c)
{
    return c >= 'A' && c <= 'Z';
}

/* gsub("(%l)(%u)", "%1 %2") puts a space inside every lower-upper pair
 * (two such pairs cannot overlap), so a word also ends there. */
size_t blk_next_word(const char *s, size_t len, size_t *pos, char *out)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = *pos;
    while (i < len && !is_lower(u[i]) && !is_upper(u[i]))
        i++;
    size_t n = 0;
    while (i < len && (is_lower(u[i]) || is_upper(u[i]))) {
        out[n++] = (char)(is_upper(u[i]) ? u[i] - 'A' + 'a' : u[i]);
        i++;
        if (i < len && is_lower(u[i - 1]) && is_upper(u[i]))
            break;
    }
    *pos = i;
    return n;
}

/* Whether WORD (lower case) is at offset I of S, ignoring ASCII case as
 * style:lower() did. */
static int word_at(const char *s, size_t len, size_t i, const char *word)
{
    size_t n = strlen(word);
    if (len - i < n)
        return 0;
    for (size_t k = 0; k < n; k++) {
        unsigned char c = (unsigned char)s[i + k];
        if ((is_upper(c) ? c - 'A' + 'a' : c) != (unsigned char)word[k])
            return 0;
    }
    return 1;
}

/* Whether NAME%s*:%s*VALUE matches at offset I. */
static int decl_at(const char *s, size_t len, size_t i, const char *name, const char *value)
{
    if (!word_at(s, len, i, name))
        return 0;
    i += strlen(name);
    while (i < len && is_space((unsigned char)s[i]))
        i++;
    if (i >= len || s[i] != ':')
        return 0;
    i++;
    while (i < len && is_space((unsigned char)s[i]))
        i++;
    return word_at(s, len, i, value);
}

int blk_style_hides(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (decl_at(s, len, i, "display", "none"))
            return 1;
    for (size_t i = 0; i < len; i++)
        if (decl_at(s, len, i, "visibility", "hidden"))
            return 1;
    return 0;
}

int blk_is(xmlNodePtr n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && n->ns == NULL && dom_name_eq((const char *)n->name, name);
}

static int is_one_of(xmlNodePtr n, const char *const *names)
{
    if (n->type != XML_ELEMENT_NODE || n->ns != NULL)
        return 0;
    for (; *names; names++)
        if (dom_name_eq((const char *)n->name, *names))
            return 1;
    return 0;
}

xmlNodePtr blk_next(xmlNodePtr root, xmlNodePtr n, int descend)
{
    if (descend && n->children != NULL)
        return n->children;
    while (n != root && n->next == NULL)
        n = n->parent;
    return n == root ? NULL : n->next;
}

int blk_has_descendant(xmlNodePtr node, const char *const *names)
{
    for (xmlNodePtr n = node->children; n != NULL; n = blk_next(node, n, n->type == XML_ELEMENT_NODE))
        if (is_one_of(n, names))
            return 1;
    return 0;
}

int blk_li_has_child(xmlNodePtr node, const char *const *names)
{
    for (xmlNodePtr li = node->children; li != NULL; li = li->next) {
        if (!blk_is(li, "li"))
            continue;
        for (xmlNodePtr c = li->children; c != NULL; c = c->next)
            if (is_one_of(c, names))
                return 1;
    }
    return 0;
}

/* A run of white space at a match start is taken whole by %s*, and the
 * pattern matches there iff the run holds a '\n'; else the bytes stay. */
size_t blk_join_lines(const char *s, size_t len, char *out)
{
    size_t n = 0, i = 0;
    while (i < len) {
        if (!is_space((unsigned char)s[i])) {
            out[n++] = s[i++];
            continue;
        }
        size_t j = i;
        int nl = 0;
        while (j < len && is_space((unsigned char)s[j])) {
            nl |= s[j] == '\n';
            j++;
        }
        if (nl) {
            out[n++] = ' ';
        } else {
            memmove(out + n, s + i, j - i);
            n += j - i;
        }
        i = j;
    }
    return n;
}

size_t blk_squeeze(const char *s, size_t len, char *out)
{
    size_t n = 0, i = 0;
    while (i < len) {
        if (!is_space((unsigned char)s[i])) {
            out[n++] = s[i++];
            continue;
        }
        while (i < len && is_space((unsigned char)s[i]))
            i++;
        out[n++] = ' ';
    }
    return n;
}

void blk_code_span(const char *s, size_t len, size_t *from, size_t *n)
{
    size_t i = 0;
    while (i < len && s[i] == '\n')
        i++;
    size_t e = len;
    while (e > i && is_space((unsigned char)s[e - 1]))
        e--;
    *from = i;
    *n = e - i;
}
