/*
 * quire.c.ustr: the C half of quire.ustr — Unicode and CJK text helpers
 * (src/ustr.c) for Lua. Thin: argument checks, buffers, tables. The
 * friendly API (defaults, wrap, pad) is lua/quire/ustr.lua.
 *
 * Memory: text built here goes into a luaL_Buffer (Lua owns it). Results
 * that utf8proc or iconv malloc are parked in a box userdata whose __gc
 * frees them, so a memory error raised while pushing cannot leak them.
 */
#include <stdint.h>
#include <stdlib.h>

#include <lauxlib.h>
#include <lua.h>

#include "ustr.h"

#define USTR_BOX_T "quire.ustr.box"

/* A malloc'd result waiting to become a Lua string. */
struct box {
    char *p;
};

/* __gc of a box: frees what it still holds. [-0, +0, -] */
static int box_gc(lua_State *L)
{
    struct box *b = luaL_checkudata(L, 1, USTR_BOX_T);
    free(b->p);
    b->p = NULL;
    return 0;
}

/* Pushes an empty box. [-0, +1, m] */
static struct box *push_box(lua_State *L)
{
    struct box *b = lua_newuserdatauv(L, sizeof *b, 0);
    b->p = NULL;
    luaL_setmetatable(L, USTR_BOX_T);
    return b;
}

/* Replaces the box on top with the LEN bytes it holds as a string, and
 * frees them. [-1, +1, m] */
static void push_box_string(lua_State *L, struct box *b, size_t len)
{
    lua_pushlstring(L, b->p, len);
    free(b->p);
    b->p = NULL;
    lua_remove(L, -2);
}

/* Starts a buffer big enough for any rebuilt copy of LEN input bytes.
 * [-0, +1, m] (the buffer's box) */
static char *prep_rebuild(lua_State *L, luaL_Buffer *b, size_t len)
{
    if (len > (SIZE_MAX / 2) / USTR_GROWTH)
        luaL_error(L, "string too long");
    return luaL_buffinitsize(L, b, len * USTR_GROWTH);
}

/* The code point argument ARG: an integer, or the first character of a
 * string. [-0, +0, v] */
static int32_t check_cp(lua_State *L, int arg)
{
    if (lua_type(L, arg) == LUA_TNUMBER) {
        lua_Integer cp = luaL_checkinteger(L, arg);
        luaL_argcheck(L, cp >= 0 && cp <= 0x10FFFF, arg, "code point out of range");
        return (int32_t)cp;
    }
    if (lua_type(L, arg) != LUA_TSTRING)
        luaL_typeerror(L, arg, "string or integer");
    size_t len, i = 0;
    const char *s = lua_tolstring(L, arg, &len);
    luaL_argcheck(L, len > 0, arg, "empty string");
    return ustr_decode(s, len, &i);
}

/* The ambiguous-width argument ARG: 1 or 2; when absent, the module's
 * defaults.ambiguous (the defaults table is upvalue 1). [-0, +0, v] */
static int check_ambiguous(lua_State *L, int arg)
{
    if (lua_isnoneornil(L, arg)) {
        lua_getfield(L, lua_upvalueindex(1), "ambiguous");
        int isnum;
        lua_Integer amb = lua_tointegerx(L, -1, &isnum);
        lua_pop(L, 1);
        if (!isnum || (amb != 1 && amb != 2))
            luaL_error(L, "quire.ustr.defaults.ambiguous must be 1 or 2");
        return (int)amb;
    }
    lua_Integer amb = luaL_checkinteger(L, arg);
    luaL_argcheck(L, amb == 1 || amb == 2, arg, "ambiguous width must be 1 or 2");
    return (int)amb;
}

/* len(s) -> number of code points. [-0, +1, v] */
static int ustr_lua_len(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    lua_pushinteger(L, (lua_Integer)ustr_len(s, len));
    return 1;
}

/* valid(s) -> true | false, position of the first invalid byte (1-based).
 * [-0, +1|2, v] */
