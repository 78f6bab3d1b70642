-- User code that misbehaves: errors, endless loops (--timeout), unbounded
-- allocation (--memory-limit), os.exit inside a worker, and scripts run
-- with --sandbox. Each runs the real binary over six small posts and checks
-- the message, which records still come out (in order), the exit status,
-- and that outputs are whole.
local check = dofile(os.getenv("QUIRE_TESTS") .. "/lua/check.lua")
local sys = require "quire.c.sys"
local cjson = require "cjson"
local bin = assert(os.getenv("QUIRE_BIN"), "QUIRE_BIN is not set")

local q = check.q
local function sh(cmd) assert(os.execute(cmd), cmd) end
local slurp = check.slurp

local dir = os.tmpname()
os.remove(dir)
sh("mkdir -p " .. q(dir .. "/posts"))
for i = 1, 6 do
  local f = assert(io.open(string.format("%s/posts/p%d.md", dir, i), "wb"))
  f:write(string.format("---\ntitle: post %d\ndate: 2021-04-11 00:30:33\nsource: test\n---\n<p>body %d</p>\n", i, i))
  f:close()
end
local posts = dir .. "/posts"

-- Runs quire with ARGS (a string of quoted words); returns stdout, stderr,
-- exit status and seconds taken.
local function quire(args)
  local t0 = sys.now()
  local p = assert(io.popen(string.format("%s -E %s 2>%s", q(bin), args, q(dir .. "/err"))))
  local out = p:read("a")
  local _, _, status = p:close()
  return out, slurp(dir .. "/err") or "", status, sys.now() - t0
end

