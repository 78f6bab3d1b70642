/*
 * quire.c.rank: PageRank and TextRank's sentence graph (src/rank.c) for
 * lua/quire/summary.lua, which ranks keywords and sentences with them.
 *
 * Every array C needs is a userdata made here, owned by Lua from the
 * start, so a bad argument raised halfway leaks nothing.
 */
#include <lauxlib.h>
#include <lua.h>

#include "rank.h"

/* A scratch array of N elements of SIZE bytes, owned by Lua, pushed.
 * [-0, +1, m] */
static void *scratch(lua_State *L, size_t n, size_t size)
{
    if (n > ((size_t)-1 / 2) / size)
        luaL_error(L, "quire.c.rank: graph too large");
    return lua_newuserdatauv(L, n ? n * size : 1, 0);
}

/* Length of the list at index IDX, which must be a table. [-0, +0, v] */
static size_t list_len(lua_State *L, int idx, int arg)
{
    if (lua_type(L, idx) != LUA_TTABLE)
        luaL_argerror(L, arg, "list of lists expected");
    return (size_t)lua_rawlen(L, idx);
}

/* Where each of the N lists in argument 1 starts in their concatenation:
 * FIRST[i] for list i+1, FIRST[N] the total length (scratch memory). */
static size_t *list_offsets(lua_State *L, size_t n)
{
    size_t *first = scratch(L, n + 1, sizeof *first);
    first[0] = 0;
    for (size_t i = 0; i < n; i++) {
        lua_rawgeti(L, 1, (lua_Integer)i + 1);
        first[i + 1] = first[i] + list_len(L, -1, 1);
        lua_pop(L, 1);
    }
    return first;
}

/* Pushes RANK[0..n) as a list. [-0, +1, m] */
static void push_ranks(lua_State *L, const double *rank, size_t n)
{
    lua_createtable(L, n < 0x7fffffff ? (int)n : 0, 0);
    for (size_t i = 0; i < n; i++) {
        lua_pushnumber(L, rank[i]);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
}

/* pagerank(nbr, wt [, iterations=30]) -> {rank...}: NBR[i] lists node i's
 * neighbours (1..#NBR) in the order their terms are summed, WT[i] the
 * positive weights of those edges. [-0, +1, v] */
static int rank_pagerank_l(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_Integer iterations = luaL_optinteger(L, 3, 30);
    size_t n = (size_t)lua_rawlen(L, 1);
    size_t *first = list_offsets(L, n);
    size_t edges = first[n];
    int *to = scratch(L, edges, sizeof *to);
    double *w = scratch(L, edges, sizeof *w);
    for (size_t i = 0; i < n; i++) {
        lua_rawgeti(L, 1, (lua_Integer)i + 1);
        lua_rawgeti(L, 2, (lua_Integer)i + 1);
        if (list_len(L, -1, 2) != first[i + 1] - first[i])
            luaL_argerror(L, 2, "weights do not match the neighbours");
        for (size_t e = first[i]; e < first[i + 1]; e++) {
            lua_Integer k = (lua_Integer)(e - first[i]) + 1;
            lua_rawgeti(L, -2, k);
            int isint;
            lua_Integer j = lua_tointegerx(L, -1, &isint);
            if (!isint || j < 1 || (size_t)j > n)
                luaL_argerror(L, 1, "neighbour out of range");
            to[e] = (int)(j - 1);
            lua_rawgeti(L, -2, k);
            int isnum;
            w[e] = lua_tonumberx(L, -1, &isnum);
            if (!isnum)
                luaL_argerror(L, 2, "weights must be numbers");
            lua_pop(L, 2);
        }
        lua_pop(L, 2);
    }
    struct rank_graph g = {n, first, to, w};
    double *rank = scratch(L, n, sizeof *rank);
    double *work = scratch(L, rank_scratch(&g), sizeof *work);
    rank_pagerank(&g, (int)(iterations < 0 ? 0 : iterations > 1000000 ? 1000000 : iterations), rank, work);
    push_ranks(L, rank, n);
    return 1;
}

/* sentences(sets [, iterations=30]) -> {rank...}: TextRank over sentences,
 * SETS[i] the distinct word ids (whole numbers >= 1) of sentence i; see
 * rank_sentence_degrees. [-0, +1, v] */
static int rank_sentences_l(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_Integer iterations = luaL_optinteger(L, 2, 30);
    size_t n = (size_t)lua_rawlen(L, 1);
    if (n > 0x7fffffff)
        luaL_argerror(L, 1, "too many sentences");
    size_t *first = list_offsets(L, n);
    size_t total = first[n], nwords = 0;
    int *words = scratch(L, total, sizeof *words);
    for (size_t i = 0; i < n; i++) {
        lua_rawgeti(L, 1, (lua_Integer)i + 1);
        for (size_t e = first[i]; e < first[i + 1]; e++) {
            lua_rawgeti(L, -1, (lua_Integer)(e - first[i]) + 1);
            int isint;
            lua_Integer id = lua_tointegerx(L, -1, &isint);
            if (!isint || id < 1 || id > 0x7fffffff)
                luaL_argerror(L, 1, "word ids must be whole numbers from 1");
            words[e] = (int)(id - 1);
            if ((size_t)id > nwords)
                nwords = (size_t)id;
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
    }
    size_t *work = scratch(L, rank_sentence_work(n, nwords, total), sizeof *work);
    size_t *out_first = scratch(L, n + 1, sizeof *out_first);
    size_t edges = rank_sentence_degrees(n, first, words, nwords, out_first, work);
    int *to = scratch(L, edges, sizeof *to);
    double *w = scratch(L, edges, sizeof *w);
    double *lg = scratch(L, n, sizeof *lg);
    rank_sentence_edges(n, first, words, nwords, out_first, to, w, work, lg);
    struct rank_graph g = {n, out_first, to, w};
    double *rank = scratch(L, n, sizeof *rank);
    double *pwork = scratch(L, rank_scratch(&g), sizeof *pwork);
    rank_pagerank(&g, (int)(iterations < 0 ? 0 : iterations > 1000000 ? 1000000 : iterations), rank, pwork);
    push_ranks(L, rank, n);
    return 1;
}

static const luaL_Reg rank_funcs[] = {
    {"pagerank", rank_pagerank_l},
    {"sentences", rank_sentences_l},
    {NULL, NULL},
};

int luaopen_quire_rank(lua_State *L)
{
    luaL_newlib(L, rank_funcs);
    return 1;
}