static int ustr_lua_valid(lua_State *L)
{
    size_t len, bad;
    const char *s = luaL_checklstring(L, 1, &len);
    if (ustr_valid(s, len, &bad)) {
        lua_pushboolean(L, 1);
        return 1;
    }
    lua_pushboolean(L, 0);
    lua_pushinteger(L, (lua_Integer)bad + 1);
    return 2;
}

/* repair(s) -> s with invalid bytes replaced by U+FFFD. [-0, +1, v] */
static int ustr_lua_repair(lua_State *L)
{
    size_t len, bad;
    const char *s = luaL_checklstring(L, 1, &len);
    if (ustr_valid(s, len, &bad)) {
        lua_settop(L, 1);
        return 1;
    }
    luaL_Buffer b;
    char *out = prep_rebuild(L, &b, len);
    luaL_pushresultsize(&b, ustr_repair(s, len, out));
    return 1;
}

/* sub(s, i [, j]) -> code points i..j of s (string.sub's rules). [-0, +1, v] */
static int ustr_lua_sub(lua_State *L)
{
    size_t len, from, to;
    const char *s = luaL_checklstring(L, 1, &len);
    lua_Integer i = luaL_checkinteger(L, 2);
    lua_Integer j = luaL_optinteger(L, 3, -1);
    ustr_sub(s, len, (int64_t)i, (int64_t)j, &from, &to);
    lua_pushlstring(L, s + from, to - from);
    return 1;
}

/* The iterator graphemes() returns: upvalues are the string and the next
 * byte offset. () -> cluster, byte position | nothing. [-0, +2, m] */
static int graphemes_next(lua_State *L)
{
    size_t len;
    const char *s = lua_tolstring(L, lua_upvalueindex(1), &len);
    size_t pos = (size_t)lua_tointeger(L, lua_upvalueindex(2));
    if (pos >= len)
        return 0;
    size_t end = ustr_grapheme_end(s, len, pos);
    lua_pushinteger(L, (lua_Integer)end);
    lua_replace(L, lua_upvalueindex(2));
    lua_pushlstring(L, s + pos, end - pos);
    lua_pushinteger(L, (lua_Integer)pos + 1);
    return 2;
}

/* graphemes(s) -> iterator over the extended grapheme clusters of s,
 * each with its byte position. [-0, +1, v] */
static int ustr_lua_graphemes(lua_State *L)
{
    luaL_checkstring(L, 1);
    lua_settop(L, 1);
    lua_pushinteger(L, 0);
    lua_pushcclosure(L, graphemes_next, 2);
    return 1;
}

/* ngraphemes(s) -> number of extended grapheme clusters. [-0, +1, v] */
static int ustr_lua_ngraphemes(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    lua_pushinteger(L, (lua_Integer)ustr_graphemes(s, len));
    return 1;
}

/* The iterator chars() returns. () -> character, byte position, code point
 * | nothing. [-0, +3, m] */
static int chars_next(lua_State *L)
{
    size_t len;
    const char *s = lua_tolstring(L, lua_upvalueindex(1), &len);
    size_t pos = (size_t)lua_tointeger(L, lua_upvalueindex(2));
    if (pos >= len)
        return 0;
    size_t end = pos;
    int32_t cp = ustr_decode(s, len, &end);
    lua_pushinteger(L, (lua_Integer)end);
    lua_replace(L, lua_upvalueindex(2));
    lua_pushlstring(L, s + pos, end - pos);
    lua_pushinteger(L, (lua_Integer)pos + 1);
    lua_pushinteger(L, cp);
    return 3;
}

/* chars(s) -> iterator over the characters of s (an invalid byte comes
 * alone, with code point U+FFFD). [-0, +1, v] */
static int ustr_lua_chars(lua_State *L)
{
    luaL_checkstring(L, 1);
    lua_settop(L, 1);
    lua_pushinteger(L, 0);
    lua_pushcclosure(L, chars_next, 2);
    return 1;
}

/* width(s [, ambiguous]) -> terminal columns (ambiguous: 1 or 2, default
 * defaults.ambiguous). [-0, +1, v] */
