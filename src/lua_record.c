/*
 * quire.c.record: the C half of quire.record — reading a post file with a
 * size limit, splitting off its front matter, and checking its bytes.
 * The friendly record (lifted fields, lazy DOM) is lua/quire/record.lua.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lua.h>

#include "record.h"

/* read(path, max_bytes, head_bytes) -> bytes, whole, size | nil, message
 * Reads the whole file when it is at most max_bytes long; otherwise only
 * its first head_bytes (whole = false), so a huge post still shows its
 * front matter. */
static int record_read(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    lua_Integer max_bytes = luaL_checkinteger(L, 2);
    lua_Integer head_bytes = luaL_optinteger(L, 3, 1 << 20);
    struct stat st;
    if (stat(path, &st) != 0) {
        lua_pushnil(L);
        lua_pushstring(L, strerror(errno));
        return 2;
    }
    if (S_ISDIR(st.st_mode)) {
        lua_pushnil(L);
        lua_pushliteral(L, "is a directory");
        return 2;
    }
    if (!S_ISREG(st.st_mode)) {
        lua_pushnil(L);
        lua_pushliteral(L, "not a regular file");
        return 2;
    }
    size_t want = (size_t)st.st_size;
    int whole = (lua_Integer)st.st_size <= max_bytes;
    if (!whole)
        want = (size_t)head_bytes;
    /* allocate before opening, so a memory error cannot leak the descriptor */
    luaL_Buffer b;
    char *buf = luaL_buffinitsize(L, &b, want + 1);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        lua_pushnil(L);
        lua_pushstring(L, strerror(errno));
        return 2;
    }
    size_t got = 0;
    while (got < want) {
        ssize_t n = read(fd, buf + got, want - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int err = errno;
            close(fd);
            lua_pushnil(L);
            lua_pushstring(L, strerror(err));
            return 2;
        }
        if (n == 0)
            break;
        got += (size_t)n;
    }
    close(fd);
    luaL_pushresultsize(&b, got);
    lua_pushboolean(L, whole);
    lua_pushinteger(L, (lua_Integer)st.st_size);
    return 3;
}

/* split(bytes) -> status, yaml, body, yaml_line
 * status is "ok", "none" (no front matter) or "unterminated". */
static int record_split(lua_State *L)
{
    size_t len;
    const char *buf = luaL_checklstring(L, 1, &len);
    struct fm_parts parts;
    fm_split(buf, len, &parts);
    static const char *const names[] = {"ok", "none", "unterminated"};
    lua_pushstring(L, names[parts.status]);
    lua_pushlstring(L, buf + parts.yaml_start, parts.yaml_end - parts.yaml_start);
    lua_pushlstring(L, buf + parts.body_start, len - parts.body_start);
    lua_pushinteger(L, parts.yaml_line);
    return 4;
}

/* check(bytes) -> nil | "nul", offset | "utf8", offset (0-based byte offset) */
static int record_check(lua_State *L)
{
    size_t len, offset;
    const char *buf = luaL_checklstring(L, 1, &len);
    switch (text_check(buf, len, &offset)) {
    case TEXT_OK:
        return 0;
    case TEXT_NUL:
        lua_pushliteral(L, "nul");
        break;
    case TEXT_BAD_UTF8:
        lua_pushliteral(L, "utf8");
        break;
    case TEXT_CUT_SHORT:
        lua_pushliteral(L, "cut");
        break;
    }
    lua_pushinteger(L, (lua_Integer)offset);
    return 2;
}

/* hash(bytes) -> 16 hex digits of FNV-1a 64: whether a post changed. */
static int record_hash_hex(lua_State *L)
{
    size_t len;
    const char *buf = luaL_checklstring(L, 1, &len);
    char hex[17];
    snprintf(hex, sizeof hex, "%016llx", record_hash(buf, len));
    lua_pushstring(L, hex);
    return 1;
}

static const luaL_Reg record_funcs[] = {
    {"hash", record_hash_hex},
    {"read", record_read},
    {"split", record_split},
    {"check", record_check},
    {NULL, NULL}};

int luaopen_quire_record(lua_State *L)
{
    luaL_newlib(L, record_funcs);
    return 1;
}
