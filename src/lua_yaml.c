/*
 * quire.c.yaml: YAML (libyaml) to Lua values, for front matter.
 *
 * Plain scalars are typed as YAML 1.2's core schema says (null, booleans,
 * integers, floats); anything else, timestamps included, stays a string so
 * nothing is lost. Map keys are always strings. A null in a map leaves the
 * key out; a null in a sequence is the lightuserdata NULL (cjson.null) so
 * positions survive. Aliases share the anchored Lua value, and the size the
 * document would have if every alias were copied out is bounded, so an
 * alias bomb is an error instead of a JSON export that never ends.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>
#include <yaml.h>

#define YAML_PARSER_T "quire.YamlParser"
#define MAX_DEPTH 512
#define DEFAULT_MAX_NODES 1000000

/* The parser and the event in flight live in a userdata so that a Lua
 * error (out of memory) can never leak them: __gc frees both. */
struct yaml_box {
    yaml_parser_t parser;
    yaml_event_t event;
    int parser_ready, event_ready;
};

struct load_ctx {
    lua_State *L;
    struct yaml_box *box;
    int anchors;               /* stack index: anchor name -> value */
    int sizes;                 /* stack index: anchor name -> expanded size */
    long long nodes, max_nodes;
    int duplicates;            /* stack index: list of duplicated keys */
    char err[256];
    long err_line;
};

static int box_gc(lua_State *L)
{
    struct yaml_box *box = luaL_checkudata(L, 1, YAML_PARSER_T);
    if (box->event_ready)
        yaml_event_delete(&box->event);
    if (box->parser_ready)
        yaml_parser_delete(&box->parser);
    box->event_ready = box->parser_ready = 0;
    return 0;
}

static int next_event(struct load_ctx *c)
{
    struct yaml_box *box = c->box;
    if (box->event_ready) {
        yaml_event_delete(&box->event);
        box->event_ready = 0;
    }
    if (!yaml_parser_parse(&box->parser, &box->event)) {
        const yaml_parser_t *p = &box->parser;
        snprintf(c->err, sizeof c->err, "%s%s%s",
                 p->problem ? p->problem : "YAML error",
                 p->context ? " " : "", p->context ? p->context : "");
        c->err_line = (long)p->problem_mark.line + 1;
        return -1;
    }
    box->event_ready = 1;
    return 0;
}

static int fail(struct load_ctx *c, const char *msg)
{
    snprintf(c->err, sizeof c->err, "%s", msg);
    c->err_line = (long)c->box->event.start_mark.line + 1;
    return -1;
}

static int is_plain(const yaml_event_t *ev)
{
    return ev->data.scalar.plain_implicit && ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
}

static int match_any(const char *s, const char *const *words)
{
    for (; *words != NULL; words++)
        if (strcmp(s, *words) == 0)
            return 1;
    return 0;
}

