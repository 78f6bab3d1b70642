/*
 * quire.c.dom: documents and nodes as Lua userdata over dom.c.
 *
 * Ownership follows Neovim's treesitter.c: a Document box owns the xmlDoc
 * (and its XPath context, scratch buffers and the trash of removed nodes);
 * a Node box holds only its xmlNode pointer and, in its user value, the
 * Document userdata, so a reachable node keeps its document alive. Only
 * the Document has __gc; it and __close share doc_release, which frees
 * once and wipes the pointer. A node whose document was closed raises
 * "document is closed". The friendly API (select, walk, ...) is
 * lua/quire/dom.lua, which adds its methods to the shared methods table.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "article.h"
#include "blocks.h"
#include "dom.h"
#include "rulebook.h"
#include "ustr.h"

#define DOCUMENT_T "quire.Document"
#define NODE_T "quire.Node"
#define XPATH_T "quire.XPath"

struct doc_box {
    xmlDocPtr doc;               /* NULL once released */
    xmlXPathContextPtr xp;       /* one evaluation context per document, made lazily */
    xmlXPathObjectPtr pending;   /* a result being converted to Lua values */
    struct dom_trash trash;      /* removed nodes, freed with the document */
    struct dom_buf buf, tmp[2];  /* scratch for text, html and markdown */
    struct dom_buf walk[10];     /* scratch for node:clean_blocks */
    struct article art;          /* the blocks of the last cleaning */
    char xperr[256];             /* the last XPath error message */
};

struct node_box {
    xmlNodePtr node;
};

/* ---- boxes ------------------------------------------------------------- */

/* The scratch memory of a document box (buffers and article), kept when a
 * document is released for the next one to take: a run cleans documents
 * one after another, and each would otherwise grow its buffers again
 * from nothing. One spare set per process (a Lua state runs in one
 * thread; workers are processes). */
struct scratch {
    struct dom_buf buf, tmp[2], walk[10];
    struct article art;
};
static struct scratch spare;
static int spare_held;

/* Whether D holds no scratch memory (released before, or never used). */
static int scratch_none(const struct doc_box *d)
{
    int none = d->buf.data == NULL && d->tmp[0].data == NULL && d->tmp[1].data == NULL &&
               d->art.bytes.data == NULL && d->art.blocks == NULL && d->art.shadows == NULL &&
               d->art.links == NULL && d->art.items == NULL && d->art.nodes == NULL;
    for (size_t i = 0; i < sizeof d->walk / sizeof *d->walk && none; i++)
        none = d->walk[i].data == NULL;
    return none;
}

static void scratch_take(struct doc_box *d)
{
    if (!spare_held)
        return;
    d->buf = spare.buf;
    memcpy(d->tmp, spare.tmp, sizeof d->tmp);
    memcpy(d->walk, spare.walk, sizeof d->walk);
    d->art = spare.art;
    memset(&spare, 0, sizeof spare);
    spare_held = 0;
}

/* Keeps D's scratch memory as the spare (emptied), or frees it when a
 * spare is held already. */
static void scratch_give(struct doc_box *d)
{
    if (scratch_none(d))
        return;
    if (!spare_held) {
        spare.buf = d->buf;
        memcpy(spare.tmp, d->tmp, sizeof spare.tmp);
        memcpy(spare.walk, d->walk, sizeof spare.walk);
        spare.art = d->art;
        spare.buf.len = spare.tmp[0].len = spare.tmp[1].len = 0;
        spare.buf.oom = spare.tmp[0].oom = spare.tmp[1].oom = 0;
        for (size_t i = 0; i < sizeof spare.walk / sizeof *spare.walk; i++)
            spare.walk[i].len = 0, spare.walk[i].oom = 0;
        art_reset(&spare.art);
        spare_held = 1;
    } else {
        dom_buf_free(&d->buf);
        dom_buf_free(&d->tmp[0]);
        dom_buf_free(&d->tmp[1]);
        for (size_t i = 0; i < sizeof d->walk / sizeof *d->walk; i++)
            dom_buf_free(&d->walk[i]);
        art_free(&d->art);
    }
    memset(&d->buf, 0, sizeof d->buf);
    memset(d->tmp, 0, sizeof d->tmp);
    memset(d->walk, 0, sizeof d->walk);
    memset(&d->art, 0, sizeof d->art);
}

/* Frees everything the document owns; a second call does nothing. */
static void doc_release(struct doc_box *d)
{
    if (d->pending) {
        xmlXPathFreeObject(d->pending);
        d->pending = NULL;
    }
    if (d->xp) {
        xmlXPathFreeContext(d->xp);
        d->xp = NULL;
    }
    if (d->doc) {
        dom_free(d->doc, &d->trash);
        d->doc = NULL;
    }
    scratch_give(d);
}

static const char *const xpath_messages[] = {
    "no error", "bad number", "unfinished literal", "literal expected",
    "variable reference expected", "undefined variable", "invalid predicate",
    "invalid expression", "missing closing bracket", "unknown function",
    "invalid operand", "invalid type", "wrong number of arguments",
    "invalid context size", "invalid context position", "out of memory",
    "XPointer syntax error", "XPointer resource error", "XPointer sub-resource error",
    "undefined namespace prefix", "encoding error", "invalid character",
    "invalid context", "stack error", "variables are not allowed",
    "operation limit exceeded", "recursion limit exceeded"};

/* Records an XPath error as "message at offset N" (libxml2 would
 * otherwise print it). */
static void xpath_error(void *ud, xmlErrorPtr err)
{
    char *out = ud;
    int code = err ? err->code - XML_XPATH_EXPRESSION_OK : -1;
    const char *msg = code >= 0 && code < (int)(sizeof xpath_messages / sizeof *xpath_messages)
                          ? xpath_messages[code]
                          : "XPath error";
    snprintf(out, 256, "%s at offset %d", msg, err ? err->int1 : 0);
}

/* Swallows libxml2's generic (printf-style) error output, which a few
 * XPath paths write to directly; the structured error still arrives. */
static void silent_error(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

/* Runs with libxml2's generic error output silenced, restoring whatever
 * handler was there before (libxml2 keeps it per thread). */
struct quiet {
    xmlGenericErrorFunc func;
    void *ctx;
};

static void quiet_begin(struct quiet *q)
{
    q->func = xmlGenericError;
    q->ctx = xmlGenericErrorContext;
    xmlSetGenericErrorFunc(NULL, silent_error);
}

static void quiet_end(struct quiet *q)
{
    xmlSetGenericErrorFunc(q->ctx, q->func);
}

/* The document box at IDX, which must be open. [-0, +0, v] */
static struct doc_box *check_open(lua_State *L, struct doc_box *d)
{
    if (d->doc == NULL)
        luaL_error(L, "document is closed");
    return d;
}

/* The node at IDX (a Node or a Document) and its document box; pushes the
 * Document userdata. Raises when the document is closed. [-0, +1, v] */
static xmlNodePtr check_node(lua_State *L, int idx, struct doc_box **dp)
{
    struct node_box *nb = luaL_testudata(L, idx, NODE_T);
    struct doc_box *d;
    xmlNodePtr n;
    if (nb != NULL) {
        lua_getiuservalue(L, idx, 1);
        d = lua_touserdata(L, -1);
        check_open(L, d);
        n = nb->node;
    } else {
        d = luaL_testudata(L, idx, DOCUMENT_T);
        if (d == NULL)
            luaL_typeerror(L, idx, NODE_T);
        lua_pushvalue(L, idx);
        check_open(L, d);
        n = (xmlNodePtr)d->doc;
    }
    if (dp)
        *dp = d;
    return n;
}

/* Pushes N as a Node of the Document at DOCIDX (the Document itself for
 * the document node, nil for NULL). [-0, +1, m] */
static void push_node(lua_State *L, xmlNodePtr n, int docidx)
{
    if (n == NULL) {
        lua_pushnil(L);
        return;
    }
    if (n->type == XML_DOCUMENT_NODE || n->type == XML_HTML_DOCUMENT_NODE) {
        lua_pushvalue(L, docidx);
        return;
    }
    struct node_box *nb = lua_newuserdatauv(L, sizeof *nb, 1);
    nb->node = n;
    luaL_setmetatable(L, NODE_T);
    lua_pushvalue(L, docidx);
    lua_setiuservalue(L, -2, 1);
}

/* Raises "out of memory" if a buffer failed to grow; the memory stays
 * with the document box. [-0, +0, v] */
static void check_buf(lua_State *L, struct dom_buf *b)
{
    if (b->oom) {
        b->oom = 0;
        luaL_error(L, "out of memory");
    }
}

/* Pushes B's bytes as a string and empties it. [-0, +1, m] */
static void push_buf(lua_State *L, struct dom_buf *b)
{
    check_buf(L, b);
    lua_pushlstring(L, b->data ? b->data : "", b->len);
    b->len = 0;
}

/* ---- module functions ------------------------------------------------- */

/* parse(html, errors) -> Document. With errors true, doc.errors lists the
 * parse problems as "line N: message" strings. [-0, +1, m] */
static int dom_lua_parse(lua_State *L)
{
    size_t len;
    const char *html = luaL_checklstring(L, 1, &len);
    int want_errors = lua_toboolean(L, 2);
    struct doc_box *d = lua_newuserdatauv(L, sizeof *d, 1);
    memset(d, 0, sizeof *d);
    luaL_setmetatable(L, DOCUMENT_T);
    scratch_take(d);
    d->doc = dom_parse(html, len, want_errors ? &d->buf : NULL);
    if (d->doc == NULL) {
        doc_release(d);
        return luaL_error(L, "out of memory");
    }
    if (want_errors) {
        check_buf(L, &d->buf);
        lua_createtable(L, 0, 1);
        lua_newtable(L);
        int n = 0;
        const char *p = d->buf.data;
        while (p != NULL && *p) {
            const char *nl = strchr(p, '\n');
            size_t k = nl ? (size_t)(nl - p) : strlen(p);
            lua_pushlstring(L, p, k);
            lua_rawseti(L, -2, ++n);
            p = nl ? nl + 1 : p + k;
        }
        lua_setfield(L, -2, "errors");
        lua_setiuservalue(L, -2, 1);
        d->buf.len = 0;
    }
    return 1;
}

static int xpath_gc(lua_State *L)
{
    xmlXPathCompExprPtr *c = luaL_checkudata(L, 1, XPATH_T);
    if (*c) {
        xmlXPathFreeCompExpr(*c);
        *c = NULL;
    }
    return 0;
}

/* compile(expr) -> XPath | nil, message. The box exists before the
 * expression is compiled, so nothing leaks if Lua raises. [-0, +1|2, m] */
static int dom_lua_compile(lua_State *L)
{
    const char *expr = luaL_checkstring(L, 1);
    xmlXPathCompExprPtr *c = lua_newuserdatauv(L, sizeof *c, 0);
    *c = NULL;
    luaL_setmetatable(L, XPATH_T);
    char msg[256] = "";
    xmlXPathContextPtr ctx = xmlXPathNewContext(NULL);
    if (ctx == NULL)
        return luaL_error(L, "out of memory");
    ctx->error = xpath_error;
    ctx->userData = msg;
    struct quiet q;
    quiet_begin(&q);
    *c = xmlXPathCtxtCompile(ctx, (const xmlChar *)expr);
    quiet_end(&q);
    xmlXPathFreeContext(ctx);
    if (*c == NULL) {
        lua_pushnil(L);
        lua_pushfstring(L, "bad XPath \"%s\": %s", expr, msg[0] ? msg : "does not compile");
        return 2;
    }
    return 1;
}

/* Pushes the string value of attribute or namespace node N. [-0, +1, m] */
static void push_attr_value(lua_State *L, xmlNodePtr n)
{
    if (n->type == XML_NAMESPACE_DECL) {
        xmlNsPtr ns = (xmlNsPtr)n;
        lua_pushstring(L, ns->href ? (const char *)ns->href : "");
        return;
    }
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (xmlNodePtr c = n->children; c; c = c->next)
        if (c->content)
            luaL_addstring(&b, (const char *)c->content);
    luaL_pushresult(&b);
}

/* eval(node, xpath) -> nodes | string | number | boolean, evaluated with
 * NODE as the context node. Nodes come as an array in document order;
 * attribute values as strings (as lxml does). The result object is parked
 * in the document box while it is converted, so a raise cannot leak it.
 * [-0, +1, e] */
static int dom_lua_eval(lua_State *L)
{
    struct doc_box *d;
    xmlNodePtr n = check_node(L, 1, &d);
    int docidx = lua_gettop(L);
    xmlXPathCompExprPtr *c = luaL_checkudata(L, 2, XPATH_T);
    if (*c == NULL)
        return luaL_argerror(L, 2, "XPath expression was freed");
    if (d->pending) {
        xmlXPathFreeObject(d->pending);
        d->pending = NULL;
    }
    if (d->xp == NULL) { /* made on first use: many documents never see XPath */
        d->xp = xmlXPathNewContext(d->doc);
        if (d->xp == NULL)
            return luaL_error(L, "out of memory");
        d->xp->error = xpath_error;
        d->xp->userData = d->xperr;
    }
    d->xperr[0] = '\0';
    d->xp->node = n;
    d->xp->doc = d->doc;
    struct quiet q;
    quiet_begin(&q);
    d->pending = xmlXPathCompiledEval(*c, d->xp);
    quiet_end(&q);
    xmlXPathObjectPtr r = d->pending;
    if (r == NULL)
        return luaL_error(L, "XPath: %s", d->xperr[0] ? d->xperr : "evaluation failed");
    switch (r->type) {
    case XPATH_NODESET: {
        int count = r->nodesetval ? r->nodesetval->nodeNr : 0;
        lua_createtable(L, count, 0);
        for (int i = 0; i < count; i++) {
            xmlNodePtr m = r->nodesetval->nodeTab[i];
            if (m->type == XML_ATTRIBUTE_NODE || m->type == XML_NAMESPACE_DECL)
                push_attr_value(L, m);
            else
                push_node(L, m, docidx);
            lua_rawseti(L, -2, i + 1);
        }
        break;
    }
    case XPATH_BOOLEAN:
        lua_pushboolean(L, r->boolval);
        break;
    case XPATH_NUMBER:
        if (r->floatval == (lua_Number)(lua_Integer)r->floatval)
            lua_pushinteger(L, (lua_Integer)r->floatval);
        else
            lua_pushnumber(L, r->floatval);
        break;
    case XPATH_STRING:
        lua_pushstring(L, r->stringval ? (const char *)r->stringval : "");
        break;
    default:
        lua_pushnil(L);
        break;
    }
    xmlXPathFreeObject(d->pending);
    d->pending = NULL;
    return 1;
}

/* text_stats(s) -> units, punct, wide: the measures the cleaner scores a
 * block's text by (see dom_text_stats), in one call instead of a gsub per
 * measure. [-0, +3, -] */
static int dom_lua_text_stats(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    struct dom_text_stats st;
    dom_text_stats(s, len, &st);
    lua_pushinteger(L, (lua_Integer)st.units);
    lua_pushinteger(L, (lua_Integer)st.punct);
    lua_pushboolean(L, st.wide);
    return 3;
}

/* fold(s) -> s with full-width ： ｜ （ ） ／ and ideographic spaces as
 * ASCII (see dom_text_fold), written straight into a Lua buffer. [-0, +1, m] */
static int dom_lua_fold(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    luaL_Buffer b;
    char *p = luaL_buffinitsize(L, &b, len);
    luaL_pushresultsize(&b, dom_text_fold(s, len, p));
    return 1;
}

/* Appends the LEN bytes at S to B as a JSON string, quoted as json_quote
 * quotes them. No value of the stack is between the buffer's pushes. */
static void add_quoted(luaL_Buffer *b, const char *s, size_t len)
{
    size_t cap = len + len / 8 + 16;
    char *p = luaL_prepbuffsize(b, cap);
    size_t q = dom_json_quote(s, len, p, cap);
    if (q > cap) {
        p = luaL_prepbuffsize(b, q);
        dom_json_quote(s, len, p, q);
    }
    luaL_addsize(b, q);
}

/* rulebook(hints, folded) -> a userdata for may_match: HINTS is a list of
 * {firsts = {chars...} or nil, lead = text or nil, tail = text or nil,
 * max = n or nil, digits = n or nil}, one per
 * rule (see rulebook.h); FOLDED: the rules also see the text folded. The
 * strings stay referenced by HINTS, kept as the userdata's user value, so
 * the pointers into them stay good. [-0, +1, m] */
static int dom_lua_rulebook(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    int folded = lua_toboolean(L, 2);
    size_t n = lua_rawlen(L, 1), nfirsts = 0;
    for (size_t i = 1; i <= n; i++) {
        lua_rawgeti(L, 1, (lua_Integer)i);
        luaL_checktype(L, -1, LUA_TTABLE);
        if (lua_getfield(L, -1, "firsts") == LUA_TTABLE)
            nfirsts += lua_rawlen(L, -1);
        lua_pop(L, 2);
    }
    /* one block: the book, its rules, their first characters and
     * lengths, the index (an entry per first character, the any list) */
    size_t size = sizeof(struct rulebook) + n * sizeof(struct rule_hint) +
                  nfirsts * (sizeof(struct rule_first) + sizeof(const char *) + sizeof(size_t)) +
                  n * sizeof(size_t);
    struct rulebook *book = lua_newuserdatauv(L, size, 1);
    book->rules = (struct rule_hint *)(book + 1);
    book->n = n;
    book->folded = folded;
    struct rule_first *by_first = (struct rule_first *)(book->rules + n);
    const char **firsts = (const char **)(by_first + nfirsts);
    size_t *lens = (size_t *)(firsts + nfirsts);
    size_t *any = lens + nfirsts;
    for (size_t i = 1; i <= n; i++) {
        struct rule_hint *r = &book->rules[i - 1];
        lua_rawgeti(L, 1, (lua_Integer)i);
        r->firsts = NULL;
        r->first_lens = NULL;
        r->nfirsts = 0;
        if (lua_getfield(L, -1, "firsts") == LUA_TTABLE) {
            r->firsts = firsts;
            r->first_lens = lens;
            r->nfirsts = lua_rawlen(L, -1);
            for (size_t k = 1; k <= r->nfirsts; k++) {
                lua_rawgeti(L, -1, (lua_Integer)k);
                *firsts++ = luaL_checklstring(L, -1, lens++);
                lua_pop(L, 1);
            }
        }
        lua_pop(L, 1);
        r->lead = NULL;
        r->lead_len = 0;
        if (lua_getfield(L, -1, "lead") == LUA_TSTRING)
            r->lead = lua_tolstring(L, -1, &r->lead_len);
        lua_pop(L, 1);
        r->tail = NULL;
        r->tail_len = 0;
        if (lua_getfield(L, -1, "tail") == LUA_TSTRING)
            r->tail = lua_tolstring(L, -1, &r->tail_len);
        lua_pop(L, 1);
        r->max = -1;
        if (lua_getfield(L, -1, "max") == LUA_TNUMBER)
            r->max = (long)lua_tointeger(L, -1);
        lua_pop(L, 1);
        r->digits = 0;
        if (lua_getfield(L, -1, "digits") == LUA_TNUMBER)
            r->digits = (long)lua_tointeger(L, -1);
        lua_pop(L, 2);
    }
    rulebook_index(book, by_first, any);
    lua_pushvalue(L, 1);
    lua_setiuservalue(L, -2, 1);
    luaL_newmetatable(L, "quire.rulebook"); /* made on first use, then found */
    lua_setmetatable(L, -2);
    return 1;
}

/* may_match(book, s [, wide]) -> whether some rule of BOOK (see rulebook)
 * may match S; false means none can. WIDE, when a boolean, says whether S
 * has characters fold() changes (text_stats's third value), known to the
 * caller already. [-0, +1, -] */
static int dom_lua_may_match(lua_State *L)
{
    const struct rulebook *book = luaL_checkudata(L, 1, "quire.rulebook");
    size_t len;
    const char *s = luaL_checklstring(L, 2, &len);
    int wide = lua_isboolean(L, 3) ? lua_toboolean(L, 3) : -1;
    lua_pushboolean(L, rulebook_may_match(book, s, len, wide));
    return 1;
}

/* json_quote(s) -> s as a JSON string, escaped as lua-cjson escapes but
 * leaving '/' alone (see dom_json_quote): written straight into a Lua
 * buffer with room for a few escapes, and again when there are more.
 * [-0, +1, m] */
static int dom_lua_json_quote(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    luaL_Buffer b;
    size_t cap = len + len / 8 + 16;
    char *p = luaL_buffinitsize(L, &b, cap);
    size_t n = dom_json_quote(s, len, p, cap);
    if (n > cap) {
        p = luaL_prepbuffsize(&b, n);
        dom_json_quote(s, len, p, n);
    }
    luaL_pushresultsize(&b, n);
    return 1;
}

/* json_join(list, n) -> the first N pieces of LIST joined, those at even
 * positions quoted as json_quote quotes them (false there: nothing):
 * raw JSON and strings to quote in turn, written into one buffer with no
 * quoted copy of each string. Each string stays referenced by LIST, so
 * its bytes stay put while the buffer grows. [-0, +1, m] */
static int dom_lua_json_join(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_Integer n = luaL_checkinteger(L, 2);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (lua_Integer i = 1; i <= n; i++) {
        int t = lua_rawgeti(L, 1, i);
        if (i % 2 == 1) {
            if (t != LUA_TSTRING)
                return luaL_error(L, "json_join: piece %d is not a string", (int)i);
            luaL_addvalue(&b);
            continue;
        }
        if (t == LUA_TBOOLEAN && !lua_toboolean(L, -1)) {
            lua_pop(L, 1);
            continue;
        }
        if (t != LUA_TSTRING)
            return luaL_error(L, "json_join: piece %d is not a string or false", (int)i);
        size_t len;
        const char *s = lua_tolstring(L, -1, &len);
        lua_pop(L, 1);
        add_quoted(&b, s, len);
    }
    luaL_pushresult(&b);
    return 1;
}

/* closed(doc) -> whether the document was closed. [-0, +1, -] */
static int dom_lua_closed(lua_State *L)
{
    struct doc_box *d = luaL_checkudata(L, 1, DOCUMENT_T);
    lua_pushboolean(L, d->doc == NULL);
    return 1;
}

/* attached(node) -> whether NODE is still in its document: no removed
 * node is above it. [-0, +1, -] */
static int dom_lua_attached(lua_State *L)
{
    xmlNodePtr n = check_node(L, 1, NULL);
    xmlNodePtr p = n->parent;
    while (p != NULL && p->type != XML_DOCUMENT_NODE && p->type != XML_HTML_DOCUMENT_NODE)
        p = p->parent;
    lua_pushboolean(L, p != NULL);
    return 1;
}

/* ---- node properties and methods --------------------------------------- */

static const char *node_type_name(xmlNodePtr n)
{
    switch (n->type) {
    case XML_ELEMENT_NODE:
        return "element";
    case XML_TEXT_NODE:
    case XML_CDATA_SECTION_NODE:
        return "text";
    case XML_COMMENT_NODE:
        return "comment";
    case XML_DOCUMENT_NODE:
    case XML_HTML_DOCUMENT_NODE:
        return "document";
    case XML_DTD_NODE:
        return "doctype";
    case XML_PI_NODE:
        return "pi";
    default:
        return "other";
    }
}

/* __index: node.tag, node.type, node.parent, doc.root, doc.errors, or a
 * method from the shared table (upvalue 1). [-0, +1, e] */
/* __index of nodes and documents: the methods (upvalue 1), a document's
 * own methods (upvalue 2, documents only), then the properties. */
static int node_index(lua_State *L)
{
    lua_pushvalue(L, 2);
    if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL)
        return 1;
    const char *key = lua_tostring(L, 2);
    if (key == NULL)
        return 1;
    /* a document's own methods (close): asked even when it is closed */
    if (lua_type(L, lua_upvalueindex(2)) == LUA_TTABLE) {
        lua_pushvalue(L, 2);
        if (lua_rawget(L, lua_upvalueindex(2)) != LUA_TNIL)
            return 1;
        lua_pop(L, 1);
    }
    struct doc_box *d;
    xmlNodePtr n = check_node(L, 1, &d);
    int docidx = lua_gettop(L);
    if (strcmp(key, "tag") == 0) {
        if (n->type == XML_ELEMENT_NODE)
            lua_pushstring(L, (const char *)n->name);
        else
            lua_pushnil(L);
    } else if (strcmp(key, "type") == 0) {
        lua_pushstring(L, node_type_name(n));
    } else if (strcmp(key, "parent") == 0) {
        push_node(L, n->parent, docidx);
    } else if (strcmp(key, "root") == 0 && n == (xmlNodePtr)d->doc) {
        push_node(L, xmlDocGetRootElement(d->doc), docidx);
    } else if (strcmp(key, "errors") == 0 && n == (xmlNodePtr)d->doc) {
        if (lua_getiuservalue(L, docidx, 1) == LUA_TTABLE)
            lua_getfield(L, -1, "errors");
        else
            lua_pushnil(L);
    } else {
        lua_pushnil(L);
    }
    return 1;
}

