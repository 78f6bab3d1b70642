-- quire.map: the same results in the same order for any number of jobs;
-- errors in one record are counted and the rest go on; a worker that dies
-- is reported.
local check = dofile(os.getenv("QUIRE_TESTS") .. "/lua/check.lua")
local quire = require "quire"
local archive = require "quire.archive"
local corpus = check.corpus()

local function titles(jobs)
  return quire.map(corpus, function(rec) return {rec.path, rec.title or false, rec.time or false} end,
                   {jobs = jobs})
end

local one = titles(1)
check.eq(#one, 168, "one result per corpus post")
for _, jobs in ipairs {2, 3, 5} do
  check.same(titles(jobs), one, "results with jobs = " .. jobs)
end

-- integers survive the trip through a worker
local sizes = quire.map(corpus, function(rec) return #(rec.body or "") end, {jobs = 2})
check.eq(math.type(sizes[1]), "integer", "integer results stay integers")

-- strings travel as raw bytes: empty ones, newlines, long ones, any byte
local function texts(jobs)
  return quire.map(corpus, function(rec)
    return (rec.body or "") .. "\n\0\r\255" .. (rec.title or "")
  end, {jobs = jobs})
end
check.same(texts(2), texts(1), "string results with jobs = 2")
check.same(quire.map(corpus, function() return "" end, {jobs = 2}),
           quire.map(corpus, function() return "" end, {jobs = 1}), "empty strings")

-- a sink gets the string results in input order, straight from the
-- workers' pipes; other results still go to each
for _, jobs in ipairs {1, 2, 3} do
  local name = os.tmpname()
  local f = assert(io.open(name, "wb"))
  local others = {}
  quire.map(corpus, function(rec)
    if #(rec.body or "") % 3 == 0 then return #(rec.body or "") end
    return (rec.title or "") .. "\0\255\n"
  end, {jobs = jobs, sink = f, each = function(v) others[#others + 1] = v end})
  f:close()
  local want, want_others = {}, {}
  for rec in quire.open(corpus) do
    local n = #(rec.body or "")
    if n % 3 == 0 then want_others[#want_others + 1] = n
    else want[#want + 1] = (rec.title or "") .. "\0\255\n" end
  end
  local got = io.open(name, "rb"):read("a")
  os.remove(name)
  check.eq(got, table.concat(want), "sink with jobs = " .. jobs)
  check.same(others, want_others, "non-string results beside a sink, jobs = " .. jobs)
end

-- records that cannot be read are reported in input order, once each
for _, jobs in ipairs {1, 3} do
  local saved, seen = archive.on_error, {}
  archive.on_error = function(rec) seen[#seen + 1] = rec.path .. ": " .. rec.error end
  quire.map(corpus, function() return nil end, {jobs = jobs})
  archive.on_error = saved
  local want = {}
  for rec in quire.open(corpus) do
    if rec.error then want[#want + 1] = rec.path .. ": " .. rec.error end
  end
  check.ok(#want > 0)
  check.same(seen, want, "error reports with jobs = " .. jobs)
end

-- reduce and each
for _, jobs in ipairs {1, 2} do
  local total = quire.map(corpus, function(rec) return #(rec.body or "") end,
    {jobs = jobs, reduce = function(acc, v) return acc + v end, init = 0})
  local expected = 0
  for _, v in ipairs(sizes) do expected = expected + v end
  check.eq(total, expected, "reduce with jobs = " .. jobs)
  local paths = {}
  quire.map(corpus, function(rec) return rec.path end,
    {jobs = jobs, each = function(v, path) paths[#paths + 1] = v == path end})
  check.eq(#paths, 168, "each called once per record")
end

-- filters apply in workers as in one process
for _, jobs in ipairs {1, 2} do
  local r = quire.map(corpus, function(rec) return rec.source end,
    {jobs = jobs, where = "source == '新浪财经'"})
  check.ok(#r > 5, "some Sina posts")
  for _, s in ipairs(r) do check.eq(s, "新浪财经") end
end

-- an error in fn for some records: reported, counted, the others go on
for _, jobs in ipairs {1, 2} do
  local before = archive.counts.errors
  local r = quire.map(corpus, function(rec)
    if rec.source == "新浪财经" then error("boom") end
    return 1
  end, {jobs = jobs})
  local sina = #quire.map(corpus, function(rec) return rec.source == "新浪财经" or nil end)
  local bad = #quire.map(corpus, function(rec) return rec.error and true or nil end)
  check.eq(#r + sina, 168, "every record is a result or an error (jobs = " .. jobs .. ")")
  check.ok(archive.counts.errors - before >= sina, "fn errors counted")
  check.ok(bad > 0)
end

-- a worker that exits is reported, and the main process carries on
local before = archive.counts.errors
local r = quire.map(corpus, function(rec)
  if rec.path:find("新浪财经") then os.exit(3) end
  return 1
end, {jobs = 2})
check.ok(#r < 168, "the dead worker's share is missing")
check.ok(archive.counts.errors > before, "and that is counted as an error")

-- results that JSON cannot carry are errors, not crashes
local before2 = archive.counts.errors
local f = quire.map(corpus, function() return function() end end, {jobs = 2})
check.eq(#f, 0)
check.eq(archive.counts.errors - before2 >= 168, true, "unsendable results counted")


-- workers run as batch processes (SCHED_BATCH, 3 in /proc/PID/stat's
-- 41st field), so the merge does not preempt them each time a result
-- arrives; the main process gets its normal policy (0) back after
local function policy()
  local f = io.open("/proc/self/stat")
  if not f then return nil end
  local stat = f:read("a")
  f:close()
  -- the fields after the command name, which is in parentheses
  local fields = {}
  for x in stat:match("%) (.*)$"):gmatch("%S+") do fields[#fields + 1] = x end
  return tonumber(fields[41 - 2])
end
if policy() == 0 then
  local policies = quire.map(corpus, function() return policy() end, {jobs = 2})
  check.eq(#policies, 168)
  local all_batch = true
  for _, p in ipairs(policies) do all_batch = all_batch and p == 3 end
  check.ok(all_batch, "workers run under SCHED_BATCH")
  check.eq(policy(), 0, "the main process is back to SCHED_OTHER")
  local worker = require "quire.c.worker"
  check.eq(worker.batch(false), false, "nothing to undo")
  check.eq(worker.batch(true), true)
  check.eq(policy(), 3)
  check.eq(worker.batch(true), false, "already batch")
  check.eq(worker.batch(false), true)
  check.eq(policy(), 0)
  -- an error in the merge (here in each) gives the policy back too, and
  -- stops and reaps the workers instead of leaving them blocked on a pipe
  local ok, err = pcall(quire.map, corpus, function(rec) return rec.path end,
                        {jobs = 2, each = function() error("each failed") end})
  check.ok(not ok and tostring(err):find("each failed", 1, true), "the error comes through: " .. tostring(err))
  check.eq(policy(), 0, "policy back after an error")
  local ps = io.popen("ps -o comm= --ppid " .. require("quire.c.sys").pid())
  local left = 0
  for name in ps:lines() do if name ~= "sh" and name ~= "ps" then left = left + 1 end end
  ps:close()
  check.eq(left, 0, "no worker left after an error")
end
check.done()
