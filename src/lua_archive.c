/*
 * quire.c.archive: the directory walk as a Lua iterator.
 * The walk lives in a userdata whose __gc closes it (and wipes the
 * pointer), so an abandoned loop frees its memory.
 */
#include <lauxlib.h>
#include <lua.h>

#include "archive.h"

#define WALK_T "quire.Walk"

struct walk_box {
    struct archive_walk *walk;
};

static int walk_gc(lua_State *L)
{
    struct walk_box *box = luaL_checkudata(L, 1, WALK_T);
    walk_close(box->walk);
    box->walk = NULL;
    return 0;
}

/* The iterator: -> path, error | nil. [-0, +(0|2), m] */
static int walk_step(lua_State *L)
{
    struct walk_box *box = luaL_checkudata(L, lua_upvalueindex(1), WALK_T);
    if (box->walk == NULL)
        return 0;
    const char *error;
    const char *path = walk_next(box->walk, &error);
    if (path == NULL) {
        walk_close(box->walk);
        box->walk = NULL;
        return 0;
    }
    lua_pushstring(L, path);
    if (error != NULL)
        lua_pushstring(L, error);
    else
        lua_pushnil(L);
    return 2;
}

/* walk(dir) -> iterator yielding path, error_or_nil for each post file. */
static int archive_walk(lua_State *L)
{
    const char *root = luaL_checkstring(L, 1);
    struct walk_box *box = lua_newuserdatauv(L, sizeof *box, 0);
    box->walk = NULL;
    luaL_setmetatable(L, WALK_T);
    box->walk = walk_open(root);
    if (box->walk == NULL)
        return luaL_error(L, "out of memory");
    lua_pushcclosure(L, walk_step, 1);
    return 1;
}

/* is_post_name(name) -> whether quire reads files with this name */
static int archive_is_post(lua_State *L)
{
    lua_pushboolean(L, archive_is_post_name(luaL_checkstring(L, 1)));
    return 1;
}

static const luaL_Reg archive_funcs[] = {
    {"walk", archive_walk},
    {"is_post_name", archive_is_post},
    {NULL, NULL}};

int luaopen_quire_archive(lua_State *L)
{
    luaL_newmetatable(L, WALK_T);
    lua_pushcfunction(L, walk_gc);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, walk_gc);
    lua_setfield(L, -2, "__close");
    lua_pop(L, 1);
    luaL_newlib(L, archive_funcs);
    return 1;
}
