-- Benchmarks quire.ustr over the body text of an archive, beside Lua's own
-- utf8.len on the same text, and prints a Markdown section.
-- usage: quire -E run tests/bench/ustr_bench.lua ARCHIVE_DIR
-- Body text is rec.body with tags stripped crudely (no DOM needed). Text
-- is taken in batches of about 8 MB, so memory stays flat however big the
-- archive is; each operation runs over a whole batch under one clock.
-- A small archive (one batch) is run again until the baseline has taken a
-- second, so the figures are not clock noise.
local quire = require "quire"
local ustr = require "quire.ustr"
local now = require("quire.c.sys").now

local dir = assert(arg[1], "usage: ustr_bench.lua ARCHIVE_DIR")

local ops = {
  {"`utf8.len` (Lua's own, baseline)", function(s) return utf8.len(s) end},
  {"`ustr.len`", ustr.len},
  {"`ustr.width`", ustr.width},
  {"`ustr.normalize(s, \"NFC\")`", function(s) return ustr.normalize(s, "NFC") end},
  {"`ustr.sentences`", ustr.sentences},
  {"`ustr.ngraphemes`", ustr.ngraphemes},
  {"`ustr.normalize(s, \"NFKC\")`", function(s) return ustr.normalize(s, "NFKC") end},
  {"`ustr.halfwidth`", ustr.halfwidth},
  {"`ustr.bigrams`", ustr.bigrams},
}
local seconds = {}
for i = 1, #ops do seconds[i] = 0 end
local total_bytes, posts, passes = 0, 0, 0

local function run_batch(batch)
  for i, op in ipairs(ops) do
    local fn = op[2]
    local t0 = now()
    for j = 1, #batch do fn(batch[j]) end
    seconds[i] = seconds[i] + (now() - t0)
  end
end

local BATCH = 8 * 1000 * 1000
local batch, size, flushed = {}, 0, false
for rec in quire.open(dir) do
  local body = rec.body
  if body then
    local text = body:gsub("<[^>]*>", " ")
    batch[#batch + 1] = text
    size = size + #text
    posts = posts + 1
    if size >= BATCH then
      run_batch(batch)
      total_bytes = total_bytes + size
      batch, size, flushed = {}, 0, true
    end
  end
end
run_batch(batch)
total_bytes = total_bytes + size
passes = 1
-- a small archive fits in one batch: run it again until the clock can tell
while not flushed and size > 0 and seconds[1] < 1.0 do
  run_batch(batch)
  total_bytes = total_bytes + size
  passes = passes + 1
end

local mb = total_bytes / 1e6
print("### Unicode helpers (`quire.ustr`, tests/bench/ustr_bench.lua)")
print()
print(string.format("Body text of %d posts (tags stripped), %.1f MB%s; one core. " ..
  "Lua's utf8.len only counts; every ustr column does Unicode work on the same text.",
  posts, mb / passes, passes == 1 and "" or string.format(", run %d times", passes)))
print()
print("| operation | MB | seconds | MB/s | × utf8.len time |")
print("|---|---:|---:|---:|---:|")
for i, op in ipairs(ops) do
  local s = seconds[i]
  print(string.format("| %s | %.1f | %.3f | %.0f | %.2f |", op[1], mb, s, s > 0 and mb / s or 0,
    seconds[1] > 0 and s / seconds[1] or 0))
end
