/* libFuzzer target: the front matter splitter and the text check keep
 * their offsets inside the buffer and in order. */
#include <stdint.h>
#include <stdlib.h>

#include "record.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fm_parts p;
    fm_split((const char *)data, size, &p);
    if (p.yaml_start > p.yaml_end || p.yaml_end > p.body_start || p.body_start > size)
        abort();
    size_t offset;
    enum text_problem problem = text_check((const char *)data, size, &offset);
    if (offset > size || (problem == TEXT_OK && offset != size))
        abort();
    return 0;
}