/* Pushes the Lua value of a plain scalar per the core schema. [-0, +1, m] */
static void push_plain_scalar(lua_State *L, const char *s, size_t len)
{
    static const char *const nulls[] = {"", "~", "null", "Null", "NULL", NULL};
    static const char *const trues[] = {"true", "True", "TRUE", NULL};
    static const char *const falses[] = {"false", "False", "FALSE", NULL};
    static const char *const infs[] = {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", NULL};
    static const char *const neginfs[] = {"-.inf", "-.Inf", "-.INF", NULL};
    static const char *const nans[] = {".nan", ".NaN", ".NAN", NULL};

    if (strlen(s) != len) {  /* an embedded NUL: only a string can hold it */
        lua_pushlstring(L, s, len);
    } else if (match_any(s, nulls)) {
        lua_pushnil(L);
    } else if (match_any(s, trues)) {
        lua_pushboolean(L, 1);
    } else if (match_any(s, falses)) {
        lua_pushboolean(L, 0);
    } else if (match_any(s, infs)) {
        lua_pushnumber(L, HUGE_VAL);
    } else if (match_any(s, neginfs)) {
        lua_pushnumber(L, -HUGE_VAL);
    } else if (match_any(s, nans)) {
        lua_pushnumber(L, NAN);
    } else {
        char *end;
        const char *digits = s + (s[0] == '-' || s[0] == '+');
        int base = 0;
        if (digits[0] == '0' && digits[1] == 'o')
            base = 8;
        else if (digits[0] == '0' && digits[1] == 'x')
            base = 16;
        if (base != 0 && s == digits && digits[2] != '\0') {
            errno = 0;
            unsigned long long v = strtoull(digits + 2, &end, base);
            if (*end == '\0' && errno == 0 && v <= (unsigned long long)LUA_MAXINTEGER) {
                lua_pushinteger(L, (lua_Integer)v);
                return;
            }
        }
        int all_digits = digits[0] != '\0';
        for (const char *p = digits; *p; p++)
            all_digits &= (*p >= '0' && *p <= '9');
        if (all_digits) {
            errno = 0;
            long long v = strtoll(s, &end, 10);
            if (errno == 0)
                lua_pushinteger(L, (lua_Integer)v);
            else
                lua_pushnumber(L, strtod(s, NULL));
            return;
        }
        /* [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)? */
        const char *p = digits;
        int mant = 0;
        while (*p >= '0' && *p <= '9')
            p++, mant++;
        if (*p == '.') {
            p++;
            while (*p >= '0' && *p <= '9')
                p++, mant++;
        }
        if (mant > 0 && (*p == 'e' || *p == 'E')) {
            p++;
            if (*p == '-' || *p == '+')
                p++;
            int exp = 0;
            while (*p >= '0' && *p <= '9')
                p++, exp++;
            if (exp == 0)
                mant = 0;
        }
        if (mant > 0 && *p == '\0' && strchr(digits, '.') != NULL) {
            lua_pushnumber(L, strtod(s, NULL));
            return;
        }
        if (mant > 0 && *p == '\0' && (strchr(digits, 'e') || strchr(digits, 'E'))) {
            lua_pushnumber(L, strtod(s, NULL));
            return;
        }
        lua_pushlstring(L, s, len);
    }
}

/* Pushes a scalar honouring an explicit !!tag; returns its node count. */
static void push_scalar(struct load_ctx *c, const yaml_event_t *ev)
{
    const char *s = (const char *)ev->data.scalar.value;
    size_t len = ev->data.scalar.length;
    const char *tag = (const char *)ev->data.scalar.tag;
    if (tag != NULL && strcmp(tag, YAML_STR_TAG) != 0 &&
        strncmp(tag, "tag:yaml.org,2002:", 18) == 0)
        push_plain_scalar(c->L, s, len);  /* !!int, !!bool, ...: resolve the text */
    else if (tag == NULL && is_plain(ev))
        push_plain_scalar(c->L, s, len);
    else
        lua_pushlstring(c->L, s, len);
}

static int load_node(struct load_ctx *c, int depth, long long *size);

/* Records the value on top of the stack under the current anchor, if any. */
static void remember_anchor(struct load_ctx *c, const char *anchor, long long size)
{
    if (anchor == NULL)
        return;
    lua_pushvalue(c->L, -1);
    lua_setfield(c->L, c->anchors, anchor);
    lua_pushinteger(c->L, size);
    lua_setfield(c->L, c->sizes, anchor);
}

static int load_sequence(struct load_ctx *c, int depth, long long *size)
{
    lua_State *L = c->L;
    char *anchor = c->box->event.data.sequence_start.anchor
        ? strdup((char *)c->box->event.data.sequence_start.anchor) : NULL;
    lua_newtable(L);
    lua_Integer n = 0;
    *size = 1;
    for (;;) {
        if (next_event(c) != 0)
            goto error;
        if (c->box->event.type == YAML_SEQUENCE_END_EVENT)
            break;
        long long item;
        if (load_node(c, depth + 1, &item) != 0)
            goto error;
        if (lua_isnil(L, -1)) {
            lua_pop(L, 1);
            lua_pushlightuserdata(L, NULL);
        }
        lua_rawseti(L, -2, ++n);
        *size += item;
    }
    remember_anchor(c, anchor, *size);
    free(anchor);
    return 0;
error:
    free(anchor);
    return -1;
}

static int load_mapping(struct load_ctx *c, int depth, long long *size)
{
    lua_State *L = c->L;
    char *anchor = c->box->event.data.mapping_start.anchor
        ? strdup((char *)c->box->event.data.mapping_start.anchor) : NULL;
    lua_newtable(L);
    *size = 1;
    for (;;) {
        if (next_event(c) != 0)
            goto error;
        yaml_event_t *ev = &c->box->event;
        if (ev->type == YAML_MAPPING_END_EVENT)
            break;
        long long part;
        if (ev->type == YAML_SCALAR_EVENT) {
            lua_pushlstring(L, (const char *)ev->data.scalar.value, ev->data.scalar.length);
            part = 1;
        } else {
            /* a collection as a key: keep the value, keyed by its position */
            if (load_node(c, depth + 1, &part) != 0)
                goto error;
            if (lua_isnil(L, -1) || (lua_type(L, -1) == LUA_TNUMBER && lua_tonumber(L, -1) != lua_tonumber(L, -1))) {
                lua_pop(L, 1);  /* nil and NaN cannot be Lua keys */
                lua_pushliteral(L, "");
            }
        }
        *size += part;
        if (next_event(c) != 0 || load_node(c, depth + 1, &part) != 0)
            goto error;
        *size += part;
        lua_pushvalue(L, -2);
        if (lua_rawget(L, -4) != LUA_TNIL && lua_type(L, -3) == LUA_TSTRING) {
            lua_pushvalue(L, -3);
            lua_rawseti(L, c->duplicates, (lua_Integer)lua_rawlen(L, c->duplicates) + 1);
        }
        lua_pop(L, 1);
        lua_rawset(L, -3);
    }
    remember_anchor(c, anchor, *size);
    free(anchor);
    return 0;
error:
    free(anchor);
    return -1;
}

/* Pushes the value of the node whose first event is current. On error
 * pushes nothing and returns -1 with c->err set. */
static int load_node(struct load_ctx *c, int depth, long long *size)
{
    lua_State *L = c->L;
    if (depth >= MAX_DEPTH)  /* depth counts from 0 */
        return fail(c, "nesting deeper than 512 levels");
    if (!lua_checkstack(L, 8))
        return fail(c, "nesting too deep for the Lua stack");
    int top = lua_gettop(L);
    yaml_event_t *ev = &c->box->event;
    int status = 0;
    switch (ev->type) {
    case YAML_SCALAR_EVENT:
        push_scalar(c, ev);
        *size = 1;
        remember_anchor(c, (const char *)ev->data.scalar.anchor, 1);
        break;
    case YAML_ALIAS_EVENT: {
        const char *name = (const char *)ev->data.alias.anchor;
        /* libyaml's parser leaves unknown anchors to the loader; without
         * this check "*typo" (or an alias to its own, unfinished anchor)
         * would quietly read as null */
        if (lua_getfield(L, c->sizes, name) == LUA_TNIL) {
            lua_pop(L, 1);
            snprintf(c->err, sizeof c->err, "undefined alias '%.200s'", name);
            c->err_line = (long)ev->start_mark.line + 1;
            return -1;
        }
        *size = lua_tointeger(L, -1);
        lua_pop(L, 1);
        lua_getfield(L, c->anchors, name);
        break;
    }
    case YAML_SEQUENCE_START_EVENT:
        status = load_sequence(c, depth, size);
        break;
    case YAML_MAPPING_START_EVENT:
        status = load_mapping(c, depth, size);
        break;
    default:
        return fail(c, "unexpected YAML event");
    }
    if (status != 0) {
        lua_settop(L, top);
        return -1;
    }
    c->nodes += *size;
    if (*size > c->max_nodes || c->nodes > c->max_nodes * 4) {
        lua_settop(L, top);
        snprintf(c->err, sizeof c->err, "aliases expand to more than %lld nodes", c->max_nodes);
        c->err_line = (long)c->box->event.start_mark.line + 1;
        return -1;
    }
    return 0;
}

/* load(text [, max_nodes]) -> true, value, duplicated_keys | false, message, line
 * Reads the first document of TEXT. value is nil for an empty document;
 * duplicated_keys lists keys that appeared twice in one map (the last wins). */
static int yaml_load(lua_State *L)
{
    size_t len;
    const char *text = luaL_checklstring(L, 1, &len);
    lua_Integer max_nodes = luaL_optinteger(L, 2, DEFAULT_MAX_NODES);
    lua_settop(L, 2);
    struct yaml_box *box = lua_newuserdatauv(L, sizeof *box, 0);  /* 3 */
    memset(box, 0, sizeof *box);
    luaL_setmetatable(L, YAML_PARSER_T);
    if (!yaml_parser_initialize(&box->parser))
        return luaL_error(L, "cannot initialise the YAML parser: out of memory");
    box->parser_ready = 1;
    yaml_parser_set_input_string(&box->parser, (const unsigned char *)text, len);
    lua_newtable(L);  /* 4: anchors */
    lua_newtable(L);  /* 5: sizes */
    lua_newtable(L);  /* 6: duplicates */
    struct load_ctx c = {L, box, 4, 5, 0, max_nodes, 6, "", 0};

    int ok = 0;
    lua_pushnil(L);  /* the value of an empty stream */
    while (next_event(&c) == 0) {
        yaml_event_type_t type = box->event.type;
        if (type == YAML_STREAM_END_EVENT || type == YAML_DOCUMENT_END_EVENT) {
            ok = 1;
            break;
        }
        if (type == YAML_STREAM_START_EVENT || type == YAML_DOCUMENT_START_EVENT)
            continue;
        long long size;
        lua_pop(L, 1);
        if (load_node(&c, 0, &size) != 0) {
            lua_pushnil(L);
            break;
        }
    }
    if (box->event_ready)
        yaml_event_delete(&box->event);
    yaml_parser_delete(&box->parser);
    box->event_ready = box->parser_ready = 0;
    if (!ok) {
        lua_pushboolean(L, 0);
        lua_pushstring(L, c.err);
        lua_pushinteger(L, c.err_line);
        return 3;
    }
    lua_pushboolean(L, 1);
    lua_insert(L, -2);
    if (lua_rawlen(L, 6) > 0)
        lua_pushvalue(L, 6);
    else
        lua_pushnil(L);
    return 3;
}

static const luaL_Reg yaml_funcs[] = {
    {"load", yaml_load},
    {NULL, NULL}};

int luaopen_quire_yaml(lua_State *L)
{
    luaL_newmetatable(L, YAML_PARSER_T);
    lua_pushcfunction(L, box_gc);
    lua_setfield(L, -2, "__gc");
    lua_pop(L, 1);
    luaL_newlib(L, yaml_funcs);
    lua_pushlightuserdata(L, NULL);
    lua_setfield(L, -2, "null");
    return 1;
}
