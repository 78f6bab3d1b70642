/* libFuzzer target: the whole record pipeline an export runs —
 * quire.record.parse, rec:text() (the cleaner), export.row and
 * export.json — then the JSON read back. Any Lua error is a bug: bad
 * input must become rec.error, and every row must be valid JSON. */
#include "lua_target.h"

static const char setup[] =
    "require 'quire'  -- the cleaner adds rec:text() and rec:clean()\n"
    "local record = require 'quire.record'\n"
    "local export = require 'quire.export'\n"
    "local cjson = require 'cjson'\n"
    "return function(bytes)\n"
    "  local rec = record.parse(bytes, 'fuzz.md')\n"
    "  if rec.body then assert(type(rec:text()) == 'string') end\n"
    "  local row = export.row(rec)\n"
    "  local json = export.json(row)\n"
    "  local back = cjson.decode(json)\n"
    "  assert(back.path == 'fuzz.md', 'path lost')\n"
    "end\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return lua_target_run(setup, data, size);
}