/* Whether N matches KIND ("element" or nil for any node). */
static int kind_ok(xmlNodePtr n, const char *kind)
{
    return kind == NULL || strcmp(kind, node_type_name(n)) == 0;
}

/* node:attr(name) -> value | nil [-0, +1, m] */
static int node_attr(lua_State *L)
{
    xmlNodePtr n = check_node(L, 1, NULL);
    const char *name = luaL_checkstring(L, 2);
    if (n->type != XML_ELEMENT_NODE)
        return 0;
    xmlAttrPtr a = xmlHasProp(n, (const xmlChar *)name);
    if (a == NULL)
        return 0;
    push_attr_value(L, (xmlNodePtr)a);
    return 1;
}

/* node:attrs() -> {name = value, ...} [-0, +1, m] */
static int node_attrs(lua_State *L)
{
    xmlNodePtr n = check_node(L, 1, NULL);
    lua_newtable(L);
    if (n->type != XML_ELEMENT_NODE)
        return 1;
    for (xmlAttrPtr a = n->properties; a; a = a->next) {
        push_attr_value(L, (xmlNodePtr)a);
        lua_setfield(L, -2, (const char *)a->name);
    }
    return 1;
}

/* node:attr_values(name, ...) -> the value of each named attribute, nil
 * where there is none: what node:attrs() holds under those names, without
 * a table of every attribute. [-0, +n, m] */
static int node_attr_values(lua_State *L)
{
    int count = lua_gettop(L) - 1; /* before check_node, which may push */
    xmlNodePtr n = check_node(L, 1, NULL);
    luaL_checkstack(L, count, "too many attribute names");
    for (int i = 0; i < count; i++) {
        const char *name = luaL_checkstring(L, 2 + i);
        xmlAttrPtr found = NULL;
        if (n->type == XML_ELEMENT_NODE)
            for (xmlAttrPtr a = n->properties; a; a = a->next)
                if (dom_name_eq((const char *)a->name, name))
                    found = a; /* the last one, as in attrs() */
        if (found)
            push_attr_value(L, (xmlNodePtr)found);
        else
            lua_pushnil(L);
    }
    return count;
}

/* node:set_attr(name, value) sets, or with value nil removes, an
 * attribute. Attribute nodes are never handed to Lua, so freeing the old
 * value is safe. [-0, +0, e] */
static int node_set_attr(lua_State *L)
{
    xmlNodePtr n = check_node(L, 1, NULL);
    const char *name = luaL_checkstring(L, 2);
    const char *value = luaL_optstring(L, 3, NULL);
    if (n->type != XML_ELEMENT_NODE)
        return luaL_error(L, "set_attr: not an element");
    if (value == NULL) {
        xmlUnsetProp(n, (const xmlChar *)name);
    } else if (xmlSetProp(n, (const xmlChar *)name, (const xmlChar *)value) == NULL) {
        return luaL_error(L, "out of memory");
    }
    return 0;
}

/* node:children([kind]) -> array of child nodes (kind "element" keeps
 * only elements). [-0, +1, m] */
static int node_children(lua_State *L)
{
    lua_settop(L, 2); /* the document goes above the optional kind */
    xmlNodePtr n = check_node(L, 1, NULL);
    int docidx = lua_gettop(L);
    const char *kind = luaL_optstring(L, 2, NULL);
    lua_newtable(L);
    int i = 0;
    if (n->type == XML_ELEMENT_NODE || n->type == XML_HTML_DOCUMENT_NODE || n->type == XML_DOCUMENT_NODE) {
        for (xmlNodePtr c = n->children; c; c = c->next) {
            if (!kind_ok(c, kind))
                continue;
            push_node(L, c, docidx);
            lua_rawseti(L, -2, ++i);
        }
    }
    return 1;
}

/* node:first([kind]) -> the first child, or nil. [-0, +1, m] */
static int node_first(lua_State *L)
{
    lua_settop(L, 2); /* the document goes above the optional kind */
    xmlNodePtr n = check_node(L, 1, NULL);
    int docidx = lua_gettop(L);
    const char *kind = luaL_optstring(L, 2, NULL);
    xmlNodePtr c = NULL;
    if (n->type == XML_ELEMENT_NODE || n->type == XML_HTML_DOCUMENT_NODE || n->type == XML_DOCUMENT_NODE)
        for (c = n->children; c && !kind_ok(c, kind); c = c->next)
            ;
    push_node(L, c, docidx);
    return 1;
}

/* node:next([kind]) -> the next sibling, or nil. [-0, +1, m] */
static int node_next(lua_State *L)
{
    lua_settop(L, 2); /* the document goes above the optional kind */
    xmlNodePtr n = check_node(L, 1, NULL);
    const char *kind = luaL_optstring(L, 2, NULL);
    int docidx = lua_gettop(L);
    xmlNodePtr c = n->type == XML_HTML_DOCUMENT_NODE || n->type == XML_DOCUMENT_NODE ? NULL : n->next;
    while (c && !kind_ok(c, kind))
        c = c->next;
    push_node(L, c, docidx);
    return 1;
}

/* node:prev([kind]) -> the previous sibling, or nil. [-0, +1, m] */
static int node_prev(lua_State *L)
{
    lua_settop(L, 2); /* the document goes above the optional kind */
    xmlNodePtr n = check_node(L, 1, NULL);
    const char *kind = luaL_optstring(L, 2, NULL);
    int docidx = lua_gettop(L);
    xmlNodePtr c = n->type == XML_HTML_DOCUMENT_NODE || n->type == XML_DOCUMENT_NODE ? NULL : n->prev;
    while (c && !kind_ok(c, kind))
        c = c->prev;
    push_node(L, c, docidx);
    return 1;
}

/* node:text([{raw = true}]) -> visible text (see dom_text), or with raw
 * libxml2's plain concatenation. [-0, +1, m] */
static int node_text(lua_State *L)
{
    struct doc_box *d;
    xmlNodePtr n = check_node(L, 1, &d);
    int raw = 0;
    if (lua_istable(L, 2)) {
        lua_getfield(L, 2, "raw");
        raw = lua_toboolean(L, -1);
        lua_pop(L, 1);
    }
    d->buf.len = 0;
    if (raw)
        dom_raw_text(n, &d->buf);
    else
        dom_text(n, &d->buf);
    push_buf(L, &d->buf);
    return 1;
}

/* node:html() -> outer HTML (for the document: the whole of it). [-0, +1, m] */
static int node_html(lua_State *L)
{
    struct doc_box *d;
    xmlNodePtr n = check_node(L, 1, &d);
    d->buf.len = 0;
    dom_html(d->doc, n, 1, &d->buf);
    push_buf(L, &d->buf);
    return 1;
}

/* node:inner_html() -> the HTML of the children. [-0, +1, m] */
static int node_inner_html(lua_State *L)
{
    struct doc_box *d;
    xmlNodePtr n = check_node(L, 1, &d);
    d->buf.len = 0;
    dom_html(d->doc, n, 0, &d->buf);
    push_buf(L, &d->buf);
    return 1;
}

/* node:markdown() -> Markdown (see dom_markdown). [-0, +1, m] */
static int node_markdown(lua_State *L)
{
    struct doc_box *d;
    xmlNodePtr n = check_node(L, 1, &d);
    d->buf.len = 0;
    dom_markdown(n, &d->buf, d->tmp);
    d->tmp[0].len = d->tmp[1].len = 0;
    push_buf(L, &d->buf);
    return 1;
}

/* Appends {href = ..., text = TEXT} to the list at LINKSIDX when <a> N
 * has an http(s) href; *COUNT is the list's length. [-0, +0, m] */
static void add_web_link(lua_State *L, xmlNodePtr n, const char *text, size_t len, int linksidx,
                         int *count)
{
    xmlAttrPtr a = xmlHasProp(n, (const xmlChar *)"href");
    if (a == NULL)
        return;
    push_attr_value(L, (xmlNodePtr)a);
    size_t hl;
    const char *h = lua_tolstring(L, -1, &hl);
    if ((hl >= 7 && memcmp(h, "http://", 7) == 0) || (hl >= 8 && memcmp(h, "https://", 8) == 0)) {
        lua_createtable(L, 0, 2);
        lua_insert(L, -2);
        lua_setfield(L, -2, "href");
        lua_pushlstring(L, text, len);
        lua_setfield(L, -2, "text");
        lua_rawseti(L, linksidx, ++*count);
    } else {
        lua_pop(L, 1);
    }
}

/* What node_link_stats gathers while dom_each_link walks. */
struct link_walk {
    lua_State *L;
    struct doc_box *d;
    int docidx, linksidx, imgsidx, nlinks, nimgs;
    lua_Integer bytes;
};

/* One <a> or <img> for node_link_stats. Raising here leaks nothing: the
 * walk holds no memory and the text buffer belongs to the document box. */
static void link_visit(void *ud, xmlNodePtr n)
{
    struct link_walk *w = ud;
    lua_State *L = w->L;
    if (n->name[0] == 'i') { /* img */
        push_node(L, n, w->docidx);
        lua_rawseti(L, w->imgsidx, ++w->nimgs);
        return;
    }
    struct dom_buf *b = &w->d->buf;
    b->len = 0;
    dom_text(n, b);
    check_buf(L, b);
    if (!dom_is_url_text(b->data, b->len))
        w->bytes += (lua_Integer)b->len;
    add_web_link(L, n, b->data, b->len, w->linksidx, &w->nlinks);
    b->len = 0;
}

/* node:link_stats() -> bytes, links, imgs: over each <a> at or below the
 * node, the bytes of its visible text unless that reads as an address
 * (http://, https://, www.), and {href = ..., text = <its text>} when its
 * href is http(s); the <img> elements below it in document order. One
 * walk instead of an XPath and three calls per link. [-0, +3, m] */
static int node_link_stats(lua_State *L)
{
    struct doc_box *d;
    xmlNodePtr n = check_node(L, 1, &d);
    struct link_walk w = {L, d, lua_gettop(L), 0, 0, 0, 0, 0};
    lua_newtable(L);
    w.linksidx = lua_gettop(L);
    lua_newtable(L);
    w.imgsidx = lua_gettop(L);
    dom_each_link(n, link_visit, &w);
    lua_pushinteger(L, w.bytes);
    lua_insert(L, w.linksidx);
    return 3;
}

/* dom_any_child's test for node_scan: TAG is a key of the table at the
 * top of the stack. Only lua_getfield on a plain table: nothing to leak
 * if it raises. */
static int tag_in_set(void *ud, const xmlChar *tag)
{
    lua_State *L = ud;
    int in = lua_getfield(L, -1, (const char *)tag) != LUA_TNIL && lua_toboolean(L, -1);
    lua_pop(L, 1);
    return in;
}

/* node:scan(set) -> nodes, tags, flags: the element and text children of
 * the node in order; per child its tag (false for text) and flags: 1 when
 * it has attributes, 2 when one of its element children has a tag that is
 * a key of SET. One call per container instead of several per child for
 * the cleaner's walk. [-0, +3, m] */
static int node_scan(lua_State *L)
{
    struct doc_box *d;
    xmlNodePtr n = check_node(L, 1, &d);
    luaL_checktype(L, 2, LUA_TTABLE);
    int docidx = lua_gettop(L);
    lua_newtable(L);
    lua_newtable(L);
    lua_newtable(L);
    int nodesidx = docidx + 1, tagsidx = docidx + 2, flagsidx = docidx + 3;
    lua_pushvalue(L, 2); /* the set, on top for tag_in_set */
    int i = 0;
    if (n->type == XML_ELEMENT_NODE || n->type == XML_HTML_DOCUMENT_NODE || n->type == XML_DOCUMENT_NODE) {
        for (xmlNodePtr c = n->children; c; c = c->next) {
            int element = c->type == XML_ELEMENT_NODE;
            if (!element && c->type != XML_TEXT_NODE && c->type != XML_CDATA_SECTION_NODE)
                continue;
            int flags = 0;
            if (element && c->properties != NULL)
                flags |= 1;
            if (element && dom_any_child(c, tag_in_set, L))
                flags |= 2;
            i++;
            push_node(L, c, docidx);
            lua_rawseti(L, nodesidx, i);
            if (element)
                lua_pushstring(L, (const char *)c->name);
            else
                lua_pushboolean(L, 0);
            lua_rawseti(L, tagsidx, i);
            lua_pushinteger(L, flags);
            lua_rawseti(L, flagsidx, i);
        }
    }
    lua_pop(L, 1);
    return 3;
}

/* Raises unless N may be moved or replaced (not the document or its root). */
static void check_movable(lua_State *L, struct doc_box *d, xmlNodePtr n, const char *what)
{
    if (n == (xmlNodePtr)d->doc)
        luaL_error(L, "%s: cannot %s the document", what, what);
}

/* node:remove(): unlinks the node; it stays valid (owned by the document
 * until release) and may be inserted again. [-0, +0, e] */
static int node_remove(lua_State *L)
{
    struct doc_box *d;
    xmlNodePtr n = check_node(L, 1, &d);
    check_movable(L, d, n, "remove");
    if (dom_remove(n, &d->trash) != 0)
        return luaL_error(L, "out of memory");
    return 0;
}

/* node:unwrap(): replaces the node by its children. [-0, +0, e] */
static int node_unwrap(lua_State *L)
{
    struct doc_box *d;
    xmlNodePtr n = check_node(L, 1, &d);
    check_movable(L, d, n, "unwrap");
    if (dom_unwrap(n, &d->trash) != 0)
        return luaL_error(L, "out of memory");
    return 0;
}

/* The nodes argument IDX stands for: a node of document D (checked not to
 * be an ancestor of TARGET), or HTML parsed into a chain of new nodes.
 * [-0, +0, e] */
static xmlNodePtr to_insert(lua_State *L, int idx, struct doc_box *d, xmlNodePtr target, const char *what)
{
    if (lua_type(L, idx) == LUA_TSTRING) {
        size_t len;
        const char *html = lua_tolstring(L, idx, &len);
        int oom;
        xmlNodePtr first = dom_fragment(d->doc, html, len, &d->trash, &oom);
        if (oom)
            luaL_error(L, "out of memory");
        return first;
    }
    struct doc_box *d2;
    xmlNodePtr m = check_node(L, idx, &d2);
    lua_pop(L, 1);
    if (d2 != d)
        luaL_error(L, "%s: the node belongs to another document", what);
    if (m == (xmlNodePtr)d->doc || dom_contains(m, target))
        luaL_error(L, "%s: a node cannot go inside itself", what);
    return m;
}

/* Inserts the chain starting at FIRST (or the single node when SINGLE)
 * into PARENT before BEFORE. */
static void insert_chain(xmlNodePtr parent, xmlNodePtr before, xmlNodePtr first, int single,
                         struct doc_box *d)
{
    for (xmlNodePtr c = first; c;) {
        xmlNodePtr next = single ? NULL : c->next;
        dom_insert(parent, before, c, &d->trash);
        c = next;
    }
}

/* node:append(html_or_node) -> the first node appended (a node argument
 * is moved). [-0, +1, e] */
static int node_append(lua_State *L)
{
    struct doc_box *d;
    xmlNodePtr n = check_node(L, 1, &d);
    int docidx = lua_gettop(L);
    luaL_argexpected(L, lua_type(L, 2) == LUA_TSTRING || lua_type(L, 2) == LUA_TUSERDATA, 2, "string or node");
    if (n->type != XML_ELEMENT_NODE && n != (xmlNodePtr)d->doc)
        return luaL_error(L, "append: not an element");
    xmlNodePtr first = to_insert(L, 2, d, n, "append");
    insert_chain(n, NULL, first, lua_type(L, 2) != LUA_TSTRING, d);
    push_node(L, first, docidx);
    return 1;
}

/* node:replace(html_or_node) -> the first replacing node; the node itself
 * is removed. [-0, +1, e] */
static int node_replace(lua_State *L)
{
    struct doc_box *d;
    xmlNodePtr n = check_node(L, 1, &d);
    int docidx = lua_gettop(L);
    luaL_argexpected(L, lua_type(L, 2) == LUA_TSTRING || lua_type(L, 2) == LUA_TUSERDATA, 2, "string or node");
    check_movable(L, d, n, "replace");
    if (n->parent == NULL)
        return luaL_error(L, "replace: the node is not in a tree");
    xmlNodePtr first = to_insert(L, 2, d, n, "replace");
    if (first == n) {
        push_node(L, n, docidx);
        return 1;
    }
    insert_chain(n->parent, n, first, lua_type(L, 2) != LUA_TSTRING, d);
    if (dom_remove(n, &d->trash) != 0)
        return luaL_error(L, "out of memory");
    push_node(L, first, docidx);
    return 1;
}

