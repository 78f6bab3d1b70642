/* Sorted recursive directory walk. Names starting with "." are skipped
 * (.git, editor files); symbolic links to directories are not followed,
 * so a link loop cannot trap the walk. */
#define _DEFAULT_SOURCE
#include "archive.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct entry {
    char *name;
    unsigned char type;  /* DT_* from readdir */
};

struct level {
    struct entry *entries;
    size_t n, next;
    size_t path_len;     /* length of this directory's path in the buffer */
};

struct archive_walk {
    char *path;
    size_t path_cap;
    struct level *levels;
    int depth, levels_cap;
    int started;
};

int archive_is_post_name(const char *name)
{
    static const char *const exts[] = {".md", ".markdown", ".html", ".htm", NULL};
    size_t n = strlen(name);
    for (int i = 0; exts[i] != NULL; i++) {
        size_t e = strlen(exts[i]);
        if (n > e && strcasecmp(name + n - e, exts[i]) == 0)
            return 1;
    }
    return 0;
}

static int compare_entries(const void *a, const void *b)
{
    return strcmp(((const struct entry *)a)->name, ((const struct entry *)b)->name);
}

static int set_path(struct archive_walk *w, size_t keep, const char *name)
{
    size_t n = strlen(name);
    size_t need = keep + 1 + n + 1;
    if (need > w->path_cap) {
        size_t cap = need * 2;
        char *p = realloc(w->path, cap);
        if (p == NULL)
            return -1;
        w->path = p;
        w->path_cap = cap;
    }
    if (keep > 0 && w->path[keep - 1] != '/')
        w->path[keep++] = '/';
    memcpy(w->path + keep, name, n + 1);
    return 0;
}

static void free_level(struct level *lv)
{
    for (size_t i = 0; i < lv->n; i++)
        free(lv->entries[i].name);
    free(lv->entries);
}

/* Reads and sorts the directory at w->path as a new level. Returns 0, or
 * an errno value. */
static int push_level(struct archive_walk *w)
{
    DIR *dir = opendir(w->path);
    if (dir == NULL)
        return errno;
    struct level lv = {NULL, 0, 0, strlen(w->path)};
    size_t cap = 0;
    struct dirent *de;
    int err = 0;
    while ((de = readdir(dir)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        if (lv.n == cap) {
            cap = cap ? cap * 2 : 32;
            struct entry *e = realloc(lv.entries, cap * sizeof *e);
            if (e == NULL) {
                err = ENOMEM;
                break;
            }
            lv.entries = e;
        }
        char *name = strdup(de->d_name);
        if (name == NULL) {
            err = ENOMEM;
            break;
        }
        lv.entries[lv.n].name = name;
        lv.entries[lv.n].type = de->d_type;
        lv.n++;
    }
    closedir(dir);
    if (err == 0 && w->depth == w->levels_cap) {
        int ncap = w->levels_cap ? w->levels_cap * 2 : 16;
        struct level *l = realloc(w->levels, (size_t)ncap * sizeof *l);
        if (l == NULL)
            err = ENOMEM;
        else {
            w->levels = l;
            w->levels_cap = ncap;
        }
    }
    if (err != 0) {
        free_level(&lv);
        return err;
    }
    if (lv.n > 1)  /* an empty folder has no array: qsort must not see NULL */
        qsort(lv.entries, lv.n, sizeof *lv.entries, compare_entries);
    w->levels[w->depth++] = lv;
    return 0;
}

struct archive_walk *walk_open(const char *root)
{
    struct archive_walk *w = calloc(1, sizeof *w);
    if (w == NULL)
        return NULL;
    if (set_path(w, 0, root) != 0) {
        free(w);
        return NULL;
    }
    return w;
}

const char *walk_next(struct archive_walk *w, const char **error)
{
    *error = NULL;
    if (!w->started) {
        w->started = 1;
        int err = push_level(w);
        if (err != 0) {
            *error = strerror(err);
            return w->path;
        }
    }
    while (w->depth > 0) {
        struct level *lv = &w->levels[w->depth - 1];
        if (lv->next == lv->n) {
            free_level(lv);
            w->depth--;
            continue;
        }
        struct entry *e = &lv->entries[lv->next++];
        if (set_path(w, lv->path_len, e->name) != 0) {
            *error = strerror(ENOMEM);
            return e->name;
        }
        unsigned char type = e->type;
        if (type == DT_UNKNOWN || type == DT_LNK) {
            struct stat st;
            if (stat(w->path, &st) != 0)
                type = DT_REG;  /* a dangling link: let the reader report it */
            else if (S_ISDIR(st.st_mode))
                type = e->type == DT_LNK ? DT_UNKNOWN : DT_DIR;
            else
                type = DT_REG;
        }
        if (type == DT_DIR) {
            int err = push_level(w);
            if (err != 0) {
                *error = strerror(err);
                return w->path;
            }
            continue;
        }
        if (type == DT_REG && archive_is_post_name(e->name))
            return w->path;
    }
    return NULL;
}

void walk_close(struct archive_walk *w)
{
    if (w == NULL)
        return;
    while (w->depth > 0)
        free_level(&w->levels[--w->depth]);
    free(w->levels);
    free(w->path);
    free(w);
}
