/*
 * quire.c.sqlite: a thin SQLite binding for the export, with quire's CJK
 * tokenizer registered on every connection as the FTS5 tokenizer "quire".
 * Databases and statements are userdata whose __gc finalises them; a
 * statement keeps its database alive through its user value.
 */
#include <string.h>

#include <lauxlib.h>
#include <lua.h>
#include <sqlite3.h>

#include "cjktoken.h"

#define DB_T "quire.SqliteDb"
#define STMT_T "quire.SqliteStmt"

struct db_box {
    sqlite3 *db;
};

struct stmt_box {
    sqlite3_stmt *stmt;
};

/* ---- the FTS5 tokenizer ---- */

struct fts_call {
    void *ctx;
    int (*token)(void *, int, const char *, int, int, int);
};

static int fts_emit(void *ctx, int flags, const char *tok, int len, int start, int end)
{
    struct fts_call *call = ctx;
    return call->token(call->ctx, (flags & CJKTOKEN_COLOCATED) ? FTS5_TOKEN_COLOCATED : 0, tok,
                       len, start, end);
}

static int fts_create(void *unused, const char **args, int nargs, Fts5Tokenizer **out)
{
    static int instance;  /* the tokenizer keeps no state; any non-NULL handle */
    *out = (Fts5Tokenizer *)&instance;
    return SQLITE_OK;
}

static void fts_delete(Fts5Tokenizer *t) {}

static int fts_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int len,
                        int (*token)(void *, int, const char *, int, int, int))
{
    struct fts_call call = {ctx, token};
    int rc = cjk_tokenize(text, (size_t)(len < 0 ? 0 : len), (flags & FTS5_TOKENIZE_QUERY) != 0,
                          fts_emit, &call);
    return rc == -1 ? SQLITE_NOMEM : rc;
}

/* Registers the "quire" tokenizer on DB. Returns an SQLite result code. */
static int register_tokenizer(sqlite3 *db)
{
    fts5_api *api = NULL;
    sqlite3_stmt *stmt;
    int rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, NULL);
    if (rc != SQLITE_OK)
        return rc;
    sqlite3_bind_pointer(stmt, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(stmt);
    rc = sqlite3_finalize(stmt);
    if (rc != SQLITE_OK || api == NULL)
        return rc != SQLITE_OK ? rc : SQLITE_ERROR;
    static fts5_tokenizer tokenizer = {fts_create, fts_delete, fts_tokenize};
    return api->xCreateTokenizer(api, "quire", NULL, &tokenizer, NULL);
}

/* ---- databases ---- */

static struct db_box *check_db(lua_State *L, int i)
{
    struct db_box *box = luaL_checkudata(L, i, DB_T);
    if (box->db == NULL)
        luaL_error(L, "database is closed");
    return box;
}

static int db_release(lua_State *L)
{
    struct db_box *box = luaL_checkudata(L, 1, DB_T);
    if (box->db != NULL)
        sqlite3_close_v2(box->db);  /* waits for statements still open */
    box->db = NULL;
    return 0;
}

/* open(path) -> db | nil, message */
static int sqlite_open(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    struct db_box *box = lua_newuserdatauv(L, sizeof *box, 0);
    box->db = NULL;
    luaL_setmetatable(L, DB_T);
    int rc = sqlite3_open_v2(path, &box->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc == SQLITE_OK)
        rc = register_tokenizer(box->db);
    if (rc != SQLITE_OK) {
        lua_pushnil(L);
        lua_pushfstring(L, "%s: %s", path, box->db ? sqlite3_errmsg(box->db) : sqlite3_errstr(rc));
        sqlite3_close_v2(box->db);
        box->db = NULL;
        return 2;
    }
    sqlite3_busy_timeout(box->db, 5000);
    return 1;
}

/* db:exec(sql) -> true | nil, message */
static int db_exec(lua_State *L)
{
    struct db_box *box = check_db(L, 1);
    char *err = NULL;
    if (sqlite3_exec(box->db, luaL_checkstring(L, 2), NULL, NULL, &err) != SQLITE_OK) {
        lua_pushnil(L);
        lua_pushstring(L, err ? err : sqlite3_errmsg(box->db));
        sqlite3_free(err);
        return 2;
    }
    lua_pushboolean(L, 1);
    return 1;
}