/* node:set_text(s): the children give way to one text node. [-0, +0, e] */
static int node_set_text(lua_State *L)
{
    struct doc_box *d;
    xmlNodePtr n = check_node(L, 1, &d);
    size_t len;
    const char *s = luaL_checklstring(L, 2, &len);
    if (n->type == XML_TEXT_NODE || n->type == XML_COMMENT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        xmlNodeSetContentLen(n, (const xmlChar *)s, (int)len);
        return 0;
    }
    if (n->type != XML_ELEMENT_NODE)
        return luaL_error(L, "set_text: not an element");
    if (dom_set_text(n, s, len, &d->trash) != 0)
        return luaL_error(L, "out of memory");
    return 0;
}

/* __eq: the same node of the same document. [-0, +1, -] */
static int node_eq(lua_State *L)
{
    const void *a = NULL, *b = NULL, *da = NULL, *db = NULL;
    for (int i = 1; i <= 2; i++) {
        const void **p = i == 1 ? &a : &b, **dp = i == 1 ? &da : &db;
        struct node_box *nb = luaL_testudata(L, i, NODE_T);
        if (nb) {
            *p = nb->node;
            lua_getiuservalue(L, i, 1);
            *dp = lua_touserdata(L, -1);
            lua_pop(L, 1);
        } else if (luaL_testudata(L, i, DOCUMENT_T)) {
            *p = *dp = lua_touserdata(L, i);
        }
    }
    lua_pushboolean(L, a != NULL && a == b && da == db);
    return 1;
}

/* Counts the characters (UTF-8 code points) of S. */
static size_t utf8_count(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            k++;
    return k;
}

/* __tostring: <p class="x"> 38 chars, text "..." 12 chars, ... [-0, +1, m] */
static int node_tostring(lua_State *L)
{
    struct doc_box *d = luaL_testudata(L, 1, DOCUMENT_T);
    struct node_box *nb = luaL_testudata(L, 1, NODE_T);
    if (nb) {
        lua_getiuservalue(L, 1, 1);
        d = lua_touserdata(L, -1);
    }
    if (d == NULL || d->doc == NULL) {
        lua_pushstring(L, nb ? "quire.Node (document closed)" : "quire.Document (closed)");
        return 1;
    }
    xmlNodePtr n = nb ? nb->node : (xmlNodePtr)d->doc;
    d->buf.len = 0;
    dom_text(n, &d->buf);
    check_buf(L, &d->buf);
    size_t chars = utf8_count(d->buf.data, d->buf.len);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    if (n->type == XML_ELEMENT_NODE) {
        luaL_addchar(&b, '<');
        luaL_addstring(&b, (const char *)n->name);
        static const char *const shown[] = {"id", "class", "href", "src"};
        for (size_t i = 0; i < sizeof shown / sizeof *shown; i++) {
            xmlAttrPtr a = xmlHasProp(n, (const xmlChar *)shown[i]);
            if (a == NULL)
                continue;
            lua_pushfstring(L, " %s=\"", shown[i]);
            luaL_addvalue(&b);
            push_attr_value(L, (xmlNodePtr)a);
            size_t vlen;
            const char *v = lua_tolstring(L, -1, &vlen);
            if (vlen > 40) {
                lua_pushfstring(L, "%s...", lua_pushlstring(L, v, 37));
                lua_remove(L, -2);
                lua_remove(L, -2);
            }
            luaL_addvalue(&b);
            luaL_addchar(&b, '"');
        }
        lua_pushfstring(L, "> %d chars", (int)chars);
        luaL_addvalue(&b);
    } else {
        luaL_addstring(&b, node_type_name(n));
        if (n->type == XML_TEXT_NODE || n->type == XML_COMMENT_NODE) {
            size_t cut = 0, seen = 0;
            while (cut < d->buf.len && seen < 20) {
                cut++;
                while (cut < d->buf.len && ((unsigned char)d->buf.data[cut] & 0xC0) == 0x80)
                    cut++;
                seen++;
            }
            luaL_addstring(&b, " \"");
            luaL_addlstring(&b, d->buf.data ? d->buf.data : "", cut);
            luaL_addstring(&b, cut < d->buf.len ? "...\"" : "\"");
        }
        lua_pushfstring(L, " %d chars", (int)chars);
        luaL_addvalue(&b);
    }
    d->buf.len = 0;
    luaL_pushresult(&b);
    return 1;
}

/* doc:close() / __close / __gc: frees the document now; nodes of it then
 * raise "document is closed". [-0, +0, -] */
static int doc_close(lua_State *L)
{
    struct doc_box *d = luaL_checkudata(L, 1, DOCUMENT_T);
    doc_release(d);
    return 0;
}

/* node:classes() -> {name = true, ...}: every class name on the node or
 * an element below it, split at XML white space (as XPath's
 * normalize-space(@class) splits), so a selector needing a class none has
 * cannot match. [-0, +1, m] */
static int node_classes(lua_State *L)
{
    /* NAMES (optional, at most 64): only these are looked for */
    const char *names[64];
    size_t lens[64];
    int k = -1;
    if (!lua_isnoneornil(L, 2)) {
        luaL_checktype(L, 2, LUA_TTABLE);
        k = (int)lua_rawlen(L, 2);
        luaL_argcheck(L, k <= 64, 2, "at most 64 class names");
        for (int i = 0; i < k; i++) {
            lua_rawgeti(L, 2, i + 1);
            names[i] = luaL_checklstring(L, -1, &lens[i]); /* NAMES holds it */
            lua_pop(L, 1);
        }
    }
    xmlNodePtr node = check_node(L, 1, NULL);
    lua_newtable(L);
    int set = lua_gettop(L);
    /* the node and, in document order, all below it */
    for (xmlNodePtr n = node; n != NULL; n = blk_next(node, n, n->type == XML_ELEMENT_NODE || n == node)) {
        if (n->type == XML_ELEMENT_NODE) {
            for (xmlAttrPtr a = n->properties; a; a = a->next) {
                if (a->ns != NULL || !dom_name_eq((const char *)a->name, "class"))
                    continue;
                push_attr_value(L, (xmlNodePtr)a);
                size_t len;
                const char *v = lua_tolstring(L, -1, &len);
                for (size_t i = 0; i < len;) {
                    while (i < len && (v[i] == ' ' || v[i] == '\t' || v[i] == '\n' || v[i] == '\r'))
                        i++;
                    size_t j = i;
                    while (j < len && v[j] != ' ' && v[j] != '\t' && v[j] != '\n' && v[j] != '\r')
                        j++;
                    int wanted = k < 0;
                    for (int w = 0; w < k && !wanted; w++)
                        wanted = lens[w] == j - i && memcmp(names[w], v + i, j - i) == 0;
                    if (j > i && wanted) {
                        lua_pushlstring(L, v + i, j - i);
                        lua_pushboolean(L, 1);
                        lua_rawset(L, set);
                    }
                    i = j;
                }
                lua_pop(L, 1);
            }
        }
    }
    return 1;
}

/* node:attr_text(name) -> the values of attribute NAME (no namespace, as
 * XPath's @name) on the node and every element below it, joined by NUL
 * bytes: a selector testing that attribute's value for a text the
 * string lacks cannot match. [-0, +1, m] */
static int node_attr_text(lua_State *L)
{
    xmlNodePtr node = check_node(L, 1, NULL);
    const char *name = luaL_checkstring(L, 2);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (xmlNodePtr n = node; n != NULL; n = blk_next(node, n, n->type == XML_ELEMENT_NODE || n == node)) {
        if (n->type == XML_ELEMENT_NODE) {
            for (xmlAttrPtr a = n->properties; a; a = a->next) {
                if (a->ns != NULL || !dom_name_eq((const char *)a->name, name))
                    continue;
                for (xmlNodePtr c = a->children; c; c = c->next)
                    if (c->content)
                        luaL_addstring(&b, (const char *)c->content);
                luaL_addchar(&b, '\0');
            }
        }
    }
    luaL_pushresult(&b);
    return 1;
}

/* ---- simple selectors ---------------------------------------------------- */

/* One compound of a simple selector: a tag (NULL for any element) and
 * class names, joined to the compound before it as a child (CHILD) or a
 * descendant. */
#define SS_MAX 8
struct ss_step {
    const char *tag;
    const char *cls[SS_MAX];
    size_t clen[SS_MAX];
    int ncls, child;
};

/* The longest class name the walks below look for. */
#define SS_NAME_MAX 64

/* Whether the class attribute of E (no namespace, as @class) holds one of
 * the K names NAMES (lengths LENS, each at most SS_NAME_MAX) among its
 * words split at XML white space (normalize-space's split). */
static int ss_has_any_class(xmlNodePtr e, const char *const *names, const size_t *lens, int k)
{
    for (xmlAttrPtr a = e->properties; a; a = a->next) {
        if (a->ns != NULL || !dom_name_eq((const char *)a->name, "class"))
            continue;
        /* the value is its text children in turn; a word never spans two
         * of them in practice, but to be exact, gather it across */
        char word[SS_NAME_MAX];
        size_t n = 0; /* bytes of the current word, SS_NAME_MAX + 1 once too long */
        for (xmlNodePtr c = a->children;; c = c->next) {
            const char *v = c && c->content ? (const char *)c->content : "";
            for (;; v++) {
                int end = c == NULL || *v == ' ' || *v == '\t' || *v == '\n' || *v == '\r';
                if (end && n > 0 && n <= SS_NAME_MAX)
                    for (int i = 0; i < k; i++)
                        if (lens[i] == n && memcmp(names[i], word, n) == 0)
                            return 1;
                if (c == NULL)
                    return 0;
                if (*v == '\0')
                    break;
                if (end)
                    n = 0;
                else if (n < SS_NAME_MAX)
                    word[n++] = *v;
                else
                    n = SS_NAME_MAX + 1;
            }
        }
    }
    return 0;
}

static int ss_match(xmlNodePtr e, const struct ss_step *st)
{
    if (e->type != XML_ELEMENT_NODE)
        return 0;
    if (st->tag && (e->ns != NULL || !dom_name_eq((const char *)e->name, st->tag)))
        return 0;
    for (int i = 0; i < st->ncls; i++)
        if (!ss_has_any_class(e, &st->cls[i], &st->clen[i], 1))
            return 0;
    return 1;
}

/* Whether E matches steps 0..K, the way css.lua's XPath reads them:
 * step K on E, then step K-1 on its parent (child) or on some ancestor
 * (descendant), and so on. */
static int ss_chain(xmlNodePtr e, const struct ss_step *steps, int k)
{
    if (!ss_match(e, &steps[k]))
        return 0;
    if (k == 0)
        return 1;
    if (steps[k].child)
        return e->parent != NULL && ss_chain(e->parent, steps, k - 1);
    for (xmlNodePtr a = e->parent; a != NULL; a = a->parent)
        if (ss_chain(a, steps, k - 1))
            return 1;
    return 0;
}

/* The node after N in a walk of ROOT's subtree in document order, into
 * N's children when DESCEND; NULL at the end. */
static xmlNodePtr ss_next(xmlNodePtr root, xmlNodePtr n, int descend)
{
    if (descend && n->type == XML_ELEMENT_NODE && n->children != NULL)
        return n->children;
    while (n != NULL && n->next == NULL) {
        n = n->parent;
        if (n == root)
            return NULL;
    }
    return n != NULL ? n->next : NULL;
}

/* node:select_simple(steps) -> the elements below the node (document
 * order) that a simple selector picks: STEPS lists its compounds left to
 * right, each {tag = name or nil, child = true after '>', class names...}
 * (at most 8 of each). What css.lua's XPath for the selector selects
 * (descendant::C[...][ancestor::B[...]]), in one walk without building
 * strings per element. [-0, +1, m] */
static int node_select_simple(lua_State *L)
{
    struct doc_box *d;
    xmlNodePtr node = check_node(L, 1, &d);
    int docidx = lua_gettop(L);
    luaL_checktype(L, 2, LUA_TTABLE);
    struct ss_step steps[SS_MAX];
    int nsteps = (int)lua_rawlen(L, 2);
    luaL_argcheck(L, nsteps >= 1 && nsteps <= SS_MAX, 2, "1 to 8 compounds expected");
    for (int i = 0; i < nsteps; i++) {
        /* the strings stay referenced by STEPS while the walk runs */
        lua_rawgeti(L, 2, i + 1);
        luaL_argcheck(L, lua_istable(L, -1), 2, "compounds must be tables");
        struct ss_step *st = &steps[i];
        lua_getfield(L, -1, "tag");
        st->tag = lua_tostring(L, -1);
        lua_getfield(L, -2, "child");
        st->child = lua_toboolean(L, -1);
        lua_pop(L, 2);
        st->ncls = (int)lua_rawlen(L, -1);
        luaL_argcheck(L, st->ncls <= SS_MAX, 2, "at most 8 classes a compound");
        for (int k = 0; k < st->ncls; k++) {
            lua_rawgeti(L, -1, k + 1);
            st->cls[k] = luaL_checklstring(L, -1, &st->clen[k]);
            luaL_argcheck(L, st->clen[k] <= SS_NAME_MAX, 2, "class names of at most 64 bytes");
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
    }
    lua_newtable(L);
    int count = 0;
    for (xmlNodePtr n = node->children; n != NULL; n = ss_next(node, n, 1)) {
        if (n->type == XML_ELEMENT_NODE && ss_chain(n, steps, nsteps - 1)) {
            push_node(L, n, docidx);
            lua_rawseti(L, -2, ++count);
        }
    }
    return 1;
}

/* node:select_any_class(names) -> the outermost elements below the node
 * (document order) whose class holds one of NAMES, a list of at most 32
 * class names: what the selector group ".a, .b, ..." selects, less the
 * matches inside a match, in one walk. [-0, +1, m] */
static int node_select_any_class(lua_State *L)
{
    struct doc_box *d;
    xmlNodePtr node = check_node(L, 1, &d);
    int docidx = lua_gettop(L);
    luaL_checktype(L, 2, LUA_TTABLE);
    const char *names[32];
    size_t lens[32];
    int k = (int)lua_rawlen(L, 2);
    luaL_argcheck(L, k <= 32, 2, "at most 32 class names");
    for (int i = 0; i < k; i++) {
        lua_rawgeti(L, 2, i + 1);
        names[i] = luaL_checklstring(L, -1, &lens[i]); /* NAMES holds it */
        luaL_argcheck(L, lens[i] <= SS_NAME_MAX, 2, "class names of at most 64 bytes");
        lua_pop(L, 1);
    }
    lua_newtable(L);
    int count = 0;
    for (xmlNodePtr n = node->children; n != NULL;) {
        int hit = n->type == XML_ELEMENT_NODE && ss_has_any_class(n, names, lens, k);
        if (hit) {
            push_node(L, n, docidx);
            lua_rawseti(L, -2, ++count);
        }
        n = ss_next(node, n, !hit);
    }
    return 1;
}

/* Whether element N's href is a link within the page ("#ref-CR1"). */
static int is_fragment_link(xmlNodePtr n)
{
    for (xmlAttrPtr a = n->properties; a; a = a->next)
        if (a->ns == NULL && dom_name_eq((const char *)a->name, "href"))
            return a->children != NULL && a->children->content != NULL && a->children->content[0] == '#';
    return 0;
}

/* Whether S (N bytes) reads as a reference marker: numbers with commas,
 * dashes, brackets and spaces ("1", "[12]", "3,4", "5\u20137"). */
static int is_marker_text(const char *s, size_t n)
{
    int digits = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= '0' && c <= '9')
            digits = 1;
        else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0x93)
            i += 2; /* en dash */
        else if (memchr(",-[]() ", c, 7) == NULL)
            return 0;
    }
    return digits;
}

/* Whether text S is empty or only white space. */
static int is_blank(const xmlChar *s)
{
    size_t from, to;
    ustr_trim((const char *)s, strlen((const char *)s), &from, &to);
    return from == to;
}

/* The text below NODE, joined into BUF (CAP bytes): its length, or
 * (size_t)-1 when it does not fit (a marker or an arrow is short). */
static size_t short_text(xmlNodePtr node, char *buf, size_t cap)
{
    size_t len = 0;
    for (xmlNodePtr n = node->children; n != NULL; n = blk_next(node, n, 1)) {
        if (n->type == XML_TEXT_NODE && n->content != NULL) {
            size_t k = strlen((const char *)n->content);
            if (k > cap - len)
                return (size_t)-1;
            memcpy(buf + len, n->content, k);
            len += k;
        }
    }
    return len;
}

/* The reference marker that <sup> SUP is part of, or NULL: SUP itself
 * when its links all point within the page, or the in-page link that
 * holds SUP and nothing else; either way SUP's text is a marker. */
static xmlNodePtr citation_mark(xmlNodePtr sup)
{
    char text[32];
    size_t len = short_text(sup, text, sizeof text);
    if (len == (size_t)-1 || !is_marker_text(text, len))
        return NULL;
    int links = 0;
    for (xmlNodePtr n = sup->children; n != NULL; n = blk_next(sup, n, 1)) {
        if (n->type == XML_ELEMENT_NODE && dom_name_eq((const char *)n->name, "a")) {
            if (!is_fragment_link(n))
                return NULL;
            links++;
        }
    }
    if (links > 0)
        return sup;
    xmlNodePtr a = sup->parent;
    if (a == NULL || a->type != XML_ELEMENT_NODE || !dom_name_eq((const char *)a->name, "a") || !is_fragment_link(a))
        return NULL;
    for (xmlNodePtr c = a->children; c != NULL; c = c->next)
        if (c != sup && !(c->type == XML_TEXT_NODE && c->content != NULL && is_blank(c->content)))
            return NULL; /* the link holds more than the marker */
    return a;
}

/* Whether in-page link A is a footnote's way back: its text only an arrow
 * ("↩", "↩︎", "↑", "^"). */
static int is_back_link(xmlNodePtr a)
{
    char text[16];
    size_t len = short_text(a, text, sizeof text);
    if (len == (size_t)-1)
        return 0;
    size_t from, to;
    ustr_trim(text, len, &from, &to);
    const char *t = text + from;
    size_t n = to - from;
    static const char *const arrows[] = {"\xE2\x86\xA9", "\xE2\x86\xA9\xEF\xB8\x8E", "\xE2\x86\x91", "^"};
    for (size_t i = 0; i < sizeof arrows / sizeof *arrows; i++)
        if (n == strlen(arrows[i]) && memcmp(t, arrows[i], n) == 0)
            return 1;
    return 0;
}

/* node:citation_marks() -> the reference markers below the node, in
 * document order: each <sup> whose text is only numbers ("1", "[2]",
 * "3,4") linking within the page (Nature's, Wikipedia's, Markdown
 * footnotes), or the in-page link around such a <sup>; and a footnote's
 * link back, an in-page link that is only an arrow ("↩"). Left in, the
 * markers glue to the word before: "years ago1". [-0, +1, m] */
static int node_citation_marks(lua_State *L)
{
    struct doc_box *d;
    xmlNodePtr node = check_node(L, 1, &d);
    int docidx = lua_gettop(L);
    lua_newtable(L);
    /* the parser keeps element names in the document's dictionary: no
     * "sup" there, no marker to look for (a footnote's way back comes
     * with its marker) */
    if (d->doc->dict != NULL && xmlDictExists(d->doc->dict, (const xmlChar *)"sup", 3) == NULL)
        return 1;
    int count = 0;
    for (xmlNodePtr n = node->children; n != NULL;) {
        xmlNodePtr hit = NULL;
        if (n->type == XML_ELEMENT_NODE && n->ns == NULL && dom_name_eq((const char *)n->name, "sup"))
            hit = citation_mark(n);
        else if (n->type == XML_ELEMENT_NODE && n->ns == NULL && dom_name_eq((const char *)n->name, "a") &&
                 is_fragment_link(n) && is_back_link(n))
            hit = n;
        if (hit) {
            push_node(L, hit, docidx);
            lua_rawseti(L, -2, ++count);
        }
        n = ss_next(node, n, hit == NULL);
    }
    return 1;
}

/* ---- the cleaner's block walk ------------------------------------------ */

/* node:clean_blocks(cfg, st, sh) is lua/quire/clean.lua's walk over the
 * children of a node in one C pass: it prunes what is never text (by
 * tag, hidden attributes, role, class and id words), turns leaves and
 * runs of inline content into blocks of the document's article (src/
 * article.h: C, no Lua table each), and descends into containers with a
 * new shadow; SH is the index of the shadow the node's children go in
 * (dom.art_shadow makes the first). Removals add to st.counts, or with
 * st.explain go through cfg.removal(st, rule, nil, path, text); pruned
 * nodes leave the document when the walk ends. st.body_bytes is the
 * length of the document's text, or nil for the walk to measure it when
 * first needed (before its removals, so the same). The word and tag sets
 * are cfg's tables (cfg.invisible, furniture, strong, weak, positive,
 * roles, leaf, block, no_hints). Lua patterns and XPath the walk used are
 * noted beside the C that replaces them (see blocks.h). */

