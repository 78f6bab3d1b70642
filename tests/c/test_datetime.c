/* dt_parse, dt_format_iso, dt_tz_known, dt_civil, dt_offset_at: every
 * accepted date form, the zones a local time is read in, and text that
 * must be rejected. */
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "datetime.h"

/* Parses S in zone TZ and returns its ISO form, or "REJECT". Fills *V. */
static const char *iso_of(const char *s, const char *tz, struct dt_value *v)
{
    static char buf[64];
    if (dt_parse(s, strlen(s), tz, v) != 0)
        return "REJECT";
    dt_format_iso(v->epoch, buf, sizeof buf);
    return buf;
}

/* S in TZ must give ISO, with the offset, has_zone and date_only flags. */
#define accepts(s, tz, iso, off, zone, donly) do {                       \
        struct dt_value v_ = {0, -1, -1, -1};                           \
        check_str(iso_of((s), (tz), &v_), (iso));                       \
        check_int(v_.offset, (off));                                    \
        check_int(v_.has_zone, (zone));                                 \
        check_int(v_.date_only, (donly));                               \
    } while (0)

#define rejects(s) do {                                                 \
        struct dt_value v_;                                             \
        check_str(iso_of((s), NULL, &v_), "REJECT");                    \
    } while (0)

#define H (3600)

static void test_rfc2822(void)
{
    accepts("Mon, 09 Aug 2021 04:10:12 GMT", NULL, "2021-08-09T04:10:12Z", 0, 1, 0);
    accepts("Mon, 09 Aug 2021 12:10:12 +0800", NULL, "2021-08-09T04:10:12Z", 8 * H, 1, 0);
    accepts("Mon, 09 Aug 2021 04:10:12 UT", NULL, "2021-08-09T04:10:12Z", 0, 1, 0);
    accepts("Mon, 09 Aug 2021 04:10:12 UTC", NULL, "2021-08-09T04:10:12Z", 0, 1, 0);
    accepts("Mon, 09 Aug 2021 00:10:12 EST", NULL, "2021-08-09T05:10:12Z", -5 * H, 1, 0);
    accepts("Mon, 09 Aug 2021 00:10:12 EDT", NULL, "2021-08-09T04:10:12Z", -4 * H, 1, 0);
    accepts("Mon, 09 Aug 2021 00:10:12 -0400", NULL, "2021-08-09T04:10:12Z", -4 * H, 1, 0);
    accepts("Mon, 09 Aug 2021 12:10:12 GMT+0800", NULL, "2021-08-09T04:10:12Z", 8 * H, 1, 0);
    accepts("Mon, 09 Aug 2021 04:10:12 gmt", NULL, "2021-08-09T04:10:12Z", 0, 1, 0);
    /* without weekday, without seconds, one-digit day, full month name */
    accepts("09 Aug 2021 04:10:12 GMT", NULL, "2021-08-09T04:10:12Z", 0, 1, 0);
    accepts("Mon, 09 Aug 2021 04:10 GMT", NULL, "2021-08-09T04:10:00Z", 0, 1, 0);
    accepts("9 August 2021 04:10:12 +0000", NULL, "2021-08-09T04:10:12Z", 0, 1, 0);
    accepts("09-Aug-2021 04:10:12 GMT", NULL, "2021-08-09T04:10:12Z", 0, 1, 0);
    accepts("Mon, 09 Aug 2021 12:10:12 +0800 (CST)", NULL, "2021-08-09T04:10:12Z", 8 * H, 1, 0);  /* RFC 2822 comment */
    /* no zone: the archive's zone; no time: midnight there */
    accepts("Mon, 09 Aug 2021 12:10:12", NULL, "2021-08-09T04:10:12Z", 8 * H, 0, 0);
    accepts("Mon, 09 Aug 2021", NULL, "2021-08-08T16:00:00Z", 8 * H, 0, 1);
    /* the corpus's form, and a leap day */
    accepts("Fri, 26 Mar 2021 09:42:33 GMT", NULL, "2021-03-26T09:42:33Z", 0, 1, 0);
    accepts("Thu, 29 Feb 2024 23:59:59 GMT", NULL, "2024-02-29T23:59:59Z", 0, 1, 0);
}

