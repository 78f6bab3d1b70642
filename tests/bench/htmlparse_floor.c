/*
 * The floor for quire.dom, for tests/bench/dom_bench.lua: libxml2's
 * htmlReadMemory (with quire's parse options) over the body of every post
 * in an archive, then xmlFreeDoc, in C with no Lua. Only parsing and
 * freeing are timed, not reading files. Passes repeat until MIN_SECONDS of
 * parsing have accumulated, so a small archive still gives a steady figure.
 * usage: bench_htmlparse_floor ARCHIVE [MIN_SECONDS]
 *   -> prints "files bytes seconds_per_pass passes"
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <libxml/HTMLparser.h>

#include "archive.h"
#include "dom.h"
#include "record.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One pass over ROOT; adds the parse time to *SECONDS. */
static void pass(const char *root, long *files, long *bytes, double *seconds)
{
    struct archive_walk *w = walk_open(root);
    const char *path, *error;
    while (w != NULL && (path = walk_next(w, &error)) != NULL) {
        FILE *f = error ? NULL : fopen(path, "rb");
        if (f == NULL)
            continue;
        fseek(f, 0, SEEK_END);
        long size = ftell(f);
        rewind(f);
        char *buf = malloc((size_t)size + 1);
        size_t got = buf ? fread(buf, 1, (size_t)size, f) : 0;
        fclose(f);
        if (buf == NULL)
            continue;
        struct fm_parts parts;
        fm_split(buf, got, &parts);
        size_t len = parts.status == FM_UNTERMINATED ? 0 : got - parts.body_start;
        double t0 = now();
        if (len > 0) {
            xmlDocPtr doc = htmlReadMemory(buf + parts.body_start, (int)len, NULL, "UTF-8", DOM_PARSE_OPTIONS);
            xmlFreeDoc(doc);
        }
        *seconds += now() - t0;
        free(buf);
        (*files)++;
        *bytes += (long)len;
    }
    walk_close(w);
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: %s ARCHIVE [MIN_SECONDS]\n", argv[0]);
        return 2;
    }
    double min = argc == 3 ? atof(argv[2]) : 1.0;
    long files = 0, bytes = 0;
    double seconds = 0;
    int passes = 0;
    do {
        files = bytes = 0;
        pass(argv[1], &files, &bytes, &seconds);
        passes++;
    } while (seconds < min && files > 0);
    printf("%ld %ld %.6f %d\n", files, bytes, seconds / passes, passes);
    return 0;
}