enum { WS_INVISIBLE, WS_FURNITURE, WS_STRONG, WS_WEAK, WS_POSITIVE, WS_ROLES,
       WS_LEAF, WS_BLOCK, WS_NO_HINTS, WS_WRAPPERS, WS_COMMENT_TYPES, WS_N };
static const char *const walk_sets[WS_N] = {"invisible", "furniture", "strong", "weak",
                                            "positive", "roles", "leaf", "block", "no_hints",
                                            "wrappers", "comment_types"};
/* the sets from here on may be absent (an empty set) */
#define WS_OPTIONAL WS_WRAPPERS

/* Scratch buffers of the document box the walk uses. */
enum { WB_TEXT, WB_PART, WB_LINK, WB_OUT, WB_RUN, WB_IMGS, WB_HTML, WB_REMOVED, WB_SCORES, WB_PATH, WB_N };

/* The good text below the container at one depth of the walk: what
 * clean.lua's choose_main sums up from its shadow's T and S. */
struct bw_score {
    double T, S;
    int added; /* some block added to them */
};

struct bwalk {
    lua_State *L;
    struct doc_box *d;
    struct article *art;
    int docidx, stidx, countsidx, removalidx;
    int sets[WS_N];
    int explain, raw;
    int forms; /* whether the document may hold a <form> (see bw_signup_box) */
    lua_Integer body_bytes; /* -1 until measured */
    size_t scored; /* blocks measured and scored so far */
    int depth; /* containers entered */
    /* set membership of the tag names met so far: a small open-addressed
     * table by name (nodes, so their names, outlive the walk) */
    struct {
        const char *name;
        unsigned known, in; /* bit per set */
    } tags[64];
    int ntags;
};

static struct dom_buf *wbuf(struct bwalk *w, int which)
{
    return &w->d->walk[which];
}
/* Whether KEY (LEN bytes) is a key with a true value in set S. */
static int bw_in(struct bwalk *w, int s, const char *key, size_t len)
{
    lua_State *L = w->L;
    lua_pushlstring(L, key, len);
    int in = lua_gettable(L, w->sets[s]) != LUA_TNIL && lua_toboolean(L, -1);
    lua_pop(L, 1);
    return in;
}

