/* libFuzzer target: the whole record pipeline as Lua runs it —
 * quire.record.parse (front matter split, YAML to Lua values with the
 * alias bound, field lifting, dates) — then cjson over the record, as an
 * export would. Any Lua error is a bug: bad input must become rec.error. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <lauxlib.h>
#include <lua.h>

#include "luastate.h"

static lua_State *state(void)
{
    static lua_State *L;
    if (L == NULL) {
        struct quire_config cfg = {1, NULL, 0};
        L = quire_newstate(&cfg);
        const char *setup =
            "local record = require 'quire.record'\n"
            "local cjson = require('cjson').new()\n"
            "cjson.encode_invalid_numbers(true)\n"
            "return function(bytes)\n"
            "  local rec = record.parse(bytes, 'fuzz.md')\n"
            "  assert(type(rec.meta) == 'table' and type(rec.categories) == 'table')\n"
            "  assert(rec.error == nil or type(rec.error) == 'string')\n"
            "  local ok, err = pcall(cjson.encode, {title = rec.title, date = rec.date, source = rec.source,\n"
            "                                      categories = rec.categories, error = rec.error})\n"
            "  assert(ok, err)\n"
            "end\n";
        if (L == NULL || luaL_dostring(L, setup) != LUA_OK)
            abort();
        lua_setglobal(L, "fuzz_one");
    }
    return L;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    lua_State *L = state();
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