static int ustr_lua_width(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    int amb = check_ambiguous(L, 2);
    lua_pushinteger(L, (lua_Integer)ustr_width(s, len, amb));
    return 1;
}

/* truncate(s, cols [, ellipsis [, ambiguous]]) -> s cut to at most COLS
 * columns between grapheme clusters, ending with ELLIPSIS (default
 * defaults.ellipsis, "…") when cut. An ellipsis wider than COLS is itself cut. [-0, +1, v] */
static int ustr_lua_truncate(lua_State *L)
{
    size_t len, elen, used;
    const char *s = luaL_checklstring(L, 1, &len);
    lua_Integer cols = luaL_checkinteger(L, 2);
    int amb = check_ambiguous(L, 4);
    lua_settop(L, 4);
    if (lua_isnil(L, 3)) {
        lua_getfield(L, lua_upvalueindex(1), "ellipsis");
        lua_replace(L, 3);
        if (lua_type(L, 3) != LUA_TSTRING)
            return luaL_error(L, "quire.ustr.defaults.ellipsis must be a string");
    }
    const char *ell = luaL_checklstring(L, 3, &elen);
    luaL_argcheck(L, cols >= 0, 2, "columns must not be negative");
    size_t keep = ustr_fit(s, len, (size_t)cols, amb, &used);
    if (keep == len) {
        lua_pushvalue(L, 1);
        return 1;
    }
    size_t ew = ustr_width(ell, elen, amb);
    if (ew > (size_t)cols) {
        keep = ustr_fit(ell, elen, (size_t)cols, amb, &used);
        lua_pushlstring(L, ell, keep);
        return 1;
    }
    keep = ustr_fit(s, len, (size_t)cols - ew, amb, &used);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    luaL_addlstring(&b, s, keep);
    luaL_addlstring(&b, ell, elen);
    luaL_pushresult(&b);
    return 1;
}

/* Normalizes argument 1 to FORM and pushes the result. [-0, +1, m] */
static int push_normalized(lua_State *L, enum ustr_form form)
{
    size_t len, outlen;
    const char *s = luaL_checklstring(L, 1, &len);
    struct box *b = push_box(L);
    if (ustr_normalize(s, len, form, &b->p, &outlen) != 0)
        return luaL_error(L, "not enough memory");
    if (b->p == NULL) {
        lua_pushvalue(L, 1);
        return 1;
    }
    push_box_string(L, b, outlen);
    return 1;
}

/* normalize(s [, form]) -> s in NFC (default), NFD, NFKC or NFKD. [-0, +1, v] */
static int ustr_lua_normalize(lua_State *L)
{
    static const char *const names[] = {"NFC", "NFD", "NFKC", "NFKD", NULL};
    static const enum ustr_form forms[] = {USTR_NFC, USTR_NFD, USTR_NFKC, USTR_NFKD};
    luaL_checkstring(L, 1);
    int form = luaL_checkoption(L, 2, "NFC", names);
    lua_settop(L, 1);
    return push_normalized(L, forms[form]);
}

/* fold(s) -> s case-folded (full folding: ß becomes ss). [-0, +1, v] */
static int ustr_lua_fold(lua_State *L)
{
    luaL_checkstring(L, 1);
    lua_settop(L, 1);
    return push_normalized(L, USTR_CASEFOLD);
}

/* lower(s), upper(s) -> s with each code point's simple case mapping.
 * [-0, +1, v] */
static int ustr_lua_lower(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    luaL_Buffer b;
    char *out = prep_rebuild(L, &b, len);
    luaL_pushresultsize(&b, ustr_lower(s, len, out));
    return 1;
}

static int ustr_lua_upper(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    luaL_Buffer b;
    char *out = prep_rebuild(L, &b, len);
    luaL_pushresultsize(&b, ustr_upper(s, len, out));
    return 1;
}

/* category(cp_or_char) -> general category ("Lu", "Lo", "Nd", ...). [-0, +1, v] */
static int ustr_lua_category(lua_State *L)
{
    lua_pushstring(L, ustr_category(check_cp(L, 1)));
    return 1;
}