static void test_local(void)
{
    /* YYYY-MM-DD HH:MM:SS is read in the archive zone, Asia/Shanghai by default */
    accepts("2021-04-11 00:30:33", NULL, "2021-04-10T16:30:33Z", 8 * H, 0, 0);
    accepts("2021-04-11 00:30:33", "Asia/Shanghai", "2021-04-10T16:30:33Z", 8 * H, 0, 0);
    accepts("2021-04-11 00:30:33", "UTC", "2021-04-11T00:30:33Z", 0, 0, 0);
    accepts("2021-04-11 00:30:33", "+05:30", "2021-04-10T19:00:33Z", 5 * H + 1800, 0, 0);
    accepts("2021-04-11 00:30:33", "-0330", "2021-04-11T04:00:33Z", -(3 * H + 1800), 0, 0);
    accepts("2021-04-11 0:30", NULL, "2021-04-10T16:30:00Z", 8 * H, 0, 0);
    accepts("  2021-04-11 00:30:33\n", NULL, "2021-04-10T16:30:33Z", 8 * H, 0, 0);
    /* America/New_York around its changes in 2021 (Mar 14, Nov 7) */
    const char *ny = "America/New_York";
    accepts("2021-03-14 01:59:59", ny, "2021-03-14T06:59:59Z", -5 * H, 0, 0);
    accepts("2021-03-14 03:00:00", ny, "2021-03-14T07:00:00Z", -4 * H, 0, 0);
    /* 02:30 never happened; it is read with the offset before the change */
    accepts("2021-03-14 02:30:00", ny, "2021-03-14T07:30:00Z", -5 * H, 0, 0);
    accepts("2021-07-01 12:00:00", ny, "2021-07-01T16:00:00Z", -4 * H, 0, 0);
    /* 01:30 on Nov 7 happened twice: the first (summer time) is taken */
    accepts("2021-11-07 01:30:00", ny, "2021-11-07T05:30:00Z", -4 * H, 0, 0);
    accepts("2021-11-07 02:00:00", ny, "2021-11-07T07:00:00Z", -5 * H, 0, 0);
    accepts("2021-12-25", ny, "2021-12-25T05:00:00Z", -5 * H, 0, 1);
}

