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

/* Records the value on top of the stack under ANCHOR, if any. */
static void remember_anchor(struct load_ctx *c, const char *anchor, long long size)
{
    if (anchor == NULL)
        return;
    lua_pushvalue(c->L, -1);
    lua_setfield(c->L, c->anchors, anchor);
    lua_pushinteger(c->L, size);
    lua_setfield(c->L, c->sizes, anchor);
}

/* Starts a collection: pushes its anchor name (a Lua string, so it outlives
 * the event without C memory, or nil) and a new table. [-0, +2, m] */
static void begin_collection(lua_State *L, const yaml_char_t *anchor)
{
    if (anchor != NULL)
        lua_pushstring(L, (const char *)anchor);
    else
        lua_pushnil(L);
    lua_newtable(L);
}

/* Ends a collection begun by begin_collection: records the anchor and
 * drops its name, leaving the table. [-2, +1, m] */
static void end_collection(struct load_ctx *c, long long size)
{
    remember_anchor(c, lua_tostring(c->L, -2), size);
    lua_remove(c->L, -2);
}

/* On error these leave the stack to load_node, which resets it. */
static int load_sequence(struct load_ctx *c, int depth, long long *size)
{
    lua_State *L = c->L;
    begin_collection(L, c->box->event.data.sequence_start.anchor);
    lua_Integer n = 0;
    *size = 1;
    for (;;) {
        if (next_event(c) != 0)
            return -1;
        if (c->box->event.type == YAML_SEQUENCE_END_EVENT)
            break;
        long long item;
        if (load_node(c, depth + 1, &item) != 0)
            return -1;
        if (lua_isnil(L, -1)) {
            lua_pop(L, 1);
            lua_pushlightuserdata(L, NULL);
        }
        lua_rawseti(L, -2, ++n);
        *size += item;
    }
    end_collection(c, *size);
    return 0;
}

static int load_mapping(struct load_ctx *c, int depth, long long *size)
{
    lua_State *L = c->L;
    begin_collection(L, c->box->event.data.mapping_start.anchor);
    *size = 1;
    for (;;) {
        if (next_event(c) != 0)
            return -1;
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
                return -1;
            if (lua_isnil(L, -1) || (lua_type(L, -1) == LUA_TNUMBER && lua_tonumber(L, -1) != lua_tonumber(L, -1))) {
                lua_pop(L, 1);  /* nil and NaN cannot be Lua keys */
                lua_pushliteral(L, "");
            }
        }
        *size += part;
        if (next_event(c) != 0 || load_node(c, depth + 1, &part) != 0)
            return -1;
        *size += part;
        lua_pushvalue(L, -2);
        if (lua_rawget(L, -4) != LUA_TNIL && lua_type(L, -3) == LUA_TSTRING) {
            lua_pushvalue(L, -3);
            lua_rawseti(L, c->duplicates, (lua_Integer)lua_rawlen(L, c->duplicates) + 1);
        }
        lua_pop(L, 1);
        lua_rawset(L, -3);
    }
    end_collection(c, *size);
    return 0;
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

/* ---- emitting ---- */

#define YAML_EMITTER_T "quire.YamlEmitter"

/* The emitter and its output buffer, freed by __gc if a Lua error (out of
 * memory, a bad value) escapes mid-document. */
struct emit_box {
    yaml_emitter_t emitter;
    int ready;
    char *buf;
    size_t len, cap;
};

static void emit_release(struct emit_box *box)
{
    if (box->ready)
        yaml_emitter_delete(&box->emitter);
    box->ready = 0;
    free(box->buf);
    box->buf = NULL;
}

static int emit_box_gc(lua_State *L)
{
    emit_release(luaL_checkudata(L, 1, YAML_EMITTER_T));
    return 0;
}

static int emit_write(void *data, unsigned char *bytes, size_t size)
{
    struct emit_box *box = data;
    if (box->len + size > box->cap) {
        size_t cap = (box->len + size) * 2;
        char *grown = realloc(box->buf, cap);
        if (grown == NULL)
            return 0;
        box->buf = grown;
        box->cap = cap;
    }
    memcpy(box->buf + box->len, bytes, size);
    box->len += size;
    return 1;
}

static void emit_or_fail(lua_State *L, struct emit_box *box, yaml_event_t *ev)
{
    if (!yaml_emitter_emit(&box->emitter, ev))
        luaL_error(L, "cannot write YAML: %s",
                   box->emitter.problem ? box->emitter.problem : "out of memory");
}

/* Emits a scalar; PLAIN_OK false makes libyaml quote it, so strings such
 * as "true", "12" or "~" stay strings when read back. */