/* script(cp_or_char) -> script name ("Han", "Latin", "Common", ...). [-0, +1, v] */
static int ustr_lua_script(lua_State *L)
{
    lua_pushstring(L, ustr_script(check_cp(L, 1)));
    return 1;
}

/* is_cjk(cp_or_char) -> whether it is a Han, kana, Hangul or Bopomofo
 * letter. [-0, +1, v] */
static int ustr_lua_is_cjk(lua_State *L)
{
    lua_pushboolean(L, ustr_is_cjk(check_cp(L, 1)));
    return 1;
}

/* cjk_ratio(s) -> share (0..1) of the letters and digits of s that are
 * CJK. [-0, +1, v] */
static int ustr_lua_cjk_ratio(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    lua_pushnumber(L, ustr_cjk_ratio(s, len));
    return 1;
}

/* trim(s) -> s without leading and trailing Unicode white space. [-0, +1, v] */
static int ustr_lua_trim(lua_State *L)
{
    size_t len, from, to;
    const char *s = luaL_checklstring(L, 1, &len);
    ustr_trim(s, len, &from, &to);
    lua_pushlstring(L, s + from, to - from);
    return 1;
}

/* squeeze(s) -> s with each run of white space made "\n" (if it breaks a
 * line) or " ". [-0, +1, v] */
static int ustr_lua_squeeze(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    luaL_Buffer b;
    char *out = prep_rebuild(L, &b, len);
    luaL_pushresultsize(&b, ustr_squeeze(s, len, out));
    return 1;
}

/* halfwidth(s [, all]) -> full-width ASCII forms made ASCII; CJK
 * punctuation (！（），：；？) stays unless ALL. [-0, +1, v] */
static int ustr_lua_halfwidth(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    int all = lua_toboolean(L, 2);
    luaL_Buffer b;
    char *out = prep_rebuild(L, &b, len);
    luaL_pushresultsize(&b, ustr_halfwidth(s, len, all, out));
    return 1;
}

/* fullwidth(s [, space]) -> ASCII made full-width (space too, as U+3000,
 * if SPACE). [-0, +1, v] */
static int ustr_lua_fullwidth(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    int space = lua_toboolean(L, 2);
    luaL_Buffer b;
    char *out = prep_rebuild(L, &b, len);
    luaL_pushresultsize(&b, ustr_fullwidth(s, len, space, out));
    return 1;
}

/* sentences(s) -> array of the sentences of s, trimmed, none empty.
 * [-0, +1, v] */
static int ustr_lua_sentences(lua_State *L)
{
    size_t len, pos = 0, from, to;
    const char *s = luaL_checklstring(L, 1, &len);
    lua_newtable(L);
    lua_Integer n = 0;
    while (pos < len) {
        pos = ustr_sentence(s, len, pos, &from, &to);
        if (to > from) {
            lua_pushlstring(L, s + from, to - from);
            lua_rawseti(L, -2, ++n);
        }
    }
    return 1;
}

/* bigrams(s) -> array of the overlapping two-character strings of every
 * run of CJK letters in s (a run of one gives that character). [-0, +1, v] */
static int ustr_lua_bigrams(lua_State *L)
{
    size_t len, pos = 0, from, to;
    const char *s = luaL_checklstring(L, 1, &len);
    lua_newtable(L);
    lua_Integer n = 0;
    while (pos < len) {
        pos = ustr_cjk_run(s, len, pos, &from, &to);
        if (from == to)
            break;
        size_t a = from, b = from;
        ustr_decode(s, to, &b);
        if (b == to) {
            lua_pushlstring(L, s + a, to - a);
            lua_rawseti(L, -2, ++n);
            continue;
        }
        while (b < to) {
            size_t c = b;
            ustr_decode(s, to, &c);
            lua_pushlstring(L, s + a, c - a);
            lua_rawseti(L, -2, ++n);
            a = b;
            b = c;
        }
    }
    return 1;
}

/* Converts argument 1 from FROM to TO; pushes the text, or nil and a
 * message naming WHAT failed at which byte. [-0, +1|2, v] */
