/*
 * quire.c.segment: the C half of quire.text — word segmentation
 * (src/segment.c, libfriso underneath) for Lua. The friendly API (the
 * lazily loaded shared segmenter, stop words, user dictionaries) is
 * lua/quire/text.lua.
 *
 * A segmenter is a userdata box holding a segment_t; __gc and close()
 * share one release that frees once and wipes the pointer. Segmenting
 * pushes strings while friso's state is live, but that state belongs to
 * the box, so a memory error raised mid-run leaks nothing.
 */
#include <lauxlib.h>
#include <lua.h>

#include "segment.h"

#define SEGMENTER_T "quire.Segmenter"

struct box {
    segment_t *seg;
};

static const char *const kind_names[] = {"word", "latin", "number", "punct"};

/* The open segmenter at ARG. [-0, +0, v] */
static segment_t *check_segmenter(lua_State *L, int arg)
{
    struct box *b = luaL_checkudata(L, arg, SEGMENTER_T);
    if (b->seg == NULL)
        luaL_error(L, "segmenter is closed");
    return b->seg;
}

/* open([dict_dir]) -> segmenter | nil, message. [-0|1, +1|2, m] */
static int segment_open_l(lua_State *L)
{
    const char *dir = luaL_optstring(L, 1, NULL);
    char err[512];
    struct box *b = lua_newuserdatauv(L, sizeof *b, 0);
    b->seg = NULL;
    luaL_setmetatable(L, SEGMENTER_T);
    b->seg = segment_open(dir, err, sizeof err);
    if (b->seg == NULL) {
        lua_pushnil(L);
        lua_pushstring(L, err);
        return 2;
    }
    return 1;
}

/* __gc, __close and close(): frees the segmenter once. [-0, +0, -] */
static int segmenter_close(lua_State *L)
{
    struct box *b = luaL_checkudata(L, 1, SEGMENTER_T);
    segment_close(b->seg);
    b->seg = NULL;
    return 0;
}

struct collect {
    lua_State *L;
    int keep_punct;
    int with_kinds;
    lua_Integer n;
    const char *base;   /* the text, when starts are collected; else NULL */
};

/* Appends one token to the tables on top: words at -1; or words at -2
 * and kinds at -1; or words at -3, kinds at -2 and starts at -1. Kind
 * names are upvalues of the calling method, so no string is made for
 * them. [-0, +0, m] */
static int collect_token(void *ud, const char *token, size_t len, enum segment_kind kind)
{
    struct collect *c = ud;
    if (kind == SEGMENT_PUNCT && !c->keep_punct)
        return 0;
    c->n++;
    int starts = c->base != NULL;
    lua_pushlstring(c->L, token, len);
    lua_rawseti(c->L, c->with_kinds ? -3 - starts : -2, c->n);
    if (c->with_kinds) {
        lua_pushvalue(c->L, lua_upvalueindex(1 + (int)kind));
        lua_rawseti(c->L, -2 - starts, c->n);
    }
    if (starts) {
        lua_pushinteger(c->L, (lua_Integer)(token - c->base) + 1);
        lua_rawseti(c->L, -2, c->n);
    }
    return 0;
}

/* seg:words(text [, keep_punct]) -> {word...}: the tokens of TEXT,
 * punctuation only when KEEP_PUNCT. [-0, +1, m] */
static int segmenter_words(lua_State *L)
{
    segment_t *seg = check_segmenter(L, 1);
    size_t len;
    const char *text = luaL_checklstring(L, 2, &len);
    struct collect c = {L, lua_toboolean(L, 3), 0, 0, NULL};
    lua_createtable(L, (int)(len / 6 < 1024 ? len / 6 : 1024), 0);
    if (segment_run(seg, text, len, collect_token, &c) < 0)
        return luaL_error(L, "not enough memory");
    return 1;
}

/* seg:tokens(text [, starts]) -> {token...}, {kind...} [, {start...}]:
 * every token with its kind, "word", "latin", "number" or "punct", and
 * with STARTS the byte where each begins (1-based), so a caller can tell
 * which tokens lie in a part of TEXT without segmenting it again.
 * [-0, +2|3, m] */
