-- Benchmarks quire.dom: parse + select("p") + text() of each paragraph over
-- every record of an archive, beside the floor (libxml2's htmlReadMemory
-- alone on the same bodies, tests/bench/htmlparse_floor.c) measured in the
-- same run, and prints a Markdown section. Target: at most 1.5x the floor.
-- usage: quire -E run tests/bench/dom_bench.lua ARCHIVE_DIR [MIN_SECONDS]
-- The floor program is $QUIRE_BENCH_FLOOR, else build/tests/bench_htmlparse_floor.
-- Only the DOM work is timed (records are read, in batches, between the
-- clocks). Each side runs for about MIN_SECONDS (default 2) in five
-- interleaved rounds; the best round of each is compared.
local quire = require "quire"
local now = require("quire.c.sys").now

local dir = assert(arg[1], "usage: dom_bench.lua ARCHIVE_DIR [MIN_SECONDS]")
local min = tonumber(arg[2]) or 2.0
local floor_bin = os.getenv("QUIRE_BENCH_FLOOR") or "build/tests/bench_htmlparse_floor"

local function shell_quote(s) return "'" .. s:gsub("'", [['\'']]) .. "'" end

-- The DOM work over one batch of bodies, timed as a whole.
local function dom_batch(bodies, acc)
  local paragraphs, chars = 0, 0
  local t0 = now()
  for b = 1, #bodies do
    local doc = quire.dom.parse(bodies[b])
    local ps = doc:select("p")
    for i = 1, #ps do chars = chars + #ps[i]:text() end
    paragraphs = paragraphs + #ps
    doc:close()
  end
  acc.seconds = acc.seconds + (now() - t0)
  acc.paragraphs, acc.chars = acc.paragraphs + paragraphs, acc.chars + chars
end

-- One pass: bodies are read in batches of about 8 MB (memory stays flat on
-- big archives); garbage from reading is collected before the clock starts.
local function lua_pass()
  local acc = {files = 0, bytes = 0, paragraphs = 0, chars = 0, seconds = 0}
  local batch, size = {}, 0
  local function flush()
    collectgarbage()
    dom_batch(batch, acc)
    batch, size = {}, 0
  end
  for rec in quire.open(dir) do
    local body = rec.body or ""
    batch[#batch + 1] = body
    size = size + #body
    acc.files, acc.bytes = acc.files + 1, acc.bytes + #body
    if size >= 8 * 1048576 then flush() end
  end
  flush()
  return acc.files, acc.bytes, acc.paragraphs, acc.chars, acc.seconds
end

local function floor_pass(seconds)
  local p = assert(io.popen(shell_quote(floor_bin) .. " " .. shell_quote(dir) .. " " .. seconds))
  local out = p:read("a")
  p:close()
  local f, b, s, n = out:match("^(%d+) (%d+) ([%d.]+) (%d+)")
  assert(f, "floor program failed: " .. floor_bin .. ": " .. out)
  return tonumber(f), tonumber(b), tonumber(s), tonumber(n)
end

-- The machine is shared and noisy: ROUNDS rounds, each a floor run then a
-- quire run of MIN/ROUNDS seconds; the best of each side is reported.
local ROUNDS = 5
lua_pass() -- warm up: selector compiled and cached, files in the page cache
local files, bytes, paragraphs, chars
local lua_s, floor_s, ffiles, fbytes, fpasses, passes = math.huge, math.huge, 0, 0, 0, 0
for _ = 1, ROUNDS do
  local f, b, s, n = floor_pass(min / ROUNDS)
  ffiles, fbytes, fpasses = f, b, fpasses + n
  floor_s = math.min(floor_s, s)
  local total, k = 0, 0
  repeat
    local t
    files, bytes, paragraphs, chars, t = lua_pass()
    total, k = total + t, k + 1
  until total >= min / ROUNDS or files == 0
  passes = passes + k
  lua_s = math.min(lua_s, total / k)
end

local mib = bytes / 1048576
print(string.format("### quire.dom: parse + select(\"p\") + text() (%d posts, %.1f MiB of bodies, %d paragraphs)",
  files, mib, paragraphs))
print()
print("| pass | seconds per pass | MiB/s | × floor |")
print("|---|---:|---:|---:|")
print(string.format("| `htmlReadMemory` + `xmlFreeDoc` in C (floor, %s passes) | %.4f | %.1f | 1.00 |",
  fpasses, floor_s, tonumber(fbytes) / 1048576 / floor_s))
print(string.format("| `dom.parse` + `select(\"p\")` + `p:text()` + `close` (%d passes) | %.4f | %.1f | %.2f |",
  passes, lua_s, mib / lua_s, lua_s / floor_s))
if tonumber(ffiles) ~= files or tonumber(fbytes) ~= bytes then
  print(string.format("\n(floor saw %s files, %s bytes; quire %d files, %d bytes)", ffiles, fbytes, files, bytes))
end