/* db:prepare(sql) -> stmt | nil, message */
static int db_prepare(lua_State *L)
{
    struct db_box *box = check_db(L, 1);
    const char *sql = luaL_checkstring(L, 2);
    struct stmt_box *st = lua_newuserdatauv(L, sizeof *st, 1);
    st->stmt = NULL;
    luaL_setmetatable(L, STMT_T);
    lua_pushvalue(L, 1);
    lua_setiuservalue(L, -2, 1);  /* the statement keeps its database alive */
    if (sqlite3_prepare_v2(box->db, sql, -1, &st->stmt, NULL) != SQLITE_OK) {
        lua_pushnil(L);
        lua_pushstring(L, sqlite3_errmsg(box->db));
        return 2;
    }
    return 1;
}

/* db:changes() -> rows changed by the last statement */
static int db_changes(lua_State *L)
{
    lua_pushinteger(L, sqlite3_changes(check_db(L, 1)->db));
    return 1;
}

/* db:last_insert_rowid() */
static int db_last_rowid(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)sqlite3_last_insert_rowid(check_db(L, 1)->db));
    return 1;
}

/* ---- statements ---- */

static struct stmt_box *check_stmt(lua_State *L, int i)
{
    struct stmt_box *st = luaL_checkudata(L, i, STMT_T);
    if (st->stmt == NULL)
        luaL_error(L, "statement is finalized");
    lua_getiuservalue(L, i, 1);
    struct db_box *db = lua_touserdata(L, -1);
    lua_pop(L, 1);
    if (db == NULL || db->db == NULL)
        luaL_error(L, "database is closed");
    return st;
}

static int stmt_release(lua_State *L)
{
    struct stmt_box *st = luaL_checkudata(L, 1, STMT_T);
    sqlite3_finalize(st->stmt);
    st->stmt = NULL;
    return 0;
}

/* Binds the arguments from stack index FIRST on as parameters 1.. */
static void bind_args(lua_State *L, sqlite3_stmt *stmt, int first)
{
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    int n = lua_gettop(L) - first + 1;
    for (int i = 1; i <= n; i++) {
        int idx = first + i - 1;
        switch (lua_type(L, idx)) {
        case LUA_TNIL:
            sqlite3_bind_null(stmt, i);
            break;
        case LUA_TBOOLEAN:
            sqlite3_bind_int(stmt, i, lua_toboolean(L, idx));
            break;
        case LUA_TNUMBER:
            if (lua_isinteger(L, idx))
                sqlite3_bind_int64(stmt, i, (sqlite3_int64)lua_tointeger(L, idx));
            else
                sqlite3_bind_double(stmt, i, lua_tonumber(L, idx));
            break;
        case LUA_TSTRING: {
            size_t len;
            const char *s = lua_tolstring(L, idx, &len);
            sqlite3_bind_text64(stmt, i, s, len, SQLITE_TRANSIENT, SQLITE_UTF8);
            break;
        }
        default:
            luaL_argerror(L, idx, "nil, boolean, number or string expected");
        }
    }
}

/* Pushes the current row as a table keyed by column name. [-0, +1, m] */
static void push_row(lua_State *L, sqlite3_stmt *stmt)
{
    int n = sqlite3_column_count(stmt);
    lua_createtable(L, 0, n);
    for (int i = 0; i < n; i++) {
        switch (sqlite3_column_type(stmt, i)) {
        case SQLITE_INTEGER:
            lua_pushinteger(L, (lua_Integer)sqlite3_column_int64(stmt, i));
            break;
        case SQLITE_FLOAT:
            lua_pushnumber(L, sqlite3_column_double(stmt, i));
            break;
        case SQLITE_NULL:
            continue;
        default:
            lua_pushlstring(L, (const char *)sqlite3_column_blob(stmt, i),
                            (size_t)sqlite3_column_bytes(stmt, i));
        }
        lua_setfield(L, -2, sqlite3_column_name(stmt, i));
    }
}

/* stmt:run(...) -> true | nil, message: binds, steps to the end, resets. */
static int stmt_run(lua_State *L)
{
    struct stmt_box *st = check_stmt(L, 1);
    bind_args(L, st->stmt, 2);
    int rc;
    while ((rc = sqlite3_step(st->stmt)) == SQLITE_ROW)
        ;
    if (rc != SQLITE_DONE) {
        lua_pushnil(L);
        lua_pushstring(L, sqlite3_errmsg(sqlite3_db_handle(st->stmt)));
        sqlite3_reset(st->stmt);
        return 2;
    }
    sqlite3_reset(st->stmt);
    lua_pushboolean(L, 1);
    return 1;
}

