/* Creating a quire Lua state: standard libraries, preloaded C modules,
 * and the searchers that let user copies of bundled scripts win. */
#ifndef QUIRE_LUASTATE_H
#define QUIRE_LUASTATE_H

#include <lua.h>

struct quire_config {
    int no_env;              /* -E: ignore $QUIRE_PATH, LUA_PATH and ~/.config */
    const char **lua_dirs;   /* --lua-dir values, highest priority first */
    int n_lua_dirs;
};

/* A new state set up per CFG, or NULL when out of memory. */
lua_State *quire_newstate(const struct quire_config *cfg);

/* Pushes the look-up directories for user copies of bundled scripts, in
 * priority order: --lua-dir values, then (without -E) $QUIRE_PATH and
 * ~/.config/quire/lua. [-0, +1, m] */
void quire_push_lua_dirs(lua_State *L, const struct quire_config *cfg);

/* Message handler for lua_pcall: appends a traceback to string errors.
 * [-1, +1, -] */
int quire_traceback(lua_State *L);

/* Installs the user-directory and bundled-file searchers (lua_bundle.c).
 * Expects the look-up directories as a sequence on top of the stack.
 * [-1, +0, e] */
void bundle_install_searchers(lua_State *L);

#endif
