/*
 * Date parsing for front matter. Civil-date arithmetic follows Howard
 * Hinnant's days_from_civil algorithm (public domain description), so
 * no libc time zone state is touched for dates that carry an offset.
 * Local times in a named zone go through mktime with TZ set; quire's
 * workers are separate processes, so the process-wide TZ is safe, and it
 * is changed only when a different zone is asked for.
 */
#define _DEFAULT_SOURCE
#include "datetime.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static int days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

void dt_civil(int64_t epoch, int offset, int *year, int *month, int *day,
              int *hour, int *minute, int *second, int *wday)
{
    int64_t t = epoch + offset;
    int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
    int64_t secs = t - days * 86400;
    civil_from_days(days, year, month, day);
    *hour = (int)(secs / 3600);
    *minute = (int)(secs / 60 % 60);
    *second = (int)(secs % 60);
    *wday = (int)((days % 7 + 11) % 7);  /* 1970-01-01 was a Thursday */
}

void dt_format_iso(int64_t epoch, char *buf, size_t size)
{
    int y, mo, d, h, mi, s, wd;
    dt_civil(epoch, 0, &y, &mo, &d, &h, &mi, &s, &wd);
    snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, mo, d, h, mi, s);
}

/* A cursor over the text being parsed. */
struct scan {
    const char *p, *end;
};

static int at_end(const struct scan *sc) { return sc->p >= sc->end; }
static int peek(const struct scan *sc) { return at_end(sc) ? -1 : (unsigned char)*sc->p; }

static void skip_spaces(struct scan *sc)
{
    while (!at_end(sc) && (*sc->p == ' ' || *sc->p == '\t'))
        sc->p++;
}

static int take_char(struct scan *sc, int c)
{
    if (peek(sc) != c)
        return 0;
    sc->p++;
    return 1;
}

static int take_str(struct scan *sc, const char *s)
{
    size_t n = strlen(s);
    if ((size_t)(sc->end - sc->p) < n || memcmp(sc->p, s, n) != 0)
        return 0;
    sc->p += n;
    return 1;
}

/* Reads MIN..MAX digits into *V. */
static int take_digits(struct scan *sc, int min, int max, int *v)
{
    int n = 0, value = 0;
    while (n < max && !at_end(sc) && isdigit((unsigned char)*sc->p)) {
        value = value * 10 + (*sc->p++ - '0');
        n++;
    }
    *v = value;
    return n >= min;
}

/* Reads a numeric offset: Z, +08, +0800, +08:00, -5. On failure the
 * cursor is left where it was, so a half-read offset ("+08:", "+99") stays
 * as trailing text and the date is rejected rather than read as local. */
static int take_offset(struct scan *sc, int *offset)
{
    if (take_char(sc, 'Z') || take_char(sc, 'z')) {
        *offset = 0;
        return 1;
    }
    const char *save = sc->p;
    int sign = peek(sc) == '-' ? -1 : 1;
    if (!take_char(sc, '+') && !take_char(sc, '-'))
        return 0;
    int h, m = 0;
    const char *start = sc->p;
    if (!take_digits(sc, 1, 2, &h))
        goto fail;
    if (sc->p - start == 2) {
        if (take_char(sc, ':')) {
            if (!take_digits(sc, 2, 2, &m))
                goto fail;
        } else if (!at_end(sc) && isdigit((unsigned char)*sc->p)) {
            if (!take_digits(sc, 2, 2, &m))
                goto fail;
        }
    }
    if (h > 14 || m > 59)
        goto fail;
    *offset = sign * (h * 3600 + m * 60);
    return 1;
fail:
    sc->p = save;
    return 0;
}

/* Reads an RFC 2822 zone name or a numeric offset. */
static int take_zone(struct scan *sc, int *offset)
{
    static const struct { const char *name; int hours; } zones[] = {
        {"GMT", 0}, {"UTC", 0}, {"UT", 0}, {"EST", -5}, {"EDT", -4}, {"CST", -6},
        {"CDT", -5}, {"MST", -7}, {"MDT", -6}, {"PST", -8}, {"PDT", -7}, {NULL, 0}};
    for (int i = 0; zones[i].name != NULL; i++) {
        size_t n = strlen(zones[i].name);
        /* zone names are case-insensitive in RFC 2822 ("gmt" is seen too) */
        if ((size_t)(sc->end - sc->p) >= n && strncasecmp(sc->p, zones[i].name, n) == 0) {
            sc->p += n;
            *offset = zones[i].hours * 3600;
            const char *save = sc->p;
            int extra;
            if (take_offset(sc, &extra))  /* "GMT+0800" */
                *offset += extra;
            else
                sc->p = save;
            return 1;
        }
    }
    return take_offset(sc, offset);
}

