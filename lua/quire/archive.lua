--- quire.archive: streaming the records of an archive, with filters,
-- error reporting and a progress line.

local record = require "quire.record"
local C = require "quire.c.archive"
local sys = require "quire.c.sys"
local cdate = require "quire.c.date"
local limits = require "quire.c.limits"

local archive = {}

--- Counts over every record any open() in this process has read:
-- records, errors, and filtered (left out by where, since or until).
archive.counts = {records = 0, errors = 0, filtered = 0}

--- Called with each record that has an error and its position in walk
-- order (set by the command line to print "path: reason" on stderr; in
-- quire.map's workers the main process calls it, in input order); nil means
-- errors are only counted.
archive.on_error = nil

--- Whether to draw a progress line on stderr (set by the command line when
-- stderr is a terminal and --quiet is absent).
archive.progress = false

--- Seconds a run must take before the progress line appears
-- ($QUIRE_PROGRESS_AFTER overrides it, for tests).
archive.progress_after = tonumber(os.getenv("QUIRE_PROGRESS_AFTER")) or 1

--- PATHS as a list, with "-" replaced by the paths read from stdin (so
-- that worker processes need not share stdin).
function archive.expand(paths)
  local out = {}
  for p in archive.inputs(paths) do out[#out + 1] = p end
  return out
end

-- Paths of PATHS: strings, lists of strings; "-" reads paths from stdin.
function archive.inputs(paths)
  if type(paths) == "string" then paths = {paths} end
  return coroutine.wrap(function()
    for _, p in ipairs(paths) do
      if p == "-" then
        for line in io.stdin:lines() do
          if line ~= "" then coroutine.yield(line) end
        end
      else
        coroutine.yield(p)
      end
    end
  end)
end

--- Where --where expressions find names that are not record fields: the
-- globals, or the --sandbox environment (set by the command line).
archive.where_env = _G

--- Compiles a --where expression into a predicate over records. Field names
-- (title, source, body, time, ...) read the record; other names are globals.
function archive.where(expr)
  if type(expr) == "function" then return expr end
  local current
  local env = setmetatable({}, {__index = function(_, k)
    local v = current[k]
    if v ~= nil then return v end
    if k == "rec" then return current end  -- `rec.source` reads as in scripts
    return archive.where_env[k]
  end})
  local chunk, err = load("return (" .. expr .. ")", "=--where", "t", env)
  if not chunk then
    -- the parentheses (which keep it one expression) are ours: report the
    -- error as the expression alone reads, "near <eof>" rather than "near ')'"
    local _, plain = load("return " .. expr, "=--where", "t", env)
    err = plain or err
    error(string.format("--where: cannot compile %q: %s", expr, err:gsub("^%-%-where:%d+: ", "")), 0)
  end
  return function(rec)
    current = rec
    return chunk()
  end
end

--- Reads a --since/--until value: a date in any form records use, or epoch
-- seconds. For "until", a date without a time means the end of that day.
function archive.bound(value, tz, is_until)
  if type(value) == "number" then return value end
  local t, _, _, date_only = cdate.parse(tostring(value), tz)
  if not t then error(string.format("cannot read date %q (try 2021-08-09)", value), 0) end
  if is_until and date_only then t = t + 86400 - 1 end
  return t
end

local function progress_line(state, final)
  local now = sys.now()
  if not final and now - state.last < 0.25 and state.drawn then return end
  state.last = now
  local elapsed = now - state.start
  if elapsed < archive.progress_after then return end
  state.drawn = true
  local c = archive.counts
  io.stderr:write(string.format("\r\27[K%d records, %.0f/s, %d errors",
    state.n, state.n / elapsed, c.errors))
  if final then io.stderr:write("\n") end
end

--- The shard every open() keeps unless its opts say otherwise: nil (all
-- files), or {k = K, n = N} (set by the command line's --shard K/N).
archive.shard = nil

--- Reads "K/N" (1 <= K <= N) into {k = K, n = N}; raises for anything else.
function archive.parse_shard(text)
  if type(text) == "table" then return text end
  local k, n = tostring(text):match("^(%d+)/(%d+)$")
  k, n = tonumber(k), tonumber(n)
  if not k or n < 1 or k < 1 or k > n then
    error(string.format("--shard takes K/N with 1 <= K <= N, got '%s'", tostring(text)), 0)
  end
  return {k = math.tointeger(k), n = math.tointeger(n)}
end

--- FNV-1a (32 bits) of S: the stable hash that picks a path's shard.
function archive.fnv1a(s)
  local h = 2166136261
  for i = 1, #s do
    h = ((h ~ s:byte(i)) * 16777619) & 0xffffffff
  end
  return h
end

--- The shard (1..N) of a file at REL, its path relative to the archive
-- root given (the path itself for a single file or a JSONL record).
function archive.shard_of(rel, n)
  return archive.fnv1a(rel) % n + 1
end

local cjson = require("cjson").new()
cjson.decode_invalid_numbers(true)

-- JSON values as plain Lua: null is absent.
local function plain(v)
  if v == cjson.null then return nil end
  if type(v) == "table" then
    for k, x in pairs(v) do v[k] = plain(x) end
  end
  return v
end

--- A record rebuilt from one line of JSON Lines (as `quire export --to
-- jsonl` writes them): fields as given, lists and meta defaulting to empty,
-- time from date when absent. WHERE names the line for errors. A line that
-- is not a JSON object gives an error record.
-- A line without a body but with the cleaned article (`text`, and `blocks`
-- as `quire clean --format jsonl` writes them) gives a record marked
-- rec.cleaned, whose rec:text() and rec:blocks() are that article. Fields
-- named like a record method (text, blocks, clean, ...) would hide the
-- method, so they move: text and blocks to the article, others to meta.
function archive.from_json(line, where, opts)
  local ok, obj = pcall(cjson.decode, line)
  if not ok or type(obj) ~= "table" or not line:match("^%s*{") then
    local msg = ok and "not a JSON object" or tostring(obj):gsub("^.-:%d+: ", "")
    return setmetatable({path = where, meta = {}, categories = {}, tags = {},
                         error = "invalid JSON Lines record: " .. msg}, record.Record)
  end
  obj = plain(obj)
  obj.meta = type(obj.meta) == "table" and obj.meta or {}
  obj.categories = type(obj.categories) == "table" and obj.categories or {}
  obj.tags = type(obj.tags) == "table" and obj.tags or {}
  if type(obj.path) ~= "string" then obj.path = where end
  if math.type(obj.time) == "float" then obj.time = math.tointeger(obj.time) or obj.time end
  if obj.time == nil and type(obj.date) == "string" then
    obj.time = cdate.parse(obj.date, (opts and opts.tz) or record.defaults.tz)
  end
  require "quire.clean"  -- the record methods the fields must not hide
  local text, blocks = obj.text, obj.blocks
  obj.text, obj.blocks = nil, nil
  if type(obj.body) ~= "string" and (type(text) == "string" or type(blocks) == "table") then
    obj._article = {text = type(text) == "string" and text or nil,
                    written = type(blocks) == "table" and blocks or nil}
    obj.cleaned = true
  end
  for k, v in pairs(obj) do
    if type(k) == "string" and k:sub(1, 1) ~= "_" and record.Record[k] ~= nil then
      obj[k] = nil
      if obj.meta[k] == nil then obj.meta[k] = v end
    end
  end
  return setmetatable(obj, record.Record)
end

local function is_jsonl(path)
  return path:sub(-6):lower() == ".jsonl"
end

--- Streams records from PATHS (files, folders walked recursively in sorted
-- order, or "-" for a list of paths on stdin), one at a time. Yields each
-- record and its position in walk order (1-based, counting every file).
-- A file ending in .jsonl holds one record per line (JSON Lines, as
-- `quire export --to jsonl` writes); on stdin, a line starting with "{" is
-- such a record rather than a path.
-- opts: tz, source, max_bytes (passed to quire.record), and filters:
--   where  a Lua expression string or function(rec) -> truthy
--   since, until  dates (inclusive) or epoch seconds
--   shard  "K/N" or {k=, n=}: only files whose path (relative to the
--          archive root given) hashes to shard K of N; false for all files
--          (default: archive.shard, from --shard)
-- Records with an error are counted and passed to archive.on_error (the
-- command line prints them), then filtered like any other; a --where that
-- raises for a record makes that record an error.
function archive.open(paths, opts)
  if opts ~= nil and type(opts) ~= "table" then
    -- quire.open(...) with two archives would take the second for options
    error(string.format("bad argument #2 to 'open' (table of options expected, got %s;" ..
      " give several paths as a list: quire.open{...})", type(opts)), 2)
  end
  opts = opts or {}
  local tz = opts.tz or record.defaults.tz
  local where = opts.where and archive.where(opts.where)
  local since = opts.since and archive.bound(opts.since, tz, false)
  local till = opts["until"] and archive.bound(opts["until"], tz, true)
  local counts = archive.counts
  local state = {n = 0, start = sys.now(), last = 0, seq = 0}
  -- a worker of quire.map reads only its share: {index, count, tickets}
  local worker = opts.worker
  local shard = opts.shard
  if shard == nil then shard = archive.shard end
  shard = shard and archive.parse_shard(shard) or nil

  -- Whether REL (a path relative to its archive root) is in the shard.
  local function in_shard(rel)
    return not shard or archive.shard_of(rel, shard.n) == shard.k
  end

  -- Whether this process should read the next file in walk order. With
  -- shared tickets a worker reads the file whose number it took last and
  -- takes the next number when it has read it; else every count-th file.
  local function mine()
    state.seq = state.seq + 1
    if not worker then return true end
    if not worker.tickets then return (state.seq - 1) % worker.count == worker.index end
    state.claimed = state.claimed or worker.tickets:take()
    if state.seq ~= state.claimed then return false end
    state.claimed = nil
    return true
  end

  local function count_error(rec)
    counts.errors = counts.errors + 1
    if archive.on_error then archive.on_error(rec, state.seq) end
  end

  local function deliver(rec)
    counts.records = counts.records + 1
    state.n = state.n + 1
    if archive.progress and (state.n % 64 == 0 or archive.progress_after == 0) then
      progress_line(state)
    end
    if rec.error then count_error(rec) end
    if where then
      limits.arm()
      local ok, keep = pcall(where, rec)
      limits.disarm()
      if not ok then
        keep = limits.explain(keep)
        if not rec.error then
          local msg = tostring(keep)
          -- an expression's errors already start "--where:1:" (its chunk name)
          rec.error = msg:find("^%-%-where:") and msg or "--where: " .. msg
          count_error(rec)
        end
        return
      end
      if not keep then counts.filtered = counts.filtered + 1; return end
    end
    if (since and not (rec.time and rec.time >= since)) or (till and not (rec.time and rec.time <= till)) then
      counts.filtered = counts.filtered + 1
      return
    end
    -- the caller's loop body is user code: --timeout bounds it per record
    limits.arm(rec.path)
    coroutine.yield(rec, state.seq)
    limits.disarm()
  end

  -- record.read, with running out of memory (--memory-limit) an error
  -- record rather than the end of the walk
  local function read(path)
    local ok, rec = pcall(record.read, path, opts)
    if ok then return rec end
    local msg = limits.explain(rec)
    if msg == rec then error(rec, 0) end
    collectgarbage()
    return setmetatable({path = path, meta = {}, categories = {}, tags = {}, error = msg}, record.Record)
  end

  local function error_record(path, msg)
    return setmetatable({path = path, meta = {}, categories = {}, tags = {}, error = msg},
                        record.Record)
  end

  -- JSON Lines: every line a record, sharded by its path
  local function read_jsonl(input)
    local f, ferr = io.open(input, "r")
    if not f then
      if mine() then deliver(error_record(input, "cannot read: " .. ferr)) end
      return
    end
    local n = 0
    for line in f:lines() do
      n = n + 1
      if line:match("%S") then
        local rec = archive.from_json(line, input .. ":" .. n, opts)
        if in_shard(rec.path) and mine() then deliver(rec) end
      end
    end
    f:close()
  end

  -- the closing value of a generic for: a loop left early (break, error)
  -- stops the --timeout clock of its last record
  local stop = setmetatable({}, {__close = function() limits.disarm() end})

  return coroutine.wrap(function()
    for input in archive.inputs(paths) do
      local kind, err
      if input:sub(1, 1) ~= "{" then kind, err = sys.kind(input) end
      if input:sub(1, 1) == "{" then
        local rec = archive.from_json(input, "(stdin)", opts)
        if in_shard(rec.path) and mine() then deliver(rec) end
      elseif kind == "file" and is_jsonl(input) then
        read_jsonl(input)
      elseif kind == "directory" then
        local root = #input:gsub("/+$", "") + 2  -- where the relative path starts
        for path, walk_err in C.walk(input) do
          if in_shard(path:sub(root)) and mine() then
            if walk_err then
              deliver(error_record(path, "cannot read folder: " .. walk_err))
            else
              deliver(read(path))
            end
          end
        end
      elseif in_shard(input) and mine() then
        if kind then
          deliver(read(input))
        else
          deliver(error_record(input, "cannot read: " .. err))
        end
      end
    end
    if state.drawn then progress_line(state, true) end
  end), nil, nil, stop
end

return archive
