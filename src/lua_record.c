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

/* Fills ST for PATH, a regular file; else pushes nil and why not and
 * returns 2. */
static int stat_regular(lua_State *L, const char *path, struct stat *st)
{
    if (stat(path, st) != 0) {
        lua_pushnil(L);
        lua_pushstring(L, strerror(errno));
        return 2;
    }
    if (S_ISDIR(st->st_mode)) {
        lua_pushnil(L);
        lua_pushliteral(L, "is a directory");
        return 2;
    }
    if (!S_ISREG(st->st_mode)) {
        lua_pushnil(L);
        lua_pushliteral(L, "not a regular file");
        return 2;
    }
    return 0;
}

/* Reads up to WANT bytes of PATH into BUF into *GOT; else pushes nil and
 * why not and returns 2. */
static int read_upto(lua_State *L, const char *path, char *buf, size_t want, size_t *got)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        lua_pushnil(L);
        lua_pushstring(L, strerror(errno));
        return 2;
    }
    *got = 0;
    while (*got < want) {
        ssize_t n = read(fd, buf + *got, want - *got);
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
        *got += (size_t)n;
    }
    close(fd);
    return 0;
}

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
    if (stat_regular(L, path, &st) != 0)
        return 2;
    size_t want = (size_t)st.st_size;
    int whole = (lua_Integer)st.st_size <= max_bytes;
    if (!whole)
        want = (size_t)head_bytes;
    /* allocate before opening, so a memory error cannot leak the descriptor */
    luaL_Buffer b;
    char *buf = luaL_buffinitsize(L, &b, want + 1);
    size_t got;
    if (read_upto(L, path, buf, want, &got) != 0)
        return 2;
    luaL_pushresultsize(&b, got);
    lua_pushboolean(L, whole);
    lua_pushinteger(L, (lua_Integer)st.st_size);
    return 3;
}

/* Pushes split()'s four results for the LEN bytes at BUF. */
static void push_parts(lua_State *L, const char *buf, size_t len)
{
    struct fm_parts parts;
    fm_split(buf, len, &parts);
    static const char *const names[] = {"ok", "none", "unterminated"};
    lua_pushstring(L, names[parts.status]);
    lua_pushlstring(L, buf + parts.yaml_start, parts.yaml_end - parts.yaml_start);
    lua_pushlstring(L, buf + parts.body_start, len - parts.body_start);
    lua_pushinteger(L, parts.yaml_line);
}

/* The registry's key for read_split's buffer. */
static const char read_buffer_key = 'r';

/* read_split(path, max_bytes) -> true, status, yaml, body, yaml_line
 *                             | false, bytes | false | nil, message
 * The common case of read, check and split in one call: a whole file
 * that is valid UTF-8 without NUL bytes comes back split (as split()
 * gives it), read into a buffer kept for the next call (a Lua userdata,
 * so --memory-limit counts it), so the file never becomes a Lua string
 * of its own. Other files come back as their bytes (false, bytes) for
 * the usual checks, or, when over MAX_BYTES, as false alone (read them
 * with read()). */
static int record_read_split(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    lua_Integer max_bytes = luaL_checkinteger(L, 2);
    struct stat st;
    if (stat_regular(L, path, &st) != 0)
        return 2;
    if ((lua_Integer)st.st_size > max_bytes) {
        lua_pushboolean(L, 0);
        return 1;
    }
    size_t want = (size_t)st.st_size;
    lua_rawgetp(L, LUA_REGISTRYINDEX, &read_buffer_key);
    char *buf = lua_touserdata(L, -1);
    if (buf == NULL || lua_rawlen(L, -1) < want + 1) {
        /* kept when at most 1 MiB: a rare huge post does not hold its
         * size for the rest of the run */
        size_t cap = 65536;
        while (cap < want + 1)
            cap *= 2;
        buf = lua_newuserdatauv(L, cap, 0);
        if (cap <= (1u << 20)) {
            lua_pushvalue(L, -1);
            lua_rawsetp(L, LUA_REGISTRYINDEX, &read_buffer_key);
        }
    }
    size_t got, offset; /* the buffer stays on the stack while in use */
    if (read_upto(L, path, buf, want, &got) != 0)
        return 2;
    if (got == 0 || text_check(buf, got, &offset) != TEXT_OK) {
        lua_pushboolean(L, 0);
        lua_pushlstring(L, buf, got);
        return 2;
    }
    lua_pushboolean(L, 1);
    push_parts(L, buf, got);
    return 5;
}

/* split(bytes) -> status, yaml, body, yaml_line
 * status is "ok", "none" (no front matter) or "unterminated". */
static int record_split(lua_State *L)
{
    size_t len;
    const char *buf = luaL_checklstring(L, 1, &len);
    push_parts(L, buf, len);
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
    {"read_split", record_read_split},
    {"split", record_split},
    {"check", record_check},
    {NULL, NULL}};

int luaopen_quire_record(lua_State *L)
{
    luaL_newlib(L, record_funcs);
    return 1;
}
