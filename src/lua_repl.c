/*
 * quire.c.repl: the REPL's line editor (repl.c over libedit) and calls
 * that Ctrl-C can interrupt, as lua.c does it: the SIGINT handler sets a
 * count hook, and the hook raises "interrupted!" inside the running code.
 */
#include <signal.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "repl.h"

#define REPL_T "quire.Repl"

struct repl_box {
    struct repl *r;
    int completer;   /* registry reference, or LUA_NOREF */
    lua_State *L;    /* the state reading, while read() runs */
};

/* Returns the open editor at IDX; raises for a closed one. [-0, +0, v] */
static struct repl_box *check_repl(lua_State *L, int idx)
{
    struct repl_box *b = luaL_checkudata(L, idx, REPL_T);
    if (b->r == NULL)
        luaL_error(L, "line editor is closed");
    return b;
}

struct completion {
    struct repl_box *box;
    const char *line;
    size_t len;
    struct repl_matches *m;
};

/* Runs the Lua completer under lua_pcall, so nothing raises while repl.c
 * holds the line it copied. completer(line) -> candidates, start (the
 * 1-based byte where the replaced word begins). [-0, +0, e] */
static int complete_step(lua_State *L)
{
    struct completion *c = lua_touserdata(L, 1);
    lua_rawgeti(L, LUA_REGISTRYINDEX, c->box->completer);
    lua_pushlstring(L, c->line, c->len);
    lua_call(L, 1, 2);
    if (!lua_istable(L, -2))
        return 0;
    lua_Integer start = luaL_optinteger(L, -1, (lua_Integer)c->len + 1);
    if (start < 1 || (size_t)start > c->len + 1)
        return 0;
    c->m->start = (size_t)start - 1;
    lua_pop(L, 1);
    for (lua_Integer i = 1; lua_rawgeti(L, -1, i) != LUA_TNIL; i++) {
        size_t len;
        const char *s = lua_type(L, -1) == LUA_TSTRING ? lua_tolstring(L, -1, &len) : NULL;
        if (s != NULL)
            repl_matches_add(c->m, s, len);
        lua_pop(L, 1);
    }
    return 0;
}

/* repl.c's completer callback: calls the Lua completer, ignoring its
 * errors (a broken completer must not end the session). */
static void complete_cb(void *ctx, const char *line, size_t len, struct repl_matches *m)
{
    struct repl_box *b = ctx;
    lua_State *L = b->L;
    if (L == NULL || b->completer == LUA_NOREF)
        return;
    struct completion c = {b, line, len, m};
    /* light C functions and light userdata do not allocate: nothing here raises */
    lua_pushcfunction(L, complete_step);
    lua_pushlightuserdata(L, &c);
    if (lua_pcall(L, 1, 0, 0) != LUA_OK)
        lua_pop(L, 1);
}

/* open([history_path [, completer]]) -> editor. completer(line) returns
 * the candidates for the word before the cursor and where it starts.
 * [-0, +1, e] */
static int repl_lua_open(lua_State *L)
{
    const char *history = luaL_optstring(L, 1, NULL);
    if (!lua_isnoneornil(L, 2))
        luaL_checktype(L, 2, LUA_TFUNCTION);
    struct repl_box *b = lua_newuserdatauv(L, sizeof *b, 0);
    b->r = NULL;
    b->completer = LUA_NOREF;
    b->L = NULL;
    luaL_setmetatable(L, REPL_T);
    b->r = repl_open("quire", history, 1000);
    if (b->r == NULL)
        return luaL_error(L, "cannot start the line editor");
    if (!lua_isnoneornil(L, 2)) {
        lua_pushvalue(L, 2);
        b->completer = luaL_ref(L, LUA_REGISTRYINDEX);
        repl_set_completer(b->r, complete_cb, b);
    }
    return 1;
}

/* editor:read(prompt) -> line | nil, "eof" | "interrupted" | "error".
 * [-0, +(1|2), e] */
