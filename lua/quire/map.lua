--- quire.map: run a function over every record, in N worker processes.
--
--   quire.map(paths, fn, {jobs = 2, where = ..., each = function(value, path) end})
--   quire.map(paths, fn, {jobs = 2, reduce = function(acc, value, path) return acc end, init = 0})
--   quire.map(paths, fn, {jobs = 2, sink = io.stdout})
--
-- Each worker is a fork of this process, so it has the same script loaded;
-- it walks the same files and reads those whose number it takes from a
-- shared counter when it is free (so slow records do not leave a core
-- idle), and sends fn's results back as JSON lines. The main process
-- merges them in input order, so the output is the same whatever N is
-- (opts.ordered is accepted and changes nothing: results always come in
-- input order, which also serves a caller that needs no order). Results
-- may be any value cjson can carry; nil means "no result". With N > 1 a
-- result travels as JSON, so a table holding both list items and named
-- fields comes back with its list keys as strings ({x, n = 1} as
-- {["1"] = x, n = 1}), as cjson writes such a table. An error in fn for
-- one record is reported with the record's path and counted, and the
-- others go on.

local archive = require "quire.archive"
local worker = require "quire.c.worker"
local limits = require "quire.c.limits"
local cjson = require("cjson").new()
cjson.encode_invalid_numbers(true)
cjson.decode_invalid_numbers(true)

local map = {}

local function report(path, msg)
  archive.counts.errors = archive.counts.errors + 1
  io.stderr:write(path or "?", ": ", msg, "\n")
end

-- cjson reads every number as a float; whole numbers go back to integers
-- so a worker's 3 prints as 3, as it would with one job.
local function integers(v)
  if math.type(v) == "float" then return math.tointeger(v) or v end
  if type(v) == "table" then
    for k, x in pairs(v) do v[k] = integers(x) end
  end
  return v
end

-- os.exit called in a worker raises this instead: that record becomes an
-- error and the worker goes on with its share (see run_worker).
local WorkerExit = {__tostring = function(e) return "os.exit(" .. tostring(e.code) .. ") called in a worker" end}

-- fn(rec) -> value | nil, message | nil, nil, WorkerExit. --timeout bounds
-- the call; running out of memory under --memory-limit is that record's error.
local function call(fn, rec)
  limits.arm()  -- no label: the report names the record
  local ok, value = pcall(fn, rec)
  limits.disarm()
  if not ok then
    if getmetatable(value) == WorkerExit then return nil, nil, value end
    return nil, limits.explain(tostring(value))
  end
  return value
end

