/* libFuzzer target: quire.dom.parse on any bytes, then select with a few
 * selectors, text() of the document and of each match, and markdown().
 * Any Lua error is a bug: every HTML must give a document. */
#include "lua_target.h"

static const char setup[] =
    "local dom = require 'quire.dom'\n"
    "local selectors = {'p', 'div > a[href]', 'li:nth-child(2n+1)', '*:not(script)', 'h1, h2, table td'}\n"
    "return function(bytes)\n"
    "  local doc = dom.parse(bytes)\n"
    "  for _, sel in ipairs(selectors) do\n"
    "    for i, node in ipairs(doc:select(sel)) do\n"
    "      if i > 50 then break end\n"
    "      assert(type(node:text()) == 'string')\n"
    "      assert(node.tag == nil or type(node.tag) == 'string')\n"
    "    end\n"
    "  end\n"
    "  assert(type(doc:text()) == 'string')\n"
    "  assert(type(doc:markdown()) == 'string')\n"
    "  doc:close()\n"
    "end\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return lua_target_run(setup, data, size);
}
