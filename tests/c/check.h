/* The one check() every C test program shares: counts, reports failures
 * with file and line, and ends with "N passed, N failed". */
#ifndef QUIRE_CHECK_H
#define QUIRE_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_passed, check_failed;

#define check(cond) check_at((cond), #cond, __FILE__, __LINE__)
#define check_str(got, want) check_str_at((got), (want), __FILE__, __LINE__)
#define check_int(got, want) check_int_at((long long)(got), (long long)(want), #got, __FILE__, __LINE__)

static inline void check_at(int ok, const char *what, const char *file, int line)
{
    if (ok) {
        check_passed++;
    } else {
        check_failed++;
        fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
    }
}

static inline void check_str_at(const char *got, const char *want, const char *file, int line)
{
    if (got != NULL && want != NULL && strcmp(got, want) == 0) {
        check_passed++;
    } else {
        check_failed++;
        fprintf(stderr, "%s:%d: got \"%s\", want \"%s\"\n", file, line, got ? got : "(null)",
                want ? want : "(null)");
    }
}

static inline void check_int_at(long long got, long long want, const char *what, const char *file, int line)
{
    if (got == want) {
        check_passed++;
    } else {
        check_failed++;
        fprintf(stderr, "%s:%d: %s is %lld, want %lld\n", file, line, what, got, want);
    }
}

/* Prints the tally; returns the exit status for main. */
static inline int check_report(void)
{
    printf("%d passed, %d failed\n", check_passed, check_failed);
    return check_failed == 0 ? 0 : 1;
}

#endif