-- The body of worker INDEX of COUNT: streams its share and writes one JSON
-- line per record that has a result or an error, then a closing line.
local function run_worker(paths, fn, opts, share, out)
  local wopts = setmetatable({worker = share}, {__index = opts})
  archive.progress = false
  -- results go to the pipe in writes of up to 256 KB, not one or more
  -- per record: each write wakes the main process, which then takes a
  -- core from a worker. The main process reads in input order, so a
  -- worker holding the next result in its buffer delays the merge, never
  -- blocks it: its pipe then holds nothing the merge still needs, so the
  -- buffer's write always fits.
  out:setvbuf("full", 256 * 1024)
  -- a record that cannot be read is reported by the main process, in input
  -- order with the other workers' (the worker still counts it)
  if archive.on_error then
    archive.on_error = function(rec, seq)
      out:write(cjson.encode {s = seq, p = rec.path, unreadable = rec.error}, "\n")
    end
  end
  -- os.exit(code) would end this process with the parent's files and
  -- buffers half shared; it becomes a message instead
  os.exit = function(code) error(setmetatable({code = code == nil and true or code}, WorkerExit)) end
  local ok, err = pcall(function()
    for rec, seq in archive.open(paths, wopts) do
      local value, ferr, exit = call(fn, rec)
      local line
      if exit then
        line = cjson.encode {s = seq, p = rec.path, e = string.format(
          "os.exit(%s) called in a worker process; the record counts as an error and the run goes on",
          tostring(exit.code))}
      elseif ferr then
        line = cjson.encode {s = seq, e = ferr, p = rec.path}
      elseif type(value) == "string" then
        -- a string (a command's rendered output) goes as raw bytes after a
        -- header: no escaping here, no decoding in the main process
        out:write(cjson.encode {s = seq, bytes = #value}, "\n", value)
      elseif value ~= nil then
        local encoded, eerr = pcall(cjson.encode, {s = seq, v = value})
        line = encoded and eerr or cjson.encode {s = seq, p = rec.path,
          e = "result cannot be sent from a worker: " .. tostring(eerr)}
      end
      if line then out:write(line, "\n") end
    end
  end)
  if not ok then out:write(cjson.encode {fatal = limits.explain(tostring(err))}, "\n") end
  local c = archive.counts
  out:write(cjson.encode {done = true, records = c.records, errors = c.errors, filtered = c.filtered}, "\n")
  out:close()
  worker.exit(ok and 0 or 1)
end

--- Runs fn(rec) for every record of PATHS; see the module comment.
-- opts: jobs (default 1), each, reduce + init, sink (a file that string
-- results are written to in input order: with jobs, straight from the
-- worker's pipe, never a Lua string in this process; other results go to
-- each, reduce or the list as usual), and everything quire.open takes.
-- Returns the reduced value with reduce, nothing with each, else the list
-- of results in input order.
function map.map(paths, fn, opts)
  opts = opts or {}
  assert(type(fn) == "function", "quire.map: fn must be a function")
  local jobs = opts.jobs or 1
  local results, acc = {}, opts.init
  local sink = opts.sink
  local function emit(value, path)
    if sink and type(value) == "string" then sink:write(value)
    elseif opts.each then opts.each(value, path)
    elseif opts.reduce then acc = opts.reduce(acc, value, path)
    else results[#results + 1] = value end
  end

  if jobs <= 1 then
    for rec in archive.open(paths, opts) do
      local value, err, exit = call(fn, rec)
      if exit then error(exit, 0)  -- only a worker's os.exit raises this
      elseif err then report(rec.path, err)
      elseif value ~= nil then emit(value, rec.path) end
    end
  else
    paths = archive.expand(paths)
    -- workers and merge as batch processes (see worker.batch)
    local batched = worker.batch(true)
    local workers = {}
    -- however the merge ends, the policy comes back; when it ends by an
    -- error (in each or reduce, say), the workers are stopped and reaped
    -- too, not left blocked on a pipe no one reads (a worker never gets
    -- here: it leaves by worker.exit)
    local cleanup <close> = setmetatable({}, {__close = function(_, err)
      if err ~= nil then
        for _, w in ipairs(workers) do
          if not w.reaped then
            worker.kill(w.pid)
            if io.type(w.pipe) == "file" then w.pipe:close() end
            worker.wait(w.pid)
          end
        end
      end
      if batched then worker.batch(false) end
    end})
    local tickets = worker.tickets()
    for index = 0, jobs - 1 do
      local pid, pipe = worker.spawn()
      if pid == nil then
        run_worker(paths, fn, opts, {index = index, count = jobs, tickets = tickets}, pipe)
      end
      workers[#workers + 1] = {pid = pid, pipe = pipe}
    end
    -- read the next message of worker w into w.head (nil when it has ended)
    local function advance(w)
      local line = w.pipe:read("l")
      if not line then
        w.head = nil
        if not w.finished then
          report("worker " .. w.pid, "stopped before it finished its share")
        end
        return
      end
      local msg = cjson.decode(line)
      if msg.bytes and sink then
        msg.pending = true  -- copied to the sink when its turn comes
      elseif msg.bytes then
        msg.v = msg.bytes == 0 and "" or w.pipe:read(msg.bytes)
        if msg.v == nil or #msg.v ~= msg.bytes then
          msg.v, msg.e, msg.p = nil, "a worker's result was cut short", "worker " .. w.pid
        end
      end
      if msg.done then
        archive.counts.records = archive.counts.records + msg.records
        archive.counts.errors = archive.counts.errors + msg.errors
        archive.counts.filtered = archive.counts.filtered + (msg.filtered or 0)
        w.finished = true
        return advance(w)
      elseif msg.fatal then
        report("worker " .. w.pid, msg.fatal)
        return advance(w)
      end
      w.head = msg
    end
    for _, w in ipairs(workers) do advance(w) end
    while true do
      local best
      for _, w in ipairs(workers) do
        if w.head and (not best or w.head.s < best.head.s) then best = w end
      end
      if not best then break end
      local msg = best.head
      if msg.unreadable then
        if archive.on_error then archive.on_error({path = msg.p, error = msg.unreadable}, msg.s) end
      elseif msg.pending then
        local copied, err = worker.copy(best.pipe, sink, msg.bytes)
        if copied ~= msg.bytes then
          report(copied and ("worker " .. best.pid) or msg.p, err or "a worker's result was cut short")
        end
      elseif msg.e then report(msg.p, msg.e) else emit(integers(msg.v), msg.p) end
      advance(best)
    end
    for _, w in ipairs(workers) do
      w.pipe:close()
      local how, code = worker.wait(w.pid)
      w.reaped = true
      if how == "signal" or code ~= 0 then
        report("worker " .. w.pid, how == "signal" and ("killed by signal " .. code) or ("exit status " .. code))
      end
    end
  end
  if opts.reduce then return acc end
  if not opts.each then return results end
end

return map
