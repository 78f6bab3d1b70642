/* One place that builds a Lua state the way every quire worker needs it. */
#include "luastate.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

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

/*
 * Limits on user code (--memory-limit, --timeout), as the Lua module
 * quire.c.limits. Both are process-wide on purpose: the limit is per
 * process (each -j worker is a fork and gets its own copy), and every
 * state in a process shares the count.
 */
static struct {
    size_t used;            /* bytes Lua holds in this process */
    size_t peak;
    size_t limit;           /* 0: none */
    unsigned long refused;  /* allocations refused for the limit */
} heap;

static struct {
    double seconds;         /* --timeout; 0: none */
    double deadline;        /* monotonic time, 0 when disarmed */
    int tripped;            /* the deadline has passed */
    char label[256];        /* the record being processed, for the message */
} clock_limit;

/* lauxlib's allocator plus the count and the ceiling. Only growth can be
 * refused: Lua assumes shrinking never fails. */
static void *counting_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    (void)ud;
    if (ptr == NULL)
        osize = 0;  /* then osize only tells the kind of object */
    if (nsize == 0) {
        free(ptr);
        heap.used -= osize;
        return NULL;
    }
    if (heap.limit != 0 && nsize > osize &&
        (heap.used >= heap.limit || nsize - osize > heap.limit - heap.used)) {
        heap.refused++;
        return NULL;
    }
    void *p = realloc(ptr, nsize);
    if (p == NULL)
        return NULL;
    heap.used = heap.used - osize + nsize;
    if (heap.used > heap.peak)
        heap.peak = heap.used;
    return p;
}

static double monotonic_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Whether the running function is quire's own bundled code, which a
 * timeout never interrupts (it may be a message handler, or the code that
 * stops the clock). User code is everything else: scripts, -e, --where,
 * user copies of bundled files. */
static int bundled_code(lua_State *L, lua_Debug *ar)
{
    if (!lua_getinfo(L, "S", ar))
        return 0;
    return strncmp(ar->source, "@quire/", 7) == 0 || strcmp(ar->source, "@re.lua") == 0;
}

/* Count hook: once the armed deadline has passed, raises in user code, and
 * from then on at every instruction of it until disarm(), so code that
 * catches the error cannot carry on. */
static void timeout_hook(lua_State *L, lua_Debug *ar)
{
    if (clock_limit.deadline == 0)
        return;
    if (!clock_limit.tripped) {
        if (monotonic_now() < clock_limit.deadline)
            return;
        clock_limit.tripped = 1;
        lua_sethook(L, timeout_hook, LUA_MASKCOUNT, 1);
    }
    if (bundled_code(L, ar))
        return;
    if (clock_limit.label[0] != '\0')
        lua_pushfstring(L, "user code ran longer than --timeout %f s (%s)", (lua_Number)clock_limit.seconds,
                        clock_limit.label);
    else
        lua_pushfstring(L, "user code ran longer than --timeout %f s", (lua_Number)clock_limit.seconds);
    lua_error(L);
}

/* Sets the timeout hook on the main thread and on L, checking every COUNT
 * instructions (none when there is no timeout). */
static void set_timeout_hook(lua_State *L, int count)
{
    lua_Hook hook = clock_limit.seconds > 0 ? timeout_hook : NULL;
    int mask = clock_limit.seconds > 0 ? LUA_MASKCOUNT : 0;
    lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_MAINTHREAD);
    lua_sethook(lua_tothread(L, -1), hook, mask, count);
    lua_pop(L, 1);
    lua_sethook(L, hook, mask, count);
}

/* memory([bytes]) -> limit: sets the ceiling on Lua's memory in this
 * process (0 or nil: none); returns the one in force. */
static int limits_memory(lua_State *L)
{
    if (!lua_isnoneornil(L, 1)) {
        lua_Integer n = luaL_checkinteger(L, 1);
        luaL_argcheck(L, n >= 0, 1, "limit must not be negative");
        heap.limit = (size_t)n;
    }
    lua_pushinteger(L, (lua_Integer)heap.limit);
    return 1;
}

/* usage() -> used, peak, refused: bytes Lua holds now and at most, and how
 * many allocations the limit refused. */
