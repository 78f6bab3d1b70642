-- Benchmarks a user report script's form, quire.map with a reduce, over an
-- archive with jobs = 1 and jobs = 2: the per-record work is the cleaned
-- article's length and its most common CJK character pair, as a report
-- script might compute. Prints a Markdown section with the speed-up.
-- usage: quire -E run tests/bench/map_bench.lua ARCHIVE_DIR [ROUNDS]
local quire = require "quire"
local archive = require "quire.archive"
local ustr = require "quire.ustr"
local sys = require "quire.c.sys"

local dir = assert(arg[1], "usage: map_bench.lua ARCHIVE_DIR")
archive.on_error = nil

local function per_record(rec)
  if not rec.body then return nil end
  local counts, best, top = {}, nil, 0
  for _, pair in ipairs(ustr.bigrams(rec:text())) do
    local c = (counts[pair] or 0) + 1
    counts[pair] = c
    if c > top then best, top = pair, c end
  end
  return {source = rec.source or "?", chars = ustr.len(rec:text()), pair = best}
end

local function reduce(acc, v)
  acc.posts = acc.posts + 1
  acc.chars = acc.chars + v.chars
  return acc
end

-- The machines are shared: runs alternate jobs = 1 and 2 for ROUNDS rounds
-- and each keeps its fastest, so a burst of outside load hits both alike.
local rounds = tonumber(arg[2]) or 3
local results = {}
for _ = 1, rounds do
  for _, jobs in ipairs {1, 2} do
    local t0 = sys.now()
    local acc = quire.map(dir, per_record, {jobs = jobs, reduce = reduce, init = {posts = 0, chars = 0}})
    local s = sys.now() - t0
    if not results[jobs] or s < results[jobs][1] then results[jobs] = {s, acc} end
  end
end
assert(results[1][2].chars == results[2][2].chars, "jobs = 2 must give the same result")
print(string.format("### A report script with `quire.map` (%d posts, fastest of %d alternating rounds)\n",
  results[1][2].posts, rounds))
print("| jobs | seconds | records/s | speed-up |")
print("|---:|---:|---:|---:|")
for _, jobs in ipairs {1, 2} do
  local s = results[jobs][1]
  print(string.format("| %d | %.2f | %.0f | %.2f× |", jobs, s, results[1][2].posts / s, results[1][1] / s))
end
