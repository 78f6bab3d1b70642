/*
 * quire.so: quire as a module for a stock Lua 5.4 interpreter, so that
 * `lua5.4 -e 'local quire = require "quire"'` gets the same API as
 * scripts run by the quire binary. The module carries the core and the
 * bundled scripts but not Lua itself: it uses the interpreter's symbols.
 */
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
        /* as the binary has them without --lua-dir and -E */
        const struct quire_config cfg = {0, NULL, 0};
        quire_push_lua_dirs(L, &cfg);
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