static int bw_in_tag(struct bwalk *w, int s, const xmlChar *tag)
{
    const char *name = (const char *)tag;
    unsigned h = 2166136261u;
    for (const char *p = name; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    unsigned mask = sizeof w->tags / sizeof *w->tags - 1, i = h & mask;
    while (w->tags[i].name != NULL && w->tags[i].name != name && !dom_name_eq(w->tags[i].name, name))
        i = (i + 1) & mask;
    if (w->tags[i].name == NULL) {
        /* kept half empty, so probes stay short; past that, ask the set */
        if (w->ntags >= (int)(mask + 1) / 2)
            return bw_in(w, s, name, strlen(name));
        w->tags[i].name = name;
        w->tags[i].known = w->tags[i].in = 0;
        w->ntags++;
    }
    unsigned bit = 1u << s;
    if (!(w->tags[i].known & bit)) {
        if (bw_in(w, s, name, strlen(name)))
            w->tags[i].in |= bit;
        w->tags[i].known |= bit;
    }
    return (w->tags[i].in & bit) != 0;
}

static int bw_block_tag(void *ud, const xmlChar *tag)
{
    return bw_in_tag(ud, WS_BLOCK, tag);
}

/* The visible text of N (dom_text) into buffer WHICH, emptied first. */
static struct dom_buf *bw_text(struct bwalk *w, xmlNodePtr n, int which)
{
    struct dom_buf *b = wbuf(w, which);
    b->len = 0;
    dom_text(n, b);
    check_buf(w->L, b);
    return b;
}

static int bw_blank(const char *s, size_t len)
{
    size_t from, to;
    ustr_trim(s, len, &from, &to);
    return from == to;
}

/* Raises "out of memory" when the article could not grow. */
static void bw_check_art(struct bwalk *w)
{
    if (w->art->oom) {
        w->art->oom = 0;
        luaL_error(w->L, "out of memory");
    }
}

/* The Lua walk's "math.min(1, lb / n)" as block B's ld: a float under 1,
 * else the integer 1 (math.min returns its first argument on a tie). */
static void bw_set_ld(struct art_block *b, lua_Integer lb, lua_Integer n)
{
    double x = (double)lb / (double)n;
    b->ld_int = !(x < 1);
    b->ld = x < 1 ? x : 1;
}


/* A removal by the rule at RULE (a stack index) that the walk or the pass
 * reports: without EXPLAIN it adds one to the rule's count in the table at
 * COUNTS (st.counts); with it, it calls the function at REMOVAL as
 * removal(st, rule, nil, path, text), with ST, PATH (a stack index, 0 for
 * nil) and TEXT (LEN bytes). [-0, +0, e] */
static void report_removal(lua_State *L, int rule, int counts, int explain, int removal, int st, int path,
                           const char *text, size_t len)
{
    if (!explain) {
        lua_pushvalue(L, rule);
        lua_pushvalue(L, rule);
        lua_Integer n = lua_rawget(L, counts) == LUA_TNUMBER ? lua_tointeger(L, -1) : 0;
        lua_pop(L, 1);
        lua_pushinteger(L, n + 1);
        lua_rawset(L, counts);
        return;
    }
    lua_pushvalue(L, removal);
    lua_pushvalue(L, st);
    lua_pushvalue(L, rule);
    lua_pushnil(L);
    if (path)
        lua_pushvalue(L, path);
    else
        lua_pushnil(L);
    lua_pushlstring(L, text, len);
    lua_call(L, 5, 0);
}

/* The rule for a removal is at the top; counts it, or with explain calls
 * cfg.removal(st, rule, nil, path, text) with the text of N (or TEXT,
 * LEN when TEXT is not NULL) and the path at PATHIDX (0: none). Pops the
 * rule. [-1, +0, e] */
static void bw_removal(struct bwalk *w, xmlNodePtr n, const char *text, size_t len, int pathidx)
{
    if (text == NULL && w->explain) {
        struct dom_buf *b = bw_text(w, n, WB_LINK);
        text = b->data ? b->data : "";
        len = b->len;
    }
    report_removal(w->L, lua_gettop(w->L), w->countsidx, w->explain, w->removalidx, w->stidx, pathidx,
                   text ? text : "", len);
    lua_pop(w->L, 1);
}

/* The path of shadow SH (path_of in clean.lua: its own, or its parent's
 * and "/tag[idx]"), made once and kept on the shadow. */
static struct art_str bw_shadow_path(struct bwalk *w, int sh)
{
    struct article *art = w->art;
    if (sh < 0)
        return art_add_str(art, "", 0);
    if (art->shadows[sh].path.set)
        return art->shadows[sh].path;
    struct art_str parent = bw_shadow_path(w, art->shadows[sh].parent);
    struct art_shadow *s = &art->shadows[sh];
    struct dom_buf *b = wbuf(w, WB_PATH);
    b->len = 0;
    dom_buf_add(b, art_bytes(art, parent), parent.len);
    char num[32];
    snprintf(num, sizeof num, "[%d]", s->idx);
    dom_buf_add(b, "/", 1);
    dom_buf_add(b, art_bytes(art, s->tag), s->tag.len);
    dom_buf_addstr(b, num);
    check_buf(w->L, b);
    struct art_str p = art_add_str(art, b->data, b->len);
    bw_check_art(w);
    art->shadows[sh].path = p;
    return p;
}

/* path_of(sh) .. SUFFIX, or with TAG path_of(sh) .. "/" .. tag .. "[" ..
 * idx .. "]" (node_path in clean.lua), into the arena; none unless
 * explaining. */
static struct art_str bw_path(struct bwalk *w, int sh, const xmlChar *tag, int idx, const char *suffix)
{
    struct art_str none = {0, 0, 0};
    if (!w->explain)
        return none;
    struct art_str base = bw_shadow_path(w, sh);
    struct dom_buf *b = wbuf(w, WB_PATH);
    b->len = 0;
    dom_buf_add(b, art_bytes(w->art, base), base.len);
    if (tag) {
        char num[32];
        snprintf(num, sizeof num, "[%d]", idx);
        dom_buf_add(b, "/", 1);
        dom_buf_addstr(b, (const char *)tag);
        dom_buf_addstr(b, num);
    } else {
        dom_buf_addstr(b, suffix);
    }
    check_buf(w->L, b);
    struct art_str p = art_add_str(w->art, b->data, b->len);
    bw_check_art(w);
    return p;
}

/* Pushes bw_path's path as a string; nil unless explaining. [-0, +1, e] */
static void bw_push_path(struct bwalk *w, int sh, const xmlChar *tag, int idx, const char *suffix)
{
    struct art_str p = bw_path(w, sh, tag, idx, suffix);
    if (p.set)
        lua_pushlstring(w->L, art_bytes(w->art, p), p.len);
    else
        lua_pushnil(w->L);
}

/* What bw_links gathers while dom_each_link walks. */
struct bw_links {
    struct bwalk *w;
    int links, imgs; /* links: gather links and count their bytes; imgs: collect <img>s */
    lua_Integer bytes;
};

/* An <a>'s http(s) href and its text as a link of the article. */
static void bw_add_link(struct bwalk *w, xmlNodePtr n, const char *text, size_t len)
{
    xmlAttrPtr a = xmlHasProp(n, (const xmlChar *)"href");
    if (a == NULL)
        return;
    struct dom_buf *h = wbuf(w, WB_PATH);
    h->len = 0;
    for (xmlNodePtr c = a->children; c; c = c->next)
        if (c->content)
            dom_buf_addstr(h, (const char *)c->content);
    check_buf(w->L, h);
    const char *s = h->data ? h->data : "";
    if ((h->len >= 7 && memcmp(s, "http://", 7) == 0) || (h->len >= 8 && memcmp(s, "https://", 8) == 0)) {
        struct art_str href = art_add_str(w->art, s, h->len);
        struct art_str t = art_add_str(w->art, text, len);
        art_add_link(w->art, href, t);
        bw_check_art(w);
    }
}

/* One <a> or <img>: as link_visit (node:link_stats) plus the trim the
 * Lua walk gave each link's text. */
static void bw_link_visit(void *ud, xmlNodePtr n)
{
    struct bw_links *lw = ud;
    struct bwalk *w = lw->w;
    if (n->name[0] == 'i') { /* img */
        if (lw->imgs)
            dom_buf_add(wbuf(w, WB_IMGS), (const char *)&n, sizeof n);
        return;
    }
    if (!lw->links)
        return;
    struct dom_buf *b = bw_text(w, n, WB_LINK);
    if (!dom_is_url_text(b->data, b->len))
        lw->bytes += (lua_Integer)b->len;
    size_t from, to;
    ustr_trim(b->data, b->len, &from, &to);
    bw_add_link(w, n, b->data + from, to - from);
}

/* Link bytes below N, its http(s) links appended to the article's (when
 * LINKS; else no bytes are counted either), its <img>s to WB_IMGS when
 * IMGS. */
static lua_Integer bw_links(struct bwalk *w, xmlNodePtr n, int links, int imgs)
{
    struct bw_links lw = {w, links, imgs, 0};
    dom_each_link(n, bw_link_visit, &lw);
    check_buf(w->L, wbuf(w, WB_IMGS));
    return lw.bytes;
}

/* A new block of KIND with text TEXT (LEN bytes, copied) in shadow SH:
 * its index. */
static size_t bw_new_block(struct bwalk *w, int kind, const char *text, size_t len, int sh)
{
    struct art_str t = art_add_str(w->art, text, len);
    long i = art_add_block(w->art, kind, t, sh);
    bw_check_art(w);
    if (i < 0)
        luaL_error(w->L, "out of memory");
    return (size_t)i;
}

static struct art_block *bw_blk(struct bwalk *w, size_t i)
{
    return &w->art->blocks[i];
}

/* A list or table block over C with WB_TEXT as its text: its links (with
 * images among them when IMGS), link density, node and path. Returns
 * its index for the caller's own fields. */
static size_t bw_shaped_block(struct bwalk *w, int kind, xmlNodePtr c, int sh, struct art_str path, int imgs)
{
    struct dom_buf *t = wbuf(w, WB_TEXT);
    lua_Integer tl = (lua_Integer)t->len;
    size_t lstart = w->art->nlinks;
    lua_Integer lb = bw_links(w, c, 1, imgs);
    size_t i = bw_new_block(w, kind, t->data, t->len, sh);
    struct art_block *b = bw_blk(w, i);
    b->links = lstart;
    b->nlinks = w->art->nlinks - lstart;
    bw_set_ld(b, lb, tl > 1 ? tl : 1);
    b->node = c;
    b->path = path;
    return i;
}

/* '<p>' .. escape_html(S) .. '</p>' into the arena. */
static struct art_str bw_p_html(struct bwalk *w, const char *s, size_t len)
{
    struct dom_buf *b = wbuf(w, WB_OUT);
    b->len = 0;
    dom_buf_add(b, "<p>", 3);
    dom_buf_add_escaped(b, s, len);
    dom_buf_add(b, "</p>", 4);
    check_buf(w->L, b);
    struct art_str h = art_add_str(w->art, b->data, b->len);
    bw_check_art(w);
    b->len = 0;
    return h;
}

/* The value of attribute A into the arena. */
static struct art_str bw_attr(struct bwalk *w, xmlAttrPtr a)
{
    struct dom_buf *b = wbuf(w, WB_OUT);
    b->len = 0;
    for (xmlNodePtr c = a->children; c; c = c->next)
        if (c->content)
            dom_buf_addstr(b, (const char *)c->content);
    check_buf(w->L, b);
    struct art_str v = art_add_str(w->art, b->data, b->len);
    bw_check_art(w);
    b->len = 0;
    return v;
}

/* An image block for IMG (image_block in the Lua walk): the address is
 * the first of src, data-src, data-original, data-actualsrc (Zhihu) and
 * data-lazy-src that is neither empty nor a data: placeholder, as lazy
 * loading leaves them; no block without one. CAPTION: the caption (not
 * set: none). */
static void bw_image(struct bwalk *w, xmlNodePtr img, int sh, struct art_str path, struct art_str caption)
{
    static const char *const names[] = {"src", "data-src", "data-original", "data-actualsrc",
                                        "data-lazy-src"};
    struct art_str src = {0, 0, 0};
    for (size_t i = 0; i < sizeof names / sizeof *names && !src.set; i++) {
        xmlAttrPtr a = xmlHasProp(img, (const xmlChar *)names[i]);
        if (a == NULL)
            continue;
        struct art_str v = bw_attr(w, a);
        const char *s = art_bytes(w->art, v);
        if (v.len > 0 && !(v.len >= 5 && memcmp(s, "data:", 5) == 0))
            src = v;
    }
    if (!src.set)
        return;
    xmlAttrPtr alt = xmlHasProp(img, (const xmlChar *)"alt");
    struct art_str altv = alt ? bw_attr(w, alt) : art_add_str(w->art, "", 0);
    struct art_str text = caption.set ? caption : art_add_str(w->art, "", 0);
    bw_check_art(w);
    long i = art_add_block(w->art, AK_IMAGE, text, sh);
    bw_check_art(w);
    if (i < 0)
        luaL_error(w->L, "out of memory");
    struct art_block *b = bw_blk(w, (size_t)i);
    b->node = img;
    b->src = src;
    b->alt = altv;
    b->caption = caption;
    b->path = path;
}

/* Image blocks for the <img>s gathered in WB_IMGS, which it empties. */
static void bw_images(struct bwalk *w, int sh, struct art_str path)
{
    struct dom_buf *b = wbuf(w, WB_IMGS);
    size_t n = b->len / sizeof(xmlNodePtr);
    struct art_str none = {0, 0, 0};
    for (size_t i = 0; i < n; i++) {
        xmlNodePtr img;
        memcpy(&img, b->data + i * sizeof img, sizeof img);
        bw_image(w, img, sh, path, none);
    }
    b->len = 0;
}

/* text_blocks in the Lua walk: a paragraph-like block of KIND from the
 * text in WB_TEXT, made under the node N, or with RUN (COUNT nodes, at
 * RUNAT in the article's nodes) a run of nodes. Returns the block's index
 * plus one when it made one block (not split at line breaks), else 0. */
static size_t bw_text_blocks(struct bwalk *w, int kind, xmlNodePtr n, int sh, struct art_str path,
                             xmlNodePtr *run, size_t count, size_t runat, int imgs)
{
    size_t lstart = w->art->nlinks;
    lua_Integer lb = 0;
    if (run) {
        for (size_t i = 0; i < count; i++) {
            if (run[i]->type != XML_ELEMENT_NODE)
                continue;
            if (dom_name_eq((const char *)run[i]->name, "img")) {
                if (imgs)
                    dom_buf_add(wbuf(w, WB_IMGS), (const char *)&run[i], sizeof run[i]);
            } else {
                lb += bw_links(w, run[i], 1, imgs);
            }
        }
        check_buf(w->L, wbuf(w, WB_IMGS));
    } else {
        lb = bw_links(w, n, 1, imgs);
    }
    size_t nlinks = w->art->nlinks - lstart;
    struct dom_buf *t = wbuf(w, WB_TEXT);
    const char *text = t->data;
    size_t total = t->len;
    if (kind == AK_PARA && total > 0 && memchr(text, '\n', total) != NULL) {
        /* text:gmatch("[^\n]+"), each line trimmed, empty ones left out */
        int first = 1;
        for (size_t i = 0; i < total;) {
            const char *nl = memchr(text + i, '\n', total - i);
            size_t e = nl ? (size_t)(nl - t->data) : total;
            size_t from, to;
            ustr_trim(t->data + i, e - i, &from, &to);
            if (to > from) {
                struct art_str html = bw_p_html(w, t->data + i + from, to - from);
                size_t bi = bw_new_block(w, AK_PARA, t->data + i + from, to - from, sh);
                struct art_block *b = bw_blk(w, bi);
                b->node = n;
                bw_set_ld(b, lb, (lua_Integer)total);
                if (first) {
                    b->links = lstart;
                    b->nlinks = nlinks;
                }
                b->path = path;
                b->html = html;
                b->split = 1;
                first = 0;
            }
            i = e + 1;
        }
        return 0;
    }
    size_t from, to;
    ustr_trim(text, total, &from, &to);
    if (from == to)
        return 0;
    size_t bi = bw_new_block(w, kind, text + from, to - from, sh);
    struct art_block *b = bw_blk(w, bi);
    if (run) {
        b->nodes = runat;
        b->nnodes = count;
    } else {
        b->node = n;
    }
    if (total > 0) /* (else 0, as the block starts) */
        bw_set_ld(b, lb, (lua_Integer)total);
    b->links = lstart;
    b->nlinks = nlinks;
    b->path = path;
    return bi + 1;
}

/* flush in the Lua walk: the run of inline nodes gathered in WB_RUN
 * becomes a paragraph (its html the nodes' own, in <p>) and image blocks,
 * or only image blocks when it has no text. */
static void bw_flush(struct bwalk *w, int sh)
{
    struct dom_buf *rb = wbuf(w, WB_RUN);
    size_t count = rb->len / sizeof(xmlNodePtr);
    if (count == 0)
        return;
    /* the run leaves WB_RUN (nothing below adds to it) for the article's nodes */
    size_t runat = w->art->nnodes;
    for (size_t i = 0; i < count; i++) {
        xmlNodePtr c;
        memcpy(&c, rb->data + i * sizeof c, sizeof c);
        art_add_node(w->art, c);
    }
    bw_check_art(w);
    rb->len = 0;
    xmlNodePtr *run = w->art->nodes + runat;
    struct dom_buf *t = wbuf(w, WB_TEXT);
    t->len = 0;
    dom_text_run(run, count, t);
    check_buf(w->L, t);
    struct art_str path = bw_path(w, sh, NULL, 0, "/text()");
    wbuf(w, WB_IMGS)->len = 0;
    if (!bw_blank(t->data, t->len)) {
        size_t made = bw_text_blocks(w, AK_PARA, run[0], sh, path, run, count, runat, 1);
        if (made) {
            run = w->art->nodes + runat;
            struct dom_buf *h = wbuf(w, WB_HTML);
            h->len = 0;
            dom_buf_add(h, "<p>", 3);
            size_t start = h->len;
            for (size_t i = 0; i < count; i++)
                dom_html(w->d->doc, run[i], 1, h);
            check_buf(w->L, h);
            size_t from, to;
            ustr_trim(h->data + start, h->len - start, &from, &to);
            memmove(h->data + start, h->data + start + from, to - from);
            h->len = start + (to - from);
            dom_buf_add(h, "</p>", 4);
            check_buf(w->L, h);
            struct art_str html = art_add_str(w->art, h->data, h->len);
            bw_check_art(w);
            h->len = 0;
            bw_blk(w, made - 1)->html = html;
        }
    } else {
        for (size_t i = 0; i < count; i++) {
            xmlNodePtr c = w->art->nodes[runat + i];
            if (c->type != XML_ELEMENT_NODE)
                continue;
            if (dom_name_eq((const char *)c->name, "img"))
                dom_buf_add(wbuf(w, WB_IMGS), (const char *)&c, sizeof c);
            else
                bw_links(w, c, 0, 1);
        }
        check_buf(w->L, wbuf(w, WB_IMGS));
    }
    bw_images(w, sh, path);
}

static int is_heading_tag(const char *tag)
{
    return tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6' && tag[2] == '\0';
}

/* Whether class word WORD (N bytes, lower case) only names what element C
 * is: "list" on a list (WordPress gives every list block the class
 * wp-block-list), "head" or "header" on a heading or on a box holding
 * only a heading (a box's title bar, "colBoxHead" > h2: the heading then
 * reaches the line rules, which know "関連記事" opens a related list). It
 * hints at nothing. */
static int names_own_kind(xmlNodePtr c, const char *word, size_t n)
{
    const char *tag = (const char *)c->name;
    if (n == 4 && memcmp(word, "list", 4) == 0)
        return dom_name_eq(tag, "ul") || dom_name_eq(tag, "ol") || dom_name_eq(tag, "dl");
    if (!((n == 4 && memcmp(word, "head", 4) == 0) || (n == 6 && memcmp(word, "header", 6) == 0)))
        return 0;
    if (is_heading_tag(tag))
        return 1;
    xmlNodePtr only = NULL;
    for (xmlNodePtr k = c->children; k != NULL; k = k->next) {
        if (k->type == XML_ELEMENT_NODE) {
            if (only != NULL)
                return 0;
            only = k;
        } else if (k->type == XML_TEXT_NODE && k->content != NULL && !is_blank(k->content)) {
            return 0;
        }
    }
    return only != NULL && is_heading_tag((const char *)only->name);
}

/* Pushes the hint of the class and id values at CLASSIDX, IDIDX (nils
 * allowed) of element C: "strong", "positive", "weak" or nil; the
 * deciding word or nil; for "strong" the positive word or nil. Words are
 * looked up in cfg.positive, then strong, then weak (less those that only
 * name the element's kind); the last positive word counts, and the first
 * strong or weak one. [-0, +3, m] */
static void bw_push_hint(struct bwalk *w, xmlNodePtr c, int classidx, int ididx)
{
    lua_State *L = w->L;
    lua_pushnil(L);
    lua_pushnil(L);
    lua_pushnil(L);
    int pos = lua_gettop(L) - 2, strong = pos + 1, weak = pos + 2;
    int idxs[2] = {classidx, ididx};
    struct dom_buf *b = wbuf(w, WB_OUT);
    for (int k = 0; k < 2; k++) {
        size_t len;
        const char *s = lua_tolstring(L, idxs[k], &len);
        if (s == NULL)
            continue;
        b->len = 0;
        dom_buf_add(b, s, len); /* room for a word */
        check_buf(L, b);
        size_t at = 0, n;
        while ((n = blk_next_word(s, len, &at, b->data)) > 0) {
            lua_pushlstring(L, b->data, n);
            int wi = lua_gettop(L);
            lua_pushvalue(L, wi);
            int in_pos = lua_gettable(L, w->sets[WS_POSITIVE]) != LUA_TNIL && lua_toboolean(L, -1);
            lua_pop(L, 1);
            if (in_pos) {
                lua_replace(L, pos);
                continue;
            }
            if (bw_in(w, WS_STRONG, b->data, n)) {
                if (lua_isnil(L, strong))
                    lua_replace(L, strong);
                else
                    lua_pop(L, 1);
            } else if (lua_isnil(L, weak) && bw_in(w, WS_WEAK, b->data, n) && !names_own_kind(c, b->data, n)) {
                lua_replace(L, weak);
            } else {
                lua_pop(L, 1);
            }
        }
    }
    const char *h = NULL;
    int word = 0, extra = 0;
    if (!lua_isnil(L, strong))
        h = "strong", word = strong, extra = pos;
    else if (!lua_isnil(L, pos))
        h = "positive", word = pos;
    else if (!lua_isnil(L, weak))
        h = "weak", word = weak;
    if (h)
        lua_pushstring(L, h);
    else
        lua_pushnil(L);
    if (word)
        lua_pushvalue(L, word);
    else
        lua_pushnil(L);
    if (extra)
        lua_pushvalue(L, extra);
    else
        lua_pushnil(L);
    lua_replace(L, weak);
    lua_replace(L, strong);
    lua_replace(L, pos);
}

/* Removes pruned node C at the end of the walk: until then the document
 * stays as it was, which nothing the walk reads can tell apart (it never
 * looks into a pruned node, and a node's removal touched only itself),
 * and the body's text can be measured when first needed. */
static void bw_remove(struct bwalk *w, xmlNodePtr c)
{
    struct dom_buf *b = wbuf(w, WB_REMOVED);
    dom_buf_add(b, (const char *)&c, sizeof c);
    check_buf(w->L, b);
}

/* The byte length of the document's visible text (#doc:text()), measured
 * once, on first need. */
static lua_Integer bw_body_bytes(struct bwalk *w)
{
    if (w->body_bytes < 0) {
        struct dom_buf *b = bw_text(w, (xmlNodePtr)w->d->doc, WB_HTML);
        w->body_bytes = (lua_Integer)b->len;
        b->len = 0;
    }
    return w->body_bytes;
}

/* The attributes prune reads, in attrs() order of precedence (the last
 * of a name wins). */
enum { PA_CLASS, PA_ID, PA_ROLE, PA_STYLE, PA_HIDDEN, PA_ARIA, PA_ITEMTYPE, PA_ITEMPROP, PA_N };

/* HTML's white space, which separates the words of an attribute value. */
static int is_html_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

/* Whether schema.org microdata marks the element as a reader's comment:
 * an itemtype URL whose last path part is in cfg.comment_types
 * ("Comment" of http://schema.org/Comment), or "comment" among its
 * itemprop words. Both attributes may hold several words. */
static int bw_is_comment(struct bwalk *w, int typeidx, int propidx)
{
    lua_State *L = w->L;
    for (int k = 0; k < 2; k++) {
        size_t n;
        const char *v = lua_tolstring(L, k == 0 ? typeidx : propidx, &n);
        for (size_t at = 0; v != NULL && at < n;) {
            while (at < n && is_html_space(v[at]))
                at++;
            size_t from = at;
            while (at < n && !is_html_space(v[at]))
                if (v[at++] == '/' && k == 0)
                    from = at;
            if (at == from)
                continue;
            if (k == 1) {
                if (at - from == 7 && memcmp(v + from, "comment", 7) == 0)
                    return 1;
                continue;
            }
            lua_pushlstring(L, v + from, at - from);
            int in = lua_gettable(L, w->sets[WS_COMMENT_TYPES]) != LUA_TNIL && lua_toboolean(L, -1);
            lua_pop(L, 1);
            if (in)
                return 1;
        }
    }
    return 0;
}

/* Whether the itemprop value at PROPIDX names the text of a schema.org
 * item (articleBody, or the text of an Answer): the page says it is the
 * content, whatever its class words say (Zhihu's answers sit in a
 * "CopyrightRichText" span). */
static int bw_is_body_prop(lua_State *L, int propidx)
{
    size_t n;
    const char *v = lua_tolstring(L, propidx, &n);
    for (size_t at = 0; v != NULL && at < n;) {
        while (at < n && is_html_space(v[at]))
            at++;
        size_t from = at;
        while (at < n && !is_html_space(v[at]))
            at++;
        if ((at - from == 11 && memcmp(v + from, "articleBody", 11) == 0) ||
            (at - from == 4 && memcmp(v + from, "text", 4) == 0))
            return 1;
    }
    return 0;
}

/* Whether wrapper C (a <form>) is small: under 60% of the body's text and
 * under 400 bytes of its own, which a search box or a sign-up form is. */
static int bw_small_wrapper(struct bwalk *w, xmlNodePtr c)
{
    size_t n = bw_text(w, c, WB_PART)->len;
    return n < 400 && (double)n < (double)bw_body_bytes(w) * 0.6;
}

/* Whether FORM asks for an e-mail address: an <input type="email">
 * below it. */
static int form_asks_email(xmlNodePtr form)
{
    for (xmlNodePtr n = form->children; n != NULL; n = blk_next(form, n, n->type == XML_ELEMENT_NODE)) {
        if (n->type == XML_ELEMENT_NODE && xmlStrcasecmp(n->name, (const xmlChar *)"input") == 0) {
            xmlChar *type = xmlGetProp(n, (const xmlChar *)"type");
            int email = type != NULL && xmlStrcasecmp(type, (const xmlChar *)"email") == 0;
            xmlFree(type);
            if (email)
                return 1;
        }
    }
    return 0;
}

/* Whether C is a newsletter's sign-up box: a child <form> asks for an
 * e-mail address, and C, the form with its pitch and fine print around
 * it, is small as a wrapper is (F.A.Z.'s "nl-Teaser" between two
 * paragraphs). Without this the form went and its pitch stayed. */
static int bw_signup_box(struct bwalk *w, xmlNodePtr c)
{
    for (xmlNodePtr f = c->children; f != NULL; f = f->next)
        if (f->type == XML_ELEMENT_NODE && dom_name_eq((const char *)f->name, "form") && form_asks_email(f))
            return bw_small_wrapper(w, c);
    return 0;
}

/* Whether the LEN bytes at S hold WORD (lower case ASCII) in any case. */
static int has_nocase(const char *s, size_t len, const char *word)
{
    size_t n = strlen(word);
    for (size_t i = 0; i + n <= len; i++) {
        size_t k = 0;
        while (k < n && tolower((unsigned char)s[i + k]) == word[k])
            k++;
        if (k == n)
            return 1;
    }
    return 0;
}

/* Whether S is only a duration ("2:31", "03:12", "1:05:33"), white
 * space around it aside. */
static int is_duration(const xmlChar *s)
{
    while (dom_is_lua_space(*s))
        s++;
    int digits = 0, groups = 0;
    for (; isdigit(*s) || *s == ':'; s++) {
        if (*s == ':') {
            if (digits == 0 || (groups > 0 && digits != 2))
                return 0;
            groups++;
            digits = 0;
        } else if (++digits > 2) {
            return 0;
        }
    }
    while (dom_is_lua_space(*s))
        s++;
    return *s == '\0' && groups >= 1 && groups <= 2 && digits == 2;
}

/* Whether a text below C is only a duration (the player's "02:31"). */
static int holds_duration(xmlNodePtr c)
{
    for (xmlNodePtr n = c->children; n != NULL; n = blk_next(c, n, n->type == XML_ELEMENT_NODE))
        if (n->type == XML_TEXT_NODE && n->content != NULL && is_duration(n->content))
            return 1;
    return 0;
}

/* Whether C, of class CLS (N bytes), is a video player's box: the class
 * names a video or a player, a text in it is only the video's length,
 * and its text is short (franceinfo's "c-video-embed", 懂球帝's
 * "video-box": "02:31" and the video's title, which labels the player
 * and is no article text). */
static int bw_video_box(struct bwalk *w, xmlNodePtr c, const char *cls, size_t n)
{
    if (cls == NULL || !(has_nocase(cls, n, "video") || has_nocase(cls, n, "player")) || !holds_duration(c))
        return 0;
    struct dom_buf *t = bw_text(w, c, WB_PART);
    return t->len <= 200 && (double)t->len < (double)bw_body_bytes(w) * 0.6;
}

/* Bytes of text (less white space at the ends of each text node) in N
 * and the siblings after it (FORWARD) or before it, up to a block
 * element; counting stops at ENOUGH. */
static size_t run_text(xmlNodePtr n, int forward, size_t enough)
{
    size_t sum = 0;
    for (; n != NULL && sum < enough; n = forward ? n->next : n->prev) {
        if (n->type == XML_ELEMENT_NODE && dom_is_block(n->name))
            break;
        for (xmlNodePtr t = n; t != NULL && sum < enough; t = blk_next(n, t, 1)) {
            if (t->type == XML_TEXT_NODE && t->content != NULL) {
                size_t from, to;
                ustr_trim((const char *)t->content, strlen((const char *)t->content), &from, &to);
                sum += to - from;
            }
        }
    }
    return sum;
}

/* Whether inline element C is a word or two of a sentence: the inline
 * content around it, up to the blocks before and after, holds 40 bytes
 * of text besides C's ("a <span class=count>5</span> count and a <span
 * class=date>May 5</span> date" in a <div>). A class word such as count
 * or date does not make it furniture then; "By <span class=author>"
 * has too little around it to count. */
static int bw_in_sentence(xmlNodePtr c)
{
    if (dom_is_block(c->name))
        return 0;
    size_t before = run_text(c->prev, 0, 40);
    return before >= 40 || before + run_text(c->next, 1, 40 - before) >= 40;
}

/* Bytes of S that are not white space. */
static size_t ink(const xmlChar *s)
{
    size_t k = 0;
    for (; *s; s++)
        k += !dom_is_lua_space(*s);
    return k;
}

/* Whether node T has an element TAG above it, below TOP. */
static int below_tag(xmlNodePtr t, xmlNodePtr top, const char *tag)
{
    for (xmlNodePtr a = t->parent; a != NULL && a != top; a = a->parent)
        if (a->type == XML_ELEMENT_NODE && dom_name_eq((const char *)a->name, tag))
            return 1;
    return 0;
}

/* Whether C is a code block in a box: one <pre>, holding at least 80% of
 * the text below C (counted without white space), and no heading,
 * paragraph or list item. Such a box is content whatever its class
 * (Prism's code-toolbar, with its Copy button); a comment with its title
 * and poster's line is not, though its text is preformatted (LWN's). */
static int mostly_code(xmlNodePtr c)
{
    static const char *const prose[] = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", NULL};
    size_t all = 0, code = 0;
    int pres = 0;
    for (xmlNodePtr t = c->children; t != NULL; t = blk_next(c, t, 1)) {
        if (t->type == XML_ELEMENT_NODE) {
            if (dom_name_eq((const char *)t->name, "pre"))
                pres++;
            for (int i = 0; prose[i]; i++)
                if (dom_name_eq((const char *)t->name, prose[i]))
                    return 0;
        }
        if (t->type != XML_TEXT_NODE || t->content == NULL)
            continue;
        size_t k = ink(t->content);
        all += k;
        if (below_tag(t, c, "pre"))
            code += k;
    }
    return pres == 1 && all > 0 && code * 5 >= all * 4;
}

static int is_card_box(const char *tag)
{
    return dom_name_eq(tag, "div") || dom_name_eq(tag, "aside") || dom_name_eq(tag, "section");
}

/* Whether box C is a teaser card for another page: a picture and a
 * title's worth of words (24 to 200 bytes, white space aside), all of
 * them inside links (Xataka's desvio, 品玩's pw-inline-card: picture,
 * title, a label or a date), and under half the page's text (a post that
 * is only a picture and a link keeps them; a shop's thumbnail with its
 * category link, "画像素材", is no card). Looks at 64 nodes at most; a
 * bigger box is no card. */
static int bw_link_card(struct bwalk *w, xmlNodePtr c)
{
    size_t text = 0, linked = 0;
    int img = 0, seen = 0;
    for (xmlNodePtr t = c->children; t != NULL; t = blk_next(c, t, 1)) {
        if (++seen > 64)
            return 0;
        if (t->type == XML_ELEMENT_NODE) {
            img = img || dom_name_eq((const char *)t->name, "img");
            continue;
        }
        if (t->type != XML_TEXT_NODE || t->content == NULL)
            continue;
        size_t k = ink(t->content);
        text += k;
        if (text > 200)
            return 0;
        if (k > 0 && below_tag(t, c, "a"))
            linked += k;
    }
    return img && text >= 24 && linked == text && (lua_Integer)text * 2 < bw_body_bytes(w);
}

/* prune in the Lua walk, for element C (tag TAG, the IDX-th of its tag)
 * in shadow SHIDX. Returns 1 when C was removed. Else, when
 * *READ is set, C's class and id values (or nils) were pushed. */
static int bw_prune(struct bwalk *w, xmlNodePtr c, int shidx, int idx, int *read)
{
    lua_State *L = w->L;
    const xmlChar *tag = c->name;
    int top = lua_gettop(L);
    *read = 0;
    if (bw_in_tag(w, WS_INVISIBLE, tag)) {
        lua_pushfstring(L, "generic:invisible(%s)", (const char *)tag);
    } else if (w->raw) {
        return 0;
    } else if (is_card_box((const char *)tag) && bw_link_card(w, c)) {
        lua_pushliteral(L, "generic:link-card");
    } else if (w->forms && bw_signup_box(w, c)) {
        lua_pushliteral(L, "generic:signup");
    } else if (bw_in_tag(w, WS_WRAPPERS, tag) && bw_small_wrapper(w, c)) {
        /* a search or sign-up <form>; one that holds much text wraps a
         * post (Reddit's) or the page (ASP.NET's) and is walked as any
         * container */
        lua_pushfstring(L, "generic:wrapper(%s)", (const char *)tag);
    } else if (c->properties == NULL) {
        if (!bw_in_tag(w, WS_FURNITURE, tag)) {
            lua_pushnil(L);
            lua_pushnil(L);
            *read = 1;
            return 0;
        }
        lua_pushfstring(L, "generic:furniture(%s)", (const char *)tag);
    } else {
        static const char *const names[PA_N] = {"class", "id", "role", "style", "hidden", "aria-hidden",
                                                "itemtype", "itemprop"};
        xmlAttrPtr at[PA_N] = {NULL};
        for (xmlAttrPtr a = c->properties; a; a = a->next)
            for (int k = 0; k < PA_N; k++)
                if (dom_name_eq((const char *)a->name, names[k]))
                    at[k] = a;
        for (int k = 0; k < PA_N; k++) {
            if (at[k])
                push_attr_value(L, (xmlNodePtr)at[k]);
            else
                lua_pushnil(L);
        }
        int base = top + 1; /* class, id, role, style, hidden, aria, itemtype, itemprop */
        int hidden = at[PA_HIDDEN] != NULL;
        if (!hidden && at[PA_ARIA]) {
            size_t n;
            const char *v = lua_tolstring(L, base + PA_ARIA, &n);
            hidden = n == 4 && memcmp(v, "true", 4) == 0;
        }
        if (!hidden && at[PA_STYLE]) {
            size_t n;
            const char *v = lua_tolstring(L, base + PA_STYLE, &n);
            hidden = blk_style_hides(v, n);
        }
        /* hidden, yet most of the page's text: the article, which a script
         * shows (WeChat serves #js_content with visibility: hidden) */
        if (hidden && (double)bw_text(w, c, WB_PART)->len >= (double)bw_body_bytes(w) * 0.6 &&
            bw_body_bytes(w) >= 200)
            hidden = 0;
        int furniture = !hidden && bw_in_tag(w, WS_FURNITURE, tag);
        int role = 0;
        if (!hidden && !furniture && at[PA_ROLE]) {
            lua_pushvalue(L, base + PA_ROLE);
            role = lua_gettable(L, w->sets[WS_ROLES]) != LUA_TNIL && lua_toboolean(L, -1);
            lua_pop(L, 1);
        }
        int comment = !hidden && !furniture && !role && (at[PA_ITEMTYPE] || at[PA_ITEMPROP]) &&
                      bw_is_comment(w, base + PA_ITEMTYPE, base + PA_ITEMPROP);
        if (hidden) {
            lua_pushliteral(L, "generic:hidden");
        } else if (furniture) {
            lua_pushfstring(L, "generic:furniture(%s)", (const char *)tag);
        } else if (role) {
            lua_pushfstring(L, "generic:role(%s)", lua_tostring(L, base + PA_ROLE));
        } else if (comment) {
            lua_pushliteral(L, "generic:comment(microdata)");
        } else if (at[PA_CLASS] && bw_video_box(w, c, lua_tostring(L, base + PA_CLASS),
                                                 lua_rawlen(L, base + PA_CLASS))) {
            lua_pushliteral(L, "generic:video");
        } else {
            if (!bw_in_tag(w, WS_NO_HINTS, tag)) {
                bw_push_hint(w, c, base + PA_CLASS, base + PA_ID);
                const char *h = lua_tostring(L, -3);
                int strong = h && strcmp(h, "strong") == 0, weak = h && strcmp(h, "weak") == 0;
                if ((strong || weak) && !(at[PA_ITEMPROP] && bw_is_body_prop(L, base + PA_ITEMPROP))) {
                    struct dom_buf *tb = bw_text(w, c, WB_PART);
                    lua_Integer n = (lua_Integer)tb->len;
                    double bb = (double)bw_body_bytes(w);
                    int drop;
                    if (weak) {
                        /* a paragraph or code (GitHub's "highlight-source-shell")
                         * is text; a link (Notion's "link-token" anchors) is
                         * part of its sentence */
                        static const char *const p[] = {"p", "pre", NULL};
                        drop = n <= 120 && !dom_name_eq((const char *)tag, "a") &&
                               !blk_has_descendant(c, p) && !bw_in_sentence(c);
                    } else if (!lua_isnil(L, -1)) {
                        /* "post-comments" and the like: furniture unless it holds most of the text */
                        drop = (double)n < bb * 0.5;
                    } else {
                        drop = (double)n < bb * 0.6 || bw_body_bytes(w) < 200;
                    }
                    if (drop && mostly_code(c))
                        drop = 0;
                    if (drop) {
                        lua_pushlstring(L, tb->data, tb->len);
                        int textidx = lua_gettop(L);
                        bw_push_path(w, shidx, tag, idx, NULL);
                        int pathidx = lua_gettop(L);
                        lua_pushfstring(L, "generic:class(%s)", lua_tostring(L, textidx - 2));
                        size_t tl;
                        const char *tt = lua_tolstring(L, textidx, &tl);
                        bw_removal(w, NULL, tt, tl, w->explain ? pathidx : 0);
                        bw_remove(w, c);
                        lua_settop(L, top);
                        return 1;
                    }
                }
            }
            /* kept: its class and id stay, right above TOP */
            lua_settop(L, base + PA_ID);
            *read = 1;
            return 0;
        }
        /* the rule goes where the attribute values were */
        lua_replace(L, base);
        lua_settop(L, base);
    }
    /* the rule is at the top */
    int ruleidx = lua_gettop(L);
    int pathidx = 0;
    if (w->explain) {
        bw_push_path(w, shidx, tag, idx, NULL);
        pathidx = lua_gettop(L);
        lua_pushvalue(L, ruleidx);
    }
    bw_removal(w, c, NULL, 0, pathidx);
    bw_remove(w, c);
    lua_settop(L, top);
    return 1;
}

/* The score of the container at depth D (1: the walk's start). */
static struct bw_score *bw_scores(struct bwalk *w, int d)
{
    return (struct bw_score *)wbuf(w, WB_SCORES)->data + d;
}

/* Measures and scores the blocks made since the last call, all of them
 * in the container at the current depth, as choose_main and goodness in
 * clean.lua did after the walk: units, punct, wide (text_stats) of the
 * text measured, good (units * (1 - ld)^2, halved without punctuation;
 * 0 for images, headings and fewer than 8 units), and adds a good score
 * to each container above: to T in full, to S weighted 1, 1/2, 1/6, 1/9,
 * 1/12 for the first five levels. The sums run block by block in
 * document order, so they are the very numbers the Lua loop made. */
static void bw_score_blocks(struct bwalk *w)
{
    struct article *art = w->art;
    while (w->scored < art->nblocks) {
        struct art_block *b = &art->blocks[w->scored++];
        struct dom_text_stats st;
        dom_text_stats(art_bytes(art, b->text), b->text.len, &st);
        b->measured = 1;
        b->units = (long)st.units;
        b->punct = (long)st.punct;
        b->wide = st.wide;
        double good = 0;
        if (b->kind != AK_IMAGE && b->kind != AK_HEADING && st.units >= 8) {
            good = (double)st.units * (1 - b->ld) * (1 - b->ld);
            if (st.punct == 0)
                good = good * 0.5;
        }
        b->good = good;
        if (good == 0)
            continue;
        for (int a = w->depth, level = 0; a >= 1; a--, level++) {
            struct bw_score *sc = bw_scores(w, a);
            sc->T = sc->T + good;
            if (level < 5)
                sc->S = sc->S + good * (level == 0 ? 1 : level == 1 ? 0.5 : 1.0 / (3 * level));
            sc->added = 1;
        }
    }
}

static void bw_build(struct bwalk *w, xmlNodePtr node, int sh);

/* The text of N through REWRITE (blk_join_lines or blk_squeeze) into
 * WB_TEXT. */
static struct dom_buf *bw_text_rewritten(struct bwalk *w, xmlNodePtr n,
                                         size_t (*rewrite)(const char *, size_t, char *))
{
    struct dom_buf *p = bw_text(w, n, WB_PART);
    struct dom_buf *t = wbuf(w, WB_TEXT);
    t->len = 0;
    dom_buf_add(t, p->data, p->len); /* room, then rewritten in place */
    check_buf(w->L, t);
    if (t->data)
        t->len = rewrite(p->data, p->len, t->data);
    return t;
}

/* The items of list element C into the article (list_items in the Lua
 * walk: each element child's text, line breaks joined, trimmed, empty
 * ones left out), and their "\n"-joined text into WB_TEXT. Returns the
 * count; *FIRST is where they start in the article's items. */
static size_t bw_list_items(struct bwalk *w, xmlNodePtr c, size_t *first)
{
    size_t n = 0;
    *first = w->art->nitems;
    struct dom_buf *all = wbuf(w, WB_HTML);
    all->len = 0;
    for (xmlNodePtr li = c->children; li; li = li->next) {
        if (li->type != XML_ELEMENT_NODE)
            continue;
        struct dom_buf *t = bw_text_rewritten(w, li, blk_join_lines);
        size_t from, to;
        ustr_trim(t->data, t->len, &from, &to);
        if (to == from)
            continue;
        if (n > 0)
            dom_buf_add(all, "\n", 1);
        dom_buf_add(all, t->data + from, to - from);
        art_add_item(w->art, art_add_str(w->art, t->data + from, to - from));
        bw_check_art(w);
        n++;
    }
    check_buf(w->L, all);
    struct dom_buf *t = wbuf(w, WB_TEXT);
    t->len = 0;
    dom_buf_add(t, all->data ? all->data : "", all->len);
    check_buf(w->L, t);
    all->len = 0;
    return n;
}

/* The rows of table C as the Lua walk wrote them into WB_TEXT: each <tr>
 * below it whose <td>/<th> children there are, their texts (white space
 * squeezed, trimmed) joined by " | "; rows joined by "\n". */
static void bw_table_text(struct bwalk *w, xmlNodePtr c)
{
    struct dom_buf *all = wbuf(w, WB_HTML);
    all->len = 0;
    int rows = 0;
    for (xmlNodePtr n = c->children; n != NULL; n = blk_next(c, n, n->type == XML_ELEMENT_NODE)) {
        if (blk_is(n, "tr")) {
            int cells = 0;
            size_t row_start = all->len;
            if (rows > 0)
                dom_buf_add(all, "\n", 1);
            for (xmlNodePtr td = n->children; td; td = td->next) {
                if (!blk_is(td, "td") && !blk_is(td, "th"))
                    continue;
                struct dom_buf *t = bw_text_rewritten(w, td, blk_squeeze);
                size_t from, to;
                ustr_trim(t->data, t->len, &from, &to);
                if (cells > 0)
                    dom_buf_add(all, " | ", 3);
                dom_buf_add(all, t->data + from, to - from);
                cells++;
            }
            if (cells == 0)
                all->len = row_start;
            else
                rows++;
        }
    }
    check_buf(w->L, all);
    struct dom_buf *t = wbuf(w, WB_TEXT);
    t->len = 0;
    dom_buf_add(t, all->data ? all->data : "", all->len);
    check_buf(w->L, t);
    all->len = 0;
}


/* N's text, white space squeezed and trimmed, in the arena; not set when
 * it is empty. */
static struct art_str bw_squeezed(struct bwalk *w, xmlNodePtr n)
{
    struct art_str none = {0, 0, 0};
    struct dom_buf *t = bw_text_rewritten(w, n, blk_squeeze);
    size_t from, to;
    ustr_trim(t->data, t->len, &from, &to);
    if (to == from)
        return none;
    struct art_str s = art_add_str(w->art, t->data + from, to - from);
    bw_check_art(w);
    return s;
}

/* Whether element N's class names a caption or a credit ("figure-caption",
 * "image-credit", "wp-caption-text"), in any case. */
static int is_caption_class(xmlNodePtr n)
{
    xmlChar *cls = xmlGetProp(n, (const xmlChar *)"class");
    if (cls == NULL)
        return 0;
    size_t len = strlen((const char *)cls);
    int yes = has_nocase((const char *)cls, len, "caption") || has_nocase((const char *)cls, len, "credit");
    xmlFree(cls);
    return yes;
}

/* The caption of a figure: its first <figcaption>'s text or, with none,
 * the texts of the elements in it whose class names a caption or a
 * credit, joined by a space (the Los Angeles Times' "figure-caption" and
 * "figure-credit" <div>s), white space squeezed and trimmed, in the
 * arena; not set when empty. Other text in a figure (a bookmark card's
 * title, an icon) is no caption. */
static struct art_str bw_caption(struct bwalk *w, xmlNodePtr figure)
{
    struct art_str none = {0, 0, 0};
    for (xmlNodePtr n = figure->children; n != NULL; n = blk_next(figure, n, n->type == XML_ELEMENT_NODE))
        if (blk_is(n, "figcaption"))
            return bw_squeezed(w, n);
    /* no <figcaption>: the caption- and credit-classed parts, in order
     * (a part taken is not looked into) */
    struct dom_buf *all = wbuf(w, WB_OUT);
    all->len = 0;
    for (xmlNodePtr n = figure->children; n != NULL;) {
        int take = n->type == XML_ELEMENT_NODE && is_caption_class(n);
        if (take) {
            struct art_str part = bw_squeezed(w, n);
            if (part.set) {
                if (all->len > 0)
                    dom_buf_add(all, " ", 1);
                dom_buf_add(all, art_bytes(w->art, part), part.len);
                check_buf(w->L, all);
            }
        }
        n = blk_next(figure, n, !take && n->type == XML_ELEMENT_NODE);
    }
    if (all->len == 0)
        return none;
    struct art_str cap = art_add_str(w->art, all->data, all->len);
    bw_check_art(w);
    return cap;
}

static const char *const list_nesting[] = {"p", "pre", "div", "table", "blockquote", "ul", "ol", NULL};
static const char *const table_nesting[] = {"p", "div", "table", "ul", "ol", "h1", "h2", "h3", "img", "pre", NULL};
static const char *const img_only[] = {"img", NULL};
/* HTML5 boxes libxml2's HTML 4 parser does not know to close a <p>, so
 * that they end up inside it (a <p> left open before LWN's comments) */
static const char *const p_nesting[] = {"details", "section", "article", "aside", "nav", "header",
                                        "footer", "figure", "main", "dialog", NULL};

/* The blocks of element C (tag TAG, the IDX-th of its tag) in shadow SH
 * when it is a leaf: a heading, code, a quote or LEAF paragraph, a list
 * of plain items, a table of plain cells, an image, a figure (br and hr
 * give nothing). Returns 0, having made nothing, for a container. Kept
 * apart from the recursion (bw_block, bw_build), whose frames it would
 * otherwise widen: the walk goes 10,000 containers deep. */
static __attribute__((noinline)) int bw_leaf(struct bwalk *w, xmlNodePtr c, int sh, int idx)
{
    lua_State *L = w->L;
    const char *tag = (const char *)c->name;
    int top = lua_gettop(L);
    struct art_str path = bw_path(w, sh, c->name, idx, NULL);
    struct art_str none = {0, 0, 0};
    if (tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6' && tag[2] == '\0') {
        bw_text_rewritten(w, c, blk_join_lines);
        size_t made = bw_text_blocks(w, AK_HEADING, c, sh, path, NULL, 0, 0, 0);
        if (made)
            bw_blk(w, made - 1)->level = tag[1] - '0';
    } else if (dom_name_eq(tag, "pre")) {
        struct dom_buf *t = bw_text(w, c, WB_TEXT);
        if (!bw_blank(t->data, t->len)) {
            size_t from, n;
            blk_code_span(t->data, t->len, &from, &n);
            size_t bi = bw_new_block(w, AK_CODE, t->data + from, n, sh);
            struct art_block *b = bw_blk(w, bi);
            b->node = c;
            b->path = path;
        }
    } else if (dom_name_eq(tag, "blockquote") ||
               (bw_in_tag(w, WS_LEAF, c->name) && !(dom_name_eq(tag, "p") && blk_has_descendant(c, p_nesting)))) {
        bw_text(w, c, WB_TEXT);
        wbuf(w, WB_IMGS)->len = 0;
        bw_text_blocks(w, dom_name_eq(tag, "blockquote") ? AK_QUOTE : AK_PARA, c, sh, path, NULL, 0, 0, 1);
        bw_images(w, sh, path);
    } else if ((dom_name_eq(tag, "ul") || dom_name_eq(tag, "ol") || dom_name_eq(tag, "dl") ||
                dom_name_eq(tag, "menu")) && !blk_li_has_child(c, list_nesting)) {
        wbuf(w, WB_IMGS)->len = 0;
        size_t first;
        size_t n = bw_list_items(w, c, &first);
        if (n > 0) {
            size_t bi = bw_shaped_block(w, AK_LIST, c, sh, path, 1);
            struct art_block *b = bw_blk(w, bi);
            b->has_items = 1;
            b->items = first;
            b->nitems = n;
            b->ordered = dom_name_eq(tag, "ol");
        } else {
            bw_links(w, c, 0, 1);
        }
        bw_images(w, sh, path);
    } else if (dom_name_eq(tag, "table") && !blk_has_descendant(c, table_nesting)) {
        bw_table_text(w, c);
        struct dom_buf *t = wbuf(w, WB_TEXT);
        if (!bw_blank(t->data, t->len))
            bw_shaped_block(w, AK_TABLE, c, sh, path, 0);
    } else if (dom_name_eq(tag, "img")) {
        bw_image(w, c, sh, path, none);
    } else if (dom_name_eq(tag, "figure") && blk_has_descendant(c, img_only)) {
        wbuf(w, WB_IMGS)->len = 0;
        bw_links(w, c, 0, 1);
        struct dom_buf *ib = wbuf(w, WB_IMGS);
        size_t count = ib->len / sizeof(xmlNodePtr);
        xmlNodePtr *imgs = lua_newuserdatauv(L, count * sizeof *imgs, 0);
        memcpy(imgs, ib->data, count * sizeof *imgs);
        ib->len = 0;
        struct art_str cap = bw_caption(w, c);
        for (size_t i = 0; i < count; i++)
            bw_image(w, imgs[i], sh, path, i + 1 == count ? cap : none);
    } else if (dom_name_eq(tag, "br") || dom_name_eq(tag, "hr")) {
        /* nothing */
    } else {
        return 0;
    }
    lua_settop(L, top);
    return 1;
}

/* block_element in the Lua walk: element C (tag TAG, the IDX-th of its
 * tag) in shadow SH becomes blocks (bw_leaf), or a container walked with
 * a new shadow. READ: its class and id are at CLASSIDX, CLASSIDX+1. */
static void bw_block(struct bwalk *w, xmlNodePtr c, int sh, int idx, int read, int classidx)
{
    if (bw_leaf(w, c, sh, idx))
        return;
    lua_State *L = w->L;
    const char *tag = (const char *)c->name;
    int top = lua_gettop(L);
    /* a container: its shadow, then its children */
    if (!read) {
        static const char *const names[2] = {"class", "id"};
        xmlAttrPtr at[2] = {NULL, NULL};
        if (c->type == XML_ELEMENT_NODE)
            for (xmlAttrPtr a = c->properties; a; a = a->next)
                for (int k = 0; k < 2; k++)
                    if (dom_name_eq((const char *)a->name, names[k]))
                        at[k] = a;
        for (int k = 0; k < 2; k++) {
            if (at[k])
                push_attr_value(L, (xmlNodePtr)at[k]);
            else
                lua_pushnil(L);
        }
        classidx = lua_gettop(L) - 1;
    }
    struct art_shadow *parent = &w->art->shadows[sh];
    int depth = parent->depth + 1;
    struct art_str tagstr = art_add_str(w->art, tag, strlen(tag));
    long nsh = art_add_shadow(w->art, sh, tagstr, idx, depth, c);
    bw_check_art(w);
    if (nsh < 0)
        luaL_error(L, "out of memory");
    if (!lua_isnil(L, classidx) || !lua_isnil(L, classidx + 1)) {
        bw_push_hint(w, c, classidx, classidx + 1);
        const char *h = lua_tostring(L, -3);
        w->art->shadows[nsh].hint = h == NULL ? AH_NONE
                                    : strcmp(h, "strong") == 0 ? AH_STRONG
                                    : strcmp(h, "positive") == 0 ? AH_POSITIVE
                                    : AH_WEAK;
    }
    bw_score_blocks(w); /* the blocks so far are in this container */
    bw_build(w, c, (int)nsh);
    lua_settop(L, top);
}

/* The IDX of element C among its siblings of the same tag seen so far:
 * counted in COUNTS (a table at COUNTSIDX, made on first use). */
static int bw_next_idx(struct bwalk *w, int *countsidx, const xmlChar *tag)
{
    lua_State *L = w->L;
    if (*countsidx == 0) {
        lua_newtable(L);
        *countsidx = lua_gettop(L);
    }
    lua_pushstring(L, (const char *)tag);
    lua_pushvalue(L, -1);
    int idx = (int)lua_tointeger(L, (lua_rawget(L, *countsidx), -1)) + 1;
    lua_pop(L, 1);
    lua_pushinteger(L, idx);
    lua_rawset(L, *countsidx);
    return idx;
}

/* build in the Lua walk: the children of NODE under the shadow at SHIDX.
 * A child is handled whole before the next is looked at, and handling
 * one removes at most that child, so the next pointer read before stays
 * good. */
/* How deep the walk goes into containers: the parser stops at 256
 * levels, but documents built through the API can nest as deep as they
 * like, and each level takes C stack (a few hundred bytes). */
#define BW_MAX_DEPTH 10000

static void bw_build(struct bwalk *w, xmlNodePtr node, int sh)
{
    lua_State *L = w->L;
    if (++w->depth > BW_MAX_DEPTH)
        luaL_error(L, "document nested deeper than %d elements", BW_MAX_DEPTH);
    luaL_checkstack(L, 40, "document nested too deep");
    struct dom_buf *scores = wbuf(w, WB_SCORES);
    struct bw_score zero = {0, 0, 0};
    while (scores->len < (size_t)(w->depth + 1) * sizeof zero)
        dom_buf_add(scores, (const char *)&zero, sizeof zero);
    check_buf(L, scores);
    *bw_scores(w, w->depth) = zero;
    int countsidx = 0;
    xmlNodePtr next;
    for (xmlNodePtr c = node->children; c != NULL; c = next) {
        next = c->next;
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            dom_buf_add(wbuf(w, WB_RUN), (const char *)&c, sizeof c);
            check_buf(L, wbuf(w, WB_RUN));
            continue;
        }
        if (c->type != XML_ELEMENT_NODE)
            continue;
        /* its place among its siblings of its tag: only paths need it */
        int idx = w->explain ? bw_next_idx(w, &countsidx, c->name) : 0;
        int top = lua_gettop(L);
        int block_child = dom_any_child(c, bw_block_tag, w);
        int read;
        if (bw_prune(w, c, sh, idx, &read))
            continue;
        const char *tag = (const char *)c->name;
        if (bw_in_tag(w, WS_BLOCK, c->name) || (!dom_name_eq(tag, "a") && block_child)) {
            bw_flush(w, sh);
            if (!dom_name_eq(tag, "br"))
                bw_block(w, c, sh, idx, read, top + 1);
        } else {
            dom_buf_add(wbuf(w, WB_RUN), (const char *)&c, sizeof c);
            check_buf(L, wbuf(w, WB_RUN));
        }
        lua_settop(L, top);
    }
    bw_flush(w, sh);
    bw_score_blocks(w);
    struct bw_score *sc = bw_scores(w, w->depth);
    if (sc->added) {
        /* the shadow's T and S start at 0: plus the sums */
        struct art_shadow *s = &w->art->shadows[sh];
        s->T = 0 + sc->T;
        s->S = 0 + sc->S;
        s->added = 1;
    }
    w->depth--;
}

