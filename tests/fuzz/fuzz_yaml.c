/* libFuzzer target: quire.yaml.load on any bytes, with the alias bound.
 * It returns nil, message, line for what libyaml rejects; any raised Lua
 * error is a bug. An accepted value must be a plain Lua value (strings,
 * numbers, booleans, tables, yaml.null; nil for an empty document), and a duplicate-key list a list. */
#include "lua_target.h"

static const char setup[] =
    "local yaml = require 'quire.yaml'\n"
    "local function plain(v, depth)\n"
    "  assert(depth < 600, 'nesting past the bound')\n"
    "  local t = type(v)\n"
    "  if t == 'table' then\n"
    "    for k, x in pairs(v) do plain(k, depth + 1); plain(x, depth + 1) end\n"
    "  else\n"
    "    assert(t == 'nil' or t == 'string' or t == 'number' or t == 'boolean' or v == yaml.null, 'odd value: ' .. t)\n"
    "  end\n"
    "end\n"
    "return function(bytes)\n"
    "  local value, extra, line = yaml.load(bytes, 100000)\n"
    "  if value == nil and type(extra) == 'string' then\n"
    "    assert(line == nil or math.type(line) == 'integer', 'line is not an integer')\n"
    "    return\n"
    "  end\n"
    "  plain(value, 0)\n"
    "  assert(extra == nil or type(extra) == 'table', 'duplicate keys not a list')\n"
    "end\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return lua_target_run(setup, data, size);
}
