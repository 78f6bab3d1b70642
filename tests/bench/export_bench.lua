-- Benchmarks `quire export --to jsonl` and `--to sqlite` (the real binary,
-- cleaned text, -j 1 and -j 2) over an archive, beside a baseline measured
-- in the same run: `quire -e` reading every record. Reports records/s and
-- the database's size. Prints a Markdown section.
-- usage: quire -E run tests/bench/export_bench.lua ARCHIVE_DIR
local sys = require "quire.c.sys"

local dir = assert(arg[1], "usage: export_bench.lua ARCHIVE_DIR")
local bin = os.getenv("QUIRE_BENCH_BIN") or "build/quire"
local tmp = os.tmpname()

local function q(s) return "'" .. s:gsub("'", "'\\''") .. "'" end

local function timed(cmd)
  local t0 = sys.now()
  os.execute(cmd .. " >/dev/null 2>&1")
  return sys.now() - t0
end

local n = 0
for _ in require("quire.c.archive").walk(dir) do n = n + 1 end

local base = timed(string.format("%s -E -q -e 'for r in quire.open() do end' %s", bin, q(dir)))
local rows = {{"baseline: `quire -e` reading every record", base}}
for _, jobs in ipairs {1, 2} do
  rows[#rows + 1] = {string.format("`export --to jsonl -j %d`", jobs),
    timed(string.format("%s -E -q export %s --to jsonl -j %d -o %s.jsonl", bin, q(dir), jobs, tmp))}
end
os.remove(tmp .. ".db")
rows[#rows + 1] = {"`export --to sqlite -j 2` (new database)",
  timed(string.format("%s -E -q export %s --to sqlite -j 2 -o %s.db", bin, q(dir), tmp))}
rows[#rows + 1] = {"`export --to sqlite -j 2` (again: every post unchanged)",
  timed(string.format("%s -E -q export %s --to sqlite -j 2 -o %s.db", bin, q(dir), tmp))}
local f = io.open(tmp .. ".db", "rb")
local db_size = f and f:seek("end") or 0
if f then f:close() end
local j = io.open(tmp .. ".jsonl", "rb")
local jsonl_size = j and j:seek("end") or 0
if j then j:close() end
os.remove(tmp .. ".db"); os.remove(tmp .. ".jsonl"); os.remove(tmp)

print(string.format("### Export (%d posts)\n", n))
print("| pass | seconds | records/s | × baseline |")
print("|---|---:|---:|---:|")
for _, r in ipairs(rows) do
  print(string.format("| %s | %.2f | %.0f | %.2f |", r[1], r[2], n / r[2], r[2] / base))
end
print(string.format("\nJSON Lines output: %.1f MB; SQLite database: %.1f MB (posts, categories, tags, images and the FTS5 index).",
  jsonl_size / 1e6, db_size / 1e6))