static int repl_lua_read(lua_State *L)
{
    struct repl_box *b = check_repl(L, 1);
    const char *prompt = luaL_optstring(L, 2, "> ");
    enum repl_status status;
    b->L = L;
    const char *line = repl_read(b->r, prompt, &status);
    b->L = NULL;
    if (line != NULL) {
        lua_pushstring(L, line);
        return 1;
    }
    static const char *const why[] = {"line", "eof", "interrupted", "error"};
    lua_pushnil(L);
    lua_pushstring(L, why[status]);
    return 2;
}

/* editor:add(entry) -> true | nil, message: adds to the history and
 * saves the history file. [-0, +(1|2), e] */
static int repl_lua_add(lua_State *L)
{
    struct repl_box *b = check_repl(L, 1);
    if (repl_add(b->r, luaL_checkstring(L, 2)) != 0) {
        lua_pushnil(L);
        lua_pushliteral(L, "cannot write the history file");
        return 2;
    }
    lua_pushboolean(L, 1);
    return 1;
}

/* editor:close(): restores the terminal; a second close does nothing.
 * Also __gc and __close. [-0, +0, -] */
static int repl_lua_close(lua_State *L)
{
    struct repl_box *b = luaL_checkudata(L, 1, REPL_T);
    if (b->r != NULL) {
        repl_close(b->r);
        b->r = NULL;
    }
    if (b->completer != LUA_NOREF) {
        luaL_unref(L, LUA_REGISTRYINDEX, b->completer);
        b->completer = LUA_NOREF;
    }
    return 0;
}

/* The state a Ctrl-C interrupts. A signal handler has no other way to
 * reach it; lua.c keeps its globalL for the same reason. */
static lua_State *sigint_L;

/* Count hook set by the handler: removes itself and raises in the running
 * code. [-0, +0, v] */
static void stop_hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    lua_sethook(L, NULL, 0, 0);
    lua_pushliteral(L, "interrupted!");  /* no position: it is wherever the loop was */
    lua_error(L);
}

/* SIGINT while Lua runs: a second Ctrl-C before the hook fires ends the
 * process, as in lua.c. lua_sethook is safe to call from a signal handler. */
static void on_sigint(int sig)
{
    signal(sig, SIG_DFL);
    lua_sethook(sigint_L, stop_hook, LUA_MASKCALL | LUA_MASKRET | LUA_MASKCOUNT, 1);
}

/* xpcall(f, msgh, ...) -> true, results... | false, error: as xpcall,
 * but Ctrl-C during the call raises "interrupted!" in it. [-n, +r, -] */
static int repl_lua_xpcall(lua_State *L)
{
    int nargs = lua_gettop(L) - 2;
    luaL_checktype(L, 2, LUA_TFUNCTION);
    if (nargs < 0)
        nargs = 0;
    lua_settop(L, nargs + 2);
    /* msgh goes below f, where lua_pcall wants it */
    lua_pushvalue(L, 1);
    lua_copy(L, 2, 1);
    lua_replace(L, 2);
    lua_State *outer = sigint_L;
    sigint_L = L;
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old);
    int status = lua_pcall(L, nargs, LUA_MULTRET, 1);
    sigaction(SIGINT, &old, NULL);
    sigint_L = outer;
    if (lua_gethook(L) == stop_hook)  /* Ctrl-C came as the call returned */
        lua_sethook(L, NULL, 0, 0);
    lua_pushboolean(L, status == LUA_OK);
    lua_replace(L, 1);
    return lua_gettop(L);
}

static const luaL_Reg repl_methods[] = {
    {"read", repl_lua_read},
    {"add", repl_lua_add},
    {"close", repl_lua_close},
    {NULL, NULL}};

static const luaL_Reg repl_meta[] = {
    {"__gc", repl_lua_close},
    {"__close", repl_lua_close},
    {NULL, NULL}};

static const luaL_Reg repl_funcs[] = {
    {"open", repl_lua_open},
    {"xpcall", repl_lua_xpcall},
    {NULL, NULL}};

int luaopen_quire_repl(lua_State *L)
{
    luaL_newmetatable(L, REPL_T);
    luaL_setfuncs(L, repl_meta, 0);
    luaL_newlib(L, repl_methods);
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);
    luaL_newlib(L, repl_funcs);
    return 1;
}
