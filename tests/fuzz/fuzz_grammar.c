/* libFuzzer target: require("quire.grammar").extract on any text, and
 * find_all with each grammar. Any Lua error is a bug; every match must lie
 * inside the text, in order. */
#include "lua_target.h"

static const char setup[] =
    "local g = require 'quire.grammar'\n"
    "return function(bytes)\n"
    "  local matches = g.extract(bytes)\n"
    "  assert(type(matches) == 'table')\n"
    "  for _, m in ipairs(matches) do\n"
    "    assert(type(m.kind) == 'string', 'match without kind')\n"
    "    if m.start then\n"
    "      assert(m.start >= 1 and m.stop <= #bytes and m.start <= m.stop + 1, 'match outside the text')\n"
    "    end\n"
    "  end\n"
    "  for _, name in ipairs {'number', 'date', 'money', 'percent', 'count'} do\n"
    "    assert(type(g.find_all(bytes, g[name])) == 'table')\n"
    "  end\n"
    "end\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return lua_target_run(setup, data, size);
}
