/*
 * The floor for `quire clean`, for tests/bench/clean_bench.lua: walk the
 * archive, read each file, split off the front matter, run libyaml's event
 * parser over it and libxml2's htmlReadMemory (quire's parse options) over
 * the body, then free both; in C with no Lua and no output. Nothing that
 * cleans records can beat it.
 * usage: bench_clean_floor ARCHIVE  -> prints "files bytes seconds"
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <libxml/HTMLparser.h>
#include <yaml.h>

#include "archive.h"
#include "dom.h"
#include "record.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s ARCHIVE\n", argv[0]);
        return 2;
    }
    double start = now();
    struct archive_walk *w = walk_open(argv[1]);
    long files = 0, bytes = 0;
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
        yaml_parser_t parser;
        yaml_event_t event;
        yaml_parser_initialize(&parser);
        yaml_parser_set_input_string(&parser, (unsigned char *)buf + parts.yaml_start,
                                     parts.yaml_end - parts.yaml_start);
        while (yaml_parser_parse(&parser, &event)) {
            int done = event.type == YAML_STREAM_END_EVENT;
            yaml_event_delete(&event);
            if (done)
                break;
        }
        yaml_parser_delete(&parser);
        size_t len = parts.status == FM_UNTERMINATED ? 0 : got - parts.body_start;
        if (len > 0) {
            xmlDocPtr doc = htmlReadMemory(buf + parts.body_start, (int)len, NULL, "UTF-8", DOM_PARSE_OPTIONS);
            xmlFreeDoc(doc);
        }
        free(buf);
        files++;
        bytes += (long)got;
    }
    walk_close(w);
    printf("%ld %ld %.3f\n", files, bytes, now() - start);
    return 0;
}