static char current_tz[128];

/* Makes TZ the process zone if it is not already. */
static void use_zone(const char *tz)
{
    if (strcmp(current_tz, tz) == 0)
        return;
    setenv("TZ", tz, 1);
    tzset();
    snprintf(current_tz, sizeof current_tz, "%s", tz);
}

/* A fixed offset spelt out in TZ ("UTC", "Z", "+08:00"), or -1 if named. */
static int fixed_offset(const char *tz, int *offset)
{
    if (strcmp(tz, "UTC") == 0 || strcmp(tz, "GMT") == 0 || strcmp(tz, "Z") == 0) {
        *offset = 0;
        return 1;
    }
    struct scan sc = {tz, tz + strlen(tz)};
    return take_offset(&sc, offset) && at_end(&sc);
}

int dt_tz_known(const char *tz)
{
    int offset;
    if (fixed_offset(tz, &offset))
        return 1;
    if (tz[0] == '\0' || tz[0] == '/' || strstr(tz, "..") != NULL)
        return 0;
    const char *dir = getenv("TZDIR");
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir && dir[0] ? dir : "/usr/share/zoneinfo", tz);
    /* a folder such as "America" is readable too, but libc would quietly
     * fall back to UTC for it */
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, R_OK) == 0;
}

int dt_offset_at(const char *tz, int64_t epoch)
{
    int offset;
    if (fixed_offset(tz, &offset))
        return offset;
    if (!dt_tz_known(tz))
        return 0;
    use_zone(tz);
    time_t t = (time_t)epoch;
    struct tm tm;
    if (localtime_r(&t, &tm) == NULL)
        return 0;
    return (int)tm.tm_gmtoff;
}

/* Epoch of a local civil time in zone TZ; fills *OFFSET. */
static int64_t local_to_epoch(const char *tz, int y, int mo, int d, int h, int mi, int s, int *offset)
{
    int64_t naive = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
    if (fixed_offset(tz, offset))
        return naive - *offset;
    use_zone(tz);
    struct tm tm = {0};
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = s;
    tm.tm_isdst = -1;
    time_t t = mktime(&tm);
    if (t == (time_t)-1) {
        *offset = 0;
        return naive;
    }
    /* Not naive - tm_gmtoff: in a spring-forward gap (02:30 that never
     * happened) mktime reads the time with the offset before the change and
     * normalises tm to after it, and that gmtoff would put the instant an
     * hour before the gap. T is the instant; the offset is what it implies. */
    *offset = (int)(naive - (int64_t)t);
    return (int64_t)t;
}

static int month_from_name(struct scan *sc)
{
    static const char *const names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    for (int i = 0; i < 12; i++) {
        if ((size_t)(sc->end - sc->p) >= 3 && strncasecmp(sc->p, names[i], 3) == 0) {
            sc->p += 3;
            /* allow the full name: "August" */
            while (!at_end(sc) && isalpha((unsigned char)*sc->p))
                sc->p++;
            return i + 1;
        }
    }
    return 0;
}

/* Time of day: HH:MM[:SS[.fraction]]. */
static int take_time(struct scan *sc, int *h, int *mi, int *s)
{
    *s = 0;
    if (!take_digits(sc, 1, 2, h) || !take_char(sc, ':') || !take_digits(sc, 2, 2, mi))
        return 0;
    if (take_char(sc, ':')) {
        if (!take_digits(sc, 2, 2, s))
            return 0;
        if (take_char(sc, '.') || take_char(sc, ',')) {
            /* ISO 8601 sets no limit on the digits of a fraction; it is
             * dropped, so read them all without keeping a value */
            int digit, n = 0;
            while (take_digits(sc, 1, 1, &digit))
                n++;
            if (n == 0)
                return 0;
        }
    }
    return 1;
}

static int valid_fields(int y, int mo, int d, int h, int mi, int s)
{
    return y >= 1 && y <= 9999 && mo >= 1 && mo <= 12 && d >= 1 && d <= days_in_month(y, mo) &&
           h >= 0 && h <= 24 && mi >= 0 && mi <= 59 && s >= 0 && s <= 60 &&
           (h < 24 || (mi == 0 && s == 0));
}

