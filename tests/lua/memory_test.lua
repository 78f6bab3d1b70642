-- Bounded memory: peak RSS of `quire stats`, `clean --format jsonl` and
-- `export --to sqlite` over 2,000 and 20,000 synthetic posts (copies of the
-- corpus, tests/bench/make_archive.lua) differs by less than 20 MB: records
-- stream, nothing grows with the archive. Each command runs inside
-- `quire -e`, which then reports the process's own peak (getrusage).
-- Labelled slow in ctest (a few minutes); prints the figures. Also checks
-- that the collector starts in generational mode.
local check = dofile(os.getenv("QUIRE_TESTS") .. "/lua/check.lua")
local bin = assert(os.getenv("QUIRE_BIN"), "QUIRE_BIN is not set")
local root = assert(os.getenv("QUIRE_ROOT"), "QUIRE_ROOT is not set")
local sys = require "quire.c.sys"

local BOUND = 20 * 1048576
local function q(s) return "'" .. s:gsub("'", "'\\''") .. "'" end
local function sh(cmd) assert(os.execute(cmd), cmd) end

local tmp = os.tmpname()
os.remove(tmp)
sh("mkdir " .. q(tmp))
for _, n in ipairs {2000, 20000} do
  sh(string.format("%s -E run %s %s %s %d >/dev/null", q(bin), q(root .. "/tests/bench/make_archive.lua"),
    q(check.corpus()), q(tmp .. "/a" .. n), n))
end

-- Peak RSS (bytes) and seconds of `quire ARGV...` run inside quire -e.
local function peak(argv)
  local words = {}
  for i, a in ipairs(argv) do words[i] = string.format("%q", a) end
  local chunk = "local status = require('quire.main')({" .. table.concat(words, ", ") .. "}) " ..
    "io.stdout:flush() io.stderr:write('PEAK ', require('quire.c.sys').peak_rss(), '\\n') os.exit(status)"
  local t0 = sys.now()
  local p = assert(io.popen(string.format("%s -E -e %s 2>&1 >/dev/null", q(bin), q(chunk))))
  local out = p:read("a")
  local _, how, status = p:close()
  check.ok(how == "exit" and status <= 1, "exit status " .. tostring(status) .. " of " .. table.concat(argv, " "))
  return tonumber(out:match("PEAK (%d+)")), sys.now() - t0
end

local commands = {
  {"stats", "%s", "--format", "json", "-q"},
  {"clean", "%s", "--format", "jsonl", "-q"},
  {"export", "%s", "--to", "sqlite", "-o", "%s.db", "-q"},
}
for _, c in ipairs(commands) do
  local peaks = {}
  for _, n in ipairs {2000, 20000} do
    local argv = {}
    for i, a in ipairs(c) do argv[i] = a:gsub("%%s", tmp .. "/a" .. n) end
    local bytes, secs = peak(argv)
    peaks[n] = bytes
    io.stderr:write(string.format("%-7s %6d posts: peak %6.1f MB, %5.1f s\n", c[1], n, (bytes or 0) / 1048576, secs))
  end
  check.ok(peaks[2000] and peaks[20000], c[1] .. ": peaks measured")
  if peaks[2000] and peaks[20000] then
    check.ok(peaks[20000] - peaks[2000] < BOUND, string.format("%s: 20,000 posts peak %.1f MB, 2,000 posts %.1f MB",
      c[1], peaks[20000] / 1048576, peaks[2000] / 1048576))
  end
end

-- the collector runs in generational mode (see quire_newstate): switching
-- to incremental mode reports the mode it left
local p = assert(io.popen(q(bin) .. " -E -e 'print(collectgarbage(\"incremental\"))'"))
check.eq(p:read("a"), "generational\n", "the collector starts in generational mode")
p:close()

sh("rm -rf " .. q(tmp))
check.done()