/* node:clean_blocks(cfg, st, sh): see the top of this section.
 * [-0, +0, e] */
static int node_clean_blocks(lua_State *L)
{
    struct doc_box *d;
    xmlNodePtr n = check_node(L, 1, &d);
    luaL_checktype(L, 2, LUA_TTABLE);
    luaL_checktype(L, 3, LUA_TTABLE);
    lua_Integer sh = luaL_checkinteger(L, 4);
    luaL_argcheck(L, sh >= 0 && (size_t)sh < d->art.nshadows, 4, "a shadow of the document expected");
    struct bwalk w = {0};
    w.L = L;
    w.d = d;
    w.art = &d->art;
    w.docidx = lua_gettop(L); /* pushed by check_node */
    w.stidx = 3;
    for (int i = 0; i < WS_N; i++) {
        if (lua_getfield(L, 2, walk_sets[i]) == LUA_TNIL && i >= WS_OPTIONAL) {
            lua_pop(L, 1);
            lua_newtable(L);
        }
        luaL_argcheck(L, lua_istable(L, -1), 2, "word and tag sets expected");
        w.sets[i] = lua_gettop(L);
    }
    lua_getfield(L, 2, "removal");
    w.removalidx = lua_gettop(L);
    lua_getfield(L, 3, "counts");
    w.countsidx = lua_gettop(L);
    luaL_argcheck(L, lua_istable(L, -1), 3, "st.counts expected");
    lua_getfield(L, 3, "explain");
    w.explain = lua_toboolean(L, -1);
    lua_getfield(L, 3, "raw");
    w.raw = lua_toboolean(L, -1);
    lua_getfield(L, 3, "body_bytes");
    w.body_bytes = lua_isinteger(L, -1) ? lua_tointeger(L, -1) : -1;
    lua_pop(L, 3);
    /* the parser keeps element names in the document's dictionary: no
     * "form" there, no form to look for */
    w.forms = d->doc->dict == NULL || xmlDictExists(d->doc->dict, (const xmlChar *)"form", 4) != NULL;
    w.scored = d->art.nblocks;
    for (int i = 0; i < WB_N; i++)
        d->walk[i].len = 0;
    if (n->type == XML_ELEMENT_NODE || n->type == XML_DOCUMENT_NODE || n->type == XML_HTML_DOCUMENT_NODE)
        bw_build(&w, n, (int)sh);
    struct dom_buf *rm = wbuf(&w, WB_REMOVED);
    for (size_t i = 0; i < rm->len / sizeof n; i++) {
        xmlNodePtr c;
        memcpy(&c, rm->data + i * sizeof c, sizeof c);
        if (dom_remove(c, &d->trash) != 0)
            return luaL_error(L, "out of memory");
    }
    rm->len = 0;
    return 0;
}
/* ---- the article: the cleaner's pass over its blocks -------------------- */

