/* Look-up of the Lua files compiled into the binary. */
#include "bundle.h"

#include <stdio.h>
#include <string.h>

const struct bundle_file *bundle_find_path(const char *path)
{
    for (const struct bundle_file *f = bundle_files; f->name != NULL; f++) {
        if (strcmp(f->name, path) == 0)
            return f;
    }
    return NULL;
}

const struct bundle_file *bundle_find_module(const char *name)
{
    char path[512];
    size_t n = strlen(name);
    if (n + sizeof "/init.lua" > sizeof path)
        return NULL;
    for (size_t i = 0; i < n; i++)
        path[i] = name[i] == '.' ? '/' : name[i];
    memcpy(path + n, ".lua", sizeof ".lua");
    const struct bundle_file *f = bundle_find_path(path);
    if (f == NULL) {
        memcpy(path + n, "/init.lua", sizeof "/init.lua");
        f = bundle_find_path(path);
    }
    return f;
}
