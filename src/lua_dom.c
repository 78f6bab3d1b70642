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
#include <stdio.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "dom.h"

#define DOCUMENT_T "quire.Document"
#define NODE_T "quire.Node"
#define XPATH_T "quire.XPath"

struct doc_box {
    xmlDocPtr doc;               /* NULL once released */
    xmlXPathContextPtr xp;       /* one evaluation context per document, made lazily */
    xmlXPathObjectPtr pending;   /* a result being converted to Lua values */
    struct dom_trash trash;      /* removed nodes, freed with the document */
    struct dom_buf buf, tmp[2];  /* scratch for text, html and markdown */
    char xperr[256];             /* the last XPath error message */
};

struct node_box {
    xmlNodePtr node;
};

/* ---- boxes ------------------------------------------------------------- */

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
    dom_buf_free(&d->buf);
    dom_buf_free(&d->tmp[0]);
    dom_buf_free(&d->tmp[1]);
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

/* json_quote(s) -> s as a JSON string, escaped as lua-cjson escapes but
 * leaving '/' alone (see dom_json_quote): sized first, then written
 * straight into a Lua buffer. [-0, +1, m] */
static int dom_lua_json_quote(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    size_t n = dom_json_quote(s, len, NULL);
    luaL_Buffer b;
    char *p = luaL_buffinitsize(L, &b, n);
    dom_json_quote(s, len, p);
    luaL_pushresultsize(&b, n);
    return 1;
}

/* closed(doc) -> whether the document was closed. [-0, +1, -] */
static int dom_lua_closed(lua_State *L)
{
    struct doc_box *d = luaL_checkudata(L, 1, DOCUMENT_T);
    lua_pushboolean(L, d->doc == NULL);
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
static int node_index(lua_State *L)
{
    lua_pushvalue(L, 2);
    if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL)
        return 1;
    const char *key = lua_tostring(L, 2);
    if (key == NULL)
        return 1;
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
                if (strcmp((const char *)a->name, name) == 0)
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
    xmlAttrPtr a = xmlHasProp(n, (const xmlChar *)"href");
    if (a != NULL) {
        push_attr_value(L, (xmlNodePtr)a);
        size_t hl;
        const char *h = lua_tolstring(L, -1, &hl);
        if ((hl >= 7 && memcmp(h, "http://", 7) == 0) || (hl >= 8 && memcmp(h, "https://", 8) == 0)) {
            lua_createtable(L, 0, 2);
            lua_insert(L, -2);
            lua_setfield(L, -2, "href");
            lua_pushlstring(L, b->data, b->len);
            lua_setfield(L, -2, "text");
            lua_rawseti(L, w->linksidx, ++w->nlinks);
        } else {
            lua_pop(L, 1);
        }
    }
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
    {"remove", node_remove},
    {"unwrap", node_unwrap},
    {"replace", node_replace},
    {"append", node_append},
    {"set_text", node_set_text},
    {"close", doc_close},
    {"closed", dom_lua_closed},
    {NULL, NULL}};

static const luaL_Reg node_meta[] = {
    {"__eq", node_eq},
    {"__tostring", node_tostring},
    {"__index", NULL},
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
    {NULL, NULL}};

/* Creates metatable NAME with FUNCS and an __index closing over the
 * methods table (at the top of the stack). [-0, +0, m] */
static void new_meta(lua_State *L, const char *name, const luaL_Reg *funcs)
{
    luaL_newmetatable(L, name);
    luaL_setfuncs(L, funcs, 0);
    lua_pushvalue(L, -2);
    lua_pushcclosure(L, node_index, 1);
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);
}

/* The module: parse, compile, eval, closed, and methods (the table of
 * node methods Lua code may extend). [-0, +1, m] */
int luaopen_quire_dom(lua_State *L)
{
    luaL_newlib(L, dom_funcs);
    luaL_newlib(L, node_methods);
    new_meta(L, NODE_T, node_meta);
    new_meta(L, DOCUMENT_T, doc_meta);
    lua_setfield(L, -2, "methods");
    luaL_newmetatable(L, XPATH_T);
    lua_pushcfunction(L, xpath_gc);
    lua_setfield(L, -2, "__gc");
    lua_pop(L, 1);
    return 1;
}