/* art_begin(doc): empties the document's article for a new cleaning. */
static int dom_lua_art_begin(lua_State *L)
{
    struct doc_box *d = check_open(L, luaL_checkudata(L, 1, DOCUMENT_T));
    art_reset(&d->art);
    return 0;
}

/* art_shadow(doc, tag, idx, depth, node, path, parent) -> index: a shadow
 * the walk starts in (node:clean_blocks), with T and S 0; PATH (or nil)
 * is its path for --explain, PARENT (or nil) the index of its parent. */
static int dom_lua_art_shadow(lua_State *L)
{
    struct doc_box *d = check_open(L, luaL_checkudata(L, 1, DOCUMENT_T));
    size_t tl;
    const char *tag = luaL_checklstring(L, 2, &tl);
    int idx = (int)luaL_checkinteger(L, 3);
    int depth = (int)luaL_checkinteger(L, 4);
    lua_Integer parent = luaL_optinteger(L, 7, -1);
    lua_settop(L, 7);
    xmlNodePtr node = lua_isnil(L, 5) ? NULL : check_node(L, 5, NULL); /* (pushes its document) */
    luaL_argcheck(L, parent >= -1 && parent < (lua_Integer)d->art.nshadows, 7, "a shadow expected");
    struct article *art = &d->art;
    struct art_str t = art_add_str(art, tag, tl);
    long sh = art_add_shadow(art, (int)parent, t, idx, depth, node);
    if (!lua_isnoneornil(L, 6)) {
        size_t pl;
        const char *p = luaL_checklstring(L, 6, &pl);
        if (sh >= 0)
            art->shadows[sh].path = art_add_str(art, p, pl);
    }
    if (sh < 0 || art->oom) {
        art->oom = 0;
        return luaL_error(L, "out of memory");
    }
    lua_pushinteger(L, sh);
    return 1;
}

/* Pushes STR of D's article as a string, or nil when not set. */
static void push_art_str(lua_State *L, struct doc_box *d, struct art_str str)
{
    if (str.set)
        lua_pushlstring(L, art_bytes(&d->art, str), str.len);
    else
        lua_pushnil(L);
}

/* Appends block B's links as {href, text} tables to the list at the top,
 * after its *N items. [-0, +0, m] */
static void push_art_links(lua_State *L, struct doc_box *d, const struct art_block *b, lua_Integer *n)
{
    for (size_t k = 0; k < b->nlinks; k++) {
        const struct art_link *l = &d->art.links[b->links + k];
        lua_createtable(L, 0, 2);
        push_art_str(L, d, l->href);
        lua_setfield(L, -2, "href");
        push_art_str(L, d, l->text);
        lua_setfield(L, -2, "text");
        lua_rawseti(L, -2, ++*n);
    }
}

/* Pushes shadow SH as the Lua walk made it ({tag, parent, idx, depth,
 * node, T, S, hint, path}), one table per shadow, kept in the table at
 * CACHE. [-0, +1, m] */
static void push_art_shadow(lua_State *L, struct doc_box *d, int docidx, int cache, int sh)
{
    if (sh < 0) {
        lua_pushnil(L);
        return;
    }
    if (lua_rawgeti(L, cache, sh + 1) != LUA_TNIL)
        return;
    lua_pop(L, 1);
    const struct art_shadow *s = &d->art.shadows[sh];
    lua_createtable(L, 0, 9);
    push_art_str(L, d, s->tag);
    lua_setfield(L, -2, "tag");
    push_art_shadow(L, d, docidx, cache, s->parent);
    lua_setfield(L, -2, "parent");
    lua_pushinteger(L, s->idx);
    lua_setfield(L, -2, "idx");
    lua_pushinteger(L, s->depth);
    lua_setfield(L, -2, "depth");
    push_node(L, s->node, docidx);
    lua_setfield(L, -2, "node");
    if (s->added) {
        lua_pushnumber(L, s->T);
        lua_setfield(L, -2, "T");
        lua_pushnumber(L, s->S);
        lua_setfield(L, -2, "S");
    } else {
        lua_pushinteger(L, 0);
        lua_setfield(L, -2, "T");
        lua_pushinteger(L, 0);
        lua_setfield(L, -2, "S");
    }
    static const char *const hints[] = {NULL, "strong", "positive", "weak"};
    if (s->hint != AH_NONE) {
        lua_pushstring(L, hints[s->hint]);
        lua_setfield(L, -2, "hint");
    }
    if (s->path.set) {
        push_art_str(L, d, s->path);
        lua_setfield(L, -2, "path");
    }
    lua_pushvalue(L, -1);
    lua_rawseti(L, cache, sh + 1);
}

/* Pushes block I of D's article as the table the Lua walk made (kind,
 * text, node or nodes, ld, links, path, html, split, level, items and
 * ordered, src, alt, caption; measured, units, punct, wide, good; out),
 * with its shadow (sh) when SHCACHE is not 0 (shadow tables kept there).
 * [-0, +1, m] */
static void push_art_block(lua_State *L, struct doc_box *d, int docidx, size_t i, int shcache)
{
    const struct article *art = &d->art;
    const struct art_block *b = &art->blocks[i];
    lua_createtable(L, 0, 20);
    lua_pushstring(L, art_kind_names[b->kind]);
    lua_setfield(L, -2, "kind");
    push_art_str(L, d, b->text);
    if (b->measured) {
        lua_pushvalue(L, -1);
        lua_setfield(L, -3, "measured");
    }
    lua_setfield(L, -2, "text");
    if (shcache) {
        push_art_shadow(L, d, docidx, shcache, b->sh);
        lua_setfield(L, -2, "sh");
    }
    if (b->node) {
        push_node(L, b->node, docidx);
        lua_setfield(L, -2, "node");
    }
    if (b->nnodes) {
        lua_createtable(L, (int)b->nnodes, 0);
        for (size_t k = 0; k < b->nnodes; k++) {
            push_node(L, art->nodes[b->nodes + k], docidx);
            lua_rawseti(L, -2, (lua_Integer)k + 1);
        }
        lua_setfield(L, -2, "nodes");
    }
    if (b->ld_int)
        lua_pushinteger(L, (lua_Integer)b->ld);
    else
        lua_pushnumber(L, b->ld);
    lua_setfield(L, -2, "ld");
    lua_createtable(L, (int)b->nlinks, 0);
    lua_Integer n = 0;
    push_art_links(L, d, b, &n);
    lua_setfield(L, -2, "links");
    static const char *const strs[] = {"path", "html", "src", "alt", "caption"};
    const struct art_str *vals[] = {&b->path, &b->html, &b->src, &b->alt, &b->caption};
    for (int k = 0; k < 5; k++) {
        if (vals[k]->set) {
            push_art_str(L, d, *vals[k]);
            lua_setfield(L, -2, strs[k]);
        }
    }
    if (b->split) {
        lua_pushboolean(L, 1);
        lua_setfield(L, -2, "split");
    }
    if (b->level > 0) {
        lua_pushinteger(L, b->level);
        lua_setfield(L, -2, "level");
    }
    if (b->has_items) {
        lua_createtable(L, (int)b->nitems, 0);
        for (size_t k = 0; k < b->nitems; k++) {
            push_art_str(L, d, art->items[b->items + k]);
            lua_rawseti(L, -2, (lua_Integer)k + 1);
        }
        lua_setfield(L, -2, "items");
    }
    if (b->ordered >= 0) {
        lua_pushboolean(L, b->ordered);
        lua_setfield(L, -2, "ordered");
    }
    lua_pushinteger(L, b->units);
    lua_setfield(L, -2, "units");
    lua_pushinteger(L, b->punct);
    lua_setfield(L, -2, "punct");
    lua_pushboolean(L, b->wide);
    lua_setfield(L, -2, "wide");
    if (b->good == 0)
        lua_pushinteger(L, 0);
    else
        lua_pushnumber(L, b->good);
    lua_setfield(L, -2, "good");
    if (b->out) {
        lua_pushstring(L, b->out);
        lua_setfield(L, -2, "out");
    }
}

/* art_blocks(doc, which, with_shadows) -> the kept blocks (WHICH "kept")
 * or all of them ("all"), as the Lua walk made them; with their shadows
 * (sh) when WITH_SHADOWS. [-0, +1, m] */
static int dom_lua_art_blocks(lua_State *L)
{
    struct doc_box *d = check_open(L, luaL_checkudata(L, 1, DOCUMENT_T));
    static const char *const which[] = {"kept", "all", NULL};
    int all = luaL_checkoption(L, 2, NULL, which) == 1;
    int shadows = lua_toboolean(L, 3);
    int docidx = 1;
    int shcache = 0;
    if (shadows) {
        lua_newtable(L);
        shcache = lua_gettop(L);
    }
    lua_newtable(L);
    lua_Integer n = 0;
    for (size_t i = 0; i < d->art.nblocks; i++) {
        if (!all && !d->art.blocks[i].kept)
            continue;
        push_art_block(L, d, docidx, i, shcache);
        lua_rawseti(L, -2, ++n);
    }
    return 1;
}

/* What art_clean works with: the context's values on the stack. */
struct aclean {
    lua_State *L;
    struct doc_box *d;
    int docidx, st, removal, counts, explain, apply, any, any_nocase;
    int plines, pname, glines, gname, related, references, end_marks, promo;
    int mats; /* block tables made for Lua calls, by index + 1 */
    const struct rulebook *pbook, *gbook, *relbook, *refbook, *endbook, *promobook;
};

/* The rule book at field K of the table at IDX (left on the stack, so
 * it stays alive), or NULL for nil. */
static const struct rulebook *ctx_book(lua_State *L, int idx, const char *k)
{
    if (lua_getfield(L, idx, k) == LUA_TNIL)
        return NULL;
    return luaL_checkudata(L, -1, "quire.rulebook");
}

/* Counts a removal by the rule at the top of the stack, or with explain
 * calls removal(st, rule, nil, path, text) for block B. Pops the rule. */
static void ac_removal(struct aclean *c, const struct art_block *b)
{
    lua_State *L = c->L;
    int rule = lua_gettop(L), path = 0;
    if (c->explain && b->path.set) {
        push_art_str(L, c->d, b->path);
        path = lua_gettop(L);
    }
    report_removal(L, rule, c->counts, c->explain, c->removal, c->st, path, art_bytes(&c->d->art, b->text),
                   b->text.len);
    lua_settop(L, rule - 1);
}

/* Pushes the Lua table of block I for a Lua call, made once. */
static void ac_block(struct aclean *c, size_t i)
{
    if (lua_rawgeti(c->L, c->mats, (lua_Integer)i + 1) != LUA_TNIL)
        return;
    lua_pop(c->L, 1);
    push_art_block(c->L, c->d, c->docidx, i, 0);
    lua_pushvalue(c->L, -1);
    lua_rawseti(c->L, c->mats, (lua_Integer)i + 1);
}

/* After a Lua rule saw block I: its text and html as the rule left them
 * (a strip rule rewrites both). */
static void ac_sync(struct aclean *c, size_t i)
{
    lua_State *L = c->L;
    struct article *art = &c->d->art;
    lua_rawgeti(L, c->mats, (lua_Integer)i + 1);
    size_t len;
    lua_getfield(L, -1, "text");
    const char *t = lua_tolstring(L, -1, &len);
    struct art_block *b = &art->blocks[i];
    if (t && (len != b->text.len || memcmp(t, art_bytes(art, b->text), len) != 0)) {
        struct art_str s = art_add_str(art, t, len);
        b = &art->blocks[i];
        b->text = s;
        b->measured = 0;
    }
    lua_pop(L, 1);
    if (lua_getfield(L, -1, "html") == LUA_TSTRING) {
        const char *h = lua_tolstring(L, -1, &len);
        if (!b->html.set || len != b->html.len || memcmp(h, art_bytes(art, b->html), len) != 0) {
            struct art_str s = art_add_str(art, h, len);
            art->blocks[i].html = s;
        }
    }
    lua_pop(L, 2);
    if (art->oom) {
        art->oom = 0;
        luaL_error(L, "out of memory");
    }
}

/* The rules of BOOK that may match TEXT (LEN bytes; WIDE as for
 * rulebook_may_match) as a list of their 1-based positions, pushed; returns
 * how many (none pushed for 0). */
static size_t ac_push_rules(struct aclean *c, const struct rulebook *book, const char *text, size_t len,
                            int wide)
{
    size_t small[64];
    size_t *out = book->n <= 64 ? small : lua_newuserdatauv(c->L, book->n * sizeof *out, 0);
    size_t n = rulebook_may_rules(book, text, len, wide, out, book->n);
    if (n > 0) {
        lua_createtable(c->L, (int)n, 0);
        for (size_t k = 0; k < n; k++) {
            lua_pushinteger(c->L, (lua_Integer)out[k] + 1);
            lua_rawseti(c->L, -2, (lua_Integer)k + 1);
        }
    }
    if (book->n > 64) {
        if (n > 0)
            lua_remove(c->L, -2);
        else
            lua_pop(c->L, 1);
    }
    return n;
}

/* Calls apply_lines(st, RULES, PREFIX, the block table at TBL, only) with
 * ONLY the rules of BOOK that may match TEXT, the block's text (LEN
 * bytes, WIDE): "drop", "cut" or NULL (static strings); NULL without a
 * call when no rule may match. */
static const char *ac_apply(struct aclean *c, const struct rulebook *book, int rules, int prefix, int tbl,
                            const char *text, size_t len, int wide)
{
    lua_State *L = c->L;
    size_t n = ac_push_rules(c, book, text, len, wide);
    if (n == 0)
        return NULL;
    int only = lua_gettop(L);
    lua_pushvalue(L, c->apply);
    lua_pushvalue(L, c->st);
    lua_pushvalue(L, rules);
    lua_pushvalue(L, prefix);
    lua_pushvalue(L, tbl);
    lua_pushvalue(L, only);
    lua_call(L, 5, 1);
    lua_remove(L, only);
    const char *v = lua_tostring(L, -1);
    const char *r = v == NULL ? NULL : strcmp(v, "cut") == 0 ? "cut" : "drop";
    if (lua_toboolean(L, -1) && v == NULL)
        r = "drop"; /* any other true value drops, as a truthy verdict did */
    lua_pop(L, 1);
    return r;
}

/* Calls FN(LIST, block I) (any_match or any_match_nocase). */
static int ac_any(struct aclean *c, int fn, int list, size_t i)
{
    lua_State *L = c->L;
    lua_pushvalue(L, fn);
    lua_pushvalue(L, list);
    ac_block(c, i);
    lua_call(L, 2, 1);
    int r = lua_toboolean(L, -1);
    lua_pop(L, 1);
    return r;
}

/* Pushes {text = ITEM, path = PATH, kind = "para"}; returns its index. */
static int ac_pseudo(struct aclean *c, struct art_str item, struct art_str path)
{
    lua_State *L = c->L;
    lua_createtable(L, 0, 3);
    push_art_str(L, c->d, item);
    lua_setfield(L, -2, "text");
    push_art_str(L, c->d, path);
    lua_setfield(L, -2, "path");
    lua_pushliteral(L, "para");
    lua_setfield(L, -2, "kind");
    return lua_gettop(L);
}

static int starts_with_capitals(const char *s, size_t len)
{
    return len >= 3 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' && s[2] >= 'A' &&
           s[2] <= 'Z';
}

/* The profile's and then (with GENERIC) the generic line rules over S, a
 * list item or a caption of block I, seen as {text = S, path = the
 * block's path, kind = "para"} (one table for both lists, as in
 * clean.lua; the arena does not move meanwhile): "drop", "cut" or NULL. */
static const char *ac_pseudo_lines(struct aclean *c, struct art_str s, size_t i, int generic)
{
    lua_State *L = c->L;
    struct article *art = &c->d->art;
    const char *v = NULL;
    int pseudo = 0;
    if (c->plines && rulebook_may_match(c->pbook, art_bytes(art, s), s.len, -1)) {
        pseudo = ac_pseudo(c, s, art->blocks[i].path);
        v = ac_apply(c, c->pbook, c->plines, c->pname, pseudo, art_bytes(art, s), s.len, -1);
    }
    if (!v && generic) {
        size_t tl = s.len;
        const char *t = art_bytes(art, s);
        if (pseudo) { /* as the profile's rules left it */
            lua_getfield(L, pseudo, "text");
            t = lua_tolstring(L, -1, &tl);
        }
        if (t && rulebook_may_match(c->gbook, t, tl, -1)) {
            if (!pseudo) /* (T is the arena's bytes, which stay put) */
                pseudo = ac_pseudo(c, s, art->blocks[i].path);
            v = ac_apply(c, c->gbook, c->glines, c->gname, pseudo, t, tl, -1);
        }
    }
    if (pseudo)
        lua_settop(L, pseudo - 1);
    return v;
}

/* The line rules over image block I's caption, as over a list item: a
 * caption a rule drops or cuts is only a credit or a label ("Bild:
 * dpa", "新京报记者 王飞 摄"), so the caption goes and the image stays. */
static void ac_caption_lines(struct aclean *c, size_t i, int generic)
{
    if (ac_pseudo_lines(c, c->d->art.blocks[i].caption, i, generic)) {
        struct art_block *b = &c->d->art.blocks[i];
        b->caption.set = 0;
        b->caption.len = 0;
        b->text.len = 0;
        b->measured = 0;
    }
}

/* list_lines in clean.lua: the line rules over each item of list block I;
 * items that match leave the list. Returns "drop" when none is left. */
static const char *ac_list_lines(struct aclean *c, size_t i, int generic)
{
    lua_State *L = c->L;
    struct article *art = &c->d->art;
    struct art_block *b = &art->blocks[i];
    size_t n = b->nitems, first = b->items, left = 0;
    int changed = 0;
    size_t newfirst = art->nitems;
    for (size_t k = 0; k < n; k++) {
        const char *v = ac_pseudo_lines(c, art->items[first + k], i, generic);
        if (v) {
            changed = 1;
        } else {
            art_add_item(art, art->items[first + k]);
            left++;
        }
    }
    if (art->oom) {
        art->oom = 0;
        luaL_error(L, "out of memory");
    }
    if (!changed) {
        art->nitems = newfirst;
        return NULL;
    }
    if (left == 0)
        return "drop";
    /* the items left, their text and html */
    b = &art->blocks[i];
    b->items = newfirst;
    b->nitems = left;
    struct dom_buf *t = &c->d->walk[WB_TEXT];
    struct dom_buf *h = &c->d->walk[WB_HTML];
    t->len = h->len = 0;
    dom_buf_addstr(h, b->ordered == 1 ? "<ol>" : "<ul>");
    for (size_t k = 0; k < left; k++) {
        struct art_str it = art->items[newfirst + k];
        if (k > 0)
            dom_buf_add(t, "\n", 1);
        dom_buf_add(t, art_bytes(art, it), it.len);
        dom_buf_addstr(h, "<li>");
        dom_buf_add_escaped(h, art_bytes(art, it), it.len);
        dom_buf_addstr(h, "</li>");
    }
    dom_buf_addstr(h, b->ordered == 1 ? "</ol>" : "</ul>");
    check_buf(L, t);
    check_buf(L, h);
    struct art_str ts = art_add_str(art, t->data, t->len);
    struct art_str hs = art_add_str(art, h->data, h->len);
    if (art->oom) {
        art->oom = 0;
        luaL_error(L, "out of memory");
    }
    b = &art->blocks[i];
    b->text = ts;
    b->html = hs;
    b->measured = 0;
    b->node = NULL;
    t->len = h->len = 0;
    return NULL;
}

