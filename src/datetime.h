/* Dates as crawled archives write them, read into epoch seconds (UTC). */
#ifndef QUIRE_DATETIME_H
#define QUIRE_DATETIME_H

#include <stddef.h>
#include <stdint.h>

struct dt_value {
    int64_t epoch;    /* seconds since 1970-01-01T00:00:00Z */
    int has_zone;     /* the text named its own offset or zone */
    int offset;       /* seconds east of UTC the local time was read in */
    int date_only;    /* the text had no time of day */
};

/*
 * Parses S (LEN bytes) as one of:
 *   RFC 2822       Mon, 09 Aug 2021 04:10:12 GMT   (also +0800, UT, EST, ...)
 *   ISO 8601       2021-08-09T04:10:12Z, 2021-08-09T12:10:12.5+08:00, 20210809T041012Z
 *   YAML/SQL form  2021-04-11 00:30:33, 2001-12-14 21:59:43.10 -5
 *   date only      2021-08-09, 2021/8/9, 2021年8月9日 (with an optional time after)
 * A time without a zone is local time in TZ: "UTC", a fixed offset such as
 * "+08:00", or an IANA name such as "Asia/Shanghai" (default when NULL).
 * Returns 0 and fills OUT, or -1 if S is not such a date.
 */
int dt_parse(const char *s, size_t len, const char *tz, struct dt_value *out);

/* Writes EPOCH as "YYYY-MM-DDTHH:MM:SSZ" into BUF (at least 32 bytes). */
void dt_format_iso(int64_t epoch, char *buf, size_t size);

/* Whether TZ names a zone dt_parse can use (fixed offset, UTC, or a zone
 * file in $TZDIR or /usr/share/zoneinfo). */
int dt_tz_known(const char *tz);

/* Broken-down civil time of EPOCH shifted by OFFSET seconds.
 * WDAY is 0 for Sunday. */
void dt_civil(int64_t epoch, int offset, int *year, int *month, int *day,
              int *hour, int *minute, int *second, int *wday);

/* Seconds east of UTC in zone TZ at instant EPOCH, or 0 for an unknown zone. */
int dt_offset_at(const char *tz, int64_t epoch);

#define DT_DEFAULT_TZ "Asia/Shanghai"

#endif