/* RFC 2822: [Mon, ]09 Aug 2021 04:10[:12] [GMT] */
static int parse_rfc2822(struct scan *sc, int *f, int *offset, int *has_zone)
{
    if (isalpha(peek(sc))) {
        while (isalpha(peek(sc)))
            sc->p++;
        take_char(sc, ',');
        skip_spaces(sc);
    }
    if (!take_digits(sc, 1, 2, &f[2]))
        return 0;
    skip_spaces(sc);
    take_char(sc, '-');
    if ((f[1] = month_from_name(sc)) == 0)
        return 0;
    skip_spaces(sc);
    take_char(sc, '-');
    if (!take_digits(sc, 4, 4, &f[0]))
        return 0;
    skip_spaces(sc);
    if (at_end(sc))
        return 2;  /* date only */
    if (!take_time(sc, &f[3], &f[4], &f[5]))
        return 0;
    skip_spaces(sc);
    *has_zone = take_zone(sc, offset);
    skip_spaces(sc);
    if (take_char(sc, '(')) {  /* a comment naming the zone: +0800 (CST) */
        while (!at_end(sc) && *sc->p != ')')
            sc->p++;
        if (!take_char(sc, ')'))
            return 0;
    }
    return 1;
}

/* ISO 8601 and friends: 2021-08-09[(T| )04:10:12[.5][ ][zone]], 2021/8/9, 2021年8月9日 */
static int parse_numeric(struct scan *sc, int *f, int *offset, int *has_zone)
{
    if (!take_digits(sc, 4, 4, &f[0]))
        return 0;
    int compact = 0;
    if (take_char(sc, '-')) {
        if (!take_digits(sc, 1, 2, &f[1]) || !take_char(sc, '-') || !take_digits(sc, 1, 2, &f[2]))
            return 0;
    } else if (take_char(sc, '/')) {
        if (!take_digits(sc, 1, 2, &f[1]) || !take_char(sc, '/') || !take_digits(sc, 1, 2, &f[2]))
            return 0;
    } else if (take_str(sc, "\xe5\xb9\xb4")) {  /* 年 */
        if (!take_digits(sc, 1, 2, &f[1]) || !take_str(sc, "\xe6\x9c\x88") ||  /* 月 */
            !take_digits(sc, 1, 2, &f[2]))
            return 0;
        take_str(sc, "\xe6\x97\xa5");  /* 日 */
    } else if (take_digits(sc, 2, 2, &f[1]) && take_digits(sc, 2, 2, &f[2])) {
        compact = 1;  /* 20210809T041012Z */
    } else {
        return 0;
    }
    if (at_end(sc))
        return 2;
    if (!take_char(sc, 'T') && !take_char(sc, 't')) {
        if (compact)
            return 0;
        skip_spaces(sc);
        if (at_end(sc))
            return 2;
    }
    if (compact) {
        if (!take_digits(sc, 2, 2, &f[3]) || !take_digits(sc, 2, 2, &f[4]))
            return 0;
        f[5] = 0;
        if (!at_end(sc) && isdigit((unsigned char)*sc->p) && !take_digits(sc, 2, 2, &f[5]))
            return 0;
    } else if (!take_time(sc, &f[3], &f[4], &f[5])) {
        return 0;
    }
    skip_spaces(sc);
    *has_zone = take_zone(sc, offset);
    return 1;
}

int dt_parse(const char *s, size_t len, const char *tz, struct dt_value *out)
{
    struct scan sc = {s, s + len};
    while (!at_end(&sc) && isspace((unsigned char)*sc.p))
        sc.p++;
    while (sc.end > sc.p && isspace((unsigned char)sc.end[-1]))
        sc.end--;
    if (at_end(&sc))
        return -1;

    int f[6] = {0, 0, 0, 0, 0, 0};  /* year month day hour minute second */
    int offset = 0, has_zone = 0;
    const char *start = sc.p;
    int kind = parse_numeric(&sc, f, &offset, &has_zone);
    if (kind == 0) {
        sc.p = start;
        memset(f, 0, sizeof f);
        has_zone = 0;
        kind = parse_rfc2822(&sc, f, &offset, &has_zone);
    }
    if (kind == 0 || !at_end(&sc) || !valid_fields(f[0], f[1], f[2], f[3], f[4], f[5]))
        return -1;

    out->has_zone = has_zone;
    out->date_only = kind == 2;
    if (has_zone) {
        out->offset = offset;
        out->epoch = days_from_civil(f[0], f[1], f[2]) * 86400 + f[3] * 3600 + f[4] * 60 + f[5] - offset;
    } else {
        out->epoch = local_to_epoch(tz ? tz : DT_DEFAULT_TZ, f[0], f[1], f[2], f[3], f[4], f[5],
                                    &out->offset);
    }
    return 0;
}
