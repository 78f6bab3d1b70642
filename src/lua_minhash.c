/*
 * quire.c.minhash: MinHash signatures (src/minhash.c) for Lua; the
 * near-duplicate search on top (LSH banding, groups) is
 * lua/quire/dedup.lua.
 *
 * A signature travels as a string of 8 hex digits per slot, so it
 * survives JSON between worker processes and its bands are substrings.
 */
#include <stdio.h>

#include <lauxlib.h>
#include <lua.h>

#include "minhash.h"

/* signature(text [, shingle=4 [, nhash=64]]) -> hex string, shingle count.
 * [-0, +2, m] */
static int minhash_signature_l(lua_State *L)
{
    size_t len;
    const char *text = luaL_checklstring(L, 1, &len);
    lua_Integer k = luaL_optinteger(L, 2, 4);
    lua_Integer n = luaL_optinteger(L, 3, 64);
    luaL_argcheck(L, k >= 1 && k <= MINHASH_MAX_SHINGLE, 2, "shingle size out of range");
    luaL_argcheck(L, n >= 1 && n <= MINHASH_MAX_HASHES, 3, "number of hashes out of range");
    uint32_t sig[MINHASH_MAX_HASHES];
    size_t shingles = minhash_signature(text, len, (int)k, (int)n, sig);
    luaL_Buffer b;
    char *out = luaL_buffinitsize(L, &b, (size_t)n * 8 + 1);
    for (lua_Integer i = 0; i < n; i++)
        snprintf(out + i * 8, 9, "%08x", (unsigned)sig[i]);
    luaL_pushresultsize(&b, (size_t)n * 8);
    lua_pushinteger(L, (lua_Integer)shingles);
    return 2;
}

/* Reads the hex signature at ARG into SIG; returns its slot count. [-0, +0, v] */
static int check_signature(lua_State *L, int arg, uint32_t *sig)
{
    size_t len;
    const char *s = luaL_checklstring(L, arg, &len);
    luaL_argcheck(L, len % 8 == 0 && len / 8 <= MINHASH_MAX_HASHES && len > 0, arg, "not a signature");
    int n = (int)(len / 8);
    for (int i = 0; i < n; i++) {
        uint32_t v = 0;
        for (int j = 0; j < 8; j++) {
            char c = s[i * 8 + j];
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
            if (d < 0)
                luaL_argerror(L, arg, "not a signature");
            v = v << 4 | (uint32_t)d;
        }
        sig[i] = v;
    }
    return n;
}

/* similarity(sig_a, sig_b) -> share of equal slots (estimated Jaccard). [-0, +1, v] */
static int minhash_similarity_l(lua_State *L)
{
    uint32_t a[MINHASH_MAX_HASHES], b[MINHASH_MAX_HASHES];
    int na = check_signature(L, 1, a);
    int nb = check_signature(L, 2, b);
    luaL_argcheck(L, na == nb, 2, "signatures of different sizes");
    lua_pushnumber(L, minhash_similarity(a, b, na));
    return 1;
}

static const luaL_Reg minhash_funcs[] = {
    {"signature", minhash_signature_l},
    {"similarity", minhash_similarity_l},
    {NULL, NULL},
};

int luaopen_quire_minhash(lua_State *L)
{
    luaL_newlib(L, minhash_funcs);
    return 1;
}