static void test_iso(void)
{
    accepts("2021-08-09T04:10:12Z", NULL, "2021-08-09T04:10:12Z", 0, 1, 0);
    accepts("2021-08-09t04:10:12z", NULL, "2021-08-09T04:10:12Z", 0, 1, 0);
    accepts("2021-08-09T12:10:12+08:00", NULL, "2021-08-09T04:10:12Z", 8 * H, 1, 0);
    accepts("2021-08-09T12:10:12+0800", NULL, "2021-08-09T04:10:12Z", 8 * H, 1, 0);
    accepts("2021-08-09T12:10:12+08", NULL, "2021-08-09T04:10:12Z", 8 * H, 1, 0);
    accepts("2021-08-09T12:10:12.5+08:00", NULL, "2021-08-09T04:10:12Z", 8 * H, 1, 0);
    accepts("2021-08-09T04:10:12.123456789Z", NULL, "2021-08-09T04:10:12Z", 0, 1, 0);
    /* more fraction digits than a nanosecond: still ISO 8601 */
    accepts("2021-08-09T04:10:12.1234567890123Z", NULL, "2021-08-09T04:10:12Z", 0, 1, 0);
    accepts("2021-08-09T04:10:12,5Z", NULL, "2021-08-09T04:10:12Z", 0, 1, 0);
    accepts("2021-08-09T12:10:12", NULL, "2021-08-09T04:10:12Z", 8 * H, 0, 0);
    accepts("2021-08-09T04:10Z", NULL, "2021-08-09T04:10:00Z", 0, 1, 0);
    accepts("20210809T041012Z", NULL, "2021-08-09T04:10:12Z", 0, 1, 0);
    accepts("20210809T1210+0800", NULL, "2021-08-09T04:10:00Z", 8 * H, 1, 0);
    accepts("20210809", NULL, "2021-08-08T16:00:00Z", 8 * H, 0, 1);
    accepts("2021-08-09T24:00:00Z", NULL, "2021-08-10T00:00:00Z", 0, 1, 0);
    /* YAML timestamps (yaml.org/type/timestamp) */
    accepts("2001-12-14t21:59:43.10-05:00", NULL, "2001-12-15T02:59:43Z", -5 * H, 1, 0);
    accepts("2001-12-14 21:59:43.10 -5", NULL, "2001-12-15T02:59:43Z", -5 * H, 1, 0);
    accepts("2001-12-15 2:59:43.10", "UTC", "2001-12-15T02:59:43Z", 0, 0, 0);
    accepts("2002-12-14", "UTC", "2002-12-14T00:00:00Z", 0, 0, 1);
    /* date only, slashes, Chinese */
    accepts("2021-08-09", NULL, "2021-08-08T16:00:00Z", 8 * H, 0, 1);
    accepts("2021/8/9", NULL, "2021-08-08T16:00:00Z", 8 * H, 0, 1);
    accepts("2021/08/09 12:10:12", NULL, "2021-08-09T04:10:12Z", 8 * H, 0, 0);
    accepts("2021年8月9日", NULL, "2021-08-08T16:00:00Z", 8 * H, 0, 1);
    accepts("2021年08月09日 12:10", NULL, "2021-08-09T04:10:00Z", 8 * H, 0, 0);
    accepts("2021年8月9", NULL, "2021-08-08T16:00:00Z", 8 * H, 0, 1);
    /* far ends of the range */
    accepts("1970-01-01T00:00:00Z", NULL, "1970-01-01T00:00:00Z", 0, 1, 0);
    accepts("1969-12-31T23:59:59Z", NULL, "1969-12-31T23:59:59Z", 0, 1, 0);
    accepts("0001-01-01T00:00:00Z", NULL, "0001-01-01T00:00:00Z", 0, 1, 0);
    accepts("9999-12-31T23:59:59Z", NULL, "9999-12-31T23:59:59Z", 0, 1, 0);
}

static void test_garbage(void)
{
    rejects("");
    rejects("   ");
    rejects("2021-13-01");
    rejects("2021-00-10");
    rejects("2021-02-29");
    rejects("2021-04-31");
    rejects("2021-02-29 00:00:00");
    rejects("1900-02-29");
    rejects("Feb 30");
    rejects("30 Feb 2024");
    rejects("Mon, 32 Aug 2021 04:10:12 GMT");
    rejects("Mon, 09 Foo 2021 04:10:12 GMT");
    rejects("99:99");
    rejects("2021-08-09 99:99");
    rejects("2021-08-09 24:30:00");
    rejects("2021-08-09 12:60:00");
    rejects("2021-08-09 12:00:61");
    rejects("2021-08-09 12:00:00 junk");
    rejects("2021-08-09junk");
    rejects("2021-08-09T");
    rejects("2021-08-09 12:");
    rejects("2021-08-09 12:00:00.");
    rejects("Mon, 09 Aug 2021 04:10:12 XYZ");
    accepts("Mon, 09 Aug 2021 04:10:12 GMT (UTC)", NULL, "2021-08-09T04:10:12Z", 0, 1, 0);
    rejects("Mon, 09 Aug 2021 04:10:12 GMT (CST");  /* unclosed comment */
    /* half an offset must not be dropped and the time read as local */
    rejects("2021-08-09 04:10:12 +");
    rejects("2021-08-09 04:10:12 +08:");
    rejects("2021-08-09 04:10:12 +99");
    rejects("2021-08-09 04:10:12 +08:60");
    rejects("2021-08-09 04:10:12 GMT+99");
    rejects("0000-01-01");
    rejects("99999999999999999999-01-01");
    rejects("2021-99999999999999999999-01");
    rejects("2021-08-09 4294967296:00:00");
    rejects("20210809T0410120000Z");
    rejects("1628482212");
    rejects("today");
    rejects("2021");
    rejects("2021-08");
    /* an embedded NUL ends nothing: the rest is junk */
    struct dt_value v;
    check_int(dt_parse("2021-08-09\0x", 12, NULL, &v), -1);
    check_int(dt_parse("2021-08-09\0x", 10, NULL, &v), 0);
}

