/* PageRank over weighted undirected graphs, and the sentence graph of
 * TextRank summaries (quire.summary). Plain C, no Lua: the binding is
 * lua_rank.c.
 *
 * The arithmetic is the same, operation for operation and in the same
 * order, as the Lua it replaced (lua/quire/summary.lua before it moved
 * here), so ranks and hence summaries are the same to the last bit. */
#ifndef QUIRE_RANK_H
#define QUIRE_RANK_H

#include <stddef.h>

/* A graph of N nodes in compressed rows: node i's edges are
 * [first[i], first[i + 1]), each to node to[e] (0-based) with weight w[e]
 * > 0. Sums run in row order. */
struct rank_graph {
    size_t n;
    const size_t *first;
    const int *to;
    const double *w;
};

/* Size in doubles of the scratch rank_pagerank needs for G. */
size_t rank_scratch(const struct rank_graph *g);

/* Fills RANK[0..n) with PageRank (damping 0.85) of G after at most
 * ITERATIONS rounds, stopping once the ranks move less than 1e-6 per node
 * in a round. SCRATCH holds rank_scratch(G) doubles. */
void rank_pagerank(const struct rank_graph *g, int iterations, double *rank, double *scratch);

/* The sentence graph of N sentences whose distinct word ids (0..NWORDS)
 * are WORDS[first[i], first[i + 1]): an edge between every two sentences
 * sharing a word, weighted by shared words / (log(|Si| + 1) + log(|Sj| +
 * 1)); row i lists the earlier neighbours, then the later ones, each in
 * ascending order. Built in two calls over the same WORK (which must hold
 * rank_sentence_work(N, NWORDS, FIRST[N]) sizes): rank_sentence_degrees
 * sets OUT_FIRST[0..n] and returns the number of edge ends, then
 * rank_sentence_edges fills OUT_TO and OUT_W (that many each) and LG (N). */
size_t rank_sentence_work(size_t n, size_t nwords, size_t total);
size_t rank_sentence_degrees(size_t n, const size_t *first, const int *words, size_t nwords,
                             size_t *out_first, size_t *work);
void rank_sentence_edges(size_t n, const size_t *first, const int *words, size_t nwords,
                         const size_t *out_first, int *out_to, double *out_w, size_t *work,
                         double *lg);

#endif
