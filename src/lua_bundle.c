/*
 * quire.c.bundle: the scripts compiled into the binary and the searchers
 * that find them. A user's copy in a look-up directory replaces the
 * bundled file whole (never merged), as in Nmap's data-file search.
 */
#include <stdio.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "bundle.h"
#include "luastate.h"

#define LUA_DIRS_KEY "quire.luadirs"

/* Pushes the path of the first readable candidate file for module NAME
 * in the look-up directories, or nothing. Returns 1 if found. [-0, +(0|1), m] */
static int find_user_file(lua_State *L, const char *name)
{
    lua_getfield(L, LUA_REGISTRYINDEX, LUA_DIRS_KEY);
    const char *rel = luaL_gsub(L, name, ".", "/");
    int found = 0;
    for (lua_Integer i = 1; !found && lua_rawgeti(L, -2, i) == LUA_TSTRING; i++) {
        const char *dir = lua_tostring(L, -1);
        static const char *const forms[] = {"%s/%s.lua", "%s/%s/init.lua"};
        for (int k = 0; k < 2 && !found; k++) {
            const char *path = lua_pushfstring(L, forms[k], dir, rel);
            FILE *f = fopen(path, "r");
            if (f != NULL) {
                fclose(f);
                lua_replace(L, -4);  /* the directory table's slot */
                found = 1;
            } else {
                lua_pop(L, 1);
            }
        }
        lua_pop(L, 1);
    }
    if (!found) {
        lua_pop(L, 3);  /* nil, rel, dirs */
        return 0;
    }
    lua_pop(L, 1);  /* rel; the path is left */
    return 1;
}

/* package.searchers entry: a user copy in the look-up directories. */
static int searcher_user(lua_State *L)
{
    const char *name = luaL_checkstring(L, 1);
    if (!find_user_file(L, name)) {
        lua_pushfstring(L, "no file for '%s' in quire's look-up directories", name);
        return 1;
    }
    const char *path = lua_tostring(L, -1);
    if (luaL_loadfilex(L, path, "t") != LUA_OK)
        return luaL_error(L, "error loading module '%s' from file '%s':\n\t%s",
                          name, path, lua_tostring(L, -1));
    lua_pushvalue(L, -2);
    return 2;
}

/* Loads bundled file F as chunk "@quire/x.lua". [-0, +1, -] */
static int load_bundled(lua_State *L, const struct bundle_file *f)
{
    lua_pushfstring(L, "@%s", f->name);
    int status = luaL_loadbufferx(L, f->data, f->size, lua_tostring(L, -1), "t");
    lua_remove(L, -2);
    return status;
}

/* package.searchers entry: the copy compiled into the binary. */
static int searcher_bundled(lua_State *L)
{
    const char *name = luaL_checkstring(L, 1);
    const struct bundle_file *f = bundle_find_module(name);
    if (f == NULL) {
        lua_pushfstring(L, "no bundled file for '%s'", name);
        return 1;
    }
    if (load_bundled(L, f) != LUA_OK)
        return luaL_error(L, "error loading bundled module '%s':\n\t%s", name,
                          lua_tostring(L, -1));
    lua_pushfstring(L, "bundled:%s", f->name);
    return 2;
}

void bundle_install_searchers(lua_State *L)
{
    lua_setfield(L, LUA_REGISTRYINDEX, LUA_DIRS_KEY);
    lua_getglobal(L, "package");
    lua_getfield(L, -1, "searchers");
    /* preload stays first; then user copies, then bundled, then Lua's own */
    lua_Integer n = (lua_Integer)lua_rawlen(L, -1);
    for (lua_Integer i = n; i >= 2; i--) {
        lua_rawgeti(L, -1, i);
        lua_rawseti(L, -2, i + 2);
    }
    lua_pushcfunction(L, searcher_user);
    lua_rawseti(L, -2, 2);
    lua_pushcfunction(L, searcher_bundled);
    lua_rawseti(L, -2, 3);
    lua_pop(L, 2);
}

/* list() -> array of the bundled files' paths under lua/, in order. */
static int bundle_list(lua_State *L)
{
    lua_newtable(L);
    lua_Integer i = 0;
    for (const struct bundle_file *f = bundle_files; f->name != NULL; f++) {
        lua_pushstring(L, f->name);
        lua_rawseti(L, -2, ++i);
    }
    return 1;
}

/* source(path) -> the bundled file's text, or nil. */
static int bundle_source(lua_State *L)
{
    const struct bundle_file *f = bundle_find_path(luaL_checkstring(L, 1));
    if (f == NULL)
        return 0;
    lua_pushlstring(L, f->data, f->size);
    return 1;
}

/* load(path) -> the bundled file compiled as a function, or nil, message. */
static int bundle_load(lua_State *L)
{
    const struct bundle_file *f = bundle_find_path(luaL_checkstring(L, 1));
    if (f == NULL) {
        lua_pushnil(L);
        lua_pushfstring(L, "no bundled file '%s'", lua_tostring(L, 1));
        return 2;
    }
    if (load_bundled(L, f) != LUA_OK) {
        lua_pushnil(L);
        lua_insert(L, -2);
        return 2;
    }
    return 1;
}

/* dirs() -> the look-up directories, highest priority first. */
static int bundle_dirs(lua_State *L)
{
    lua_newtable(L);
    lua_getfield(L, LUA_REGISTRYINDEX, LUA_DIRS_KEY);
    for (lua_Integer i = 1; lua_rawgeti(L, -1, i) != LUA_TNIL; i++)
        lua_rawseti(L, -3, i);
    lua_pop(L, 2);
    return 1;
}

/* user_file(modname) -> path of the user copy that wins, or nil. */
static int bundle_user_file(lua_State *L)
{
    return find_user_file(L, luaL_checkstring(L, 1)) ? 1 : 0;
}

/* noenv() -> whether -E was given. */
static int bundle_noenv(lua_State *L)
{
    lua_getfield(L, LUA_REGISTRYINDEX, "quire.noenv");
    lua_pushboolean(L, lua_toboolean(L, -1));
    return 1;
}

static const luaL_Reg bundle_funcs[] = {
    {"list", bundle_list},
    {"source", bundle_source},
    {"load", bundle_load},
    {"dirs", bundle_dirs},
    {"user_file", bundle_user_file},
    {"noenv", bundle_noenv},
    {NULL, NULL}};

int luaopen_quire_bundle(lua_State *L)
{
    luaL_newlib(L, bundle_funcs);
    return 1;
}
