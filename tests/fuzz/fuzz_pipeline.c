/* libFuzzer target: the whole record pipeline an export runs —
 * quire.record.parse, rec:text() (the cleaner), export.row and
 * export.json — then the JSON read back. Any Lua error is a bug: bad
 * input must become rec.error, and every row must be valid JSON. Also
 * the JSON line quire clean writes in C (dom.art_jsonl), read back and
 * compared with the blocks the Lua cleaner finishes. */
#include "lua_target.h"

static const char setup[] =
    "require 'quire'  -- the cleaner adds rec:text() and rec:clean()\n"
    "local record = require 'quire.record'\n"
    "local export = require 'quire.export'\n"
    "local cjson = require 'cjson'\n"
    "local clean = require 'quire.clean'\n"
    "local art_jsonl = require('quire.c.dom').art_jsonl\n"
    "return function(bytes)\n"
    "  local rec = record.parse(bytes, 'fuzz.md')\n"
    "  if rec.body then assert(type(rec:text()) == 'string') end\n"
    "  if rec.body then\n"
    "    local got = rec:clean_with({}, function(raw, _, doc)\n"
    "      return {line = art_jsonl(doc, '{\"text\":'), blocks = clean.finish(raw, {})}\n"
    "    end)\n"
    "    local obj = cjson.decode(got.line)\n"
    "    assert(obj.text == clean.text(got.blocks), 'jsonl text differs')\n"
    "    assert(#obj.blocks == #got.blocks, 'jsonl block count differs')\n"
    "    for i, b in ipairs(got.blocks) do\n"
    "      for k, v in pairs(b) do\n"
    "        if type(v) ~= 'table' then assert(obj.blocks[i][k] == v, 'jsonl block field ' .. k) end\n"
    "      end\n"
    "    end\n"
    "  end\n"
    "  local row = export.row(rec)\n"
    "  local json = export.json(row)\n"
    "  local back = cjson.decode(json)\n"
    "  assert(back.path == 'fuzz.md', 'path lost')\n"
    "end\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return lua_target_run(setup, data, size);
}
