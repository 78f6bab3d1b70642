/*
 * quire.c.sys: the few operating-system facts Lua's standard library lacks
 * (a monotonic clock, whether a stream is a terminal, peak memory, file
 * kinds), kept thin so the policy stays in Lua.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lua.h>
#include <libxml/xmlversion.h>
#include <utf8proc.h>
#include <yaml.h>

/* now() -> seconds on a monotonic clock, as a float. */
static int sys_now(lua_State *L)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    lua_pushnumber(L, (lua_Number)ts.tv_sec + (lua_Number)ts.tv_nsec / 1e9);
    return 1;
}

/* isatty(fd) -> whether file descriptor fd (0, 1, 2) is a terminal. */
static int sys_isatty(lua_State *L)
{
    lua_pushboolean(L, isatty((int)luaL_checkinteger(L, 1)));
    return 1;
}

/* peak_rss() -> the process's peak resident set size in bytes. */
static int sys_peak_rss(lua_State *L)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    lua_pushinteger(L, (lua_Integer)ru.ru_maxrss * 1024);
    return 1;
}

/* kind(path) -> "file", "directory", "other", or nil, message. Follows links. */
static int sys_kind(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    struct stat st;
    if (stat(path, &st) != 0) {
        lua_pushnil(L);
        lua_pushfstring(L, "%s", strerror(errno));
        return 2;
    }
    lua_pushstring(L, S_ISREG(st.st_mode) ? "file" : S_ISDIR(st.st_mode) ? "directory" : "other");
    return 1;
}

/* mkdirs(path) -> true, or nil, message: creates PATH and its parents. */
static int sys_mkdirs(lua_State *L)
{
    size_t len;
    const char *path = luaL_checklstring(L, 1, &len);
    luaL_Buffer b;
    char *buf = luaL_buffinitsize(L, &b, len + 1);
    memcpy(buf, path, len + 1);
    for (size_t i = 1; i <= len; i++) {
        if (buf[i] != '/' && buf[i] != '\0')
            continue;
        char saved = buf[i];
        buf[i] = '\0';
        if (mkdir(buf, 0777) != 0 && errno != EEXIST) {
            lua_pushnil(L);
            lua_pushfstring(L, "%s: %s", buf, strerror(errno));
            return 2;
        }
        buf[i] = saved;
    }
    lua_pushboolean(L, 1);
    return 1;
}

/* list(dir) -> sorted array of the entry names in DIR (without . and ..),
 * or nil, message. */
static int sys_list(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    DIR *dir = opendir(path);
    if (dir == NULL) {
        lua_pushnil(L);
        lua_pushstring(L, strerror(errno));
        return 2;
    }
    lua_newtable(L);
    lua_Integer n = 0;
    struct dirent *de;
    while ((de = readdir(dir)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        lua_pushstring(L, de->d_name);
        lua_rawseti(L, -2, ++n);
    }
    closedir(dir);
    lua_getglobal(L, "table");
    lua_getfield(L, -1, "sort");
    lua_pushvalue(L, -3);
    lua_call(L, 1, 0);
    lua_pop(L, 1);
    return 1;
}

/* versions() -> {libxml2 = "2.9.14", libyaml = ..., utf8proc = ...}: the C
 * libraries quire was built against and runs with. */
static int sys_versions(lua_State *L)
{
    lua_newtable(L);
    lua_pushstring(L, LIBXML_DOTTED_VERSION);
    lua_setfield(L, -2, "libxml2");
    lua_pushstring(L, yaml_get_version_string());
    lua_setfield(L, -2, "libyaml");
    lua_pushstring(L, utf8proc_version());
    lua_setfield(L, -2, "utf8proc");
    lua_pushstring(L, QUIRE_VERSION);
    lua_setfield(L, -2, "quire");
    lua_pushstring(L, LUA_RELEASE);
    lua_setfield(L, -2, "lua");
    return 1;
}

/* pid() -> this process's id. */
static int sys_pid(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)getpid());
    return 1;
}

/* hostname() -> this machine's name, or "localhost" when it has none. */
static int sys_hostname(lua_State *L)
{
    char name[256];
    if (gethostname(name, sizeof name) != 0 || name[0] == '\0')
        lua_pushliteral(L, "localhost");
    else {
        name[sizeof name - 1] = '\0';
        lua_pushstring(L, name);
    }
    return 1;
}

/* alive(pid) -> whether a process PID exists (one of another user's
 * counts: kill says EPERM, not ESRCH). */
static int sys_alive(lua_State *L)
{
    lua_Integer pid = luaL_checkinteger(L, 1);
    lua_pushboolean(L, pid > 0 && pid <= INT_MAX && (kill((pid_t)pid, 0) == 0 || errno == EPERM));
    return 1;
}

static const luaL_Reg sys_funcs[] = {
    {"pid", sys_pid},
    {"alive", sys_alive},
    {"hostname", sys_hostname},
    {"versions", sys_versions},
    {"list", sys_list},
    {"now", sys_now},
    {"isatty", sys_isatty},
    {"peak_rss", sys_peak_rss},
    {"kind", sys_kind},
    {"mkdirs", sys_mkdirs},
    {NULL, NULL}};

int luaopen_quire_sys(lua_State *L)
{
    luaL_newlib(L, sys_funcs);
    return 1;
}