local function lines(s)
  local t = {}
  for l in s:gmatch("[^\n]+") do t[#t + 1] = l end
  return t
end

-- fn source for quire.map: misbehaves on post 3, returns the title otherwise
local function map_chunk(bad)
  return q("quire.map(nil, function(rec) if rec.title == 'post 3' then " .. bad ..
    " end return rec.title end, {each = function(v) print(v) end}) print('after map')")
end

local others = {"post 1", "post 2", "post 4", "post 5", "post 6", "after map"}

-- An error for one record: reported with its path, the others come out.
for _, j in ipairs {"1", "2"} do
  local out, err, status = quire("-e " .. map_chunk("error('boom')") .. " " .. q(posts) .. " -j " .. j)
  check.same(lines(out), others, "error, -j " .. j)
  check.ok(err:find(posts .. "/p3.md: (command line):1: boom", 1, true), "error message, -j " .. j .. ": " .. err)
  check.eq(status, 1, "error exit status, -j " .. j)
end

-- --timeout: an endless loop in one record's call is that record's error.
for _, j in ipairs {"1", "2"} do
  local out, err, status, secs = quire("-e " .. map_chunk("while true do end") .. " " .. q(posts) ..
    " --timeout 0.3 -j " .. j)
  check.same(lines(out), others, "timeout, -j " .. j)
  check.eq(err, posts .. "/p3.md: user code ran longer than --timeout 0.3 s\n", "timeout message, -j " .. j)
  check.eq(status, 1, "timeout exit status, -j " .. j)
  check.ok(secs < 10, "timeout took " .. secs .. " s")
end

-- ... and user code that catches the timeout error still stops.
do
  local out, err, status = quire("-e " .. map_chunk("while true do pcall(function() while true do end end) end") ..
    " " .. q(posts) .. " --timeout 0.2")
  check.same(lines(out), others, "caught timeout")
  check.ok(err:find("p3.md: user code ran longer than --timeout 0.2 s", 1, true), err)
  check.eq(status, 1)
end

-- In a quire.open loop the loop body is the script's own: the script stops,
-- naming the record.
do
  local out, err, status = quire("-e " .. q("for rec in quire.open() do print(rec.title) " ..
    "if rec.title == 'post 2' then while true do end end end") .. " " .. q(posts) .. " --timeout 0.3")
  check.same(lines(out), {"post 1", "post 2"}, "timeout in a quire.open loop")
  check.eq(err, "quire: user code ran longer than --timeout 0.3 s (" .. posts .. "/p2.md)\n")
  check.eq(status, 1)
end

-- Leaving a loop early stops the clock: code after it is not bounded.
do
  local out, err, status = quire("-e " .. q("for rec in quire.open() do break end " ..
    "local t = os.clock() while os.clock() - t < 0.6 do end print('done')") .. " " .. q(posts) .. " --timeout 0.2")
  check.eq(out, "done\n", "no timeout after break: " .. err)
  check.eq(status, 0)
end

-- No --timeout: the same slow record is fine.
do
  local out, _, status = quire("-e " .. map_chunk("local t = os.clock() while os.clock() - t < 0.5 do end") ..
    " " .. q(posts))
  check.same(lines(out), {"post 1", "post 2", "post 3", "post 4", "post 5", "post 6", "after map"})
  check.eq(status, 0)
end

-- A built-in command: --where looping on one record; the output is whole
-- and holds the other five.
do
  local jsonl = dir .. "/out.jsonl"
  local _, err, status = quire("clean " .. q(posts) .. " --format jsonl -o " .. q(jsonl) ..
    " --timeout 0.3 -j 2 --where " .. q("title ~= 'post 3' or (function() while true do end end)()"))
  check.eq(status, 1, "clean with a looping --where")
  check.ok(err:find(posts .. "/p3.md: --where: user code ran longer than --timeout 0.3 s", 1, true), err)
  local titles = {}
  for line in (slurp(jsonl) or ""):gmatch("[^\n]+") do titles[#titles + 1] = cjson.decode(line).title end
  check.same(titles, {"post 1", "post 2", "post 4", "post 5", "post 6"}, "exported rows")
end

-- --memory-limit: one record allocating without bound is that record's
-- error; the process goes on and the next records are fine.
local hog = "local t = {} for i = 1, 1e9 do t[i] = ('x'):rep(1 << 20) .. i end"
for _, j in ipairs {"1", "2"} do
  local out, err, status = quire("-e " .. map_chunk(hog) .. " " .. q(posts) .. " --memory-limit 160 -j " .. j)
  check.same(lines(out), others, "memory limit, -j " .. j)
  check.eq(err, posts .. "/p3.md: out of memory (limit 160 MB)\n", "memory message, -j " .. j)
  check.eq(status, 1)
end
-- one allocation larger than the limit
do
  local out, err, status = quire("-e " .. map_chunk("local s = ('x'):rep(1 << 30)") .. " " .. q(posts) ..
    " --memory-limit 160")
  check.same(lines(out), others, "one big allocation")
  check.eq(err, posts .. "/p3.md: out of memory (limit 160 MB)\n")
  check.eq(status, 1)
end
-- the script itself: a clear message, status 1
do
  local out, err, status = quire("-e " .. q("print('start') " .. hog) .. " --memory-limit 160")
  check.eq(out, "start\n")
  check.eq(err, "quire: out of memory (limit 160 MB)\n")
  check.eq(status, 1)
end
-- a built-in command with a --where that allocates: output whole
do
  local out, err, status = quire("clean " .. q(posts) .. " --format jsonl --memory-limit 160 --where " ..
    q("title ~= 'post 4' or (function() " .. hog .. " end)()"))
  local titles = {}
  for line in out:gmatch("[^\n]+") do titles[#titles + 1] = cjson.decode(line).title end
  check.same(titles, {"post 1", "post 2", "post 3", "post 5", "post 6"}, "clean rows")
  check.eq(err, posts .. "/p4.md: --where: out of memory (limit 160 MB)\n")
  check.eq(status, 1)
end

-- os.exit in a worker: that record is an error (a worker's exit would lose
-- its share), the others come out in order, status 1.
do
  local out, err, status = quire("-e " .. map_chunk("os.exit(3)") .. " " .. q(posts) .. " -j 2")
  check.same(lines(out), others, "os.exit in a worker")
  check.eq(err, posts .. "/p3.md: os.exit(3) called in a worker process; the record counts as an error" ..
    " and the run goes on\n")
  check.eq(status, 1)
  -- with one job os.exit is Lua's own: the process ends with that status
  out, err, status = quire("-e " .. map_chunk("os.exit(3)") .. " " .. q(posts))
  check.same(lines(out), {"post 1", "post 2"}, "os.exit with one job")
  check.eq(status, 3)
end
-- ... and in a built-in export (its function wrapped by a script) the
-- output holds every other record and no temporary file is left
do
  local jsonl = dir .. "/keep.jsonl"
  local script = dir .. "/exit.lua"
  local f = assert(io.open(script, "wb"))
  f:write("local quire = require 'quire'\n",
    "local map = quire.map\n",
    "quire.map = function(paths, fn, opts)\n",
    "  return map(paths, function(rec) if rec.title == 'post 5' then os.exit(0) end return fn(rec) end, opts)\n",
    "end\n",
    "return require('quire.main')({'export', ...})\n")
  f:close()
  local _, err, status = quire("run " .. q(script) .. " -- " .. q(posts) .. " --to jsonl -o " .. q(jsonl) .. " -j 2")
  check.eq(status, 1, "export with os.exit in a worker")
  check.ok(err:find("p5.md: os.exit(0) called in a worker process", 1, true), err)
  local titles = {}
  for line in (slurp(jsonl) or ""):gmatch("[^\n]+") do titles[#titles + 1] = cjson.decode(line).title end
  check.same(titles, {"post 1", "post 2", "post 3", "post 4", "post 6"}, "exported rows")
  local p = assert(io.popen("ls -a " .. q(dir)))
  local left = p:read("a")
  p:close()
  check.ok(not left:find("%.tmp"), "no temporary file left: " .. left)
end

-- --sandbox: no io, os.execute/remove, debug, package.loadlib, C modules.
do
  local out, err, status = quire("--sandbox -e " .. q("print(io, os.execute, os.remove, os.exit, debug, " ..
    "package.loadlib, dofile, loadfile, os.time ~= nil, string.upper('ok'))"))
  check.eq(out, "nil\tnil\tnil\tnil\tnil\tnil\tnil\tnil\ttrue\tOK\n", "sandboxed globals: " .. err)
  check.eq(status, 0)
  for _, name in ipairs {"io", "debug", "quire.c.sys", "quire.c.worker", "quire.atomic", "quire.export",
                         "quire.cmd.export", "socket", "lfs"} do
    out, err, status = quire("--sandbox -e " .. q("require('" .. name .. "')"))
    check.eq(err, "quire: (command line):1: require '" .. name .. "' is not allowed with --sandbox\n", name)
    check.eq(status, 1)
  end
  -- nor through the quire table, which holds quire.export outside the sandbox
  out, err, status = quire("--sandbox -e " .. q("local e = quire.export"))
  check.eq(err, "quire: (command line):1: quire.export is not allowed with --sandbox\n", "quire.export")
  check.eq(status, 1)
  out = quire("--sandbox -e " .. q("local n = 0 for k in pairs(quire) do n = n + 1; assert(k ~= 'export') end print(n > 5)"))
  check.eq(out, "true\n", "pairs(quire) in the sandbox")
  out = quire("-e " .. q("print(type(quire.export.jsonl))"))
  check.eq(out, "function\n", "quire.export outside the sandbox")
  -- what a report script needs is there
  out, err, status = quire("--sandbox -e " .. q("local n = 0 for rec in quire.open() do n = n + 1 end " ..
    "print(n, require('quire.ustr').width('中文'), require('cjson').encode({1}), require('os') == os)") ..
    " " .. q(posts))
  check.eq(out, "6\t4\t[1]\ttrue\n", "sandboxed report: " .. err)
  check.eq(status, 0)
  -- binary chunks (which can break the VM) are refused; text chunks share the sandbox
  out = quire("--sandbox -e " .. q("print(load(string.dump(function() end))) print(load('return io')())"))
  check.eq(out, "nil\tattempt to load a binary chunk (mode is 't')\nnil\n")
  -- a script file
  local script = dir .. "/s.lua"
  local f = assert(io.open(script, "wb"))
  f:write("print(arg[1] ~= nil, io) os.remove(arg[1])\n")
  f:close()
  out, err, status = quire("run --sandbox " .. q(script) .. " " .. q(posts .. "/p1.md"))
  check.eq(out, "true\tnil\n")
  check.ok(err:find("attempt to call a nil value (field 'remove')", 1, true), err)
  check.eq(status, 1)
  check.ok(slurp(posts .. "/p1.md") ~= nil, "file not removed")
  -- --where sees the sandbox too
  out = quire("--sandbox -e " .. q("local n = 0 for rec in quire.open() do n = n + 1 end print(n)") .. " " ..
    q(posts) .. " --where " .. q("io == nil and title ~= 'post 2'"))
  check.eq(out, "5\n", "sandboxed --where")
  out = quire("-e " .. q("local n = 0 for rec in quire.open() do n = n + 1 end print(n)") .. " " ..
    q(posts) .. " --where " .. q("io == nil"))
  check.eq(out, "0\n", "--where without the sandbox sees io")
end

-- A user's clean profile (lua/quire/profiles/NAME.lua in --lua-dir) that
-- misbehaves. Four posts: p2 and p4 are from the feed "bad", which the
-- profile claims; p1 and p3 (feed "plain") hold the same lines but do not
-- go through it.
local fdir, lua_dir = dir .. "/feeds", dir .. "/lua"
sh("mkdir -p " .. q(fdir) .. " " .. q(lua_dir .. "/quire/profiles"))
for i = 1, 4 do
  local f = assert(io.open(string.format("%s/p%d.md", fdir, i), "wb"))
  f:write(string.format("---\ntitle: post %d\ndate: 2021-04-11 00:30:33\ncategories: [feeds, %s]\n---\n" ..
    "<p>Body number %d is a paragraph of text.</p><p>TRIGGER line %d</p>\n", i, i % 2 == 0 and "bad" or "plain", i, i))
  f:close()
end
local profile_file = lua_dir .. "/quire/profiles/boom.lua"
local function profile(src)
  local f = assert(io.open(profile_file, "wb"))
  f:write(src)
  f:close()
end
local function titles_of(jsonl)
  local t = {}
  for line in jsonl:gmatch("[^\n]+") do t[#t + 1] = cjson.decode(line).title end
  return t
end
local function clean_run(extra)
  return quire("--lua-dir " .. q(lua_dir) .. " clean " .. q(fdir) .. " --format jsonl " .. (extra or ""))
end

-- (a) a line rule that raises: each record it runs on is an error naming
-- the record's path and the rule's file:line; the others come out; status 1
profile([[
return {
  sources = {"bad"},
  lines = {
    {name = "explode", match = function(text) if text:find("TRIGGER", 1, true) then error("rule exploded") end end},
  },
}
]])
for _, j in ipairs {"1", "2"} do
  local out, err, status = clean_run("-j " .. j)
  check.same(titles_of(out), {"post 1", "post 3"}, "a raising profile rule, -j " .. j)
  check.eq(err, string.format("%s/p2.md: %s:4: rule exploded\n%s/p4.md: %s:4: rule exploded\n",
    fdir, profile_file, fdir, profile_file), "a raising profile rule's messages, -j " .. j)
  check.eq(status, 1, "a raising profile rule: status 1, -j " .. j)
end
do
  -- export counts them as errors
  local _, err, status = quire("--lua-dir " .. q(lua_dir) .. " export " .. q(fdir) .. " --to jsonl -o " ..
    q(dir .. "/prof.jsonl"))
  check.eq(status, 1, "export with a raising profile rule")
  local stats_out = quire("--lua-dir " .. q(lua_dir) .. " stats " .. q(fdir))
  check.ok(stats_out:find("\n2 posts, 0 with errors;", 1, false) and stats_out:find("\n2 more could not be measured", 1, true),
    "stats counts the records it could not measure: " .. stats_out)
  check.ok(err:find("\nexported 2 records, 2 errors %(2 records%)\n$"), "export counts the errors: " .. err)
  check.same(titles_of(slurp(dir .. "/prof.jsonl") or ""), {"post 1", "post 3"}, "export's rows")
  -- the two records whose cleaning raised are errors, not left out by a
  -- filter (export once counted records minus rows as "left out")
  check.ok(not err:find("left out by --where", 1, true),
    "records that failed are not 'left out by --where, --since or --until': " .. err)
end

-- (b) a rule that loops forever, with --timeout 1: that record is an
-- error naming the timeout, the others (p4 too) come out
profile([[
return {
  sources = {"bad"},
  lines = {
    {name = "spin", match = function(text) if text:find("TRIGGER line 2", 1, true) then while true do end end end},
  },
}
]])
do
  local out, err, status, secs = clean_run("--timeout 1 -j 2")
  check.same(titles_of(out), {"post 1", "post 3", "post 4"}, "a looping profile rule")
  check.eq(err, fdir .. "/p2.md: user code ran longer than --timeout 1.0 s\n", "a looping profile rule's message")
  check.eq(status, 1, "a looping profile rule: status 1")
  check.ok(secs < 10, "the looping rule was stopped: " .. secs .. " s")
end

-- (c) a profile with a syntax error: one warning naming the file and line
-- (not one per record or per worker), every record cleaned by the generic
-- extractor, status 0
profile("return {\n  sources = {\"bad\"},\n  lines = {\n    {name = \"x\" match = \"y\"},\n  },\n}\n")
for _, extra in ipairs {"-j 1", "-j 2", "--profile boom"} do
  local out, err, status = clean_run(extra)
  check.same(titles_of(out), {"post 1", "post 2", "post 3", "post 4"}, "a profile that does not load, " .. extra)
  check.eq(err, "quire: profile boom: " .. profile_file .. ":4: '}' expected near 'match'; " ..
    "cleaning with the generic extractor\n", "the warning, " .. extra)
  check.eq(status, 0, "a profile that does not load: status 0, " .. extra)
  local texts = {}
  for line in out:gmatch("[^\n]+") do texts[#texts + 1] = cjson.decode(line).text end
  check.eq(texts[2], "Body number 2 is a paragraph of text.\n\nTRIGGER line 2", "p2 cleaned, " .. extra)
end

-- Bad values are usage errors.
for _, args in ipairs {"--timeout abc", "--timeout -1", "--memory-limit 1.5", "--memory-limit x"} do
  local _, err, status = quire("-e 'print(1)' " .. args)
  check.eq(status, 2, args)
  check.ok(err:find("needs a", 1, true), args .. ": " .. err)
end

sh("rm -rf " .. q(dir))
check.done()