static int segmenter_tokens(lua_State *L)
{
    segment_t *seg = check_segmenter(L, 1);
    size_t len;
    const char *text = luaL_checklstring(L, 2, &len);
    int starts = lua_toboolean(L, 3);
    struct collect c = {L, 1, 1, 0, starts ? text : NULL};
    int hint = (int)(len / 6 < 1024 ? len / 6 : 1024);
    lua_createtable(L, hint, 0);
    lua_createtable(L, hint, 0);
    if (starts)
        lua_createtable(L, hint, 0);
    if (segment_run(seg, text, len, collect_token, &c) < 0)
        return luaL_error(L, "not enough memory");
    return 2 + starts;
}

/* seg:add(word) -> true (added) | false (already known) | nil, message.
 * [-0, +1|2, m] */
static int segmenter_add(lua_State *L)
{
    segment_t *seg = check_segmenter(L, 1);
    size_t len;
    const char *word = luaL_checklstring(L, 2, &len);
    int r = segment_add_word(seg, word, len);
    if (r == -2)
        return luaL_error(L, "not enough memory");
    if (r < 0) {
        lua_pushnil(L);
        lua_pushfstring(L, "'%s' is not 2 to %d Han characters", word, SEGMENT_MAX_WORD);
        return 2;
    }
    lua_pushboolean(L, r == 1);
    return 1;
}

/* seg:has(word) -> whether WORD is in the dictionary. [-0, +1, -] */
static int segmenter_has(lua_State *L)
{
    segment_t *seg = check_segmenter(L, 1);
    size_t len;
    const char *word = luaL_checklstring(L, 2, &len);
    lua_pushboolean(L, segment_has_word(seg, word, len));
    return 1;
}

/* seg:size() -> number of dictionary entries. [-0, +1, -] */
static int segmenter_size(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)segment_size(check_segmenter(L, 1)));
    return 1;
}

/* __tostring. [-0, +1, m] */
static int segmenter_tostring(lua_State *L)
{
    struct box *b = luaL_checkudata(L, 1, SEGMENTER_T);
    lua_pushstring(L, b->seg ? "quire.Segmenter" : "quire.Segmenter (closed)");
    return 1;
}

/* is_han(cp) -> whether code point CP is a Han character friso segments. [-0, +1, v] */
static int segment_is_han_l(lua_State *L)
{
    lua_pushboolean(L, segment_is_han((int)luaL_checkinteger(L, 1)));
    return 1;
}

static const luaL_Reg segmenter_methods[] = {
    {"words", segmenter_words},
    {"tokens", NULL}, /* set in luaopen_quire_segment, with the kind names */
    {"add", segmenter_add},
    {"has", segmenter_has},
    {"size", segmenter_size},
    {"close", segmenter_close},
    {NULL, NULL},
};

static const luaL_Reg segmenter_meta[] = {
    {"__gc", segmenter_close},
    {"__close", segmenter_close},
    {"__tostring", segmenter_tostring},
    {NULL, NULL},
};

static const luaL_Reg segment_funcs[] = {
    {"open", segment_open_l},
    {"is_han", segment_is_han_l},
    {NULL, NULL},
};

int luaopen_quire_segment(lua_State *L)
{
    luaL_newmetatable(L, SEGMENTER_T);
    luaL_setfuncs(L, segmenter_meta, 0);
    luaL_newlib(L, segmenter_methods);
    for (int k = 0; k < 4; k++)
        lua_pushstring(L, kind_names[k]);
    lua_pushcclosure(L, segmenter_tokens, 4);
    lua_setfield(L, -2, "tokens");
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);
    luaL_newlib(L, segment_funcs);
    lua_pushinteger(L, SEGMENT_MAX_WORD);
    lua_setfield(L, -2, "max_word");
    lua_pushstring(L, SEGMENT_DEFAULT_DICT);
    lua_setfield(L, -2, "default_dict");
    return 1;
}
