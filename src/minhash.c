/* MinHash signatures over character shingles; see minhash.h. */
#include <string.h>

#include <utf8proc.h>

#include "minhash.h"
#include "ustr.h"

/* splitmix64: mixes a 64-bit value; also the generator of the hash
 * functions' coefficients, so signatures are the same on every run. */
static uint64_t mix64(uint64_t x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

/* Letters and digits count; everything else is dropped. */
static int keep(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
    if (cp == USTR_REPLACEMENT)
        return 0;
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO)
        || (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO);
}

/* Folds SIG with one shingle's hash H under the NHASH hash functions
 * (a * h + b) >> 32 with odd a. */
static void fold(uint32_t *sig, int nhash, const uint64_t *a, const uint64_t *b, uint64_t h)
{
    for (int i = 0; i < nhash; i++) {
        uint32_t v = (uint32_t)((a[i] * h + b[i]) >> 32);
        if (v < sig[i])
            sig[i] = v;
    }
}

/* Hash of the K code points in the ring WIN ending before position END. */
static uint64_t shingle_hash(const int32_t *win, int k, size_t end)
{
    uint64_t h = 0xCBF29CE484222325ULL;
    for (int j = 0; j < k; j++) {
        h ^= (uint64_t)(uint32_t)win[(end + (size_t)j) % (size_t)k];
        h *= 0x100000001B3ULL;
    }
    return mix64(h);
}

size_t minhash_signature(const char *text, size_t len, int shingle, int nhash, uint32_t *sig)
{
    static const uint64_t seed = 0x71756972652D6D68ULL; /* "quire-mh" */
    uint64_t a[MINHASH_MAX_HASHES], b[MINHASH_MAX_HASHES];
    int32_t win[MINHASH_MAX_SHINGLE];
    if (shingle < 1)
        shingle = 1;
    if (shingle > MINHASH_MAX_SHINGLE)
        shingle = MINHASH_MAX_SHINGLE;
    if (nhash < 1)
        nhash = 1;
    if (nhash > MINHASH_MAX_HASHES)
        nhash = MINHASH_MAX_HASHES;
    for (int i = 0; i < nhash; i++) {
        a[i] = mix64(seed + 2 * (uint64_t)i) | 1;
        b[i] = mix64(seed + 2 * (uint64_t)i + 1);
        sig[i] = UINT32_MAX;
    }
    size_t kept = 0, shingles = 0, i = 0;
    while (i < len) {
        int32_t cp = ustr_decode(text, len, &i);
        if (!keep(cp))
            continue;
        if (cp < 0x80)
            cp |= (cp >= 'A' && cp <= 'Z') ? 0x20 : 0;
        else
            cp = utf8proc_tolower(cp);
        win[kept % (size_t)shingle] = cp;
        kept++;
        if (kept >= (size_t)shingle) {
            fold(sig, nhash, a, b, shingle_hash(win, shingle, kept));
            shingles++;
        }
    }
    if (kept > 0 && kept < (size_t)shingle) { /* short text: one shingle of all of it */
        uint64_t h = 0xCBF29CE484222325ULL;
        for (size_t j = 0; j < kept; j++) {
            h ^= (uint64_t)(uint32_t)win[j];
            h *= 0x100000001B3ULL;
        }
        fold(sig, nhash, a, b, mix64(h));
        shingles = 1;
    }
    return shingles;
}

double minhash_similarity(const uint32_t *a, const uint32_t *b, int n)
{
    if (n <= 0)
        return 0.0;
    int same = 0;
    for (int i = 0; i < n; i++)
        same += a[i] == b[i];
    return (double)same / n;
}