static int limits_usage(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)heap.used);
    lua_pushinteger(L, (lua_Integer)heap.peak);
    lua_pushinteger(L, (lua_Integer)heap.refused);
    return 3;
}

/* explain(err) -> err, or "out of memory (limit N MB)" when ERR is Lua's
 * memory error and the limit has refused an allocation. */
static int limits_explain(lua_State *L)
{
    const char *msg = lua_tostring(L, 1);
    if (heap.limit != 0 && heap.refused > 0 && msg != NULL && strcmp(msg, "not enough memory") == 0) {
        lua_pushfstring(L, "out of memory (limit %d MB)", (int)(heap.limit >> 20));
        return 1;
    }
    lua_settop(L, 1);
    return 1;
}

/* timeout(seconds): from now on, code run between arm() and disarm() may
 * take at most SECONDS (0: no limit). Installs the count hook on the main
 * thread and the running one; coroutines made later inherit it. */
static int limits_timeout(lua_State *L)
{
    lua_Number s = luaL_checknumber(L, 1);
    luaL_argcheck(L, s >= 0, 1, "seconds must not be negative");
    clock_limit.seconds = (double)s;
    clock_limit.deadline = 0;
    clock_limit.tripped = 0;
    set_timeout_hook(L, 1000);
    return 0;
}

/* arm([label]): starts the clock for one call of user code (a no-op
 * without a timeout). LABEL (a record's path) goes into the message. */
static int limits_arm(lua_State *L)
{
    if (clock_limit.seconds <= 0)
        return 0;
    size_t len;
    const char *label = luaL_optlstring(L, 1, "", &len);
    if (len >= sizeof clock_limit.label)
        len = sizeof clock_limit.label - 1;
    memcpy(clock_limit.label, label, len);
    clock_limit.label[len] = '\0';
    clock_limit.deadline = monotonic_now() + clock_limit.seconds;
    if (clock_limit.tripped) {
        clock_limit.tripped = 0;
        set_timeout_hook(L, 1000);
    }
    return 0;
}

/* disarm(): stops the clock. */
static int limits_disarm(lua_State *L)
{
    clock_limit.deadline = 0;
    if (clock_limit.tripped) {
        clock_limit.tripped = 0;
        set_timeout_hook(L, 1000);
    }
    return 0;
}

/* quire.c.limits. The allocator is installed by quire_newstate: in a
 * stock interpreter (quire.so) memory() sets a limit nothing enforces. */
int luaopen_quire_limits(lua_State *L)
{
    static const luaL_Reg funcs[] = {
        {"memory", limits_memory},
        {"usage", limits_usage},
        {"explain", limits_explain},
        {"timeout", limits_timeout},
        {"arm", limits_arm},
        {"disarm", limits_disarm},
        {NULL, NULL}};
    luaL_newlib(L, funcs);
    return 1;
}

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

void quire_push_lua_dirs(lua_State *L, const struct quire_config *cfg)
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
    /* from here on Lua allocates through the counter, which starts with
     * what the new state already holds */
    heap.used += (size_t)lua_gc(L, LUA_GCCOUNT) * 1024 + (size_t)lua_gc(L, LUA_GCCOUNTB);
    lua_setallocf(L, counting_alloc, NULL);
    if (cfg->no_env) {
        /* as lua -E: package ignores LUA_PATH and LUA_CPATH */
        lua_pushboolean(L, 1);
        lua_setfield(L, LUA_REGISTRYINDEX, "LUA_NOENV");
    }
    /* Generational collection: the long-lived part of the heap (modules,
     * profiles, rule books) is not traced again for every record, only
     * what each record made. quire clean over 20,000 posts: 6% less CPU
     * and a smaller peak than the incremental default. Scripts can switch
     * back with collectgarbage("incremental"). */
    lua_gc(L, LUA_GCGEN, 0, 0);
    luaL_openlibs(L);

    luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_PRELOAD_TABLE);
    for (const luaL_Reg *m = preloaded; m->name != NULL; m++) {
        lua_pushcfunction(L, m->func);
        lua_setfield(L, -2, m->name);
    }
    lua_pop(L, 1);

    quire_push_lua_dirs(L, cfg);
    bundle_install_searchers(L);
    lua_pushboolean(L, cfg->no_env);
    lua_setfield(L, LUA_REGISTRYINDEX, "quire.noenv");
    return L;
}
