/* MinHash signatures of text over character shingles, for finding posts
 * whose text is nearly the same. Plain C, no Lua: the binding is
 * lua_minhash.c.
 *
 * The text is reduced to its letters and digits, lower-cased (white space,
 * punctuation and symbols dropped, so a changed footer line or different
 * spacing moves few shingles); every run of SHINGLE consecutive characters
 * is hashed, and slot i of the signature is the least value of the i-th
 * hash function over all shingles. The share of equal slots between two
 * signatures estimates the Jaccard similarity of their shingle sets. */
#ifndef QUIRE_MINHASH_H
#define QUIRE_MINHASH_H

#include <stddef.h>
#include <stdint.h>

#define MINHASH_MAX_HASHES 1024
#define MINHASH_MAX_SHINGLE 32

/* Fills SIG[0..NHASH) with the signature of TEXT (LEN bytes) over
 * shingles of SHINGLE characters (1..MINHASH_MAX_SHINGLE) and returns the
 * number of shingles. A text shorter than SHINGLE characters is one
 * shingle; a text with no letters or digits has none, and its signature is
 * all 0xFFFFFFFF. NHASH is 1..MINHASH_MAX_HASHES. */
size_t minhash_signature(const char *text, size_t len, int shingle, int nhash, uint32_t *sig);

/* Share of equal slots of A and B (N each), 0..1. */
double minhash_similarity(const uint32_t *a, const uint32_t *b, int n);

#endif