static void emit_scalar(lua_State *L, struct emit_box *box, const char *s, size_t len,
                        int plain_ok)
{
    yaml_event_t ev;
    yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s, (int)len,
                                 plain_ok, 1, YAML_ANY_SCALAR_STYLE);
    emit_or_fail(L, box, &ev);
}

/* Whether the plain scalar S would read back as something other than a string. */
static int reads_as_non_string(lua_State *L, const char *s, size_t len)
{
    push_plain_scalar(L, s, len);
    int t = lua_type(L, -1);
    lua_pop(L, 1);
    return t != LUA_TSTRING || len == 0;
}

static int compare_keys(lua_State *L)
{
    lua_pushboolean(L, strcmp(lua_tostring(L, 1), lua_tostring(L, 2)) < 0);
    return 1;
}

static void emit_value(lua_State *L, struct emit_box *box, int idx, int depth);

/* Emits the map at IDX with its string keys in order: those listed in the
 * array at KEYS_IDX (if any) first, the rest sorted. */
static void emit_map(lua_State *L, struct emit_box *box, int idx, int depth, int order_idx)
{
    yaml_event_t ev;
    yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
    emit_or_fail(L, box, &ev);
    lua_newtable(L);  /* keys in output order */
    int keys = lua_gettop(L);
    lua_newtable(L);  /* keys already placed */
    int placed = keys + 1;
    lua_Integer n = 0;
    if (order_idx != 0) {
        for (lua_Integer i = 1; lua_rawgeti(L, order_idx, i) == LUA_TSTRING; i++) {
            lua_pushvalue(L, -1);
            if (lua_rawget(L, idx) != LUA_TNIL) {
                lua_pop(L, 1);
                lua_pushvalue(L, -1);
                lua_rawseti(L, keys, ++n);
                lua_pushboolean(L, 1);
                lua_rawset(L, placed);
            } else {
                lua_pop(L, 2);
            }
        }
        lua_pop(L, 1);
    }
    lua_Integer first_rest = n + 1;
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING) {
            lua_pushvalue(L, -1);
            lua_pushstring(L, luaL_tolstring(L, -1, NULL));
            lua_remove(L, -2);
            lua_remove(L, -2);
            luaL_error(L, "cannot write YAML: map key %s is not a string", lua_tostring(L, -1));
        }
        lua_pushvalue(L, -1);
        if (lua_rawget(L, placed) == LUA_TNIL) {
            lua_pushvalue(L, -2);
            lua_rawseti(L, keys, ++n);
        }
        lua_pop(L, 1);
    }
    /* sort the rest with table.sort over a slice */
    lua_getglobal(L, "table");
    lua_getfield(L, -1, "sort");
    lua_newtable(L);
    for (lua_Integer i = first_rest; i <= n; i++) {
        lua_rawgeti(L, keys, i);
        lua_rawseti(L, -2, i - first_rest + 1);
    }
    lua_pushvalue(L, -1);
    lua_insert(L, -3);
    lua_pushcfunction(L, compare_keys);
    lua_call(L, 2, 0);
    for (lua_Integer i = first_rest; i <= n; i++) {
        lua_rawgeti(L, -1, i - first_rest + 1);
        lua_rawseti(L, keys, i);
    }
    lua_pop(L, 2);
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, keys, i);
        size_t len;
        const char *k = lua_tolstring(L, -1, &len);
        emit_scalar(L, box, k, len, !reads_as_non_string(L, k, len));
        lua_rawget(L, idx);
        emit_value(L, box, lua_gettop(L), depth + 1);
        lua_pop(L, 1);
    }
    lua_pop(L, 2);
    yaml_mapping_end_event_initialize(&ev);
    emit_or_fail(L, box, &ev);
}

/* Emits the Lua value at IDX: tables with keys 1..n as sequences, other
 * tables as maps, NULL lightuserdata as null. */
