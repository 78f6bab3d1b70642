/* libFuzzer target: the date parser never crashes, and what it accepts
 * formats to an ISO string that reads back as the same instant. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "datetime.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const zones[] = {"UTC", "+05:30", "Asia/Shanghai"};
    struct dt_value v;
    const char *tz = zones[size % 3];
    /* the round trip holds inside years 1..9999, the range ISO text covers;
     * 0001-01-01 00:00 at +05:30 is an instant in year 0 */
    if (dt_parse((const char *)data, size, tz, &v) == 0 && v.epoch >= -62135596800LL &&
        v.epoch <= 253402300799LL) {
        char iso[32];
        dt_format_iso(v.epoch, iso, sizeof iso);
        struct dt_value back;
        if (dt_parse(iso, strlen(iso), "UTC", &back) != 0 || back.epoch != v.epoch)
            abort();
    }
    return 0;
}
