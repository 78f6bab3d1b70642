-- Benchmarks `quire clean --format jsonl` over an archive, one core and
-- -j 2, beside the floor (tests/bench/clean_floor.c: read + libyaml +
-- libxml2's htmlReadMemory, no Lua, no output) and, when Debian's
-- python3-bs4, python3-lxml and python3-yaml are installed, two Python
-- baselines doing the same job (tests/bench/clean_baseline_*.py), all
-- measured in the same run. Prints a Markdown section.
-- usage: quire -E run tests/bench/clean_bench.lua ARCHIVE_DIR
-- The programs: $QUIRE_BIN (else build/quire), $QUIRE_CLEAN_FLOOR (else
-- build/tests/bench_clean_floor). Each pass runs ROUNDS times (default 3,
-- $QUIRE_BENCH_ROUNDS); the best wall-clock and the best CPU time of each
-- are compared with the floor's.
local now = require("quire.c.sys").now

local dir = assert(arg[1], "usage: clean_bench.lua ARCHIVE_DIR")
local quire_bin = os.getenv("QUIRE_BIN") or "build/quire"
local floor_bin = os.getenv("QUIRE_CLEAN_FLOOR") or "build/tests/bench_clean_floor"
local rounds = tonumber(os.getenv("QUIRE_BENCH_ROUNDS")) or 3

local function q(s) return "'" .. s:gsub("'", [['\'']]) .. "'" end

-- Best wall-clock and best CPU (user + sys, children included) seconds of
-- COMMAND over the rounds (nil if it failed), timed by bash's `time`: on a
-- shared machine the CPU seconds are the steadier figure.
-- Exit status 1 counts as a run: quire says so when records had errors.
local function best(command)
  local t, cpu
  for _ = 1, rounds do
    local p = io.popen("bash -c " .. q("TIMEFORMAT='%R %U %S'; time (" .. command .. " >/dev/null 2>&1)") .. " 2>&1")
    local out = p:read("a")
    local _, how, code = p:close()
    -- quire exits 1 when some records had errors (the corpus has a few)
    if how ~= "exit" or code > 1 then return nil end
    local r, u, s = out:match("([%d.]+) ([%d.]+) ([%d.]+)%s*$")
    if not r then return nil end
    r, u, s = tonumber(r), tonumber(u), tonumber(s)
    t = t and math.min(t, r) or r
    cpu = cpu and math.min(cpu, u + s) or u + s
  end
  return t, cpu
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
local function row(label, command)
  local wall, cpu = best(command)
  rows[#rows + 1] = {label, wall, cpu}
  return wall, cpu
end
local floor_s, floor_cpu = row("C floor: read + libyaml + htmlReadMemory (tests/bench/clean_floor.c)",
  q(floor_bin) .. " " .. q(dir))
-- quire runs on mimalloc (CMakeLists.txt), which speeds up libxml2's DOMs
-- too: the same floor on the same allocator shows what that alone is worth
local ldd = io.popen("ldd " .. q(quire_bin) .. " 2>/dev/null")
local mimalloc = ldd and ldd:read("a"):match("libmimalloc%S* => (%S+)")
if ldd then ldd:close() end
if mimalloc then
  row("C floor on mimalloc (LD_PRELOAD, the allocator quire links)",
    "LD_PRELOAD=" .. q(mimalloc) .. " " .. q(floor_bin) .. " " .. q(dir))
end
local read_parse, read_parse_cpu = row("quire: read + parse only, no cleaning (tests/bench/clean_read_parse.lua)",
  q(quire_bin) .. " -E run tests/bench/clean_read_parse.lua " .. q(dir))
local j1, j1_cpu = row("**quire clean --format jsonl**, one core", q(quire_bin) .. " -E clean -q --format jsonl " .. q(dir))
local j2 = row("**quire clean --format jsonl -j 2**", q(quire_bin) .. " -E clean -q -j 2 --format jsonl " .. q(dir))
if has_python() then
  row("Python: PyYAML C loader + BeautifulSoup(lxml) (tests/bench/clean_baseline_bs4.py)",
    "/usr/bin/python3 tests/bench/clean_baseline_bs4.py " .. q(dir))
  row("Python: PyYAML C loader + lxml.html (tests/bench/clean_baseline_lxml.py)",
    "/usr/bin/python3 tests/bench/clean_baseline_lxml.py " .. q(dir))
end

print("### Cleaning (`quire clean --format jsonl`)")
print()
print(string.format("%d posts, %.1f MB; best of %d rounds each.", files, bytes / 1e6, rounds))
print()
print("| pass | seconds | records/s | MB/s | × floor | CPU s | × floor CPU |")
print("|---|---:|---:|---:|---:|---:|---:|")
for _, r in ipairs(rows) do
  local s, c = r[2], r[3]
  if s then
    print(string.format("| %s | %.2f | %.0f | %.1f | %.2f | %.2f | %.2f |", r[1], s, files / s,
      bytes / 1e6 / s, s / floor_s, c, c / floor_cpu))
  else
    print(string.format("| %s | failed | | | | | |", r[1]))
  end
end
print()
if read_parse and j1 then
  print(string.format("In CPU time, quire's reading and parsing take %.2f× the floor; cleaning and writing add %.2f× the floor.",
    read_parse_cpu / floor_cpu, (j1_cpu - read_parse_cpu) / floor_cpu))
  print()
end
if j1 and j2 then
  print(string.format("`-j 2` is %.2f× as fast as one job (machine: %s cores).", j1 / j2,
    io.popen("nproc"):read("l") or "?"))
end