static void test_format_and_civil(void)
{
    char buf[32];
    dt_format_iso(0, buf, sizeof buf);
    check_str(buf, "1970-01-01T00:00:00Z");
    dt_format_iso(1628482212, buf, sizeof buf);
    check_str(buf, "2021-08-09T04:10:12Z");
    dt_format_iso(-1, buf, sizeof buf);
    check_str(buf, "1969-12-31T23:59:59Z");
    dt_format_iso(951782400, buf, sizeof buf);  /* 2000 is a leap year */
    check_str(buf, "2000-02-29T00:00:00Z");

    int y, mo, d, h, mi, s, wd;
    dt_civil(1628482212, 0, &y, &mo, &d, &h, &mi, &s, &wd);
    check_int(y, 2021); check_int(mo, 8); check_int(d, 9);
    check_int(h, 4); check_int(mi, 10); check_int(s, 12);
    check_int(wd, 1);  /* a Monday */
    /* the same instant in Shanghai is noon */
    dt_civil(1628482212, 8 * H, &y, &mo, &d, &h, &mi, &s, &wd);
    check_int(h, 12); check_int(wd, 1);
    /* late on Sunday in New York is Monday in UTC */
    dt_civil(1628482212, -5 * H, &y, &mo, &d, &h, &mi, &s, &wd);
    check_int(d, 8); check_int(h, 23); check_int(wd, 0);
    dt_civil(0, 0, &y, &mo, &d, &h, &mi, &s, &wd);
    check_int(wd, 4);  /* 1970-01-01 was a Thursday */
    dt_civil(-1, 0, &y, &mo, &d, &h, &mi, &s, &wd);
    check_int(y, 1969); check_int(mo, 12); check_int(d, 31);
    check_int(h, 23); check_int(mi, 59); check_int(s, 59); check_int(wd, 3);

    check_int(dt_offset_at("Asia/Shanghai", 1628482212), 8 * H);
    check_int(dt_offset_at("America/New_York", 1625140800), -4 * H);  /* July */
    check_int(dt_offset_at("America/New_York", 1640433600), -5 * H);  /* December */
    check_int(dt_offset_at("+05:30", 0), 5 * H + 1800);
    check_int(dt_offset_at("UTC", 0), 0);
    check_int(dt_offset_at("Nowhere/Else", 0), 0);
}

static void test_tz_known(void)
{
    check(dt_tz_known("UTC"));
    check(dt_tz_known("GMT"));
    check(dt_tz_known("Z"));
    check(dt_tz_known("+08:00"));
    check(dt_tz_known("+0800"));
    check(dt_tz_known("-5"));
    check(dt_tz_known("Asia/Shanghai"));
    check(dt_tz_known("America/New_York"));
    check(!dt_tz_known(""));
    check(!dt_tz_known("Mars/Olympus_Mons"));
    check(!dt_tz_known("+25:00"));
    check(!dt_tz_known("+08:00junk"));
    check(!dt_tz_known("/etc/passwd"));
    check(!dt_tz_known("../../etc/passwd"));
    /* a folder of zones is not a zone (libc would silently use UTC) */
    check(!dt_tz_known("America"));
    check(!dt_tz_known("Asia/"));
}

int main(void)
{
    test_rfc2822();
    test_local();
    test_iso();
    test_garbage();
    test_format_and_civil();
    test_tz_known();
    return check_report();
}
