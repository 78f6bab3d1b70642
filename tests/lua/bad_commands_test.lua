-- Every command over the bad-input folder (tests/data/bad/ plus the files
-- bad_folder.lua makes: 200 MB sparse, 1,000,000 attributes, 100,000
-- nested divs, a 64 KB title, a link to nowhere, mode 000): no crash, no
-- hang (each command within TIME_BOUND seconds), one error line per
-- failing file and none for the others, exit status 1, the counts the
-- command prints reconciled with the files, and peak memory under
-- PEAK_BOUND. A command `quire --help` does not list is skipped, and said so.
local check = dofile(os.getenv("QUIRE_TESTS") .. "/lua/check.lua")
local bad = dofile(os.getenv("QUIRE_TESTS") .. "/lua/bad_folder.lua")
local cjson = require "cjson"
local sys = require "quire.c.sys"
local bin = assert(os.getenv("QUIRE_BIN"), "QUIRE_BIN is not set")
local q = bad.q

local TIME_BOUND = 300             -- seconds per command (they take 1-3 s)
local PEAK_BOUND = 400 * 1048576   -- bytes of resident memory per command

local dir = bad.make()
local out_dir = dir .. ".out"
bad.sh("mkdir " .. q(out_dir))

local slurp = check.slurp

-- The files and which of them fail, as quire.open sees them.
local files, failing, nfailing = {}, {}, 0
for rec in require("quire").open(dir) do
  local name = rec.path:sub(#dir + 2)
  files[#files + 1] = name
  if rec.error then failing[name] = rec.error; nfailing = nfailing + 1 end
end
check.ok(#files >= 60, "at least 60 bad inputs, got " .. #files)

local listed = {}
do
  local p = assert(io.popen(q(bin) .. " -E --help"))
  for line in p:lines() do
    local name = line:match("^  ([%w_-]+)%s%s")
    if name then listed[name] = true end
  end
  p:close()
end

-- Runs `quire ARGV...` inside `quire -e`, which then prints the process's
-- peak RSS on stderr (the command runs in the same process). Returns
-- stdout, stderr lines (without the peak line), exit status, peak bytes,
-- seconds.
local function run(argv, stdout_path)
  local words = {}
  for i, a in ipairs(argv) do words[i] = string.format("%q", a) end
  local chunk = "local status = require('quire.main')({" .. table.concat(words, ", ") .. "}) " ..
    "io.stdout:flush() io.stderr:write('PEAK ', require('quire.c.sys').peak_rss(), '\\n') os.exit(status)"
  local err_path = out_dir .. "/stderr"
  local t0 = sys.now()
  local ok, how, status = os.execute(string.format("timeout %d %s -E -e %s >%s 2>%s", TIME_BOUND, q(bin),
    q(chunk), q(stdout_path), q(err_path)))
  local secs = sys.now() - t0
  local err, peak = {}, nil
  for line in (slurp(err_path) or ""):gmatch("[^\n]+") do
    local n = line:match("^PEAK (%d+)$")
    if n then peak = tonumber(n) else err[#err + 1] = line end
  end
  return slurp(stdout_path) or "", err, how == "exit" and status or -status, peak, secs
end

local commands = {
  {name = "clean", argv = {"clean", dir, "--format", "jsonl"}},
  {name = "stats", argv = {"stats", dir, "--format", "json"}},
  {name = "extract", argv = {"extract", dir}},
  {name = "summarize", argv = {"summarize", dir}},
  {name = "export", label = "export --to jsonl", argv = {"export", dir, "--to", "jsonl"}},
  {name = "export", label = "export --to sqlite", argv = {"export", dir, "--to", "sqlite", "-o", out_dir .. "/bad.db"}},
}

local jsonl_rows
for _, c in ipairs(commands) do
  local label = c.label or c.name
  if not listed[c.name] then
    io.stderr:write("note: 'quire --help' does not list ", c.name, "; not covered\n")
  else
    local out, err, status, peak, secs = run(c.argv, out_dir .. "/stdout")
    io.stderr:write(string.format("%-20s %6.1f s  peak %5.1f MB  exit %d\n", label, secs,
      (peak or 0) / 1048576, status))
    check.eq(status, 1, label .. ": exit status (124 is a hang, over 128 a signal)")
    check.ok(peak and peak < PEAK_BOUND, label .. ": peak RSS " .. tostring(peak))
    -- one "path: reason" line per failing file, the reason quire.open gives
    local seen, lines, stray = {}, 0, {}
    for _, line in ipairs(err) do
      local name, reason = line:sub(#dir + 2):match("^([^:]+): (.*)$")
      if line:sub(1, #dir + 1) == dir .. "/" and name then
        lines = lines + 1
        check.ok(not seen[name], label .. ": one line for " .. name)
        seen[name] = true
        check.eq(reason, failing[name], label .. ": reason for " .. name)
      else
        stray[#stray + 1] = line
      end
    end
    check.eq(lines, nfailing, label .. ": error lines")
    for _, line in ipairs(stray) do
      check.ok(not line:find("^quire:") and not line:find("traceback", 1, true), label .. ": " .. line)
    end
    -- counts
    if label == "export --to jsonl" then
      jsonl_rows = {}
      local errors = 0
      for line in out:gmatch("[^\n]+") do
        local row = cjson.decode(line)
        jsonl_rows[#jsonl_rows + 1] = row
        if row.error then errors = errors + 1 end
      end
      check.eq(#jsonl_rows, #files, label .. ": one row per file")
      check.eq(errors, nfailing, label .. ": rows with an error")
      local summary = table.concat(stray, "\n")
      check.ok(summary:find(string.format("exported %d records, %d errors", #files, nfailing), 1, true), summary)
    elseif label == "export --to sqlite" then
      local summary = table.concat(stray, "\n")
      check.ok(summary:find(string.format("exported %d records, %d errors", #files, nfailing), 1, true), summary)
      local db = require("quire.c.sqlite").open(out_dir .. "/bad.db")
      local n = db:prepare("SELECT count(*) AS n FROM posts"):first().n
      db:close()
      check.eq(n, #files, label .. ": rows in posts")
    elseif label == "stats" then
      local ok, stats = pcall(cjson.decode, out)
      check.ok(ok, "stats: JSON")
      if ok then
        check.eq(stats.posts, #files, "stats: posts")
        check.eq(stats.errors, nfailing, "stats: errors")
      end
    elseif label == "clean" then
      local n = 0
      for line in out:gmatch("[^\n]+") do
        n = n + 1
        check.ok(pcall(cjson.decode, line), "clean: a JSON line")
      end
      -- a record comes out when it has a body (errors before the body have none)
      local with_body = 0
      for rec in require("quire").open(dir) do if rec.body then with_body = with_body + 1 end end
      check.eq(n, with_body, "clean: one row per record with a body")
    end
  end
end

bad.remove(dir)
bad.sh("rm -rf " .. q(out_dir))
check.done()