static void emit_value(lua_State *L, struct emit_box *box, int idx, int depth)
{
    char num[64];
    yaml_event_t ev;
    if (depth > MAX_DEPTH)
        luaL_error(L, "cannot write YAML: nesting deeper than %d levels", MAX_DEPTH);
    luaL_checkstack(L, 8, "cannot write YAML: nesting too deep");
    switch (lua_type(L, idx)) {
    case LUA_TNIL:
    case LUA_TLIGHTUSERDATA:
        emit_scalar(L, box, "~", 1, 1);
        break;
    case LUA_TBOOLEAN:
        emit_scalar(L, box, lua_toboolean(L, idx) ? "true" : "false", lua_toboolean(L, idx) ? 4 : 5, 1);
        break;
    case LUA_TNUMBER:
        if (lua_isinteger(L, idx))
            snprintf(num, sizeof num, LUA_INTEGER_FMT, lua_tointeger(L, idx));
        else if (lua_tonumber(L, idx) != lua_tonumber(L, idx))
            snprintf(num, sizeof num, ".nan");
        else if (lua_tonumber(L, idx) == HUGE_VAL || lua_tonumber(L, idx) == -HUGE_VAL)
            snprintf(num, sizeof num, "%s.inf", lua_tonumber(L, idx) < 0 ? "-" : "");
        else
            snprintf(num, sizeof num, "%.17g", lua_tonumber(L, idx));
        emit_scalar(L, box, num, strlen(num), 1);
        break;
    case LUA_TSTRING: {
        size_t len;
        const char *s = lua_tolstring(L, idx, &len);
        emit_scalar(L, box, s, len, !reads_as_non_string(L, s, len));
        break;
    }
    case LUA_TTABLE: {
        lua_Integer n = (lua_Integer)lua_rawlen(L, idx);
        int is_seq = n > 0;
        if (is_seq) {
            lua_pushnil(L);
            while (is_seq && lua_next(L, idx)) {
                lua_pop(L, 1);
                is_seq = lua_isinteger(L, -1) && lua_tointeger(L, -1) >= 1 && lua_tointeger(L, -1) <= n;
            }
            if (!is_seq)
                lua_pop(L, 1);
        }
        if (is_seq) {
            yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE);
            emit_or_fail(L, box, &ev);
            for (lua_Integer i = 1; i <= n; i++) {
                lua_rawgeti(L, idx, i);
                emit_value(L, box, lua_gettop(L), depth + 1);
                lua_pop(L, 1);
            }
            yaml_sequence_end_event_initialize(&ev);
            emit_or_fail(L, box, &ev);
        } else {
            emit_map(L, box, idx, depth, 0);
        }
        break;
    }
    default:
        luaL_error(L, "cannot write YAML: a %s value", luaL_typename(L, idx));
    }
}

/* dump(value [, first_keys]) -> YAML text of one document (no "---" lines).
 * Maps are written with the keys listed in FIRST_KEYS first, the rest in
 * sorted order, so the output is the same from run to run; strings that
 * would read back as another type are quoted. Raises for values YAML
 * cannot hold (functions, non-string map keys). */
static int yaml_dump(lua_State *L)
{
    luaL_checkany(L, 1);
    int order = lua_istable(L, 2) ? 2 : 0;
    struct emit_box *box = lua_newuserdatauv(L, sizeof *box, 0);
    memset(box, 0, sizeof *box);
    luaL_setmetatable(L, YAML_EMITTER_T);
    if (!yaml_emitter_initialize(&box->emitter))
        return luaL_error(L, "cannot write YAML: out of memory");
    box->ready = 1;
    yaml_emitter_set_output(&box->emitter, emit_write, box);
    yaml_emitter_set_unicode(&box->emitter, 1);
    yaml_emitter_set_width(&box->emitter, -1);
    yaml_event_t ev;
    yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
    emit_or_fail(L, box, &ev);
    yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
    emit_or_fail(L, box, &ev);
    if (lua_istable(L, 1) && order != 0 && lua_rawlen(L, 1) == 0)
        emit_map(L, box, 1, 0, order);
    else
        emit_value(L, box, 1, 0);
    yaml_document_end_event_initialize(&ev, 1);
    emit_or_fail(L, box, &ev);
    yaml_stream_end_event_initialize(&ev);
    emit_or_fail(L, box, &ev);
    yaml_emitter_flush(&box->emitter);
    lua_pushlstring(L, box->buf ? box->buf : "", box->len);
    emit_release(box);
    return 1;
}

static const luaL_Reg yaml_funcs[] = {
    {"load", yaml_load},
    {"dump", yaml_dump},
    {NULL, NULL}};

int luaopen_quire_yaml(lua_State *L)
{
    luaL_newmetatable(L, YAML_PARSER_T);
    lua_pushcfunction(L, box_gc);
    lua_setfield(L, -2, "__gc");
    lua_pop(L, 1);
    luaL_newmetatable(L, YAML_EMITTER_T);
    lua_pushcfunction(L, emit_box_gc);
    lua_setfield(L, -2, "__gc");
    lua_pop(L, 1);
    luaL_newlib(L, yaml_funcs);
    lua_pushlightuserdata(L, NULL);
    lua_setfield(L, -2, "null");
    return 1;
}
