/* libFuzzer target: the CSS selector compiler, require("quire.css").select
 * on a fuzzed selector (the first line of the input, at most 512 bytes).
 * A Lua error from the compiler is a clean rejection; an XPath it returns
 * must then run through libxml2 on a small document without an error. */
#include "lua_target.h"

static const char setup[] =
    "local css = require 'quire.css'\n"
    "local dom = require 'quire.dom'\n"
    "local doc = dom.parse('<div id=a class=\"x y\"><p lang=zh>一<a href=u>b</a></p><ul><li>1<li>2</ul></div>')\n"
    "return function(bytes)\n"
    "  local sel = bytes:match('^[^\\n]*'):sub(1, 512)\n"
    "  local ok, xpath = pcall(css.select, sel)\n"
    "  if not ok then\n"
    "    assert(type(xpath) == 'string', 'rejection without a message')\n"
    "    return\n"
    "  end\n"
    "  assert(type(xpath) == 'string')\n"
    "  local nodes = doc:select(sel)\n"
    "  assert(type(nodes) == 'table')\n"
    "  assert(pcall(css.first, sel) and pcall(css.matches, sel), 'select accepted what first/matches reject')\n"
    "end\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return lua_target_run(setup, data, size);
}
