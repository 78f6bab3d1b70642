/* Replays inputs through a fuzz target without libFuzzer, so every build
 * (gcc, sanitizers) runs the saved crash inputs and seeds as a test.
 * usage: replay_TARGET FILE_OR_DIR... -> "N passed, 0 failed" (a failing
 * input aborts, as under the fuzzer). */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static long replayed;

static void replay(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return;
    if (S_ISDIR(st.st_mode)) {
        DIR *dir = opendir(path);
        struct dirent *de;
        while (dir != NULL && (de = readdir(dir)) != NULL) {
            if (de->d_name[0] == '.')
                continue;
            char child[4096];
            snprintf(child, sizeof child, "%s/%s", path, de->d_name);
            replay(child);
        }
        if (dir != NULL)
            closedir(dir);
        return;
    }
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return;
    uint8_t *buf = malloc((size_t)st.st_size + 1);
    size_t n = buf ? fread(buf, 1, (size_t)st.st_size, f) : 0;
    fclose(f);
    if (buf == NULL)
        return;
    LLVMFuzzerTestOneInput(buf, n);
    free(buf);
    replayed++;
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        replay(argv[i]);
    printf("%ld passed, 0 failed\n", replayed);
    return replayed > 0 ? 0 : 1;
}