/* Pushes the rule name "generic:links(%.2f)" of link density LD. */
static void push_links_rule(lua_State *L, double ld)
{
    char name[64];
    snprintf(name, sizeof name, "generic:links(%.2f)", ld);
    lua_pushstring(L, name);
}

/* Whether the LEN bytes at T are only dots and ellipses ("……", "......"),
 * with white space. */
static int only_ellipsis(const char *t, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (t[i] == '.' || dom_is_lua_space((unsigned char)t[i]))
            continue;
        if (len - i >= 3 && memcmp(t + i, "\xE2\x80\xA6", 3) == 0) { /* … */
            i += 2;
            continue;
        }
        return 0;
    }
    return 1;
}

/* Whether the LEN bytes at T read as a reference: numbered ("[1] …",
 * "1. …", "1) …", "1、…", "［1］…") or holding a link. */
static int reference_like(const char *t, size_t len)
{
    size_t i = 0;
    while (i < len && dom_is_lua_space((unsigned char)t[i]))
        i++;
    if (i < len && t[i] == '[')
        i++;
    else if (len - i >= 3 && memcmp(t + i, "\xEF\xBC\xBB", 3) == 0) /* ［ */
        i += 3;
    size_t digits = i;
    while (i < len && t[i] >= '0' && t[i] <= '9')
        i++;
    if (i > digits && i < len &&
        (memchr("].) ", t[i], 4) != NULL ||
         (len - i >= 3 && (memcmp(t + i, "\xE3\x80\x81", 3) == 0 ||  /* 、 */
                           memcmp(t + i, "\xEF\xBC\x89", 3) == 0 ||  /* ） */
                           memcmp(t + i, "\xEF\xBC\xBD", 3) == 0)))) /* ］ */
        return 1;
    return dom_find_bytes(t, len, "http", 4) != NULL || dom_find_bytes(t, len, "doi", 3) != NULL;
}

/* art_clean(doc, ctx) -> title: the cleaner's pass over the article's
 * blocks after the walk (run in clean.lua, which describes it): the main
 * content chosen (unless ctx.main, a profile's main selector, chose it),
 * the line rules, related and reference lists, the repeated title, then
 * promotions, end marks and link lists at the edges and pull quotes. A
 * block becomes a Lua table only for a Lua call: when a rule book says a
 * rule may match it. CTX: st, removal, apply_lines, any_match,
 * any_match_nocase, generic (whether the generic rules run), main, title,
 * plines, pname and pbook (the profile's line rules, or nil), glines and
 * gbook, related and relbook, references and refbook, end_marks and
 * endbook, promo, promobook and promo_max. Marks the blocks kept;
 * returns the heading taken for the title, or nil.
 * [-0, +1, e] */
static int dom_lua_art_clean(lua_State *L)
{
    struct doc_box *d = check_open(L, luaL_checkudata(L, 1, DOCUMENT_T));
    luaL_checktype(L, 2, LUA_TTABLE);
    struct aclean c = {0};
    c.L = L;
    c.d = d;
    c.docidx = 1;
    static const char *const fields[] = {"st", "removal", "apply_lines", "any_match", "any_match_nocase",
                                         "plines", "pname", "glines", "related", "references",
                                         "end_marks", "promo", "title"};
    int at[13];
    for (int k = 0; k < 13; k++) {
        lua_getfield(L, 2, fields[k]);
        at[k] = lua_gettop(L);
    }
    c.st = at[0];
    c.removal = at[1];
    c.apply = at[2];
    c.any = at[3];
    c.any_nocase = at[4];
    c.plines = lua_isnil(L, at[5]) ? 0 : at[5];
    c.pname = at[6];
    c.glines = at[7];
    c.related = at[8];
    c.references = at[9];
    c.end_marks = at[10];
    c.promo = at[11];
    int titleidx = at[12];
    lua_pushliteral(L, "generic");
    c.gname = lua_gettop(L);
    c.pbook = ctx_book(L, 2, "pbook");
    c.gbook = ctx_book(L, 2, "gbook");
    c.relbook = ctx_book(L, 2, "relbook");
    c.refbook = ctx_book(L, 2, "refbook");
    c.endbook = ctx_book(L, 2, "endbook");
    c.promobook = ctx_book(L, 2, "promobook");
    lua_getfield(L, 2, "generic");
    int generic = lua_toboolean(L, -1);
    lua_getfield(L, 2, "main");
    int main_chosen = lua_toboolean(L, -1);
    lua_getfield(L, 2, "promo_max");
    lua_Integer promo_max = lua_tointeger(L, -1);
    lua_pop(L, 3);
    lua_getfield(L, c.st, "counts");
    c.counts = lua_gettop(L);
    lua_getfield(L, c.st, "explain");
    c.explain = lua_toboolean(L, -1);
    lua_pop(L, 1);
    lua_newtable(L);
    c.mats = lua_gettop(L);
    luaL_checkstack(L, 20, NULL);
    size_t tlen = 0;
    const char *title = lua_tolstring(L, titleidx, &tlen);
    lua_pushnil(L);
    int foundidx = lua_gettop(L); /* the heading taken for the title */

    struct article *art = &d->art;
    double total = art_good_total(art);
    if (generic && !main_chosen && total >= 20 && art_choose_main(art) != 0)
        return luaL_error(L, "out of memory");

    /* the cut in force: none, the profile's (name:cut) or the generic one */
    int cutting = 0;
    int related = 0, references = 0, begun = 0, related_box = -1;
    for (size_t bi = 0; bi < art->nblocks; bi++) {
        struct art_block *b = &art->blocks[bi];
        const char *verdict = NULL;
        if (b->out) {
            lua_pushstring(L, b->out);
            ac_removal(&c, b);
            verdict = b->out;
        } else if (cutting) {
            lua_pushvalue(L, cutting);
            ac_removal(&c, b);
            verdict = "cut";
        } else if (b->kind == AK_LIST) {
            verdict = ac_list_lines(&c, bi, generic);
            b = &art->blocks[bi];
            b->ref = references;
        } else if (b->kind == AK_IMAGE) {
            if (b->caption.set && b->caption.len > 0)
                ac_caption_lines(&c, bi, generic);
            b = &art->blocks[bi];
        } else {
            /* the text and its measure as the loop found them */
            struct art_str text = b->text;
            int wide = b->measured ? b->wide : -1;
            const char *v = NULL;
            int opened = 0; /* this block opens references */
            if (c.plines && rulebook_may_match(c.pbook, art_bytes(art, text), text.len, wide)) {
                ac_block(&c, bi);
                v = ac_apply(&c, c.pbook, c.plines, c.pname, lua_gettop(L), art_bytes(art, text), text.len, wide);
                lua_pop(L, 1);
                ac_sync(&c, bi);
                b = &art->blocks[bi];
            }
            if (v && strcmp(v, "cut") == 0) {
                lua_pushvalue(L, c.pname);
                lua_pushliteral(L, ":cut");
                lua_concat(L, 2);
                cutting = lua_gettop(L);
            }
            if (!v && generic) {
                if (rulebook_may_match(c.gbook, art_bytes(art, text), text.len, wide)) {
                    /* the rules see the text as the profile's left it */
                    ac_block(&c, bi);
                    v = ac_apply(&c, c.gbook, c.glines, c.gname, lua_gettop(L), art_bytes(art, b->text),
                                 b->text.len, b->measured ? b->wide : -1);
                    lua_pop(L, 1);
                    ac_sync(&c, bi);
                    b = &art->blocks[bi];
                }
                if (v && strcmp(v, "cut") == 0) {
                    /* a generic cut ends the article only when little text follows */
                    lua_Integer rest = 0, all = 0;
                    for (size_t j = 0; j < art->nblocks; j++) {
                        const struct art_block *o = &art->blocks[j];
                        if (!o->out) {
                            all += o->units;
                            if (j > bi)
                                rest += o->units;
                        }
                    }
                    lua_Integer most = all / 5 > 80 ? all / 5 : 80;
                    if (rest <= most) {
                        lua_pushliteral(L, "generic:cut");
                        cutting = lua_gettop(L);
                    } else {
                        v = "drop";
                    }
                }
                const char *t = art_bytes(art, b->text);
                int is_short = b->units <= 20;
                if (!v && (is_short || b->ld >= 0.5) &&
                    (rulebook_may_match(c.relbook, t, b->text.len, -1) || starts_with_capitals(t, b->text.len)) &&
                    ac_any(&c, c.any_nocase, c.related, bi)) {
                    lua_pushliteral(L, "generic:related");
                    ac_removal(&c, &art->blocks[bi]);
                    v = "drop";
                    related = 1;
                    references = 0;
                    related_box = art_related_box(art, bi);
                } else if (!v && is_short && rulebook_may_match(c.refbook, t, b->text.len, -1) &&
                           ac_any(&c, c.any, c.references, bi)) {
                    references = 1;
                    related = 0;
                    opened = 1;
                } else if (!v && related && related_box >= 0 && art_shadow_within(art, b->sh, related_box)) {
                    /* the rest of the opener's box: titles, their summaries */
                    lua_pushliteral(L, "generic:related");
                    ac_removal(&c, b);
                    v = "drop";
                } else if (!v && related && b->kind != AK_HEADING && (b->ld >= 0.5 || b->units < 8)) {
                    lua_pushliteral(L, "generic:related");
                    ac_removal(&c, b);
                    v = "drop";
                } else if (!v && b->good > 0) {
                    related = 0;
                    if (b->units >= 30)
                        references = 0;
                }
                b = &art->blocks[bi];
                /* the references end at the first line that is none
                 * ("— 完 —", a credit after them) */
                if (references && !opened && !reference_like(art_bytes(art, b->text), b->text.len))
                    references = 0;
            }
            b->ref = references;
            verdict = v;
        }
        /* the page's title repeated as a heading before the first paragraph */
        if (!verdict && b->kind == AK_HEADING && !begun &&
            art_title_like(art_bytes(art, b->text), b->text.len, title, tlen, &d->walk[WB_PATH])) {
            lua_pushliteral(L, "generic:title");
            ac_removal(&c, b);
            push_art_str(L, d, b->text);
            lua_replace(L, foundidx);
            verdict = "drop";
        }
        if (!verdict) {
            b->kept = 1;
            begun = begun || (b->kind != AK_HEADING && b->units >= 30 && b->ld < 0.3);
        }
    }

    /* promotions and link lists before the first and after the last
     * substantial paragraph; link-heavy lists anywhere */
    if (generic && total >= 20) {
        long first_s = -1, last_s = -1, k = 0;
        for (size_t i = 0; i < art->nblocks; i++) {
            const struct art_block *b = &art->blocks[i];
            if (!b->kept)
                continue;
            k++;
            if (b->kind != AK_IMAGE && b->units >= 30 && b->ld < 0.3 && b->punct > 0) {
                if (first_s < 0)
                    first_s = k;
                last_s = k;
            }
        }
        /* scratch the Lua rules below cannot leak when they raise: a walk
         * buffer and a userdata */
        struct dom_buf *prose = &d->walk[WB_PART];
        int prose_made = 0, after_promo = 0;
        char *drops = lua_newuserdatauv(L, art->nblocks ? art->nblocks : 1, 0);
        memset(drops, 0, art->nblocks ? art->nblocks : 1);
        k = 0;
        long label = -1; /* the block before, when it may label a list */
        for (size_t i = 0; i < art->nblocks; i++) {
            const struct art_block *b = &art->blocks[i];
            if (!b->kept)
                continue;
            k++;
            int edge = first_s < 0 || k < first_s || k > last_s;
            long this_label = -1;
            const char *t = art_bytes(art, b->text);
            int drop = 1;
            if (b->kind == AK_QUOTE && art_repeated(art, b, prose, &prose_made)) {
                lua_pushliteral(L, "generic:repeat");
            } else if (after_promo) {
                lua_pushliteral(L, "generic:after-promo");
            } else if (b->kind == AK_IMAGE || b->kind == AK_CODE || b->ref) {
                drop = 0;
            } else if (b->kind == AK_PARA && b->units == 0 && b->text.len > 0 &&
                       !only_ellipsis(t, b->text.len)) {
                /* no word, number or character of a script: a decoration
                 * ("▼", "* * *", "————"); an ellipsis marks a cut in an
                 * excerpt and stays */
                lua_pushliteral(L, "generic:symbols");
            } else if (edge && b->units <= 4 && rulebook_may_match(c.endbook, t, b->text.len, -1) &&
                       ac_any(&c, c.any, c.end_marks, i)) {
                lua_pushliteral(L, "generic:end-mark");
            } else if (edge && b->units <= promo_max && rulebook_may_match(c.promobook, t, b->text.len, -1) &&
                       ac_any(&c, c.any, c.promo, i)) {
                lua_pushliteral(L, "generic:promo");
                if (first_s >= 0 && k > last_s)
                    after_promo = 1;
            } else if (b->kind != AK_HEADING &&
                       ((edge && b->ld >= 0.5 && b->units < 80) || (b->kind == AK_LIST && b->ld > 0.7))) {
                push_links_rule(L, b->ld);
                /* a list of links after the last paragraph takes its
                 * label, the short line right before it ("Don't miss
                 * these insights from CNBC PRO"), with it */
                if (label >= 0 && (size_t)label + 1 == i && b->kind == AK_LIST && first_s >= 0 && k > last_s) {
                    lua_pushliteral(L, "generic:links-label");
                    ac_removal(&c, &art->blocks[label]);
                    drops[label] = 1;
                }
            } else {
                drop = 0;
                if (b->kind != AK_IMAGE && b->units <= 12 && b->punct == 0 && b->ld < 0.5)
                    this_label = (long)i;
            }
            if (drop) {
                ac_removal(&c, &art->blocks[i]);
                drops[i] = 1;
            }
            label = this_label;
        }
        for (size_t i = 0; i < art->nblocks; i++)
            if (drops[i])
                art->blocks[i].kept = 0;
        check_buf(L, prose);
        prose->len = 0;
        /* a heading whose section of links went ("往年回顾" over a list
         * of links, "Related"): nothing kept under it before the next
         * heading of its level or the end, and what was removed there all
         * links or short lines (a section whose text went for another
         * reason keeps its heading) */
        for (size_t i = 0; i < art->nblocks; i++) {
            struct art_block *h = &art->blocks[i];
            if (!h->kept || h->kind != AK_HEADING)
                continue;
            size_t removed = 0;
            int content = 0;
            for (size_t j = i + 1; j < art->nblocks; j++) {
                const struct art_block *o = &art->blocks[j];
                if (!o->kept) {
                    if ((o->kind != AK_PARA && o->kind != AK_LIST) || (o->ld < 0.5 && o->units >= 8)) {
                        content = 1; /* text, code, a picture: not links */
                        break;
                    }
                    removed++;
                } else {
                    content = o->kind != AK_HEADING || o->level > h->level;
                    break;
                }
            }
            if (!content && removed > 0) {
                lua_pushliteral(L, "generic:empty-heading");
                ac_removal(&c, h);
                h->kept = 0;
            }
        }
    }
    lua_pushvalue(L, foundidx);
    return 1;
}

/* art_report(doc) -> images, links: the kept image blocks' {src, alt,
 * caption} and the kept blocks' links {href, text}, in order.
 * [-0, +2, m] */
static int dom_lua_art_report(lua_State *L)
{
    struct doc_box *d = check_open(L, luaL_checkudata(L, 1, DOCUMENT_T));
    const struct article *art = &d->art;
    lua_newtable(L);
    lua_newtable(L);
    lua_Integer ni = 0, nl = 0;
    for (size_t i = 0; i < art->nblocks; i++) {
        const struct art_block *b = &art->blocks[i];
        if (!b->kept)
            continue;
        if (b->kind == AK_IMAGE) {
            lua_createtable(L, 0, 3);
            push_art_str(L, d, b->src);
            lua_setfield(L, -2, "src");
            push_art_str(L, d, b->alt);
            lua_setfield(L, -2, "alt");
            push_art_str(L, d, b->caption);
            lua_setfield(L, -2, "caption");
            lua_rawseti(L, -3, ++ni);
        }
        push_art_links(L, d, b, &nl);
    }
    return 2;
}

/* art_jsonl(doc, head) -> the JSON line of the cleaned record: HEAD (raw
 * JSON up to the text's value), the kept blocks' texts joined by blank
 * lines, then "blocks" (see art_jsonl in article.h). [-0, +1, m] */
static int dom_lua_art_jsonl(lua_State *L)
{
    struct doc_box *d = check_open(L, luaL_checkudata(L, 1, DOCUMENT_T));
    size_t hlen;
    const char *head = luaL_checklstring(L, 2, &hlen);
    struct dom_buf *out = &d->buf;
    out->len = 0;
    art_jsonl(&d->art, d->doc, head, hlen, out, &d->walk[WB_HTML], &d->walk[WB_OUT]);
    d->walk[WB_HTML].len = d->walk[WB_OUT].len = 0;
    push_buf(L, out);
    return 1;
}

static const luaL_Reg node_methods[] = {
    {"attr", node_attr},
    {"attrs", node_attrs},
    {"attr_values", node_attr_values},
    {"set_attr", node_set_attr},
    {"children", node_children},
    {"first", node_first},
    {"next", node_next},
    {"prev", node_prev},
    {"text", node_text},
    {"html", node_html},
    {"inner_html", node_inner_html},
    {"markdown", node_markdown},
    {"link_stats", node_link_stats},
    {"scan", node_scan},
    {"clean_blocks", node_clean_blocks},
    {"classes", node_classes},
    {"attr_text", node_attr_text},
    {"select_simple", node_select_simple},
    {"select_any_class", node_select_any_class},
    {"citation_marks", node_citation_marks},
    {"remove", node_remove},
    {"unwrap", node_unwrap},
    {"replace", node_replace},
    {"append", node_append},
    {"set_text", node_set_text},
    {"closed", dom_lua_closed},
    {NULL, NULL}};

static const luaL_Reg node_meta[] = {
    {"__eq", node_eq},
    {"__tostring", node_tostring},
    {"__index", NULL},
    {NULL, NULL}};

/* A document's own methods: nodes have no close. */
static const luaL_Reg doc_methods[] = {
    {"close", doc_close},
    {NULL, NULL}};

static const luaL_Reg doc_meta[] = {
    {"__eq", node_eq},
    {"__tostring", node_tostring},
    {"__gc", doc_close},
    {"__close", doc_close},
    {"__index", NULL},
    {NULL, NULL}};

static const luaL_Reg dom_funcs[] = {
    {"parse", dom_lua_parse},
    {"compile", dom_lua_compile},
    {"eval", dom_lua_eval},
    {"closed", dom_lua_closed},
    {"text_stats", dom_lua_text_stats},
    {"fold", dom_lua_fold},
    {"json_quote", dom_lua_json_quote},
    {"json_join", dom_lua_json_join},
    {"rulebook", dom_lua_rulebook},
    {"may_match", dom_lua_may_match},
    {"attached", dom_lua_attached},
    {"art_begin", dom_lua_art_begin},
    {"art_shadow", dom_lua_art_shadow},
    {"art_clean", dom_lua_art_clean},
    {"art_blocks", dom_lua_art_blocks},
    {"art_report", dom_lua_art_report},
    {"art_jsonl", dom_lua_art_jsonl},
    {NULL, NULL}};

/* Creates metatable NAME with FUNCS and an __index closing over the
 * methods table (at the top of the stack) and OWN, methods of its own
 * (NULL: none). [-0, +0, m] */
static void new_meta(lua_State *L, const char *name, const luaL_Reg *funcs, const luaL_Reg *own)
{
    luaL_newmetatable(L, name);
    luaL_setfuncs(L, funcs, 0);
    lua_pushvalue(L, -2);
    if (own) {
        lua_newtable(L);
        luaL_setfuncs(L, own, 0);
    }
    lua_pushcclosure(L, node_index, own ? 2 : 1);
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);
}

/* The module: parse, compile, eval, closed, and methods (the table of
 * node methods Lua code may extend). [-0, +1, m] */
int luaopen_quire_dom(lua_State *L)
{
    luaL_newlib(L, dom_funcs);
    luaL_newlib(L, node_methods);
    new_meta(L, NODE_T, node_meta, NULL);
    new_meta(L, DOCUMENT_T, doc_meta, doc_methods);
    lua_setfield(L, -2, "methods");
    luaL_newmetatable(L, XPATH_T);
    lua_pushcfunction(L, xpath_gc);
    lua_setfield(L, -2, "__gc");
    lua_pop(L, 1);
    return 1;
}