static int rows_step(lua_State *L)
{
    struct stmt_box *st = check_stmt(L, lua_upvalueindex(1));
    int rc = sqlite3_step(st->stmt);
    if (rc == SQLITE_ROW) {
        push_row(L, st->stmt);
        return 1;
    }
    sqlite3_reset(st->stmt);
    if (rc != SQLITE_DONE)
        return luaL_error(L, "%s", sqlite3_errmsg(sqlite3_db_handle(st->stmt)));
    return 0;
}

/* stmt:rows(...) -> iterator over the result rows (tables by column name). */
static int stmt_rows(lua_State *L)
{
    struct stmt_box *st = check_stmt(L, 1);
    bind_args(L, st->stmt, 2);
    lua_settop(L, 1);
    lua_pushcclosure(L, rows_step, 1);
    return 1;
}

/* stmt:columns() -> the names of the result columns, in order. */
static int stmt_columns(lua_State *L)
{
    struct stmt_box *st = check_stmt(L, 1);
    int n = sqlite3_column_count(st->stmt);
    lua_createtable(L, n, 0);
    for (int i = 0; i < n; i++) {
        lua_pushstring(L, sqlite3_column_name(st->stmt, i));
        lua_rawseti(L, -2, i + 1);
    }
    return 1;
}

/* stmt:first(...) -> the first result row (a table by column name), or
 * nil when there is none; the statement is reset either way. */
static int stmt_first(lua_State *L)
{
    struct stmt_box *st = check_stmt(L, 1);
    bind_args(L, st->stmt, 2);
    int rc = sqlite3_step(st->stmt);
    if (rc == SQLITE_ROW)
        push_row(L, st->stmt);
    sqlite3_reset(st->stmt);
    if (rc == SQLITE_ROW)
        return 1;
    if (rc != SQLITE_DONE)
        return luaL_error(L, "%s", sqlite3_errmsg(sqlite3_db_handle(st->stmt)));
    return 0;
}

/* tokenize(text [, for_query]) -> list of the "quire" tokenizer's tokens
 * (colocated ones prefixed with "+"), for tests and curious users. */
static int emit_to_table(void *ctx, int flags, const char *tok, int len, int start, int end)
{
    lua_State *L = ctx;
    if (flags & CJKTOKEN_COLOCATED) {
        lua_pushliteral(L, "+");
        lua_pushlstring(L, tok, (size_t)len);
        lua_concat(L, 2);
    } else {
        lua_pushlstring(L, tok, (size_t)len);
    }
    lua_rawseti(L, -2, (lua_Integer)lua_rawlen(L, -2) + 1);
    return 0;
}

static int sqlite_tokenize(lua_State *L)
{
    size_t len;
    const char *text = luaL_checklstring(L, 1, &len);
    int for_query = lua_toboolean(L, 2);
    lua_newtable(L);
    if (cjk_tokenize(text, len, for_query, emit_to_table, L) == -1)
        return luaL_error(L, "out of memory");
    return 1;
}

static const luaL_Reg db_methods[] = {
    {"exec", db_exec},
    {"prepare", db_prepare},
    {"changes", db_changes},
    {"last_insert_rowid", db_last_rowid},
    {"close", db_release},
    {NULL, NULL}};

static const luaL_Reg stmt_methods[] = {
    {"run", stmt_run},
    {"rows", stmt_rows},
    {"first", stmt_first},
    {"columns", stmt_columns},
    {"finalize", stmt_release},
    {NULL, NULL}};

static const luaL_Reg sqlite_funcs[] = {
    {"open", sqlite_open},
    {"tokenize", sqlite_tokenize},
    {NULL, NULL}};

static void new_class(lua_State *L, const char *name, const luaL_Reg *methods, lua_CFunction gc)
{
    luaL_newmetatable(L, name);
    lua_newtable(L);  /* not luaL_newlib: METHODS is a pointer, not an array */
    luaL_setfuncs(L, methods, 0);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, gc);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, gc);
    lua_setfield(L, -2, "__close");
    lua_pop(L, 1);
}

int luaopen_quire_sqlite(lua_State *L)
{
    new_class(L, DB_T, db_methods, db_release);
    new_class(L, STMT_T, stmt_methods, stmt_release);
    luaL_newlib(L, sqlite_funcs);
    lua_pushstring(L, sqlite3_libversion());
    lua_setfield(L, -2, "version");
    return 1;
}
