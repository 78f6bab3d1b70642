/* Walking an archive: the post files under a folder, recursively, in
 * sorted order, one directory listing in memory per level. Plain C. */
#ifndef QUIRE_ARCHIVE_H
#define QUIRE_ARCHIVE_H

struct archive_walk;

/* Starts a walk of directory ROOT, or NULL when out of memory. */
struct archive_walk *walk_open(const char *root);

/* The next post path (valid until the next call), or NULL at the end.
 * When a directory cannot be read, returns its path with *ERROR set to the
 * reason (and goes on with the rest); otherwise *ERROR is NULL. */
const char *walk_next(struct archive_walk *w, const char **error);

void walk_close(struct archive_walk *w);

/* Whether NAME ends in an extension quire reads (.md, .markdown, .html, .htm). */
int archive_is_post_name(const char *name);

#endif
