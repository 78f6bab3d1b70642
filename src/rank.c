/* PageRank and TextRank's sentence graph; see rank.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rank.h"

/* Ranks must match the Lua this replaced bit for bit: no fused
 * multiply-add where the Lua did a rounded product, then a rounded sum. */
#ifdef __clang__
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

size_t rank_scratch(const struct rank_graph *g)
{
    return 2 * g->n + g->first[g->n];
}

void rank_pagerank(const struct rank_graph *g, int iterations, double *rank, double *scratch)
{
    const double d = 0.85;
    size_t n = g->n;
    double *out = scratch, *next = scratch + n, *share = scratch + 2 * n;
    for (size_t i = 0; i < n; i++) {
        double total = 0;
        for (size_t e = g->first[i]; e < g->first[i + 1]; e++)
            total = total + g->w[e];
        out[i] = total;
    }
    /* each edge's share of its far end's weight, once; an end with no
     * weight contributes nothing (share 0 is skipped below) */
    for (size_t i = 0; i < n; i++)
        for (size_t e = g->first[i]; e < g->first[i + 1]; e++) {
            double o = out[g->to[e]];
            share[e] = o > 0 ? g->w[e] / o : 0;
        }
    for (size_t i = 0; i < n; i++)
        rank[i] = 1;
    double *cur = rank;
    for (int it = 0; it < iterations; it++) {
        double delta = 0;
        for (size_t i = 0; i < n; i++) {
            double sum = 0;
            for (size_t e = g->first[i]; e < g->first[i + 1]; e++)
                if (share[e] > 0)
                    sum = sum + share[e] * cur[g->to[e]];
            double v = (1 - d) + d * sum;
            next[i] = v;
            delta = delta + fabs(v - cur[i]);
        }
        double *t = cur;
        cur = next;
        next = t;
        if (delta < 1e-6 * (double)n)
            break;
    }
    if (cur != rank)
        memcpy(rank, cur, n * sizeof *rank);
}

size_t rank_sentence_work(size_t n, size_t nwords, size_t total)
{
    return 2 * (nwords + 1) + 2 * total + 3 * n;
}

struct sweep {
    size_t *start;   /* nwords + 1: where each word's posting list begins */
    size_t *post;    /* total: the posting lists, sentences ascending */
    size_t *place;   /* total: where word e of its sentence is in its list */
    size_t *count;   /* n: words sentence j shares with the one swept */
    size_t *touched; /* n: the later sentences it shares any with */
    size_t *fill;    /* n: next free end in each row */
};

/* Lays out WORK and builds the posting lists. */
static struct sweep prepare(size_t n, const size_t *first, const int *words, size_t nwords,
                            size_t *work)
{
    size_t total = first[n];
    struct sweep s;
    s.start = work;
    size_t *cursor = work + nwords + 1;
    s.post = cursor + nwords + 1;
    s.place = s.post + total;
    s.count = s.place + total;
    s.touched = s.count + n;
    s.fill = s.touched + n;
    memset(s.start, 0, (nwords + 1) * sizeof *s.start);
    for (size_t e = 0; e < total; e++)
        s.start[words[e] + 1]++;
    for (size_t w = 0; w < nwords; w++)
        s.start[w + 1] += s.start[w];
    memset(cursor, 0, (nwords + 1) * sizeof *cursor);
    for (size_t i = 0; i < n; i++)
        for (size_t e = first[i]; e < first[i + 1]; e++) {
            size_t w = (size_t)words[e];
            size_t at = s.start[w] + cursor[w]++;
            s.post[at] = i;
            s.place[e] = at;
        }
    memset(s.count, 0, n * sizeof *s.count);
    return s;
}

/* Counts what sentence I shares with each later one: S->touched[0..t),
 * t returned, their counts in S->count. */
static size_t sweep_one(struct sweep *s, size_t i, const size_t *first, const int *words)
{
    size_t t = 0;
    for (size_t e = first[i]; e < first[i + 1]; e++) {
        size_t end = s->start[words[e] + 1];
        for (size_t at = s->place[e] + 1; at < end; at++) {
            size_t j = s->post[at];
            if (s->count[j]++ == 0)
                s->touched[t++] = j;
        }
    }
    return t;
}

static int by_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

size_t rank_sentence_degrees(size_t n, const size_t *first, const int *words, size_t nwords,
                             size_t *out_first, size_t *work)
{
    struct sweep s = prepare(n, first, words, nwords, work);
    memset(out_first, 0, (n + 1) * sizeof *out_first);
    for (size_t i = 0; i < n; i++) {
        size_t t = sweep_one(&s, i, first, words);
        out_first[i + 1] += t;
        for (size_t q = 0; q < t; q++) {
            out_first[s.touched[q] + 1]++;
            s.count[s.touched[q]] = 0;
        }
    }
    for (size_t i = 0; i < n; i++)
        out_first[i + 1] += out_first[i];
    return out_first[n];
}

void rank_sentence_edges(size_t n, const size_t *first, const int *words, size_t nwords,
                         const size_t *out_first, int *out_to, double *out_w, size_t *work,
                         double *lg)
{
    struct sweep s = prepare(n, first, words, nwords, work);
    for (size_t i = 0; i < n; i++) {
        s.fill[i] = out_first[i];
        lg[i] = log((double)(first[i + 1] - first[i] + 1));
    }
    for (size_t i = 0; i < n; i++) {
        size_t t = sweep_one(&s, i, first, words);
        qsort(s.touched, t, sizeof *s.touched, by_size);
        for (size_t q = 0; q < t; q++) {
            size_t j = s.touched[q];
            double w = (double)s.count[j] / (lg[i] + lg[j]);
            s.count[j] = 0;
            out_to[s.fill[i]] = (int)j;
            out_w[s.fill[i]++] = w;
            out_to[s.fill[j]] = (int)i;
            out_w[s.fill[j]++] = w;
        }
    }
}
