/* Shared body of the libFuzzer targets that drive bundled Lua: one
 * lua_State per process, built by quire_newstate; SETUP is a chunk that
 * returns function(bytes), called under pcall with a traceback for each
 * input. The function decides which Lua errors are clean rejections (it
 * catches those) and lets the rest escape: an escaped error is a finding,
 * so the target prints it and aborts, as libFuzzer expects of a crash. */
#ifndef QUIRE_FUZZ_LUA_TARGET_H
#define QUIRE_FUZZ_LUA_TARGET_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <lauxlib.h>
#include <lua.h>

#include "luastate.h"

static int lua_target_run(const char *setup, const uint8_t *data, size_t size)
{
    static lua_State *L;
    if (L == NULL) {
        struct quire_config cfg = {1, NULL, 0};
        L = quire_newstate(&cfg);
        if (L == NULL)
            abort();
        lua_pushcfunction(L, quire_traceback);
        if (luaL_loadstring(L, setup) != LUA_OK || lua_pcall(L, 0, 1, -2) != LUA_OK) {
            fprintf(stderr, "fuzz setup: %s\n", lua_tostring(L, -1));
            abort();
        }
        lua_setglobal(L, "fuzz_one");
        lua_settop(L, 0);
    }
    lua_pushcfunction(L, quire_traceback);
    lua_getglobal(L, "fuzz_one");
    lua_pushlstring(L, (const char *)data, size);
    if (lua_pcall(L, 1, 0, -3) != LUA_OK) {
        fprintf(stderr, "%s\n", lua_tostring(L, -1));
        abort();
    }
    lua_settop(L, 0);
    lua_gc(L, LUA_GCSTEP, 0);
    return 0;
}

#endif
