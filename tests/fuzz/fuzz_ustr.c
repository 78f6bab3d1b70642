/* libFuzzer target: every quire.ustr function on the input as text (any
 * bytes: invalid UTF-8 is replaced, never an error), with numeric
 * arguments taken from the first bytes. With arguments of the right types
 * no function may raise; results are checked for their types and a few
 * invariants (len counts chars(), sub and truncate stay within the text's
 * width, valid text survives normalize as valid text). */
#include "lua_target.h"

static const char setup[] =
    "local u = require 'quire.ustr'\n"
    "local encodings = {'GB18030', 'GBK', 'BIG5', 'UTF-16LE', 'SHIFT_JIS'}\n"
    "return function(bytes)\n"
    "  local a, b, c = bytes:byte(1, 3)\n"
    "  a, b, c = (a or 0) - 64, (b or 0) - 64, c or 0\n"
    "  local s = bytes:sub(4)\n"
    "  local n = u.len(s)\n"
    "  assert(math.type(n) == 'integer' and n >= 0)\n"
    "  local count = 0\n"
    "  for ch in u.chars(s) do count = count + 1; assert(type(ch) == 'string') end\n"
    "  assert(count == n, 'len ' .. n .. ' but chars gives ' .. count)\n"
    "  local g = 0\n"
    "  for cl in u.graphemes(s) do g = g + 1; assert(#cl > 0) end\n"
    "  assert(g == u.ngraphemes(s), 'graphemes and ngraphemes differ')\n"
    "  assert(type(u.sub(s, a, b)) == 'string')\n"
    "  assert(type(u.sub(s, a)) == 'string')\n"
    "  local w = u.width(s)\n"
    "  assert(math.type(w) == 'integer' and w >= 0)\n"
    "  assert(u.width(u.truncate(s, c)) <= math.max(c, 1), 'truncate wider than asked')\n"
    "  assert(type(u.pad(s, c, ({'left', 'right', 'center'})[c % 3 + 1])) == 'string')\n"
    "  for _, form in ipairs {'NFC', 'NFD', 'NFKC', 'NFKD'} do\n"
    "    local ok, r = pcall(u.normalize, s, form)\n"
    "    assert(ok, r)\n"
    "    if u.valid(s) then assert(u.valid(r), form .. ' of valid text is invalid') end\n"
    "  end\n"
    "  for _, f in ipairs {'fold', 'lower', 'upper', 'trim', 'squeeze', 'halfwidth', 'fullwidth', 'repair'} do\n"
    "    assert(type(u[f](s)) == 'string', f)\n"
    "  end\n"
    "  assert(u.valid(u.repair(s)), 'repair left invalid UTF-8')\n"
    "  assert(tostring(u.wrap(s)) == s, 'wrap does not give the string back')\n"
    "  assert(type(u.sentences(s)) == 'table' and type(u.bigrams(s)) == 'table')\n"
    "  local r = u.cjk_ratio(s)\n"
    "  assert(r >= 0 and r <= 1, 'cjk_ratio out of range')\n"
    "  local first = u.sub(s, 1, 1)\n"
    "  if first ~= '' then\n"
    "    assert(type(u.category(first)) == 'string' and type(u.script(first)) == 'string')\n"
    "    assert(type(u.is_cjk(first)) == 'boolean')\n"
    "  end\n"
    "  u.guess(s)\n"
    "  local enc = encodings[c % #encodings + 1]\n"
    "  local ok, d = pcall(u.decode, s, enc)\n"
    "  assert(ok, d)\n"
    "  if d then assert(u.valid(d), 'decode gave invalid UTF-8') end\n"
    "  ok = pcall(u.encode, u.repair(s), enc)\n"
    "  assert(ok, 'encode raised')\n"
    "end\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return lua_target_run(setup, data, size);
}
