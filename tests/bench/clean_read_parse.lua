-- The part of `quire clean` before any cleaning, for clean_bench.lua: each
-- record read (front matter through libyaml into a Lua table) and its body
-- parsed into a DOM, then closed; no cleaning, no output. Against the C
-- floor it shows what quire's reading costs, and against `quire clean`
-- what the cleaning itself costs.
-- usage: quire -E run tests/bench/clean_read_parse.lua ARCHIVE
local quire = require "quire"
local dom = require "quire.dom"
quire.map(nil, function(rec)
  if rec.body then dom.parse(rec.body):close() end
  return nil
end, {})
