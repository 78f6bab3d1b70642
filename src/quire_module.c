/*
 * quire.so: quire as a module for a stock Lua 5.4 interpreter, so that
 * `lua5.4 -e 'local quire = require "quire"'` gets the same API as
 * scripts run by the quire binary. The module carries the core and the
 * bundled scripts but not Lua itself: it uses the interpreter's symbols.
 */
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include "luastate.h"

#define QUIRE_MODULE(name, fn) int fn(lua_State *L);
#include "modules.h"
#undef QUIRE_MODULE

static const luaL_Reg preloaded[] = {
#define QUIRE_MODULE(name, fn) {name, fn},
#include "modules.h"
#undef QUIRE_MODULE
    {NULL, NULL}};

/* Pushes the look-up directories as the binary has them without
 * --lua-dir and -E: $QUIRE_PATH, then ~/.config/quire/lua. [-0, +1, m] */
static void push_lua_dirs(lua_State *L)
{
    int n = 0;
    lua_newtable(L);
    const char *qpath = getenv("QUIRE_PATH");
    while (qpath != NULL && *qpath != '\0') {
        const char *colon = strchr(qpath, ':');
        size_t len = colon ? (size_t)(colon - qpath) : strlen(qpath);
        if (len > 0) {
            lua_pushlstring(L, qpath, len);
            lua_rawseti(L, -2, ++n);
        }
        qpath = colon ? colon + 1 : NULL;
    }
    const char *xdg = getenv("XDG_CONFIG_HOME");
    const char *home = getenv("HOME");
    if (xdg != NULL && xdg[0] == '/')
        lua_pushfstring(L, "%s/quire/lua", xdg);
    else if (home != NULL && home[0] != '\0')
        lua_pushfstring(L, "%s/.config/quire/lua", home);
    else
        return;
    lua_rawseti(L, -2, ++n);
}

/* require "quire" in a plain Lua state: preloads the C modules, installs
 * the user-copy and bundled searchers (once), then returns the bundled
 * quire module. [-0, +1, e] */
int luaopen_quire(lua_State *L)
{
    luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_PRELOAD_TABLE);
    for (const luaL_Reg *m = preloaded; m->name != NULL; m++) {
        if (lua_getfield(L, -1, m->name) == LUA_TNIL) {
            lua_pushcfunction(L, m->func);
            lua_setfield(L, -3, m->name);
        }
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    if (lua_getfield(L, LUA_REGISTRYINDEX, "quire.luadirs") == LUA_TNIL) {
        push_lua_dirs(L);
        bundle_install_searchers(L);
        lua_pushboolean(L, 0);
        lua_setfield(L, LUA_REGISTRYINDEX, "quire.noenv");
    }
    lua_pop(L, 1);
    /* the bundled searcher now comes before package.cpath, so this finds
     * quire/init.lua rather than this library again */
    lua_getglobal(L, "require");
    lua_pushliteral(L, "quire");
    lua_call(L, 1, 1);
    return 1;
}
