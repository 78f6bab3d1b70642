-- Benchmarks what `quire stats` does (quire.map with stats.summarize and the
-- reduce into groups) over an archive with one and two workers, beside a
-- baseline measured in the same run: quire.map reading every record and
-- returning its title's length (the floor any command over records pays).
-- Prints a Markdown section.
-- usage: quire -E run tests/bench/stats_bench.lua ARCHIVE_DIR
local quire = require "quire"
local stats = require "quire.stats"
local archive = require "quire.archive"
local sys = require "quire.c.sys"

local dir = assert(arg[1], "usage: stats_bench.lua ARCHIVE_DIR")
archive.on_error = nil  -- error records are counted, not printed

local function timed(fn)
  local t0 = sys.now()
  local result = fn()
  return sys.now() - t0, result
end

local function stats_run(jobs, opts)
  return function()
    local acc = quire.map(dir, function(rec)
      local s = stats.summarize(rec, opts)
      s.path, s.time, s.source = nil, nil, nil
      return s
    end, {jobs = jobs, reduce = stats.add, init = stats.new {by = opts.by}})
    return acc.total.posts
  end
end

local function read_run(jobs)
  return function()
    return quire.map(dir, function(rec) return rec.title and #rec.title or 0 end,
      {jobs = jobs, reduce = function(n) return n + 1 end, init = 0})
  end
end

local runs = {
  {"baseline: `quire.map` reading records, returning `#title`", 1, read_run(1)},
  {"baseline: `quire.map` reading records, returning `#title`", 2, read_run(2)},
  {"`quire stats --raw` (body's whole text: DOM + `ustr.len` + `cjk_ratio`)", 1, stats_run(1, {by = "source", raw = true})},
  {"`quire stats --raw`", 2, stats_run(2, {by = "source", raw = true})},
  {"`quire stats` (cleaned article)", 1, stats_run(1, {by = "source"})},
  {"`quire stats` (cleaned article)", 2, stats_run(2, {by = "source"})},
}

read_run(1)()  -- warm the page cache
local rows, base = {}, {}
local posts
for _, r in ipairs(runs) do
  local seconds, n = timed(r[3])
  posts = posts or n
  if r[1]:find("^baseline") then base[r[2]] = seconds end
  rows[#rows + 1] = {r[1], r[2], seconds, n}
end

print(string.format("### `quire stats` (%d posts)", posts))
print()
print("| pass | jobs | seconds | posts/s | × baseline (same jobs) |")
print("|---|---:|---:|---:|---:|")
for _, r in ipairs(rows) do
  print(string.format("| %s | %d | %.2f | %.0f | %.2f |", r[1], r[2], r[3], r[4] / r[3], r[3] / base[r[2]]))
end
print()
print("Memory is bounded by the number of groups: lengths are kept exactly up to " ..
  stats.EXACT_UP_TO .. " per group, then in a histogram of at most a few hundred buckets.")

-- the bench archive holds error records on purpose; they are not a failure
-- of this bench, so the exit status (scripts/bench reports failures) is 0
archive.counts.errors = 0
