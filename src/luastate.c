/* One place that builds a Lua state the way every quire worker needs it. */
#include "luastate.h"

#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lualib.h>

#define QUIRE_MODULE(name, fn) int fn(lua_State *L);
#include "modules.h"
#undef QUIRE_MODULE

static const luaL_Reg preloaded[] = {
#define QUIRE_MODULE(name, fn) {name, fn},
#include "modules.h"
#undef QUIRE_MODULE
    {NULL, NULL}};

int quire_traceback(lua_State *L)
{
    const char *msg = lua_tostring(L, 1);
    if (msg == NULL) {
        if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)
            return 1;
        msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    }
    luaL_traceback(L, L, msg, 1);
    return 1;
}

/* Pushes the look-up directories in priority order. [-0, +1, m] */
static void push_lua_dirs(lua_State *L, const struct quire_config *cfg)
{
    int n = 0;
    lua_newtable(L);
    for (int i = 0; i < cfg->n_lua_dirs; i++) {
        lua_pushstring(L, cfg->lua_dirs[i]);
        lua_rawseti(L, -2, ++n);
    }
    if (cfg->no_env)
        return;
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

lua_State *quire_newstate(const struct quire_config *cfg)
{
    lua_State *L = luaL_newstate();
    if (L == NULL)
        return NULL;
    if (cfg->no_env) {
        /* as lua -E: package ignores LUA_PATH and LUA_CPATH */
        lua_pushboolean(L, 1);
        lua_setfield(L, LUA_REGISTRYINDEX, "LUA_NOENV");
    }
    luaL_openlibs(L);

    luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_PRELOAD_TABLE);
    for (const luaL_Reg *m = preloaded; m->name != NULL; m++) {
        lua_pushcfunction(L, m->func);
        lua_setfield(L, -2, m->name);
    }
    lua_pop(L, 1);

    push_lua_dirs(L, cfg);
    bundle_install_searchers(L);
    lua_pushboolean(L, cfg->no_env);
    lua_setfield(L, LUA_REGISTRYINDEX, "quire.noenv");
    return L;
}