static int push_converted(lua_State *L, const char *to, const char *from, int name_arg, const char *what)
{
    size_t len, outlen, bad;
    const char *s = luaL_checklstring(L, 1, &len);
    struct box *b = push_box(L);
    switch (ustr_iconv(to, from, s, len, &b->p, &outlen, &bad)) {
    case USTR_ICONV_OK:
        push_box_string(L, b, outlen);
        return 1;
    case USTR_ICONV_UNKNOWN:
        return luaL_argerror(L, name_arg, lua_pushfstring(L, "unknown encoding '%s'", lua_tostring(L, name_arg)));
    case USTR_ICONV_INVALID:
        lua_pushnil(L);
        lua_pushfstring(L, what, lua_tostring(L, name_arg), (lua_Integer)bad + 1);
        return 2;
    default:
        return luaL_error(L, "not enough memory");
    }
}

/* decode(bytes, from) -> UTF-8 text | nil, message. FROM is any iconv
 * name: "GB18030", "GBK", "BIG5", ... [-0, +1|2, v] */
static int ustr_lua_decode(lua_State *L)
{
    luaL_checkstring(L, 1);
    const char *from = luaL_checkstring(L, 2);
    lua_settop(L, 2);
    return push_converted(L, "UTF-8", from, 2, "invalid %s at byte %I");
}

/* encode(s, to) -> bytes in encoding TO | nil, message. [-0, +1|2, v] */
static int ustr_lua_encode(lua_State *L)
{
    luaL_checkstring(L, 1);
    const char *to = luaL_checkstring(L, 2);
    lua_settop(L, 2);
    return push_converted(L, to, "UTF-8", 2, "cannot encode in %s the character at byte %I");
}

/* guess(bytes) -> "UTF-8" | "GB18030" | "BIG5" | nil. [-0, +1, v] */
static int ustr_lua_guess(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    const char *name = ustr_guess(s, len);
    if (name == NULL)
        lua_pushnil(L);
    else
        lua_pushstring(L, name);
    return 1;
}

static const luaL_Reg ustr_funcs[] = {
    {"len", ustr_lua_len},
    {"valid", ustr_lua_valid},
    {"repair", ustr_lua_repair},
    {"sub", ustr_lua_sub},
    {"graphemes", ustr_lua_graphemes},
    {"ngraphemes", ustr_lua_ngraphemes},
    {"chars", ustr_lua_chars},
    {"width", ustr_lua_width},
    {"truncate", ustr_lua_truncate},
    {"normalize", ustr_lua_normalize},
    {"fold", ustr_lua_fold},
    {"lower", ustr_lua_lower},
    {"upper", ustr_lua_upper},
    {"category", ustr_lua_category},
    {"script", ustr_lua_script},
    {"is_cjk", ustr_lua_is_cjk},
    {"cjk_ratio", ustr_lua_cjk_ratio},
    {"trim", ustr_lua_trim},
    {"squeeze", ustr_lua_squeeze},
    {"halfwidth", ustr_lua_halfwidth},
    {"fullwidth", ustr_lua_fullwidth},
    {"sentences", ustr_lua_sentences},
    {"bigrams", ustr_lua_bigrams},
    {"decode", ustr_lua_decode},
    {"encode", ustr_lua_encode},
    {"guess", ustr_lua_guess},
    {NULL, NULL}};

int luaopen_quire_ustr(lua_State *L)
{
    luaL_newmetatable(L, USTR_BOX_T);
    lua_pushcfunction(L, box_gc);
    lua_setfield(L, -2, "__gc");
    lua_pop(L, 1);
    luaL_newlibtable(L, ustr_funcs);
    /* defaults: module state shared as upvalue 1, changed from Lua */
    lua_createtable(L, 0, 2);
    lua_pushinteger(L, 1);
    lua_setfield(L, -2, "ambiguous");
    lua_pushliteral(L, "\xE2\x80\xA6");
    lua_setfield(L, -2, "ellipsis");
    lua_pushvalue(L, -1);
    lua_setfield(L, -3, "defaults");
    luaL_setfuncs(L, ustr_funcs, 1);
    return 1;
}
