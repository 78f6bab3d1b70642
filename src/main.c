/*
 * quire's entry point. C does only what must happen before any Lua runs:
 * find -E and --lua-dir (they decide where scripts come from), build the
 * state, and hand the command line to the bundled quire.main.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "luastate.h"

/* Removes -E and --lua-dir DIR / --lua-dir=DIR from argv (before any "--"),
 * filling CFG. Leaves the value after -e alone. Returns the new argc, or -1
 * if --lua-dir lacks its value. */
static int take_state_options(int argc, char **argv, struct quire_config *cfg)
{
    int out = 1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0) {
            while (i < argc)
                argv[out++] = argv[i++];
            break;
        }
        if (strcmp(a, "-E") == 0) {
            cfg->no_env = 1;
        } else if (strcmp(a, "--lua-dir") == 0) {
            if (i + 1 >= argc)
                return -1;
            cfg->lua_dirs[cfg->n_lua_dirs++] = argv[++i];
        } else if (strncmp(a, "--lua-dir=", 10) == 0) {
            cfg->lua_dirs[cfg->n_lua_dirs++] = a + 10;
        } else {
            argv[out++] = argv[i];
            if (strcmp(a, "-e") == 0 && i + 1 < argc)
                argv[out++] = argv[++i];
        }
    }
    argv[out] = NULL;
    return out;
}

/* Calls require("quire.main")(argv[1..]) and returns its exit status. */
static int run_main(lua_State *L, int argc, char **argv)
{
    lua_pushcfunction(L, quire_traceback);
    lua_getglobal(L, "require");
    lua_pushliteral(L, "quire.main");
    if (lua_pcall(L, 1, 1, 1) != LUA_OK) {
        fprintf(stderr, "quire: %s\n", lua_tostring(L, -1));
        return 1;
    }
    lua_createtable(L, argc, 0);
    for (int i = 1; i < argc; i++) {
        lua_pushstring(L, argv[i]);
        lua_rawseti(L, -2, i);
    }
    if (lua_pcall(L, 1, 1, 1) != LUA_OK) {
        fprintf(stderr, "quire: internal error: %s\n", lua_tostring(L, -1));
        return 1;
    }
    return (int)luaL_optinteger(L, -1, 0);
}

int main(int argc, char **argv)
{
    const char **dirs = calloc((size_t)argc + 1, sizeof *dirs);
    if (dirs == NULL) {
        fputs("quire: out of memory\n", stderr);
        return 1;
    }
    struct quire_config cfg = {0, dirs, 0};
    argc = take_state_options(argc, argv, &cfg);
    if (argc < 0) {
        fputs("quire: --lua-dir needs a directory (see quire --help)\n", stderr);
        free(dirs);
        return 2;
    }
    lua_State *L = quire_newstate(&cfg);
    if (L == NULL) {
        fputs("quire: cannot create Lua state: out of memory\n", stderr);
        free(dirs);
        return 1;
    }
    int status = run_main(L, argc, argv);
    fflush(stdout);
    lua_close(L);
    free(dirs);
    return status;
}
