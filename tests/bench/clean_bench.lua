-- Benchmarks `quire clean --format jsonl` over an archive, one core and
-- -j 2, beside the floor (tests/bench/clean_floor.c: read + libyaml +
-- libxml2's htmlReadMemory, no Lua, no output) and, when Debian's
-- python3-bs4, python3-lxml and python3-yaml are installed, two Python
-- baselines doing the same job (tests/bench/clean_baseline_*.py), all
-- measured in the same run. Prints a Markdown section.
-- usage: quire -E run tests/bench/clean_bench.lua ARCHIVE_DIR
-- The programs: $QUIRE_BIN (else build/quire), $QUIRE_CLEAN_FLOOR (else
-- build/tests/bench_clean_floor). Each pass runs ROUNDS times (default 3,
-- $QUIRE_BENCH_ROUNDS); the best wall-clock time of each is compared.
local now = require("quire.c.sys").now

local dir = assert(arg[1], "usage: clean_bench.lua ARCHIVE_DIR")
local quire_bin = os.getenv("QUIRE_BIN") or "build/quire"
local floor_bin = os.getenv("QUIRE_CLEAN_FLOOR") or "build/tests/bench_clean_floor"
local rounds = tonumber(os.getenv("QUIRE_BENCH_ROUNDS")) or 3

local function q(s) return "'" .. s:gsub("'", [['\'']]) .. "'" end

-- Best wall-clock seconds of COMMAND over the rounds (nil if it failed).
-- Exit status 1 counts as a run: quire says so when records had errors.
local function best(command)
  local t
  for _ = 1, rounds do
    local t0 = now()
    local _, how, code = os.execute(command .. " >/dev/null 2>&1")
    local dt = now() - t0
    -- quire exits 1 when some records had errors (the corpus has a few)
    if how ~= "exit" or code > 1 then return nil end
    t = t and math.min(t, dt) or dt
  end
  return t
end

local function has_python()
  return os.execute("/usr/bin/python3 -c 'import bs4, lxml.html, yaml' >/dev/null 2>&1")
end

-- files and bytes, from the floor's own line
local p = io.popen(q(floor_bin) .. " " .. q(dir))
local line = p and p:read("l")
if p then p:close() end
local files, bytes = (line or ""):match("^(%d+) (%d+)")
files, bytes = tonumber(files), tonumber(bytes)
if not files then
  print("### `quire clean`\n\n(the floor program " .. floor_bin .. " did not run)")
  return
end

os.execute(q(quire_bin) .. " -E clean -q --format jsonl " .. q(dir) .. " >/dev/null 2>&1")  -- warm the page cache
local rows = {}
local floor_s = best(q(floor_bin) .. " " .. q(dir))
rows[#rows + 1] = {"C floor: read + libyaml + htmlReadMemory (tests/bench/clean_floor.c)", floor_s}
local j1 = best(q(quire_bin) .. " -E clean -q --format jsonl " .. q(dir))
rows[#rows + 1] = {"**quire clean --format jsonl**, one core", j1}
local j2 = best(q(quire_bin) .. " -E clean -q -j 2 --format jsonl " .. q(dir))
rows[#rows + 1] = {"**quire clean --format jsonl -j 2**", j2}
if has_python() then
  rows[#rows + 1] = {"Python: PyYAML C loader + BeautifulSoup(lxml) (tests/bench/clean_baseline_bs4.py)",
    best("/usr/bin/python3 tests/bench/clean_baseline_bs4.py " .. q(dir))}
  rows[#rows + 1] = {"Python: PyYAML C loader + lxml.html (tests/bench/clean_baseline_lxml.py)",
    best("/usr/bin/python3 tests/bench/clean_baseline_lxml.py " .. q(dir))}
end

print("### Cleaning (`quire clean --format jsonl`)")
print()
print(string.format("%d posts, %.1f MB; best of %d rounds each.", files, bytes / 1e6, rounds))
print()
print("| pass | seconds | records/s | MB/s | × floor |")
print("|---|---:|---:|---:|---:|")
for _, r in ipairs(rows) do
  local s = r[2]
  if s then
    print(string.format("| %s | %.2f | %.0f | %.1f | %.2f |", r[1], s, files / s, bytes / 1e6 / s, s / floor_s))
  else
    print(string.format("| %s | failed | | | |", r[1]))
  end
end
print()
if j1 and j2 then
  print(string.format("`-j 2` is %.2f× as fast as one job (machine: %s cores).", j1 / j2,
    io.popen("nproc"):read("l") or "?"))
end
