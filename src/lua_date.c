/*
 * quire.c.date: bindings for datetime.c.
 */
#include <lauxlib.h>
#include <lua.h>

#include "datetime.h"

/* parse(text [, tz]) -> epoch, iso, offset, date_only | nil, message */
static int date_parse(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    const char *tz = luaL_optstring(L, 2, DT_DEFAULT_TZ);
    struct dt_value v;
    if (dt_parse(s, len, tz, &v) != 0) {
        lua_pushnil(L);
        if (len > 60)
            lua_pushfstring(L, "cannot read date '%s...'", lua_pushlstring(L, s, 60));
        else
            lua_pushfstring(L, "cannot read date '%s'", s);
        return 2;
    }
    char iso[32];
    dt_format_iso(v.epoch, iso, sizeof iso);
    lua_pushinteger(L, (lua_Integer)v.epoch);
    lua_pushstring(L, iso);
    lua_pushinteger(L, v.offset);
    lua_pushboolean(L, v.date_only);
    return 4;
}

/* iso(epoch) -> "YYYY-MM-DDTHH:MM:SSZ" */
static int date_iso(lua_State *L)
{
    char iso[32];
    dt_format_iso((int64_t)luaL_checkinteger(L, 1), iso, sizeof iso);
    lua_pushstring(L, iso);
    return 1;
}

/* known_tz(name) -> whether the zone can be used */
static int date_known_tz(lua_State *L)
{
    lua_pushboolean(L, dt_tz_known(luaL_checkstring(L, 1)));
    return 1;
}

/* civil(epoch [, tz]) -> {year, month, day, hour, min, sec, wday (1 = Sunday), offset}
 * in zone tz (default Asia/Shanghai), for grouping by local month or hour. */
static int date_civil(lua_State *L)
{
    int64_t epoch = (int64_t)luaL_checkinteger(L, 1);
    const char *tz = luaL_optstring(L, 2, DT_DEFAULT_TZ);
    int offset = dt_offset_at(tz, epoch);
    int f[7];
    dt_civil(epoch, offset, &f[0], &f[1], &f[2], &f[3], &f[4], &f[5], &f[6]);
    static const char *const names[] = {"year", "month", "day", "hour", "min", "sec", "wday"};
    lua_createtable(L, 0, 8);
    for (int i = 0; i < 7; i++) {
        lua_pushinteger(L, f[i] + (i == 6));
        lua_setfield(L, -2, names[i]);
    }
    lua_pushinteger(L, offset);
    lua_setfield(L, -2, "offset");
    return 1;
}

static const luaL_Reg date_funcs[] = {
    {"parse", date_parse},
    {"iso", date_iso},
    {"known_tz", date_known_tz},
    {"civil", date_civil},
    {NULL, NULL}};

int luaopen_quire_date(lua_State *L)
{
    luaL_newlib(L, date_funcs);
    return 1;
}
